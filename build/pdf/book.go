package pdf

import (
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// galley lays out the whole publication: title page, imprint, contents,
// then the chapters in reading order with part pages before their first
// chapter.
func (e *engine) galley() []vitem {
	var out []vitem
	out = append(out, e.titlePage(), e.imprint())
	out = append(out, e.contents()...)
	var part *doc.Part
	for i, ch := range e.pub.Chapters {
		newPart := ch.Part != nil && ch.Part != part
		if newPart {
			out = append(out, e.partPage(ch.Part, i))
		}
		part = ch.Part
		items := e.chapterItems(ch)
		// A part, and the first chapter of the front matter, of the body
		// and of each part, open on a recto; the other chapters on the
		// next page, recto or verso, as most books do: a blank verso
		// before every chapter made a fifth of the guidelines' pages.
		if i > 0 && !newPart && ch.Matter == e.pub.Chapters[i-1].Matter && len(items) > 0 && items[0].brk == brkRecto {
			items[0].brk = brkPage
		}
		out = append(out, items...)
	}
	return out
}

func (e *engine) partKey(p *doc.Part) string {
	for i, q := range e.pub.Parts {
		if q == p {
			return anchorKey("part", strconv.Itoa(i+1))
		}
	}
	return anchorKey("part", p.Title)
}

func partTitle(p *doc.Part, w words) string {
	if p.Number != "" && !strings.HasPrefix(strings.ToLower(p.Title), strings.ToLower(w.part)) {
		return w.part + " " + p.Number + ": " + p.Title
	}
	return p.Title
}

// centred sets a line of plain text centred on the text block at y.
func (e *engine) centred(s string, st tstyle, y float64) []op {
	return e.lineAt(s, st, y, alignCenter, 0, e.g.textW)
}

// lineAt sets plain text as one or more lines in a column from y (the first
// baseline), returning the operations.
func (e *engine) lineAt(s string, st tstyle, y float64, a align, left, width float64) []op {
	st.nohyph = true // display lines break between words only
	p := e.newPara(st)
	p.text(s, st)
	lead := st.size * 1.25
	lines := e.set(p, setOpts{left: left, width: width, lead: lead, size: st.size, align: a})
	var ops []op
	for i, l := range lines {
		for _, o := range l.ops {
			o.y += y - (lead/2 + 0.33*st.size) + float64(i)*lead
			ops = append(ops, o)
		}
	}
	return ops
}

func (e *engine) titlePage() vitem {
	g := &e.g
	pub := e.pub
	it := vitem{whole: pageTitle, run: &chapterRun{matter: doc.FrontMatter}}
	y := g.textH * 0.22
	title := tstyle{fam: famSerif, size: 2.1 * g.body, bold: true}
	ops := e.centred(pub.Title, title, y)
	y = lastBaseline(ops, y) + 2.8*g.body
	if pub.Subtitle != "" {
		sub := tstyle{fam: famSerif, size: 1.3 * g.body, italic: true}
		so := e.centred(pub.Subtitle, sub, y)
		ops = append(ops, so...)
		y = lastBaseline(so, y) + 1.8*g.body
	}
	y += 1.5 * g.lead
	ops = append(ops, op{kind: opRule, x: g.textW/2 - 30, y: y, w: 60, h: 0.5})
	y += 2.5 * g.lead
	if len(pub.Editors) > 0 {
		ops = append(ops, e.centred(e.words.editedBy, tstyle{fam: famSerif, size: g.body, italic: true}, y)...)
		y += 1.5 * g.lead
		eo := e.centred(joinNames(pub.Editors, e.words.and), tstyle{fam: famSerif, size: 1.15 * g.body}, y)
		ops = append(ops, eo...)
		y = lastBaseline(eo, y) + 1.5*g.lead
	}
	foot := g.textH - 2*g.lead
	var bottom []string
	if pub.Edition != "" {
		bottom = append(bottom, pub.Edition)
	}
	if yr := year(pub.Date); yr != "" {
		bottom = append(bottom, yr)
	}
	if len(bottom) > 0 {
		ops = append(ops, e.centred(strings.Join(bottom, " \u00b7 "), tstyle{fam: famSerif, size: g.body}, foot)...)
	}
	// Each line a P of its own (the rule is an artifact): the title page
	// read aloud is the title, the subtitle, the editors, the edition.
	line := 0
	for i := range ops {
		if i > 0 && ops[i].kind == opText && ops[i-1].kind == opText && ops[i].y != ops[i-1].y && !sameBlock(ops[i-1], ops[i]) {
			line++
		}
		if ops[i].kind == opText {
			ops[i].tag = e.tags.elem(pub, "P", 1, line)
		}
	}
	it.ops = ops
	it.marks = []bookmark{{title: pub.Title, level: 0}}
	it.anchors = []string{anchorKey("", "")}
	return it
}

func lastBaseline(ops []op, y float64) float64 {
	for _, o := range ops {
		if o.kind == opText && o.y > y {
			y = o.y
		}
	}
	return y
}

func joinNames(ns []string, and string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " " + and + " " + ns[len(ns)-1]
}

func year(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return date
}

// imprint is the title page's verso: the bibliographic facts, at the foot.
func (e *engine) imprint() vitem {
	g := &e.g
	pub := e.pub
	var lines []string
	lines = append(lines, pub.Title)
	if pub.Subtitle != "" {
		lines = append(lines, pub.Subtitle)
	}
	if pub.Edition != "" || pub.Date != "" {
		lines = append(lines, strings.TrimSpace(pub.Edition+" "+pub.Terms.Date(pub.Date)))
	}
	lines = append(lines, "")
	if len(pub.Editors) > 0 {
		lines = append(lines, e.words.editedBy+" "+joinNames(pub.Editors, e.words.and))
	}
	if len(pub.Contributors) > 0 {
		lines = append(lines, strings.Join(pub.Contributors, ", "))
	}
	if pub.License != "" {
		lines = append(lines, "", e.words.licence+": "+pub.License)
	}
	if pub.ISBN != "" {
		lines = append(lines, "ISBN "+pub.ISBN)
	}
	if pub.DOI != "" {
		lines = append(lines, "DOI "+pub.DOI)
	}
	if e.opts.Producer != "" {
		lines = append(lines, "", e.words.typesetWith+" "+e.opts.Producer)
	}
	var note []op
	noteH := 0.0
	if c := pub.Consultation; c != nil {
		note, noteH = e.consultationNote(c)
	}
	st := tstyle{fam: famSerif, size: g.small}
	lead := g.smallLead
	// Set from the foot up: count the lines each entry takes.
	var blocks [][]op
	total := 0.0
	for _, l := range lines {
		if l == "" {
			blocks = append(blocks, nil)
			total += lead / 2
			continue
		}
		ops := e.lineAt(l, st, 0, alignLeft, 0, g.textW)
		blocks = append(blocks, ops)
		total += lastBaseline(ops, 0) + lead
	}
	y := g.textH - total + lead
	ops := note
	if noteH > 0 && y < noteH+2*g.lead {
		y = noteH + 2*g.lead // a long imprint goes below the note
	}
	imprint := e.tags.elem(pub, "Div", 1, 1)
	for k, b := range blocks {
		if b == nil {
			y += lead / 2
			continue
		}
		for _, o := range b {
			o.y += y
			o.tag = e.tags.elem(pub, "P", imprint, k)
			ops = append(ops, o)
		}
		y += lastBaseline(b, 0) + lead
	}
	return vitem{whole: pageImprint, ops: ops, run: &chapterRun{matter: doc.FrontMatter}}
}

func (e *engine) partPage(p *doc.Part, idx int) vitem {
	g := &e.g
	it := vitem{whole: pagePart, brk: brkRecto, opening: true, run: &chapterRun{matter: doc.BodyMatter}}
	st := tstyle{fam: famSerif, size: 1.7 * g.body, bold: true}
	it.ops = e.centred(partTitle(p, e.words), st, g.textH*0.3)
	h := e.tags.elem(p, "H1", e.tags.elem(p, "Part", 1, 0), 0)
	for i := range it.ops {
		it.ops[i].tag = h
	}
	it.anchors = []string{e.partKey(p)}
	it.marks = []bookmark{{title: partTitle(p, e.words), level: 0}}
	return it
}

// opening is the head of a chapter: on a new recto, lowered, the number,
// the title, the authors and the abstract.
func (e *engine) opening(ch *doc.Chapter) []vitem {
	g := &e.g
	c := e.bodyCtx()
	head := ch.Short
	if head == "" {
		head = ch.PlainTitle()
	}
	// A running head must fit on one line: a long title keeps what comes
	// before its colon ("Norm 13(a)"), as a book's short title would.
	if _, w := e.plainRuns(head, tstyle{fam: famSerif, size: g.headSize, italic: true}); w > 0.7*g.textW {
		if i := strings.Index(head, ": "); i > 0 {
			head = head[:i]
		}
	}
	level := 0
	if ch.Part != nil {
		level = 1
	}
	title := ch.PlainTitle()
	if ch.Number != "" {
		title = ch.Number + " " + title
	}
	first := vitem{h: g.chapterSink, brk: brkRecto, opening: true,
		run:     &chapterRun{head: head, matter: ch.Matter, status: e.statusLabel(ch)},
		anchors: []string{anchorKey(ch.ID, "")},
		marks:   []bookmark{{title: title, level: level}},
		keep:    true}
	out := []vitem{first}
	// The chapter's number line and title make one H1.
	h1 := e.tag(ch, "H1", 0)
	if ch.Number != "" {
		st := tstyle{fam: famSerif, size: 1.1 * g.body, italic: true}
		p := e.newPara(st)
		p.tag = h1
		p.text(e.words.chapter+" "+ch.Number, st)
		num := e.set(p, setOpts{width: c.width, lead: 1.6 * g.lead, size: st.size, align: alignLeft})
		if n := len(num); n > 0 && len(num[n-1].ops) > 0 {
			// The number line and the title are one H1: a space between.
			num[n-1].ops[len(num[n-1].ops)-1].s += " "
		}
		out = append(out, num...)
	}
	st := tstyle{fam: famSerif, size: 1.65 * g.body, bold: true, nohyph: true}
	p := e.newPara(st)
	p.tag = h1
	p.inlines(ch.Title, st)
	out = append(out, e.set(p, setOpts{width: c.width, lead: 1.25 * st.size, size: st.size, align: alignLeft})...)
	if len(ch.Authors) > 0 {
		out = append(out, vitem{h: g.lead / 2})
		ast := tstyle{fam: famSerif, size: g.body, italic: true}
		p := e.newPara(ast)
		p.tag = e.tag(ch, "P", 0)
		p.text(joinNames(ch.Authors, e.words.and), ast)
		out = append(out, e.set(p, setOpts{width: c.width, lead: g.lead, size: g.body, align: alignLeft})...)
	}
	if note := e.pub.StatusNote(ch); note != "" {
		// A chapter of a consultation draft that is not final says so
		// under its title.
		out = append(out, vitem{h: g.lead / 2})
		sst := tstyle{fam: famSerif, size: g.body, bold: true}
		p := e.newPara(sst)
		p.tag = e.tag(ch, "P", 1)
		p.text(note, sst)
		out = append(out, e.set(p, setOpts{width: c.width, lead: g.lead, size: g.body, align: alignLeft})...)
	}
	for i := range out {
		out[i].keep = true
	}
	out = append(out, vitem{h: 1.5 * g.lead, keep: true})
	return out
}

// abstract sets a chapter's abstract, after its norm box: the order the
// HTML, EPUB and DOCX editions have too (title, authors, status, norm,
// abstract).
func (e *engine) abstract(ch *doc.Chapter, c ctx) []vitem {
	if len(ch.Abstract) == 0 {
		return nil
	}
	g := e.g
	out := []vitem{space(g.lead / 2)}
	ac := c.indent(1.5*g.body, 1.5*g.body)
	ac.size, ac.lead, ac.body, ac.italic = g.small, g.smallLead, false, true
	e.within(e.tag(ch, "Div", 0), func() { out = append(out, e.blocks(ch.Abstract, ac)...) })
	return out
}

func (e *engine) chapterItems(ch *doc.Chapter) []vitem {
	e.chapter = ch
	lang := ch.Lang
	if lang == "" {
		lang = e.pub.Lang
	}
	e.setLang(lang)
	e.span = ch.Span
	// A Sect per chapter, in its Part when it has one, with /Lang when
	// the chapter's language is not the publication's.
	parent := tagID(1)
	if ch.Part != nil {
		parent = e.tags.elem(ch.Part, "Part", 1, 0)
	}
	sect := e.tags.elem(ch, "Sect", parent, 0)
	if ch.Lang != "" && ch.Lang != e.pub.Lang {
		e.tags.get(sect).lang = ch.Lang
	}
	e.chapterTag = sect
	saved := e.tagParent
	e.tagParent = sect
	defer func() { e.tagParent = saved }()
	out := e.opening(ch)
	blocks := ch.Blocks
	if ch.Norm != nil {
		if len(blocks) == 0 {
			blocks = []doc.Block{&doc.NormBox{Norm: ch.Norm}}
		} else if _, ok := blocks[0].(*doc.NormBox); !ok {
			blocks = append([]doc.Block{&doc.NormBox{Span: ch.Span, Norm: ch.Norm}}, blocks...)
		}
	}
	// The abstract follows the norm box, as in the other editions; it is
	// laid out when the box has been (so its structure element follows
	// the box's), inside the one block sequence, so the spacing and keep
	// rules between the box and the text stay as they are.
	if len(ch.Abstract) > 0 {
		abs := func() []vitem { return e.abstract(ch, e.bodyCtx()) }
		if len(blocks) > 0 {
			if _, ok := blocks[0].(*doc.NormBox); ok {
				e.afterNormBox = abs
			}
		}
		if e.afterNormBox == nil {
			out = append(out, abs()...)
			out = append(out, space(e.g.lead))
		}
	}
	body := e.blocks(blocks, e.bodyCtx())
	e.afterNormBox = nil
	out = append(out, body...)
	return out
}

// sameBlock: two ops of one wrapped line (centred lines share a style).
func sameBlock(a, b op) bool { return a.size == b.size && a.face == b.face }
