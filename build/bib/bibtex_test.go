package bib

import (
	"reflect"
	"strings"
	"testing"
)

// TestBibTeXFields reads one entry per case and checks the CSL variables a
// style would print. want lists fields that must be present with these
// values ("" means absent).
func TestBibTeXFields(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		typ       string
		want      map[string]string
		issued    [][3]int
	}{
		{"string macro and concatenation", `
@string{cup = {Cambridge University Press}}
@string{series = "Cambridge Studies in " # {International Law}}
@book{k, title = {T}, publisher = cup # { (UK)}, series = series}`,
			"book", map[string]string{"publisher": "Cambridge University Press (UK)", "collection-title": "Cambridge Studies in International Law"}, nil},
		{"macros are case-insensitive", `@String{CUP = {Cambridge University Press}} @book{k, publisher = Cup}`,
			"book", map[string]string{"publisher": "Cambridge University Press"}, nil},
		{"number and macro month", `@article{k, year = 2018, month = mar}`, "article-journal", nil, [][3]int{{2018, 3, 0}}},
		{"biblatex numeric month", `@article{k, year = {2018}, month = {3}}`, "article-journal", nil, [][3]int{{2018, 3, 0}}},
		{"month name", `@article{k, year = {2018}, month = {September}}`, "article-journal", nil, [][3]int{{2018, 9, 0}}},
		{"month macro in text", `@misc{k, note = jan # { issue}}`, "document", map[string]string{"note": "January issue"}, nil},
		{"day", `@article{k, year = {2016}, month = jul, day = {4}}`, "article-journal", nil, [][3]int{{2016, 7, 4}}},
		{"biblatex date", `@article{k, date = {2021-05-28}}`, "article-journal", nil, [][3]int{{2021, 5, 28}}},
		{"date range", `@book{k, date = {2020/2021}}`, "book", nil, [][3]int{{2020, 0, 0}, {2021, 0, 0}}},
		{"year range", `@book{k, year = {2019--2021}}`, "book", nil, [][3]int{{2019, 0, 0}, {2021, 0, 0}}},
		{"date beats year", `@book{k, date = {2021-05}, year = {1999}}`, "book", nil, [][3]int{{2021, 5, 0}}},
		{"journal fields", `@article{k, journaltitle = {Global Society}, shortjournal = {Glob. Soc.}, volume = 33, number = 2, pages = {224--242}, doi = {https://doi.org/10.1080/13600826.2019.1569502}}`,
			"article-journal", map[string]string{"container-title": "Global Society", "container-title-short": "Glob. Soc.", "volume": "33", "issue": "2", "page": "224–242", "DOI": "10.1080/13600826.2019.1569502", "number": ""}, nil},
		{"bibtex journal", `@article{k, journal = {Texas Law Review}}`, "article-journal", map[string]string{"container-title": "Texas Law Review"}, nil},
		{"series number", `@book{k, series = {Cambridge Studies in International and Comparative Law}, number = {146}}`,
			"book", map[string]string{"collection-number": "146", "number": ""}, nil},
		{"report number", `@report{k, number = {A/70/174}, institution = {United Nations}, type = {Working paper}}`,
			"report", map[string]string{"number": "A/70/174", "publisher": "United Nations", "genre": "Working paper"}, nil},
		{"techreport genre", `@techreport{k, institution = {X}}`, "report", map[string]string{"genre": "Technical report"}, nil},
		{"thesis", `@phdthesis{k, school = {Leiden University}}`, "thesis", map[string]string{"publisher": "Leiden University", "genre": "PhD thesis"}, nil},
		{"biblatex thesis type key", `@thesis{k, type = {phdthesis}, institution = {Leiden University}}`, "thesis", map[string]string{"genre": "PhD thesis"}, nil},
		{"location and address", `@book{k, location = {Cambridge and New York}}`, "book", map[string]string{"publisher-place": "Cambridge; New York"}, nil},
		{"address", `@book{k, address = {Cheltenham}}`, "book", map[string]string{"publisher-place": "Cheltenham"}, nil},
		{"publisher list", `@book{k, publisher = {Springer and {Barnes and Noble}}}`, "book", map[string]string{"publisher": "Springer; Barnes and Noble"}, nil},
		{"subtitle and addon", `@book{k, title = {Governing Cyberspace}, subtitle = {Behavior, Power, and Diplomacy}, titleaddon = {A Reader}}`,
			"book", map[string]string{"title": "Governing Cyberspace: Behavior, Power, and Diplomacy. A Reader"}, nil},
		{"subtitle after question", `@book{k, title = {What Is a Norm?}, subtitle = {A Study}}`, "book", map[string]string{"title": "What Is a Norm? A Study"}, nil},
		{"shorttitle", `@book{k, title = {A Long Title}, shorttitle = {Long}}`, "book", map[string]string{"title-short": "Long"}, nil},
		{"edition", `@book{k, edition = {2}}`, "book", map[string]string{"edition": "2"}, nil},
		{"note and addendum", `@book{k, note = {Open access}, addendum = {Reprinted 2021}}`, "book", map[string]string{"note": "Open access. Reprinted 2021"}, nil},
		{"langid", `@book{k, langid = {ngerman}}`, "book", map[string]string{"language": "de-DE"}, nil},
		{"langid tag", `@book{k, langid = {en-GB}}`, "book", map[string]string{"language": "en-GB"}, nil},
		{"ignored fields", `@article{k, keywords = {a, b}, file = {:a.pdf:PDF}, abstract = {Text}, owner = {me}, timestamp = {2020-01-01}}`,
			"article-journal", map[string]string{"keyword": "", "abstract": "", "owner": ""}, nil},
		{"urldate", `@online{k, url = {https://example.org/a\_b}, urldate = {2026-11-20}}`, "webpage", map[string]string{"URL": "https://example.org/a_b"}, nil},
		{"arxiv", `@misc{k, eprint = {1706.03762}, eprinttype = {arxiv}}`, "document", map[string]string{"URL": "https://arxiv.org/abs/1706.03762", "number": "arXiv:1706.03762"}, nil},
		{"misc with url", `@misc{k, url = {https://cybertechaccord.org/accord/}}`, "webpage", nil, nil},
		{"misc howpublished url", `@misc{k, howpublished = {\url{https://example.org}}}`, "webpage", map[string]string{"URL": "https://example.org"}, nil},
		{"online organization", `@online{k, organization = {Lawfare}}`, "webpage", map[string]string{"container-title": "Lawfare", "publisher": ""}, nil},
		{"inproceedings", `@inproceedings{k, booktitle = {2012 4th International Conference on Cyber Conflict ({CYCON})}, organization = {IEEE}}`,
			"paper-conference", map[string]string{"container-title": `2012 4th International Conference on Cyber Conflict (<span class="nocase">CYCON</span>)`, "publisher": "IEEE"}, nil},
		{"upper-case type and fields", `@ARTICLE{k, TITLE = {T}, Journal = {J}}`, "article-journal", map[string]string{"title": "T", "container-title": "J"}, nil},
		{"paren delimiters", `@article(k, title = {T})`, "article-journal", map[string]string{"title": "T"}, nil},
		{"trailing comma", "@book{k,\n\ttitle = {T},\n}", "book", map[string]string{"title": "T"}, nil},
		{"unknown field", `@book{k, frobnication = {x}, title = {T}}`, "book", map[string]string{"title": "T", "frobnication": ""}, nil},
		{"eid", `@article{k, eid = {tyy009}}`, "article-journal", map[string]string{"number": "tyy009"}, nil},
		{"magazine", `@article{k, entrysubtype = {magazine}}`, "article-magazine", nil, nil},
		{"year literal", `@book{k, year = {forthcoming}}`, "book", nil, nil},
		{"pubstate", `@article{k, pubstate = {inpress}}`, "article-journal", map[string]string{"status": "in press"}, nil},
		{"quoted value with escaped quote", `@book{k, title = "M\"uller and {\"O}zil", note = "a {"} b"}`, "book", map[string]string{"title": "Müller and Özil", "note": `a " b`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, ds := parseBib(t, tc.src)
			if len(ds) > 0 {
				t.Errorf("diagnostics:\n%s", diagList(ds))
			}
			if len(items) != 1 {
				t.Fatalf("%d items, want 1", len(items))
			}
			it := items[0]
			if it.Type != tc.typ {
				t.Errorf("type = %q, want %q", it.Type, tc.typ)
			}
			for k, v := range tc.want {
				if got := it.Fields[k]; got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if tc.issued != nil && !reflect.DeepEqual(it.Dates["issued"].Parts, tc.issued) {
				t.Errorf("issued = %v, want %v", it.Dates["issued"].Parts, tc.issued)
			}
		})
	}
}

func TestBibTeXYearLiteral(t *testing.T) {
	items, _ := parseBib(t, `@book{k, year = {in press}}`)
	if d := items[0].Dates["issued"]; d.Literal != "in press" || len(d.Parts) != 0 {
		t.Errorf("issued = %+v, want the literal text", d)
	}
}

func TestBibTeXEntryTypes(t *testing.T) {
	for typ, want := range map[string]string{
		"article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter",
		"incollection": "chapter", "collection": "book", "proceedings": "book",
		"inproceedings": "paper-conference", "conference": "paper-conference", "booklet": "pamphlet",
		"manual": "book", "misc": "document", "online": "webpage", "electronic": "webpage",
		"report": "report", "techreport": "report", "thesis": "thesis", "mastersthesis": "thesis",
		"phdthesis": "thesis", "unpublished": "manuscript", "patent": "patent", "periodical": "periodical",
		"dataset": "dataset", "software": "software", "legislation": "legislation",
		"jurisdiction": "legal_case", "legal": "treaty", "standard": "standard", "letter": "personal_communication",
		"inreference": "entry-encyclopedia", "reference": "book", "review": "review", "video": "motion_picture",
	} {
		items, ds := parseBib(t, "@"+typ+"{k, title = {T}}")
		if len(ds) > 0 || len(items) != 1 || items[0].Type != want {
			t.Errorf("@%s: %v %s; want type %s", typ, items, diagList(ds), want)
		}
	}
}

func TestBibTeXCrossref(t *testing.T) {
	items, ds := parseBib(t, `
@incollection{fidler, title = {Cyberspace and Human Rights}, author = {Fidler, David P.}, chapter = {5}, crossref = {handbook}}
@book{handbook, title = {Research Handbook on International Law and Cyberspace}, shorttitle = {Handbook},
  editor = {Tsagourias, Nicholas and Buchan, Russell}, year = {2015}, publisher = {Edward Elgar}, location = {Cheltenham}}
@inbook{ch, title = {Intro}, crossref = {mono}}
@book{mono, author = {Delerue, Fran{\c{c}}ois}, title = {Cyber Operations and International Law}, date = {2020}}
@article{art, title = {A}, crossref = {per}}
@periodical{per, title = {Global Society}, volume = {33}, date = {2019}}
@inproceedings{p, title = {P}, crossref = {procs}}
@proceedings{procs, title = {CyCon 2012}, booktitle = {Old Style Booktitle}, year = 2012}
`)
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", diagList(ds))
	}
	by := map[string]*Item{}
	for _, it := range items {
		by[it.ID] = it
	}
	f := by["fidler"]
	for k, v := range map[string]string{
		"title": "Cyberspace and Human Rights", "container-title": "Research Handbook on International Law and Cyberspace",
		"publisher": "Edward Elgar", "publisher-place": "Cheltenham", "chapter-number": "5", "title-short": "",
	} {
		if f.Fields[k] != v {
			t.Errorf("chapter %s = %q, want %q", k, f.Fields[k], v)
		}
	}
	if len(f.Names["editor"]) != 2 || f.Names["author"][0].Family != "Fidler" || f.Dates["issued"].Parts[0][0] != 2015 {
		t.Errorf("chapter names/date not inherited: %+v %+v", f.Names, f.Dates)
	}
	ch := by["ch"]
	if ch.Fields["container-title"] != "Cyber Operations and International Law" ||
		ch.Names["author"][0].Family != "Delerue" || ch.Names["container-author"][0].Given != "François" {
		t.Errorf("@inbook from @book: %+v %+v", ch.Fields, ch.Names)
	}
	if a := by["art"]; a.Fields["container-title"] != "Global Society" || a.Fields["volume"] != "33" || a.Fields["title"] != "A" {
		t.Errorf("@article from @periodical: %+v", a.Fields)
	}
	if p := by["p"]; p.Fields["container-title"] != "CyCon 2012" {
		t.Errorf("proceedings title must win over its booktitle: %+v", p.Fields)
	}
	if b := by["handbook"]; b.Fields["container-title"] != "" || b.Fields["title-short"] != "Handbook" {
		t.Errorf("the parent must not change: %+v", b.Fields)
	}
}

func TestBibTeXXdata(t *testing.T) {
	items, ds := parseBib(t, `
@xdata{cup, publisher = {Cambridge University Press}, location = {Cambridge}}
@book{a, title = {A}, xdata = {cup}}
@book{b, title = {B}, publisher = {Own}, xdata = {cup}}`)
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", diagList(ds))
	}
	if len(items) != 2 {
		t.Fatalf("@xdata must not be an item: %d items", len(items))
	}
	if items[0].Fields["publisher"] != "Cambridge University Press" || items[0].Fields["publisher-place"] != "Cambridge" {
		t.Errorf("a: %+v", items[0].Fields)
	}
	if items[1].Fields["publisher"] != "Own" || items[1].Fields["publisher-place"] != "Cambridge" {
		t.Errorf("b keeps its own fields: %+v", items[1].Fields)
	}
}

func TestBibTeXSkipsCommentsAndPreamble(t *testing.T) {
	items, ds := parseBib(t, `% Encoding: UTF-8
This text between entries is a comment @ with a stray at-sign.
@preamble{ "\newcommand{\noopsort}[1]{}" # "\relax" }
@comment{ @book{notanentry, title = {X}} }
% @book{commented, title = {out}}
@Comment{jabref-meta: databaseType:biblatex;}
@book{real,
  % a comment between fields
  title = {Real},
}`)
	if len(ds) > 0 {
		t.Errorf("diagnostics:\n%s", diagList(ds))
	}
	if len(items) != 1 || items[0].ID != "real" || items[0].Fields["title"] != "Real" {
		t.Errorf("items = %v", items)
	}
}

func TestBibTeXItemSpan(t *testing.T) {
	src := "junk\n@book{a, title = {A}}\n\n@article{b,\n  title = {B}\n}\n"
	items, _ := parseBib(t, src)
	for i, want := range []string{"@book{a, title = {A}}", "@article{b,\n  title = {B}\n}"} {
		if got := items[i].Span.Text(); got != want {
			t.Errorf("item %d span = %q, want %q", i, got, want)
		}
	}
	if p := items[1].Span.Position(); p.Line != 4 || p.Col != 1 {
		t.Errorf("item 2 at %v, want 4:1", p)
	}
}

func TestBibTeXBOMAndCRLF(t *testing.T) {
	src := "\xEF\xBB\xBF@book{a,\r\n  title = {A\r\n  Title},\r\n}\r\n"
	items, ds := parseBib(t, src)
	if len(ds) > 0 || len(items) != 1 || items[0].Fields["title"] != "A Title" {
		t.Errorf("items %+v diags %s", items, diagList(ds))
	}
}

func TestBibTeXExampleProject(t *testing.T) {
	f := readFile(t, "../../chapters/bib/references.bib")
	items, ds := ParseBibTeX(f)
	if len(ds) > 0 {
		t.Errorf("the example project's bibliography has diagnostics:\n%s", diagList(ds))
	}
	if len(items) < 50 {
		t.Errorf("only %d items", len(items))
	}
	for _, it := range items {
		if strings.Contains(it.Fields["title"], "\\") || strings.Contains(it.Fields["title"], "{") {
			t.Errorf("%s: undecoded LaTeX in title %q", it.ID, it.Fields["title"])
		}
	}
}

func TestBibTeXLatin1(t *testing.T) {
	src := "% Encoding: ISO8859_1\n@book{k, author = {M\xfcller, J\xfcrgen}, title = {Caf\xe9 \\\"a}}\n"
	items, ds := parseBib(t, src)
	if len(ds) != 1 || ds[0].Code != "bibtex-encoding" || ds[0].Position().String() != "test.bib:2:21" {
		t.Errorf("want one encoding warning at 2:21, got:\n%s", diagList(ds))
	}
	if len(items) != 1 || items[0].Names["author"][0].Family != "Müller" || items[0].Fields["title"] != "Café ä" {
		t.Errorf("items = %+v", items[0])
	}
}

func TestBibTeXXdataShared(t *testing.T) {
	items, ds := parseBib(t, `
@xdata{base, location = {Cambridge}}
@xdata{a, xdata = {base}, publisher = {A}}
@xdata{b, xdata = {base}, series = {B}}
@book{k, xdata = {a, b}}`)
	if len(ds) > 0 {
		t.Errorf("a shared @xdata is not a cycle:\n%s", diagList(ds))
	}
	f := items[0].Fields
	if f["publisher-place"] != "Cambridge" || f["publisher"] != "A" || f["collection-title"] != "B" {
		t.Errorf("fields = %v", f)
	}
}
