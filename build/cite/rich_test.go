package cite

import (
	"reflect"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/templates"
)

func text(s string) *csl.Node { return &csl.Node{Kind: csl.KText, Text: s} }

func TestInlinesResolveFlipFlop(t *testing.T) {
	// <i>The <i>Titanic</i> Case</i> reads "The " italic, "Titanic"
	// upright, " Case" italic: the model has only "on" styles.
	r := csl.Rich{{Kind: csl.KItalic, Kids: csl.Rich{text("The "), {Kind: csl.KItalic, Kids: csl.Rich{text("Titanic")}}, text(" Case")}}}
	got := Inlines(r)
	want := []doc.Inline{
		&doc.Emph{Inlines: []doc.Inline{&doc.Text{Value: "The "}}},
		&doc.Text{Value: "Titanic"},
		&doc.Emph{Inlines: []doc.Inline{&doc.Text{Value: " Case"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v", got)
	}
}

func TestInlinesLinksAndStyles(t *testing.T) {
	r := csl.Rich{
		text("See "),
		{Kind: csl.KLink, Text: "https://doi.org/10.1/x", Kids: csl.Rich{text("10.1/x")}},
		text(" "),
		{Kind: csl.KSmallCaps, Kids: csl.Rich{{Kind: csl.KBold, Kids: csl.Rich{text("ab")}}}},
		{Kind: csl.KSup, Kids: csl.Rich{text("2")}},
	}
	got := Inlines(r)
	want := []doc.Inline{
		&doc.Text{Value: "See "},
		&doc.Link{URL: "https://doi.org/10.1/x", Inlines: []doc.Inline{&doc.Text{Value: "10.1/x"}}},
		&doc.Text{Value: " "},
		&doc.Strong{Inlines: []doc.Inline{&doc.SmallCaps{Inlines: []doc.Inline{&doc.Text{Value: "ab"}}}}},
		&doc.Sup{Inlines: []doc.Inline{&doc.Text{Value: "2"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v", got)
	}
}

func TestLinkedInlines(t *testing.T) {
	// "(Schmitt 2021; Smith 2019)": each cite links to its entry, the
	// parentheses and the delimiter do not.
	r := csl.Rich{text("("), {Kind: csl.KItem, Text: "schmitt", Kids: csl.Rich{text("Schmitt 2021")}}, text("; "),
		{Kind: csl.KItem, Text: "smith", Kids: csl.Rich{text("Smith 2019")}}, text(")")}
	got := LinkedInlines(r, func(id string) *doc.Target { return &doc.Target{Anchor: "ref-" + id} })
	want := []doc.Inline{
		&doc.Text{Value: "("},
		&doc.Link{Target: &doc.Target{Anchor: "ref-schmitt"}, Inlines: []doc.Inline{&doc.Text{Value: "Schmitt 2021"}}},
		&doc.Text{Value: "; "},
		&doc.Link{Target: &doc.Target{Anchor: "ref-smith"}, Inlines: []doc.Inline{&doc.Text{Value: "Smith 2019"}}},
		&doc.Text{Value: ")"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v", got)
	}
}

// TestDOILinkTakesPrefix: "https://doi.org/10.x" is one link in the
// document model, not a plain prefix before a linked bare DOI.
func TestDOILinkTakesPrefix(t *testing.T) {
	data, _ := templates.Style("chicago-notes")
	st, _ := csl.ParseStyle(source.NewFile("chicago-notes.csl", data))
	it := &bib.Item{ID: "a", Type: "article-journal", Fields: map[string]string{"title": "T", "container-title": "J", "DOI": "10.1017/S1"},
		Names: map[string][]bib.Name{"author": {{Family: "Doe", Given: "Jane"}}}, Dates: map[string]bib.Date{"issued": {Parts: [][3]int{{2018}}}}}
	p := csl.NewProcessor(st, func(string) *bib.Item { return it }, csl.Options{Lang: "en-US", Links: true})
	p.AddItems("a")
	var link *doc.Link
	doc.Visitor{Inline: func(in doc.Inline) bool {
		if l, ok := in.(*doc.Link); ok {
			link = l
		}
		return true
	}}.WalkInlines(Inlines(p.Bibliography()[0].Text))
	if link == nil || link.URL != "https://doi.org/10.1017/S1" || doc.PlainText(link.Inlines) != "https://doi.org/10.1017/S1" {
		t.Fatalf("DOI link: %+v", link)
	}
}

// A numeric style's label is the entry's data, taken from the processor's
// left-margin block, not read back out of the model.
func TestEntryLabel(t *testing.T) {
	e := csl.Entry{ID: "a", Text: csl.Rich{{Kind: csl.KDisplay, Text: "left-margin", Kids: csl.Rich{text("[3] ")}},
		{Kind: csl.KDisplay, Text: "right-inline", Kids: csl.Rich{{Kind: csl.KItalic, Kids: csl.Rich{text("Title")}}, text(".")}}}}
	got := entry("a", e, nil)
	if got.Label != "[3]" || doc.PlainText(got.Inlines) != "Title." || got.ID != "ref-a" {
		t.Errorf("entry: %+v", got)
	}
}
