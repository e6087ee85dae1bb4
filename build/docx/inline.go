package docx

import (
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/paths"
)

// format is the character formatting in effect.
type format struct {
	bold, italic, strike, sup, sub, smallCaps, code bool
	style                                           string // character style: Hyperlink
	lang                                            string
}

func (f format) rPr(b *strings.Builder, w *writer) {
	lang := f.lang
	if lang == "" {
		lang = w.lang
	}
	if f == (format{}) && lang == "" {
		return
	}
	b.WriteString("<w:rPr>")
	if f.style != "" {
		b.WriteString(`<w:rStyle w:val="` + f.style + `"/>`)
	}
	if f.code {
		b.WriteString(`<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>`)
	}
	if f.bold {
		b.WriteString("<w:b/>")
	}
	if f.italic {
		b.WriteString("<w:i/>")
	}
	if f.smallCaps {
		b.WriteString("<w:smallCaps/>")
	}
	if f.strike {
		b.WriteString("<w:strike/>")
	}
	if f.sup {
		b.WriteString(`<w:vertAlign w:val="superscript"/>`)
	} else if f.sub {
		b.WriteString(`<w:vertAlign w:val="subscript"/>`)
	}
	if lang != "" {
		b.WriteString(`<w:lang w:val="`)
		esc(b, lang)
		b.WriteString(`"/>`)
	}
	b.WriteString("</w:rPr>")
}

// run writes text with a format.
func (w *writer) run(s string, f format) {
	if s == "" {
		return
	}
	b := w.out
	b.WriteString("<w:r>")
	f.rPr(b, w)
	b.WriteString(`<w:t xml:space="preserve">`)
	esc(b, s)
	b.WriteString("</w:t></w:r>")
}

func (w *writer) text(s string)             { w.run(s, format{}) }
func (w *writer) runStyled(s, style string) { w.run(s, format{style: style}) }
func (w *writer) tab()                      { w.out.WriteString("<w:r><w:tab/></w:r>") }

func (w *writer) inlines(ins []doc.Inline, f format) {
	for _, in := range ins {
		w.inline(in, f)
	}
}

func (w *writer) inline(in doc.Inline, f format) {
	switch n := in.(type) {
	case *doc.Text:
		w.run(n.Value, f)
	case *doc.Emph:
		g := f
		g.italic = !f.italic
		w.inlines(n.Inlines, g)
	case *doc.Strong:
		g := f
		g.bold = true
		w.inlines(n.Inlines, g)
	case *doc.Strike:
		g := f
		g.strike = true
		w.inlines(n.Inlines, g)
	case *doc.Sup:
		g := f
		g.sup = true
		w.inlines(n.Inlines, g)
	case *doc.Sub:
		g := f
		g.sub = true
		w.inlines(n.Inlines, g)
	case *doc.SmallCaps:
		g := f
		g.smallCaps = true
		w.inlines(n.Inlines, g)
	case *doc.Styled:
		g := f
		if l := n.Attr.Get("lang"); l != "" {
			g.lang = l
		}
		if n.Attr.HasClass("smallcaps") {
			g.smallCaps = true
		}
		if n.Attr.ID != "" {
			w.bookmarkAnchor(w.chapterID(), n.Attr.ID)
		}
		w.inlines(n.Inlines, g)
	case *doc.Code:
		g := f
		g.code = true
		w.run(n.Text, g)
	case *doc.SoftBreak:
		w.run(" ", f)
	case *doc.LineBreak:
		w.out.WriteString("<w:r><w:br/></w:r>")
	case *doc.Link:
		w.link(n.URL, n.Target, n.Inlines, f)
	case *doc.Image:
		if n.Asset != nil {
			w.image(n.Asset, n.Alt, 0)
		} else {
			w.run(n.Alt, f)
		}
	case *doc.RawInline:
		// Web editions only, as in the PDF.
	case *doc.Note:
		w.note(n, f)
	case *doc.Cite:
		if n.Text != nil {
			w.inlines(n.Text, f)
		} else {
			w.run(doc.PlainText([]doc.Inline{n}), f)
		}
	case *doc.XRef:
		for i, it := range n.Items {
			if i > 0 {
				w.run(doc.ItemSeparator, f)
			}
			before, after := it.Affixes()
			w.run(before, f)
			txt := it.Text
			if txt == "" {
				txt = it.Label
			}
			w.link("", it.Target, []doc.Inline{&doc.Text{Value: txt}}, f)
			w.run(after, f)
		}
	}
}

// link writes a hyperlink: to a bookmark for a place in this publication,
// to the HTML edition for another one (when its address is known), to the
// URL for an external link. A link that cannot be made is its text.
func (w *writer) link(url string, t *doc.Target, ins []doc.Inline, f format) {
	if w.inLink {
		w.inlines(ins, f)
		return
	}
	attr := ""
	switch {
	case t != nil && t.Pub == w.pub.ID:
		tt := *t
		if !w.anchors[tt] {
			tt.Anchor = ""
		}
		if !w.anchors[tt] {
			w.inlines(ins, f)
			return
		}
		attr = ` w:anchor="` + bookmarkName(tt.Chapter, tt.Anchor) + `"`
	case t != nil:
		if w.opts.BaseURL == "" {
			w.inlines(ins, f)
			return
		}
		u := strings.TrimSuffix(w.opts.BaseURL, "/") + "/" + t.Pub + "/"
		if t.Chapter == "" {
			u += "index.html"
		} else {
			u += t.Chapter + ".html"
			if t.Anchor != "" {
				u += "#" + paths.Fragment(t.Anchor)
			}
		}
		attr = ` r:id="` + w.externalRel(u) + `"`
	case url != "" && !strings.HasPrefix(url, "#"):
		attr = ` r:id="` + w.externalRel(url) + `"`
	default:
		w.inlines(ins, f)
		return
	}
	w.out.WriteString("<w:hyperlink" + attr + ` w:history="1">`)
	w.inLink = true
	g := f
	g.style = "Hyperlink"
	w.inlines(ins, g)
	w.inLink = false
	w.out.WriteString("</w:hyperlink>")
}

// note writes a Word footnote: the reference here, the text in
// word/footnotes.xml. Word numbers it; the section breaks between chapters
// make it restart as the publication's numbering does.
func (w *writer) note(n *doc.Note, f format) {
	if w.inNote != 0 {
		// Word has no notes in notes: the inner one stays in brackets.
		w.run(" [", f)
		for i, b := range n.Blocks {
			if i > 0 {
				w.run(" ", f)
			}
			if p, ok := b.(*doc.Para); ok {
				w.inlines(p.Inlines, f)
			}
		}
		w.run("]", f)
		return
	}
	w.noteID++
	id := strconv.Itoa(w.noteID)
	w.out.WriteString(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="` + id + `"/></w:r>`)

	saved, savedCtx, savedLink := w.out, w.ctx, w.inLink
	w.out, w.inLink = &w.notes, false
	w.inNote = n.Num
	if w.inNote == 0 {
		w.inNote = -1
	}
	w.out.WriteString(`<w:footnote w:id="` + id + `">`)
	firstPara := true
	for _, b := range n.Blocks {
		if p, ok := b.(*doc.Para); ok && firstPara {
			firstPara = false
			w.ctx = w.entry(n.Span, "note", 0)
			w.pStart("FootnoteText", "")
			w.out.WriteString(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>`)
			w.run(" ", format{})
			w.inlines(p.Inlines, format{})
			w.pEnd()
			continue
		}
		w.block(b, "FootnoteText")
	}
	if firstPara && len(n.Blocks) == 0 {
		w.ctx = w.entry(n.Span, "note", 0)
		w.pStart("FootnoteText", "")
		w.out.WriteString(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>`)
		w.pEnd()
	}
	w.out.WriteString("</w:footnote>")
	w.inNote = 0
	w.out, w.ctx, w.inLink = saved, savedCtx, savedLink
}
