package csl

import (
	"fmt"
	"testing"

	"github.com/normpress/normpress/build/bib"
)

// benchItems makes n items of the kinds a commentary cites, with authors
// who share family names (so that disambiguation has work to do).
func benchItems(n int) map[string]*bib.Item {
	families := []string{"Schmitt", "Doe", "Roe", "Mačák", "van Dijk", "Smith", "Jensen", "Watts", "Tsagourias", "Buchan",
		"Henriksen", "Banks", "Efrony", "Shany", "Moynihan", "Finnemore", "Hollis", "Ney", "Delerue", "Roguski"}
	givens := []string{"Anna", "Ben", "Carla", "David", "Eva", "Felix", "Greta", "Hans"}
	types := []string{"book", "chapter", "article-journal", "report", "webpage"}
	items := make(map[string]*bib.Item, n)
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("item-%03d", i)
		it := &bib.Item{ID: id, Type: types[i%len(types)], Fields: map[string]string{}, Names: map[string][]bib.Name{}, Dates: map[string]bib.Date{}}
		na := 1 + i%4
		for k := 0; k < na; k++ {
			it.Names["author"] = append(it.Names["author"], bib.Name{Family: families[(i+k*7)%len(families)], Given: givens[(i/3+k)%len(givens)]})
		}
		it.Fields["title"] = fmt.Sprintf("Title Number %d: On Norms of Responsible State Behaviour, Part %d", i, i%7)
		it.Dates["issued"] = bib.Date{Parts: [][3]int{{2010 + i%12, 1 + i%12, 1 + i%28}}}
		switch it.Type {
		case "book":
			it.Fields["publisher"] = "Cambridge University Press"
			it.Fields["publisher-place"] = "Cambridge"
		case "chapter":
			it.Fields["container-title"] = "Research Handbook on International Law and Cyberspace"
			it.Names["editor"] = []bib.Name{{Family: "Tsagourias", Given: "Nicholas"}, {Family: "Buchan", Given: "Russell"}}
			it.Fields["publisher"] = "Edward Elgar"
			it.Fields["page"] = fmt.Sprintf("%d-%d", 10+i, 30+i)
		case "article-journal":
			it.Fields["container-title"] = "Leiden Journal of International Law"
			it.Fields["volume"] = fmt.Sprint(20 + i%10)
			it.Fields["issue"] = fmt.Sprint(1 + i%4)
			it.Fields["page"] = fmt.Sprintf("%d-%d", 100+i, 130+i)
			it.Fields["DOI"] = fmt.Sprintf("10.1017/S09221565%08d", i)
		case "report":
			it.Names["author"] = []bib.Name{{Literal: "United Nations General Assembly"}}
			it.Fields["genre"] = "UN Doc."
			it.Fields["number"] = fmt.Sprintf("A/%d/%d", 60+i%16, 100+i)
		case "webpage":
			it.Fields["container-title"] = "International Cyber Law: Interactive Toolkit"
			it.Fields["URL"] = fmt.Sprintf("https://cyberlaw.ccdcoe.org/wiki/Scenario_%d", i)
		}
		items[id] = it
	}
	return items
}

// benchCitations makes n citations in notes: mostly single cites, some
// with two or three items, repeats close together (ibid, subsequent) and
// locators of several kinds.
func benchCitations(n, items int) []Citation {
	labels := []string{"", "paragraph", "chapter", ""}
	cs := make([]Citation, n)
	for i := range cs {
		c := Citation{NoteNumber: i + 1}
		id := (i * 7) % items
		if i%5 == 1 {
			id = ((i - 1) * 7) % items // the same item again: ibid
		}
		c.Items = append(c.Items, CiteItem{ID: fmt.Sprintf("item-%03d", id), Locator: fmt.Sprint(1 + i%90), Label: labels[i%len(labels)]})
		if i%6 == 0 {
			c.Items = append(c.Items, CiteItem{ID: fmt.Sprintf("item-%03d", (id+13)%items)})
		}
		if i%11 == 0 {
			c.Items = append(c.Items, CiteItem{ID: fmt.Sprintf("item-%03d", (id+101)%items), Locator: "12-15"})
		}
		cs[i] = c
	}
	return cs
}

// BenchmarkChicagoNotes2000 formats 2,000 citations over 300 items and
// their bibliography in the built-in Chicago notes style, as a 300-page
// commentary needs.
func BenchmarkChicagoNotes2000(b *testing.B) {
	s := loadBuiltin(b, "chicago-notes")
	items := benchItems(300)
	cites := benchCitations(2000, 300)
	lookup := func(id string) *bib.Item { return items[id] }
	distinct := map[string]bool{}
	for _, c := range cites {
		for _, ci := range c.Items {
			distinct[ci.ID] = true
		}
	}
	// One set of locales serves a whole build.
	locales := NewLocales(nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p := NewProcessor(s, lookup, Options{Links: true, Locales: locales})
		for _, c := range cites {
			if _, err := p.AddCitation(c); err != nil {
				b.Fatal(err)
			}
		}
		if got := len(p.Citations()); got != 2000 {
			b.Fatalf("%d citations", got)
		}
		if got := len(p.Bibliography()); got != len(distinct) {
			b.Fatalf("%d entries", got)
		}
	}
}
