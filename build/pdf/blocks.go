package pdf

import (
	"slices"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/index"
)

// ctx is where and how blocks are set: the column, the type size and
// whether this is running text or a footnote.
type ctx struct {
	left, width float64
	size, lead  float64
	italic      bool
	align       align
	note        bool // inside a footnote
	// numbered paragraphs get their number in the margin; only body text
	// (not notes, not quotes) has them.
	body bool
	// noteTag is the Note a one-paragraph footnote's text belongs to
	// directly, without a P of its own (0: none).
	noteTag tagID
}

func (e *engine) bodyCtx() ctx {
	return ctx{width: e.g.textW, size: e.g.body, lead: e.g.lead, body: true}
}

func (c ctx) style() tstyle {
	return tstyle{fam: famSerif, size: c.size, italic: c.italic}
}

func (c ctx) indent(l, r float64) ctx {
	c.left += l
	c.width -= l + r
	return c
}

// spacing of a block kind: the space wanted before and after it. Between
// two blocks the larger of the two applies.
func (e *engine) spacing(b doc.Block, c ctx) (before, after float64) {
	disp := e.g.quoteSkip
	if c.note {
		disp = c.lead / 3
	}
	switch n := b.(type) {
	case *doc.Para:
		if n.Num > 0 && c.body {
			return e.g.parSkip, e.g.parSkip
		}
		if c.note {
			return c.lead / 4, c.lead / 4
		}
		return 0, 0
	case *doc.Heading:
		if n.Level <= 2 {
			return 1.5 * c.lead, 0.5 * c.lead
		}
		return c.lead, 0.35 * c.lead
	case *doc.Div, *doc.RawHTML:
		return 0, 0
	case *doc.RefList:
		return c.lead / 2, c.lead / 2
	}
	return disp, disp
}

// blocks lays out a block sequence with the spacing between blocks, keep
// rules after headings, and first-line indents for paragraphs that follow
// paragraphs.
func (e *engine) blocks(bs []doc.Block, c ctx) []vitem {
	var out []vitem
	var prev doc.Block
	prevAfter := 0.0
	keepNext := false
	for _, b := range bs {
		if _, ok := b.(*doc.RawHTML); ok {
			continue
		}
		before, after := e.spacing(b, c)
		items := e.block(b, c, prev)
		if len(items) == 0 {
			continue
		}
		if prev != nil {
			if s := max(before, prevAfter); s > 0 {
				out = append(out, space(s))
			}
		}
		if keepNext {
			// No heading at a page bottom without two lines after it: the
			// heading keeps with the first line, and that with the next.
			items[0].keep = true
			keepNext = false
		}
		if _, ok := b.(*doc.Heading); ok {
			keepNext = true
		}
		out = append(out, items...)
		if _, ok := b.(*doc.NormBox); ok && e.afterNormBox != nil {
			more := e.afterNormBox
			e.afterNormBox = nil
			out = append(out, more()...)
		}
		prev, prevAfter = b, after
	}
	return out
}

func (e *engine) block(b doc.Block, c ctx, prev doc.Block) []vitem {
	// Generated blocks (a citation's note, a reference entry) have no
	// source of their own: their diagnostics point at the enclosing block.
	if sp := b.Pos(); !sp.IsZero() {
		e.span = sp
	}
	switch n := b.(type) {
	case *doc.Para:
		return e.paragraph(n, c, prev)
	case *doc.Heading:
		return e.heading(n, c)
	case *doc.BlockQuote:
		// Quotations are indented on both sides and a size smaller, as
		// law books set them.
		q := c.indent(1.4*c.size, 1.4*c.size)
		q.body = false
		if !c.note && c.size >= e.g.body {
			q.size, q.lead = c.size*0.93, c.lead*0.93
		}
		var items []vitem
		e.within(e.tag(n, "BlockQuote", 0), func() { items = e.blocks(n.Blocks, q) })
		return items
	case *doc.List:
		return e.list(n, c)
	case *doc.DefList:
		return e.defList(n, c)
	case *doc.CodeBlock:
		items := e.code(n.Text, c)
		tagItems(items, e.tag(n, "Code", 0))
		return items
	case *doc.Rule:
		w := c.width / 4
		return []vitem{{h: c.lead, ops: []op{{kind: opRule, x: c.left + (c.width-w)/2, y: c.lead / 2, w: w, h: 0.4}}}}
	case *doc.Table:
		return e.table(n, c)
	case *doc.Figure:
		return e.figure(n, c)
	case *doc.Div:
		if n.Attr.HasClass(index.ClassIndex) {
			return e.subjectIndex(n, c)
		}
		div := e.tag(n, "Div", 0)
		e.tags.get(div).lang = attrLang(n.Attr)
		var items []vitem
		e.within(div, func() { items = e.blocks(n.Blocks, c) })
		if n.Attr.ID != "" && len(items) > 0 {
			items[0].anchors = append(items[0].anchors, anchorKey(e.chapter.ID, n.Attr.ID))
		}
		return items
	case *doc.NormBox:
		return e.normBox(n, c)
	case *doc.RefList:
		return e.refList(n, c)
	}
	return nil
}

func (e *engine) paragraph(n *doc.Para, c ctx, prev doc.Block) []vitem {
	pp, ok := prev.(*doc.Para)
	indent := ok && n.Num == 0 && pp.Num == 0 && !c.note
	key := paraKey{n, c, indent}
	if lines, ok := e.paraCache[key]; ok {
		return slices.Clone(lines)
	}
	refs := e.refsUsed
	p := e.newPara(c.style())
	p.tag = c.noteTag
	if p.tag == 0 {
		p.tag = e.tag(n, "P", 0)
	}
	ptag := p.tag
	p.inlines(n.Inlines, c.style())
	o := setOpts{left: c.left, width: c.width, lead: c.lead, size: c.size, align: c.align, widows: true}
	if indent {
		o.first = e.g.indent * c.size / e.g.body
	}
	lines := e.set(p, o)
	defer func() {
		if e.refsUsed == refs && pageRefs(e.pub) {
			e.paraCache[key] = slices.Clone(lines)
		}
	}()
	if len(lines) == 0 {
		return nil
	}
	if n.Attr.ID != "" {
		lines[0].anchors = append(lines[0].anchors, anchorKey(e.chapter.ID, n.Attr.ID))
	}
	if n.Num > 0 {
		// The number is citable content: a Lbl, first in its P.
		lines[0].ops = append([]op{{kind: opMarginNum, y: c.lead/2 + 0.33*c.size, s: strconv.Itoa(n.Num),
			face: mkface(famSerif, 0), size: e.g.headSize, tag: e.tags.elem(n, "Lbl", ptag, 0)}}, lines[0].ops...)
	}
	return lines
}

// heading sets a section heading ragged right, never hyphenated, its
// number hanging before it.
func (e *engine) heading(h *doc.Heading, c ctx) []vitem {
	st := c.style()
	size, lead := c.size, c.lead
	switch {
	case h.Level <= 2:
		st.bold = true
		size, lead = c.size*1.18, c.lead*1.15
	case h.Level == 3:
		st.bold, st.italic = true, true
	default:
		st.italic = true
	}
	st.size = size
	st.nohyph = true
	p := e.newPara(st)
	p.tag = e.tag(h, headingRole(h.Level), 0)
	if h.Number != "" {
		p.text(h.Number, st)
		p.push(glueItem(0.8*size), boxInfo{})
	}
	p.inlines(h.Inlines, st)
	lines := e.set(p, setOpts{left: c.left, width: c.width, lead: lead, size: size, align: alignLeft})
	if len(lines) == 0 {
		return nil
	}
	for i := range lines {
		lines[i].keep = true
	}
	if h.Attr.ID != "" {
		lines[0].anchors = append(lines[0].anchors, anchorKey(e.chapter.ID, h.Attr.ID))
	}
	if !c.note {
		title := doc.PlainText(h.Inlines)
		if h.Number != "" {
			title = h.Number + " " + title
		}
		lines[0].marks = append(lines[0].marks, bookmark{title: title, level: e.headingLevel(h.Level)})
	}
	return lines
}

// headingLevel is a heading's depth in the bookmarks: below its chapter,
// which sits below its part when there are parts.
func (e *engine) headingLevel(level int) int {
	base := 1
	if e.chapter != nil && e.chapter.Part != nil {
		base = 2
	}
	return base + max(level-2, 0)
}

func (e *engine) list(l *doc.List, c ctx) []vitem {
	ind := e.g.listIndent * c.size / e.g.body
	ic := c.indent(ind, 0)
	ic.body = false
	var out []vitem
	L := e.tag(l, "L", 0)
	for i, item := range l.Items {
		li := e.tags.elem(l, "LI", L, i)
		var items []vitem
		e.within(e.tags.elem(l, "LBody", li, i), func() { items = e.blocks(item, ic) })
		if len(items) == 0 {
			continue
		}
		lbl := e.tags.elem(l, "Lbl", li, i)
		marker := "\u2022"
		if l.Ordered {
			marker = strconv.Itoa(l.Start+i) + "."
		} else if c.left > 0 {
			marker = "\u2013"
		}
		rs, w := e.plainRuns(marker, c.style())
		// The marker sits on the first baseline of the item.
		y := c.lead/2 + 0.33*c.size
		for _, o := range items[0].ops {
			if o.kind == opText && !o.raised {
				y = o.y
				break
			}
		}
		x := c.left + ind - w - 0.45*c.size
		var mops []op
		for _, r := range rs {
			mops = append(mops, op{kind: opText, x: x, y: y, face: r.face, size: r.size, s: r.text, tag: lbl})
			x += r.w
		}
		items[0].ops = append(mops, items[0].ops...)
		if len(out) > 0 && !l.Tight {
			out = append(out, space(c.lead/3))
		}
		out = append(out, items...)
	}
	return out
}

// defList sets terms and definitions in two columns when every term is
// short (a list of abbreviations), else each term above its definitions.
func (e *engine) defList(d *doc.DefList, c ctx) []vitem {
	bold := c.style()
	bold.bold = true
	col := 0.0
	for _, it := range d.Items {
		_, w := e.plainRuns(doc.PlainText(it.Term), bold)
		col = max(col, w)
	}
	twoCol := col <= 0.3*c.width
	var out []vitem
	L := e.tag(d, "L", 0)
	for i, it := range d.Items {
		if i > 0 {
			out = append(out, space(c.lead/4))
		}
		li := e.tags.elem(d, "LI", L, i)
		lbl, body := e.tags.elem(d, "Lbl", li, i), e.tags.elem(d, "LBody", li, i)
		saved := e.tagParent
		e.tagParent = body
		if twoCol {
			dc := c.indent(col+c.size, 0)
			dc.body = false
			var items []vitem
			for _, def := range it.Defs {
				items = append(items, e.blocks(def, dc)...)
			}
			if len(items) == 0 {
				items = []vitem{{h: c.lead}}
			}
			p := e.newPara(bold)
			p.tag = lbl
			p.inlines(it.Term, bold)
			term := e.set(p, setOpts{left: c.left, width: col + 1, lead: c.lead, size: c.size, align: alignLeft})
			if len(term) > 0 {
				items[0].ops = append(slices.Clone(term[0].ops), items[0].ops...)
				items[0].notes = append(items[0].notes, term[0].notes...)
			}
			out = append(out, items...)
			e.tagParent = saved
			continue
		}
		p := e.newPara(bold)
		p.tag = lbl
		p.inlines(it.Term, bold)
		term := e.set(p, setOpts{left: c.left, width: c.width, lead: c.lead, size: c.size, align: alignLeft})
		for i := range term {
			term[i].keep = true
		}
		out = append(out, term...)
		dc := c.indent(e.g.listIndent, 0)
		dc.body = false
		for _, def := range it.Defs {
			out = append(out, e.blocks(def, dc)...)
		}
		e.tagParent = saved
	}
	return out
}

// code sets preformatted text line for line in the mono face, wrapping a
// line too long for the column at the character that overflows.
func (e *engine) code(text string, c ctx) []vitem {
	st := tstyle{fam: famMono, size: e.g.small * c.size / e.g.body * 0.95}
	lead := e.g.smallLead * c.size / e.g.body
	left := c.left + c.size
	width := c.width - c.size
	var out []vitem
	text = strings.TrimRight(strings.ReplaceAll(text, "\t", "    "), "\n")
	for _, line := range strings.Split(text, "\n") {
		rs := e.runs(line, st)
		// Wrap: split runs wherever the width passes the column.
		var cur []run
		x := 0.0
		emit := func() {
			it := vitem{h: lead}
			xx := left
			for _, r := range cur {
				if r.tofu {
					it.ops = append(it.ops, op{kind: opTofu, x: xx, y: lead*0.72 - 0.68*r.size, w: r.w * 0.9, h: 0.68 * r.size})
				} else {
					it.ops = append(it.ops, op{kind: opText, x: xx, y: lead * 0.72, face: r.face, size: r.size, s: r.text})
				}
				xx += r.w
			}
			out = append(out, it)
			cur, x = nil, 0
		}
		for _, r := range rs {
			for x+r.w > width && !r.tofu && len([]rune(r.text)) > 1 {
				// Split the run at the last character that fits.
				fit, fw := 0, 0.0
				for i, ch := range r.text {
					cw := e.fonts.width(r.face, string(ch), r.size)
					if x+fw+cw > width {
						fit = i
						break
					}
					fw += cw
				}
				if fit == 0 && x == 0 {
					break
				}
				head := r
				head.text, head.w = r.text[:fit], fw
				if fit > 0 {
					cur = append(cur, head)
				}
				emit()
				r.text = r.text[fit:]
				r.w = e.fonts.width(r.face, r.text, r.size)
			}
			cur = append(cur, r)
			x += r.w
		}
		emit()
	}
	if len(out) > 2 {
		out[0].keep = true
		out[len(out)-2].keep = true
	}
	return out
}

func (e *engine) refList(r *doc.RefList, c ctx) []vitem {
	var out []vitem
	if r.Title != "" {
		out = append(out, e.heading(&doc.Heading{Level: 2, Inlines: []doc.Inline{&doc.Text{Value: r.Title}}}, c)...)
		out = append(out, space(c.lead/2))
	}
	labelW := 0.0
	if r.Numbered {
		for _, en := range r.Entries {
			_, w := e.plainRuns(en.Label, c.style())
			labelW = max(labelW, w)
		}
		labelW += 0.5 * c.size
	}
	for i, en := range r.Entries {
		if i > 0 {
			out = append(out, space(c.lead/5))
		}
		// Ragged right and unhyphenated, as law publishers set
		// references: justified, a line of long names and a URL opens
		// gaps of 14 pt, and a hyphen inside a name or a URL is read as
		// part of it.
		st := c.style()
		st.nohyph = true
		p := e.newPara(st)
		p.tag = e.tag(r, "BibEntry", i)
		btag := p.tag
		p.inlines(en.Inlines, st)
		o := setOpts{left: c.left, width: c.width, lead: c.lead, size: c.size, widows: true, align: alignLeft}
		if r.Numbered {
			o.first, o.hang = labelW, labelW
		} else if r.Hanging {
			o.hang = 1.5 * c.size
		}
		lines := e.set(p, o)
		if len(lines) == 0 {
			continue
		}
		if r.Numbered {
			rs, _ := e.plainRuns(en.Label, c.style())
			x := c.left
			var lops []op
			lbl := e.tags.elem(r, "Lbl", btag, i)
			for _, rr := range rs {
				lops = append(lops, op{kind: opText, x: x, y: c.lead/2 + 0.33*c.size, face: rr.face, size: rr.size, s: rr.text, tag: lbl})
				x += rr.w
			}
			lines[0].ops = append(lops, lines[0].ops...)
		}
		if en.ID != "" {
			lines[0].anchors = append(lines[0].anchors, anchorKey(e.chapter.ID, en.ID))
		}
		out = append(out, lines...)
	}
	return out
}
