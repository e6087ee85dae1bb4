package pdf

// The pager cuts the galley into pages. It is greedy, like TeX's page
// builder with \raggedbottom: it fills a page until the next item does not
// fit, then ends the page at the last place a break is allowed. A break is
// not allowed after an item marked keep (a heading, a paragraph's first
// line, its second-to-last line, a table's header), which is how widows,
// orphans and stranded headings are avoided.
//
// Footnotes: a line that carries note marks goes on a page only if its
// notes start there too. Earlier notes of the line go in whole; the last
// may be split, at least two of its lines (or all, if fewer) on this page
// and the rest at the top of the next page's footnotes, under a full-width
// rule (the convention for a continued note). While a note is being
// continued, no new note may start on the page, so order is kept.

type placed struct {
	it *vitem
	y  float64
	// repeat: a table's header repeated on a continuation page, drawn as
	// an artifact (its content is tagged where it first appears).
	repeat bool
}

type page struct {
	kind     pageKind
	items    []placed
	notes    []placed // y from the top of the text block
	noteTop  float64  // y of the footnote rule; the text block height when none
	noteCont bool     // the first footnote lines continue a note from the page before
	// noteStretch is what the space above the footnote rule grew by so
	// that the text reaches the notes (noteTop is that much higher).
	noteStretch float64
	run         *chapterRun
	opening     bool
}

type pager struct {
	g     *geometry
	pages []page
	run   *chapterRun
	// pending are figures that did not fit where they stood, in order:
	// they open the next page.
	pending []*vitem
}

const eps = 0.01

func (e *engine) paginate(items []vitem) []page {
	pg := &pager{g: &e.g}
	var carry []vitem
	for i := 0; i < len(items); {
		it := &items[i]
		if it.brk != brkNone || it.whole != pageText {
			for len(carry) > 0 || len(pg.pending) > 0 {
				var p page
				p, carry = pg.notePage(carry)
				pg.pages = append(pg.pages, p)
			}
			if it.brk == brkRecto && len(pg.pages)%2 == 1 {
				pg.pages = append(pg.pages, page{kind: pageBlank, run: pg.run, noteTop: e.g.textH})
			}
		}
		if it.run != nil {
			pg.run = it.run
		}
		if it.whole != pageText {
			pg.pages = append(pg.pages, page{kind: it.whole, items: []placed{{it: it}}, run: pg.run, opening: true, noteTop: e.g.textH})
			i++
			continue
		}
		var p page
		i, p, carry = pg.fill(items, i, carry)
		pg.pages = append(pg.pages, p)
	}
	for len(carry) > 0 || len(pg.pending) > 0 {
		var p page
		p, carry = pg.notePage(carry)
		pg.pages = append(pg.pages, p)
	}
	return pg.pages
}

// placeFloats puts waiting figures at the top of a page, as many as fit
// in room, and returns the height they take.
func (pg *pager) placeFloats(p *page, room float64) float64 {
	y := 0.0
	for len(pg.pending) > 0 {
		f := pg.pending[0]
		if y > 0 && y+f.h > room+eps {
			break
		}
		p.items = append(p.items, placed{it: f, y: y})
		y += f.h + pg.g.quoteSkip
		pg.pending = pg.pending[1:]
	}
	return y
}

// notePage holds what is left when a chapter ends: figures still waiting
// and the continuation of a long note.
func (pg *pager) notePage(carry []vitem) (page, []vitem) {
	p := page{kind: pageText, run: pg.run, noteCont: len(carry) > 0, noteTop: pg.g.textH}
	body := pg.placeFloats(&p, pg.g.textH)
	if len(carry) == 0 {
		return p, nil
	}
	y := pg.g.noteSep
	k := 0
	for h := y; k < len(carry) && (body+h+carry[k].h <= pg.g.textH+eps || k == 0); k++ {
		h += carry[k].h
	}
	k = noHyphenCut(carry, k, 1)
	for q := range carry[:k] {
		p.notes = append(p.notes, placed{it: &carry[q], y: y})
		y += carry[q].h
	}
	shiftNotes(&p, pg.g.textH-y)
	return p, carry[k:]
}

func shiftNotes(p *page, top float64) {
	p.noteTop = top
	for i := range p.notes {
		p.notes[i].y += top
	}
}

type snapshot struct {
	end            int
	nItems, nNotes int
	fn             float64
	carry          []vitem
	ok             bool
}

func (pg *pager) fill(items []vitem, start int, carry []vitem) (int, page, []vitem) {
	g := pg.g
	H := g.textH
	p := page{kind: pageText, run: pg.run}
	y, fn := 0.0, 0.0 // body height used; footnote area height (rule included)
	blocked := false
	if len(carry) > 0 {
		p.noteCont = true
		fn = g.noteSep
		k := 0
		for h := fn; k < len(carry) && (h+carry[k].h <= H-4*g.lead || k == 0); k++ {
			h += carry[k].h
		}
		k = noHyphenCut(carry, k, 1)
		for q := range carry[:k] {
			p.notes = append(p.notes, placed{it: &carry[q], y: fn})
			fn += carry[q].h
		}
		carry = carry[k:]
		blocked = len(carry) > 0
	}
	var best snapshot
	n := 0 // galley items placed (repeated table headers are not)
	if len(pg.pending) > 0 {
		y = pg.placeFloats(&p, H-fn-4*g.lead)
		n = len(p.items)
	}
	// first is the page before any of its own text: a continued note's
	// page may end there (overflow).
	first, nFirst := snapshot{end: start, nItems: len(p.items), nNotes: len(p.notes), fn: fn, carry: carry, ok: true}, n
	var deferred []int // figures of this page's stretch that move on
	finish := func(end int) (int, page, []vitem) {
		stretch := 0.0
		if end < len(items) && items[end].brk == brkNone && items[end].whole == pageText {
			// What the spaces cannot take, the space above the footnotes
			// may, up to half its height (TeX's \skip\footins stretches
			// so, by 4 pt of 12 in LaTeX's book class).
			if rest := flushBottom(&p, H-fn); len(p.notes) > 0 && rest > eps && rest <= g.noteSep/2 {
				stretch = rest
			}
		}
		for _, d := range deferred {
			if d < end {
				pg.pending = append(pg.pending, &items[d])
			}
		}
		shiftNotes(&p, H-fn)
		if p.noteTop > H-eps {
			p.noteTop = H
		}
		p.noteTop -= stretch
		p.noteStretch = stretch
		return end, p, carry
	}
	overflow := func(j int) (int, page, []vitem) {
		if best.ok {
			p.items, p.notes, fn, carry = p.items[:best.nItems], p.notes[:best.nNotes], best.fn, best.carry
			return finish(best.end)
		}
		if n == 0 && !p.noteCont {
			panic("pdf: pager made no progress") // a bug: recovered at the package edge
		}
		if p.noteCont && n > nFirst {
			// Every line that fits under the continued note is kept with
			// the next (a heading, a paragraph's first line, a hyphenated
			// line): the note takes the page, and the text starts overleaf.
			p.items, p.notes, fn, carry = p.items[:first.nItems], p.notes[:first.nNotes], first.fn, first.carry
			k := 0
			for h := fn; k < len(carry) && h+carry[k].h <= H+eps; k++ {
				h += carry[k].h
			}
			k = noHyphenCut(carry, k, 0)
			for q := range carry[:k] {
				p.notes = append(p.notes, placed{it: &carry[q], y: fn})
				fn += carry[q].h
			}
			carry = carry[k:]
			return finish(first.end)
		}
		return finish(j)
	}
	for j := start; j < len(items); j++ {
		it := &items[j]
		if j > start && (it.brk != brkNone || it.whole != pageText) {
			return finish(j)
		}
		if it.space {
			if len(p.items) == 0 {
				continue
			}
			if y+it.h > H-fn+eps {
				return overflow(j)
			}
			p.items = append(p.items, placed{it: it, y: y})
			y += it.h
			continue
		}
		if len(p.items) == 0 && it.head != nil {
			for k := range it.head {
				p.items = append(p.items, placed{it: &it.head[k], y: y, repeat: true})
				y += it.head[k].h
			}
		}
		if it.float && len(it.notes) == 0 && n > 0 {
			full := 0.0
			for _, nb := range it.notes {
				full += nb.height() + g.noteGap
			}
			// Figures keep their order: one waits if an earlier one does.
			if len(pg.pending) > 0 || len(deferred) > 0 || y+it.h+fn+full > H+eps {
				deferred = append(deferred, j)
				continue
			}
		}
		if it.run != nil {
			pg.run = it.run
			if len(p.items) == 0 {
				p.run = it.run
			}
		}
		if it.opening {
			p.opening = true
		}
		full, sep := 0.0, 0.0
		for _, n := range it.notes {
			full += n.height() + g.noteGap
		}
		if len(it.notes) > 0 && fn == 0 {
			sep = g.noteSep
		}
		switch {
		case len(it.notes) > 0 && blocked:
			return overflow(j)
		case y+it.h+fn+sep+full <= H+eps:
			p.items = append(p.items, placed{it: it, y: y})
			y += it.h
			fn += sep
			for _, n := range it.notes {
				fn += g.noteGap
				for k := range n.lines {
					p.notes = append(p.notes, placed{it: &n.lines[k], y: fn})
					fn += n.lines[k].h
				}
			}
		case len(it.notes) > 0:
			last := it.notes[len(it.notes)-1]
			room := H - (y + it.h + fn + sep + full - last.height())
			// A split note must leave the body room to reach the next
			// place it may break (the rest of a paragraph's opening, a
			// heading's following lines), or the page would end on a keep.
			for q := j + 1; it.keep && q < len(items); q++ {
				nx := &items[q]
				if nx.brk != brkNone || nx.whole != pageText {
					break
				}
				room -= nx.h
				if !nx.keep && !nx.space {
					break
				}
			}
			k, used := 0, 0.0
			for k < len(last.lines) && used+last.lines[k].h <= room+eps {
				used += last.lines[k].h
				k++
			}
			k = noHyphenCut(last.lines, k, 0)
			if k < min(2, len(last.lines)) || k == len(last.lines) {
				if n == 0 {
					// Not even the note's start fits an empty page: set the
					// line and let the notes run on.
					k = max(k, 1)
				} else {
					return overflow(j)
				}
			}
			p.items = append(p.items, placed{it: it, y: y})
			y += it.h
			fn += sep
			for _, n := range it.notes[:len(it.notes)-1] {
				fn += g.noteGap
				for q := range n.lines {
					p.notes = append(p.notes, placed{it: &n.lines[q], y: fn})
					fn += n.lines[q].h
				}
			}
			fn += g.noteGap
			for q := range last.lines[:k] {
				p.notes = append(p.notes, placed{it: &last.lines[q], y: fn})
				fn += last.lines[q].h
			}
			carry = last.lines[k:]
			blocked = true
		default:
			if n == 0 {
				// Taller than a page (it should not happen: images are
				// scaled to fit): set it anyway rather than loop.
				p.items = append(p.items, placed{it: it, y: y})
				y += it.h
				return finish(j + 1)
			}
			return overflow(j)
		}
		n++
		if !it.keep {
			best = snapshot{end: j + 1, nItems: len(p.items), nNotes: len(p.notes), fn: fn, carry: carry, ok: true}
		}
	}
	return finish(len(items))
}

// flushBottom spreads what is left of a page that the text did not fill
// over the spaces between its paragraphs and around its displays, up to
// doubling them, so that facing pages end level (TeX's \flushbottom
// with stretchable skips). A chapter's last page stays as it is. It
// returns the height still left over.
func flushBottom(p *page, bottom float64) float64 {
	k := len(p.items)
	for k > 0 && p.items[k-1].it.space {
		k--
	}
	if k == 0 {
		return 0
	}
	last := p.items[k-1]
	slack := bottom - (last.y + last.it.h)
	total := 0.0
	for _, pl := range p.items[:k] {
		if pl.it.space {
			total += pl.it.h
		}
	}
	if slack <= eps || total == 0 {
		return max(slack, 0)
	}
	f := min(slack/total, 1)
	shift := 0.0
	for i := range p.items[:k] {
		p.items[i].y += shift
		if p.items[i].it.space {
			shift += p.items[i].it.h * f
		}
	}
	return slack - shift
}

// noHyphenCut moves a cut of a note's lines after the first k back above
// a line that ends hyphenated, so that no word of a note is broken across
// a page either; at least least lines stay.
func noHyphenCut(lines []vitem, k, least int) int {
	c := k
	for c > least && c < len(lines) && lines[c-1].hyph {
		c--
	}
	if c < len(lines) && c > 0 && lines[c-1].hyph {
		return k // nowhere better: break the word
	}
	return c
}
