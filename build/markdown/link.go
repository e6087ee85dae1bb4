package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/uri"
	"github.com/yuin/goldmark/ast"
)

// allowedSchemes are the URL schemes a link may have. Anything else
// (javascript:, vbscript:, data:, file:) could run code or reach the
// reader's machine.
var allowedSchemes = []string{"http", "https", "mailto", "ftp", "ftps", "tel", "urn", "doi", "news", "irc", "ircs", "xmpp", "geo"}

func urlScheme(u string) string {
	// Browsers ignore blanks and control characters inside a scheme.
	var sb strings.Builder
	for _, r := range u {
		if r == ':' {
			s := strings.ToLower(sb.String())
			for i, c := range s {
				if !(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
					return ""
				}
			}
			return s
		}
		if r == '/' || r == '?' || r == '#' {
			return ""
		}
		if r <= ' ' || r == 0x7f {
			continue
		}
		sb.WriteRune(r)
	}
	return ""
}

func unsafeURL(u string) bool {
	s := urlScheme(u)
	if s == "" {
		return false
	}
	for _, a := range allowedSchemes {
		if s == a {
			return false
		}
	}
	return true
}

func (c *converter) link(b *inlineBuilder, n *ast.Link) {
	u := strings.TrimSpace(c.clean(unescape(n.Destination)))
	c.linkDepth++
	ins := c.inlines(n)
	c.linkDepth--
	if unsafeURL(u) {
		c.warnf(n.Pos(), n.Pos()+1, "unsafe-link", "link to %q removed: only http, https, mailto and similar links are kept; its text stays", shorten(u))
		b.addAll(ins)
		return
	}
	// An internal link ([text](#sec:x), [text](other.md#x)) keeps its URL;
	// the resolver may turn it into a Target.
	l := &doc.Link{URL: uri.Encode(u), Inlines: ins}
	if n.Title != nil {
		l.Title = c.clean(unescape(n.Title))
	}
	b.add(l)
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}
