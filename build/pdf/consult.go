package pdf

import (
	"slices"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// A publication out for consultation (doc.Consultation, from the
// manifest) says so on every page of its PDF: a mark above the running
// head with the deadline, a note on the title page's verso that says what
// the draft is for and where comments go (the e-mail address as a mailto:
// link, the form's URL as a link), a status line under the title of every
// chapter still in draft or under review and the same status beside its
// running head. And its lines are numbered in the margin, restarting on
// each page as legal drafts are, so a reviewer can cite "p. 12, l. 30".
// Everything on the pages only (marks, numbers, frames) is an artifact; the
// note and the status lines are text of the document.

// consultationMark is the line at the top of every page.
func consultationMark(c *doc.Consultation, t *doc.Terms) string {
	if c.Deadline == "" {
		return t.Get(doc.TermConsultation)
	}
	return t.Get(doc.TermConsultation) + " \u2014 " + t.Fill(doc.TermCommentsBy, "date", t.Date(c.Deadline))
}

// statusLabel is what the running head adds for a chapter that is not
// final in a consultation draft.
func (e *engine) statusLabel(ch *doc.Chapter) string {
	if e.pub.StatusNote(ch) == "" {
		return ""
	}
	if ch.Status == "draft" {
		return e.pub.Terms.Get(doc.TermDraft)
	}
	return e.pub.Terms.Get(doc.TermUnderReview)
}

// consultationNote sets the cover note, framed, from the top of the text
// block: a Div of paragraphs under the Document.
func (e *engine) consultationNote(c *doc.Consultation) ([]op, float64) {
	g := &e.g
	pad := 0.8 * g.body
	width := g.textW - 2*pad
	div := e.tags.elem(c, "Div", 1, 0)
	st := tstyle{fam: famSerif, size: g.body}
	var paras [][]vitem
	add := func(k int, fill func(p *para)) {
		p := e.newPara(st)
		p.tag = e.tags.elem(c, "P", div, k)
		fill(p)
		paras = append(paras, e.set(p, setOpts{left: pad, width: width, lead: g.lead, size: g.body, align: alignLeft}))
	}
	add(0, func(p *para) {
		b := st
		b.bold = true
		p.text(e.pub.Terms.Get(doc.TermConsultation)+".", b)
		p.glue(st)
		p.text(c.Sentence(e.pub.Terms), st)
	})
	link := func(p *para, n int, label, text, url string) {
		p.text(label, st)
		p.glue(st)
		ls := st
		ls.link = e.link(linkDest{url: url})
		ls.tag = e.tags.elem(c, "Link", p.tag, n)
		ls.url, ls.nohyph = true, true
		p.text(text, ls)
	}
	if c.Email != "" {
		add(1, func(p *para) {
			link(p, 0, e.pub.Terms.Get(doc.TermCommentsEmailTo), c.Email, "mailto:"+c.Email)
		})
	}
	if c.Form != "" {
		add(2, func(p *para) {
			link(p, 1, e.pub.Terms.Get(doc.TermCommentFormLabel), c.Form, c.Form)
		})
	}
	add(3, func(p *para) {
		p.text(e.pub.Terms.Get(doc.TermLineNumbers), st)
	})
	var ops []op
	y := pad
	for i, lines := range paras {
		if i > 0 {
			y += g.lead / 3
		}
		for _, l := range lines {
			for _, o := range l.ops {
				o.y += y
				ops = append(ops, o)
			}
			y += l.h
		}
	}
	y += pad
	ops = append(ops, op{kind: opFrame, x: 0, y: 0, w: g.textW, h: y, size: 0.8})
	return ops, y
}

// consultationMark draws the mark above the running head.
func (d *drawer) consultationMark(left float64) {
	c := d.e.pub.Consultation
	if c == nil {
		return
	}
	g := &d.e.g
	y := g.top - g.headGap - 1.5*g.headSize
	d.plain(consultationMark(c, d.e.pub.Terms), tstyle{fam: famSerif, size: g.headSize, bold: true}, left+g.textW/2, y, alignCenter)
}

// textBaselines are the baselines of a page's lines of text, body and
// notes, from the top of the page down: every baseline that carries text
// set on it (a superscript or a note mark sits on its line's baseline, and
// a table row's cells or a list's label and text share one). A table's
// header repeated on a continuation page is not counted: it is an artifact,
// not text of the page, and a number beside every counted line leaves no
// doubt which line is meant.
func textBaselines(p *page, top float64) []float64 {
	var ys []float64
	for _, list := range [][]placed{p.items, p.notes} {
		for _, pl := range list {
			if pl.repeat {
				continue // a table's header repeated: not a line of the text
			}
			for _, o := range pl.it.ops {
				if (o.kind == opText && !o.raised && strings.TrimSpace(o.s) != "") || o.kind == opPageNum {
					ys = append(ys, top+pl.y+o.y)
				}
			}
		}
	}
	slices.Sort(ys)
	out := ys[:0]
	for _, y := range ys {
		// Text on one line may differ in its baseline by rounding only.
		if len(out) > 0 && y-out[len(out)-1] < 1 {
			continue
		}
		out = append(out, y)
	}
	return out
}

// lineNumbers numbers every line of text on a page, from 1, in the inner
// margin (the outer one holds the paragraph numbers): right-aligned left
// of the text on a recto, left-aligned right of it on a verso.
func (d *drawer) lineNumbers(p *page, left, top float64, phys int) {
	g := &d.e.g
	ys := textBaselines(p, top)
	if len(ys) == 0 {
		return
	}
	d.mark(0)
	d.tj.lastY = -1 // not words of the text's lines: no space before them
	st := tstyle{fam: famSerif, size: g.lineNumSize}
	x, a := left-g.lineNumGap, alignRight
	if phys%2 == 0 {
		x, a = left+g.textW+g.lineNumGap, alignLeft
	}
	for i, y := range ys {
		d.plain(strconv.Itoa(i+1), st, x, y, a)
		d.tj.lastY = -1
	}
}
