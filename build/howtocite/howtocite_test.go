package howtocite

import (
	"reflect"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/templates"
)

func TestName(t *testing.T) {
	for in, want := range map[string]bib.Name{
		"Michael N. Schmitt":          {Given: "Michael N.", Family: "Schmitt"},
		"Ludwig van der Meer":         {Given: "Ludwig", Family: "Meer", NonDroppingParticle: "van der"},
		"Working Group 13(c)":         {Literal: "Working Group 13(c)", IsInstitution: true},
		"The Editors of the Project":  {Literal: "The Editors of the Project", IsInstitution: true},
		"Plato":                       {Literal: "Plato"},
		"  François   Delerue ":       {Given: "François", Family: "Delerue"},
		"Ministry of Foreign Affairs": {Literal: "Ministry of Foreign Affairs", IsInstitution: true},
	} {
		if got := Name(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Name(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestEdition(t *testing.T) {
	for in, want := range map[string]string{
		"Second edition": "2", "2nd edition": "2", "First edition": "1", "3rd ed.": "3", "4": "4",
		"": "", "Revised edition": "Revised edition", "Second revised edition": "Second revised edition",
	} {
		if got := Edition(in); got != want {
			t.Errorf("Edition(%q) = %q, want %q", in, got, want)
		}
	}
}

// A chapter's record takes its title and authors from the chapter and the
// rest from the publication; with base-url its address; formatted in an
// author-date style its pinpoint is (Author year, para. N).
func TestMake(t *testing.T) {
	pub := &doc.Publication{ID: "commentary", Title: "Commentary", Subtitle: "A/70/174",
		Editors: []string{"Jane Doe"}, Edition: "Second edition", Date: "2027-03-01", Lang: "en-GB",
		DOI: "10.5555/12345678", ISBN: "978-0-00-000000-2",
		Options: doc.Options{ParagraphNumbers: true}}
	ch := &doc.Chapter{ID: "13c", Span: source.NewFile("13c.md", []byte("x")).Whole(),
		Title: doctest.Ts("Norm 13(c)"), Authors: []string{"Working Group 13(c)"}, Number: "3",
		Blocks: []doc.Block{doctest.NP(1, doctest.T("A paragraph."))}}
	gen := &doc.Chapter{ID: "bibliography", Kind: "bibliography"}
	pub.Chapters = []*doc.Chapter{ch, gen}
	data, ok := templates.Style("author-date")
	style, ds := csl.ParseStyle(source.NewFile("author-date.csl", data))
	if !ok || ds.HasErrors() {
		t.Fatalf("author-date style: %v", ds.Err())
	}
	url := func(c *doc.Chapter) string {
		if c == nil {
			return "https://example.org/commentary/index.html"
		}
		return "https://example.org/commentary/" + c.ID + ".html"
	}
	Make(pub, Options{Style: style, Lang: "en-GB", Publisher: "The Project", URL: url})
	if gen.Cite != nil {
		t.Error("a generated chapter got a citation")
	}
	if pub.Cite == nil || ch.Cite == nil {
		t.Fatal("no citation made")
	}
	it := ChapterItem(pub, ch, Options{Publisher: "The Project", URL: url})
	want := map[string]string{"title": "Norm 13(c)", "container-title": "Commentary: A/70/174", "chapter-number": "3",
		"edition": "2", "publisher": "The Project", "ISBN": "978-0-00-000000-2", "DOI": "10.5555/12345678",
		"language": "en-GB", "URL": "https://example.org/commentary/13c.html"}
	if !reflect.DeepEqual(it.Fields, want) {
		t.Errorf("fields %v\nwant %v", it.Fields, want)
	}
	entry := doc.PlainText(ch.Cite.Entry)
	for _, w := range []string{"Working Group 13(c)", "2027", "Norm 13(c)", "Commentary", "Doe", "https://doi.org/10.5555/12345678"} {
		if !strings.Contains(entry, w) {
			t.Errorf("entry %q lacks %q", entry, w)
		}
	}
	pin := strings.ReplaceAll(doc.PlainText(ch.Cite.Pinpoint), ch.Cite.Slot, "12")
	if !strings.Contains(pin, "2027") || !strings.Contains(pin, "12") || strings.Contains(pin, ch.Cite.Slot) {
		t.Errorf("pinpoint %q", pin)
	}
	var formats []string
	for _, r := range ch.Cite.Records {
		formats = append(formats, r.Format)
		items, ds := bib.Parse(source.NewFile("x."+r.Ext, r.Data))
		if len(ds) > 0 || len(items) != 1 || items[0].Get("URL") != want["URL"] {
			t.Errorf("%s record does not read back whole: %v %+v", r.Format, ds.Err(), items)
		}
	}
	if !reflect.DeepEqual(formats, []string{"BibTeX", "RIS", "CSL-JSON"}) {
		t.Errorf("formats %v", formats)
	}
}
