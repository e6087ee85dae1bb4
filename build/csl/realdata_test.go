package csl

import (
	"bufio"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/templates"
)

// Real data (issue 12): every entry of real bibliographies of different
// kinds, formatted with real styles of different classes, must read as an
// editor would sign it off: no doubled punctuation, no names run into the
// words around them. The bibliographies are three public ones, unmodified
// (../bib/testdata/public: a Zotero Better BibLaTeX export, the OSCOLA
// package's legal BibLaTeX examples, Patashnik's classic xampl.bib), and
// the repository's own (a Zotero export, a JabRef BibTeX file, the
// example's legal BibLaTeX file, its UN documents in CSL-JSON and a pandoc
// CSL-YAML file). The styles are the CSL repository's snapshot in the
// shared test data (never copied into the repository), five more from the
// CSL repository in testdata/styles (German and Canadian legal, French
// author-date, an international-law journal, a numeric one), each in its
// default-locale, the built-in ones, and two English styles again in
// German and French.
//
// What the checker flags is written from the rules of punctuation, not
// from any one output: see flagRules. Lines that are flagged today and
// are not faults of the processor (the data or the style asks for them)
// are listed with a reason in testdata/realdata-known.txt; a flagged line
// not in the list fails the test (a regression), and so does a listed
// line that no longer appears (remove it from the list).

// realBibs are the bibliographies, relative to this package.
var realBibs = []string{
	"../bib/testdata/zotero.bib",
	"../bib/testdata/jabref.bib",
	"../bib/testdata/pandoc.yaml",
	"../../chapters/bib/references.bib",
	"../../chapters/bib/un-documents.json",
	// Public bibliographies, unmodified, with their sources and licences
	// in ../bib/testdata/public/README.md.
	"../bib/testdata/public/zotero-better-biblatex.bib",
	"../bib/testdata/public/oscola-examples.bib",
	"../bib/testdata/public/xampl.bib",
}

// realStyle is a style and the language to format in.
type realStyle struct{ name, lang string }

func realStyles(t *testing.T) ([]realStyle, map[string]*Style) {
	dir := tooltest.NeedFile(t, filepath.Join(sharedTestdata, "csl/styles"), "the CSL styles of the shared test data")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csl"))
	if len(files) < 8 {
		t.Fatalf("%d styles in %s, want the 8 of its README", len(files), dir)
	}
	parsed := map[string]*Style{}
	var out []realStyle
	add := func(name string, data []byte) {
		s, ds := ParseStyle(source.NewFile(name+".csl", data))
		if s == nil || ds.HasErrors() {
			t.Fatalf("%s: %v", name, ds)
		}
		parsed[name] = s
		// A style in another language is formatted in it (CSL 1.0.2:
		// without a document language, the style's default-locale).
		lang := s.DefaultLocale()
		if lang == "" {
			lang = "en-US"
		}
		out = append(out, realStyle{name, lang})
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		add(strings.TrimSuffix(filepath.Base(f), ".csl"), data)
	}
	// Styles the shared snapshot lacks, from the CSL repository (sources
	// and licence in testdata/styles/README.md): a German legal note
	// style, a French author-date style, the Canadian legal style, an
	// international-law journal's note style and a numeric one.
	local, _ := filepath.Glob("testdata/styles/*.csl")
	if len(local) < 5 {
		t.Fatalf("%d styles in testdata/styles, want 5", len(local))
	}
	for _, f := range local {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		add(strings.TrimSuffix(filepath.Base(f), ".csl"), data)
	}
	for _, name := range templates.StyleNames() {
		data, _ := templates.Style(name)
		add("builtin-"+name, data)
	}
	// Non-English: the same styles with German and French terms and dates.
	out = append(out, realStyle{"apa", "de-DE"}, realStyle{"chicago-notes-bibliography", "fr-FR"})
	return out, parsed
}

// flagRules say what no formatted citation or entry may hold. Each is
// checked on the plain text, with URLs and DOIs taken out first (a URL may
// hold any punctuation).
var flagRules = []struct {
	name string
	re   *regexp.Regexp
}{
	// Two marks of the same kind, or a comma/semicolon/colon and a full
	// stop together: CSL 1.0.2 (and citeproc-js) collapse these where
	// affixes and delimiters meet. An ellipsis ("...", "…") is not one.
	{"doubled punctuation", regexp.MustCompile(`(^|[^.])\.\.($|[^.])|,,|;;|::|[,;:]\.|[,;]\s*[,;]|\.\s+\.|,\s+,`)},
	// A mark with a space before it, or brackets with nothing in them.
	{"space before punctuation", regexp.MustCompile(`\S\s+[,;.](\s|$)`)},
	{"empty brackets", regexp.MustCompile(`\(\s*\)|\[\s*\]|“\s*”|‘\s*’`)},
	// A word run into a name: "In, ed.Storer", "InStorer", "eds.Smith".
	{"run-together words", regexp.MustCompile(`\b(?:In|in|ed|eds|Ed|Eds|and|by)[A-Z][a-z]|[a-z]{2}\.[A-Z][a-z]|[a-z],[A-Za-z]`)},
}

var urlRE = regexp.MustCompile(`(https?://|doi:|10\.\d{4,}/)\S*`)

// flags returns the names of the rules a line breaks.
func flags(line string) []string {
	line = urlRE.ReplaceAllString(line, "URL")
	var out []string
	for _, r := range flagRules {
		if r.re.MatchString(line) {
			out = append(out, r.name)
		}
	}
	return out
}

var (
	// A block (the left margin's "[4]" and the entry beside it) is set
	// apart as a reader sees it; inline tags are taken out.
	blockRE = regexp.MustCompile(`</?div[^>]*>`)
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	spaceRE = regexp.MustCompile(`\s+`)
)

// realLines formats a bibliography with a style: for each work its first
// citation, a later one with a page, and its bibliography entry, each in
// text and in HTML (tags taken out), one line each.
func realLines(t *testing.T, s *Style, lang string, items []*bib.Item, lib *bib.Library) []string {
	p := NewProcessor(s, func(id string) *bib.Item { return lib.ByID[id] }, Options{Lang: lang, Locales: testLocales(), Links: true})
	note := 0
	for _, it := range items {
		note++
		p.AddCitation(Citation{Items: []CiteItem{{ID: it.ID}}, NoteNumber: note})
	}
	for _, it := range items {
		note++
		p.AddCitation(Citation{Items: []CiteItem{{ID: it.ID, Locator: "12", Label: "page"}}, NoteNumber: note})
	}
	var out []string
	add := func(kind, id string, r Rich) {
		txt := strings.TrimSpace(r.String())
		htm := blockRE.ReplaceAllString(r.HTML(), " ")
		htm = strings.TrimSpace(spaceRE.ReplaceAllString(html.UnescapeString(tagRE.ReplaceAllString(htm, "")), " "))
		out = append(out, kind+" "+id+" text: "+txt)
		if htm != txt {
			out = append(out, kind+" "+id+" html: "+htm)
		}
	}
	for i, c := range p.Citations() {
		kind := "first"
		if i >= len(items) {
			kind = "later"
		}
		add(kind, items[i%len(items)].ID, c)
	}
	for _, e := range p.Bibliography() {
		add("entry", e.ID, e.Text)
	}
	return out
}

func TestRealData(t *testing.T) {
	styles, parsed := realStyles(t)
	known := readKnown(t, "testdata/realdata-known.txt")
	seen := map[string]bool{}
	lines, flagged := 0, 0
	var regressions []string
	for _, path := range realBibs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		items, ds := bib.Parse(source.NewFile(filepath.Base(path), data))
		if ds.HasErrors() {
			t.Fatalf("%s: %v", path, ds.Err())
		}
		lib, _ := bib.NewLibrary(items)
		for _, st := range styles {
			for _, l := range realLines(t, parsed[st.name], st.lang, lib.Items, lib) {
				lines++
				fs := flags(l)
				if len(fs) == 0 {
					continue
				}
				flagged++
				key := filepath.Base(path) + " | " + st.name + " " + st.lang + " | " + l
				seen[key] = true
				if _, ok := known[key]; !ok {
					regressions = append(regressions, fmt.Sprintf("%s\n\t(%s)", key, strings.Join(fs, ", ")))
				}
			}
		}
	}
	t.Logf("%d bibliographies × %d styles: %d lines checked, %d flagged (%d known)", len(realBibs), len(styles), lines, flagged, len(known))
	sort.Strings(regressions)
	for _, r := range regressions {
		t.Errorf("flagged, not in testdata/realdata-known.txt:\n%s", r)
	}
	var gone []string
	for k := range known {
		if !seen[k] {
			gone = append(gone, k)
		}
	}
	sort.Strings(gone)
	for _, k := range gone {
		t.Errorf("no longer flagged: remove from testdata/realdata-known.txt:\n%s", k)
	}
	if lines < 2000 {
		t.Errorf("only %d lines checked: the bibliographies or styles went missing", lines)
	}
}

// readKnown reads "line" → reason from a file of blocks: a "# reason" line
// followed by the lines it explains.
func readKnown(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	reason := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.TrimSpace(l) == "":
		case strings.HasPrefix(l, "#"):
			reason = strings.TrimSpace(strings.TrimPrefix(l, "#"))
		default:
			if reason == "" {
				t.Fatalf("%s: %q has no reason above it", path, l)
			}
			out[l] = reason
		}
	}
	return out
}

// TestRealDataChecker: the checker flags each fault it is meant to find,
// on lines broken on purpose, and passes their correct forms.
func TestRealDataChecker(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"Doe, Jane. Cyber Norms. Example Press, 2020.", nil},
		{"Doe, Jane. Cyber Norms. Example Press, 2020..", []string{"doubled punctuation"}},
		{"“Title,” 2013.. CJEU", []string{"doubled punctuation"}},
		{"Smith, J., ed., Title (n.d.).", nil},
		{"Title (n.d.)..", []string{"doubled punctuation"}},
		{"Title, , 2013", []string{"doubled punctuation", "space before punctuation"}},
		{"»,, fecha", []string{"doubled punctuation"}},
		{"Wait... and see …", nil},
		{"Doe , Title", []string{"space before punctuation"}},
		{"Doe (), Title", []string{"empty brackets"}},
		{"In, ed.Storer NW.", []string{"run-together words"}},
		{"In: Storer NW, ed.", nil},
		{"InStorer NW", []string{"run-together words"}},
		{"Doe,Jane", []string{"run-together words"}},
		{"https://example.org/a..b,,c doi:10.1000/x..y", nil},
		{"McDonald and DeNardis, J.R.R. Tolkien", nil},
	} {
		if got := flags(tc.line); !slices.Equal(got, tc.want) {
			t.Errorf("%q: flags %v, want %v", tc.line, got, tc.want)
		}
	}
}
