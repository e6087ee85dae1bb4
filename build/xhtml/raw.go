package xhtml

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// checkRaw reports why a raw HTML fragment must not be inserted, or "".
//
// The Markdown reader sanitizes raw HTML and serializes it as XHTML; this
// is the renderers' second line of defence, because a fragment that is not
// well-formed makes a whole EPUB unreadable (a fatal error in reading
// systems), and one that carries script would run in every reader's
// browser. It costs one XML parse of a few hundred bytes per fragment.
func checkRaw(frag string) string {
	d := xml.NewDecoder(strings.NewReader(`<div xmlns:epub="http://www.idpf.org/2007/ops">` + frag + `</div>`))
	d.Strict = true
	d.Entity = nil // only the five XML entities: EPUB has no DTD for the rest
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return ""
		}
		if err != nil {
			return "it is not well-formed XHTML (" + err.Error() + ")"
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(se.Name.Local) {
		case "script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "frame", "frameset":
			return "it contains a <" + se.Name.Local + "> element"
		}
		for _, a := range se.Attr {
			name := strings.ToLower(a.Name.Local)
			if strings.HasPrefix(name, "on") {
				return "it has an event handler attribute (" + a.Name.Local + ")"
			}
			switch name {
			case "href", "action", "formaction":
				if !safeURL(a.Value) {
					return "it links to " + a.Value
				}
				if el := strings.ToLower(se.Name.Local); name == "href" && el != "a" && el != "area" && !relative(a.Value) {
					return "it loads " + a.Value + " from outside the publication"
				}
			case "src", "srcset", "poster", "data":
				// Resources load without a click: the editions make no
				// request outside themselves, and EPUB would need to
				// declare remote resources.
				if !relative(a.Value) {
					return "it loads " + a.Value + " from outside the publication"
				}
			case "style":
				if v := strings.ToLower(a.Value); strings.Contains(v, "url(") || strings.Contains(v, "expression(") {
					return "a style attribute loads a resource"
				}
			}
		}
	}
}

func (r *Renderer) raw(b *strings.Builder, html string, span source.Span) {
	if why := checkRaw(html); why != "" {
		r.diags.Warnf(span, "raw-html-dropped", "raw HTML left out: %s", why)
		return
	}
	b.WriteString(html)
}

// relative reports whether a URL stays inside the publication: no scheme,
// not protocol-relative. For srcset every candidate counts.
func relative(u string) bool {
	for _, part := range strings.Split(u, ",") {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		v := strings.ToLower(f[0])
		if strings.HasPrefix(v, "//") || strings.HasPrefix(v, "\\\\") {
			return false
		}
		if i := strings.IndexAny(v, ":/?#"); i >= 0 && v[i] == ':' {
			return false
		}
	}
	return true
}
