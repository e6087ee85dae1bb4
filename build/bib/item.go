// Package bib reads bibliographies (BibTeX/BibLaTeX, CSL-JSON, CSL-YAML) into
// one item type, the CSL data model, which the citation processor formats.
// It sits in the parse phase: every file is read on its own and reports its
// own diagnostics with positions.
package bib

import "github.com/normpress/normpress/build/source"

// Item is one bibliographic record in the CSL data model (csl-data.json).
// Field names are CSL variable names ("title", "container-title", "DOI").
type Item struct {
	ID   string
	Type string // CSL item type: "article-journal", "book", "report", …
	// Fields holds the standard and number variables as strings; numbers
	// given as JSON numbers are converted. Values may contain CSL rich-text
	// markup (<i>, <b>, <sc>, <sup>, <sub>, <span class="nocase">).
	Fields map[string]string
	Names  map[string][]Name // "author", "editor", "translator", …
	Dates  map[string]Date   // "issued", "accessed", "event-date", …

	Span source.Span // the record in its file; zero for items made in code
}

// Get returns a field's value, or "".
func (it *Item) Get(field string) string {
	if it == nil || it.Fields == nil {
		return ""
	}
	return it.Fields[field]
}

// Name is a CSL name. A Literal name (an institution, "United Nations
// General Assembly") has no parts.
type Name struct {
	Family              string
	Given               string
	DroppingParticle    string // "de" in "Pierre de Gaulle" when sorted under G
	NonDroppingParticle string // "van" in "van Gogh" when sorted under V
	Suffix              string // "Jr."
	CommaSuffix         bool   // "Jr." preceded by a comma
	StaticOrdering      bool   // family name first even in Western order
	Literal             string
	IsInstitution       bool
	ParseNames          *bool // CSL-JSON parse-names; nil = unset
}

// Date is a CSL date: one date, or a range of two.
type Date struct {
	// Parts holds one or two dates as [year, month, day]; 0 is missing.
	// Months 13–16 are seasons (CSL-JSON convention) when Season is unset.
	Parts  [][3]int
	Season int // 1–4 spring, summer, autumn, winter; 0 none
	// SeasonText is a season given as free text ("Easter").
	SeasonText string
	Circa      bool
	Literal    string // a date that is only text ("n.d.", "Spring 2020")
	Raw        string // an unparsed date string, kept for diagnostics
}

// IsZero reports whether the date holds nothing.
func (d Date) IsZero() bool {
	return len(d.Parts) == 0 && d.Literal == "" && d.Raw == "" && d.Season == 0 && d.SeasonText == ""
}

// Library is the items of one or more files, by citation key.
type Library struct {
	Items []*Item          // in file order, first definition wins
	ByID  map[string]*Item // citation key → item
}

// NewLibrary indexes items. A duplicate key keeps the first item and
// reports the second at its position.
func NewLibrary(items []*Item) (*Library, source.Diags) {
	var ds source.Diags
	lib := &Library{ByID: make(map[string]*Item, len(items))}
	for _, it := range items {
		if prev, ok := lib.ByID[it.ID]; ok {
			d := ds.Errorf(it.Span, "duplicate-citation-key", "duplicate citation key %q", it.ID)
			if p := prev.Span.Position(); p.File != "" {
				d.WithHint("first defined at %s", p)
			}
			continue
		}
		lib.ByID[it.ID] = it
		lib.Items = append(lib.Items, it)
	}
	return lib, ds
}
