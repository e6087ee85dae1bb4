package fontsubset

import (
	"errors"
	"fmt"
	"sort"
)

// charMap looks up the glyph of a rune in the font's Unicode cmap.
type charMap struct {
	format int
	sub    []byte
	// format 4: the four parallel arrays of segCount entries each.
	segs                               int
	ends, starts, deltas, rangeOffsets []byte
	rangeBase                          int // offset of idRangeOffset[0] in sub
	numGlyphs                          int
}

// readCmap picks the font's fullest Unicode subtable: format 12 (all of
// Unicode) over format 4 (the BMP). Symbol-encoded fonts (3,0) have no
// Unicode mapping a browser would use for text.
func readCmap(t []byte, numGlyphs int) (*charMap, error) {
	if len(t) < 4 {
		return nil, errors.New("damaged font: cmap too short")
	}
	n := int(be.Uint16(t[2:]))
	if 4+8*n > len(t) {
		return nil, errors.New("damaged font: cmap directory runs past the table")
	}
	var best []byte
	bestFormat := 0
	for i := range n {
		rec := t[4+8*i:]
		platform, enc, off := be.Uint16(rec), be.Uint16(rec[2:]), int64(be.Uint32(rec[4:]))
		unicode := platform == 0 || platform == 3 && (enc == 1 || enc == 10)
		if !unicode || off+2 > int64(len(t)) {
			continue
		}
		sub := t[off:]
		switch format := int(be.Uint16(sub)); {
		case format == 12 && bestFormat != 12:
			best, bestFormat = sub, 12
		case format == 4 && bestFormat == 0:
			best, bestFormat = sub, 4
		}
	}
	m := &charMap{format: bestFormat, sub: best, numGlyphs: numGlyphs}
	switch bestFormat {
	case 4:
		if len(best) < 14 {
			return nil, errors.New("damaged font: cmap format 4 too short")
		}
		m.segs = int(be.Uint16(best[6:])) / 2
		if 16+8*m.segs > len(best) {
			return nil, errors.New("damaged font: cmap format 4 segments run past the table")
		}
		m.ends = best[14:]
		m.starts = best[16+2*m.segs:]
		m.deltas = best[16+4*m.segs:]
		m.rangeBase = 16 + 6*m.segs
		m.rangeOffsets = best[m.rangeBase:]
	case 12:
		if len(best) < 16 {
			return nil, errors.New("damaged font: cmap format 12 too short")
		}
		if groups := int64(be.Uint32(best[12:])); 16+12*groups > int64(len(best)) {
			return nil, errors.New("damaged font: cmap format 12 groups run past the table")
		}
	default:
		return nil, errors.New("the font has no Unicode cmap (format 4 or 12)")
	}
	return m, nil
}

// glyph returns the glyph of r, 0 when the font does not map it.
func (m *charMap) glyph(r rune) uint16 {
	var g int
	switch m.format {
	case 4:
		g = m.glyph4(r)
	case 12:
		g = m.glyph12(r)
	}
	if g <= 0 || g >= m.numGlyphs {
		return 0
	}
	return uint16(g)
}

func (m *charMap) glyph4(r rune) int {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	c := int(r)
	// Segments are sorted by their end code: the first whose end is ≥ c.
	s := sort.Search(m.segs, func(i int) bool { return int(be.Uint16(m.ends[2*i:])) >= c })
	if s == m.segs || int(be.Uint16(m.starts[2*s:])) > c {
		return 0
	}
	delta := int(be.Uint16(m.deltas[2*s:]))
	ro := int(be.Uint16(m.rangeOffsets[2*s:]))
	if ro == 0 {
		return (c + delta) & 0xFFFF
	}
	at := m.rangeBase + 2*s + ro + 2*(c-int(be.Uint16(m.starts[2*s:])))
	if at+2 > len(m.sub) {
		return 0
	}
	g := int(be.Uint16(m.sub[at:]))
	if g == 0 {
		return 0
	}
	return (g + delta) & 0xFFFF
}

func (m *charMap) glyph12(r rune) int {
	n := int(be.Uint32(m.sub[12:]))
	groups := m.sub[16:]
	c := uint32(r)
	i := sort.Search(n, func(i int) bool { return be.Uint32(groups[12*i+4:]) >= c })
	if i == n || be.Uint32(groups[12*i:]) > c {
		return 0
	}
	g := int64(be.Uint32(groups[12*i+8:])) + int64(c-be.Uint32(groups[12*i:]))
	if g > 0xFFFF {
		return 0
	}
	return int(g)
}

// run is a range of consecutive runes mapped to consecutive glyphs.
type run struct {
	first, last rune
	glyph       uint16 // of first
}

func runs(mapped []mapping) []run {
	var out []run
	for _, m := range mapped {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if m.r == last.last+1 && int(m.glyph) == int(last.glyph)+int(m.r-last.first) {
				last.last = m.r
				continue
			}
		}
		out = append(out, run{m.r, m.r, m.glyph})
	}
	return out
}

// writeCmap writes a cmap for mapped (sorted by rune): a format 4 subtable
// for the BMP under (0,3) and (3,1), and, when a rune lies beyond the BMP,
// a format 12 subtable with every mapping under (0,4) and (3,10), as the
// specification asks of fonts with supplementary characters.
func writeCmap(mapped []mapping) ([]byte, error) {
	var bmp []mapping
	for _, m := range mapped {
		if m.r < 0xFFFF { // U+FFFF is the format's terminator
			bmp = append(bmp, m)
		}
	}
	f4, err := format4(runs(bmp))
	if err != nil {
		return nil, err
	}
	wide := len(mapped) > 0 && mapped[len(mapped)-1].r > 0xFFFF
	type rec struct {
		platform, enc uint16
		wide          bool
	}
	recs := []rec{{0, 3, false}, {3, 1, false}}
	var f12 []byte
	if wide {
		f12 = format12(runs(mapped))
		recs = []rec{{0, 3, false}, {0, 4, true}, {3, 1, false}, {3, 10, true}}
	}
	head := 4 + 8*len(recs)
	out := make([]byte, head, head+len(f4)+len(f12))
	be.PutUint16(out[2:], uint16(len(recs)))
	out = append(out, f4...)
	out = append(out, f12...)
	for i, r := range recs {
		be.PutUint16(out[4+8*i:], r.platform)
		be.PutUint16(out[4+8*i+2:], r.enc)
		off := head
		if r.wide {
			off += len(f4)
		}
		be.PutUint32(out[4+8*i+4:], uint32(off))
	}
	return out, nil
}

func format4(rs []run) ([]byte, error) {
	segs := len(rs) + 1 // and the closing 0xFFFF segment
	length := 16 + 8*segs
	if length > 0xFFFF {
		return nil, fmt.Errorf("%d ranges of characters are more than a format 4 cmap holds", len(rs))
	}
	out := make([]byte, length)
	be.PutUint16(out, 4)
	be.PutUint16(out[2:], uint16(length))
	be.PutUint16(out[6:], uint16(2*segs))
	pow, log := 1, 0
	for pow*2 <= segs {
		pow *= 2
		log++
	}
	be.PutUint16(out[8:], uint16(2*pow))
	be.PutUint16(out[10:], uint16(log))
	be.PutUint16(out[12:], uint16(2*segs-2*pow))
	ends, starts, deltas := out[14:], out[16+2*segs:], out[16+4*segs:]
	for i, r := range rs {
		be.PutUint16(ends[2*i:], uint16(r.last))
		be.PutUint16(starts[2*i:], uint16(r.first))
		be.PutUint16(deltas[2*i:], uint16(int(r.glyph)-int(r.first)))
	}
	last := segs - 1
	be.PutUint16(ends[2*last:], 0xFFFF)
	be.PutUint16(starts[2*last:], 0xFFFF)
	be.PutUint16(deltas[2*last:], 1) // 0xFFFF + 1 wraps to glyph 0
	return out, nil                  // idRangeOffsets stay 0: every segment is a delta
}

func format12(rs []run) []byte {
	out := make([]byte, 16+12*len(rs))
	be.PutUint16(out, 12)
	be.PutUint32(out[4:], uint32(len(out)))
	be.PutUint32(out[12:], uint32(len(rs)))
	for i, r := range rs {
		g := out[16+12*i:]
		be.PutUint32(g, uint32(r.first))
		be.PutUint32(g[4:], uint32(r.last))
		be.PutUint32(g[8:], uint32(r.glyph))
	}
	return out
}
