package index

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/terms"
)

// pub builds a publication of numbered chapters: each chapter is a list of
// paragraph texts, numbered from 1, with anchors p1, p2, …
func pub(t *testing.T, lang string, chapters map[string][]string) (*doc.Publication, *doc.Chapter) {
	t.Helper()
	tm, ds := terms.For(lang, nil)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	p := &doc.Publication{ID: "book", Lang: lang, Terms: tm, Options: doc.Options{ParagraphNumbers: true}}
	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for k := range chapters {
			if !yield(k) {
				return
			}
		}
	}) {
		ch := &doc.Chapter{ID: id, Number: strings.TrimPrefix(id, "c")}
		for i, text := range chapters[id] {
			ch.Blocks = append(ch.Blocks, &doc.Para{Num: i + 1, Attr: doc.Attr{ID: "p" + strconv.Itoa(i+1)}, Inlines: inlines(text)})
		}
		p.Chapters = append(p.Chapters, ch)
	}
	ix := &doc.Chapter{ID: "subject-index", Kind: "index", Matter: doc.BackMatter}
	p.Chapters = append(p.Chapters, ix)
	return p, ix
}

// inlines reads "text [mark]{entry} text" into Text and index Styled
// nodes: {entry} is the entry= value ("" for none).
func inlines(s string) []doc.Inline {
	var out []doc.Inline
	for {
		i := strings.Index(s, "[")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "]{") + i
		k := strings.Index(s[j:], "}") + j
		out = append(out, &doc.Text{Value: s[:i]})
		a := doc.Attr{Classes: []string{"index"}}
		if e := s[j+2 : k]; e != "" {
			a.KV = [][2]string{{"entry", e}}
		}
		out = append(out, &doc.Styled{Attr: a, Inlines: []doc.Inline{&doc.Text{Value: s[i+1 : j]}}})
		s = s[k+1:]
	}
	return append(out, &doc.Text{Value: s})
}

// lines is the index as text, one entry a line, sub-entries indented by
// two spaces, letter headings as "# X".
func lines(ix *doc.Chapter) []string {
	var out []string
	var walk func(bs []doc.Block, depth int)
	walk = func(bs []doc.Block, depth int) {
		for _, b := range bs {
			switch n := b.(type) {
			case *doc.Heading:
				out = append(out, "# "+doc.PlainText(n.Inlines))
			case *doc.Para:
				out = append(out, strings.Repeat("  ", depth-1)+doc.PlainText(n.Inlines))
			case *doc.Div:
				d := depth
				if n.Attr.HasClass(ClassEntry) {
					d++
				}
				walk(n.Blocks, d)
			}
		}
	}
	walk(ix.Blocks, 0)
	return out
}

func TestIndex(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lang     string
		chapters map[string][]string
		terms    []Term
		want     []string
	}{
		{
			name: "ranges collapse consecutive paragraphs",
			lang: "en",
			chapters: map[string][]string{
				"c1": {"Due diligence.", "More due diligence.", "Yet more due diligence.", "Nothing.", "Due diligence again."},
				"c2": {"Other.", "Due diligences, plural."},
			},
			terms: []Term{{Entry: "due diligence"}},
			want:  []string{"# D", "due diligence, 1\u00a01–3, 5; 2\u00a02"},
		},
		{
			name: "sub-entries under their entry, sorted",
			lang: "en",
			chapters: map[string][]string{
				"c1": {"Knowledge of attacks: constructive knowledge.", "Actual knowledge only.", "Due diligence."},
			},
			terms: []Term{
				{Entry: "knowledge!constructive", Find: []string{"constructive knowledge"}},
				{Entry: "knowledge!actual", Find: []string{"actual knowledge"}},
				{Entry: "knowledge"},
				{Entry: "due diligence"},
			},
			want: []string{"# D", "due diligence, 1\u00a03", "# K", "knowledge, 1\u00a01–2", "  actual, 1\u00a02", "  constructive, 1\u00a01"},
		},
		{
			name: "see and see also",
			lang: "en",
			chapters: map[string][]string{
				"c1": {"A cyber operation.", "Sovereignty and territory.", "Territory."},
			},
			terms: []Term{
				{Entry: "cyberattack", See: "cyber operation"},
				{Entry: "cyber operation"},
				{Entry: "territory", SeeAlso: []string{"sovereignty"}},
				{Entry: "sovereignty"},
			},
			want: []string{"# C", "cyber operation, 1\u00a01", "cyberattack. See cyber operation",
				"# S", "sovereignty, 1\u00a02", "# T", "territory, 1\u00a02–3. See also sovereignty"},
		},
		{
			name: "French collation: accents sort with their letter",
			lang: "fr-FR",
			chapters: map[string][]string{
				"c1": {"zèle", "État", "étude", "Europe", "œuvre", "effet", "élan", "ordre", "Ecole"},
			},
			terms: []Term{{Entry: "zèle"}, {Entry: "État"}, {Entry: "étude"}, {Entry: "Europe"}, {Entry: "œuvre"}, {Entry: "effet"}, {Entry: "élan"}, {Entry: "ordre"}, {Entry: "Ecole"}},
			want: []string{"# E", "Ecole, 1\u00a09", "effet, 1\u00a06", "élan, 1\u00a07", "État, 1\u00a02", "étude, 1\u00a03", "Europe, 1\u00a04",
				"# O", "œuvre, 1\u00a05", "ordre, 1\u00a08", "# Z", "zèle, 1\u00a01"},
		},
		{
			name: "marks: entry=, sub-entry and a sort key",
			lang: "en",
			chapters: map[string][]string{
				"c1": {"The [Corfu Channel]{Corfu Channel case} judgment.", "A [duty]{due diligence!duty to prevent} to act."},
				"c2": {"The [Corfu Channel]{Corfu Channel case} again."},
			},
			want: []string{"# C", "Corfu Channel case, 1\u00a01; 2\u00a01", "# D", "due diligence", "  duty to prevent, 1\u00a02"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ix := pub(t, tc.lang, tc.chapters)
			ds := Build(p, ix, tc.terms)
			if len(ds) > 0 {
				t.Fatalf("diagnostics: %v", ds)
			}
			got := lines(ix)
			if !slices.Equal(got, tc.want) {
				t.Errorf("index\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// Every locator is a cross-reference of Kind "index" to the first
// paragraph of its range, and see references link to the entry's anchor.
func TestLocatorTargets(t *testing.T) {
	p, ix := pub(t, "en", map[string][]string{"c1": {"Territory.", "Territory.", "Nothing.", "Territory."}})
	Build(p, ix, []Term{{Entry: "territory"}, {Entry: "land", See: "territory"}})
	var got []string
	doc.Visitor{Inline: func(in doc.Inline) bool {
		switch n := in.(type) {
		case *doc.XRef:
			for _, it := range n.Items {
				s := it.Kind + " " + it.Text + " → " + it.Target.Chapter + "#" + it.Target.Anchor
				if it.End != nil {
					s += " to #" + it.End.Anchor
				}
				got = append(got, s)
			}
		case *doc.Link:
			got = append(got, "link → "+n.Target.Chapter+"#"+n.Target.Anchor)
		}
		return true
	}}.WalkBlocks(ix.Blocks)
	want := []string{"link → subject-index#ix-territory", "index 1–2 → c1#p1 to #p2", "index 4 → c1#p4"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	anchors := map[string]bool{}
	doc.Visitor{Block: func(b doc.Block) bool {
		if d, ok := b.(*doc.Div); ok && d.Attr.ID != "" {
			anchors[d.Attr.ID] = true
		}
		return true
	}}.WalkBlocks(ix.Blocks)
	if !anchors["ix-territory"] || !anchors["ix-land"] {
		t.Errorf("entry anchors: %v", anchors)
	}
}

// A manifest term that is never found, and a see to no entry, are
// warnings at the term's position in the manifest.
func TestNeverFound(t *testing.T) {
	f := source.NewFile("normpress.yaml", []byte("index:\n  - sovereignty\n  - {term: land, see: nowhere}\n"))
	p, ix := pub(t, "en", map[string][]string{"c1": {"Territory only."}})
	ds := Build(p, ix, []Term{
		{Entry: "sovereignty", Span: f.LineCol(2, 5)},
		{Entry: "territory"},
		{Entry: "land", See: "nowhere", Span: f.LineCol(3, 5)},
	})
	var got []string
	for _, d := range ds {
		got = append(got, d.Span.Position().String()+" "+d.Sev.String()+" "+d.Code)
	}
	want := []string{"normpress.yaml:2:5 warning index-term-unused", "normpress.yaml:3:5 warning index-see"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if l := lines(ix); !slices.Equal(l, []string{"# T", "territory, 1\u00a01"}) {
		t.Errorf("index: %q", l)
	}
}

func TestWords(t *testing.T) {
	got := words("The State’s cyber-attack, l'État; “knowingly” 2021")
	want := []string{"the", "state", "cyber", "attack", "l'état", "knowingly", "2021"}
	if !slices.Equal(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
}
