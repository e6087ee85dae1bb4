package xhtml

import (
	"math"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// Blocks writes block content, one block per line.
func (r *Renderer) Blocks(b *strings.Builder, bs []doc.Block) {
	for _, bl := range bs {
		r.block(b, bl, false)
	}
}

// BlocksString renders blocks into a new string.
func (r *Renderer) BlocksString(bs []doc.Block) string {
	var b strings.Builder
	r.Blocks(&b, bs)
	return b.String()
}

func (r *Renderer) block(b *strings.Builder, bl doc.Block, tight bool) {
	defer r.within(bl.Pos())()
	switch n := bl.(type) {
	case *doc.Para:
		r.para(b, n, tight)
	case *doc.Heading:
		r.heading(b, n)
	case *doc.BlockQuote:
		b.WriteString("<blockquote>\n")
		r.Blocks(b, n.Blocks)
		b.WriteString("</blockquote>\n")
	case *doc.List:
		r.list(b, n)
	case *doc.DefList:
		r.defList(b, n)
	case *doc.CodeBlock:
		b.WriteString("<pre")
		if n.Lang != "" && attrName(n.Lang) {
			attr(b, "class", "language-"+n.Lang)
		}
		b.WriteString("><code>")
		Escape(b, n.Text)
		b.WriteString("</code></pre>\n")
	case *doc.Rule:
		b.WriteString("<hr/>\n")
	case *doc.Table:
		r.table(b, n)
	case *doc.Figure:
		r.figure(b, n)
	case *doc.RawHTML:
		r.raw(b, n.HTML, n.Span)
		b.WriteByte('\n')
	case *doc.Div:
		b.WriteString("<div")
		r.writeAttr(b, n.Attr, "")
		b.WriteString(">\n")
		r.Blocks(b, n.Blocks)
		b.WriteString("</div>\n")
	case *doc.NormBox:
		r.NormBox(b, n.Norm, n.Source)
	case *doc.RefList:
		r.refList(b, n)
	}
}

// para writes a paragraph; a numbered one starts with its number, which is
// a self-link so that readers can copy the address of "para. 12".
func (r *Renderer) para(b *strings.Builder, p *doc.Para, tight bool) {
	if tight && p.Attr.ID == "" && p.Num == 0 {
		r.Inlines(b, p.Inlines)
		return
	}
	b.WriteString("<p")
	if p.Attr.ID != "" {
		attr(b, "id", p.Attr.ID)
	}
	if p.Num > 0 {
		attr(b, "class", "numbered")
	}
	b.WriteString(">")
	// The anchors an earlier edition gave the paragraph: a link to one lands
	// here, and the stylesheet shows its note only then (:target).
	for _, a := range p.Aliases {
		b.WriteString(`<span class="alias"`)
		attr(b, "id", a.ID)
		b.WriteString(">")
		if a.Note != "" {
			b.WriteString(`<span class="alias-note">`)
			Escape(b, a.Note)
			b.WriteString("</span>")
		}
		b.WriteString("</span>")
	}
	if p.Num > 0 {
		num := strconv.Itoa(p.Num)
		if p.Attr.ID != "" {
			b.WriteString(`<a class="pnum"`)
			attr(b, "href", "#"+p.Attr.ID)
			attr(b, "title", r.cap(doc.TermParagraph)+" "+num)
			b.WriteString(">")
			b.WriteString(num)
			b.WriteString("</a> ")
		} else {
			b.WriteString(`<span class="pnum">` + num + "</span> ")
		}
	}
	r.Inlines(b, p.Inlines)
	if r.opts.Cite != nil && p.Num > 0 {
		if href := r.opts.Cite(p); href != "" {
			num := strconv.Itoa(p.Num)
			b.WriteString(` <a class="cite-action"`)
			attr(b, "href", href)
			attr(b, "data-para", num)
			b.WriteString(`>`)
			Escape(b, r.w(doc.TermCite))
			b.WriteString(`<span class="visually-hidden"> `)
			Escape(b, r.w(doc.TermParagraph)+" "+num)
			b.WriteString(`</span></a>`)
		}
	}
	if r.opts.Counterparts != nil && p.Num > 0 {
		for _, c := range r.opts.Counterparts(p) {
			b.WriteString(` <a class="alt-action"`)
			attr(b, "href", c.Href)
			attr(b, "hreflang", c.Lang)
			attr(b, "lang", c.Lang)
			b.WriteString(">")
			Escape(b, c.Text)
			// The number is for a screen reader's list of links; "§" reads
			// alike in every language.
			b.WriteString(`<span class="visually-hidden"> (§ ` + strconv.Itoa(p.Num) + `)</span></a>`)
		}
	}
	if r.opts.Comment != nil && p.Num > 0 {
		if href := r.opts.Comment(p); href != "" {
			num := strconv.Itoa(p.Num)
			b.WriteString(` <a class="comment-action"`)
			attr(b, "href", href)
			b.WriteString(`>`)
			Escape(b, r.w(doc.TermCommentParagraph))
			b.WriteString(`<span class="visually-hidden"> (`)
			Escape(b, r.w(doc.TermPara)+" "+num)
			b.WriteString(`)</span></a>`)
		}
	}
	b.WriteString("</p>\n")
}

// headingLevel maps a model level to an HTML one: h1 is the chapter title,
// so body headings start at h2, and HTML stops at h6.
func headingLevel(l int) int {
	return min(max(l, 2), 6)
}

func (r *Renderer) heading(b *strings.Builder, h *doc.Heading) {
	tag := "h" + strconv.Itoa(headingLevel(h.Level))
	b.WriteString("<" + tag)
	r.writeAttr(b, h.Attr, "")
	b.WriteString(">")
	if h.Number != "" {
		b.WriteString(`<span class="secnum">`)
		Escape(b, h.Number)
		b.WriteString("</span> ")
	}
	r.Inlines(b, h.Inlines)
	if r.opts.Permalinks && h.Attr.ID != "" {
		b.WriteString(` <a class="permalink"`)
		attr(b, "href", "#"+h.Attr.ID)
		attr(b, "aria-label", r.w(doc.TermPermalink)+": "+strings.TrimSpace(h.Number+" "+doc.PlainText(h.Inlines)))
		b.WriteString(">#</a>")
	}
	b.WriteString("</" + tag + ">\n")
}

func (r *Renderer) list(b *strings.Builder, l *doc.List) {
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	b.WriteString("<" + tag)
	if l.Ordered && l.Start != 1 && l.Start != 0 {
		attr(b, "start", strconv.Itoa(l.Start))
	}
	b.WriteString(">\n")
	for _, it := range l.Items {
		b.WriteString("<li>")
		r.item(b, it, l.Tight)
		b.WriteString("</li>\n")
	}
	b.WriteString("</" + tag + ">\n")
}

// item writes a list item's blocks; in a tight list a leading paragraph
// loses its p element, as CommonMark renders it.
func (r *Renderer) item(b *strings.Builder, bs []doc.Block, tight bool) {
	for i, bl := range bs {
		if i > 0 && tight {
			if _, ok := bs[i-1].(*doc.Para); ok {
				b.WriteByte('\n')
			}
		}
		r.block(b, bl, tight)
	}
}

func (r *Renderer) defList(b *strings.Builder, d *doc.DefList) {
	b.WriteString("<dl>\n")
	for _, it := range d.Items {
		b.WriteString("<dt>")
		r.Inlines(b, it.Term)
		b.WriteString("</dt>\n")
		for _, def := range it.Defs {
			b.WriteString("<dd>")
			tight := len(def) == 1
			r.item(b, def, tight)
			b.WriteString("</dd>\n")
		}
	}
	b.WriteString("</dl>\n")
}

var alignClass = [...]string{doc.AlignLeft: "al-l", doc.AlignCenter: "al-c", doc.AlignRight: "al-r"}

// table writes a table. Alignment is a class, not an align attribute (an
// EPUBCheck error) nor a style attribute (kept out so a strict
// Content-Security-Policy can forbid inline styles).
func (r *Renderer) table(b *strings.Builder, t *doc.Table) {
	b.WriteString(`<div class="table-wrap"`)
	capID := ""
	if r.opts.TableRegions {
		// A wide table scrolls sideways inside its wrapper; keyboard users
		// can scroll it only if the wrapper takes focus, and a focusable
		// region needs a name: the caption, or a number on the page.
		attr(b, "role", "region")
		attr(b, "tabindex", "0")
		if len(t.Caption) > 0 {
			capID = r.genID("cap")
			attr(b, "aria-labelledby", capID)
		} else {
			r.tables++
			attr(b, "aria-label", r.opts.Terms.Fill(doc.TermUncaptioned, "table", r.cap(doc.TermTable), "n", strconv.Itoa(r.tables)))
		}
	}
	b.WriteString(">")
	b.WriteString("<table")
	if t.Attr.ID != "" {
		attr(b, "id", t.Attr.ID)
	}
	b.WriteString(">\n")
	if len(t.Caption) > 0 {
		b.WriteString("<caption")
		if capID != "" {
			attr(b, "id", capID)
		}
		b.WriteString(">")
		if t.Num > 0 {
			b.WriteString(`<span class="label">`)
			Escape(b, r.cap(doc.TermTable)+" "+strconv.Itoa(t.Num))
			b.WriteString(".</span> ")
		}
		r.Inlines(b, t.Caption)
		b.WriteString("</caption>\n")
	}
	row := func(cells doc.Row, cell string) {
		b.WriteString("<tr>")
		for i, c := range cells {
			b.WriteString("<" + cell)
			if cell == "th" {
				attr(b, "scope", "col")
			}
			if i < len(t.Align) && int(t.Align[i]) < len(alignClass) && alignClass[t.Align[i]] != "" {
				attr(b, "class", alignClass[t.Align[i]])
			}
			b.WriteString(">")
			r.Inlines(b, c.Inlines)
			b.WriteString("</" + cell + ">")
		}
		b.WriteString("</tr>\n")
	}
	if len(t.Head) > 0 {
		b.WriteString("<thead>\n")
		for _, rw := range t.Head {
			row(rw, "th")
		}
		b.WriteString("</thead>\n")
	}
	if len(t.Body) > 0 {
		b.WriteString("<tbody>\n")
		for _, rw := range t.Body {
			row(rw, "td")
		}
		b.WriteString("</tbody>\n")
	}
	b.WriteString("</table></div>\n")
}

func (r *Renderer) figure(b *strings.Builder, f *doc.Figure) {
	b.WriteString("<figure")
	if f.Attr.ID != "" {
		attr(b, "id", f.Attr.ID)
	}
	b.WriteString(">")
	if f.Asset == nil || len(f.Asset.Data) == 0 {
		r.diags.Warnf(f.Span, "image-missing", "figure has no image data; its text alternative is shown instead")
		b.WriteString(`<p class="image-missing">`)
		Escape(b, f.Alt)
		b.WriteString("</p>")
	} else {
		b.WriteString("<img")
		attr(b, "src", r.opts.Src(f.Asset))
		attr(b, "alt", f.Alt)
		writeSize(b, f.Asset)
		if w := widthPercent(f.Width); w != "" {
			// A share of the figure, which spans the text: the width of
			// {width="60%"}. height:auto keeps the proportions that the
			// height attribute would otherwise fix.
			attr(b, "style", "width:"+w+"%;height:auto")
		}
		b.WriteString("/>")
	}
	if len(f.Caption) > 0 || f.Num > 0 {
		b.WriteString("<figcaption>")
		if f.Num > 0 {
			b.WriteString(`<span class="label">`)
			Escape(b, r.cap(doc.TermFigure)+" "+strconv.Itoa(f.Num))
			b.WriteString(".</span> ")
		}
		r.Inlines(b, f.Caption)
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>\n")
}

// NormBox writes a norm's official text, as it heads the chapter that
// comments on it.
func (r *Renderer) NormBox(b *strings.Builder, n *doc.Norm, src []doc.Inline) {
	if n == nil {
		return
	}
	id := "np-norm-" + n.ID // apart from heading slugs such as "norm-13c"
	b.WriteString(`<section class="normbox"`)
	attr(b, "aria-labelledby", id)
	b.WriteString(">\n<p class=\"norm-label\"")
	attr(b, "id", id)
	b.WriteString(">")
	Escape(b, r.cap(doc.TermNorm)+" "+n.Label)
	if n.Title != "" {
		b.WriteString(`: <span class="norm-title">`)
		Escape(b, n.Title)
		b.WriteString("</span>")
	}
	b.WriteString("</p>\n<blockquote class=\"norm-text\"><p>")
	Escape(b, n.Text)
	b.WriteString("</p></blockquote>\n")
	if len(src) > 0 {
		b.WriteString(`<p class="norm-source">`)
		r.Inlines(b, src)
		b.WriteString("</p>\n")
	}
	b.WriteString("</section>\n")
}

// refList writes a reference list. A titled list is a doc-bibliography
// section named by its heading; an untitled one (a digest entry's own
// reference, a chapter's further reading) is a plain list, since a page
// with several unnamed bibliography landmarks confuses landmark navigation.
// In a bibliography chapter the chapter itself carries the role.
func (r *Renderer) refList(b *strings.Builder, l *doc.RefList) {
	cls := "reflist"
	if l.Hanging {
		cls += " hanging"
	}
	if l.Numbered {
		cls += " numbered"
	}
	tag := "div"
	var hid string
	if l.Title != "" {
		tag = "section"
		hid = r.genID("refs")
	}
	b.WriteString("<" + tag)
	attr(b, "class", cls)
	if hid != "" {
		attr(b, "aria-labelledby", hid)
		if !r.inBibliography {
			if r.opts.EPUB {
				attr(b, "epub:type", "bibliography")
			}
			attr(b, "role", "doc-bibliography")
		}
	}
	b.WriteString(">\n")
	if l.Title != "" {
		b.WriteString("<h2")
		attr(b, "id", hid)
		b.WriteString(">")
		Escape(b, l.Title)
		b.WriteString("</h2>\n")
	}
	b.WriteString("<ul>\n")
	for _, e := range l.Entries {
		b.WriteString("<li")
		if e.ID != "" {
			attr(b, "id", e.ID)
		}
		b.WriteString(">")
		if l.Numbered && e.Label != "" {
			b.WriteString(`<span class="ref-label">`)
			Escape(b, e.Label)
			b.WriteString("</span> ")
		}
		r.Inlines(b, e.Inlines)
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n</" + tag + ">\n")
}

// widthPercent formats a figure's width fraction as a percentage with at
// most two decimals ("60", "33.5"); "" for the default width.
func widthPercent(w float64) string {
	if !(w > 0 && w <= 1) {
		return ""
	}
	return strconv.FormatFloat(math.Round(w*10000)/100, 'f', -1, 64)
}
