package cite

import (
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/templates"
)

// TestLinkTargetsEncoded: a DOI with < and > or a URL with a space is a
// valid URI as a link target (percent-encoded) while the reference shows it
// as written; raw, it made EPUBCheck errors and dead PDF links.
func TestLinkTargetsEncoded(t *testing.T) {
	data, _ := templates.Style("chicago-notes")
	st, _ := csl.ParseStyle(source.NewFile("chicago-notes.csl", data))
	items := map[string]*bib.Item{
		"d": {ID: "d", Type: "article-journal", Fields: map[string]string{"title": "T", "container-title": "J", "DOI": "10.1002/(SICI)1097<x>"},
			Names: map[string][]bib.Name{"author": {{Family: "Doe", Given: "Jane"}}}, Dates: map[string]bib.Date{"issued": {Parts: [][3]int{{2018}}}}},
		"u": {ID: "u", Type: "webpage", Fields: map[string]string{"title": "W", "URL": "https://example.org/a b"},
			Names: map[string][]bib.Name{"author": {{Family: "Roe", Given: "Ann"}}}, Dates: map[string]bib.Date{"issued": {Parts: [][3]int{{2019}}}}},
	}
	p := csl.NewProcessor(st, func(id string) *bib.Item { return items[id] }, csl.Options{Lang: "en-US", Links: true})
	p.AddItems("d", "u")
	want := map[string]string{
		"https://doi.org/10.1002/(SICI)1097%3Cx%3E": "https://doi.org/10.1002/(SICI)1097<x>",
		"https://example.org/a%20b":                 "https://example.org/a b",
	}
	for _, e := range p.Bibliography() {
		doc.Visitor{Inline: func(in doc.Inline) bool {
			if l, ok := in.(*doc.Link); ok {
				if text, ok := want[l.URL]; !ok || doc.PlainText(l.Inlines) != text {
					t.Errorf("link %q with text %q", l.URL, doc.PlainText(l.Inlines))
				}
				delete(want, l.URL)
			}
			return true
		}}.WalkInlines(Inlines(e.Text))
	}
	for u := range want {
		t.Errorf("no link to %s", u)
	}
}
