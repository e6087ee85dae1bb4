package csl

import (
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/source"
)

func TestInlinesResolveFlipFlop(t *testing.T) {
	// <i>The <i>Titanic</i> Case</i> reads "The " italic, "Titanic"
	// upright, " Case" italic: the model has only "on" styles.
	// (The document model's side is tested in build/cite.)
	r := Rich{{Kind: KItalic, Kids: Rich{textNode("The "), {Kind: KItalic, Kids: Rich{textNode("Titanic")}}, textNode(" Case")}}}
	if h := r.HTML(); h != `<i>The <span style="font-style:normal;">Titanic</span> Case</i>` {
		t.Errorf("HTML %s", h)
	}
}

func TestInlinesLinksAndStyles(t *testing.T) {
	r := Rich{
		textNode("See "),
		{Kind: KLink, Text: "https://doi.org/10.1/x", Kids: Rich{textNode("10.1/x")}},
		textNode(" "),
		{Kind: KSmallCaps, Kids: Rich{{Kind: KBold, Kids: Rich{textNode("ab")}}}},
		{Kind: KSup, Kids: Rich{textNode("2")}},
	}
	// Plain text raises "2" with the Unicode superscript two.
	if s := r.String(); s != "See 10.1/x ab²" {
		t.Errorf("String %q", s)
	}
}

func TestLinksOption(t *testing.T) {
	s := loadBuiltin(t, "chicago-notes")
	cites, _ := renderDocument(t, s, Options{Links: true})
	h := cites[4].HTML()
	if !strings.Contains(h, `<a href="https://doi.org/10.1017/S0922156517000358">10.1017/S0922156517000358</a>`) {
		t.Errorf("DOI is not a link: %s", h)
	}
	cites, _ = renderDocument(t, s, Options{})
	if strings.Contains(cites[4].HTML(), "<a ") {
		t.Errorf("links without Options.Links: %s", cites[4].HTML())
	}
}

func TestLocaleFallback(t *testing.T) {
	const style = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="%s">
  <locale xml:lang="de"><terms><term name="and">und-aus-dem-Stil</term></terms></locale>
  <citation><layout><group delimiter=" "><text term="and"/><date variable="issued" form="text"/></group></layout></citation></style>`
	items := map[string]*bib.Item{"a": {ID: "a", Type: "book", Dates: map[string]bib.Date{"issued": {Parts: [][3]int{{2020, 3, 5}}}}}}
	for _, tc := range []struct{ lang, want string }{
		{"en-US", "and March 5, 2020"},
		{"en-GB", "and 5 March 2020"},
		{"fr", "et 5 mars 2020"},      // bare language → primary dialect fr-FR
		{"de-AT", "und-aus-dem-Stil"}, // in-style "de" locale applies to a dialect
		{"gx", "and March 5, 2020"},   // unknown → en-US
		{"nl-NL", "en 5 maart 2020"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			s, ds := ParseStyle(source.NewFile("s.csl", []byte(strings.Replace(style, "%s", tc.lang, 1))))
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			p := NewProcessor(s, func(id string) *bib.Item { return items[id] }, Options{})
			got := p.Cite(Citation{Items: []CiteItem{{ID: "a"}}}).String()
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %q, want %q…", got, tc.want)
			}
		})
	}
}

func TestUnknownKeys(t *testing.T) {
	s := loadBuiltin(t, "author-date")
	items, _ := testItems(t)
	p := NewProcessor(s, func(id string) *bib.Item { return items[id] }, Options{})
	_, err := p.AddCitation(Citation{Items: []CiteItem{{ID: "doe-2020"}, {ID: "nobody-1999"}}})
	if err == nil || !strings.Contains(err.Error(), `"nobody-1999"`) {
		t.Fatalf("error %v", err)
	}
	if got := p.Citations()[0].String(); got != "(Doe 2020)" {
		t.Errorf("the known cite is kept: %q", got)
	}
}

func TestResetPositions(t *testing.T) {
	s := loadBuiltin(t, "chicago-notes")
	items, _ := testItems(t)
	p := NewProcessor(s, func(id string) *bib.Item { return items[id] }, Options{})
	p.AddCitation(Citation{NoteNumber: 1, Items: []CiteItem{{ID: "doe-2020b"}}})
	p.AddCitation(Citation{NoteNumber: 2, Items: []CiteItem{{ID: "macak-2017"}}})
	p.ResetPositions() // a new chapter
	p.AddCitation(Citation{NoteNumber: 1, Items: []CiteItem{{ID: "doe-2020b"}}})
	got := p.Citations()
	if got[2].String() != got[0].String() {
		t.Errorf("after a reset the cite is full again:\n%s\n%s", got[0].String(), got[2].String())
	}
}

func TestSameInputSameOutput(t *testing.T) {
	s := loadBuiltin(t, "chicago-notes")
	a, ab := renderDocument(t, s, Options{})
	b, bb := renderDocument(t, s, Options{})
	for i := range a {
		if a[i].HTML() != b[i].HTML() {
			t.Errorf("citation %d differs between runs", i)
		}
	}
	for i := range ab {
		if ab[i].Text.HTML() != bb[i].Text.HTML() {
			t.Errorf("entry %d differs between runs", i)
		}
	}
}

// TestConcurrentProcessors: a Style and a Locales are shared by processors
// that run at the same time (a goroutine per publication).
func TestConcurrentProcessors(t *testing.T) {
	s := loadBuiltin(t, "chicago-notes")
	locs := NewLocales(nil)
	want, _ := renderDocument(t, s, Options{Locales: locs})
	done := make(chan []Rich)
	for range 4 {
		go func() {
			got, _ := renderDocument(t, s, Options{Locales: locs, Lang: "en-US"})
			done <- got
		}()
	}
	for range 4 {
		got := <-done
		for i := range want {
			if got[i].HTML() != want[i].HTML() {
				t.Errorf("citation %d differs", i)
			}
		}
	}
}
