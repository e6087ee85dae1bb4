package pdf

import (
	"strconv"

	"github.com/normpress/normpress/build/doc"
)

// noteBox lays out a footnote at the foot-of-page size: its number hangs
// in the indent, right-aligned, and its text follows at the indent.
func (e *engine) noteBox(n *doc.Note) *noteBox {
	saved := e.span
	defer func() { e.span = saved }()
	g := &e.g
	c := ctx{left: g.noteIndent, width: g.textW - g.noteIndent, size: g.note, lead: g.noteLead, note: true}
	// A Note in its chapter's Sect, with an ID unique in the file; its
	// mark in the text is a Reference (inline.go).
	note := e.tags.elem(n, "Note", e.chapterTag, 0)
	e.tags.get(note).id = "note-" + e.chapter.ID + "-" + strconv.Itoa(n.Num)
	if len(n.Blocks) == 1 {
		// A note of one paragraph is its text: the Note holds its words
		// (after its number) directly, where a P inside would only repeat
		// it (a tagged book has a thousand such notes, and every element
		// costs bytes and time).
		if p, ok := n.Blocks[0].(*doc.Para); ok && p.Num == 0 {
			c.noteTag = note
		}
	}
	var lines []vitem
	e.within(note, func() { lines = e.blocks(n.Blocks, c) })
	if len(lines) == 0 {
		lines = []vitem{{h: g.noteLead}}
	}
	// Drop spaces: a note is set solid, and the pager splits it by lines.
	out := lines[:0]
	for _, l := range lines {
		if l.space {
			continue
		}
		out = append(out, l)
	}
	rs, w := e.plainRuns(strconv.Itoa(n.Num), tstyle{fam: famSerif, size: g.note})
	x := g.noteIndent - 0.45*g.note - w
	y := g.noteLead/2 + 0.33*g.note
	for _, o := range out[0].ops {
		if o.kind == opText && !o.raised {
			y = o.y
			break
		}
	}
	// The number is the Note's own first content, read before its text
	// ("12 United Nations …"), not a Lbl of its own: the Note says what
	// it is, and a Lbl element per note made 2 % of a tagged book
	// (issue 10's size budget).
	lbl := note
	var lops []op
	for _, r := range rs {
		lops = append(lops, op{kind: opText, x: x, y: y, face: r.face, size: r.size, s: r.text, tag: lbl})
		x += r.w
	}
	out[0].ops = append(lops, out[0].ops...)
	if n.ID != "" {
		out[0].anchors = append(out[0].anchors, anchorKey(e.chapter.ID, n.ID))
	}
	return &noteBox{lines: out}
}

// normBox sets a norm's official text at the head of its chapter, framed:
// the label ("Norm 13(c)") and short title, the text in italic, and where
// it comes from.
func (e *engine) normBox(n *doc.NormBox, c ctx) []vitem {
	if n.Norm == nil {
		return nil
	}
	pad := 0.8 * c.size
	inner := c.indent(pad, pad)
	inner.body = false
	var items []vitem
	items = append(items, space(pad))
	bq := e.tag(n, "BlockQuote", 0)

	lab := c.style()
	lab.bold = true
	p := e.newPara(lab)
	p.tag = e.tags.elem(n, "P", bq, 0)
	label := e.words.norm + " " + n.Norm.Label
	if n.Norm.Label == "" {
		label = e.words.norm + " " + n.Norm.ID
	}
	p.text(label, lab)
	if n.Norm.Title != "" {
		p.text(" \u2014 ", lab)
		lab.bold = false
		lab.smallcaps = false
		p.text(n.Norm.Title, lab)
	}
	items = append(items, e.set(p, setOpts{left: inner.left, width: inner.width, lead: c.lead, size: c.size, align: alignLeft})...)
	items = append(items, space(c.lead/3))

	it := inner
	it.italic = true
	p = e.newPara(it.style())
	p.tag = e.tags.elem(n, "P", bq, 1)
	p.text(n.Norm.Text, it.style())
	items = append(items, e.set(p, setOpts{left: it.left, width: it.width, lead: c.lead, size: c.size})...)
	if len(n.Source) > 0 {
		sm := inner
		sm.size = e.g.small * c.size / e.g.body
		sm.lead = e.g.smallLead * c.size / e.g.body
		p = e.newPara(sm.style())
		p.tag = e.tags.elem(n, "P", bq, 2)
		p.text("\u2014 ", sm.style())
		p.inlines(n.Source, sm.style())
		items = append(items, space(c.lead/4))
		items = append(items, e.set(p, setOpts{left: sm.left, width: sm.width, lead: sm.lead, size: sm.size, align: alignRight})...)
	}
	items = append(items, space(pad))
	for i := range items {
		items[i].space = false
	}
	box := merge(items)
	box.ops = append([]op{{kind: opFill, x: c.left, y: 0, w: c.width, h: box.h, size: 0.94},
		{kind: opFrame, x: c.left, y: 0, w: c.width, h: box.h, size: 0.5}}, box.ops...)
	box.anchors = append(box.anchors, anchorKey(e.chapter.ID, "norm:"+n.Norm.ID), anchorKey(e.chapter.ID, "norm-"+n.Norm.ID))
	return []vitem{box}
}
