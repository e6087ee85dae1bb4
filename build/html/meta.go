package html

import (
	"encoding/json"
	"html/template"
	"net/url"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/uri"
)

// Reference managers and scholarly search engines read a chapter page's
// metadata from two places: Highwire Press citation_* meta elements (what
// Zotero's Embedded Metadata translator and Google Scholar read; a
// citation_book_title makes the page a book section) and schema.org
// JSON-LD. Both are written from the manifest, never from the rendered
// text.

// absURL is the page's address under base-url, or "" without one.
func (p *pubRenderer) absURL(rel string) string {
	if p.opts.BaseURL == "" {
		return ""
	}
	b, err := url.Parse(p.opts.BaseURL)
	if err != nil {
		return ""
	}
	if !strings.HasSuffix(b.Path, "/") {
		b.Path += "/"
	}
	r, err := url.Parse(rel)
	if err != nil {
		return ""
	}
	return b.ResolveReference(r).String()
}

// pdfURL is where the publication's PDF is, if this build offers one:
// absolute under base-url, else relative to a chapter page.
func (p *pubRenderer) pdfURL() string {
	for _, d := range p.opts.Downloads[p.pub.ID] {
		if d.Format == "PDF" {
			if u := p.absURL(d.Path); u != "" {
				return u
			}
			return site.Rel(1, d.Path)
		}
	}
	return ""
}

// highwireDate is the date as Highwire asks for it: 2026/11/01.
func highwireDate(iso string) string { return strings.ReplaceAll(iso, "-", "/") }

func (p *pubRenderer) chapterMeta(ch *doc.Chapter) []site.Meta {
	pub := p.pub
	var m []site.Meta
	add := func(name, content string) {
		if content != "" {
			m = append(m, site.Meta{Name: name, Content: content})
		}
	}
	add("citation_title", ch.PlainTitle())
	for _, a := range ch.Authors {
		add("citation_author", a)
	}
	add("citation_book_title", pub.Title)
	add("citation_publication_date", highwireDate(pub.Date))
	add("citation_publisher", p.site.Title)
	add("citation_isbn", pub.ISBN)
	add("citation_doi", pub.DOI)
	add("citation_language", p.chapterLang(ch))
	for _, k := range ch.Keywords {
		add("citation_keywords", k)
	}
	if pp, ok := p.opts.PrintPages[pub.ID][ch.ID]; ok {
		add("citation_firstpage", pp[0])
		add("citation_lastpage", pp[1])
	}
	add("citation_public_url", p.absURL(site.ChapterPath(pub.ID, ch.ID)))
	add("citation_pdf_url", p.pdfURL())
	return m
}

func (p *pubRenderer) chapterLang(ch *doc.Chapter) string {
	if ch.Lang != "" {
		return ch.Lang
	}
	return p.lang()
}

// agent is a schema.org Person or, for a body ("Working Group 13(c)"),
// an Organization: the manifest gives names only, so a name that reads
// as a body is one.
func agent(name string) map[string]any {
	t := "Person"
	for _, w := range []string{"Group", "Committee", "Institute", "Centre", "Center", "Office", "Ministry", "Association", "University", "Secretariat", "Council", "Project"} {
		if strings.Contains(name, w) {
			t = "Organization"
		}
	}
	return map[string]any{"@type": t, "name": name}
}

func agents(names []string) []map[string]any {
	var out []map[string]any
	for _, n := range names {
		out = append(out, agent(n))
	}
	return out
}

// bookLD is the publication as a schema.org Book.
func (p *pubRenderer) bookLD() map[string]any {
	pub := p.pub
	b := map[string]any{"@type": "Book", "name": pub.Title}
	set := func(k string, v any) {
		switch v := v.(type) {
		case string:
			if v == "" {
				return
			}
		case []map[string]any:
			if len(v) == 0 {
				return
			}
		case []string:
			if len(v) == 0 {
				return
			}
		}
		b[k] = v
	}
	set("alternativeHeadline", pub.Subtitle)
	set("editor", agents(pub.Editors))
	set("contributor", agents(pub.Contributors))
	set("bookEdition", pub.Edition)
	set("datePublished", pub.Date)
	set("inLanguage", p.lang())
	set("isbn", pub.ISBN)
	set("license", pub.License)
	set("description", pub.Description)
	set("keywords", pub.Keywords)
	set("publisher", map[string]any{"@type": "Organization", "name": p.site.Title})
	if pub.DOI != "" {
		b["identifier"] = map[string]any{"@type": "PropertyValue", "propertyID": "DOI", "value": pub.DOI}
		b["sameAs"] = uri.Encode("https://doi.org/" + pub.DOI)
	}
	set("url", p.absURL(site.ContentsPath(pub.ID)))
	return b
}

func jsonLD(v map[string]any) template.JS {
	v["@context"] = "https://schema.org"
	// encoding/json escapes <, > and &, so nothing in the data can end
	// the script element.
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return template.JS(b)
}

func (p *pubRenderer) chapterLD(ch *doc.Chapter) template.JS {
	c := map[string]any{"@type": "Chapter", "name": ch.PlainTitle(), "isPartOf": p.bookLD(), "inLanguage": p.chapterLang(ch)}
	if a := agents(ch.Authors); len(a) > 0 {
		c["author"] = a
	}
	if ch.Number != "" {
		c["position"] = ch.Number
	}
	if len(ch.Keywords) > 0 {
		c["keywords"] = ch.Keywords
	}
	if u := p.absURL(site.ChapterPath(p.pub.ID, ch.ID)); u != "" {
		c["url"] = u
	}
	return jsonLD(c)
}
