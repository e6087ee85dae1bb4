package markdown

import (
	"fmt"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// checkSpans fails when a diagnostic or a node points outside its file.
func checkSpans(t testing.TB, f *source.File, c *Chapter, diags source.Diags) {
	t.Helper()
	inside := func(what string, s source.Span) {
		if s.File == nil {
			t.Errorf("%s has no file", what)
			return
		}
		if s.File != f || s.Start < 0 || s.End > len(f.Data) || s.Start > s.End {
			t.Errorf("%s span [%d,%d) is outside the file of %d bytes", what, s.Start, s.End, len(f.Data))
		}
	}
	for _, d := range diags {
		inside("diagnostic "+d.Code, d.Span)
	}
	if c == nil {
		t.Fatal("no chapter")
	}
	for _, a := range c.Assets {
		inside("asset "+a.Asset.Path, a.Span)
	}
	if !c.NormSpan.IsZero() {
		inside("norm", c.NormSpan)
	}
	v := doc.Visitor{
		Block: func(b doc.Block) bool {
			inside("block", b.Pos())
			return true
		},
		Inline: func(in doc.Inline) bool {
			inside(fmt.Sprintf("%T %q", in, doc.PlainText([]doc.Inline{in})), in.Pos())
			switch n := in.(type) {
			case *doc.Note:
				inside("note", n.Span)
			case *doc.Image:
				inside("image", n.Span)
			case *doc.Cite:
				inside("cite", n.Span)
				for _, it := range n.Items {
					inside("cite item", it.Span)
				}
			case *doc.XRef:
				inside("xref", n.Span)
				for _, it := range n.Items {
					inside("xref item", it.Span)
				}
			}
			return true
		},
	}
	v.WalkInlines(c.Doc.Title)
	v.WalkBlocks(c.Doc.Abstract)
	v.WalkBlocks(c.Doc.Blocks)
}
