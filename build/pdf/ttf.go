package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// metrics are what the layout needs from a TrueType font: the advance of
// every BMP character the font maps, in thousandths of an em.
//
// They are read here, not asked of fpdf, because layout runs before any
// fpdf document exists (and twice when page references move text). The
// reading copies fpdf's own (utf8fontfile.go): the first Unicode cmap of
// format 4, widths rounded to 1/1000 em; a width of 0 in the table means
// "not mapped". A test compares every BMP width with fpdf's.
type metrics struct {
	widths []uint16 // indexed by rune (BMP); 0 = no glyph
	gids   []uint16 // glyph of each rune
	// kern holds the legacy 'kern' table's pairs (left glyph << 16 | right
	// glyph) in thousandths of an em; kernLeft marks glyphs that start a
	// pair, so most look-ups end at a bit test.
	kern      map[uint32]int16
	kernLeft  []uint64
	ascent    float64 // em units (hhea), positive
	descent   float64 // em units (hhea), negative
	capHeight float64
	xHeight   float64
}

var errNotTrueType = errors.New("not a TrueType font (fpdf reads only TrueType outlines; OpenType/CFF fonts are not supported)")

func parseMetrics(data []byte) (m *metrics, err error) {
	defer func() {
		if recover() != nil { // a short or corrupt table: slices ran out
			m, err = nil, errors.New("corrupt TrueType font")
		}
	}()
	be := binary.BigEndian
	if len(data) < 12 {
		return nil, errNotTrueType
	}
	switch be.Uint32(data) {
	case 0x00010000, 0x74727565: // 1.0, 'true'
	default:
		return nil, errNotTrueType
	}
	tables := map[string][]byte{}
	n := int(be.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, errors.New("corrupt TrueType font: a table lies outside the file")
		}
		tables[string(rec[:4])] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "cmap", "maxp"} {
		if tables[t] == nil {
			return nil, errors.New("TrueType font without a " + t + " table")
		}
	}
	upem := float64(be.Uint16(tables["head"][18:]))
	if upem == 0 {
		return nil, errors.New("TrueType font with 0 units per em")
	}
	scale := 1000 / upem
	hhea := tables["hhea"]
	m = &metrics{
		ascent:  float64(int16(be.Uint16(hhea[4:]))) / upem,
		descent: float64(int16(be.Uint16(hhea[6:]))) / upem,
	}
	m.capHeight, m.xHeight = 0.66, 0.45
	if os2 := tables["OS/2"]; len(os2) >= 90 && be.Uint16(os2) >= 2 {
		m.xHeight = float64(int16(be.Uint16(os2[86:]))) / upem
		m.capHeight = float64(int16(be.Uint16(os2[88:]))) / upem
	}
	nMetrics := int(be.Uint16(hhea[34:]))
	nGlyphs := int(be.Uint16(tables["maxp"][4:]))
	hmtx := tables["hmtx"]
	advance := func(gid int) int {
		if gid >= nMetrics {
			gid = nMetrics - 1
		}
		a := int(be.Uint16(hmtx[4*gid:]))
		if a >= 1<<15 {
			a = 0
		}
		return a
	}

	cmap := tables["cmap"]
	var sub []byte
	for i := range int(be.Uint16(cmap[2:])) {
		rec := cmap[4+8*i:]
		platform, enc, off := be.Uint16(rec), be.Uint16(rec[2:]), be.Uint32(rec[4:])
		if (platform == 3 && enc == 1) || platform == 0 {
			if be.Uint16(cmap[off:]) == 4 {
				sub = cmap[off:]
				break
			}
		}
	}
	if sub == nil {
		return nil, errors.New("TrueType font without a Unicode (format 4) cmap")
	}
	m.widths = make([]uint16, 1<<16)
	m.gids = make([]uint16, 1<<16)
	segs := int(be.Uint16(sub[6:])) / 2
	ends := sub[14:]
	starts := ends[2*segs+2:]
	deltas := starts[2*segs:]
	rangeOffs := deltas[2*segs:]
	size := int(be.Uint16(sub[2:]))
	for s := range segs {
		end, start := int(be.Uint16(ends[2*s:])), int(be.Uint16(starts[2*s:]))
		delta, ro := int(be.Uint16(deltas[2*s:])), int(be.Uint16(rangeOffs[2*s:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			var gid int
			if ro == 0 {
				gid = (c + delta) & 0xFFFF
			} else {
				pos := 14 + 6*segs + 2 + 2*s + ro + 2*(c-start) // offset in sub
				if pos+2 > size || pos+2 > len(sub) {
					continue
				}
				gid = int(be.Uint16(sub[pos:]))
				if gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			if gid == 0 || gid >= nGlyphs || c == 0 {
				continue
			}
			w := int(math.Round(scale * float64(advance(gid))))
			if w == 0 {
				w = 65535 // mapped but zero width, as fpdf marks it
			}
			m.widths[c] = uint16(w)
			m.gids[c] = uint16(gid)
		}
	}
	m.readKern(tables["kern"], scale, nGlyphs)
	return m, nil
}

// readKern reads the first horizontal format-0 subtable of a 'kern' table
// (Liberation has 867 pairs: "AV", "To", "r."). A font without one, or
// with only GPOS kerning, is set unkerned.
func (m *metrics) readKern(t []byte, scale float64, nGlyphs int) {
	be := binary.BigEndian
	if len(t) < 18 || be.Uint16(t) != 0 {
		return
	}
	sub := t[4:]
	length, cov := int(be.Uint16(sub[2:])), be.Uint16(sub[4:])
	if cov>>8 != 0 || cov&1 == 0 || length > len(sub) { // format 0, horizontal
		return
	}
	n := int(be.Uint16(sub[6:]))
	if 14+6*n > len(sub) {
		return
	}
	m.kern = make(map[uint32]int16, n)
	m.kernLeft = make([]uint64, (nGlyphs+63)/64)
	for i := range n {
		p := sub[14+6*i:]
		l, r, v := be.Uint16(p), be.Uint16(p[2:]), int16(be.Uint16(p[4:]))
		if int(l) >= nGlyphs {
			continue
		}
		if k := int16(math.Round(scale * float64(v))); k != 0 {
			m.kern[uint32(l)<<16|uint32(r)] = k
			m.kernLeft[l/64] |= 1 << (l % 64)
		}
	}
}

// kernPair is the adjustment between two characters, in thousandths of
// an em (negative: closer).
func (m *metrics) kernPair(a, b rune) int {
	if m.kern == nil || a < 0 || b < 0 || a >= 0xFFFF || b >= 0xFFFF {
		return 0
	}
	l := m.gids[a]
	if m.kernLeft[l/64]&(1<<(l%64)) == 0 {
		return 0
	}
	return int(m.kern[uint32(l)<<16|uint32(m.gids[b])])
}

// has reports whether the font maps the rune to a glyph.
func (m *metrics) has(r rune) bool { return r >= 0 && r < 0xFFFF && m.widths[r] != 0 }

// width is the advance in thousandths of an em, as fpdf counts it.
func (m *metrics) width(r rune) int {
	w := m.widths[r]
	if w == 65535 {
		return 0
	}
	return int(w)
}

// CheckFont says whether a font file can set the PDF's text: a TrueType
// font (fpdf reads no other outlines) with the basic Latin letters and
// digits. The pipeline asks before rendering, so that a font that cannot
// be used is an error at its place in the manifest.
func CheckFont(data []byte) error {
	m, err := parseMetrics(data)
	if err != nil {
		return err
	}
	var missing []rune
	for _, r := range "aAzZ09.," {
		if !m.has(r) {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("it has no glyph for %q: a text face needs the basic Latin letters and digits", string(missing))
	}
	return nil
}
