package fontsubset

import (
	"cmp"
	"slices"
)

// writeKern keeps the pairs of the legacy (Microsoft, version 0) kern
// table's format 0 subtables whose both glyphs are kept, renumbered and
// sorted as the binary search of readers wants. Other subtable formats and
// Apple's version 1 table are dropped; nil means no kern table.
func writeKern(t []byte, newID map[uint16]uint16) []byte {
	if len(t) < 4 || be.Uint16(t) != 0 {
		return nil
	}
	n := int(be.Uint16(t[2:]))
	var subs [][]byte
	at := 4
	for range n {
		if at+6 > len(t) {
			break
		}
		length := int(be.Uint16(t[at+2:]))
		coverage := be.Uint16(t[at+4:])
		if coverage>>8 == 0 && at+14 <= len(t) {
			if s := kern0(t[at:], coverage, newID); s != nil {
				subs = append(subs, s)
			}
		}
		if length < 6 {
			break
		}
		at += length
	}
	if len(subs) == 0 {
		return nil
	}
	out := make([]byte, 4)
	be.PutUint16(out[2:], uint16(len(subs)))
	for _, s := range subs {
		out = append(out, s...)
	}
	return out
}

// kern0 rewrites one format 0 subtable (its header starts sub).
func kern0(sub []byte, coverage uint16, newID map[uint16]uint16) []byte {
	// A subtable's 16-bit length overflows in fonts with many pairs, so
	// the pair count, not the length, says where the pairs end.
	nPairs := int(be.Uint16(sub[6:]))
	pairs := sub[14:]
	if len(pairs) < 6*nPairs {
		nPairs = len(pairs) / 6
	}
	type pair struct {
		key   uint32
		value uint16
	}
	var kept []pair
	for i := range nPairs {
		p := pairs[6*i:]
		l, lok := newID[be.Uint16(p)]
		r, rok := newID[be.Uint16(p[2:])]
		if lok && rok {
			kept = append(kept, pair{uint32(l)<<16 | uint32(r), be.Uint16(p[4:])})
		}
	}
	if len(kept) == 0 {
		return nil
	}
	slices.SortFunc(kept, func(a, b pair) int { return cmp.Compare(a.key, b.key) })
	kept = slices.CompactFunc(kept, func(a, b pair) bool { return a.key == b.key })
	size := 14 + 6*len(kept)
	out := make([]byte, size)
	be.PutUint16(out[2:], uint16(min(size, 0xFFFF)))
	be.PutUint16(out[4:], coverage)
	be.PutUint16(out[6:], uint16(len(kept)))
	pow, log := 1, 0
	for pow*2 <= len(kept) {
		pow *= 2
		log++
	}
	be.PutUint16(out[8:], uint16(6*pow))
	be.PutUint16(out[10:], uint16(log))
	be.PutUint16(out[12:], uint16(6*len(kept)-6*pow))
	for i, p := range kept {
		be.PutUint32(out[14+6*i:], p.key)
		be.PutUint16(out[18+6*i:], p.value)
	}
	return out
}
