package csl

import (
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/templates"
)

// TestAuthorOnly checks the name a narrative citation leaves in running
// text: no layout affixes, so neither "(Doe" nor "Doe." — but an "et al."
// keeps its own full stop.
func TestAuthorOnly(t *testing.T) {
	items := map[string]*bib.Item{
		"two": {ID: "two", Type: "book", Fields: map[string]string{"title": "T"},
			Names: map[string][]bib.Name{"author": {{Family: "Finnemore", Given: "Martha"}, {Family: "Hollis", Given: "Duncan B."}}},
			Dates: map[string]bib.Date{"issued": {Parts: [][3]int{{2016}}}}},
		"many": {ID: "many", Type: "book", Fields: map[string]string{"title": "U"},
			Names: map[string][]bib.Name{"author": {{Family: "Ruhl", Given: "Christian"}, {Family: "B", Given: "A"}, {Family: "C", Given: "A"}, {Family: "D", Given: "A"}}},
			Dates: map[string]bib.Date{"issued": {Parts: [][3]int{{2020}}}}},
	}
	for _, tc := range []struct{ style, id, want string }{
		{"chicago-notes", "two", "Martha Finnemore and Duncan B. Hollis"},
		{"chicago-notes", "many", "Christian Ruhl et al."},
		{"author-date", "two", "Finnemore and Hollis"},
	} {
		st, ds, ok := BuiltinStyle(templates.FS, tc.style)
		if !ok || ds.HasErrors() {
			t.Fatalf("style %s: %v", tc.style, ds.Err())
		}
		p := NewProcessor(st, func(id string) *bib.Item { return items[id] }, Options{Lang: "en-GB"})
		p.AddCitation(Citation{Items: []CiteItem{{ID: tc.id, AuthorOnly: true}}})
		if got := p.Citations()[0].String(); got != tc.want {
			t.Errorf("%s author-only %s = %q, want %q", tc.style, tc.id, got, tc.want)
		}
	}
}
