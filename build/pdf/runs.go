package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// runs splits text into runs by the face that can draw each character;
// a character no face has becomes a hollow box and a warning.
func (p *para) runs(s string, st tstyle) []run {
	return p.e.runs(s, st)
}

func (e *engine) runs(s string, st tstyle) []run {
	want := st.face()
	if !st.smallcaps && e.plain(want, s) {
		s = e.fonts.ligate(want, s)
		return []run{{text: s, face: want, size: st.size, rise: st.rise, link: st.link, strike: st.strike, tag: st.tag,
			w: e.fonts.width(want, s, st.size)}}
	}
	var out []run
	var cur strings.Builder
	curFace, curSize, have := face(0), 0.0, false
	flush := func() {
		if !have || cur.Len() == 0 {
			return
		}
		t := cur.String()
		if !st.smallcaps {
			t = e.fonts.ligate(curFace, t)
		}
		out = append(out, run{text: t, face: curFace, size: curSize, rise: st.rise, link: st.link, strike: st.strike, tag: st.tag,
			w: e.fonts.width(curFace, t, curSize)})
		cur.Reset()
	}
	for _, r := range s {
		size := st.size
		switch {
		case r == '\u00ad' || r == '\u200b' || isInvisible(r):
			continue
		case r < ' ' || (r >= 0x7f && r < 0xa0):
			continue
		case r == '\u2011':
			if !e.fonts.faces[want].m.has(r) {
				r = '-'
			}
		}
		if st.smallcaps && unicode.IsLower(r) {
			r = unicode.ToUpper(r)
			size *= 0.8
		}
		f, ok := want, false
		if r <= 0xFFFF {
			f, ok = e.fonts.pick(want, r)
		}
		if !ok {
			flush()
			have = false
			e.warnGlyph(r)
			out = append(out, run{text: string(r), face: want, size: size, rise: st.rise, link: st.link, tofu: true, tag: st.tag, w: 0.6 * size})
			continue
		}
		if !have || f != curFace || size != curSize {
			flush()
			curFace, curSize, have = f, size, true
		}
		cur.WriteRune(r)
	}
	flush()
	return out
}

// plain reports whether the face draws every character of s as it is:
// the common case, which needs no copy of the text.
func (e *engine) plain(f face, s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	m := e.fonts.faces[f].m
	for _, r := range s {
		if r < ' ' || r >= 0xFFFF || r == '\u00ad' || r == '\u200b' || r == '\u2011' || (r >= 0x7f && r < 0xa0) || isInvisible(r) || !m.has(r) {
			return false
		}
	}
	return true
}

// isInvisible is a formatting character with no glyph of its own (joiners,
// marks, variation selectors, byte-order marks): dropping it loses nothing.
func isInvisible(r rune) bool {
	switch {
	case r >= 0x200c && r <= 0x200f, r >= 0x2060 && r <= 0x2064, r >= 0xfe00 && r <= 0xfe0f, r == 0xfeff:
		return true
	case r >= 0xe0100 && r <= 0xe01ef:
		return true
	}
	return false
}

// plainRuns sets a short plain string (a label, a heading number) in a
// style, outside any paragraph.
func (e *engine) plainRuns(s string, st tstyle) ([]run, float64) {
	rs := e.runs(s, st)
	w := 0.0
	for _, r := range rs {
		w += r.w
	}
	return rs, w
}

// ligatures are the standard ligatures, longest first: a font's own glyph
// for ffi is drawn instead of f, f and i where the font has one. The
// letters stay in the text: the files' ToUnicode maps each ligature back
// to them (catalog.go), so extraction and search see "ffi".
var ligatures = [...]struct {
	seq string
	lig rune
}{{"ffi", '\ufb03'}, {"ffl", '\ufb04'}, {"ff", '\ufb00'}, {"fi", '\ufb01'}, {"fl", '\ufb02'}}

// ligate replaces the letter sequences face f has a ligature for.
func (fs *fontSet) ligate(f face, s string) string {
	if !strings.Contains(s, "f") {
		return s
	}
	m := fs.faces[f].m
	var b []byte
	copied := 0 // s[:copied] is in b
	for i := 0; i < len(s); i++ {
		if s[i] != 'f' {
			continue
		}
		for _, l := range ligatures {
			if strings.HasPrefix(s[i:], l.seq) && m.has(l.lig) {
				b = append(b, s[copied:i]...)
				b = utf8.AppendRune(b, l.lig)
				copied = i + len(l.seq)
				i = copied - 1
				break
			}
		}
	}
	if b == nil {
		return s
	}
	return string(append(b, s[copied:]...))
}
