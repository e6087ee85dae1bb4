package site

import (
	"bytes"
	"encoding/json"
	"html/template"
	"io/fs"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/templates"
)

// Page is what every page template reads for the shared head, header and
// footer. Page-specific data embeds it.
type Page struct {
	Lang        string
	Title       string // the document title
	Description string
	Root        string // from the page back to the output root: "" or "../"
	SiteTitle   string
	Footer      string
	SearchPage  bool   // the search page has its own form, not the header's
	Generator   string // "normpress 1.2.0"
	// Meta are the page's citation_* elements (Highwire Press tags) and
	// JSONLD its schema.org description, for reference managers.
	Meta   []Meta
	JSONLD template.JS
	// Banner is a notice at the top of the page (a consultation draft's).
	Banner template.HTML
	// Alternates are this page in each language edition of the work,
	// itself included, for <link rel="alternate" hreflang> in the head;
	// empty for a work in one language.
	Alternates []Alternate
	// Terms are the words the page's frame prints (the publication's, or
	// the site's on the landing and search pages); nil: English.
	Terms *doc.Terms
}

// T is the page's word for a term, for the templates: {{.T "search"}}.
func (p Page) T(k string) string { return p.Terms.Get(doc.Term(k)) }

// scriptTerms are the words the page scripts (normpress.js, search.js)
// write into the page themselves.
var scriptTerms = []doc.Term{doc.TermCiteParagraph, doc.TermCopyCitation, doc.TermCopied, doc.TermCopySelect,
	doc.TermClose, doc.TermCloseNote, doc.TermGoToNote, doc.TermNote, doc.TermSearchFailed,
	doc.TermSearchNone, doc.TermSearchOne, doc.TermSearchMany, doc.TermSearchFirst}

// ScriptTerms is a JSON object of the scripts' words, which the head
// carries in <script type="application/json" id="np-terms">.
func (p Page) ScriptTerms() template.JS {
	m := make(map[string]string, len(scriptTerms))
	for _, k := range scriptTerms {
		m[string(k)] = p.Terms.Get(k)
	}
	m[string(doc.TermNote)] = p.Terms.Cap(doc.TermNote)
	b, _ := json.Marshal(m) // map[string]string always marshals; < > & come out escaped
	return template.JS(b)
}

// Alternate is a page in one language edition: Text is the link's words
// in that language ("Lire en français").
type Alternate struct {
	Href       template.URL
	Lang, Text string
}

// Meta is one <meta name content> element.
type Meta struct{ Name, Content string }

// Templates are the parsed page templates of templates/html.
type Templates struct{ t *template.Template }

// ParseTemplates reads templates/html from the embedded file system. It is
// called once per build, not kept in a package variable, so that a build
// never sees another's state.
func ParseTemplates() (*Templates, error) {
	sub, err := fs.Sub(templates.FS, "html")
	if err != nil {
		return nil, err
	}
	t, err := template.New("").ParseFS(sub, "*.html")
	if err != nil {
		return nil, err
	}
	return &Templates{t}, nil
}

// Execute renders the named page template.
func (ts *Templates) Execute(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := ts.t.ExecuteTemplate(&b, name, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// TOCItem is one entry of a table of contents: a part (no Href), a
// chapter or a section.
type TOCItem struct {
	Href     template.URL // built and escaped by this package
	Num      string
	Label    template.HTML // rendered by xhtml, notes and links removed
	Class    string
	Current  bool
	Children []TOCItem
}

// DownloadLink is a download as a page shows it.
type DownloadLink struct {
	Href         template.URL
	Format, Size string
}

// DownloadLinks turns the pipeline's downloads into links from a page at
// depth, their sizes written in the words of t ("1,2 Mo").
func DownloadLinks(depth int, ds []Download, t *doc.Terms) []DownloadLink {
	var out []DownloadLink
	for _, d := range ds {
		out = append(out, DownloadLink{Href: template.URL(Rel(depth, d.Path)), Format: d.Format, Size: t.Size(d.Bytes)})
	}
	return out
}
