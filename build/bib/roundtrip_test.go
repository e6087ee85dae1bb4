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

// TestWriteBibTeXDates: every kind of date of issue is written in a field
// BibTeX or BibLaTeX reads, and reads back as the same date. A year, or a
// year and month, go in the classic year and month fields, which every
// BibTeX style prints; a date that is only text reads back as that text,
// never as an error or a lost year.
func TestWriteBibTeXDates(t *testing.T) {
	for _, c := range []struct {
		name    string
		in      Date
		written string
		back    Date // zero: the same as in
	}{
		{"year", Date{Parts: [][3]int{{2015, 0, 0}}}, "year = {2015}", Date{}},
		{"year and month", Date{Parts: [][3]int{{2019, 3, 0}}}, "year = {2019},\n  month = {3}", Date{}},
		{"full date", Date{Parts: [][3]int{{2015, 12, 23}}}, "date = {2015-12-23}", Date{}},
		{"range", Date{Parts: [][3]int{{2015, 12, 23}, {2016, 1, 5}}}, "date = {2015-12-23/2016-01-05}", Date{}},
		{"open range", Date{Parts: [][3]int{{1998, 0, 0}, {}}}, "date = {1998/..}", Date{}},
		{"circa", Date{Parts: [][3]int{{1850, 0, 0}}, Circa: true}, "date = {1850~}", Date{}},
		{"before the common era", Date{Parts: [][3]int{{-44, 3, 15}}}, "date = {-0044-03-15}", Date{}},
		{"season", Date{Parts: [][3]int{{2015, 0, 0}}, Season: 2}, "date = {2015-22}", Date{Parts: [][3]int{{2015, 14, 0}}}},
		{"status", Date{Literal: "in press"}, "year = {in press}", Date{}},
		{"text with digits", Date{Literal: "Spring 2015"}, "year = {{Spring 2015}}", Date{}},
		{"two years as text", Date{Literal: "2015, 2016"}, "year = {{2015, 2016}}", Date{}},
		{"a year as text", Date{Literal: "2015"}, "year = {2015}", Date{Parts: [][3]int{{2015, 0, 0}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := WriteBibTeX([]*Item{{ID: "a", Type: "book", Fields: map[string]string{"title": "T"}, Dates: map[string]Date{"issued": c.in}}})
			if !strings.Contains(string(out), "  "+c.written+"\n") && !strings.Contains(string(out), "  "+c.written+",\n") {
				t.Errorf("written as:\n%s\nwant %q", out, c.written)
			}
			back, ds := ParseBibTeX(source.NewFile("out.bib", out))
			if len(ds) > 0 || len(back) != 1 {
				t.Fatalf("reading back %s: %s", out, diagList(ds))
			}
			want := c.back
			if want.IsZero() {
				want = c.in
			}
			if got := back[0].Dates["issued"]; !reflect.DeepEqual(got, want) {
				t.Errorf("reads back as %+v, want %+v\n%s", got, want, out)
			}
		})
	}
}

// TestBibTeXYearTextInBraces: a year in double braces is text its writer
// meant; a year with stray digits is still an error.
func TestBibTeXYearTextInBraces(t *testing.T) {
	items, ds := parseBib(t, `@book{k, year = {{Spring 2015}}}`)
	if len(ds) > 0 || items[0].Dates["issued"].Literal != "Spring 2015" {
		t.Errorf("got %+v, %s", items[0].Dates["issued"], diagList(ds))
	}
	_, ds = ParseBibTeX(source.NewFile("a.bib", []byte(`@book{k, year = {20x1}}`)))
	if len(ds) != 1 || !strings.Contains(ds[0].Msg, `year "20x1" is not a year`) {
		t.Errorf("want one error for 20x1, got %s", diagList(ds))
	}
}

// TestBibTeXInstitutionWithComma: an institution whose name holds a
// comma, written in braces as BibTeX users protect it, is one publisher
// and one author, never split into a family and a given name, and stays
// so through a conversion to BibLaTeX and back.
func TestBibTeXInstitutionWithComma(t *testing.T) {
	src := `@techreport{k, author = {{Ministry of Defence, Netherlands} and Doe, Jane}, institution = {{Foo, Bar}}, title = {T}, year = {2019}}`
	items, ds := parseBib(t, src)
	if len(ds) > 0 {
		t.Fatal(diagList(ds))
	}
	check := func(what string, it *Item) {
		t.Helper()
		au := it.Names["author"]
		if len(au) != 2 || au[0].Literal != "Ministry of Defence, Netherlands" || au[0].Family != "" || au[1].Family != "Doe" {
			t.Errorf("%s: authors %+v", what, au)
		}
		if p := it.Fields["publisher"]; p != "Foo, Bar" {
			t.Errorf("%s: publisher %q", what, p)
		}
	}
	check("read", items[0])
	out := WriteBibTeX(items)
	if !strings.Contains(string(out), "institution = {{Foo, Bar}}") {
		t.Errorf("the institution is not protected:\n%s", out)
	}
	back, ds := ParseBibTeX(source.NewFile("out.bib", out))
	if len(ds) > 0 {
		t.Fatal(diagList(ds))
	}
	check("read back", back[0])
}
