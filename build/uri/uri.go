// Package uri holds what every output needs to know about a web address:
// how to write one as a link target that every reader accepts, and where one
// ends inside running text.
package uri

import (
	"strings"
	"unicode/utf8"
)

// Encode returns u as a URI every output accepts as a link target: each byte
// RFC 3986 does not allow in a URI (a space, <, >, ", {, }, |, \, ^, `, a
// control character, any byte of a non-ASCII character) is percent-encoded,
// and so is a % that does not start an escape. What is already valid is kept
// as it is, so Encode(Encode(u)) == Encode(u): a DOI such as 10.1000/a<b>
// becomes 10.1000/a%3Cb%3E, a URL with a space gets %20, and an address the
// author escaped is not escaped twice. Invalid UTF-8 is encoded byte by byte,
// as a browser does.
func Encode(u string) string {
	i := 0
	for i < len(u) && keep(u, i) {
		i++
	}
	if i == len(u) {
		return u
	}
	var b strings.Builder
	b.Grow(len(u) + 16)
	b.WriteString(u[:i])
	for ; i < len(u); i++ {
		if keep(u, i) {
			b.WriteByte(u[i])
			continue
		}
		const hex = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(hex[u[i]>>4])
		b.WriteByte(hex[u[i]&15])
	}
	return b.String()
}

// keep reports whether the byte at u[i] may stand in a URI as it is: an
// unreserved or reserved character (RFC 3986, 2.2 and 2.3), or a % that
// begins a percent-encoded octet.
func keep(u string, i int) bool {
	c := u[i]
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	case c == '%':
		return i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2])
	}
	return strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// schemes are the URL schemes Spans recognises in running text.
var schemes = []string{"https://", "http://", "ftp://", "ftps://"}

// Spans returns the byte ranges [start, end) of the web addresses in
// running text s: one that starts with http://, https://, ftp:// or ftps://
// or with www., after a blank, the start, or a character that is not a
// letter or digit. An address ends at a blank or <, and trailing sentence
// punctuation (.,:;!?'"*_~) and a ) or ] without its opening partner are
// not part of it, as in GitHub's extended autolinks. Smart punctuation uses
// it to leave addresses alone: an apostrophe in https://example.org/it's
// must not become ’ (the link would break).
func Spans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		j := indexStart(s[i:])
		if j < 0 {
			break
		}
		start := i + j
		end := End(s, start)
		if end > start {
			out = append(out, [2]int{start, end})
			i = end
		} else {
			i = start + 1
		}
	}
	return out
}

// indexStart is the index of the first place in s where an address may
// start (h, f or w after a non-alphanumeric), or -1.
func indexStart(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c != 'h' && c != 'f' && c != 'w' {
			continue
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:i])
			if isWordRune(r) {
				continue
			}
		}
		if Begins(s[i:]) {
			return i
		}
	}
	return -1
}

// Begins reports whether s starts with a scheme Spans recognises, or www.
// followed by something.
func Begins(s string) bool {
	for _, p := range schemes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return len(s) > 4 && strings.EqualFold(s[:4], "www.")
}

func isWordRune(r rune) bool {
	return r >= 0x80 && r != utf8.RuneError || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

// End returns where the address that starts at s[start] ends; start itself
// when none starts there.
func End(s string, start int) int {
	if !Begins(s[start:]) {
		return start
	}
	end := start
	for end < len(s) {
		c := s[end]
		if c <= ' ' || c == '<' || c == 0x7f {
			break
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[end:])
			if r == utf8.RuneError || isBlank(r) {
				break
			}
			end += size
			continue
		}
		end++
	}
	// Trailing punctuation belongs to the sentence; a closing bracket
	// belongs to the address only when the address opened it.
	for end > start {
		c := s[end-1]
		if strings.IndexByte(".,:;!?'\"*_~", c) >= 0 {
			end--
			continue
		}
		if (c == ')' || c == ']') && !balanced(s[start:end], c) {
			end--
			continue
		}
		break
	}
	if !Begins(s[start:end]) {
		return start
	}
	return end
}

func balanced(s string, closer byte) bool {
	opener := byte('(')
	if closer == ']' {
		opener = '['
	}
	return strings.Count(s, string(opener)) >= strings.Count(s, string(closer))
}

func isBlank(r rune) bool {
	switch r {
	case 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return 0x2000 <= r && r <= 0x200a
}
