package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBibLanguage: normpress bib --style formats in the style's
// default-locale unless --lang says otherwise (CSL 1.0.2), and --locale
// adds a user's locale file; a broken one is an error at its line and
// column.
func TestBibLanguage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("refs.json", `[{"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe"}, {"family": "Roe"}], "edition": "2"}]`)
	write("de.csl", `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="de-DE">
<info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout><names variable="author"><name and="text"/></names><text value=", "/><number variable="edition" form="ordinal"/><text value=" "/><text term="edition" form="short"/></layout></bibliography></style>`)
	write("locales-de-DE.xml", `<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="de-DE"><terms><term name="and">sowie</term></terms></locale>`)
	write("broken.xml", "<locale xmlns=\"http://purl.org/net/xbiblio/csl\" version=\"1.0\" xml:lang=\"de-DE\">\n<terms>\n</locale>")
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"--style", "de.csl"}, 0, "Doe und Roe, 2. Aufl.\n"},
		{[]string{"--style", "de.csl", "--lang", "en-GB"}, 0, "Doe and Roe, 2nd edn\n"},
		{[]string{"--style", "de.csl", "--locale", "locales-de-DE.xml"}, 0, "Doe sowie Roe, 2. Aufl.\n"},
		{[]string{"--style", "de.csl", "--locale", "broken.xml"}, 1, ""},
	} {
		code, out, errOut := runIn(t, dir, nil, append(append([]string{"bib"}, tc.args...), "refs.json")...)
		if code != tc.code || out != tc.out {
			t.Errorf("bib %v: exit %d, %q, want %d, %q\n%s", tc.args, code, out, tc.code, tc.out, errOut)
		}
		if tc.code == 1 && !strings.HasPrefix(errOut, "broken.xml:3:") {
			t.Errorf("bib %v: %q, want an error at broken.xml:3", tc.args, errOut)
		}
	}
}

// TestBibAbbreviations: bib --abbreviations gives form="short" variables
// the list's short forms.
func TestBibAbbreviations(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "refs.json"), []byte(`[{"id": "a", "type": "article-journal", "title": "T", "container-title": "American Journal of International Law"}]`), 0o644)
	os.WriteFile(filepath.Join(dir, "abbrev.json"), []byte(`{"default": {"container-title": {"American Journal of International Law": "AJIL"}}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "s.csl"), []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
<info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout><text variable="title"/><text prefix=", " variable="container-title" form="short"/></layout></bibliography></style>`), 0o644)
	for _, tc := range []struct {
		args []string
		out  string
	}{
		{nil, "T, American Journal of International Law\n"},
		{[]string{"--abbreviations", "abbrev.json"}, "T, AJIL\n"},
	} {
		code, out, errOut := runIn(t, dir, nil, append(append([]string{"bib", "--style", "s.csl"}, tc.args...), "refs.json")...)
		if code != 0 || out != tc.out {
			t.Errorf("bib %v: exit %d, %q, want %q\n%s", tc.args, code, out, tc.out, errOut)
		}
	}
}
