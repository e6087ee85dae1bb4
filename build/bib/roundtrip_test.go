package bib

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// withoutSpans copies items without their places, which differ between a
// file and its conversion.
func withoutSpans(items []*Item) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		out[i] = *it
		out[i].Span = source.Span{}
	}
	return out
}

func diffItems(a, b []*Item) string {
	x, y := withoutSpans(a), withoutSpans(b)
	if len(x) != len(y) {
		return fmt.Sprintf("%d items became %d", len(x), len(y))
	}
	for i := range x {
		if !reflect.DeepEqual(x[i], y[i]) {
			return fmt.Sprintf("item %s:\n before %+v\n after  %+v", x[i].ID, x[i], y[i])
		}
	}
	return ""
}

func roundTripSources(t *testing.T) []*source.File {
	var fs []*source.File
	for _, p := range goldenInputs(t) {
		fs = append(fs, readFile(t, p))
	}
	for _, p := range []string{"../../chapters/bib/references.bib", "../../chapters/bib/un-documents.json"} {
		fs = append(fs, readFile(t, p))
	}
	return fs
}

// TestRoundTripCSL: any bibliography written as CSL-JSON or CSL-YAML and
// read back gives the same items.
func TestRoundTripCSL(t *testing.T) {
	for _, f := range roundTripSources(t) {
		items, _ := Parse(f)
		for _, w := range []struct {
			name  string
			write func([]*Item) []byte
			read  func(*source.File) ([]*Item, source.Diags)
		}{
			{"out.json", WriteCSLJSON, ParseCSLJSON},
			{"out.yaml", WriteCSLYAML, ParseCSLYAML},
		} {
			back, ds := w.read(source.NewFile(w.name, w.write(items)))
			if len(ds) > 0 {
				t.Errorf("%s → %s: %s", f.Name, w.name, diagList(ds))
			}
			if d := diffItems(items, back); d != "" {
				t.Errorf("%s → %s → items changed: %s", f.Name, w.name, d)
			}
		}
	}
}

// TestRoundTripBibTeX: items read from BibTeX, written as BibLaTeX and read
// again, are the same items.
func TestRoundTripBibTeX(t *testing.T) {
	for _, f := range roundTripSources(t) {
		if FormatOf(f.Name) != BibTeX {
			continue
		}
		items, _ := Parse(f)
		out := WriteBibTeX(items)
		back, ds := ParseBibTeX(source.NewFile("out.bib", out))
		if len(ds) > 0 {
			t.Errorf("%s → out.bib: %s", f.Name, diagList(ds))
		}
		if d := diffItems(items, back); d != "" {
			t.Errorf("%s → BibLaTeX → items changed: %s", f.Name, d)
		}
	}
}

// TestWriteBibTeXFromCSL writes CSL items whose variables all have a
// BibLaTeX field and reads them back.
func TestWriteBibTeXFromCSL(t *testing.T) {
	items, ds := ParseCSLJSON(source.NewFile("in.json", []byte(`[
  {"id": "a", "type": "article-journal", "title": "Tricky {braces} & 50% of $ # _ ~ ^ \\ “quotes” ‘single’ and World’s -- dashes – —",
   "author": [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "Van"}, {"family": "Gaulle", "given": "Charles", "dropping-particle": "de"}, {"literal": "Barnes and Noble"}],
   "container-title": "Journal of <i>Italic</i> and <span class=\"nocase\">NoCase</span>", "issue": "3", "volume": "110", "page": "425–479",
   "issued": {"date-parts": [[2016, 7]]}, "DOI": "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "URL": "https://example.org/a_b%20c"},
  {"id": "b", "type": "book", "title": "T", "publisher": "Rowman and Littlefield; Other Press", "publisher-place": "Lanham", "edition": "2",
   "collection-title": "Series", "collection-number": "146", "issued": {"date-parts": [[2020], [2021]]}, "language": "fr-FR"},
  {"id": "c", "type": "chapter", "title": "C", "container-title": "Book", "editor": [{"family": "E", "given": "F"}], "page": "1–13", "chapter-number": "5",
   "issued": {"date-parts": [[1998], [0]]}, "accessed": {"date-parts": [[2026, 11, 20]]}},
  {"id": "d", "type": "report", "title": "R", "number": "A/70/174", "publisher": "United Nations", "genre": "Working paper", "issued": {"literal": "forthcoming"}}
]`)))
	if len(ds) > 0 {
		t.Fatal(diagList(ds))
	}
	out := WriteBibTeX(items)
	back, ds := ParseBibTeX(source.NewFile("out.bib", out))
	if len(ds) > 0 {
		t.Errorf("reading back:\n%s\n%s", diagList(ds), out)
	}
	if d := diffItems(items, back); d != "" {
		t.Errorf("%s\n%s", d, out)
	}
}

// TestWriteBibTeXBracesInURL: a URL with braces cannot be a BibTeX value
// as it stands; it is written percent-encoded, which means the same URL.
func TestWriteBibTeXBracesInURL(t *testing.T) {
	out := WriteBibTeX([]*Item{{ID: "a", Type: "webpage", Fields: map[string]string{"URL": "https://example.org/{x}"}}})
	back, ds := ParseBibTeX(source.NewFile("out.bib", out))
	if len(ds) > 0 || len(back) != 1 || back[0].Fields["URL"] != "https://example.org/%7Bx%7D" {
		t.Errorf("%s\n%s\n%+v", out, diagList(ds), back)
	}
}

// TestWriteBibTeXApostrophe: a straight apostrophe is written as TeX's
// and reads back curly, as processors print it anyway.
func TestWriteBibTeXApostrophe(t *testing.T) {
	out := WriteBibTeX([]*Item{{ID: "a", Type: "book", Fields: map[string]string{"publisher": "Attorney General's Office"}}})
	if !strings.Contains(string(out), "publisher = {Attorney General's Office}") {
		t.Errorf("written as:\n%s", out)
	}
	back, _ := ParseBibTeX(source.NewFile("out.bib", out))
	if got := back[0].Fields["publisher"]; got != "Attorney General’s Office" {
		t.Errorf("reads back as %q", got)
	}
}
