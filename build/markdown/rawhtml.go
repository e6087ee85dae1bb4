package markdown

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlPolicy is built once: a bluemonday policy compiles many patterns and
// is safe for concurrent use once built. It is never changed afterwards.
var htmlPolicy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// Links in a commentary are citations of sources, not user spam.
	p.RequireNoFollowOnLinks(false)
	// Styling hooks and EPUB semantics survive; style attributes do not.
	p.AllowAttrs("class", "lang", "epub:type").Globally()
	return p
})

// sanitizeHTML makes a raw HTML block safe and well-formed XHTML: bluemonday
// removes script, event handlers, javascript: URLs, iframes, svg and style;
// x/net/html re-serializes the rest (void elements closed, entities as
// UTF-8). Images go too: a raw <img> names a file no output would carry
// (Markdown images are tracked as assets). It returns what was removed, for
// a warning.
func sanitizeHTML(raw string) (clean string, removed []string) {
	safe := htmlPolicy().Sanitize(raw)
	body := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	before := inventory(parseFragment(raw, body))
	nodes := parseFragment(safe, body)
	var b strings.Builder
	for _, n := range nodes {
		dropImages(n)
		if n.Type == html.ElementNode && n.DataAtom == atom.Img {
			continue
		}
		_ = html.Render(&b, n)
	}
	after := inventory(parseFragment(b.String(), body))
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range before {
			if !yield(k) {
				return
			}
		}
	}) {
		if after[k] < before[k] {
			removed = append(removed, k)
		}
	}
	return b.String(), removed
}

func parseFragment(s string, ctx *html.Node) []*html.Node {
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return nil
	}
	return nodes
}

func dropImages(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom == atom.Img {
			n.RemoveChild(c)
		} else {
			dropImages(c)
		}
		c = next
	}
}

// inventory counts elements ("<script>") and attributes ("onerror= on
// <img>") so that what the sanitizer took away can be named.
func inventory(nodes []*html.Node) map[string]int {
	m := map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			m["<"+n.Data+">"]++
			for _, a := range n.Attr {
				k := a.Key
				if a.Namespace != "" {
					k = a.Namespace + ":" + k
				}
				m[fmt.Sprintf("%s= on <%s>", k, n.Data)]++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return m
}

// inlineTag is one raw inline HTML tag as goldmark gives it.
type inlineTag struct {
	name    string // lower case; "" for a comment or declaration
	end     bool   // </name>
	void    bool   // <br>, <br/>, or a self-closed tag
	comment bool
	class   string
	style   string
}

func parseInlineTag(raw string) inlineTag {
	if strings.HasPrefix(raw, "<!--") {
		return inlineTag{comment: true}
	}
	z := html.NewTokenizer(strings.NewReader(raw))
	tt := z.Next()
	var t inlineTag
	switch tt {
	case html.StartTagToken, html.SelfClosingTagToken:
		t.void = tt == html.SelfClosingTagToken
	case html.EndTagToken:
		t.end = true
	default:
		return t // processing instruction, declaration, CDATA
	}
	name, more := z.TagName()
	t.name = strings.ToLower(string(name))
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "class":
			t.class = string(v)
		case "style":
			t.style = string(v)
		}
	}
	switch t.name {
	case "br", "wbr", "hr", "img", "input", "meta", "link", "source", "embed", "area", "col", "param", "track":
		t.void = true
	}
	return t
}

// smallCaps says whether a <span> asks for small capitals.
func (t inlineTag) smallCaps() bool {
	if slices.Contains(strings.Fields(t.class), "smallcaps") || slices.Contains(strings.Fields(t.class), "small-caps") {
		return true
	}
	s := strings.ReplaceAll(strings.ToLower(t.style), " ", "")
	return strings.Contains(s, "font-variant:small-caps")
}
