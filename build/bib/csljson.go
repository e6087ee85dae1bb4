package bib

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/normpress/normpress/build/source"
)

// CSL-JSON is read by a scanner of our own rather than encoding/json,
// which keeps no positions: every value here knows its byte offset, so a
// wrong type is reported at the value, and a syntax error inside one item
// does not lose the items after it (reading resumes at the next item).

// node is a JSON or YAML value with its place in the file; the item reader
// (cslitem.go) reads both formats through it.
type node struct {
	kind    nodeKind
	text    string // a scalar's value; a number's literal text
	off     int
	end     int      // after the value; 0 when unknown (YAML)
	elems   []*node  // array
	members []member // object, in file order
}

type member struct {
	key string
	off int
	val *node
}

type nodeKind uint8

const (
	nNull nodeKind = iota
	nBool
	nNumber
	nString
	nArray
	nObject
)

func (k nodeKind) String() string {
	switch k {
	case nBool:
		return "a boolean"
	case nNumber:
		return "a number"
	case nString:
		return "a string"
	case nArray:
		return "an array"
	case nObject:
		return "an object"
	}
	return "null"
}

func (n *node) isScalar() bool { return n.kind != nArray && n.kind != nObject }

// maxDepth bounds nesting: CSL-JSON needs four levels, and a fuzzer's
// million '[' must not exhaust the stack.
const maxDepth = 64

type jsonParser struct {
	f     *source.File
	s     []byte
	i     int
	ds    *source.Diags
	depth int
}

// errSyntax reports a syntax error; the caller unwinds to the item list.
func (p *jsonParser) errSyntax(off int, format string, args ...any) {
	p.ds.Errorf(p.f.At(off), "csljson-syntax", format, args...)
}

func (p *jsonParser) skipWS() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// parseJSONItems reads the top-level array and returns its elements.
func (p *jsonParser) items() []*node {
	if len(p.s) >= 3 && p.s[0] == 0xEF && p.s[1] == 0xBB && p.s[2] == 0xBF {
		p.i = 3
	}
	p.skipWS()
	if p.i >= len(p.s) {
		p.errSyntax(p.i, "empty file: expected a JSON array of items")
		return nil
	}
	if p.s[p.i] == '{' {
		// One item on its own, as some tools write it.
		n, ok := p.value()
		if !ok {
			return nil
		}
		p.trailing()
		return []*node{n}
	}
	if p.s[p.i] != '[' {
		p.errSyntax(p.i, "expected '[' to open the list of items, found %s", p.describe())
		return nil
	}
	p.i++
	p.depth++
	var out []*node
	for {
		p.skipWS()
		if p.i >= len(p.s) {
			p.errSyntax(p.i, "missing ']' at the end of the list of items")
			return out
		}
		if p.s[p.i] == ']' {
			p.i++
			p.trailing()
			return out
		}
		start := p.i
		n, ok := p.value()
		if !ok {
			if p.i = p.resync(start); p.i < 0 {
				return out
			}
			continue
		}
		out = append(out, n)
		p.skipWS()
		switch {
		case p.i >= len(p.s):
			p.errSyntax(p.i, "missing ']' at the end of the list of items")
			return out
		case p.s[p.i] == ',':
			comma := p.i
			p.i++
			p.skipWS()
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.errSyntax(comma, "trailing ',' before ']': JSON allows none")
			}
		case p.s[p.i] == ']':
		case p.s[p.i] == '{':
			p.errSyntax(p.i, "missing ',' between items")
		default:
			p.errSyntax(p.i, "expected ',' or ']' after an item, found %s", p.describe())
			if p.i = p.resync(p.i); p.i < 0 {
				return out
			}
		}
	}
}

func (p *jsonParser) trailing() {
	p.skipWS()
	if p.i < len(p.s) {
		p.errSyntax(p.i, "unexpected text after the end of the JSON value")
	}
}

// resync finds where the next item starts after a syntax error at or
// after start: a '{' in the column the broken item started in (exports are
// indented), or a '{' whose first key is "id" or "type".
func (p *jsonParser) resync(start int) int {
	col := -1
	ls := start
	for ls > 0 && p.s[ls-1] != '\n' {
		ls--
	}
	if strings.TrimLeft(string(p.s[ls:start]), " \t") == "" {
		col = start - ls
	}
	from := max(p.i, start+1)
	for j := from; j < len(p.s); j++ {
		if p.s[j] != '{' {
			continue
		}
		ls := j
		for ls > 0 && p.s[ls-1] != '\n' {
			ls--
		}
		if col >= 0 && j-ls == col && strings.TrimLeft(string(p.s[ls:j]), " \t") == "" {
			return j
		}
		k := j + 1
		for k < len(p.s) && (p.s[k] == ' ' || p.s[k] == '\t' || p.s[k] == '\n' || p.s[k] == '\r') {
			k++
		}
		rest := p.s[k:]
		if strings.HasPrefix(string(rest[:min(len(rest), 7)]), `"id"`) || strings.HasPrefix(string(rest[:min(len(rest), 7)]), `"type"`) {
			return j
		}
	}
	return -1
}

func (p *jsonParser) describe() string {
	if p.i >= len(p.s) {
		return "the end of the file"
	}
	r, _ := utf8.DecodeRune(p.s[p.i:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) value() (*node, bool) {
	p.skipWS()
	if p.i >= len(p.s) {
		p.errSyntax(p.i, "expected a value, found the end of the file")
		return nil, false
	}
	n := &node{off: p.i}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, ok := p.str()
		n.kind, n.text = nString, s
		return n, ok
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range []string{"true", "false", "null"} {
			if strings.HasPrefix(string(p.s[p.i:min(len(p.s), p.i+5)]), w) {
				p.i += len(w)
				n.text = w
				n.kind = nBool
				if w == "null" {
					n.kind = nNull
				}
				return n, true
			}
		}
	}
	p.errSyntax(p.i, "expected a value, found %s", p.describe())
	return nil, false
}

func (p *jsonParser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		p.errSyntax(p.i, "values nested more than %d deep", maxDepth)
		return false
	}
	return true
}

func (p *jsonParser) object() (*node, bool) {
	n := &node{kind: nObject, off: p.i}
	if !p.enter() {
		return nil, false
	}
	defer func() { p.depth-- }()
	p.i++
	p.skipWS()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		n.end = p.i
		return n, true
	}
	comma := -1
	for {
		p.skipWS()
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			if p.i < len(p.s) && p.s[p.i] == '}' && comma >= 0 {
				p.errSyntax(comma, "trailing ',' before '}': JSON allows none")
				p.i++
				n.end = p.i
				return n, true
			}
			p.errSyntax(p.i, "expected a key in double quotes, found %s", p.describe())
			return nil, false
		}
		keyOff := p.i
		key, ok := p.str()
		if !ok {
			return nil, false
		}
		p.skipWS()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			p.errSyntax(p.i, "expected ':' after key %q, found %s", key, p.describe())
			return nil, false
		}
		p.i++
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		n.members = append(n.members, member{key: key, off: keyOff, val: v})
		p.skipWS()
		if p.i >= len(p.s) {
			p.errSyntax(p.i, "missing '}': the object opened at %s never ends", p.f.Position(n.off))
			return nil, false
		}
		switch p.s[p.i] {
		case ',':
			comma = p.i
			p.i++
		case '}':
			p.i++
			n.end = p.i
			return n, true
		case '"':
			comma = -1
			p.errSyntax(p.i, "missing ',' before key")
		default:
			p.errSyntax(p.i, "expected ',' or '}' in the object, found %s", p.describe())
			return nil, false
		}
	}
}

func (p *jsonParser) array() (*node, bool) {
	n := &node{kind: nArray, off: p.i}
	if !p.enter() {
		return nil, false
	}
	defer func() { p.depth-- }()
	p.i++
	p.skipWS()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return n, true
	}
	for {
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		n.elems = append(n.elems, v)
		p.skipWS()
		if p.i >= len(p.s) {
			p.errSyntax(p.i, "missing ']': the array opened at %s never ends", p.f.Position(n.off))
			return nil, false
		}
		switch p.s[p.i] {
		case ',':
			comma := p.i
			p.i++
			p.skipWS()
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.errSyntax(comma, "trailing ',' before ']': JSON allows none")
				p.i++
				return n, true
			}
		case ']':
			p.i++
			return n, true
		default:
			p.errSyntax(p.i, "expected ',' or ']' in the array, found %s", p.describe())
			return nil, false
		}
	}
}

func (p *jsonParser) number() (*node, bool) {
	start := p.i
	j := p.i
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	digits := func() int {
		k := j
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		return j - k
	}
	if digits() == 0 {
		p.errSyntax(start, "invalid number")
		return nil, false
	}
	if j < len(p.s) && p.s[j] == '.' {
		j++
		if digits() == 0 {
			p.errSyntax(start, "invalid number: digits must follow '.'")
			return nil, false
		}
	}
	if j < len(p.s) && (p.s[j] == 'e' || p.s[j] == 'E') {
		j++
		if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
			j++
		}
		if digits() == 0 {
			p.errSyntax(start, "invalid number: digits must follow the exponent")
			return nil, false
		}
	}
	p.i = j
	return &node{kind: nNumber, text: string(p.s[start:j]), off: start}, true
}

// str reads a string at p.i (the opening quote) and decodes its escapes.
func (p *jsonParser) str() (string, bool) {
	start := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), true
		case c == '\\':
			if p.i+1 >= len(p.s) {
				p.errSyntax(p.i, "unterminated string")
				return "", false
			}
			e := p.s[p.i+1]
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, n, ok := p.unicodeEscape(p.i)
				if !ok {
					p.errSyntax(p.i, "invalid \\u escape")
					return "", false
				}
				b.WriteRune(r)
				p.i += n
				continue
			default:
				p.errSyntax(p.i, "invalid escape '\\%c'", e)
				return "", false
			}
			p.i += 2
		case c < 0x20:
			if c == '\n' {
				p.errSyntax(start, "unterminated string: a string must end on its line")
			} else {
				p.errSyntax(p.i, "control character in a string: write it as an escape")
			}
			return "", false
		default:
			r, size := utf8.DecodeRune(p.s[p.i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.Write(p.s[p.i : p.i+size])
			}
			p.i += size
		}
	}
	p.errSyntax(start, "unterminated string")
	return "", false
}

// unicodeEscape reads \uXXXX (and a following low surrogate) at i.
func (p *jsonParser) unicodeEscape(i int) (rune, int, bool) {
	hex := func(at int) (rune, bool) {
		if at+6 > len(p.s) || p.s[at] != '\\' || p.s[at+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(p.s[at+2:at+6]), 16, 16)
		return rune(v), err == nil
	}
	r, ok := hex(i)
	if !ok {
		return 0, 0, false
	}
	if utf16.IsSurrogate(r) {
		if r2, ok := hex(i + 6); ok {
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				return d, 12, true
			}
		}
		return utf8.RuneError, 6, true
	}
	return r, 6, true
}

// ParseCSLJSON reads a CSL-JSON file: an array of items as Zotero,
// Better BibTeX and pandoc write it. Numbers become strings; dates may be
// date-parts (numbers or strings), raw, literal or EDTF strings.
func ParseCSLJSON(f *source.File) ([]*Item, source.Diags) {
	var ds source.Diags
	p := &jsonParser{f: f, s: f.Data, ds: &ds}
	nodes := p.items()
	r := newCSLReader(f, &ds, "csljson", false)
	return r.items(nodes)
}
