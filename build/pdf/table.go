package pdf

import (
	"github.com/normpress/normpress/build/doc"
	lb "github.com/normpress/normpress/build/pdf/linebreak"
	"strconv"
)

// table sets a table in the small size with rules above, below the header
// and at the end (no vertical rules, as book typography has it). Column
// widths come from the content, as browsers' automatic layout does: each
// column gets at least its longest word and shares the rest in proportion
// to its natural width. Each row is one galley item; the header rows (and
// a "continued" caption line) repeat on every page the table runs onto.
func (e *engine) table(t *doc.Table, c ctx) []vitem {
	ncol := 0
	for _, rows := range [][]doc.Row{t.Head, t.Body} {
		for _, r := range rows {
			ncol = max(ncol, len(r))
		}
	}
	if ncol == 0 {
		return nil
	}
	size := e.g.small * c.size / e.g.body
	lead := e.g.smallLead * c.size / e.g.body
	pad := 0.4 * size
	base := tstyle{fam: famSerif, size: size}
	bold := base
	bold.bold = true

	type cell struct {
		p        *para
		nat, min float64
		tag      tagID
	}
	// Table > Caption, THead > TR > TH (/Scope Column), TBody > TR > TD.
	T := e.tag(t, "Table", 0)
	build := func(rows []doc.Row, st tstyle, section, role string) [][]cell {
		out := make([][]cell, len(rows))
		sec := e.tags.elem(t, section, T, 0)
		for i, r := range rows {
			out[i] = make([]cell, ncol)
			tr := e.tags.elem(t, "TR", sec, i)
			for j := range ncol {
				p := e.newPara(st)
				p.tag = e.tags.elem(t, role, tr, j)
				if role == "TH" {
					e.tags.get(p.tag).scope = "Column"
				}
				if j < len(r) {
					p.inlines(r[j].Inlines, st)
				}
				cl := cell{p: p, tag: p.tag}
				word := 0.0
				for _, it := range p.items {
					switch it.Kind {
					case lb.Box:
						word += it.Width
						cl.nat += it.Width
					case lb.Glue:
						cl.nat += it.Width
						word = 0
					case lb.Penalty:
						word = 0
					}
					cl.min = max(cl.min, word)
				}
				out[i][j] = cl
			}
		}
		return out
	}
	capItems := e.caption(e.words.table, t.Num, t.Caption, c, e.tags.elem(t, "Caption", T, 0))
	head, body := build(t.Head, bold, "THead", "TH"), build(t.Body, base, "TBody", "TD")
	nat, mins := make([]float64, ncol), make([]float64, ncol)
	for _, rows := range [][][]cell{head, body} {
		for _, r := range rows {
			for j, cl := range r {
				nat[j] = max(nat[j], cl.nat)
				mins[j] = max(mins[j], cl.min)
			}
		}
	}
	avail := c.width - 2*pad*float64(ncol)
	widths := columnWidths(nat, mins, avail)

	rowItem := func(r []cell) vitem {
		it := vitem{}
		x := c.left
		h := 0.0
		for j, cl := range r {
			a := alignLeft
			if j < len(t.Align) {
				switch t.Align[j] {
				case doc.AlignRight:
					a = alignRight
				case doc.AlignCenter:
					a = alignCenter
				}
			}
			lines := e.set(cl.p, setOpts{left: x + pad, width: widths[j], lead: lead, size: size, align: a})
			if len(lines) == 0 {
				// An empty cell is still a cell: the row keeps its columns.
				it.ops = append(it.ops, op{kind: opMark, tag: cl.tag})
			}
			y := pad / 2
			for _, l := range lines {
				for _, o := range l.ops {
					o.y += y
					it.ops = append(it.ops, o)
				}
				it.notes = append(it.notes, l.notes...)
				it.anchors = append(it.anchors, l.anchors...)
				y += l.h
			}
			h = max(h, y+pad/2)
			x += widths[j] + 2*pad
		}
		it.h = max(h, lead+pad)
		return it
	}

	id := e.tables
	e.tables++
	tbl := &id
	var out []vitem
	for i := range capItems {
		capItems[i].keep = true
	}
	if len(capItems) > 0 {
		capItems = append(capItems, vitem{h: lead / 3, keep: true})
	}
	var heads []vitem
	for _, r := range head {
		h := rowItem(r)
		h.keep = true
		h.tbl = tbl
		heads = append(heads, h)
	}
	const thick, thin = 0.7, 0.35
	if len(heads) > 0 {
		heads[0].ops = append(heads[0].ops, op{kind: opRule, x: c.left, y: 0, w: c.width, h: thick})
		last := &heads[len(heads)-1]
		last.ops = append(last.ops, op{kind: opRule, x: c.left, y: last.h, w: c.width, h: thin})
	}
	// What a continuation page starts with: "Table 3 (continued)" and the
	// header again.
	var repeat []vitem
	if t.Num > 0 {
		st := base
		st.italic = true
		rs, _ := e.plainRuns(e.words.table+"\u00a0"+strconv.Itoa(t.Num)+" ("+e.words.continued+")", st)
		ci := vitem{h: lead, keep: true}
		x := c.left
		for _, r := range rs {
			ci.ops = append(ci.ops, op{kind: opText, x: x, y: lead/2 + 0.33*size, face: r.face, size: r.size, s: r.text, tag: tagArtifact})
			x += r.w
		}
		repeat = append(repeat, ci)
	}
	repeat = append(repeat, heads...)
	if len(heads) == 0 {
		// No header: the continuation still opens with a rule.
		repeat = append(repeat, vitem{h: 2, keep: true, ops: []op{{kind: opRule, x: c.left, y: 0, w: c.width, h: thick}}})
	}

	out = append(out, capItems...)
	if len(heads) == 0 {
		out = append(out, vitem{h: 2, keep: true, tbl: tbl, ops: []op{{kind: opRule, x: c.left, y: 0, w: c.width, h: thick}}})
	}
	out = append(out, heads...)
	for i, r := range body {
		it := rowItem(r)
		it.tbl = tbl
		if i > 0 {
			it.head = repeat
		}
		if i == 0 || i == len(body)-2 {
			it.keep = true // no lone first or last row
		}
		if i == len(body)-1 {
			it.tblEnd = true
			it.ops = append(it.ops, op{kind: opRule, x: c.left, y: it.h, w: c.width, h: thick})
		}
		// A row taller than most of a page is cut between its lines, so no
		// text runs off the foot of the page.
		maxH := 0.7 * e.g.textH
		for it.h > maxH {
			cut := pad/2 + float64(int((maxH-pad/2)/lead))*lead
			first, rest := splitRow(it, cut)
			out = append(out, first)
			it = rest
			it.head = repeat
		}
		out = append(out, it)
	}
	if len(body) == 0 && len(heads) > 0 {
		heads[len(heads)-1].tblEnd = true
	}
	if t.Attr.ID != "" && len(out) > 0 {
		out[0].anchors = append(out[0].anchors, anchorKey(e.chapter.ID, t.Attr.ID))
	}
	return out
}

// columnWidths shares the available width: natural widths when they fit
// (spread to the full measure), else minimums plus a share of the rest.
func columnWidths(nat, mins []float64, avail float64) []float64 {
	n := len(nat)
	out := make([]float64, n)
	sumNat, sumMin := 0.0, 0.0
	for j := range n {
		nat[j] = max(nat[j], 1)
		sumNat += nat[j]
		sumMin += mins[j]
	}
	switch {
	case sumNat <= avail:
		for j := range n {
			out[j] = nat[j] + (avail-sumNat)*nat[j]/sumNat
		}
	case sumMin >= avail:
		for j := range n {
			out[j] = avail * max(mins[j], 1) / max(sumMin, 1)
		}
	default:
		// Narrow columns (a number, a year, a short name) keep their
		// natural width, so they never wrap; the wide ones share the rest.
		fixed, rest := 0.0, 0.0
		narrow := make([]bool, n)
		for j := range n {
			if nat[j] <= avail/float64(2*n) {
				narrow[j] = true
				fixed += nat[j]
			} else {
				rest += nat[j] - mins[j]
			}
		}
		left := avail - fixed
		sumWideMin := sumMin
		for j := range n {
			if narrow[j] {
				sumWideMin -= mins[j]
			}
		}
		for j := range n {
			switch {
			case narrow[j]:
				out[j] = nat[j]
			case rest > 0:
				out[j] = mins[j] + (left-sumWideMin)*(nat[j]-mins[j])/rest
			default:
				out[j] = left / float64(n)
			}
		}
	}
	return out
}

// splitRow cuts a row at a height between lines: what lies above goes in
// the first part, the rest moves up into the second.
func splitRow(it vitem, cut float64) (vitem, vitem) {
	a, b := it, it
	a.ops, b.ops = nil, nil
	a.h, b.h = cut, it.h-cut
	a.tblEnd, a.keep = false, false
	b.notes, b.anchors, b.marks = nil, nil, nil
	for _, o := range it.ops {
		if o.y < cut && !(o.kind == opRule && o.y >= it.h) {
			if o.kind == opLink && o.y+o.h > cut {
				o.h = cut - o.y
			}
			a.ops = append(a.ops, o)
		} else {
			o.y -= cut
			b.ops = append(b.ops, o)
		}
	}
	return a, b
}
