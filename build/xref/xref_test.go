package xref

import (
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	. "github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/build/source"
)

func site(t *testing.T, noteNumbering string) (*doc.Site, map[string]*doc.Norm) {
	f := source.NewFile("x.md", []byte(strings.Repeat("x\n", 50)))
	n13c := &doc.Norm{ID: "13c", Label: "13(c)", Chapter: map[string]*doc.Chapter{}}
	norms := map[string]*doc.Norm{"13c": n13c}
	cite := &doc.Cite{Items: []doc.CiteItem{{Key: "a"}}, InNote: true} // as the reader makes a footnote's citation
	labelled := P(&doc.Text{Value: "Labelled."})
	labelled.Attr.Label = "para:13c-knowledge"
	labelled.Span = f.At(10)
	fig := &doc.Figure{Attr: doc.Attr{Label: "fig:timeline"}, Caption: Ts("Timeline")}
	intro := &doc.Chapter{ID: "introduction", Matter: doc.FrontMatter, Short: "Introduction", Blocks: []doc.Block{
		H(2, "sec:intro-reading", "", T("How to read")),
		P(&doc.Text{Value: "Front."}),
		fig,
	}}
	c13a := &doc.Chapter{ID: "13a", Short: "Norm 13(a)", Blocks: []doc.Block{
		H(2, "", "", T("Scope and key terms")),
		P(&doc.Text{Value: "One"}, Note(P(Ts("n1")...))),
		H(3, "", "", T("Sub")),
		P(Ref("Sec:13c-legal")),
	}}
	c13c := &doc.Chapter{ID: "13c", Short: "Norm 13(c)", Norm: n13c, Blocks: []doc.Block{
		H(2, "sec:13c-scope", "", T("Scope")),
		P(&doc.Text{Value: "A"}, Note(P(cite))),
		labelled,
		H(2, "sec:13c-legal", "", T("Legal basis")),
		&doc.BlockQuote{Blocks: []doc.Block{P(Ts("quoted, not numbered")...)}},
		P(Ref("para:13c-knowledge", "fig:timeline", "norm:13c"), Note(P(Ts("n2")...))),
	}}
	n13c.Chapter["commentary"] = c13c
	bib := &doc.Chapter{ID: "bibliography", Matter: doc.BackMatter, Kind: "bibliography"}
	comm := &doc.Publication{ID: "commentary", Short: "Commentary", Chapters: []*doc.Chapter{intro, c13a, c13c, bib},
		Options: doc.Options{ParagraphNumbers: true, NoteNumbering: noteNumbering}}
	g := &doc.Chapter{ID: "13c", Short: "Implementing 13(c)", Blocks: []doc.Block{
		P(Ref("sec:13c-scope", "para:13c-knowledge", "norm:13c")),
	}}
	guide := &doc.Publication{ID: "guidelines", Short: "Guidelines", Chapters: []*doc.Chapter{g}}
	return &doc.Site{Pubs: []*doc.Publication{comm, guide}}, norms
}

func TestResolve(t *testing.T) {
	s, norms := site(t, "chapter")
	if ds := Resolve(s, norms); len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds.Err())
	}
	comm, guide := s.Pubs[0], s.Pubs[1]
	intro, c13a, c13c := comm.Chapters[0], comm.Chapters[1], comm.Chapters[2]
	if intro.Number != "" || c13a.Number != "1" || c13c.Number != "2" || comm.Chapters[3].Number != "" {
		t.Errorf("chapter numbers: %q %q %q", intro.Number, c13a.Number, c13c.Number)
	}
	if h := c13a.Blocks[0].(*doc.Heading); h.Number != "1.1" || h.Attr.ID != "scope-and-key-terms" {
		t.Errorf("heading: %q %q", h.Number, h.Attr.ID)
	}
	if h := c13a.Blocks[2].(*doc.Heading); h.Number != "1.1.1" {
		t.Errorf("subheading number %q", h.Number)
	}
	if h := intro.Blocks[0].(*doc.Heading); h.Number != "" {
		t.Errorf("front matter heading numbered %q", h.Number)
	}
	if p := intro.Blocks[1].(*doc.Para); p.Num != 0 {
		t.Errorf("front matter paragraph numbered")
	}
	// Paragraphs are numbered per chapter, top level only.
	if p := c13c.Blocks[1].(*doc.Para); p.Num != 1 || p.Attr.ID != "p1" {
		t.Errorf("para 1: %d %q", p.Num, p.Attr.ID)
	}
	if p := c13c.Blocks[2].(*doc.Para); p.Num != 2 || p.Attr.ID != "p2" {
		t.Errorf("labelled para: %d %q", p.Num, p.Attr.ID)
	}
	if p := c13c.Blocks[4].(*doc.BlockQuote).Blocks[0].(*doc.Para); p.Num != 0 {
		t.Errorf("quoted paragraph numbered")
	}
	texts := func(x *doc.XRef) []string {
		var out []string
		for _, it := range x.Items {
			out = append(out, it.Text)
		}
		return out
	}
	got := texts(c13c.Blocks[5].(*doc.Para).Inlines[0].(*doc.XRef))
	want := []string{"para. 2", "figure 1", "norm 13(c)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("same-chapter refs: %q, want %q", got, want)
	}
	x := c13a.Blocks[3].(*doc.Para).Inlines[0].(*doc.XRef)
	if x.Items[0].Text != "Section 2.2" || *x.Items[0].Target != (doc.Target{Pub: "commentary", Chapter: "13c", Anchor: "sec:13c-legal"}) {
		t.Errorf("capitalised cross-chapter ref: %q %+v", x.Items[0].Text, x.Items[0].Target)
	}
	x = guide.Chapters[0].Blocks[0].(*doc.Para).Inlines[0].(*doc.XRef)
	got = texts(x)
	want = []string{"Commentary, section 2.1", "Commentary 13(c), para. 2", "norm 13(c)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cross-publication refs: %q, want %q", got, want)
	}
	if tg := x.Items[2].Target; tg == nil || tg.Pub != "commentary" || tg.Chapter != "13c" {
		t.Errorf("norm target from guidelines: %+v", tg)
	}
	// Notes restart per chapter; citations learn their note.
	if len(c13c.Notes) != 2 || c13c.Notes[0].Num != 1 || c13c.Notes[1].Num != 2 || c13c.Notes[1].ID != "fn2" {
		t.Errorf("notes of 13c: %+v", c13c.Notes)
	}
	cite := c13c.Notes[0].Blocks[0].(*doc.Para).Inlines[0].(*doc.Cite)
	if cite.NoteNum != 1 {
		t.Errorf("cite in note: %+v", cite)
	}
}

func TestNotesPerPublication(t *testing.T) {
	s, norms := site(t, "publication")
	Resolve(s, norms)
	c13c := s.Pubs[0].Chapters[2]
	if c13c.Notes[0].Num != 2 || c13c.Notes[1].Num != 3 {
		t.Errorf("continuous note numbers: %d %d", c13c.Notes[0].Num, c13c.Notes[1].Num)
	}
}

func TestErrors(t *testing.T) {
	f := source.NewFile("c.md", []byte("## A {#sec:a}\n\n## B {#sec:a}\n\nSee @sec:b and @norm:13x and [@fig:a].\n"))
	ch := &doc.Chapter{ID: "c", Blocks: []doc.Block{
		&doc.Heading{Span: f.At(0), Level: 2, Attr: doc.Attr{ID: "sec:a", Label: "sec:a"}},
		&doc.Heading{Span: f.At(15), Level: 2, Attr: doc.Attr{ID: "sec:a", Label: "sec:a"}},
		&doc.Para{Span: f.At(30), Inlines: []doc.Inline{&doc.XRef{Items: []doc.XRefItem{
			{Span: f.At(34), Kind: "sec", Label: "sec:b"},
			{Span: f.At(44), Kind: "norm", Label: "norm:13x"},
			{Span: f.At(59), Kind: "fig", Label: "fig:a"},
		}}}},
	}}
	norms := map[string]*doc.Norm{"13c": {ID: "13c", Label: "13(c)"}}
	ds := Resolve(&doc.Site{Pubs: []*doc.Publication{{ID: "p", Chapters: []*doc.Chapter{ch}}}}, norms).Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.Position().String()+" "+d.Code+" "+d.Hint)
	}
	want := []string{
		"c.md:3:1 duplicate-label first defined at c.md:1:1",
		"c.md:5:5 unknown-label did you mean @sec:a?",
		"c.md:5:15 unknown-norm did you mean @norm:13c?",
		"c.md:5:30 unknown-label ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Scope and key terms":    "scope-and-key-terms",
		"Völkerrecht: due care!": "volkerrecht-due-care",
		"2021 reports":           "s-2021-reports",
		"—":                      "section",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPresetText(t *testing.T) {
	s, norms := site(t, "chapter")
	g := s.Pubs[1].Chapters[0]
	x := &doc.XRef{Items: []doc.XRefItem{{Kind: "norm", Label: "norm:13c", Text: "13(c)"}}}
	g.Blocks = append(g.Blocks, &doc.Para{Inlines: []doc.Inline{x}})
	if ds := Resolve(s, norms); len(ds) > 0 {
		t.Fatal(ds.Err())
	}
	if x.Items[0].Text != "13(c)" || x.Items[0].Target == nil || x.Items[0].Target.Chapter != "13c" {
		t.Errorf("preset text: %+v", x.Items[0])
	}
}
