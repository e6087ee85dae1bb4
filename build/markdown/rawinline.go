package markdown

import (
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/yuin/goldmark/ast"
)

// rawInline maps a raw inline HTML tag to the model: <sup>, <sub>, <br>,
// small capitals, and the emphasis tags writers reach for, each paired with
// its closing tag among the following siblings. Anything else is dropped
// with a warning (its content stays): an unbalanced raw tag cannot be made
// safe for XHTML. It returns the last node it consumed, or nil.
func (c *converter) rawInline(b *inlineBuilder, n *ast.RawHTML, stop ast.Node) ast.Node {
	raw := c.rawText(n)
	t := parseInlineTag(raw)
	pos := max(n.Pos(), 0)
	if n.Segments.Len() > 0 {
		pos = n.Segments.At(0).Start
	}
	end := pos + len(raw)
	switch {
	case t.comment:
		return nil
	case t.name == "":
		c.warnf(pos, end, "inline-html", "raw HTML %s dropped", shorten(raw))
		return nil
	case t.end:
		c.warnf(pos, end, "inline-html", "closing tag </%s> without its opening tag dropped", t.name)
		return nil
	case t.name == "br":
		b.lineEnd(&doc.LineBreak{})
		return nil
	case t.void:
		c.warnf(pos, end, "inline-html", "inline HTML <%s> dropped", t.name).
			WithHint(inlineHTMLHint)
		return nil
	}
	closer := matchingClose(n, t.name, stop, c)
	wrap := func() doc.Inline {
		switch t.name {
		case "sup":
			return &doc.Sup{}
		case "sub":
			return &doc.Sub{}
		case "em", "i":
			return &doc.Emph{}
		case "strong", "b":
			return &doc.Strong{}
		case "s", "del", "strike":
			return &doc.Strike{}
		case "span":
			if t.smallCaps() {
				return &doc.SmallCaps{}
			}
		}
		return nil
	}()
	if closer == nil {
		c.warnf(pos, end, "inline-html", "<%s> is never closed and is dropped", t.name)
		return nil
	}
	switch t.name {
	case "script", "style":
		c.warnf(pos, end, "inline-html", "inline <%s> dropped with its content", t.name)
		return closer
	}
	var inner inlineBuilder
	c.appendInlines(&inner, n.NextSibling(), closer)
	ins := inner.done()
	if wrap == nil {
		c.warnf(pos, end, "inline-html", "inline HTML <%s> dropped; its content is kept", t.name).
			WithHint(inlineHTMLHint)
		b.addAll(ins)
		return closer
	}
	setChildren(wrap, ins)
	b.add(wrap)
	return closer
}

const inlineHTMLHint = `inline HTML keeps <sup>, <sub>, <br>, <em>, <strong>, <del> and <span class="smallcaps"> only`

func setChildren(in doc.Inline, ins []doc.Inline) {
	switch x := in.(type) {
	case *doc.Sup:
		x.Inlines = ins
	case *doc.Sub:
		x.Inlines = ins
	case *doc.Emph:
		x.Inlines = ins
	case *doc.Strong:
		x.Inlines = ins
	case *doc.Strike:
		x.Inlines = ins
	case *doc.SmallCaps:
		x.Inlines = ins
	}
}

// matchingClose finds the sibling </name> that closes the tag at open.
func matchingClose(open ast.Node, name string, stop ast.Node, c *converter) ast.Node {
	depth := 0
	for n := open.NextSibling(); n != nil && n != stop; n = n.NextSibling() {
		r, ok := n.(*ast.RawHTML)
		if !ok {
			continue
		}
		t := parseInlineTag(c.rawText(r))
		if t.name != name || t.void {
			continue
		}
		if !t.end {
			depth++
			continue
		}
		if depth == 0 {
			return n
		}
		depth--
	}
	return nil
}

func (c *converter) rawText(n *ast.RawHTML) string {
	var sb strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		sb.Write(seg.Value(c.src))
	}
	return c.clean(sb.String())
}
