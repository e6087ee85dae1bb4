package pdf

import (
	"strconv"
	"unicode/utf8"
)

// fpdf's Text writes one BT … ET block, with a formatted position, per
// call: per word, in justified text. textRun instead gathers the words of
// a line that share a face, size and baseline into one TJ array, with the
// space between words as a number (in thousandths of an em), which is also
// how justification is expressed exactly.
//
// fpdf subsets a font to the characters that went through its own text
// calls, and draws the rest as nothing. So a word with a character fpdf
// has not yet seen in that face goes through Text, which records it, and
// only words of characters already recorded go into the arrays.
type textRun struct {
	open  bool
	face  face
	size  float64
	x0, y float64
	endX  float64
	buf   []byte
	// lastEnd and lastY: where the last text drawn on the page ended.
	lastEnd, lastY float64
	marked         [int(numFamilies) * 4][]uint64 // per face, a bit per BMP character fpdf has seen
}

func (d *drawer) text(fc face, size, x, y float64, s string) {
	t := &d.tj
	if t.open && (fc != t.face || size != t.size || y != t.y || x < t.endX-0.01) {
		d.flushText()
	}
	if t.marked[fc] == nil {
		t.marked[fc] = make([]uint64, 1<<16/64)
	}
	seen := t.marked[fc]
	m := d.e.fonts.faces[fc].m
	// Words on a line are apart by a space character, so that text
	// extraction and assistive technology see words: within a TJ array
	// below, or, when the word starts a new text object (another face, a
	// link, a new marked-content sequence), a space where the last text
	// on this baseline ended.
	needSpace := y == t.lastY && x-t.lastEnd > 0.15*size
	if needSpace && seen[0]&(1<<' ') == 0 {
		d.flushText()
		d.font(fc, size)
		d.f.Text(t.lastEnd, y, " ")
		seen[0] |= 1 << ' '
		needSpace = false
	}
	defer func() { t.lastY = y }()
	for _, r := range s {
		if seen[r>>6]&(1<<(r&63)) == 0 {
			d.flushText()
			d.font(fc, size)
			if needSpace {
				d.f.Text(t.lastEnd, y, " ")
			}
			// fpdf's Text cannot kern: a kerned word goes character by
			// character, each where the kerned width puts it.
			prev, from, cx := rune(-1), 0, x
			for i, r := range s {
				if k := m.kernPair(prev, r); prev >= 0 && k != 0 {
					d.f.Text(cx, y, s[from:i])
					cx += d.e.fonts.width(fc, s[from:i], size) + float64(k)*size/1000
					from = i
				}
				prev = r
			}
			d.f.Text(cx, y, s[from:])
			for _, r := range s {
				seen[r>>6] |= 1 << (r & 63)
			}
			t.lastEnd = x + d.e.fonts.width(fc, s, size)
			return
		}
	}
	if !t.open {
		d.font(fc, size)
		x0 := x
		if needSpace {
			x0 = t.lastEnd
		}
		t.open, t.face, t.size, t.x0, t.y, t.endX = true, fc, size, x0, y, x0
		t.buf = append(t.buf[:0], "BT "...)
		t.buf = strconv.AppendFloat(t.buf, x0, 'f', 2, 64)
		t.buf = append(t.buf, ' ')
		t.buf = strconv.AppendFloat(t.buf, d.e.g.pageH-y, 'f', 2, 64)
		t.buf = append(t.buf, " Td ["...)
	}
	if gap := x - t.endX; gap > 0.15*size {
		// The number after the space makes the gap exact (justification).
		t.buf = append(t.buf, "(\x00 )"...)
		t.buf = strconv.AppendFloat(t.buf, -(gap-d.e.fonts.width(fc, " ", size))*1000/size, 'f', 1, 64)
	} else if gap > 0.001 || gap < -0.001 {
		t.buf = strconv.AppendFloat(t.buf, -gap*1000/size, 'f', 1, 64)
	}
	t.buf = append(t.buf, '(')
	prev := rune(-1)
	for _, r := range s {
		if r > 0xFFFF {
			r = utf8.RuneError
		}
		if k := m.kernPair(prev, r); prev >= 0 && k != 0 {
			// A kerning pair: the number moves the next glyph left.
			t.buf = append(t.buf, ')')
			t.buf = strconv.AppendInt(t.buf, int64(-k), 10)
			t.buf = append(t.buf, '(')
		}
		prev = r
		for _, c := range [2]byte{byte(r >> 8), byte(r)} {
			switch c {
			case '\\', '(', ')':
				t.buf = append(t.buf, '\\', c)
			case '\r':
				t.buf = append(t.buf, '\\', 'r')
			default:
				t.buf = append(t.buf, c)
			}
		}
	}
	t.buf = append(t.buf, ')')
	t.endX = x + d.e.fonts.width(fc, s, size)
	t.lastEnd = t.endX
}

func (d *drawer) flushText() {
	t := &d.tj
	if !t.open {
		return
	}
	t.buf = append(t.buf, "] TJ ET"...)
	d.f.RawWriteStr(string(t.buf))
	t.open = false
}
