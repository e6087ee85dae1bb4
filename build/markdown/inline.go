package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// inlineBuilder collects inlines, merging adjacent text.
type inlineBuilder struct {
	out []doc.Inline
	sb  strings.Builder // pending text
}

func (b *inlineBuilder) text(s string) { b.sb.WriteString(s) }

func (b *inlineBuilder) flush() {
	if b.sb.Len() > 0 {
		b.out = append(b.out, &doc.Text{Value: b.sb.String()})
		b.sb.Reset()
	}
}

func (b *inlineBuilder) add(in doc.Inline) {
	b.flush()
	b.out = append(b.out, in)
}

// addAll adds converted inlines, merging text at the seam.
func (b *inlineBuilder) addAll(ins []doc.Inline) {
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok {
			b.text(t.Value)
		} else {
			b.add(in)
		}
	}
}

// lineEnd ends a line: blanks before the break are not text.
func (b *inlineBuilder) lineEnd(in doc.Inline) {
	s := b.sb.String()
	if t := strings.TrimRight(s, " \t"); len(t) != len(s) {
		b.sb.Reset()
		b.sb.WriteString(t)
	}
	b.add(in)
}

// done returns the inlines without breaks at either end.
func (b *inlineBuilder) done() []doc.Inline {
	b.flush()
	out := b.out
	for len(out) > 0 && isBreak(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && isBreak(out[0]) {
		out = out[1:]
	}
	return out
}

func isBreak(in doc.Inline) bool {
	switch in.(type) {
	case *doc.SoftBreak, *doc.LineBreak:
		return true
	}
	return false
}

func (c *converter) inlines(parent ast.Node) []doc.Inline {
	var b inlineBuilder
	c.appendInlines(&b, parent.FirstChild(), nil)
	return b.done()
}

// appendInlines converts the siblings from first up to (not including)
// stop. Raw inline HTML tags pair up across siblings, hence the range.
func (c *converter) appendInlines(b *inlineBuilder, first, stop ast.Node) {
	for n := first; n != nil && n != stop; {
		next := n.NextSibling()
		switch n := n.(type) {
		case *ast.Text:
			v := n.Segment.Value(c.src)
			if n.IsRaw() {
				b.text(c.clean(string(v)))
			} else {
				b.text(unescape(v))
			}
			if n.HardLineBreak() {
				b.lineEnd(&doc.LineBreak{})
			} else if n.SoftLineBreak() {
				b.lineEnd(&doc.SoftBreak{})
			}
		case *ast.String:
			if n.IsCode() || n.IsRaw() {
				b.text(c.clean(string(n.Value)))
			} else {
				b.text(unescape(n.Value))
			}
		case *ast.CodeSpan:
			var sb strings.Builder
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					v := tx.Segment.Value(c.src)
					v = []byte(strings.TrimRight(string(v), "\r\n"))
					sb.Write(v)
					if len(v) != tx.Segment.Len() {
						sb.WriteByte(' ')
					}
				} else if s, ok := t.(*ast.String); ok {
					sb.Write(s.Value)
				}
			}
			b.add(&doc.Code{Text: c.clean(sb.String())})
		case *ast.Emphasis:
			ins := c.inlines(n)
			if n.Level >= 2 {
				b.add(&doc.Strong{Inlines: ins})
			} else {
				b.add(&doc.Emph{Inlines: ins})
			}
		case *east.Strikethrough:
			b.add(&doc.Strike{Inlines: c.inlines(n)})
		case *ast.Link:
			c.link(b, n)
		case *ast.AutoLink:
			u := c.clean(string(n.URL(c.src)))
			label := c.clean(string(n.Label(c.src)))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u
			}
			if unsafeURL(u) {
				c.warnf(n.Pos(), n.Pos()+len(u), "unsafe-link", "link to %q removed: only http, https, mailto and similar links are kept", u)
				b.text(label)
				break
			}
			b.add(&doc.Link{URL: string(util.URLEscape([]byte(u), false)), Inlines: []doc.Inline{&doc.Text{Value: label}}})
		case *ast.Image:
			c.image(b, n)
		case *ast.RawHTML:
			if last := c.rawInline(b, n, stop); last != nil {
				next = last.NextSibling() // past the closing tag it consumed
			}
		case *citeNode:
			c.cite(b, n)
		case *footnoteRef:
			c.footnote(b, n)
		case *inlineNote:
			c.inlineNote(b, n)
		case *inlineNoteOpen:
			b.text("^[")
		case *figureAttrs:
			c.warnf(n.Start, n.End, "ignored-attribute", "attributes on an image in running text are ignored; a figure is an image alone in its paragraph")
		case *east.FootnoteBacklink:
		default:
			if n.HasChildren() {
				c.appendInlines(b, n.FirstChild(), nil)
			}
		}
		n = next
	}
}

// decodeRune decodes one rune, -1 for a byte that is not UTF-8.
func decodeRune(b []byte) (rune, int) {
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size <= 1 {
		return -1, 1
	}
	return r, size
}

func (c *converter) cite(b *inlineBuilder, n *citeNode) {
	if c.linkDepth > 0 || n.Invalid {
		// Inside a link's text "@x" is text: [@doe](url) is a link.
		b.text(cleanText(c.src[n.Start:n.End]))
		return
	}
	sp := c.span(n.Start, n.End)
	if n.Items[0].Kind != "" {
		x := &doc.XRef{Span: sp, Bracketed: n.Bracketed}
		for _, it := range n.Items {
			x.Items = append(x.Items, doc.XRefItem{
				Span: c.span(it.Start, it.End), Kind: it.Kind, Label: c.clean(it.Key),
				Prefix: c.smart(it.Prefix), Suffix: c.smart(it.Suffix), Capital: it.Capital,
			})
		}
		b.add(x)
		return
	}
	ct := &doc.Cite{Span: sp, InNote: c.noteDepth > 0}
	for _, it := range n.Items {
		ct.Items = append(ct.Items, doc.CiteItem{
			Span: c.span(it.Start, it.End), Key: c.clean(it.Key),
			Prefix: c.smart(it.Prefix), Suffix: c.smart(it.Suffix),
			Label: it.Label, Locator: c.smart(it.Locator), Mode: it.Mode,
		})
	}
	b.add(ct)
}

func (c *converter) smart(s string) string { return smartText(c.clean(s), c.r.quotes) }

func (c *converter) footnote(b *inlineBuilder, n *footnoteRef) {
	if n.Def == nil {
		c.errorf(n.Start, n.End, "undefined-footnote", "footnote [^%s] is not defined", n.Label).
			WithHint("add its text on a line of its own: [^%s]: The note.", n.Label)
		b.text(c.clean(string(c.src[n.Start:n.End])))
		return
	}
	if prev, used := c.usedNotes[n.Def]; used {
		c.errorf(n.Start, n.End, "footnote-reused", "footnote [^%s] already used at line %d", n.Label, c.line(prev)).
			WithHint("a note mark appears once; write a new note that refers back to it")
		return
	}
	c.usedNotes[n.Def] = n.Start
	if c.noteDepth > 0 {
		c.errorf(n.Start, n.End, "nested-note", "a note cannot hold another note")
		return
	}
	note := &doc.Note{Span: c.span(n.Start, n.End)}
	c.noteDepth++
	note.Blocks = c.blocks(n.Def)
	c.noteDepth--
	b.add(note)
}

func (c *converter) inlineNote(b *inlineBuilder, n *inlineNote) {
	if c.noteDepth > 0 {
		c.errorf(n.Start, n.End, "nested-note", "a note cannot hold another note")
		c.appendInlines(b, n.FirstChild(), nil)
		return
	}
	c.noteDepth++
	ins := c.inlines(n)
	c.noteDepth--
	note := &doc.Note{Span: c.span(n.Start, n.End)}
	if len(ins) > 0 {
		note.Blocks = []doc.Block{&doc.Para{Span: c.span(n.Start+2, n.End-1), Inlines: ins}}
	} else {
		c.warnf(n.Start, n.End, "empty-note", "empty inline note")
	}
	b.add(note)
}
