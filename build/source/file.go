// Package source holds the files a build reads and the positions and
// diagnostics that point into them. It is the bottom of the pipeline: every
// other package imports it and it imports none of them.
//
// Positions are byte offsets, as in go/token and esbuild's logger: lines and
// columns are computed only when a diagnostic is printed, because most builds
// print nothing.
package source

import (
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
)

// File is one input file: its project-relative, slash-separated name and its
// bytes. A File is immutable once made, so it can be shared by goroutines.
type File struct {
	Name string
	Data []byte

	once  sync.Once
	lines []int // byte offset of each line start
}

// NewFile makes a File. The data is not copied.
func NewFile(name string, data []byte) *File {
	return &File{Name: name, Data: data}
}

func (f *File) lineTable() []int {
	f.once.Do(func() {
		// A line ends at LF, CRLF or a bare CR, as YAML and CommonMark
		// read it: a file saved with old Mac line ends has lines too, and
		// a position yaml.v3 reports in one lands where it says.
		lines := make([]int, 1, 64)
		for i, b := range f.Data {
			switch {
			case b == '\n':
				lines = append(lines, i+1)
			case b == '\r' && (i+1 == len(f.Data) || f.Data[i+1] != '\n'):
				lines = append(lines, i+1)
			}
		}
		f.lines = lines
	})
	return f.lines
}

// Position is a printable place in a file: 1-based line and column, the
// column counted in characters (runes), as editors count them.
type Position struct {
	File string
	Line int
	Col  int
}

// String gives file:line:col, or the parts of it that are known.
func (p Position) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// Position converts a byte offset into line and column. Offsets outside the
// file are clamped, so a diagnostic never points nowhere.
func (f *File) Position(off int) Position {
	if f == nil {
		return Position{}
	}
	if off < 0 {
		off = 0
	}
	if off > len(f.Data) {
		off = len(f.Data)
	}
	lines := f.lineTable()
	i := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	start := lines[i]
	col := utf8.RuneCount(f.Data[start:off]) + 1
	if start == 0 && hasBOM(f.Data) && off >= 3 {
		col-- // the byte-order mark is not a character anyone sees
	}
	return Position{File: f.Name, Line: i + 1, Col: col}
}

func hasBOM(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
}

// Offset converts a 1-based line and a 1-based column in characters back into
// a byte offset (yaml.v3 and other libraries report line and column). Out of
// range values are clamped to the nearest offset inside the file.
func (f *File) Offset(line, col int) int {
	lines := f.lineTable()
	if line < 1 {
		return 0
	}
	if line > len(lines) {
		return len(f.Data)
	}
	off := lines[line-1]
	if line == 1 && hasBOM(f.Data) {
		off = 3
	}
	for c := 1; c < col && off < len(f.Data) && f.Data[off] != '\n' && f.Data[off] != '\r'; c++ {
		_, size := utf8.DecodeRune(f.Data[off:])
		off += size
	}
	return off
}

// LineCount is the number of lines in the file.
func (f *File) LineCount() int { return len(f.lineTable()) }

// Span is a byte range in a file. The zero Span points at no file; a Span
// with a file and Start == End points at one place.
type Span struct {
	File  *File
	Start int
	End   int
}

// At makes an empty span at an offset.
func (f *File) At(off int) Span { return Span{File: f, Start: off, End: off} }

// Range makes a span.
func (f *File) Range(start, end int) Span { return Span{File: f, Start: start, End: end} }

// LineCol makes an empty span at a 1-based line and column.
func (f *File) LineCol(line, col int) Span { return f.At(f.Offset(line, col)) }

// Whole spans the whole file; its position is the file's first character.
func (f *File) Whole() Span { return Span{File: f, Start: 0, End: len(f.Data)} }

// Position is where the span starts.
func (s Span) Position() Position {
	if s.File == nil {
		return Position{}
	}
	return s.File.Position(s.Start)
}

// IsZero reports whether the span points at no file.
func (s Span) IsZero() bool { return s.File == nil }

// Text is the source text the span covers.
func (s Span) Text() string {
	if s.File == nil || s.Start < 0 || s.End > len(s.File.Data) || s.Start > s.End {
		return ""
	}
	return string(s.File.Data[s.Start:s.End])
}

// Shift moves a span that was measured inside a part of a file (a YAML block,
// a Markdown body after front matter) by the part's offset.
func (s Span) Shift(by int) Span {
	s.Start += by
	s.End += by
	return s
}

// JSONErrorAt is where a JSON decoding error (encoding/json's syntax or
// type error) points in f: the byte that was wrong. Other errors point at
// the file's start.
func (f *File) JSONErrorAt(err error) Span {
	off := 0
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = int(se.Offset)
	case errors.As(err, &te):
		off = int(te.Offset)
	}
	// encoding/json's offset is just after the byte that was wrong.
	return f.At(min(max(off-1, 0), len(f.Data)))
}
