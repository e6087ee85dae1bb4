package csl

import (
	"testing"

	"github.com/normpress/normpress/build/source"
)

// FuzzParseLocale: a project's own locale file (locales: in the manifest,
// bib --locale) is read from any bytes without a panic; a diagnostic
// points inside the file; a locale read without errors formats a
// citation.
func FuzzParseLocale(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0" encoding="utf-8"?>
<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="fr-FR">
  <style-options punctuation-in-quote="false"/>
  <date form="text"><date-part name="day" suffix=" "/><date-part name="month" suffix=" "/><date-part name="year"/></date>
  <terms>
    <term name="editor" form="short"><single>éd.</single><multiple>éds.</multiple></term>
    <term name="page" form="short"><single>p.</single><multiple>p.</multiple></term>
    <term name="month-01">janvier</term>
    <term name="ordinal-01" gender-form="feminine" match="whole-number">re</term>
  </terms>
</locale>`,
		`<locale xml:lang="de"><terms><term name="and">und</term></terms></locale>`,
		`<locale xml:lang="x"><date form="numeric"><date-part name="year" range-delimiter="/"/></date></locale>`,
		`<locale><terms><term name="page"><single>`,
		`<!DOCTYPE x [<!ENTITY a "aaaa">]><locale xml:lang="en">&a;</locale>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("locale.xml", data)
		loc, ds := ParseLocale(file)
		// The last line as the file counts lines (a bare CR ends one too).
		lines := file.Position(len(data)).Line
		for _, d := range ds {
			if p := d.Position(); p.Line > lines {
				t.Errorf("%s: line %d of a %d-line file", d, p.Line, lines)
			}
		}
		if loc == nil || ds.HasErrors() {
			return
		}
		locs := NewLocales(nil)
		if ads := locs.AddFile(file); ads.HasErrors() {
			return
		}
		s, sds := ParseStyle(source.NewFile("s.csl", []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><citation><layout><group delimiter=" "><label variable="page" form="short"/><text variable="page"/><date variable="issued" form="text"/><text term="and"/></group></layout></citation></style>`)))
		if sds.HasErrors() {
			t.Fatal(sds.Err())
		}
		lookup := miniItems(t, `[{"id": "a", "type": "book", "page": "3-4", "issued": {"date-parts": [[2020, 1, 2]]}}]`)
		p := NewProcessor(s, lookup, Options{Lang: loc.Lang, Locales: locs})
		p.Cite(Citation{Items: []CiteItem{{ID: "a"}}})
	})
}
