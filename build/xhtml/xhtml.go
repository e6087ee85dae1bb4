// Package xhtml renders the document model's blocks and inlines as
// well-formed XHTML fragments. It sits between the resolver and the two
// reader editions: build/html wraps its fragments in web pages and
// build/epub in EPUB content documents. The two editions link differently
// (a web site has one page per chapter under each publication's folder; an
// EPUB has one file per chapter and cannot reach other books), so links to
// internal targets go through a resolver function the caller supplies.
//
// The output is XHTML because EPUB demands it and HTML5 parsers accept it:
// void elements are self-closed, every attribute is quoted, and text carries
// no named entities (only &amp; &lt; &gt; &quot;).
package xhtml

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Options say how one edition wants its fragments.
type Options struct {
	// Link turns an internal target into an href. ok=false renders the link
	// text without a link (EPUB: a target in another publication without a
	// base URL), never a broken link. at is the nearest source position (the
	// citation, the cross-reference, else the block), for diagnostics.
	Link func(t *doc.Target, at source.Span) (href string, ok bool)
	// Src gives the URL of an image asset relative to the page.
	Src func(a *doc.Asset) string
	// EPUB adds epub:type to notes and note references and renders notes as
	// aside elements, which reading systems pop up.
	EPUB bool
	// Permalinks adds a self-link to every heading with an anchor (HTML).
	Permalinks bool
	// TableRegions makes each table's wrapper a named, focusable region,
	// for the web edition, where wide tables scroll sideways.
	TableRegions bool
	// Comment gives the href of a numbered paragraph's "Comment on this
	// paragraph" link (consultation drafts on the web); "" for none.
	Comment func(p *doc.Para) string
	// Cite gives the href of a numbered paragraph's "Cite" link, which
	// leads to the page's "Cite this" section (the web edition's script
	// turns it into a dialog with the paragraph's citation); "" for none.
	Cite func(p *doc.Para) string
	// Terms are the publication's words ("Figure", "Notes"); nil: English.
	Terms *doc.Terms
	// Counterparts gives a numbered paragraph's links to the same
	// paragraph in the work's other language editions (web edition).
	Counterparts func(p *doc.Para) []Counterpart
}

// Counterpart is a link to a paragraph's counterpart in another language:
// its words ("Lire en français") are in that language, which Lang names.
type Counterpart struct {
	Href, Lang, Text string
}

// Renderer renders fragments of one chapter at a time: it keeps the ids it
// generates unique within the page it is writing.
type Renderer struct {
	opts Options
	gen  int // counter for generated ids
	// at is the source position of the node being rendered: the block, or
	// inside it the citation or cross-reference, whichever is nearest.
	at source.Span
	// tables counts uncaptioned tables, to name their regions.
	tables int
	// inBibliography is set while rendering a bibliography chapter, whose
	// container carries the doc-bibliography role for its lists.
	inBibliography bool
	diags          source.Diags
}

// New makes a Renderer.
func New(opts Options) *Renderer {
	if opts.Link == nil {
		opts.Link = func(*doc.Target, source.Span) (string, bool) { return "", false }
	}
	if opts.Src == nil {
		opts.Src = func(a *doc.Asset) string { return a.Path }
	}
	return &Renderer{opts: opts}
}

// w is the word for a term.
func (r *Renderer) w(k doc.Term) string { return r.opts.Terms.Get(k) }

// cap is the word for a term, capitalised.
func (r *Renderer) cap(k doc.Term) string { return r.opts.Terms.Cap(k) }

// Diags returns what the renderer found wrong in the model so far (an image
// without data, an unsafe link scheme).
func (r *Renderer) Diags() source.Diags { return r.diags }

// genID makes an id for elements the model has none for (reference list
// headings); the prefix keeps it apart from the resolver's ids, which are
// labels ("sec:…"), slugs, "p12", "fn3" and "ref-…".
func (r *Renderer) genID(kind string) string {
	r.gen++
	return "np-" + kind + "-" + strconv.Itoa(r.gen)
}

// Escape writes text with the five XML-special characters escaped, and
// characters that XML 1.0 forbids (controls, U+FFFE, U+FFFF) replaced by
// U+FFFD: one stray control character in a source would otherwise make the
// whole EPUB unreadable.
func Escape(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); {
		c, w := utf8.DecodeRuneInString(s[i:])
		var rep string
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"':
			rep = "&quot;"
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0xFFFE, c == 0xFFFF,
			c == utf8.RuneError && w == 1:
			rep = "\uFFFD"
		default:
			i += w
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(rep)
		i += w
		start = i
	}
	b.WriteString(s[start:])
}

// EscapeString is Escape into a new string.
func EscapeString(s string) string {
	var b strings.Builder
	Escape(&b, s)
	return b.String()
}

// attr writes ` name="value"`.
func attr(b *strings.Builder, name, value string) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	Escape(b, value)
	b.WriteByte('"')
}

// safeURL reports whether an external URL may become an href: raw schemes
// like javascript: and data: would run script or smuggle content.
func safeURL(u string) bool {
	u = strings.TrimSpace(u)
	i := strings.IndexAny(u, ":/?#")
	if i < 0 || u[i] != ':' {
		return true // relative
	}
	switch strings.ToLower(u[:i]) {
	case "http", "https", "mailto", "ftp", "tel", "urn", "doi":
		return true
	}
	return false
}

// attrName reports whether a key from the source may become an attribute
// name: lowercase letters, digits and hyphens, starting with a letter, and
// never an event handler.
func attrName(k string) bool {
	if k == "" || k[0] < 'a' || k[0] > 'z' || strings.HasPrefix(k, "on") {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// writeAttr writes the id, classes and safe key-value pairs of a pandoc
// attribute; lang also gets xml:lang in EPUB, where XHTML wants both.
func (r *Renderer) writeAttr(b *strings.Builder, a doc.Attr, extraClass string) {
	if a.ID != "" {
		attr(b, "id", a.ID)
	}
	cls := append([]string(nil), a.Classes...)
	if extraClass != "" {
		cls = append([]string{extraClass}, cls...)
	}
	if len(cls) > 0 {
		attr(b, "class", strings.Join(cls, " "))
	}
	for _, kv := range a.KV {
		switch {
		case kv[0] == "lang":
			attr(b, "lang", kv[1])
			if r.opts.EPUB {
				attr(b, "xml:lang", kv[1])
			}
		case attrName(kv[0]):
			attr(b, "data-"+kv[0], kv[1])
		}
	}
}
