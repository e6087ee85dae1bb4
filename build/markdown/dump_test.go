package markdown

import (
	"fmt"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Dump writes a chapter as a readable, deterministic tree: one node per
// line, with its span as line:col-line:col. Golden tests compare it; other
// packages' tests can too.
func Dump(c *Chapter) string {
	var d dumper
	ch := c.Doc
	d.line(0, "Chapter id=%q status=%q lang=%q norm=%q%s", ch.ID, ch.Status, ch.Lang, c.NormID, spanSuffix(c.NormSpan))
	if len(ch.Authors) > 0 {
		d.line(1, "Authors %q", ch.Authors)
	}
	if len(ch.Keywords) > 0 {
		d.line(1, "Keywords %q", ch.Keywords)
	}
	d.line(1, "Title")
	d.inlines(2, ch.Title)
	if len(ch.Abstract) > 0 {
		d.line(1, "Abstract")
		d.blocks(2, ch.Abstract)
	}
	d.line(1, "Body")
	d.blocks(2, ch.Blocks)
	for _, a := range c.Assets {
		d.line(1, "AssetRef %s%s", a.Asset.Path, spanSuffix(a.Span))
	}
	return d.String()
}

// DumpBlocks writes blocks as Dump does.
func DumpBlocks(bs []doc.Block) string {
	var d dumper
	d.blocks(0, bs)
	return d.String()
}

type dumper struct{ strings.Builder }

func (d *dumper) line(depth int, format string, args ...any) {
	d.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(d, format, args...)
	d.WriteByte('\n')
}

func spanSuffix(s source.Span) string {
	if s.File == nil {
		return ""
	}
	a, b := s.File.Position(s.Start), s.File.Position(s.End)
	return fmt.Sprintf(" @%d:%d-%d:%d", a.Line, a.Col, b.Line, b.Col)
}

func (d *dumper) blocks(depth int, bs []doc.Block) {
	for _, b := range bs {
		d.block(depth, b)
	}
}

func (d *dumper) block(depth int, b doc.Block) {
	sp := spanSuffix(b.Pos())
	switch n := b.(type) {
	case *doc.Para:
		extra := ""
		if n.Attr.Label != "" {
			extra = " label=" + n.Attr.Label
		}
		d.line(depth, "Para%s%s", extra, sp)
		d.inlines(depth+1, n.Inlines)
	case *doc.Heading:
		d.line(depth, "Heading %d%s%s", n.Level, attrText(n.Attr), sp)
		d.inlines(depth+1, n.Inlines)
	case *doc.BlockQuote:
		d.line(depth, "BlockQuote%s", sp)
		d.blocks(depth+1, n.Blocks)
	case *doc.List:
		d.line(depth, "List ordered=%t start=%d tight=%t%s", n.Ordered, n.Start, n.Tight, sp)
		for _, it := range n.Items {
			d.line(depth+1, "Item")
			d.blocks(depth+2, it)
		}
	case *doc.DefList:
		d.line(depth, "DefList%s", sp)
		for _, it := range n.Items {
			d.line(depth+1, "Term")
			d.inlines(depth+2, it.Term)
			for _, def := range it.Defs {
				d.line(depth+1, "Def")
				d.blocks(depth+2, def)
			}
		}
	case *doc.CodeBlock:
		d.line(depth, "CodeBlock lang=%q %q%s", n.Lang, n.Text, sp)
	case *doc.Rule:
		d.line(depth, "Rule%s", sp)
	case *doc.Table:
		d.line(depth, "Table label=%q align=%v%s", n.Attr.Label, n.Align, sp)
		if n.Caption != nil {
			d.line(depth+1, "Caption")
			d.inlines(depth+2, n.Caption)
		}
		for _, r := range n.Head {
			d.row(depth+1, "Head", r)
		}
		for _, r := range n.Body {
			d.row(depth+1, "Row", r)
		}
	case *doc.Figure:
		path := "<nil>"
		if n.Asset != nil {
			path = n.Asset.Path
		}
		width := ""
		if n.Width != 0 {
			width = fmt.Sprintf(" width=%g", n.Width)
		}
		d.line(depth, "Figure label=%q asset=%s alt=%q%s%s", n.Attr.Label, path, n.Alt, width, sp)
		d.inlines(depth+1, n.Caption)
	case *doc.RawHTML:
		d.line(depth, "RawHTML %q%s", n.HTML, sp)
	case *doc.Div:
		d.line(depth, "Div%s%s", attrText(n.Attr), sp)
		d.blocks(depth+1, n.Blocks)
	default:
		d.line(depth, "%T%s", b, sp)
	}
}

func (d *dumper) row(depth int, kind string, r doc.Row) {
	d.line(depth, "%s", kind)
	for _, c := range r {
		d.line(depth+1, "Cell")
		d.inlines(depth+2, c.Inlines)
	}
}

func attrText(a doc.Attr) string {
	var parts []string
	if a.ID != "" {
		parts = append(parts, "#"+a.ID)
	}
	for _, c := range a.Classes {
		parts = append(parts, "."+c)
	}
	for _, kv := range a.KV {
		parts = append(parts, fmt.Sprintf("%s=%q", kv[0], kv[1]))
	}
	if len(parts) == 0 {
		return ""
	}
	return " {" + strings.Join(parts, " ") + "}"
}

func (d *dumper) inlines(depth int, ins []doc.Inline) {
	for _, in := range ins {
		d.inline(depth, in)
	}
}

func (d *dumper) inline(depth int, in doc.Inline) {
	switch n := in.(type) {
	case *doc.Text:
		d.line(depth, "Text %q", n.Value)
	case *doc.Code:
		d.line(depth, "Code %q", n.Text)
	case *doc.SoftBreak:
		d.line(depth, "SoftBreak")
	case *doc.LineBreak:
		d.line(depth, "LineBreak")
	case *doc.Link:
		d.line(depth, "Link %q title=%q", n.URL, n.Title)
		d.inlines(depth+1, n.Inlines)
	case *doc.Image:
		path := "<nil>"
		if n.Asset != nil {
			path = n.Asset.Path
		}
		d.line(depth, "Image %s alt=%q title=%q%s", path, n.Alt, n.Title, spanSuffix(n.Span))
	case *doc.RawInline:
		d.line(depth, "RawInline %q", n.HTML)
	case *doc.Note:
		d.line(depth, "Note%s", spanSuffix(n.Span))
		d.blocks(depth+1, n.Blocks)
	case *doc.Cite:
		d.line(depth, "Cite innote=%t%s", n.InNote, spanSuffix(n.Span))
		for _, it := range n.Items {
			d.line(depth+1, "Item %s mode=%d prefix=%q label=%q locator=%q suffix=%q%s",
				it.Key, it.Mode, it.Prefix, it.Label, it.Locator, it.Suffix, spanSuffix(it.Span))
		}
	case *doc.XRef:
		d.line(depth, "XRef bracketed=%t%s", n.Bracketed, spanSuffix(n.Span))
		for _, it := range n.Items {
			d.line(depth+1, "Item %s kind=%s capital=%t prefix=%q suffix=%q%s",
				it.Label, it.Kind, it.Capital, it.Prefix, it.Suffix, spanSuffix(it.Span))
		}
	case *doc.Styled:
		d.line(depth, "Styled%s", attrText(n.Attr))
		d.inlines(depth+1, n.Inlines)
	default:
		name := strings.TrimPrefix(fmt.Sprintf("%T", in), "*doc.")
		d.line(depth, "%s", name)
		d.inlines(depth+1, doc.Children(in))
	}
}
