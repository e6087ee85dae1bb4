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
