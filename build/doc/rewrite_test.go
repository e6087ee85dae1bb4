package doc

import (
	"strings"
	"testing"
)

// The rewriter reaches every inline sequence of every block and inline
// kind, bottom-up, and leaves alone what Enter refuses.
func TestRewriter(t *testing.T) {
	x := func() []Inline { return []Inline{&Text{Value: "x"}} }
	in := func(ins ...Inline) []Inline { return ins }
	bs := []Block{
		&Para{Inlines: in(&Emph{Inlines: x()}, &Strong{Inlines: x()}, &Strike{Inlines: x()}, &Sup{Inlines: x()}, &Sub{Inlines: x()},
			&SmallCaps{Inlines: x()}, &Styled{Inlines: x()}, &Link{Inlines: x()}, &Cite{Text: x()},
			&Note{Blocks: []Block{&Para{Inlines: x()}}})},
		&Heading{Inlines: x()},
		&BlockQuote{Blocks: []Block{&Para{Inlines: x()}}},
		&List{Items: [][]Block{{&Para{Inlines: x()}}}},
		&DefList{Items: []DefItem{{Term: x(), Defs: [][]Block{{&Para{Inlines: x()}}}}}},
		&Table{Caption: x(), Head: []Row{{{Inlines: x()}}}, Body: []Row{{{Inlines: x()}}}},
		&Figure{Caption: x()},
		&Div{Blocks: []Block{&Para{Inlines: x()}}},
		&NormBox{Source: x()},
		&RefList{Entries: []RefEntry{{Inlines: x()}}},
	}
	up := func(ins []Inline) []Inline {
		out := make([]Inline, 0, len(ins))
		for _, in := range ins {
			if t, ok := in.(*Text); ok && t.Value == "x" {
				in = &Text{Value: "X"}
			}
			out = append(out, in)
		}
		return out
	}
	Rewriter{Inlines: up}.Blocks(bs)
	if got := texts(bs); got != strings.Repeat("X", 22) {
		t.Errorf("after rewriting: %q", got)
	}
	// Enter refusing notes and headings leaves them as they are.
	fresh := []Block{&Heading{Inlines: x()}, &Para{Inlines: in(&Text{Value: "x"}, &Note{Blocks: []Block{&Para{Inlines: x()}}})}}
	Rewriter{Inlines: up, Enter: func(n any) bool {
		switch n.(type) {
		case *Heading, *Note:
			return false
		}
		return true
	}}.Blocks(fresh)
	if got := texts(fresh); got != "xXx" {
		t.Errorf("with Enter: %q", got)
	}
}

// texts is every text's value in reading order.
func texts(bs []Block) string {
	s := ""
	Visitor{Inline: func(in Inline) bool {
		if t, ok := in.(*Text); ok {
			s += t.Value
		}
		return true
	}}.WalkBlocks(bs)
	return s
}
