package html

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// TestCitationMetadata reads a chapter page as Zotero's Embedded Metadata
// translator and a schema.org reader would: the citation_* meta elements
// in <head> (the Highwire tags that translator maps: title, author,
// book_title — which makes the item a book section —, publication_date,
// publisher, isbn, doi, language, keywords, public_url, pdf_url) and the
// JSON-LD Chapter with its Book, each checked against the manifest.
func TestCitationMetadata(t *testing.T) {
	s, opts := fixture()
	pub := s.Pubs[0]
	pub.ISBN, pub.DOI = "978-3-16-148410-0", "10.5555/normpress.2026"
	opts.BaseURL = "https://example.org/norms/"
	files, diags := Render(s, opts)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	var page []byte
	for _, f := range files {
		if f.Path == "commentary/13c.html" {
			page = f.Data
		}
	}
	root, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	meta := map[string][]string{}
	var ld []string
	walk(root, func(n *xhtml.Node) {
		if n.Type != xhtml.ElementNode || n.Parent == nil || n.Parent.Data != "head" {
			return
		}
		if n.Data == "meta" && strings.HasPrefix(attrOf(n, "name"), "citation_") {
			meta[attrOf(n, "name")] = append(meta[attrOf(n, "name")], attrOf(n, "content"))
		}
		if n.Data == "script" && attrOf(n, "type") == "application/ld+json" && n.FirstChild != nil {
			ld = append(ld, n.FirstChild.Data)
		}
	})
	var ch = pub.Chapters[0]
	for _, c := range pub.Chapters {
		if c.ID == "13c" {
			ch = c
		}
	}
	want := map[string][]string{
		"citation_title":            {ch.PlainTitle()},
		"citation_author":           ch.Authors,
		"citation_book_title":       {pub.Title},
		"citation_publication_date": {strings.ReplaceAll(pub.Date, "-", "/")},
		"citation_publisher":        {s.Title},
		"citation_isbn":             {pub.ISBN},
		"citation_doi":              {pub.DOI},
		"citation_language":         {pub.Lang},
		"citation_keywords":         ch.Keywords,
		"citation_public_url":       {"https://example.org/norms/commentary/13c.html"},
		"citation_pdf_url":          {"https://example.org/norms/commentary.pdf"},
	}
	for k, w := range want {
		if !slices.Equal(meta[k], w) {
			t.Errorf("%s = %q, want %q", k, meta[k], w)
		}
	}
	for k := range meta {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected %s", k)
		}
	}

	if len(ld) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(ld))
	}
	var c struct {
		Context  string `json:"@context"`
		Type     string `json:"@type"`
		Name     string
		Position string
		URL      string
		Author   []struct{ Type, Name string }
		IsPartOf struct {
			Type          string `json:"@type"`
			Name          string
			Editor        []struct{ Name string }
			BookEdition   string
			DatePublished string
			ISBN          string
			InLanguage    string
			Identifier    struct{ PropertyID, Value string }
			URL           string
		}
	}
	if err := json.Unmarshal([]byte(ld[0]), &c); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, ld[0])
	}
	b := c.IsPartOf
	var editors []string
	for _, e := range b.Editor {
		editors = append(editors, e.Name)
	}
	if c.Context != "https://schema.org" || c.Type != "Chapter" || c.Name != ch.PlainTitle() || c.Position != ch.Number ||
		len(c.Author) != 1 || c.Author[0].Name != ch.Authors[0] || c.URL != "https://example.org/norms/commentary/13c.html" {
		t.Errorf("JSON-LD Chapter: %+v", c)
	}
	if b.Type != "Book" || b.Name != pub.Title || !slices.Equal(editors, pub.Editors) || b.BookEdition != pub.Edition ||
		b.DatePublished != pub.Date || b.ISBN != pub.ISBN || b.InLanguage != pub.Lang ||
		b.Identifier.PropertyID != "DOI" || b.Identifier.Value != pub.DOI || b.URL != "https://example.org/norms/commentary/index.html" {
		t.Errorf("JSON-LD Book: %+v", b)
	}
}
