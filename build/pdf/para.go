package pdf

import (
	"math"

	lb "github.com/normpress/normpress/build/pdf/linebreak"
	"unicode/utf8"
)

type align uint8

const (
	justify align = iota
	alignLeft
	alignCenter
	alignRight
)

// setOpts say how to set a paragraph's lines.
type setOpts struct {
	left, width float64 // the column
	first       float64 // extra indent of the first line
	hang        float64 // indent of the other lines
	lead, size  float64
	align       align
	// widows asks for widow and orphan control: no first line alone at a
	// page bottom, no last line alone at a page top.
	widows bool
}

// set breaks a paragraph into lines and turns them into galley items.
func (e *engine) set(p *para, o setOpts) []vitem {
	p.finish()
	widths := []float64{o.width - o.first, o.width - o.hang}
	var lines []lb.Line
	maxHyph := 2
	if e.opts.noHyphenRules {
		maxHyph = 0
	}
	if o.align == justify {
		// TeX's order: a strict pass, a looser one, then whatever fits.
		for _, tol := range []float64{1.5, 3, 12} {
			var ok bool
			lines, ok = lb.Break(p.items, lb.Params{Widths: widths, Tolerance: tol, MaxHyphens: maxHyph})
			if ok {
				break
			}
		}
	}
	if lines == nil {
		lines = lb.Greedy(p.items, widths)
	}
	out := make([]vitem, 0, len(lines))
	base := o.lead/2 + 0.33*o.size
	ptag := p.tag
	for li, l := range lines {
		it := vitem{h: o.lead}
		x := o.left + o.hang
		lw := widths[1]
		if li == 0 {
			x, lw = o.left+o.first, widths[0]
		}
		ratio := l.Ratio
		if over := naturalWidth(p.items, l) - shrinkOf(p.items, l) - lw; over > 1 {
			e.overfull(over)
		}
		forced := p.items[l.End].Kind == lb.Penalty && p.items[l.End].Penalty <= -lb.Inf
		if o.align != justify {
			ratio = 0
			nat := naturalWidth(p.items, l)
			switch o.align {
			case alignCenter:
				x += (lw - nat) / 2
			case alignRight:
				x += lw - nat
			}
		} else if forced && ratio > 0 {
			ratio = 0 // a last line, or one before a hard break: natural spaces
		}
		it.stat = lineStat{set: true, just: o.align == justify && !forced, full: lw >= 0.9*e.g.textW && o.size == e.g.body, last: li == len(lines)-1}
		if it.stat.just {
			it.stat.ratio = float32(ratio)
		}
		chars, spaces, widest := 0, 0, 0.0
		var linkX0, linkX1 float64
		textEnd := -1.0
		var link int32
		var linkTag tagID
		flushLink := func() {
			if link != 0 && linkX1 > linkX0 {
				it.ops = append(it.ops, op{kind: opLink, x: linkX0, y: 0, w: linkX1 - linkX0, h: o.lead, link: link, tag: linkTag})
			}
			link = 0
		}
		emit := func(runs []run) {
			for _, r := range runs {
				tag := r.tag
				if tag == 0 {
					tag = ptag
				}
				if r.link != link {
					flushLink()
					if r.link != 0 {
						link, linkX0, linkTag = r.link, x, tag
					}
				}
				switch {
				case r.tofu:
					it.ops = append(it.ops, op{kind: opTofu, x: x + 0.05*r.size, y: base - r.rise - 0.68*r.size, w: r.w - 0.1*r.size, h: 0.68 * r.size, tag: tag})
				case r.text != "":
					chars += utf8.RuneCountInString(r.text)
					// Pieces of one word (split at hyphenation points) join
					// into one operation again when the line keeps them together.
					if n := len(it.ops); n > 0 && textEnd == x && it.ops[n-1].kind == opText && it.ops[n-1].face == r.face &&
						it.ops[n-1].size == r.size && it.ops[n-1].y == base-r.rise && it.ops[n-1].tag == tag && !it.ops[n-1].hyph && !r.hyph &&
						!kernsAcross(e.fonts, r.face, it.ops[n-1].s, r.text) {
						it.ops[n-1].s += r.text
					} else {
						it.ops = append(it.ops, op{kind: opText, x: x, y: base - r.rise, face: r.face, size: r.size, s: r.text, tag: tag, hyph: r.hyph, raised: r.rise != 0})
					}
					textEnd = x + r.w
				}
				if r.strike {
					it.ops = append(it.ops, op{kind: opRule, x: x, y: base - r.rise - 0.28*r.size, w: r.w, h: 0.05 * r.size})
				}
				x += r.w
				if link != 0 {
					linkX1 = x
				}
			}
		}
		for i := l.Start; i < l.End; i++ {
			item := p.items[i]
			bi := &p.info[i]
			switch item.Kind {
			case lb.Box:
				emit(bi.runs)
				if bi.note != nil {
					it.notes = append(it.notes, e.noteBox(bi.note))
				}
				if bi.anchor != "" {
					it.anchors = append(it.anchors, bi.anchor)
				}
			case lb.Glue:
				w := item.Width
				if ratio > 0 {
					w += ratio * item.Stretch
				} else if ratio < 0 {
					w += ratio * item.Shrink
				}
				x += w
				spaces++
				if item.Width > 0 && item.Stretch < 1e4 {
					widest = max(widest, w/item.Width)
				}
			}
		}
		if end := p.items[l.End]; end.Kind == lb.Penalty && end.Flagged {
			it.hyph = true
			if end.Width > 0 {
				emit(p.info[l.End].runs)
			}
		}
		flushLink()
		it.stat.chars = int16(min(chars+spaces, math.MaxInt16))
		it.stat.alone = spaces == 0
		if it.stat.just {
			it.stat.space = float32(widest)
		}
		if !it.hyph && li < len(lines)-1 {
			// A line ends between words: a space there keeps the last
			// word of this line and the first of the next apart in
			// extracted text (it draws nothing).
			for k := len(it.ops) - 1; k >= 0; k-- {
				if it.ops[k].kind == opText {
					it.ops[k].s += " "
					break
				}
			}
		}
		out = append(out, it)
	}
	e.release(p)
	for i := range out {
		// A word is not broken across a page: the reader would turn the
		// page in the middle of it, and its halves would be two strings
		// of the structure (marked content ends with its page).
		if out[i].hyph && !e.opts.noHyphenRules {
			out[i].keep = true
		}
	}
	if o.widows && len(out) > 1 {
		out[0].keep = true
		out[len(out)-2].keep = true
	}
	return out
}

func naturalWidth(items []lb.Item, l lb.Line) float64 {
	w := 0.0
	for _, it := range items[l.Start:l.End] {
		if it.Kind != lb.Penalty && it.Stretch < 1e4 {
			w += it.Width
		}
	}
	if it := items[l.End]; it.Kind == lb.Penalty {
		w += it.Width
	}
	return w
}

func shrinkOf(items []lb.Item, l lb.Line) float64 {
	z := 0.0
	for _, it := range items[l.Start:l.End] {
		if it.Kind == lb.Glue {
			z += it.Shrink
		}
	}
	return z
}

// kernsAcross reports whether joining two strings would make a kerning
// pair that the measured widths of the two pieces did not include.
func kernsAcross(fs *fontSet, f face, a, b string) bool {
	la, _ := utf8.DecodeLastRuneInString(a)
	fb, _ := utf8.DecodeRuneInString(b)
	return fs.faces[f].m.kernPair(la, fb) != 0
}
