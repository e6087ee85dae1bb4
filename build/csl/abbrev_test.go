package csl

import (
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// TestAbbreviations (class 9): a variable printed with form="short" takes
// the citation-abbreviations list's short form when its item has none of
// its own; the item's own short form wins; without either, the full text.
func TestAbbreviations(t *testing.T) {
	ab, ds := ParseAbbreviations(source.NewFile("abbrev.json", []byte(`{"default": {
  "container-title": {"American Journal of International Law": "AJIL", "Leiden Journal of International Law": "LJIL"},
  "institution-entire": {"Cambridge University Press": "CUP"},
  "place": {"Cambridge": "Camb."}
}}`)))
	if len(ds) > 0 {
		t.Fatal(ds.Err())
	}
	s := miniStyle(t, "note", "", "", `<layout delimiter="; "><text variable="container-title" form="short"/><text prefix=", " variable="publisher" form="short"/><text prefix=" " variable="publisher-place" form="short"/></layout>`, "")
	lookup := miniItems(t, `[
 {"id": "a", "type": "article-journal", "container-title": "American Journal of International Law"},
 {"id": "b", "type": "article-journal", "container-title": "Leiden Journal of International Law", "container-title-short": "Leiden J. Int'l L."},
 {"id": "c", "type": "article-journal", "container-title": "Journal of Cyber Policy"},
 {"id": "d", "type": "book", "publisher": "Cambridge University Press", "publisher-place": "Cambridge"}
]`)
	for _, tc := range []struct{ id, want string }{
		{"a", "AJIL"},
		{"b", "Leiden J. Int’l L."},
		{"c", "Journal of Cyber Policy"},
		{"d", "CUP Camb."},
	} {
		p := NewProcessor(s, lookup, Options{Abbreviations: ab})
		p.AddCitation(Citation{Items: []CiteItem{{ID: tc.id}}})
		if got := strings.TrimPrefix(p.Citations()[0].String(), ", "); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.id, got, tc.want)
		}
	}
	// Without the list, the full title.
	p := NewProcessor(s, lookup, Options{})
	p.AddCitation(Citation{Items: []CiteItem{{ID: "a"}}})
	if got := p.Citations()[0].String(); got != "American Journal of International Law" {
		t.Errorf("without abbreviations: %q", got)
	}
}

// TestInstitutionAbbreviations: an institution's name (a literal name,
// or a family name without a given one, as CSL-JSON often has for the UN)
// printed with form="short" takes institution-entire's short form; the
// long form and personal names never do.
func TestInstitutionAbbreviations(t *testing.T) {
	ab, ds := ParseAbbreviations(source.NewFile("abbrev.json", []byte(`{"default": {
  "institution-entire": {"United Nations General Assembly": "UNGA", "Organization for Security and Co-operation in Europe": "OSCE", "Smith": "S."}
}}`)))
	if len(ds) > 0 {
		t.Fatal(ds.Err())
	}
	lookup := miniItems(t, `[
 {"id": "a", "type": "report", "author": [{"literal": "United Nations General Assembly"}]},
 {"id": "b", "type": "report", "author": [{"family": "Organization for Security and Co-operation in Europe"}]},
 {"id": "c", "type": "book", "author": [{"family": "Smith", "given": "Jane"}]}
]`)
	for _, tc := range []struct{ form, id, want string }{
		{"short", "a", "UNGA"},
		{"short", "b", "OSCE"},
		{"short", "c", "Smith"},
		{"long", "a", "United Nations General Assembly"},
	} {
		s := miniStyle(t, "note", "", "", `<layout><names variable="author"><name form="`+tc.form+`"/></names></layout>`, "")
		p := NewProcessor(s, lookup, Options{Abbreviations: ab})
		p.AddCitation(Citation{Items: []CiteItem{{ID: tc.id}}})
		if got := p.Citations()[0].String(); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.form, tc.id, got, tc.want)
		}
	}
}

// TestAbbreviationsFileErrors: a file that is not an abbreviation list is
// an error at its line and column.
func TestAbbreviationsFileErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"{\"default\": {\n  \"container-title\": {\"A\": \"B\",}\n}}", "abbrev.json:2:"},
		{"{\"default\": {\"container-title\": [\"A\"]}}", "abbrev.json:1:"},
	} {
		_, ds := ParseAbbreviations(source.NewFile("abbrev.json", []byte(tc.src)))
		if !ds.HasErrors() || !strings.HasPrefix(ds[0].String(), tc.want) {
			t.Errorf("%q: %v, want an error at %s", tc.src, ds, tc.want)
		}
	}
}
