package csl

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/source"
)

// TestBundledLocalesAreTheRepository: the embedded archive holds every
// locale file of the CSL locales repository (its copy in the shared test
// data) byte for byte, and the licence notice; run go generate ./build/csl
// when the repository changes.
func TestBundledLocalesAreTheRepository(t *testing.T) {
	dir := tooltest.NeedFile(t, filepath.Join(sharedTestdata, "csl/locales-all"), "the CSL locales repository in the shared test data")
	zr, err := zip.NewReader(bytes.NewReader(localesZip), int64(len(localesZip)))
	if err != nil {
		t.Fatal(err)
	}
	inZip := map[string]bool{}
	for _, f := range zr.File {
		inZip[f.Name] = true
	}
	files, _ := filepath.Glob(filepath.Join(dir, "locales-*.xml"))
	files = append(files, filepath.Join(dir, "locales.json"))
	if len(files) < 60 {
		t.Fatalf("%d locale files in %s", len(files), dir)
	}
	for _, p := range files {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		got, err := fs.ReadFile(zr, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: not in the archive as in the repository (%v): run go generate ./build/csl", name, err)
		}
		delete(inZip, name)
	}
	notice, err := fs.ReadFile(zr, "README.md")
	if err != nil || !strings.Contains(string(notice), "Attribution-ShareAlike 3.0") || !strings.Contains(string(notice), "https://citationstyles.org/") {
		t.Errorf("the archive lacks its licence notice (%v)", err)
	}
	delete(inZip, "README.md")
	for name := range inZip {
		t.Errorf("%s is in the archive but not in the repository", name)
	}
}

// TestEveryBundledLocale: each built-in locale parses without a problem
// and is the one a processor in that language uses.
func TestEveryBundledLocale(t *testing.T) {
	names, err := fs.Glob(bundledLocales(), "locales-*.xml")
	if err != nil || len(names) < 60 {
		t.Fatalf("%d bundled locales (%v)", len(names), err)
	}
	s := miniStyle(t, "in-text", "", "", `<layout><text term="and"/></layout>`, "")
	locs := NewLocales(nil)
	for _, name := range names {
		tag := strings.TrimSuffix(strings.TrimPrefix(name, "locales-"), ".xml")
		data, _ := fs.ReadFile(bundledLocales(), name)
		if _, ds := ParseLocale(source.NewFile(name, data)); len(ds) > 0 {
			t.Errorf("%s: %v", name, ds.Err())
		}
		if got := locs.resolve(s, tag).lang; got != tag {
			t.Errorf("%s: the processor uses %s", tag, got)
		}
	}
}

// andIn formats the term "and" under a style whose default-locale is
// styleLang, with the output language lang, and the user's locale files.
func andIn(t *testing.T, styleLang, lang string, locs *Locales) string {
	t.Helper()
	src := `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text"`
	if styleLang != "" {
		src += ` default-locale="` + styleLang + `"`
	}
	src += `><info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
<citation><layout><text term="and"/><text value=" "/><text term="edition" form="short"/></layout></citation></style>`
	s, ds := ParseStyle(source.NewFile("t.csl", []byte(src)))
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	p := NewProcessor(s, miniItems(t, `[{"id": "a", "type": "book", "title": "T"}]`), Options{Lang: lang, Locales: locs})
	p.AddCitation(Citation{Items: []CiteItem{{ID: "a"}}})
	return p.Citations()[0].String()
}

// TestLanguageResolution follows CSL 1.0.2 ("Locale Fallback", and
// default-locale): the output language given (the publication's lang)
// wins; without it, the style's default-locale; then en-US. A bare
// language takes its primary dialect.
func TestLanguageResolution(t *testing.T) {
	for _, tc := range []struct {
		name, styleLang, lang, want string
	}{
		{"the publication's language wins over the style's", "de-DE", "fr-FR", "et éd."},
		{"a bare language takes its primary dialect", "de-DE", "fr", "et éd."},
		{"without one, the style's default-locale", "de-DE", "", "und Aufl."},
		{"a style's bare default-locale", "nl", "", "en dr."},
		{"without either, en-US", "", "", "and ed."},
		{"a language CSL has no locale for falls back to en-US", "", "xx-YY", "and ed."},
		{"every locale of the repository is built in (Estonian)", "", "et", "ja tr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := andIn(t, tc.styleLang, tc.lang, NewLocales(nil)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestUserLocale: a locale file the user supplies overrides the built-in
// locale of its language term by term (what it leaves out still comes from
// the built-in file), can add a language CSL has none for, and a broken
// one is an error at its line and column.
func TestUserLocale(t *testing.T) {
	locs := NewLocales(nil)
	ds := locs.AddFile(source.NewFile("my/locales-de-DE.xml", []byte(`<?xml version="1.0" encoding="utf-8"?>
<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="de-DE">
  <terms><term name="and">sowie</term></terms>
</locale>`)))
	if len(ds) > 0 {
		t.Fatal(ds.Err())
	}
	if got := andIn(t, "", "de-DE", locs); got != "sowie Aufl." {
		t.Errorf("user de-DE: got %q, want %q", got, "sowie Aufl.")
	}
	if got := andIn(t, "de", "", locs); got != "sowie Aufl." {
		t.Errorf("user de-DE through the style's default-locale: got %q", got)
	}
	ds = locs.AddFile(source.NewFile("my/locales-la-x.xml", []byte(`<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="xx-YY">
  <terms><term name="and">ac</term></terms>
</locale>`)))
	if len(ds) > 0 {
		t.Fatal(ds.Err())
	}
	if got := andIn(t, "", "xx-YY", locs); got != "ac ed." {
		t.Errorf("a new language: got %q, want %q", got, "ac ed.")
	}

	for _, tc := range []struct{ name, src, want string }{
		{"malformed", "<locale xmlns=\"http://purl.org/net/xbiblio/csl\" version=\"1.0\" xml:lang=\"fr-FR\">\n  <terms><term name=\"and\">et</terms>\n</locale>", "bad.xml:2:"},
		{"no language", `<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><terms/></locale>`, "bad.xml:1:1: error: the locale file has no xml:lang"},
		{"not a locale", "<style/>", "bad.xml:1:1: error: root element is <style>"},
	} {
		ds := NewLocales(nil).AddFile(source.NewFile("bad.xml", []byte(tc.src)))
		if !ds.HasErrors() || !strings.HasPrefix(ds.Sort()[0].String(), tc.want) {
			t.Errorf("%s: diagnostics %v, want one starting %q", tc.name, ds, tc.want)
		}
	}
}

// TestLocatorTerms: a language's locator labels come from its CSL locale
// (every form, singular and plural) and the legal pinpoints it lacks;
// English adds nothing (the Markdown reader knows it).
func TestLocatorTerms(t *testing.T) {
	locs := NewLocales(nil)
	has := func(lang, term, label string) {
		t.Helper()
		for _, lt := range locs.LocatorTerms(lang) {
			if lt.Term == term {
				if lt.Label != label {
					t.Errorf("%s %q is %s, want %s", lang, term, lt.Label, label)
				}
				return
			}
		}
		t.Errorf("%s: no locator term %q", lang, term)
	}
	has("de", "S.", "page")
	has("de-DE", "Seiten", "page")
	has("de", "Rn.", "paragraph")
	has("de", "Abs.", "paragraph")
	has("de-AT", "Kap.", "chapter")
	has("fr", "p.", "page")
	has("fr", "par.", "paragraph")
	has("fr", "paragr.", "paragraph")
	has("nl", "par.", "paragraph")
	has("es", "párr.", "paragraph")
	if got := locs.LocatorTerms("en-GB"); len(got) != 0 {
		t.Errorf("English adds %v", got)
	}
	terms := locs.LocatorTerms("de")
	for i := 1; i < len(terms); i++ {
		if len([]rune(terms[i].Term)) > len([]rune(terms[i-1].Term)) {
			t.Fatalf("not longest first: %q before %q", terms[i-1].Term, terms[i].Term)
		}
	}
}

// TestMergedChainsKept: the merged locales are kept between lookups, yet a
// file added afterwards is seen by every later Term, processor and locator
// list, and many goroutines may ask at once (run with -race).
func TestMergedChainsKept(t *testing.T) {
	locs := NewLocales(nil)
	if got, _ := locs.Term("de-DE", "and", "long", false); got != "und" {
		t.Fatalf("built-in de-DE and: got %q", got)
	}
	if got := andIn(t, "", "de-DE", locs); got != "und Aufl." {
		t.Fatalf("built-in de-DE citation: got %q", got)
	}
	has := func(term string) bool {
		for _, lt := range locs.LocatorTerms("de-DE") {
			if lt.Term == term {
				return true
			}
		}
		return false
	}
	if has("Vers-Nr.") {
		t.Fatal("the built-in de-DE has Vers-Nr. already: pick another word")
	}
	ds := locs.AddFile(source.NewFile("my/locales-de-DE.xml", []byte(`<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="de-DE">
  <terms><term name="and">sowie</term><term name="verse" form="short">Vers-Nr.</term></terms>
</locale>`)))
	if len(ds) > 0 {
		t.Fatal(ds.Err())
	}
	if got, _ := locs.Term("de-DE", "and", "long", false); got != "sowie" {
		t.Errorf("Term after AddFile: got %q, want the user's %q", got, "sowie")
	}
	if got := andIn(t, "", "de-DE", locs); got != "sowie Aufl." {
		t.Errorf("processor after AddFile: got %q, want %q", got, "sowie Aufl.")
	}
	if !has("Vers-Nr.") {
		t.Error("locator terms after AddFile: the user's Vers-Nr. is missing")
	}

	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lang := []string{"fr-FR", "nl", "es-ES", "de-AT"}[i%4]
			a, _ := locs.Term(lang, "figure", "long", false)
			b, _ := NewLocales(nil).Term(lang, "figure", "long", false)
			if a != b || a == "" {
				t.Errorf("%s figure: %q, fresh %q", lang, a, b)
			}
			locs.LocatorTerms(lang)
		}()
	}
	wg.Wait()
}
