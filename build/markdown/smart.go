package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/normpress/normpress/build/uri"
)

// smartText applies smart punctuation to plain text that goldmark's
// typographer never sees: a citation's prefix, suffix and locator, a title
// that had to stay plain. Dashes and ellipses as the typographer makes them;
// a quote opens after a blank or an opening bracket and closes otherwise;
// an apostrophe between letters is ’. A web address is left as it is
// (https://example.org/it's stays a working address).
func smartText(s string, q [4]string) string {
	if !strings.ContainsAny(s, "-.'\"") {
		return s
	}
	urls := uri.Spans(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := ' '
	for i := 0; i < len(s); {
		if len(urls) > 0 && i == urls[0][0] {
			end := urls[0][1]
			b.WriteString(s[i:end])
			prev, _ = utf8.DecodeLastRuneInString(s[i:end])
			i = end
			urls = urls[1:]
			continue
		}
		switch {
		case strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			i += 3
			prev = '—'
			continue
		case strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			i += 2
			prev = '–'
			continue
		case strings.HasPrefix(s[i:], "..."):
			b.WriteString("…")
			i += 3
			prev = '…'
			continue
		case s[i] == '"':
			if opens(prev) {
				b.WriteString(q[0])
			} else {
				b.WriteString(q[1])
			}
			i++
			prev = '"'
			continue
		case s[i] == '\'':
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			switch {
			case (unicode.IsLetter(prev) || unicode.IsDigit(prev)) && unicode.IsLetter(next):
				b.WriteString("’")
			case opens(prev):
				b.WriteString(q[2])
			default:
				b.WriteString(q[3])
			}
			i++
			prev = '\''
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		prev = r
		i += size
	}
	return b.String()
}

func opens(prev rune) bool {
	return unicode.IsSpace(prev) || strings.ContainsRune("([{—–/", prev)
}
