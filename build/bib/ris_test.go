package bib

import (
	"reflect"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// A record as Zotero 7 writes it (File → Export Library → RIS): CRLF line
// ends, no ID tag, the editor under A2, the date under DA with PY beside it.
const zoteroRIS = "TY  - BOOK\r\n" +
	"TI  - Tallinn Manual 2.0 on the International Law Applicable to Cyber Operations\r\n" +
	"A2  - Schmitt, Michael N.\r\n" +
	"CY  - Cambridge\r\n" +
	"DA  - 2017///\r\n" +
	"PY  - 2017\r\n" +
	"ET  - 2\r\n" +
	"PB  - Cambridge University Press\r\n" +
	"SN  - 978-1-107-17722-2\r\n" +
	"ER  - \r\n" +
	"\r\n" +
	"TY  - BOOK\r\n" +
	"TI  - Cyber Operations and International Law\r\n" +
	"AU  - Delerue, François\r\n" +
	"T3  - Cambridge Studies in International and Comparative Law\r\n" +
	"CY  - Cambridge\r\n" +
	"PY  - 2020\r\n" +
	"PB  - Cambridge University Press\r\n" +
	"DO  - 10.1017/9781108780605\r\n" +
	"KW  - attribution\r\n" +
	"KW  - due diligence\r\n" +
	"ER  - \r\n" +
	"\r\n" +
	"TY  - CHAP\r\n" +
	"TI  - Cyber Espionage and International Law\r\n" +
	"AU  - Buchan, Russell\r\n" +
	"T2  - Research Handbook on International Law and Cyberspace\r\n" +
	"A2  - Tsagourias, Nicholas\r\n" +
	"A2  - Buchan, Russell\r\n" +
	"CY  - Cheltenham\r\n" +
	"DA  - 2015/06/30/\r\n" +
	"PY  - 2015\r\n" +
	"SP  - 168\r\n" +
	"EP  - 189\r\n" +
	"PB  - Edward Elgar Publishing\r\n" +
	"ER  - \r\n"

func TestParseRISFromZotero(t *testing.T) {
	items, ds := ParseRIS(source.NewFile("zotero.ris", []byte(zoteroRIS)))
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %s", diagList(ds))
	}
	want := []Item{
		{ID: "schmitt2017", Type: "book",
			Fields: map[string]string{"title": "Tallinn Manual 2.0 on the International Law Applicable to Cyber Operations",
				"publisher-place": "Cambridge", "edition": "2", "publisher": "Cambridge University Press", "ISBN": "978-1-107-17722-2"},
			Names: map[string][]Name{"editor": {{Family: "Schmitt", Given: "Michael N."}}},
			Dates: map[string]Date{"issued": {Parts: [][3]int{{2017, 0, 0}}}}},
		{ID: "delerue2020", Type: "book",
			Fields: map[string]string{"title": "Cyber Operations and International Law",
				"collection-title": "Cambridge Studies in International and Comparative Law",
				"publisher-place":  "Cambridge", "publisher": "Cambridge University Press",
				"DOI": "10.1017/9781108780605", "keyword": "attribution, due diligence"},
			Names: map[string][]Name{"author": {{Family: "Delerue", Given: "François"}}},
			Dates: map[string]Date{"issued": {Parts: [][3]int{{2020, 0, 0}}}}},
		{ID: "buchan2015", Type: "chapter",
			Fields: map[string]string{"title": "Cyber Espionage and International Law",
				"container-title": "Research Handbook on International Law and Cyberspace",
				"publisher-place": "Cheltenham", "publisher": "Edward Elgar Publishing", "page": "168-189"},
			Names: map[string][]Name{"author": {{Family: "Buchan", Given: "Russell"}},
				"editor": {{Family: "Tsagourias", Given: "Nicholas"}, {Family: "Buchan", Given: "Russell"}}},
			Dates: map[string]Date{"issued": {Parts: [][3]int{{2015, 6, 30}}}}},
	}
	got := withoutSpans(items)
	if len(got) != len(want) {
		t.Fatalf("%d items, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("item %d:\n got  %+v\n want %+v", i, got[i], want[i])
		}
	}
	// Parse goes by the extension, so `normpress bib` and a manifest's
	// bibliography: list read .ris files.
	if its, _ := Parse(source.NewFile("x.ris", []byte(zoteroRIS))); len(its) != 3 {
		t.Errorf("Parse(x.ris) read %d items", len(its))
	}
}

// risShape is what of an item RIS can carry: the variables with a tag,
// names as family/given/suffix or a literal, the first date of a range,
// no rich-text markup. The writer's documented losses, stated here
// independently of its tables.
func risShape(it *Item) Item {
	keep := map[string]bool{"title": true, "title-short": true, "collection-title": true,
		"container-title": true, "container-title-short": true, "edition": true, "volume": true,
		"issue": true, "number": true, "genre": true, "publisher": true, "publisher-place": true,
		"DOI": true, "URL": true, "language": true, "abstract": true, "note": true,
		"call-number": true, "archive_location": true, "archive": true, "original-title": true,
		"page": true, "keyword": true}
	out := Item{ID: it.ID, Type: it.Type, Fields: map[string]string{}, Names: map[string][]Name{}, Dates: map[string]Date{}}
	if _, ok := cslTypeOfRIS(risType(it.Type)); !ok || risType(it.Type) == "GEN" {
		out.Type = "document"
	}
	for k, v := range it.Fields {
		if keep[k] || (k == "ISBN" && isbnTypes[out.Type]) || (k == "ISSN" && !isbnTypes[out.Type]) {
			v = risValue(v)
			if k == "page" {
				v = strings.ReplaceAll(strings.ReplaceAll(v, "–", "-"), " ", "")
			}
			if k == "keyword" {
				var ks []string
				for _, s := range strings.Split(v, ",") {
					if s = strings.TrimSpace(s); s != "" {
						ks = append(ks, s)
					}
				}
				v = strings.Join(ks, ", ")
			}
			if v != "" {
				out.Fields[k] = v
			}
		}
	}
	for _, role := range []string{"author", "editor", "collection-editor", "translator"} {
		for _, n := range it.Names[role] {
			out.Names[role] = append(out.Names[role], readRISName(risName(n)))
		}
	}
	for _, role := range []string{"issued", "accessed"} {
		d, ok := it.Dates[role]
		if !ok {
			continue
		}
		switch {
		case len(d.Parts) > 0 && d.Parts[0][0] != 0:
			p := d.Parts[0]
			if p[1] == 0 {
				p[2] = 0
			}
			out.Dates[role] = Date{Parts: [][3]int{p}}
		case role == "issued" && len(d.Parts) == 0 && d.Literal != "":
			out.Dates[role] = Date{Literal: d.Literal}
		}
	}
	if len(out.Fields) == 0 {
		out.Fields = nil
	}
	if len(out.Names) == 0 {
		out.Names = nil
	}
	if len(out.Dates) == 0 {
		out.Dates = nil
	}
	return out
}

// TestRoundTripRIS: every bibliography of the repository written as RIS
// and read back gives the same items, as far as RIS can hold them.
func TestRoundTripRIS(t *testing.T) {
	for _, f := range roundTripSources(t) {
		items, _ := Parse(f)
		out := WriteRIS(items)
		back, ds := ParseRIS(source.NewFile("out.ris", out))
		if len(ds) > 0 {
			t.Errorf("%s → out.ris: %s", f.Name, diagList(ds))
		}
		if len(back) != len(items) {
			t.Fatalf("%s: %d items became %d", f.Name, len(items), len(back))
		}
		for i, it := range items {
			want, got := risShape(it), withoutSpans(back[i : i+1])[0]
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%s: item %s through RIS:\n want %+v\n got  %+v", f.Name, it.ID, want, got)
			}
		}
	}
}

func TestWriteRISLines(t *testing.T) {
	it := &Item{ID: "a", Type: "chapter",
		Fields: map[string]string{"title": "On <i>Tallinn</i>\nand after", "container-title": "Book", "page": "12–19", "ISBN": "978-0-00-000000-2"},
		Names:  map[string][]Name{"author": {{Family: "Gaulle", NonDroppingParticle: "de", Given: "Charles"}, {Literal: "Group of Governmental Experts, UN"}}},
		Dates:  map[string]Date{"issued": {Parts: [][3]int{{2015, 7, 22}, {2015, 8, 1}}}}}
	got := string(WriteRIS([]*Item{it}))
	for _, line := range []string{
		"TY  - CHAP\r\n", "ID  - a\r\n", "TI  - On Tallinn and after\r\n", "T2  - Book\r\n",
		"AU  - de Gaulle, Charles\r\n", "AU  - Group of Governmental Experts UN\r\n",
		"SP  - 12\r\n", "EP  - 19\r\n", "SN  - 978-0-00-000000-2\r\n", "PY  - 2015\r\n", "DA  - 2015/07/22/\r\n",
	} {
		if !strings.Contains(got, line) {
			t.Errorf("missing %q in\n%s", line, got)
		}
	}
	if !strings.HasPrefix(got, "TY  - ") || !strings.HasSuffix(got, "ER  - \r\n") {
		t.Errorf("a record runs from TY to ER:\n%s", got)
	}
}

func TestRISDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		ids       []string
	}{
		{"junk before a record", `
this is not RIS %% want 1 ris-syntax
TY  - JOUR
ID  - a
TI  - A
ER  - `, []string{"a"}},
		{"unknown type, bad date, unclosed record", `
TY  - WHATEVER %% want 1 ris-type
ID  - a
PY  - soon %% want 1 ris-date
ER  -
TY  - BOOK %% want 1 ris-syntax
ID  - b
TI  - B`, []string{"a", "b"}},
		{"TY before ER, tag outside a record", `
AU  - Nobody %% want 1 ris-syntax
TY  - BOOK
ID  - a
TY  - BOOK %% want 1 ris-syntax
ID  - b
ER  - `, []string{"a", "b"}},
		{"duplicate IDs", `
TY  - BOOK
ID  - a
ER  -
TY  - BOOK %% want 1 duplicate-citation-key
ID  - a
ER  - `, []string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, want := annotated("t.ris", tc.src)
			items, ds := ParseRIS(f)
			checkDiags(t, f, want, ds)
			var ids []string
			for _, it := range items {
				ids = append(ids, it.ID)
			}
			if !reflect.DeepEqual(ids, tc.ids) {
				t.Errorf("items %v, want %v", ids, tc.ids)
			}
		})
	}
}

// Keys made for records without an ID never take a key a later record
// gives, and repeat with a letter.
func TestRISKeys(t *testing.T) {
	src := "TY  - BOOK\nAU  - Kello, Lucas\nPY  - 2017\nER  - \n" +
		"TY  - BOOK\nAU  - Kello, Lucas\nPY  - 2017\nER  - \n" +
		"TY  - BOOK\nID  - kello2017\nER  - \n" +
		"TY  - REPORT\nAU  - United Nations\nER  - \n"
	items, _ := ParseRIS(source.NewFile("k.ris", []byte(src)))
	var ids []string
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	if want := []string{"kello2017a", "kello2017b", "kello2017", "unitednations"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("keys %v, want %v", ids, want)
	}
}

func FuzzParseRIS(f *testing.F) {
	f.Add([]byte(zoteroRIS))
	f.Add([]byte("TY  - JOUR\nAU  - a, b, c, d\nDA  - 2015/13/40/x\nY2  - //\nSP  - 1\nEP  - 1\nER  -\nTY  - X"))
	f.Add([]byte("\xef\xbb\xbfTY  - BOOK\nAB  - one\n  two\nER  - "))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("fuzz.ris", data)
		items, ds := ParseRIS(file)
		checkInside(t, file, items, ds)
		if !ds.HasErrors() {
			checkWriters(t, items)
			back, ds2 := ParseRIS(source.NewFile("out.ris", WriteRIS(items)))
			if ds2.HasErrors() || len(back) != len(items) {
				t.Fatalf("RIS written from %d items reads back as %d: %s", len(items), len(back), diagList(ds2))
			}
		}
	})
}
