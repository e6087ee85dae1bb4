package pdf

import (
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// tocEntry is one line (or more) of the table of contents.
type tocEntry struct {
	level  int // 0 part, 1 chapter, 2 section
	number string
	title  []doc.Inline
	key    string // the anchor the page number and the link come from
}

func (e *engine) tocEntries() []tocEntry {
	var out []tocEntry
	var part *doc.Part
	for _, ch := range e.pub.Chapters {
		if ch.Part != nil && ch.Part != part {
			out = append(out, tocEntry{level: 0, title: []doc.Inline{&doc.Text{Value: partTitle(ch.Part, e.words)}}, key: e.partKey(ch.Part)})
		}
		part = ch.Part
		out = append(out, tocEntry{level: 1, number: ch.Number, title: ch.Title, key: anchorKey(ch.ID, "")})
		for _, b := range ch.Blocks {
			if h, ok := b.(*doc.Heading); ok && h.Level == 2 && h.Attr.ID != "" {
				out = append(out, tocEntry{level: 2, number: h.Number, title: h.Inlines, key: anchorKey(ch.ID, h.Attr.ID)})
			}
		}
	}
	return out
}

// contents lays out the table of contents: titles ragged with their
// numbers hanging, dot leaders on a common grid, page numbers flush right
// (filled in when the pages are known: the slot is wide enough for any),
// every entry a link.
func (e *engine) contents() []vitem {
	g := &e.g
	c := e.bodyCtx()
	e.chapter = &doc.Chapter{ID: "contents"}
	e.setLang(e.pub.Lang)
	head := vitem{h: g.chapterSink, brk: brkRecto, opening: true,
		run:   &chapterRun{head: e.words.contents, matter: doc.FrontMatter},
		marks: []bookmark{{title: e.words.contents, level: 0}}, keep: true}
	// Sect > H1 "Contents" + TOC > TOCI > Reference > Link, for each entry.
	sect := e.tags.elem(e.pub, "Sect", 1, 0)
	toc := e.tags.elem(e.pub, "TOC", sect, 0)
	st := tstyle{fam: famSerif, size: 1.65 * g.body, bold: true, nohyph: true}
	p := e.newPara(st)
	p.tag = e.tags.elem(e.pub, "H1", sect, 0)
	p.text(e.words.contents, st)
	out := []vitem{head}
	out = append(out, e.set(p, setOpts{width: c.width, lead: 1.25 * st.size, size: st.size, align: alignLeft})...)
	out = append(out, vitem{h: 1.5 * g.lead})

	base := tstyle{fam: famSerif, size: g.body}
	_, slot := e.plainRuns("xxxviii", base)
	_, numW := e.plainRuns("00.", base)
	_, secW := e.plainRuns("00.00", base)
	_, dotW := e.plainRuns(". ", base)
	rightEdge := c.width
	for i, en := range e.tocEntries() {
		st := base
		left, hang := 0.0, numW+0.5*g.body
		switch en.level {
		case 0:
			st.bold = true
			hang = 0
		case 2:
			left = hang
			hang = secW + 0.5*g.body
		}
		if i > 0 && en.level < 2 {
			out = append(out, space(g.lead/2))
		}
		p := e.newPara(st)
		toci := e.tags.elem(e.pub, "TOCI", toc, i)
		ref := e.tags.elem(e.pub, "Reference", toci, i)
		p.tag = e.tags.elem(e.pub, "Link", ref, i)
		ltag := p.tag
		if en.number != "" {
			p.text(en.number, st)
		}
		// The number hangs: the title starts at the hang on every line.
		numEnd := 0.0
		for _, w := range p.items {
			numEnd += w.Width
		}
		if en.number != "" {
			p.push(glueItem(max(hang-numEnd, 0.3*g.body)), boxInfo{})
		}
		tst := st
		tst.nohyph = true
		tst.link = 0
		tst.nonotes = true
		p.inlines(en.title, tst)
		lines := e.set(p, setOpts{left: left, width: rightEdge - left - slot - g.body, hang: hang, lead: g.lead, size: g.body, align: alignLeft})
		if len(lines) == 0 {
			continue
		}
		link := e.link(linkDest{key: en.key})
		for i := range lines {
			lines[i].ops = append(lines[i].ops, op{kind: opLink, x: left, y: 0, w: rightEdge - left, h: g.lead, link: link, tag: ltag})
			lines[i].keep = true
		}
		last := &lines[len(lines)-1]
		last.keep = false
		end := 0.0
		for _, o := range last.ops {
			if o.kind == opText {
				end = max(end, o.x+e.fonts.width(o.face, o.s, o.size))
			}
		}
		y := g.lead/2 + 0.33*g.body
		if en.level > 0 {
			// Leaders: dots on a grid common to all entries, so they line up.
			from := (float64(int((end+0.6*g.body)/dotW)) + 1) * dotW
			to := rightEdge - slot - 0.3*g.body
			n := int((to - from) / dotW)
			if n > 0 {
				rs := e.runs(strings.Repeat(". ", n), base)
				x := from
				for _, r := range rs {
					last.ops = append(last.ops, op{kind: opText, x: x, y: y, face: r.face, size: r.size, s: r.text, tag: tagArtifact})
					x += r.w
				}
			}
		}
		last.ops = append(last.ops, op{kind: opPageNum, x: rightEdge, y: y, face: st.face(), size: g.body, s: en.key, tag: ltag})
		out = append(out, lines...)
	}
	return out
}
