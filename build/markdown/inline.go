package markdown

import (
	"net/url"
	"path"
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

// allowedSchemes are the URL schemes a link may have. Anything else
// (javascript:, vbscript:, data:, file:) could run code or reach the
// reader's machine.
var allowedSchemes = []string{"http", "https", "mailto", "ftp", "ftps", "tel", "urn", "doi", "news", "irc", "ircs", "xmpp", "geo"}

func urlScheme(u string) string {
	// Browsers ignore blanks and control characters inside a scheme.
	var sb strings.Builder
	for _, r := range u {
		if r == ':' {
			s := strings.ToLower(sb.String())
			for i, c := range s {
				if !(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
					return ""
				}
			}
			return s
		}
		if r == '/' || r == '?' || r == '#' {
			return ""
		}
		if r <= ' ' || r == 0x7f {
			continue
		}
		sb.WriteRune(r)
	}
	return ""
}

func unsafeURL(u string) bool {
	s := urlScheme(u)
	if s == "" {
		return false
	}
	for _, a := range allowedSchemes {
		if s == a {
			return false
		}
	}
	return true
}

func (c *converter) link(b *inlineBuilder, n *ast.Link) {
	u := strings.TrimSpace(c.clean(unescape(n.Destination)))
	c.linkDepth++
	ins := c.inlines(n)
	c.linkDepth--
	if unsafeURL(u) {
		c.warnf(n.Pos(), n.Pos()+1, "unsafe-link", "link to %q removed: only http, https, mailto and similar links are kept; its text stays", shorten(u))
		b.addAll(ins)
		return
	}
	// An internal link ([text](#sec:x), [text](other.md#x)) keeps its URL;
	// the resolver may turn it into a Target.
	l := &doc.Link{URL: string(util.URLEscape([]byte(u), true)), Inlines: ins}
	if n.Title != nil {
		l.Title = c.clean(unescape(n.Title))
	}
	b.add(l)
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

// image converts an image in running text.
func (c *converter) image(b *inlineBuilder, n *ast.Image) {
	alt := c.inlines(n)
	start, end := imageSpan(n, c.src)
	a := c.asset(n.Destination, start, end)
	if a == nil {
		b.addAll(alt)
		return
	}
	img := &doc.Image{Span: c.span(start, end), Asset: a, Alt: doc.PlainText(alt)}
	if n.Title != nil {
		img.Title = c.clean(unescape(n.Title))
	}
	if img.Alt == "" {
		c.warnf(start, end, "missing-alt", "image %s has no alternative text", a.Path).
			WithHint("describe it between the brackets: ![A map of …](%s)", a.Path)
	}
	b.add(img)
}

// imageSpan covers "![…](…)": goldmark gives the start; the end is the
// ')' or ']' after the last child, found in the source.
func imageSpan(n *ast.Image, src []byte) (int, int) {
	start := max(n.Pos(), 0)
	end := start
	if next := n.NextSibling(); next != nil {
		switch x := next.(type) {
		case *figureAttrs:
			end = x.Start
		case *ast.Text:
			end = x.Segment.Start
		}
	}
	if end <= start {
		end = lineEnd(src, start)
	}
	return start, end
}

// asset resolves an image's path against the chapter's folder. A remote or
// escaping path is an error and gives no asset.
func (c *converter) asset(dest []byte, start, end int) *doc.Asset {
	raw := strings.TrimSpace(c.clean(unescape(dest)))
	if raw == "" {
		c.errorf(start, end, "image-path", "image has no file name")
		return nil
	}
	if urlScheme(raw) != "" || strings.HasPrefix(raw, "//") {
		c.errorf(start, end, "image-path", "image %q is not a file in the project", shorten(raw)).
			WithHint("save the image in the project and give its path relative to this file")
		return nil
	}
	p := raw
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
		c.errorf(start, end, "image-path", "image path %q must be relative, with / between folders", shorten(raw))
		return nil
	}
	full := path.Clean(path.Join(path.Dir(c.r.f.Name), p))
	if full == ".." || strings.HasPrefix(full, "../") {
		c.errorf(start, end, "image-path", "image path %q leaves the project", shorten(raw))
		return nil
	}
	a, ok := c.r.assets[full]
	if !ok {
		a = &doc.Asset{Path: full}
		c.r.assets[full] = a
	}
	c.r.refs = append(c.r.refs, &AssetRef{Asset: a, Span: c.span(start, end)})
	return a
}

// figure makes a doc.Figure of a paragraph that holds one image and, at
// most, its attribute block.
func (c *converter) figure(p *ast.Paragraph) doc.Block {
	var img *ast.Image
	var fa *figureAttrs
	for ch := p.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Image:
			if img != nil || fa != nil {
				return nil
			}
			img = ch
		case *figureAttrs:
			if img == nil || fa != nil {
				return nil
			}
			fa = ch
		case *ast.Text:
			if len(strings.TrimSpace(string(ch.Segment.Value(c.src)))) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	if img == nil {
		return nil
	}
	start, end := imageSpan(img, c.src)
	caption := c.inlines(img)
	fig := &doc.Figure{Span: c.blockSpan(p), Caption: caption, Alt: doc.PlainText(caption)}
	if fa != nil {
		c.figureAttrs(fig, fa)
	}
	fig.Asset = c.asset(img.Destination, start, end)
	if fig.Asset == nil {
		return &doc.Para{Span: fig.Span, Inlines: caption}
	}
	if fig.Alt == "" {
		c.warnf(start, end, "missing-alt", "figure %s has no caption or alternative text", fig.Asset.Path).
			WithHint("write the caption between the brackets: ![A map of …](%s)", fig.Asset.Path)
	}
	return fig
}

func (c *converter) figureAttrs(fig *doc.Figure, fa *figureAttrs) {
	a := fa.Attr
	switch kind := labelKind(a.ID); {
	case a.ID == "":
	case kind == "fig":
		fig.Label = a.ID
		c.checkLabel(a.ID, fa.Start, fa.End)
	default:
		c.errorf(fa.Start, fa.End, "label-kind", "figure label %q must start with fig:", a.ID).
			WithHint("{#fig:%s}", strings.TrimPrefix(a.ID, kind+":"))
	}
	var ignored []string
	for _, cl := range a.Classes {
		ignored = append(ignored, "."+cl)
	}
	for _, kv := range a.KV {
		if kv[0] == "alt" {
			fig.Alt = kv[1]
			continue
		}
		ignored = append(ignored, kv[0])
	}
	if len(ignored) > 0 {
		// doc.Figure has no attributes yet: say so rather than drop silently.
		c.warnf(fa.Start, fa.End, "ignored-attribute", "figure attributes %s are not supported yet and are ignored", strings.Join(ignored, ", "))
	}
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
