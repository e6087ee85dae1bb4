package xhtml

import (
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Inlines writes inline content.
func (r *Renderer) Inlines(b *strings.Builder, ins []doc.Inline) {
	for _, in := range ins {
		r.inline(b, in)
	}
}

// InlinesString renders inlines into a new string.
func (r *Renderer) InlinesString(ins []doc.Inline) string {
	var b strings.Builder
	r.Inlines(&b, ins)
	return b.String()
}

func (r *Renderer) wrap(b *strings.Builder, open, close string, ins []doc.Inline) {
	b.WriteString(open)
	r.Inlines(b, ins)
	b.WriteString(close)
}

func (r *Renderer) inline(b *strings.Builder, in doc.Inline) {
	switch n := in.(type) {
	case *doc.Text:
		Escape(b, n.Value)
	case *doc.Emph:
		r.wrap(b, "<em>", "</em>", n.Inlines)
	case *doc.Strong:
		r.wrap(b, "<strong>", "</strong>", n.Inlines)
	case *doc.Strike:
		r.wrap(b, "<del>", "</del>", n.Inlines)
	case *doc.Sup:
		r.wrap(b, "<sup>", "</sup>", n.Inlines)
	case *doc.Sub:
		r.wrap(b, "<sub>", "</sub>", n.Inlines)
	case *doc.SmallCaps:
		r.wrap(b, `<span class="smallcaps">`, "</span>", n.Inlines)
	case *doc.Styled:
		b.WriteString("<span")
		r.writeAttr(b, n.Attr, "")
		b.WriteString(">")
		r.Inlines(b, n.Inlines)
		b.WriteString("</span>")
	case *doc.Code:
		b.WriteString("<code>")
		Escape(b, n.Text)
		b.WriteString("</code>")
	case *doc.SoftBreak:
		b.WriteByte('\n')
	case *doc.LineBreak:
		b.WriteString("<br/>")
	case *doc.Link:
		r.link(b, n)
	case *doc.Image:
		r.image(b, n)
	case *doc.RawInline:
		r.raw(b, n.HTML, source.Span{})
	case *doc.Note:
		r.noteRef(b, n)
	case *doc.Cite:
		r.cite(b, n)
	case *doc.XRef:
		r.xref(b, n)
	}
}

// href resolves a link's destination; ok=false means "text only".
func (r *Renderer) href(l *doc.Link) (string, bool) {
	if l.Target != nil {
		return r.opts.Link(l.Target, r.at)
	}
	if l.URL == "" || !safeURL(l.URL) {
		return "", false
	}
	return l.URL, true
}

func (r *Renderer) link(b *strings.Builder, l *doc.Link) {
	h, ok := r.href(l)
	if !ok {
		r.Inlines(b, l.Inlines)
		return
	}
	b.WriteString("<a")
	attr(b, "href", h)
	if l.Title != "" {
		attr(b, "title", l.Title)
	}
	b.WriteString(">")
	if len(l.Inlines) == 0 {
		Escape(b, l.URL)
	}
	r.Inlines(b, l.Inlines)
	b.WriteString("</a>")
}

func (r *Renderer) image(b *strings.Builder, im *doc.Image) {
	if im.Asset == nil || len(im.Asset.Data) == 0 {
		r.diags.Warnf(im.Span, "image-missing", "image has no data; its text alternative is shown instead")
		b.WriteString(`<span class="image-missing">`)
		Escape(b, im.Alt)
		b.WriteString("</span>")
		return
	}
	b.WriteString("<img")
	attr(b, "src", r.opts.Src(im.Asset))
	attr(b, "alt", im.Alt)
	if im.Title != "" {
		attr(b, "title", im.Title)
	}
	writeSize(b, im.Asset)
	b.WriteString("/>")
}

func writeSize(b *strings.Builder, a *doc.Asset) {
	if a.Width > 0 && a.Height > 0 {
		attr(b, "width", strconv.Itoa(a.Width))
		attr(b, "height", strconv.Itoa(a.Height))
	}
}

// noteRef writes a note's mark: a link to the note text, which carries the
// id the note links back to.
func (r *Renderer) noteRef(b *strings.Builder, n *doc.Note) {
	num := strconv.Itoa(n.Num)
	id, ref := noteIDs(n)
	b.WriteString(`<sup class="noteref-wrap"><a class="noteref"`)
	attr(b, "href", "#"+id)
	attr(b, "id", ref)
	if r.opts.EPUB {
		attr(b, "epub:type", "noteref")
	}
	attr(b, "role", "doc-noteref")
	b.WriteString(">")
	b.WriteString(num)
	b.WriteString("</a></sup>")
}

func (r *Renderer) cite(b *strings.Builder, c *doc.Cite) {
	defer r.within(c.Span)()
	keys := make([]string, len(c.Items))
	for i, it := range c.Items {
		keys[i] = it.Key
	}
	b.WriteString(`<span class="citation"`)
	attr(b, "data-cites", strings.Join(keys, " "))
	b.WriteString(">")
	if c.Text != nil {
		r.Inlines(b, c.Text)
	} else {
		// The citation processor has not run: show the keys, as pandoc
		// does without --citeproc.
		b.WriteByte('[')
		Escape(b, strings.Join(keys, "; "))
		b.WriteByte(']')
	}
	b.WriteString("</span>")
}

func (r *Renderer) xref(b *strings.Builder, x *doc.XRef) {
	b.WriteString(`<span class="xref">`)
	for i, it := range x.Items {
		if i > 0 {
			Escape(b, doc.ItemSeparator)
		}
		before, after := it.Affixes()
		Escape(b, before)
		text := it.Text
		if text == "" {
			text = it.Label
		}
		h, ok := "", false
		if it.Target != nil {
			h, ok = r.opts.Link(it.Target, pick(it.Span, r.at))
		}
		if ok {
			b.WriteString("<a")
			attr(b, "href", h)
			b.WriteString(">")
			Escape(b, text)
			b.WriteString("</a>")
		} else {
			Escape(b, text)
		}
		Escape(b, after)
	}
	b.WriteString("</span>")
}

// within makes span the current position while a node is rendered; the
// returned func restores the enclosing one.
func (r *Renderer) within(span source.Span) func() {
	outer := r.at
	r.at = pick(span, outer)
	return func() { r.at = outer }
}

func pick(span, outer source.Span) source.Span {
	if span.IsZero() {
		return outer
	}
	return span
}

// noteIDs are a note's anchors; a note the resolver left without them
// (a model built by hand) gets ids from its number, so that the mark and
// the text still link to each other.
func noteIDs(n *doc.Note) (id, ref string) {
	id, ref = n.ID, n.RefID
	if id == "" {
		id = "np-fn" + strconv.Itoa(n.Num)
	}
	if ref == "" {
		ref = "np-fnref" + strconv.Itoa(n.Num)
	}
	return id, ref
}
