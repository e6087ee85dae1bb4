package site

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/templates"
)

func TestHumanSize(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{{512, "512 bytes"}, {1024, "1 KB"}, {348160, "340 KB"}, {1258291, "1.2 MB"}, {5 << 20, "5 MB"}} {
		if got := HumanSize(tc.n); got != tc.want {
			t.Errorf("HumanSize(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestPaths(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Rel(1, "assets/media/a b/c#d.png"), "../assets/media/a%20b/c%23d.png"},
		{ChapterHref(1, "commentary", "13c", "sec:13c-scope"), "../commentary/13c.html#sec:13c-scope"},
		{Fragment("a b\"<"), "a%20b%22%3C"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	got := Tokens("Due Diligence — “Völkerrecht” 13(c), l'État")
	want := []string{"due", "diligence", "volkerrecht", "13", "c", "l", "etat"}
	if !slices.Equal(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

func TestSearchIndex(t *testing.T) {
	ix := BuildSearchIndex(doctest.Site(0))
	find := func(url string) *SearchDoc {
		for i := range ix.Docs {
			if ix.Docs[i].URL == url {
				return &ix.Docs[i]
			}
		}
		return nil
	}
	d := find("commentary/13c.html#p2")
	if d == nil {
		t.Fatal("no entry for paragraph 2 of 13c")
	}
	if !strings.Contains(d.Text, "actual knowledge") || d.Where != "Norm 13(c) › 3.1.1 Key terms" || d.Pub != "Commentary on the 2015 GGE Norms" {
		t.Errorf("paragraph 2: %+v", *d)
	}
	if strings.Contains(d.Text, "Compare section") {
		t.Error("a note's text is indexed with the paragraph that calls it")
	}
	if tbl := find("commentary/13c.html#tbl:statements"); tbl == nil || !strings.Contains(tbl.Text, "State 1 2015 National statement") {
		t.Errorf("table cells run together or are missing: %+v", tbl)
	}
	if find("commentary/13c.html#fn3") == nil {
		t.Error("notes are not indexed")
	}
	if find("commentary/bibliography.html#ref-schmitt-2017") == nil {
		t.Error("reference entries are not indexed")
	}
	if !slices.Equal(ix.Forms["knowingly"], []string{"know"}) || !slices.Equal(ix.Forms["knowledge"], []string{"knowledg"}) {
		t.Errorf("knowingly and knowledge are not stemmed: %q, %q", ix.Forms["knowingly"], ix.Forms["knowledge"])
	}
	ps := ix.Terms["know"]
	if len(ps) == 0 || !slices.IsSortedFunc(ps, func(a, b Posting) int { return a.Doc - b.Doc }) {
		t.Errorf("postings for know: %v", ps)
	}
	if _, ok := ix.Terms["knowingly"]; ok {
		t.Error("the unstemmed form knowingly is a term")
	}
	// Tiers: chapter text above notes above generated lists.
	for url, want := range map[string]int{
		"commentary/13c.html#p2":                        TierText,
		"commentary/13c.html#fn3":                       TierNote,
		"commentary/bibliography.html#ref-schmitt-2017": TierList,
	} {
		if d := find(url); d == nil || d.Tier != want {
			t.Errorf("%s: tier %+v, want %d", url, d, want)
		}
	}
}

func TestStemmer(t *testing.T) {
	for _, tc := range []struct{ lang, word, want string }{
		{"en-GB", "diligence", "dilig"}, {"en", "obligations", "oblig"}, {"en-US", "knowingly", "know"},
		{"fr", "obligations", "oblig"}, {"de", "Pflichten", "Pflichten"}, {"", "states", "states"},
	} {
		if got := Stemmer(tc.lang)(tc.word); got != tc.want {
			t.Errorf("Stemmer(%q)(%q) = %q, want %q", tc.lang, tc.word, got, tc.want)
		}
	}
}

func BenchmarkSearchIndex(b *testing.B) {
	s := doctest.Site(0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildSearchIndex(s).JS(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestHumanDate(t *testing.T) {
	for _, tc := range []struct{ iso, lang, want string }{
		{"2026-11-01", "en-GB", "1 November 2026"},
		{"2026-11-01", "en-US", "November 1, 2026"},
		{"2026-11-01", "fr", "2026-11-01"},
		{"2026", "en-GB", "2026"},
	} {
		if got := HumanDate(tc.iso, tc.lang); got != tc.want {
			t.Errorf("HumanDate(%q, %q) = %q, want %q", tc.iso, tc.lang, got, tc.want)
		}
	}
}

// Every word a page template asks for ({{.T "name"}}) is a term: an
// unknown name would print the empty string.
func TestTemplateTerms(t *testing.T) {
	re := regexp.MustCompile(`\.T "([^"]*)"`)
	n := 0
	err := fs.WalkDir(templates.FS, "html", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, ok := doc.English[doc.Term(m[1])]; !ok {
				t.Errorf("%s: {{.T %q}} is not a term", p, m[1])
			}
		}
		return nil
	})
	if err != nil || n < 10 {
		t.Fatalf("%d terms found: %v", n, err)
	}
}

// TestSearchFormsPerLanguage: a word both editions use is stemmed by each
// edition's stemmer, and the index keeps every stem for the form, so a
// query finds the English and the French passages (with one stem per form,
// the French edition's took the English one's place and an English query
// for "due diligence" found only French pages).
func TestSearchFormsPerLanguage(t *testing.T) {
	para := func(s string) []doc.Block { return []doc.Block{&doc.Para{Inlines: []doc.Inline{&doc.Text{Value: s}}}} }
	s := &doc.Site{Lang: "en-GB", Pubs: []*doc.Publication{
		{ID: "en", Title: "E", Lang: "en-GB", Chapters: []*doc.Chapter{{ID: "c", Title: []doc.Inline{&doc.Text{Value: "C"}}, Blocks: para("due diligence obligations")}}},
		{ID: "fr", Title: "F", Lang: "fr-FR", Chapters: []*doc.Chapter{{ID: "c", Title: []doc.Inline{&doc.Text{Value: "C"}}, Blocks: para("la diligence due, les obligations")}}},
	}}
	ix := BuildSearchIndex(s)
	for _, w := range []string{"diligence", "obligations"} {
		for _, lang := range []string{"en", "fr"} {
			st := Stemmer(lang)(w)
			if st == w {
				continue
			}
			if !slices.Contains(ix.Forms[w], st) {
				t.Errorf("%s: the %s stem %q is missing from %q", w, lang, st, ix.Forms[w])
			}
			if len(ix.Terms[st]) == 0 {
				t.Errorf("%s: no postings for the %s stem %q", w, lang, st)
			}
		}
	}
	js, err := ix.JS()
	if err != nil || !strings.Contains(string(js), `"pubLangs":["en","fr"]`) {
		t.Errorf("the script lacks the editions' languages: %v %.200s", err, js)
	}
}
