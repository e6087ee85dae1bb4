// Package yamlerr says where a YAML syntax error is and what it means.
//
// yaml.v3 (the parser every YAML file goes through) reports a syntax error
// as a string with a line and no column, and the line is often the start of
// the enclosing mapping, not the fault: a key indented one space too little
// on line 6 is "line 2: did not find expected '-' indicator". When yaml.v3
// rejects a document, Locate asks goccy/go-yaml's parser, whose syntax
// errors carry the offending token's line and column, and rewords the
// common messages for an author. yaml.v3 stays the parser of record: goccy
// is only asked where yaml.v3's error is.
package yamlerr

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	goccy "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"github.com/normpress/normpress/build/source"
)

// Error is a located syntax error: Line and Col are 1-based and relative to
// the YAML text (Col counts characters); Col is 0 when only the line is
// known, Line 0 when neither is.
type Error struct {
	Line, Col int
	Msg       string
	Hint      string
}

var v3Line = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Locate turns the error yaml.v3 returned for data into a located one.
func Locate(data []byte, v3err error) Error {
	e := fromV3(v3err)
	if line, col, msg, ok := goccyPosition(data); ok {
		v3line := e.Line
		e.Line, e.Col = line, col
		e.Msg, e.Hint = reword(msg, e.Msg)
		if strings.Contains(msg, "mapping value is not allowed") {
			// goccy points at the start of the value the colon is in;
			// yaml.v3's line is the colon's. The colon is the fault.
			if v3line < line {
				v3line = line
			}
			from := 1
			if v3line == line {
				from = col
			}
			if c := colonCol(data, v3line, from); c > 0 {
				if v3line != line {
					e.Hint = fmt.Sprintf("the value this colon is in starts at line %d; if this line is a key, indent it like the other keys of its mapping, else quote the value", line)
				}
				e.Line, e.Col = v3line, c
			}
		}
	}
	return e
}

// colonCol is the column of the first ": " or line-ending ":" on the given
// line at or after column from, 0 if there is none.
func colonCol(data []byte, line, from int) int {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return 0
	}
	rs := []rune(strings.TrimRight(lines[line-1], "\r"))
	for i := from - 1; i >= 0 && i < len(rs); i++ {
		if rs[i] == ':' && (i+1 == len(rs) || rs[i+1] == ' ' || rs[i+1] == '\t') {
			return i + 1
		}
	}
	return 0
}

func fromV3(err error) Error {
	s := err.Error()
	if m := v3Line.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return Error{Line: n, Msg: m[2]}
	}
	return Error{Msg: strings.TrimPrefix(s, "yaml: ")}
}

// goccyPosition parses data with goccy/go-yaml and returns the position and
// message of its syntax error. A panic inside it is no answer, not a crash.
func goccyPosition(data []byte) (line, col int, msg string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := parser.ParseBytes(data, 0)
	var se *goccy.SyntaxError
	if err == nil || !errors.As(err, &se) || se.Token == nil || se.Token.Position == nil {
		return 0, 0, "", false
	}
	p := se.Token.Position
	if p.Line < 1 {
		return 0, 0, "", false
	}
	col = p.Column
	if col < 1 {
		col = 1
	}
	return p.Line, col, se.Message, true
}

// reword gives goccy's message in an author's words where we know what it
// means, with a hint; otherwise goccy's message (it points at the token)
// and yaml.v3's as a hint.
func reword(g, v3 string) (msg, hint string) {
	switch {
	case strings.Contains(g, "mapping value is not allowed"):
		return "a colon followed by a blank inside a value", "quote the value (\"…: …\"), or put the key on its own line at its mapping's indentation"
	case strings.Contains(g, "value is not allowed in this context"), strings.Contains(g, "unexpected key name"):
		return "this line does not fit the indentation around it", "a key lines up with the other keys of its mapping; a list item's keys line up after its \"- \""
	case strings.Contains(g, "cannot start any token") && strings.Contains(g, "'\t'"):
		return "a tab in the indentation", "YAML indents with spaces only"
	case strings.Contains(g, "is a reserved character"):
		return fmt.Sprintf("a value cannot start with %s", strings.TrimSuffix(g, " is a reserved character")), "quote the value"
	case strings.Contains(g, "could not find end character of double-quoted"):
		return "the double-quoted string that starts here is not closed", "end it with \" (write \\\" for a quote inside it)"
	case strings.Contains(g, "could not find end character of single-quoted"):
		return "the single-quoted string that starts here is not closed", "end it with ' (write '' for an apostrophe inside it)"
	case strings.Contains(g, "',' or ']' must be specified"):
		return "a list in brackets is not closed before here", "separate its items with , and end it with ]"
	case strings.Contains(g, "',' or '}' must be specified"):
		return "a mapping in braces is not closed before here", "separate its entries with , and end it with }"
	case strings.Contains(g, "already defined"):
		return g, ""
	}
	h := ""
	if v3 != "" && v3 != g {
		h = "the YAML parser says: " + v3
	}
	return g, h
}

// Report adds the error yaml.v3 returned for data, the YAML text found at
// byte offset base of f, to ds as an error with the given code, at the
// cause's line and column. A document that is not UTF-8 is reported at its
// first bad byte (yaml.v3 names no place for it).
func Report(ds *source.Diags, f *source.File, base int, data []byte, v3err error, code, prefix string) *source.Diag {
	if i := invalidUTF8(data); i >= 0 {
		d := ds.Errorf(f.Range(base+i, base+i+1), code, "%sthe text is not UTF-8 (byte 0x%02X here)", prefix, data[i])
		d.WithHint("save the file as UTF-8")
		return d
	}
	e := Locate(data, v3err)
	span := f.At(base)
	if e.Line > 0 {
		col := e.Col
		if col < 1 {
			col = 1
		}
		span = f.LineCol(f.Position(base).Line+e.Line-1, col)
	}
	d := ds.Errorf(span, code, "%s%s", prefix, e.Msg)
	if e.Hint != "" {
		d.WithHint("%s", e.Hint)
	}
	return d
}

func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
