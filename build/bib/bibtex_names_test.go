package bib

import (
	"reflect"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// parseBib reads a .bib text and fails the test on errors.
func parseBib(t *testing.T, src string) ([]*Item, source.Diags) {
	t.Helper()
	return ParseBibTeX(source.NewFile("test.bib", []byte(src)))
}

func TestBibTeXNames(t *testing.T) {
	n := func(family, given string) Name { return Name{Family: family, Given: given} }
	for _, tc := range []struct {
		name, in string
		want     []Name
	}{
		{"last first", "Finnemore, Martha", []Name{n("Finnemore", "Martha")}},
		{"first last", "Martha Finnemore", []Name{n("Finnemore", "Martha")}},
		{"two names", "Schmitt, Michael N. and Vihul, Liis", []Name{n("Schmitt", "Michael N."), n("Vihul", "Liis")}},
		{"AND in capitals", "Dan Efrony AND Yuval Shany", []Name{n("Efrony", "Dan"), n("Shany", "Yuval")}},
		{"line breaks", "Efrony, Dan\n    and\tShany, Yuval", []Name{n("Efrony", "Dan"), n("Shany", "Yuval")}},
		{"von last first", "von Heinegg, Wolff Heintschel", []Name{{Family: "Heinegg", Given: "Wolff Heintschel", NonDroppingParticle: "von"}}},
		{"first von last", "Wolff Heintschel von Heinegg", []Name{{Family: "Heinegg", Given: "Wolff Heintschel", NonDroppingParticle: "von"}}},
		{"two-word particle", "van den Berg, Bibi", []Name{{Family: "Berg", Given: "Bibi", NonDroppingParticle: "van den"}}},
		{"particle mid", "Bibi van den Berg", []Name{{Family: "Berg", Given: "Bibi", NonDroppingParticle: "van den"}}},
		{"capital particle stays family", "De la Fontaine, Jean", []Name{{Family: "Fontaine", Given: "Jean", NonDroppingParticle: "De la"}}},
		{"capitalised surname", "Della Robbia, Luca", []Name{n("Della Robbia", "Luca")}},
		{"jr", "Ney, Jr., Paul C.", []Name{{Family: "Ney", Given: "Paul C.", Suffix: "Jr."}}},
		{"jr with von", "van Buren, III, Martin", []Name{{Family: "Buren", Given: "Martin", Suffix: "III", NonDroppingParticle: "van"}}},
		{"corporate", "{United Nations General Assembly}", []Name{{Literal: "United Nations General Assembly"}}},
		{"corporate with and", "{Barnes and Noble}", []Name{{Literal: "Barnes and Noble"}}},
		{"corporate and person", "{Cyber Law Toolkit} and Schmitt, Michael", []Name{{Literal: "Cyber Law Toolkit"}, n("Schmitt", "Michael")}},
		{"accents", `Ma{\v{c}}{\'a}k, Kubo and R{\~o}igas, Henry`, []Name{n("Mačák", "Kubo"), n("Rõigas", "Henry")}},
		{"accented capital starts family", `{\"O}zil, Mesut`, []Name{n("Özil", "Mesut")}},
		{"lower-case accented particle", `{\'e}t{\'e} Dupont, Jean`, []Name{{Family: "Dupont", Given: "Jean", NonDroppingParticle: "été"}}},
		{"braced word is caseless", "Jean {de la} Fontaine", []Name{n("Fontaine", "Jean de la")}},
		{"hyphenated", "Eneken Tikk-Ringas", []Name{n("Tikk-Ringas", "Eneken")}},
		{"family only", "Henriksen", []Name{{Family: "Henriksen"}}},
		{"others", "Ruhl, Christian and others", []Name{n("Ruhl", "Christian"), {Literal: "others"}}},
		{"tie", "Jean~Paul Sartre", []Name{n("Sartre", "Jean\u00a0Paul")}},
		{"utf8", "Rõigas, Henry and Frédérick Douzet", []Name{n("Rõigas", "Henry"), n("Douzet", "Frédérick")}},
		{"extended", "family=Gogh, given=Vincent, prefix=van, useprefix=true", []Name{{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van"}}},
		{"extended dropping", "given=Charles, family=Gaulle, prefix=de", []Name{{Family: "Gaulle", Given: "Charles", DroppingParticle: "de"}}},
		{"all lower", "bell hooks", []Name{{Family: "hooks", NonDroppingParticle: "bell"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, ds := parseBib(t, "@book{k, author = {"+tc.in+"}, title = {T}}")
			if len(ds) > 0 {
				t.Errorf("diagnostics:\n%s", diagList(ds))
			}
			if len(items) != 1 {
				t.Fatalf("%d items", len(items))
			}
			if got := items[0].Names["author"]; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("author = {%s}\n got %+v\nwant %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestOthersIsEtAl(t *testing.T) {
	items, _ := parseBib(t, "@book{k, author = {A, B and others}}")
	ns := items[0].Names["author"]
	if len(ns) != 2 || !ns[1].IsOthers() || ns[0].IsOthers() {
		t.Errorf("names %+v: want the last to be the et-al marker", ns)
	}
}

func TestWriteNameReadsBack(t *testing.T) {
	for _, n := range []Name{
		{Family: "Finnemore", Given: "Martha"},
		{Family: "Berg", Given: "Bibi", NonDroppingParticle: "van den"},
		{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "Van"},
		{Family: "Gaulle", Given: "Charles", DroppingParticle: "de"},
		{Family: "Ney", Given: "Paul C.", Suffix: "Jr."},
		{Family: "de la Cruz", Given: "Juana Inés"},
		{Family: "hooks", Given: "bell"},
		{Family: "Smith, Jones", Given: "A"},
		{Family: "Tikk-Ringas", Given: "Eneken"},
		{Literal: "United Nations General Assembly"},
		{Literal: "Barnes and Noble"},
		{Literal: "others"},
		{Family: "Plato"},
	} {
		s := writeName(n)
		items, ds := parseBib(t, "@book{k, author = {"+s+"}}")
		if len(ds) > 0 {
			t.Errorf("%q: %s", s, diagList(ds))
			continue
		}
		if got := items[0].Names["author"]; len(got) != 1 || !reflect.DeepEqual(got[0], n) {
			t.Errorf("%+v written as %q reads back as %+v", n, s, got)
		}
	}
}
