package cite

import (
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/templates"
)

// testLib is a small library.
const testLib = `[
 {"id": "doe", "type": "book", "author": [{"family": "Doe", "given": "Jane"}],
  "title": "Cyber Norms", "publisher": "Example Press", "issued": {"date-parts": [[2020]]}}
]`

func library(t *testing.T, js string) *bib.Library {
	t.Helper()
	items, ds := bib.Parse(source.NewFile("refs.json", []byte(js)))
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	lib, ds := bib.NewLibrary(items)
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	return lib
}

func builtin(t *testing.T, name string) *csl.Style {
	t.Helper()
	data, ok := templates.Style(name)
	if !ok {
		t.Fatalf("no style %s", name)
	}
	st, ds := csl.ParseStyle(source.NewFile(name+".csl", data))
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	return st
}

// noteWith is a chapter whose one paragraph has a footnote made of ins.
func noteWith(ins ...doc.Inline) *doc.Publication {
	n := &doc.Note{Num: 1, Blocks: []doc.Block{&doc.Para{Inlines: ins}}}
	ch := &doc.Chapter{ID: "c", Blocks: []doc.Block{&doc.Para{Inlines: []doc.Inline{&doc.Text{Value: "Text."}, n}}}, Notes: []*doc.Note{n}}
	return &doc.Publication{ID: "p", Chapters: []*doc.Chapter{ch}}
}

func cite(key string) *doc.Cite {
	return &doc.Cite{Items: []doc.CiteItem{{Key: key}}, InNote: true, NoteNum: 1}
}

// TestCitationMeetsText: a note that ends in a citation followed by a full
// stop prints one full stop, as pandoc does (and as CSL's own joins do:
// two periods collapse into one); other marks are kept.
func TestCitationMeetsText(t *testing.T) {
	for _, tc := range []struct {
		key, before, after string
		want               string
	}{
		// The style's layout ends the note with a full stop; the author's
		// own full stop after the citation ends the same sentence.
		{"doe", "See ", ".", "See Jane Doe, Cyber Norms (Example Press, 2020)."},
		// A question mark is a different mark: both stay.
		{"doe", "Is this settled? See ", "?", "Is this settled? See Jane Doe, Cyber Norms (Example Press, 2020).?"},
	} {
		c := cite(tc.key)
		pub := noteWith(&doc.Text{Value: tc.before}, c, &doc.Text{Value: tc.after})
		ds := Format(pub, nil, Options{Library: library(t, testLib), Style: builtin(t, "chicago-notes"), Lang: "en-US"})
		if ds.HasErrors() {
			t.Fatal(ds.Err())
		}
		got := doc.PlainText(pub.Chapters[0].Notes[0].Blocks[0].(*doc.Para).Inlines)
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.key, got, tc.want)
		}
		if strings.Contains(got, "..") {
			t.Errorf("%s: doubled full stop in %q", tc.key, got)
		}
	}
}

// links collects the internal targets in inlines.
func links(ins []doc.Inline) []*doc.Target {
	var ts []*doc.Target
	for _, in := range ins {
		if l, ok := in.(*doc.Link); ok && l.Target != nil {
			ts = append(ts, l.Target)
		}
		ts = append(ts, links(doc.Children(in))...)
	}
	return ts
}

// TestNoLinkWithoutEntry (class 9): a citation links to its work's
// bibliography entry only when the style makes one; a style without a
// bibliography gives citations without links (and nothing that would
// dangle).
func TestNoLinkWithoutEntry(t *testing.T) {
	noBib, ds := csl.ParseStyle(source.NewFile("nobib.csl", []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">
<info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
<citation><layout suffix="."><text variable="title"/></layout></citation></style>`)))
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	for _, tc := range []struct {
		style *csl.Style
		links int
	}{{noBib, 0}, {builtin(t, "chicago-notes"), 1}} {
		c := cite("doe")
		pub := noteWith(&doc.Text{Value: "See "}, c, &doc.Text{Value: "."})
		list := &doc.RefList{}
		bibCh := &doc.Chapter{ID: "bibliography", Blocks: []doc.Block{list}}
		pub.Chapters = append(pub.Chapters, bibCh)
		ds := Format(pub, []Scope{{List: list, Chapters: pub.Chapters, Chapter: bibCh}}, Options{Library: library(t, testLib), Style: tc.style, Lang: "en-US"})
		if ds.HasErrors() {
			t.Fatal(ds.Err())
		}
		if got := len(links(c.Text)); got != tc.links {
			t.Errorf("%s: %d links, want %d", tc.style.Title, got, tc.links)
		}
	}
}

// TestEmptyCitationWarns (class 9): a citation of a work the style has no
// printed form for is a warning at the citation (citeproc-js prints
// "[CSL STYLE ERROR: reference with no printed form.]" in its place).
func TestEmptyCitationWarns(t *testing.T) {
	st, ds := csl.ParseStyle(source.NewFile("books.csl", []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">
<info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
<citation><layout suffix="."><choose><if type="article-journal"><text variable="title"/></if></choose></layout></citation></style>`)))
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	f := source.NewFile("c.md", []byte("See [@doe]."))
	c := cite("doe")
	c.Span = source.Span{File: f, Start: 4, End: 10}
	pub := noteWith(&doc.Text{Value: "See "}, c, &doc.Text{Value: "."})
	ds = Format(pub, nil, Options{Library: library(t, testLib), Style: st, Lang: "en-US"})
	var got []string
	for _, d := range ds.Sort() {
		got = append(got, d.String())
	}
	want := "c.md:1:5: warning: the style prints nothing for this citation of @doe"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("diagnostics %q, want one starting %q", got, want)
	}
}

// nocitePub is a publication whose one chapter cites @doe, with a
// consolidated bibliography after it.
func nocitePub() (*doc.Publication, []Scope, *doc.RefList) {
	pub := noteWith(&doc.Text{Value: "See "}, cite("doe"), &doc.Text{Value: "."})
	list := &doc.RefList{}
	bibCh := &doc.Chapter{ID: "bibliography", Blocks: []doc.Block{list}}
	pub.Chapters = append(pub.Chapters, bibCh)
	return pub, []Scope{{List: list, Chapters: pub.Chapters, Chapter: bibCh}}, list
}

const nociteLib = `[
 {"id": "doe", "type": "book", "author": [{"family": "Doe", "given": "Jane"}], "title": "Cyber Norms", "publisher": "Example Press", "issued": {"date-parts": [[2020]]}},
 {"id": "roe", "type": "book", "author": [{"family": "Roe", "given": "Ann"}], "title": "Due Diligence", "publisher": "Example Press", "issued": {"date-parts": [[2019]]}},
 {"id": "abe", "type": "book", "author": [{"family": "Abe", "given": "Kei"}], "title": "Attribution", "publisher": "Example Press", "issued": {"date-parts": [[2021]]}}
]`

func entryKeys(l *doc.RefList) []string {
	var ks []string
	for _, e := range l.Entries {
		ks = append(ks, e.Key)
	}
	return ks
}

// TestNoCite (class 9): works the manifest names under nocite join the
// publication's bibliography in the style's order, "*" adds every entry,
// and an unknown key is an error at its place in the manifest.
func TestNoCite(t *testing.T) {
	manifest := source.NewFile("normpress.yaml", []byte("nocite: [roe, nobody]\n"))
	at := func(start, end int) source.Span { return source.Span{File: manifest, Start: start, End: end} }
	for _, tc := range []struct {
		name   string
		nocite []Key
		want   []string
		diags  []string
	}{
		{"none", nil, []string{"doe"}, nil},
		{"one key", []Key{{Key: "roe", Span: at(9, 12)}}, []string{"doe", "roe"}, nil},
		{"every entry", []Key{{Key: "*", Span: at(9, 10)}}, []string{"abe", "doe", "roe"}, nil},
		{"a cited key again", []Key{{Key: "doe", Span: at(9, 12)}}, []string{"doe"}, nil},
		{"unknown key", []Key{{Key: "roe", Span: at(9, 12)}, {Key: "nobody", Span: at(14, 20)}}, []string{"doe", "roe"},
			[]string{`normpress.yaml:1:15: error: unknown citation key "nobody"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub, scopes, list := nocitePub()
			ds := Format(pub, scopes, Options{Library: library(t, nociteLib), Style: builtin(t, "chicago-notes"), Lang: "en-US", NoCite: tc.nocite})
			var got []string
			for _, d := range ds.Sort() {
				got = append(got, strings.SplitN(d.String(), "\n", 2)[0])
			}
			if strings.Join(got, "|") != strings.Join(tc.diags, "|") {
				t.Errorf("diagnostics %q, want %q", got, tc.diags)
			}
			if ks := entryKeys(list); strings.Join(ks, " ") != strings.Join(tc.want, " ") {
				t.Errorf("bibliography %v, want %v", ks, tc.want)
			}
		})
	}
}

// TestNoCiteNumbered: under a numeric style the cited works keep the first
// numbers and the works nobody cites come after them (in the order of
// the bibliography file for "*"); a chapter's own
// reference list stays the works it cites.
func TestNoCiteNumbered(t *testing.T) {
	pub, scopes, list := nocitePub()
	chList := &doc.RefList{}
	scopes = append(scopes, Scope{List: chList, Chapters: pub.Chapters[:1], Chapter: pub.Chapters[0]})
	c := pub.Chapters[0].Notes[0].Blocks[0].(*doc.Para).Inlines[1].(*doc.Cite)
	ds := Format(pub, scopes, Options{Library: library(t, nociteLib), Style: builtin(t, "numeric"), Lang: "en-US", NoCite: []Key{{Key: "*"}}})
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	if got := doc.PlainText(c.Text); got != "[1]" {
		t.Errorf("citation %q, want [1]", got)
	}
	var labels []string
	for _, e := range list.Entries {
		labels = append(labels, e.Label+" "+e.Key)
	}
	if strings.Join(labels, ", ") != "[1] doe, [2] roe, [3] abe" {
		t.Errorf("bibliography %q", labels)
	}
	if ks := entryKeys(chList); strings.Join(ks, " ") != "doe" {
		t.Errorf("the chapter's own list: %v, want only the work it cites", ks)
	}
}

// TestNoCiteWithoutBibliography: nocite in a publication that has only
// per-chapter reference lists would list the works nowhere; it says so.
func TestNoCiteWithoutBibliography(t *testing.T) {
	pub := noteWith(&doc.Text{Value: "See "}, cite("doe"), &doc.Text{Value: "."})
	chList := &doc.RefList{}
	scopes := []Scope{{List: chList, Chapters: pub.Chapters, Chapter: pub.Chapters[0]}}
	manifest := source.NewFile("normpress.yaml", []byte("nocite: [roe]\n"))
	ds := Format(pub, scopes, Options{Library: library(t, nociteLib), Style: builtin(t, "chicago-notes"), Lang: "en-US",
		NoCite: []Key{{Key: "roe", Span: source.Span{File: manifest, Start: 9, End: 12}}}})
	if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), "normpress.yaml:1:10: warning: nocite: the publication has no bibliography") {
		t.Errorf("diagnostics %v", ds)
	}
}
