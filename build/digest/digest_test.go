package digest

import (
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/doc"
)

func item(id, family, given, title string, year int) *bib.Item {
	it := &bib.Item{ID: id, Fields: map[string]string{"title": title}, Names: map[string][]bib.Name{},
		Dates: map[string]bib.Date{"issued": {Parts: [][3]int{{year, 0, 0}}}}}
	if family != "" {
		it.Names["author"] = []bib.Name{{Family: family, Given: given}}
	}
	return it
}

func TestDigest(t *testing.T) {
	n13c := &doc.Norm{ID: "13c", Label: "13(c)", Title: "Territory"}
	n13f := &doc.Norm{ID: "13f", Label: "13(f)", Title: "Infrastructure"}
	d := &Digest{
		Pub:    &doc.Publication{ID: "digest", Short: "Digest 2025"},
		Topics: []Topic{{"dd", "Due diligence"}, {"ci", "Critical infrastructure"}},
		Norms:  []*doc.Norm{n13c, n13f},
		Lang:   "en-GB",
		Entries: []*Entry{
			{Key: "zed", Topics: []string{"dd"}, Norms: []*doc.Norm{n13c}, Item: item("zed", "Żeromski", "Anna", "Last by name", 2019)},
			{Key: "abe", Topics: []string{"ci", "dd"}, Norms: []*doc.Norm{n13f, n13c}, Item: item("abe", "Abel", "Ben", "First <i>by</i> name", 2020)},
			{Key: "org", Topics: []string{"dd"}, Item: &bib.Item{ID: "org", Fields: map[string]string{"title": "Institutional"},
				Names: map[string][]bib.Name{"author": {{Literal: "Council of Europe"}}}}},
		},
	}
	d.Sort()
	var keys []string
	for _, e := range d.Entries {
		keys = append(keys, e.Key)
	}
	// Collation puts Ż with Z, after C(ouncil).
	if got := strings.Join(keys, " "); got != "abe org zed" {
		t.Errorf("order: %s", got)
	}
	chs := d.TopicChapters(doc.BodyMatter)
	if len(chs) != 2 || chs[0].ID != "dd" || chs[0].Kind != "digest-topic" {
		t.Fatalf("topic chapters: %+v", chs)
	}
	// abe is given in full under its first topic (ci) and listed under dd.
	if text := doc.BlocksText(chs[0].Blocks); !strings.Contains(text, "Also on this topic") || !strings.Contains(text, "First by name") {
		t.Errorf("dd chapter: %s", text)
	}
	full := chs[1].Blocks[0].(*doc.Div)
	if h := full.Blocks[0].(*doc.Heading); h.Attr.ID != "digest-abe" || doc.PlainText(h.Inlines) != "First by name" {
		t.Errorf("entry heading: %+v", h)
	}
	norms := d.NormIndex("index-norms", "Index by norm", doc.BackMatter)
	if text := doc.BlocksText(norms.Blocks); text != "Norm 13(c): Territory Abel, First by name (2020) Żeromski, Last by name (2019) Norm 13(f): Infrastructure Abel, First by name (2020)" {
		t.Errorf("norm index: %q", text)
	}
	authors := d.AuthorIndex("index-authors", "Index by author", doc.BackMatter)
	if text := doc.BlocksText(authors.Blocks); !strings.HasPrefix(text, "Abel, Ben") || !strings.Contains(text, "Council of Europe") {
		t.Errorf("author index: %q", text)
	}
	fr := d.FurtherReading(n13c, nil)
	if len(fr) != 2 || len(fr[1].(*doc.RefList).Entries) != 2 {
		t.Fatalf("further reading: %+v", fr)
	}
	link := fr[1].(*doc.RefList).Entries[0].Inlines[1].(*doc.Link)
	if *link.Target != (doc.Target{Pub: "digest", Chapter: "ci", Anchor: "digest-abe"}) || doc.PlainText(link.Inlines) != "Summary in Digest 2025." {
		t.Errorf("further reading link: %+v %q", link.Target, doc.PlainText(link.Inlines))
	}
}

func TestPlainTitle(t *testing.T) {
	for in, want := range map[string]string{
		`Framework ("Cyber Diplomacy Toolbox")`: "Framework (\u201cCyber Diplomacy Toolbox\u201d)",
		`<i>Tallinn</i> "Manual"`:               "Tallinn \u201cManual\u201d",
		"plain":                                 "plain",
	} {
		if got := plainTitle(in); got != want {
			t.Errorf("plainTitle(%q) = %q, want %q", in, got, want)
		}
	}
}
