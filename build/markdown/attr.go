package markdown

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
)

// attrs is a parsed attribute block.
type attrs = doc.Attr

// attrError is a syntax error in an attribute block, at an offset of the
// bytes given to parseAttrs.
type attrError struct {
	at  int
	msg string
}

func (e *attrError) Error() string { return e.msg }

// parseAttrs reads pandoc's attribute block at the start of b:
// {#id .class key=value key="quoted value"}. It returns the attributes and
// the number of bytes through the closing brace. Unlike goldmark's own
// attribute grammar (JSON-like, where width=50% fails), it accepts bare
// values as pandoc does; headings keep goldmark's, as parser.WithAttribute
// parses them.
func parseAttrs(b []byte) (attrs, int, *attrError) {
	a, _, n, err := parseAttrSpans(b)
	return a, n, err
}

// parseAttrSpans is parseAttrs that also returns where each key=value pair
// lies in b (start and end offsets, parallel to a.KV), for diagnostics
// about one attribute.
func parseAttrSpans(b []byte) (a attrs, kvAt [][2]int, n int, _ *attrError) {
	if len(b) == 0 || b[0] != '{' {
		return a, nil, 0, &attrError{0, "an attribute block starts with {"}
	}
	i := 1
	for {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
			i++
		}
		if i >= len(b) || b[i] == '\n' || b[i] == '\r' {
			return a, nil, 0, &attrError{i, "attribute block not closed: missing }"}
		}
		switch c := b[i]; {
		case c == '}':
			return a, kvAt, i + 1, nil
		case c == '#' || c == '.':
			j := i + 1
			for j < len(b) && isIdentByte(b[j]) {
				j++
			}
			if j == i+1 {
				return a, nil, 0, &attrError{i, fmt.Sprintf("empty %s after %q", map[byte]string{'#': "id", '.': "class"}[c], string(c))}
			}
			if j < len(b) && !isAttrEnd(b[j]) {
				return a, nil, 0, &attrError{j, fmt.Sprintf("unexpected %q in attribute block", runeAt(b, j))}
			}
			v := string(b[i+1 : j])
			if c == '#' {
				if a.ID != "" {
					return a, nil, 0, &attrError{i, fmt.Sprintf("second id #%s: an element has one id", v)}
				}
				a.ID = v
			} else {
				a.Classes = append(a.Classes, v)
			}
			i = j
		case isKeyStart(c):
			j := i + 1
			for j < len(b) && isKeyByte(b[j]) {
				j++
			}
			key := string(b[i:j])
			if j >= len(b) || b[j] != '=' {
				return a, nil, 0, &attrError{i, fmt.Sprintf("attribute %q needs a value: %s=\"…\" (ids start with #, classes with .)", key, key)}
			}
			j++
			v, n, err := attrValue(b[j:])
			if err != nil {
				err.at += j
				return a, nil, 0, err
			}
			a.KV = append(a.KV, [2]string{key, v})
			kvAt = append(kvAt, [2]int{i, j + n})
			i = j + n
		default:
			return a, nil, 0, &attrError{i, fmt.Sprintf("unexpected %q in attribute block", runeAt(b, i))}
		}
	}
}

func attrValue(b []byte) (string, int, *attrError) {
	if len(b) == 0 || b[0] == ' ' || b[0] == '}' {
		return "", 0, &attrError{0, "missing value after ="}
	}
	if q := b[0]; q == '"' || q == '\'' {
		var sb strings.Builder
		for i := 1; i < len(b); i++ {
			switch c := b[i]; {
			case c == '\\' && i+1 < len(b) && (b[i+1] == q || b[i+1] == '\\'):
				sb.WriteByte(b[i+1])
				i++
			case c == q:
				if i+1 < len(b) && !isAttrEnd(b[i+1]) {
					return "", 0, &attrError{i + 1, "a space or } must follow a quoted value"}
				}
				return sb.String(), i + 1, nil
			case c == '\n' || c == '\r':
				return "", 0, &attrError{0, "quoted value not closed"}
			default:
				sb.WriteByte(c)
			}
		}
		return "", 0, &attrError{0, "quoted value not closed"}
	}
	j := 0
	for j < len(b) && !isAttrEnd(b[j]) {
		if b[j] == '"' || b[j] == '\'' || b[j] == '=' || b[j] == '{' {
			return "", 0, &attrError{j, fmt.Sprintf("unexpected %q in a value: quote it", string(b[j]))}
		}
		j++
	}
	return string(b[:j]), j, nil
}

func isAttrEnd(c byte) bool { return c == ' ' || c == '\t' || c == '}' || c == '\n' || c == '\r' }

func isIdentByte(c byte) bool {
	return !isAttrEnd(c) && c != '{' && c != '"' && c != '\'' && c != '=' && c != '#'
}

func isKeyStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func isKeyByte(c byte) bool {
	return isKeyStart(c) || c >= '0' && c <= '9' || c == '-' || c == ':' || c == '.'
}

func runeAt(b []byte, i int) string {
	r, _ := utf8.DecodeRune(b[i:])
	return string(r)
}

// trailingAttrs finds an attribute block that ends line (trailing blanks
// ignored): the offset of its '{', the attributes, and whether one parsed.
// When the line ends in something that only looks like one, it returns the
// syntax error with its offset in line.
func trailingAttrs(line []byte) (start int, a attrs, ok bool, err *attrError) {
	end := len(line)
	for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t' || line[end-1] == '\n' || line[end-1] == '\r') {
		end--
	}
	if end == 0 || line[end-1] != '}' {
		return 0, a, false, nil
	}
	var firstErr *attrError
	errStart := -1
	// Try each '{' from the right: a quoted value may itself hold braces.
	for i := end - 1; i >= 0; i-- {
		if line[i] != '{' || (i > 0 && line[i-1] == '\\') {
			continue
		}
		a, n, e := parseAttrs(line[i:end])
		if e == nil && n == end-i {
			return i, a, true, nil
		}
		if firstErr == nil && looksLikeAttrs(line[i:end]) {
			if e == nil {
				e = &attrError{n, "text after the attribute block"}
			}
			firstErr, errStart = e, i
		}
	}
	if firstErr != nil {
		firstErr.at += errStart
		return errStart, a, false, firstErr
	}
	return 0, a, false, nil
}

// looksLikeAttrs tells an attribute block with a mistake in it from text
// that merely ends in braces (a formula, "{sic}"): it starts with # or . or
// a key and '='.
func looksLikeAttrs(b []byte) bool {
	if len(b) < 2 || b[0] != '{' {
		return false
	}
	i := 1
	for i < len(b) && b[i] == ' ' {
		i++
	}
	if i >= len(b) {
		return false
	}
	if b[i] == '#' || b[i] == '.' {
		return i+1 < len(b) && isIdentByte(b[i+1])
	}
	if !isKeyStart(b[i]) {
		return false
	}
	for i < len(b) && isKeyByte(b[i]) {
		i++
	}
	return i < len(b) && b[i] == '='
}
