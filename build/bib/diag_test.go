package bib

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// Diagnostic tests: each bad line carries its expectation, "%% want COL
// CODE" (several separated by ","), as Typst's test annotations do, so the
// expectation moves with the line it is about. The annotation is cut off
// before the file is read; the line numbers stay.

var wantRE = regexp.MustCompile(`\s*%% want (.*)$`)

func annotated(name, src string) (*source.File, []string) {
	var want []string
	lines := strings.Split(src, "\n")
	for i, line := range lines {
		m := wantRE.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		for _, w := range strings.Split(line[m[2]:m[3]], ",") {
			f := strings.Fields(w)
			if len(f) == 2 {
				want = append(want, fmt.Sprintf("%d:%s %s", i+1, f[0], f[1]))
			}
		}
		lines[i] = line[:m[0]]
	}
	return source.NewFile(name, []byte(strings.Join(lines, "\n"))), want
}

func checkDiags(t *testing.T, f *source.File, want []string, ds source.Diags) {
	t.Helper()
	var got []string
	for _, d := range ds {
		p := d.Position()
		if p.File != f.Name {
			t.Errorf("diagnostic in file %q, want %q: %s", p.File, f.Name, d)
		}
		got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Col, d.Code))
	}
	slices.Sort(got)
	slices.Sort(want)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing diagnostic %s", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected diagnostic %s", g)
		}
	}
	if t.Failed() {
		t.Logf("all diagnostics:\n%s", diagList(ds))
	}
}

func TestBibTeXDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		ids       []string // items still read
	}{
		{"unclosed brace, then the next entry", `
@article{a,
  title = {Respect for Sovereignty in Cyberspace,   %% want 11 bibtex-syntax
  year = {2017}

@article{b,
  title = {B},
}`, []string{"a", "b"}},
		{"unclosed brace closed by the entry's brace", `
@article{a,
  title = {Respect for Sovereignty,
  year = {2017}
}                                                  %% want 2 bibtex-syntax
@article{b, title = {B}}`, []string{"a", "b"}},
		{"missing comma", `
@book{a,
  title = {Tallinn Manual}                         %% want 27 bibtex-syntax
  year = {2017}
}
@book{b, title = {B}}`, []string{"a", "b"}},
		{"unknown macro", `
@string{cup = {Cambridge University Press}}
@book{a,
  publisher = cpu,                                 %% want 15 unknown-string-macro
  series = elgar # { Series},                      %% want 12 unknown-string-macro
}`, []string{"a"}},
		{"duplicate key", `
@book{tallinn, title = {A}}
@book{tallinn, title = {B}}                        %% want 7 duplicate-citation-key
@book{other, title = {C}}`, []string{"tallinn", "other"}},
		{"missing key", `
@book{title = {A}, year = 2017}                    %% want 7 bibtex-syntax
@book{,                                            %% want 7 bibtex-syntax
 title = {B}}
@book{ok, title = {C}}`, []string{"ok"}},
		{"missing equals", `
@book{a,
  title {A},                                       %% want 9 bibtex-syntax
  year = 2017,
}
@book{b, year = 2017}`, []string{"a", "b"}},
		{"bare word read as a macro", `
@book{a, title = ;A;}                              %% want 18 unknown-string-macro
@book{b}`, []string{"a", "b"}},
		{"junk value", `
@book{a, title = )A(}                              %% want 18 bibtex-syntax
@book{b}`, []string{"a", "b"}},
		{"missing closing brace before the next entry", `
@book{a,
  title = {A},
  year = {2017}                                    %% want 16 bibtex-syntax
@book{b, title = {B}}`, []string{"a", "b"}},
		{"unclosed at end of file", `
@book{a, title = {A}, year = {2017}                %% want 36 bibtex-syntax`, []string{"a"}},
		{"unclosed quote", `
@book{a,
  title = "Cyber Norms,                            %% want 11 bibtex-syntax
@book{b, title = {B}}`, []string{"a", "b"}},
		{"entry without brace", `
@book a, title = {A}}                              %% want 7 bibtex-syntax
@book{b}`, []string{"b"}},
		{"bad date", `
@book{a, date = {2021-13-01}}                      %% want 18 bibtex-date
@book{b, date = {28 May 2021}}                     %% want 18 bibtex-date
@book{c, year = 2021, month = {Smarch}}            %% want 32 bibtex-date
@book{d, year = 2021, month = feb, day = {30}}     %% want 43 bibtex-date
@book{e, month = may}                              %% want 10 bibtex-date`, []string{"a", "b", "c", "d", "e"}},
		{"duplicate field", `
@book{a,
  title = {A},
  title = {B},                                     %% want 3 bibtex-duplicate-field
}`, []string{"a"}},
		{"unknown entry type", `
@frobnicate{a, title = {A}}                        %% want 2 bibtex-entry-type`, []string{"a"}},
		{"unknown crossref", `
@incollection{a, title = {A}, crossref = {hanbook}} %% want 43 bibtex-crossref
@book{handbook, title = {H}}`, []string{"a", "handbook"}},
		{"crossref cycle", `
@book{a, crossref = {b}}                           %% want 22 bibtex-crossref
@book{b, crossref = {a}}`, []string{"a", "b"}},
		{"unknown xdata", `
@book{a, xdata = {pub}}                            %% want 19 bibtex-xdata`, []string{"a"}},
		{"unknown LaTeX command", `
@book{a, title = {The \frobnicate{Cyber} Norms}}   %% want 23 latex-command`, []string{"a"}},
		{"command inside a macro points at the definition", `
@string{s = {Ser \weird{X}}}                       %% want 18 latex-command
@book{a, series = s}`, []string{"a"}},
		{"empty name", `
@book{a, author = {Smith, J. and and Doe, J.}}     %% want 34 bibtex-name`, []string{"a"}},
		{"too many commas", `
@book{a, author = {Smith, Jr, John, Extra}}        %% want 35 bibtex-name`, []string{"a"}},
		{"position counts characters", `
@book{a, title = {Droit appliqué}, year = {20x1}, month = {Sepember}}  %% want 44 bibtex-date, 60 bibtex-date`, []string{"a"}},
		{"unbalanced quote brace", `
@book{a, title = "A}B"}                            %% want 20 bibtex-syntax
@book{b}`, []string{"a", "b"}},
		{"missing macro name in string", `
@string{ = {x}}                                    %% want 10 bibtex-syntax
@book{b}`, []string{"b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, want := annotated("refs.bib", tc.src)
			items, ds := ParseBibTeX(f)
			checkDiags(t, f, want, ds)
			var ids []string
			for _, it := range items {
				ids = append(ids, it.ID)
			}
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("items %v, want %v", ids, tc.ids)
			}
		})
	}
}

func TestCSLJSONDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		ids       []string
	}{
		{"wrong types", `[
  {
    "id": "a",
    "type": "book",
    "title": ["Tallinn Manual"],                  %% want 14 csljson-type
    "volume": true,                               %% want 15 csljson-type
    "author": {"family": "Schmitt"},              %% want 15 csljson-type
    "editor": ["Schmitt, Michael"],               %% want 16 csljson-type
    "issued": 2017                                %% want 15 csljson-type
  }
]`, []string{"a"}},
		{"numbers as strings", `[
  {"id": 12, "type": "book", "volume": 110, "edition": "2", "page": 1.5}
]`, []string{"12"}},
		{"dates", `[
  {"id": "a", "type": "book", "issued": {"date-parts": [["2016", 7]]}},
  {"id": "b", "type": "book", "issued": {"date-parts": [[2016, 17]]}},   %% want 64 csljson-date
  {"id": "c", "type": "book", "issued": {"date-parts": [[2016, "x"]]}},  %% want 64 csljson-date
  {"id": "d", "type": "book", "issued": "2021-05-28"},
  {"id": "e", "type": "book", "issued": "someday"},                        %% want 41 csljson-date
  {"id": "f", "type": "book", "issued": {"raw": "sometime"}},              %% want 41 csljson-date
  {"id": "g", "type": "book", "issued": {"date-partz": [[2016]]}}          %% want 42 csljson-unknown-field
]`, []string{"a", "b", "c", "d", "e", "f", "g"}},
		{"missing id and type", `[
  {"type": "book", "title": "No id"},            %% want 3 csljson-missing-id
  {"id": "b", "title": "No type"}                 %% want 3 csljson-missing-type
]`, []string{"b"}},
		{"unknown fields warn once, Zotero's quietly", `[
  {"id": "a", "type": "book", "tittle": "T", "citation-key": "a", "note": "n", "system_id": "x", "shortTitle": "S"},  %% want 31 csljson-unknown-field
  {"id": "b", "type": "book", "tittle": "T"}
]`, []string{"a", "b"}},
		{"unknown item type", `[
  {"id": "a", "type": "boook"}                   %% want 23 csljson-item-type
]`, []string{"a"}},
		{"syntax error inside an item, next item read", `[
  {
    "id": "a",
    "type": "book",
    "title": "Unterminated,                      %% want 14 csljson-syntax
    "volume": "1"
  },
  {
    "id": "b",
    "type": "book"
  }
]`, []string{"b"}},
		{"trailing commas", `[
  {"id": "a", "type": "book",},                  %% want 29 csljson-syntax, 31 csljson-syntax
]`, []string{"a"}},
		{"missing comma between items", `[
  {"id": "a", "type": "book"}
  {"id": "b", "type": "book"}                    %% want 3 csljson-syntax
]`, []string{"a", "b"}},
		{"duplicate key", `[
  {"id": "a", "type": "book"},
  {"id": "a", "type": "book"}                    %% want 10 duplicate-citation-key
]`, []string{"a"}},
		{"not an array", `"a"                           %% want 1 csljson-syntax`, nil},
		{"bad escape", `[
  {"id": "a\q", "type": "book"},                 %% want 12 csljson-syntax
  {"id": "b", "type": "book"}
]`, []string{"b"}},
		{"name parts", `[
  {"id": "a", "type": "book", "author": [{"family": "X", "gvien": "Y"}, {}]}  %% want 58 csljson-unknown-field, 73 csljson-name
]`, []string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, want := annotated("refs.json", tc.src)
			items, ds := ParseCSLJSON(f)
			checkDiags(t, f, want, ds)
			var ids []string
			for _, it := range items {
				ids = append(ids, it.ID)
			}
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("items %v, want %v", ids, tc.ids)
			}
		})
	}
}

func TestCSLYAMLDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		ids       []string
	}{
		{"wrong types", `references:
- id: a
  type: book
  title: [Tallinn Manual]                         %% want 10 cslyaml-type
  author: Schmitt                                 %% want 11 cslyaml-type
  editor:
  - Schmitt, Michael N.                           %% want 5 cslyaml-type
  issued: 2017-13-01                              %% want 11 cslyaml-date
- id: b
  type: book
  title: 1984
  volume: 3
  issued: 2021-05-28`, []string{"a", "b"}},
		{"syntax error", `references:
- id: a
  type: book
   title: bad indent                              %% want 9 cslyaml-syntax`, nil},
		{"not a list", `title: Just metadata                      %% want 1 cslyaml-type`, nil},
		{"item not a mapping", `- id: a
  type: book
- just text                                       %% want 3 cslyaml-type`, []string{"a"}},
		{"unknown field", `- id: a
  type: book
  publisher-plce: London                          %% want 3 cslyaml-unknown-field`, []string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, want := annotated("refs.yaml", tc.src)
			items, ds := ParseCSLYAML(f)
			checkDiags(t, f, want, ds)
			var ids []string
			for _, it := range items {
				ids = append(ids, it.ID)
			}
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("items %v, want %v", ids, tc.ids)
			}
		})
	}
}

func TestParseByExtension(t *testing.T) {
	_, ds := Parse(source.NewFile("refs.enw", []byte("%0 Book")))
	if len(ds) != 1 || ds[0].Code != "bib-format" {
		t.Errorf("diags = %s", diagList(ds))
	}
	for name, want := range map[string]Format{"a.bib": BibTeX, "A.BIB": BibTeX, "a.json": CSLJSON, "a.yml": CSLYAML, "a.yaml": CSLYAML, "a.ris": RIS, "a.txt": ""} {
		if got := FormatOf(name); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for name, want := range map[string]Format{"bibtex": BibTeX, "BibLaTeX": BibTeX, "json": CSLJSON, "csljson": CSLJSON, "yaml": CSLYAML, "cslyaml": CSLYAML, "RIS": RIS} {
		if got, ok := ParseFormat(name); !ok || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", name, got, ok)
		}
		if Write(nil, want) == nil {
			t.Errorf("Write(nil, %q) = nil", want)
		}
	}
	if _, ok := ParseFormat("enw"); ok {
		t.Error("EndNote's tagged format is not one normpress reads")
	}
}

func TestDuplicateAcrossFiles(t *testing.T) {
	a, _ := ParseBibTeX(source.NewFile("a.bib", []byte("@book{k, title = {A}}")))
	b, _ := ParseCSLJSON(source.NewFile("b.json", []byte(`[{"id": "k", "type": "book"}]`)))
	lib, ds := NewLibrary(append(a, b...))
	if len(lib.Items) != 1 || lib.ByID["k"].Fields["title"] != "A" {
		t.Errorf("the first definition must win: %+v", lib.Items)
	}
	if len(ds) != 1 || ds[0].Code != "duplicate-citation-key" || ds[0].Position().String() != "b.json:1:2" || !strings.Contains(ds[0].Hint, "a.bib:1:1") {
		t.Errorf("diags = %s hint %q", diagList(ds), ds[0].Hint)
	}
}
