package csl

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/normpress/normpress/build/source"
)

// Abbreviations are short forms of variables' values, by category and
// full text, as pandoc's citation-abbreviations file and citeproc-js's
// abbreviation lists give them:
//
//	{"default": {"container-title": {"American Journal of International Law": "AJIL"},
//	             "institution-entire": {"United Nations General Assembly": "UNGA"}}}
//
// A variable printed with form="short" whose item has no short form of its
// own ("container-title-short") takes the list's. The categories are
// citeproc-js's: container-title, collection-title, title, number, place
// (publisher-place, event-place), institution-entire (publisher, and an
// institution's name printed with form="short": a literal name, or a
// family name with no given name); only the "default" jurisdiction is
// used.
type Abbreviations map[string]map[string]string

// abbrevCategory is the category a variable's short form is looked up in.
func abbrevCategory(v string) string {
	switch v {
	case "container-title", "collection-title", "title", "number":
		return v
	case "publisher-place", "event-place", "original-publisher-place":
		return "place"
	case "publisher", "original-publisher", "authority":
		return "institution-entire"
	}
	return ""
}

// short returns the list's short form of a variable's value, or "".
func (a Abbreviations) short(variable, value string) string {
	if a == nil {
		return ""
	}
	if c := abbrevCategory(variable); c != "" {
		return a[c][value]
	}
	return ""
}

// institution returns the list's short form of an institution's whole
// name (institution-entire), or "".
func (a Abbreviations) institution(name string) string {
	if a == nil || name == "" {
		return ""
	}
	return a["institution-entire"][name]
}

// ParseAbbreviations reads a citation-abbreviations file (JSON). A file
// that is not one is an error at its line and column.
func ParseAbbreviations(f *source.File) (Abbreviations, source.Diags) {
	var ds source.Diags
	var raw map[string]map[string]map[string]string
	dec := json.NewDecoder(bytes.NewReader(f.Data))
	if err := dec.Decode(&raw); err != nil {
		ds.Errorf(f.JSONErrorAt(err), "abbreviations-syntax", "not a citation-abbreviations file: %v", err).
			WithHint(`write {"default": {"container-title": {"Full Title": "Short"}}}`)
		return nil, ds
	}
	out := Abbreviations{}
	for _, j := range slices.Sorted(func(yield func(string) bool) {
		for k := range raw {
			if !yield(k) {
				return
			}
		}
	}) {
		if j != "default" {
			ds.Warnf(f.At(0), "abbreviations-jurisdiction", "jurisdiction %q is not used: only \"default\" is", j)
			continue
		}
		for cat, m := range raw[j] {
			out[cat] = m
		}
	}
	return out, ds
}
