package markdown

import (
	"sort"
	"unicode/utf8"

	"github.com/normpress/normpress/build/source"
)

// mapper turns offsets in the bytes goldmark parsed into offsets in the file.
// A chapter body is one slice of its file (one anchor); a YAML block scalar
// lost its indentation, so each of its lines gets an anchor of its own.
type mapper struct {
	f       *source.File
	anchors []anchor // sorted by t
}

type anchor struct {
	t, f int // offset in the parsed text, offset in the file
	lim  int // the file offset this anchor's run may not pass (its line end)
}

func (m *mapper) span(start, end int) source.Span {
	s := m.off(start)
	e := m.off(end)
	if e < s {
		e = s
	}
	return source.Span{File: m.f, Start: s, End: e}
}

func (m *mapper) at(off int) source.Span { return m.span(off, off) }

func (m *mapper) off(t int) int {
	n := len(m.f.Data)
	if len(m.anchors) == 0 {
		return clamp(t, 0, n)
	}
	i := sort.Search(len(m.anchors), func(i int) bool { return m.anchors[i].t > t }) - 1
	if i < 0 {
		i = 0
	}
	a := m.anchors[i]
	o := a.f + t - a.t
	if o < a.f {
		o = a.f
	}
	if a.lim >= 0 && o > a.lim {
		o = a.lim
	}
	return clamp(o, 0, n)
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// bodyMapper maps a parsed slice that is the file's own bytes from start on.
func bodyMapper(f *source.File, start int) *mapper {
	return &mapper{f: f, anchors: []anchor{{t: 0, f: start, lim: -1}}}
}

// fragmentMapper maps text that starts at offset start in f, each of its
// lines (the first included) having had indent bytes of indentation in f: a
// YAML block scalar starts at its first line's start, a value on the key's
// line at its first character with indent 0. Only blanks count as
// indentation, so start may also be the first character of an indented
// line. A line shorter in the file than in the text (a blank line of the
// scalar, a folded line) is clamped to its end in the file.
func fragmentMapper(f *source.File, text []byte, start, indent int) *mapper {
	start = clamp(start, 0, len(f.Data))
	m := &mapper{f: f}
	fileLine := start
	t := 0
	for {
		lineEnd := fileLine
		for lineEnd < len(f.Data) && f.Data[lineEnd] != '\n' {
			lineEnd++
		}
		fo := fileLine
		// Skip the indentation, but never past the line's end.
		for k := 0; k < indent && fo < lineEnd && (f.Data[fo] == ' ' || f.Data[fo] == '\t'); k++ {
			fo++
		}
		m.anchors = append(m.anchors, anchor{t: t, f: fo, lim: lineEnd})
		nl := indexByteFrom(text, t, '\n')
		if nl < 0 {
			break
		}
		t = nl + 1
		if lineEnd >= len(f.Data) {
			// The text has more lines than the file: keep them at the end.
			m.anchors = append(m.anchors, anchor{t: t, f: len(f.Data), lim: len(f.Data)})
			break
		}
		fileLine = lineEnd + 1
	}
	return m
}

func indexByteFrom(b []byte, from int, c byte) int {
	for i := from; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// checkUTF8 reports each run of bytes that is not UTF-8 in data[from:to]
// (offsets in the file) and says whether there was any. The text that
// reaches the model has them replaced by U+FFFD.
func checkUTF8(f *source.File, from, to int, diags *source.Diags) bool {
	bad := false
	for i := from; i < to; {
		c := f.Data[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(f.Data[i:to])
		if r != utf8.RuneError || size > 1 {
			i += size
			continue
		}
		j := i + 1
		for j < to {
			r, size := utf8.DecodeRune(f.Data[j:to])
			if r != utf8.RuneError || size > 1 {
				break
			}
			j++
		}
		diags.Errorf(f.Range(i, j), "invalid-utf8", "invalid UTF-8 (%d byte%s); replaced by U+FFFD", j-i, plural(j-i)).
			WithHint("save the file as UTF-8")
		bad = true
		i = j
	}
	return bad
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// alignMapper maps a YAML scalar's value onto the file when the value is
// not the file's bytes: a quoted string drops its escapes (\" is ", ” is
// ', \u00e9 is é) and a folded or quoted string joins its lines. Bytes of
// the value are paired in order with equal bytes of the file from offset
// from (after an opening quote, or a folded block's first line) up to
// limit; an escape's output maps to its backslash. A run of bytes that
// pair one to one is one anchor, so the cost is linear.
func alignMapper(f *source.File, value []byte, from, limit int, escapes bool) *mapper {
	m := &mapper{f: f}
	limit = clamp(limit, 0, len(f.Data))
	o := clamp(from, 0, limit)
	prev := -2 // file offset of the last paired byte
	for i := 0; i < len(value); {
		if escapes && o < limit && f.Data[o] == '\\' {
			n, produced := yamlEscape(f.Data[o:limit])
			if produced > 0 {
				m.anchors = append(m.anchors, anchor{t: i, f: o, lim: o})
				i += produced
				o += n
				prev = -2
				continue
			}
			if produced == 0 {
				o += n
				continue
			}
		}
		p := o
		for p < limit && f.Data[p] != value[i] {
			p++
		}
		if p >= limit {
			m.anchors = append(m.anchors, anchor{t: i, f: limit, lim: limit})
			break
		}
		if p != prev+1 {
			m.anchors = append(m.anchors, anchor{t: i, f: p, lim: -1})
		}
		prev = p
		o = p + 1
		i++
	}
	if len(m.anchors) == 0 {
		m.anchors = []anchor{{t: 0, f: clamp(from, 0, len(f.Data)), lim: -1}}
	}
	return m
}

// yamlEscape reads the escape sequence at the start of b (a backslash in a
// double-quoted YAML string): how many bytes it takes in the file and how
// many bytes of UTF-8 it stands for (0 for an escaped line break).
func yamlEscape(b []byte) (n, produced int) {
	if len(b) < 2 {
		return len(b), 0
	}
	hex := 0
	switch b[1] {
	case '\r', '\n':
		n = 2
		if b[1] == '\r' && len(b) > 2 && b[2] == '\n' {
			n = 3
		}
		for n < len(b) && (b[n] == ' ' || b[n] == '\t') {
			n++
		}
		return n, 0
	case 'N', '_':
		return 2, 2
	case 'L', 'P':
		return 2, 3
	case 'x':
		hex = 2
	case 'u':
		hex = 4
	case 'U':
		hex = 8
	default:
		return 2, 1
	}
	if len(b) < 2+hex {
		return len(b), 1
	}
	var r rune
	for _, c := range b[2 : 2+hex] {
		switch {
		case '0' <= c && c <= '9':
			r = r*16 + rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		}
	}
	size := utf8.RuneLen(r)
	if size < 0 {
		size = 3 // U+FFFD
	}
	return 2 + hex, size
}
