package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanKey measures a citation key at the start of b (the bytes after '@'),
// by pandoc's rule: a letter, digit or '_' first; then letters, digits and
// '_', and the punctuation :.#$%&-+?<>~/ only where a letter, digit or '_'
// follows (so "@doe99." ends before the dot), and ':' or '/' before '/'
// (for keys that are URLs). @{…} takes anything up to '}'. It returns the
// length in bytes, braces included, or 0.
func scanKey(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	if b[0] == '{' {
		for i := 1; i < len(b); i++ {
			switch b[i] {
			case '}':
				if i == 1 {
					return 0
				}
				return i + 1
			case '{', '\n', '\r':
				return 0
			}
		}
		return 0
	}
	r, size := utf8.DecodeRune(b)
	if !isKeyChar(r) {
		return 0
	}
	i := size
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if isKeyChar(r) {
			i += size
			continue
		}
		if i+size < len(b) {
			next, _ := utf8.DecodeRune(b[i+size:])
			if strings.ContainsRune(":.#$%&-+?<>~/", r) && isKeyChar(next) {
				i += size
				continue
			}
			if (r == ':' || r == '/') && next == '/' {
				i += size
				continue
			}
		}
		break
	}
	return i
}

func isKeyChar(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// keyText is the key without @{…} braces.
func keyText(b []byte) string {
	if len(b) >= 2 && b[0] == '{' {
		return string(b[1 : len(b)-1])
	}
	return string(b)
}

// xrefKinds are the label prefixes that make @key a cross-reference.
var xrefKinds = [...]string{"sec", "fig", "tbl", "norm", "para"}

// xrefKind tells a cross-reference from a citation: "sec" for @sec:x, and
// capital for @Sec:x, which starts a sentence.
func xrefKind(key string) (kind string, capital bool) {
	i := strings.IndexByte(key, ':')
	if i <= 0 || i == len(key)-1 {
		return "", false
	}
	p := key[:i]
	for _, k := range xrefKinds {
		if p == k {
			return k, false
		}
		if len(p) == len(k) && p[0] == k[0]-'a'+'A' && p[1:] == k[1:] {
			return k, true
		}
	}
	return "", false
}

// labelKind is the kind a label's prefix names, or "".
func labelKind(label string) string {
	k, capital := xrefKind(label)
	if capital {
		return ""
	}
	return k
}

// referable says whether @label can reach a label: the whole label must
// scan as a key.
func referable(label string) bool {
	return label != "" && scanKey([]byte(label)) == len(label) && label[0] != '{'
}
