package cite

import (
	"testing"

	"github.com/normpress/normpress/build/doc"
)

func TestPlaceNotes(t *testing.T) {
	cite := func(mode doc.CiteMode) *doc.Cite {
		return &doc.Cite{Items: []doc.CiteItem{{Key: "doe", Mode: mode}}}
	}
	text := func(s string) *doc.Text { return &doc.Text{Value: s} }
	for _, tc := range []struct {
		name string
		in   []doc.Inline
		want string
	}{
		{"mark after the full stop", []doc.Inline{text("The norm applies "), cite(doc.NormalCite), text(". Next")}, "The norm applies.[^doe] Next"},
		{"mark after a comma", []doc.Inline{text("as held "), cite(doc.NormalCite), text(", and so")}, "as held,[^doe] and so"},
		{"no punctuation", []doc.Inline{text("as held "), cite(doc.NormalCite), text(" and so")}, "as held[^doe] and so"},
		{"narrative keeps the name", []doc.Inline{text("As "), cite(doc.AuthorInText), text(" argues.")}, "As @doe[^doe] argues."},
		{"inside emphasis", []doc.Inline{&doc.Emph{Inlines: []doc.Inline{text("quoted "), cite(doc.NormalCite)}}}, "_quoted[^doe]_"},
		{"inside small caps", []doc.Inline{&doc.SmallCaps{Inlines: []doc.Inline{text("un "), cite(doc.NormalCite)}}}, "<un[^doe]>"},
		{"inside strike, sup and sub", []doc.Inline{&doc.Strike{Inlines: []doc.Inline{text("a "), cite(doc.NormalCite)}},
			&doc.Sup{Inlines: []doc.Inline{cite(doc.NormalCite)}}, &doc.Sub{Inlines: []doc.Inline{cite(doc.NormalCite)}}}, "<a[^doe]><[^doe]><[^doe]>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := &doc.Chapter{Blocks: []doc.Block{&doc.Para{Inlines: tc.in}}}
			PlaceNotes(ch)
			if got := show(ch.Blocks[0].(*doc.Para).Inlines); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	// A citation already in a footnote stays where it is.
	inNote := &doc.Note{Blocks: []doc.Block{&doc.Para{Inlines: []doc.Inline{cite(doc.NormalCite)}}}}
	ch := &doc.Chapter{Blocks: []doc.Block{&doc.Para{Inlines: []doc.Inline{text("x"), inNote}}}}
	PlaceNotes(ch)
	if _, ok := inNote.Blocks[0].(*doc.Para).Inlines[0].(*doc.Cite); !ok {
		t.Errorf("a citation inside a footnote was moved")
	}
}

// show writes inlines compactly: an automatic note as [^key], a narrative
// citation as @key, emphasis as _…_.
func show(ins []doc.Inline) string {
	s := ""
	for _, in := range ins {
		switch n := in.(type) {
		case *doc.Text:
			s += n.Value
		case *doc.Cite:
			s += "@" + n.Items[0].Key
		case *doc.Note:
			c := n.Blocks[0].(*doc.Para).Inlines[0].(*doc.Cite)
			if !n.Auto || c.Items[0].Mode != doc.NormalCite || !c.InNote || !c.StartsNote {
				s += "[^?]"
			}
			s += "[^" + c.Items[0].Key + "]"
		case *doc.Emph:
			s += "_" + show(n.Inlines) + "_"
		case *doc.SmallCaps, *doc.Strike, *doc.Sup, *doc.Sub:
			s += "<" + show(doc.Children(n)) + ">"
		}
	}
	return s
}
