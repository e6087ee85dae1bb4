package bib

import (
	"reflect"
	"strings"
	"testing"
)

// Classic BibTeX as Patashnik's xampl.bib writes it (the file every BibTeX
// tool is tried on, in testdata/public): commands the file defines in its
// own @preamble, a day or a range in the month field, an abbreviated year
// range, and a crossref key in other capitals than the entry's.
func TestBibTeXClassic(t *testing.T) {
	items, ds := parseBib(t, `
@preamble{ "\newcommand{\noopsort}[1]{} "
        # "\newcommand{\printfirst}[2]{#1} "
        # "\newcommand{\singleletter}[1]{#1} "
        # "\newcommand{\switchargs}[2]{#2#1} "
        # "\def\twice#1{#1#1}" }
@book{set, author = "Donald E. Knuth", title = "The Art of Computer Programming",
  publisher = "Addison-Wesley", year = "{\noopsort{1973c}}{\switchargs{--90}{1968}}"}
@book{day, title = {T}, month = "10~" # jan, year = 1973}
@book{dayafter, title = {T}, month = jan # " 10", year = 1973}
@book{range, title = {T}, month = apr # "-" # may, year = 1986}
@book{list, title = {T}, month = nov # ", " # dec, year = 1988}
@book{first, title = {\printfirst{Kept}{Dropped} and \singleletter{x}\twice{ab}}, year = 2000}
@article{child, crossref = "WHOLE-JOURNAL", pages = "73+"}
@article{whole-journal, title = {G-Animal's Journal}, journal = {GAJ}, year = 1986}
@article{maths, title = {An {$O(n \log n / \! \log\log n)$} Sorting Algorithm}, year = 1988}
`)
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", diagList(ds))
	}
	by := map[string]*Item{}
	for _, it := range items {
		by[it.ID] = it
	}
	for _, tc := range []struct {
		id   string
		want [][3]int
	}{
		{"set", [][3]int{{1968, 0, 0}, {1990, 0, 0}}},
		{"day", [][3]int{{1973, 1, 10}}},
		{"dayafter", [][3]int{{1973, 1, 10}}},
		{"range", [][3]int{{1986, 4, 0}, {1986, 5, 0}}},
		{"list", [][3]int{{1988, 11, 0}, {1988, 12, 0}}},
	} {
		if got := by[tc.id].Dates["issued"].Parts; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: issued %v, want %v", tc.id, got, tc.want)
		}
	}
	if got := by["first"].Fields["title"]; got != "Kept and xabab" {
		t.Errorf("preamble commands: title %q", got)
	}
	if c := by["child"]; len(c.Dates["issued"].Parts) == 0 || c.Dates["issued"].Parts[0][0] != 1986 {
		t.Errorf("crossref in other capitals not followed: %+v %+v", c.Fields, c.Dates)
	}
	if got := by["maths"].Fields["title"]; !strings.Contains(got, "O(n log n/log log n)") {
		t.Errorf("math operators: title %q", got)
	}
}

// A month that is none of those forms stays an error at its place.
func TestBibTeXMonthErrors(t *testing.T) {
	for _, month := range []string{`{Smarch}`, `may # "-" # apr`, `{32 January}`, `{Spring-May}`} {
		_, ds := parseBib(t, "@book{k, title = {T}, year = 1990, month = "+month+"}\n")
		if !ds.HasErrors() || !strings.Contains(ds.Err().Error(), "test.bib:1:") {
			t.Errorf("month %s: want an error at its line, got %v", month, ds)
		}
	}
	_, ds := parseBib(t, "@book{k, title = {T}, year = 1990, month = {31 February}}\n")
	if !ds.HasErrors() || !strings.Contains(ds.Err().Error(), "no day 31") {
		t.Errorf("31 February: want an error, got %v", ds)
	}
}

// The expansion of a definition that refers to itself stops.
func TestTeXMacroRunaway(t *testing.T) {
	m := map[string]texMacro{}
	readTeXMacros(`\newcommand{\loop}[1]{\loop{#1#1}}\def\x{\x\x}`, m)
	for _, s := range []string{`\loop{ab}`, `\x`} {
		out, changed := expandTeXMacros(s, m)
		if !changed || len(out) > 2*texMacroMaxLen {
			t.Errorf("%s: expanded to %d bytes", s, len(out))
		}
	}
}

// BibLaTeX's punctuation commands, as the OSCOLA examples use them.
func TestBibLaTeXPunctuationCommands(t *testing.T) {
	items, ds := parseBib(t, `@legislation{g, title = {Gorchymyn (Cychwyn Rhif 2)\nopunct}, date = 2009}
@book{b, title = {One\addcomma\addspace Two\adddot}, date = 2009}`)
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", diagList(ds))
	}
	if got := items[0].Fields["title"]; got != "Gorchymyn (Cychwyn Rhif 2)" {
		t.Errorf("\\nopunct: %q", got)
	}
	if got := items[1].Fields["title"]; got != "One, Two." {
		t.Errorf("\\addcomma etc.: %q", got)
	}
}
