package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/uri"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// inlineBuilder collects inlines, merging adjacent text.
type inlineBuilder struct {
	out []doc.Inline
	sb  strings.Builder // pending text
	// at is the source of the pending text, set by mark; zero until then.
	at source.Span
}

func (b *inlineBuilder) text(s string) { b.sb.WriteString(s) }

// mark extends the span of the pending text to cover sp.
func (b *inlineBuilder) mark(sp source.Span) {
	switch {
	case sp.File == nil:
	case b.at.File == nil:
		b.at = sp
	default:
		b.at.Start, b.at.End = min(b.at.Start, sp.Start), max(b.at.End, sp.End)
	}
}

func (b *inlineBuilder) flush() {
	if b.sb.Len() > 0 {
		b.out = append(b.out, &doc.Text{Span: b.at, Value: b.sb.String()})
		b.sb.Reset()
	}
	b.at = source.Span{}
}

func (b *inlineBuilder) add(in doc.Inline) {
	b.flush()
	b.out = append(b.out, in)
}

// addAll adds converted inlines, merging text at the seam.
func (b *inlineBuilder) addAll(ins []doc.Inline) {
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok {
			b.mark(t.Span)
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
	return c.bracketSpans(b.done())
}

// appendInlines converts the siblings from first up to (not including)
// stop. Raw inline HTML tags pair up across siblings, hence the range.
func (c *converter) appendInlines(b *inlineBuilder, first, stop ast.Node) {
	for n := first; n != nil && n != stop; {
		next := n.NextSibling()
		// Every inline made from n gets n's span (text merged across
		// nodes, the union of theirs), so that a renderer can point at it.
		start, end := c.extent(n)
		if start < 0 {
			// Typographic replacements ("---" → "—") have no position:
			// they stand where the text before them ends.
			start, end = c.lastEnd, c.lastEnd
		}
		c.lastEnd = end
		at := c.span(start, end)
		k, pending := len(b.out), b.sb.Len()
		switch n := n.(type) {
		case *ast.Text:
			b.mark(at)
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
			b.add(&doc.Link{URL: uri.Encode(u), Inlines: []doc.Inline{&doc.Text{Span: at, Value: label}}})
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
		for _, in := range b.out[k:] {
			setSpan(in, at)
		}
		if b.sb.Len() > pending || len(b.out) > k && b.sb.Len() > 0 {
			b.mark(at)
		}
		n = next
	}
}

// extent is the range of a goldmark inline in the parsed text: its own
// segment or positions, or the union of its children's; an emphasis
// includes its delimiters. -1, -1 when nothing in it has a position.
func (c *converter) extent(n ast.Node) (int, int) {
	start, end := -1, -1
	add := func(s, e int) {
		if s < 0 || e < s {
			return
		}
		if start < 0 || s < start {
			start = s
		}
		end = max(end, e)
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Text:
			add(n.Segment.Start, n.Segment.Stop)
			return
		case *ast.RawHTML:
			if l := n.Segments.Len(); l > 0 {
				add(n.Segments.At(0).Start, n.Segments.At(l-1).Stop)
			}
			return
		case *citeNode:
			add(n.Start, n.End)
			return
		case *footnoteRef:
			add(n.Start, n.End)
			return
		case *inlineNote:
			add(n.Start, n.End)
			return
		case *figureAttrs:
			add(n.Start, n.End)
			return
		case *ast.AutoLink:
			add(n.Pos(), n.Pos()+len(n.Label(c.src)))
			return
		}
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			walk(ch)
		}
		if e, ok := n.(*ast.Emphasis); ok && start >= 0 {
			start, end = max(start-e.Level, 0), min(end+e.Level, len(c.src))
		}
	}
	walk(n)
	if start < 0 && n.Pos() >= 0 {
		start, end = n.Pos(), n.Pos()
	}
	return start, end
}

// setSpan gives an inline the span sp unless it has one.
func setSpan(in doc.Inline, sp source.Span) {
	if in.Pos().File != nil || sp.File == nil {
		return
	}
	switch n := in.(type) {
	case *doc.Text:
		n.Span = sp
	case *doc.Emph:
		n.Span = sp
	case *doc.Strong:
		n.Span = sp
	case *doc.Strike:
		n.Span = sp
	case *doc.Sup:
		n.Span = sp
	case *doc.Sub:
		n.Span = sp
	case *doc.SmallCaps:
		n.Span = sp
	case *doc.Styled:
		n.Span = sp
	case *doc.Code:
		n.Span = sp
	case *doc.SoftBreak:
		n.Span = sp
	case *doc.LineBreak:
		n.Span = sp
	case *doc.Link:
		n.Span = sp
	case *doc.Image:
		n.Span = sp
	case *doc.RawInline:
		n.Span = sp
	case *doc.Note:
		n.Span = sp
	case *doc.Cite:
		n.Span = sp
	case *doc.XRef:
		n.Span = sp
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
		if it.Locator == "" && it.Suffix != "" && c.r.locators != nil {
			// Not an English locator: perhaps one in the text's language.
			if label, loc, rest := splitLocatorWith(it.Suffix, c.r.locators); loc != "" {
				it.Label, it.Locator, it.Suffix = label, loc, strings.TrimRight(rest, " ")
			}
		}
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
