package docx

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode/utf8"
)

// esc writes text escaped for XML character data and attribute values,
// dropping the characters XML 1.0 cannot hold (a control character in a
// source file must not make the package unreadable).
func esc(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '<':
				b.WriteString("&lt;")
			case c == '>':
				b.WriteString("&gt;")
			case c == '&':
				b.WriteString("&amp;")
			case c == '"':
				b.WriteString("&quot;")
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			i += n
			continue
		}
		b.WriteString(s[i : i+n])
		i += n
	}
}

func escString(s string) string {
	var b strings.Builder
	esc(&b, s)
	return b.String()
}

// bookmarkName is the Word bookmark for an anchor of a chapter. Word wants
// at most 40 characters, letters, digits and underscores, starting with a
// letter; the hash of the exact target keeps names apart that the
// sanitising would merge ("sec:a-b" and "sec:a_b").
func bookmarkName(chapter, anchor string) string {
	var b strings.Builder
	b.WriteString("n_")
	for _, r := range chapter + "_" + anchor {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 31 {
			break
		}
	}
	h := fnv.New32a()
	h.Write([]byte(chapter + "#" + anchor))
	return fmt.Sprintf("%s_%08x", b.String(), h.Sum32())
}
