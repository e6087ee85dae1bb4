package fontsubset

import (
	"errors"
	"fmt"
)

// Flags of a composite glyph's component record (OpenType glyf table).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10 // numberOfContours and the bounding box
)

// glyph returns the outline bytes of glyph g (empty for a blank glyph such
// as the space).
func (f *font) glyph(g uint16) ([]byte, error) {
	if int(g) >= f.numGlyphs {
		return nil, fmt.Errorf("damaged font: glyph %d of %d", g, f.numGlyphs)
	}
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var start, end int
	if f.longLoca {
		start, end = int(be.Uint32(loca[4*int(g):])), int(be.Uint32(loca[4*int(g)+4:]))
	} else {
		start, end = 2*int(be.Uint16(loca[2*int(g):])), 2*int(be.Uint16(loca[2*int(g)+2:]))
	}
	if start > end || end > len(glyf) {
		return nil, fmt.Errorf("damaged font: glyph %d lies outside glyf", g)
	}
	return glyf[start:end], nil
}

// components calls fn with the offset of each component's glyph index in
// a composite glyph's bytes; a simple glyph has none.
func components(data []byte, fn func(at int) error) error {
	if len(data) < compositeHeader || int16(be.Uint16(data)) >= 0 {
		return nil
	}
	at := compositeHeader
	for {
		if at+4 > len(data) {
			return errors.New("damaged font: a composite glyph is cut short")
		}
		flags := be.Uint16(data[at:])
		if err := fn(at + 2); err != nil {
			return err
		}
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// closeComposites adds to keep every glyph a kept composite glyph is built
// from, at any depth.
func (f *font) closeComposites(keep map[uint16]bool) error {
	work := make([]uint16, 0, len(keep))
	for g := range keep {
		work = append(work, g)
	}
	for len(work) > 0 {
		g := work[len(work)-1]
		work = work[:len(work)-1]
		data, err := f.glyph(g)
		if err != nil {
			return err
		}
		err = components(data, func(at int) error {
			c := be.Uint16(data[at:])
			if int(c) >= f.numGlyphs {
				return fmt.Errorf("damaged font: glyph %d is built from glyph %d, which does not exist", g, c)
			}
			if !keep[c] {
				keep[c] = true
				work = append(work, c)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// writeGlyphs copies the kept glyphs into a new glyf table, renumbering
// the components of composite glyphs, and writes its loca: short offsets
// when the table is small enough for them.
func (f *font) writeGlyphs(old []uint16, newID map[uint16]uint16) (glyf, loca []byte, long bool, err error) {
	offsets := make([]int, len(old)+1)
	for i, g := range old {
		data, err := f.glyph(g)
		if err != nil {
			return nil, nil, false, err
		}
		offsets[i] = len(glyf)
		start := len(glyf)
		glyf = append(glyf, data...)
		copied := glyf[start:]
		err = components(copied, func(at int) error {
			be.PutUint16(copied[at:], newID[be.Uint16(copied[at:])])
			return nil
		})
		if err != nil {
			return nil, nil, false, err
		}
		// 4-byte alignment keeps every offset even, as short loca needs,
		// and is what the specification recommends.
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets[len(old)] = len(glyf)
	long = len(glyf) > 2*0xFFFF
	if long {
		loca = make([]byte, 4*len(offsets))
		for i, o := range offsets {
			be.PutUint32(loca[4*i:], uint32(o))
		}
	} else {
		loca = make([]byte, 2*len(offsets))
		for i, o := range offsets {
			be.PutUint16(loca[2*i:], uint16(o/2))
		}
	}
	return glyf, loca, long, nil
}
