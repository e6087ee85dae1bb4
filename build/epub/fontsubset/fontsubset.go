// Package fontsubset cuts a TrueType font down to the glyphs a document
// draws. build/epub uses it on the faces it embeds: an EPUB carried four
// whole Liberation Serif files (1.5 MB before deflate, most of the
// container and most of its render time) to show a few hundred distinct
// characters. The PDF needs none of this: fpdf subsets its own fonts.
//
// What a subset keeps and why:
//
//   - the glyphs of the requested runes that the font maps, the components
//     of composite glyphs among them (é is e plus an acute), and .notdef;
//     glyphs are renumbered in their original order;
//   - cmap rebuilt: format 4 for the BMP, plus format 12 when a rune lies
//     beyond it;
//   - glyf and loca, hmtx, hhea, maxp, head rewritten for the new glyphs;
//   - kern (format 0 pairs between kept glyphs), so that a reading system
//     kerns as the PDF does (build/pdf kerns from the same table);
//   - the hinting programs (cvt, fpgm, prep, gasp) and every glyph's
//     instructions, so that small sizes rasterize as with the whole font;
//   - name and OS/2 as they are: the font's names and licence (the SIL OFL
//     allows subsetting for embedding in documents);
//   - post as format 3: glyph names serve no reader.
//
// Everything else is dropped. GSUB, GPOS and GDEF index glyphs through
// coverage and class tables that would each need their own subsetter; for
// the Latin, Greek and Cyrillic text this font carries, losing them costs
// the optional fi/fl ligatures and GPOS kerning, which the kern table
// stands in for (HarfBuzz applies kern when a font has no GPOS). hdmx,
// LTSH and VDMX are caches of device metrics a renderer can recompute, and
// a DSIG would no longer match.
//
// The output depends only on the font and the set of runes: same input,
// same bytes.
package fontsubset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

var be = binary.BigEndian

// Subset returns font cut down to the glyphs that draw runes. Runes may
// come in any order and more than once; runes the font does not map are
// left out (the reading system falls back for them, as it would with the
// whole font). Only TrueType outlines are supported: a CFF-flavoured
// OpenType font, a collection or a damaged file is an error, and the
// caller keeps the whole font.
func Subset(font []byte, runes []rune) ([]byte, error) {
	f, err := parse(font)
	if err != nil {
		return nil, err
	}
	return f.subset(runes)
}

// ErrNotTrueType says the font has no TrueType (glyf) outlines.
var ErrNotTrueType = errors.New("not a TrueType font: only glyf outlines can be subset")

type font struct {
	tables     map[string][]byte
	numGlyphs  int
	longLoca   bool
	numHMetric int
}

func parse(data []byte) (*font, error) {
	if len(data) < 12 {
		return nil, errors.New("not a font: too short")
	}
	switch be.Uint32(data) {
	case 0x00010000, 0x74727565: // 1.0, 'true'
	case 0x4F54544F: // 'OTTO'
		return nil, ErrNotTrueType
	case 0x74746366: // 'ttcf'
		return nil, errors.New("a font collection: embed one font of it")
	default:
		return nil, errors.New("not a font")
	}
	n := int(be.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, errors.New("damaged font: the table directory runs past the end")
	}
	f := &font{tables: map[string][]byte{}}
	for i := range n {
		rec := data[12+16*i:]
		off, length := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return nil, fmt.Errorf("damaged font: table %q lies outside the file", rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"} {
		if f.tables[t] == nil {
			if t == "glyf" || t == "loca" {
				return nil, ErrNotTrueType
			}
			return nil, fmt.Errorf("damaged font: no %s table", t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("damaged font: a head, hhea or maxp table is too short")
	}
	f.longLoca = be.Uint16(head[50:]) != 0
	f.numGlyphs = int(be.Uint16(maxp[4:]))
	f.numHMetric = int(be.Uint16(hhea[34:]))
	if f.numGlyphs == 0 || f.numHMetric == 0 || f.numHMetric > f.numGlyphs {
		return nil, errors.New("damaged font: glyph or metric count out of range")
	}
	locaEntry := 2
	if f.longLoca {
		locaEntry = 4
	}
	if len(f.tables["loca"]) < locaEntry*(f.numGlyphs+1) {
		return nil, errors.New("damaged font: loca is shorter than maxp says")
	}
	if len(f.tables["hmtx"]) < 4*f.numHMetric+2*(f.numGlyphs-f.numHMetric) {
		return nil, errors.New("damaged font: hmtx is shorter than hhea says")
	}
	return f, nil
}

func (f *font) subset(runes []rune) ([]byte, error) {
	cmap, err := readCmap(f.tables["cmap"], f.numGlyphs)
	if err != nil {
		return nil, err
	}
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	mapped := make([]mapping, 0, len(rs)) // rune → old glyph, by rune
	keep := map[uint16]bool{0: true}
	for _, r := range rs {
		if g := cmap.glyph(r); g != 0 {
			mapped = append(mapped, mapping{r, g})
			keep[g] = true
		}
	}
	if err := f.closeComposites(keep); err != nil {
		return nil, err
	}
	// old holds the kept glyphs in their original order; newID inverts it.
	old := make([]uint16, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	slices.Sort(old)
	newID := make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}
	for i := range mapped {
		mapped[i].glyph = newID[mapped[i].glyph]
	}

	glyf, loca, longLoca, err := f.writeGlyphs(old, newID)
	if err != nil {
		return nil, err
	}
	cm, err := writeCmap(mapped)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{
		"cmap": cm,
		"glyf": glyf,
		"loca": loca,
		"hmtx": f.writeHmtx(old),
		"head": f.writeHead(longLoca),
		"hhea": f.writeHhea(len(old)),
		"maxp": f.writeMaxp(len(old)),
	}
	if p := writePost(f.tables["post"]); p != nil {
		out["post"] = p
	}
	if k := writeKern(f.tables["kern"], newID); k != nil {
		out["kern"] = k
	}
	if os2 := f.tables["OS/2"]; os2 != nil {
		out["OS/2"] = writeOS2(os2, mapped)
	}
	for _, t := range []string{"name", "cvt ", "fpgm", "prep", "gasp"} {
		if d := f.tables[t]; d != nil {
			out[t] = d
		}
	}
	return assemble(out), nil
}

type mapping struct {
	r     rune
	glyph uint16
}

func (f *font) writeHead(longLoca bool) []byte {
	h := slices.Clone(f.tables["head"])
	be.PutUint32(h[8:], 0) // checksumAdjustment, set once the file is whole
	var format uint16
	if longLoca {
		format = 1
	}
	be.PutUint16(h[50:], format)
	return h
}

func (f *font) writeHhea(numGlyphs int) []byte {
	h := slices.Clone(f.tables["hhea"])
	be.PutUint16(h[34:], uint16(numGlyphs)) // every kept glyph has a full metric
	return h
}

func (f *font) writeMaxp(numGlyphs int) []byte {
	// The maxima of version 1.0 (points, contours, component depth) stay:
	// they bound the whole font, so they bound any subset of it.
	m := slices.Clone(f.tables["maxp"])
	be.PutUint16(m[4:], uint16(numGlyphs))
	return m
}

func (f *font) writeHmtx(old []uint16) []byte {
	hmtx := f.tables["hmtx"]
	out := make([]byte, 4*len(old))
	for i, g := range old {
		var adv, lsb uint16
		if int(g) < f.numHMetric {
			adv, lsb = be.Uint16(hmtx[4*int(g):]), be.Uint16(hmtx[4*int(g)+2:])
		} else {
			// Glyphs past numberOfHMetrics share the last advance and keep
			// only their side bearing.
			adv = be.Uint16(hmtx[4*(f.numHMetric-1):])
			lsb = be.Uint16(hmtx[4*f.numHMetric+2*(int(g)-f.numHMetric):])
		}
		be.PutUint16(out[4*i:], adv)
		be.PutUint16(out[4*i+2:], lsb)
	}
	return out
}

// writePost keeps the header fields readers use (italic angle, underline
// position and thickness, fixed pitch) as a format 3 table, which carries
// no glyph names.
func writePost(post []byte) []byte {
	if len(post) < 32 {
		return nil
	}
	p := slices.Clone(post[:32])
	be.PutUint32(p, 0x00030000)
	return p
}

// writeOS2 narrows the first and last character indexes to the subset's;
// everything else (weights, vertical metrics, licensing bits) stays.
func writeOS2(os2 []byte, mapped []mapping) []byte {
	o := slices.Clone(os2)
	if len(o) < 68 || len(mapped) == 0 {
		return o
	}
	first, last := mapped[0].r, mapped[len(mapped)-1].r
	be.PutUint16(o[64:], uint16(min(first, 0xFFFF)))
	be.PutUint16(o[66:], uint16(min(last, 0xFFFF)))
	return o
}

// assemble writes the table directory, sorted by tag, and the tables
// 4-byte aligned, with their checksums and head's checksum adjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 0
	for t, d := range tables {
		tags = append(tags, t)
		size += (len(d) + 3) &^ 3
	}
	slices.Sort(tags)
	n := len(tags)
	dirLen := 12 + 16*n
	out := make([]byte, dirLen, dirLen+size)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	pow := 1
	log := 0
	for pow*2 <= n {
		pow *= 2
		log++
	}
	be.PutUint16(out[6:], uint16(16*pow))
	be.PutUint16(out[8:], uint16(log))
	be.PutUint16(out[10:], uint16(16*n-16*pow))
	headAt := -1
	for i, t := range tags {
		d := tables[t]
		off := len(out)
		if t == "head" {
			headAt = off
		}
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(out[off:]))
		be.PutUint32(rec[8:], uint32(off))
		be.PutUint32(rec[12:], uint32(len(d)))
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the sum of the big-endian 32-bit words of b, the last one
// padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += be.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += be.Uint32(last[:])
	}
	return sum
}
