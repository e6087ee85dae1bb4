package pipeline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
)

// localeProject is a project whose style has a default-locale: the words
// its bibliography prints show which locale formatted it. %s are the
// project's lang line, the publication's, the style's default-locale
// attribute and the project's locales: line.
const localeProject = `
-- normpress.yaml --
title: Locales
%s%sstyle: terms.csl
bibliography: [refs.json]
publications:
  - id: book
    title: Book
%s    body:
      - c.md
    back:
      - generate: bibliography
-- terms.csl --
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text"%s>
<info><title>Terms</title><id>terms</id><updated>2026-01-01T00:00:00+00:00</updated></info>
<citation><layout prefix="(" suffix=")"><names variable="author"/></layout></citation>
<bibliography><layout><names variable="author"><name and="text"/></names><text value=", "/><number variable="edition" form="ordinal"/><text value=" "/><text term="edition" form="short"/></layout></bibliography>
</style>
-- refs.json --
[{"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe"}, {"family": "Roe"}], "edition": "2"}]
-- c.md --
---
title: One
---

Text [@a].
-- locales/locales-de-DE.xml --
<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="de-DE">
  <terms><term name="and">sowie</term></terms>
</locale>
-- locales/broken.xml --
<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="de-DE">
  <terms><term name="and">sowie</terms>
</locale>
`

// bibliographyText builds the project (check only) and returns its
// bibliography's one entry as text.
func bibliographyText(t *testing.T, src string) (string, *Result) {
	t.Helper()
	o := opts(writeProject(t, src))
	o.Write = false
	res := Build(o)
	if res.Site == nil || len(res.Site.Pubs) == 0 {
		return "", res
	}
	var text string
	for _, ch := range res.Site.Pubs[0].Chapters {
		doc.Visitor{Block: func(b doc.Block) bool {
			if rl, ok := b.(*doc.RefList); ok && len(rl.Entries) > 0 {
				text = doc.PlainText(rl.Entries[0].Inlines)
			}
			return true
		}}.WalkBlocks(ch.Blocks)
	}
	return text, res
}

// TestCitationLanguage: one test per rule of CSL 1.0.2's language
// resolution as normpress applies it: the publication's lang (its own,
// else the project's) wins; without one the style's default-locale; then
// en-US; and a project's locales: file overrides the built-in locale.
func TestCitationLanguage(t *testing.T) {
	for _, tc := range []struct {
		name                                  string
		projLang, pubLang, styleLang, locales string
		want                                  string
	}{
		{"the publication's lang wins", "", "    lang: fr\n", ` default-locale="de-DE"`, "", "Doe et Roe, 2e éd."},
		{"the project's lang is the publication's", "lang: nl\n", "", ` default-locale="de-DE"`, "", "Doe en Roe, 2de dr."},
		{"without a lang, the style's default-locale", "", "", ` default-locale="de-DE"`, "", "Doe und Roe, 2. Aufl."},
		{"without either, en-US", "", "", "", "", "Doe and Roe, 2nd ed."},
		{"a project's locale file", "", "", ` default-locale="de-DE"`, "locales: [locales/locales-de-DE.xml]\n", "Doe sowie Roe, 2. Aufl."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, res := bibliographyText(t, fmt.Sprintf(localeProject, tc.projLang, tc.locales, tc.pubLang, tc.styleLang))
			if len(res.Diags) > 0 {
				t.Fatalf("diagnostics:\n%v", res.Diags.Err())
			}
			if got != tc.want {
				t.Errorf("bibliography %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBrokenLocaleFile: a malformed locale file in locales: is an error
// at its line and column.
func TestBrokenLocaleFile(t *testing.T) {
	_, res := bibliographyText(t, fmt.Sprintf(localeProject, "", "locales: [locales/broken.xml]\n", "", ""))
	var got []string
	for _, d := range res.Diags {
		got = append(got, strings.SplitN(d.String(), "\n", 2)[0])
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "chapters/locales/broken.xml:2:") || !strings.Contains(got[0], "error:") {
		t.Errorf("diagnostics %q, want one error at chapters/locales/broken.xml:2", got)
	}
}

// TestLocatorsInTheTextsLanguage: citations written in the publication's
// language have their locators read as English ones are ("S. 12",
// "Rn. 5", "par. 4"), so the style prints them in its own form.
func TestLocatorsInTheTextsLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, cite, label, locator string }{
		{"de", "[@a, S. 12]", "page", "12"},
		{"de", "[@a, Rn. 5]", "paragraph", "5"},
		{"fr", "[@a, par. 4]", "paragraph", "4"},
		{"fr", "[@a, p. 12]", "page", "12"},
		{"nl", "[@a, par. 4]", "paragraph", "4"},
		{"en-GB", "[@a, para. 4]", "paragraph", "4"},
		{"en-GB", "[@a, Rn. 5]", "", ""}, // not English: the suffix stays text
	} {
		src := strings.Replace(fmt.Sprintf(localeProject, "lang: "+tc.lang+"\n", "", "", ""), "Text [@a].", "Text "+tc.cite+".", 1)
		o := opts(writeProject(t, src))
		o.Write = false
		res := Build(o)
		if len(res.Diags) > 0 {
			t.Fatalf("%s: %v", tc.cite, res.Diags.Err())
		}
		var got *doc.CiteItem
		doc.Visitor{Inline: func(in doc.Inline) bool {
			if c, ok := in.(*doc.Cite); ok && len(c.Items) > 0 {
				got = &c.Items[0]
			}
			return true
		}}.WalkBlocks(res.Site.Pubs[0].Chapters[0].Blocks)
		if got == nil || got.Label != tc.label || got.Locator != tc.locator {
			t.Errorf("%s %s: item %+v, want label %q locator %q", tc.lang, tc.cite, got, tc.label, tc.locator)
		}
	}
}

// TestCitationAbbreviations: the manifest's citation-abbreviations file
// gives form="short" variables their short forms; a broken file is an
// error at its line and column.
func TestCitationAbbreviations(t *testing.T) {
	base := strings.NewReplacer(
		`<citation><layout prefix="(" suffix=")"><names variable="author"/></layout></citation>`,
		`<citation><layout prefix="(" suffix=")"><text variable="container-title" form="short"/></layout></citation>`,
		`"edition": "2"}]`, `"edition": "2", "container-title": "American Journal of International Law"}]`,
	).Replace(fmt.Sprintf(localeProject, "citation-abbreviations: abbrev.json\n", "", "", ""))
	for _, tc := range []struct{ file, want, diag string }{
		{`{"default": {"container-title": {"American Journal of International Law": "AJIL"}}}`, "(AJIL)", ""},
		{"{\"default\":\n {\"container-title\": {\"x\": 1}}}", "", "chapters/abbrev.json:2:"},
	} {
		o := opts(writeProject(t, base+"-- abbrev.json --\n"+tc.file+"\n"))
		o.Write = false
		res := Build(o)
		if tc.diag != "" {
			if len(res.Diags) != 1 || !strings.HasPrefix(res.Diags[0].String(), tc.diag) {
				t.Errorf("diagnostics %v, want one at %s", res.Diags, tc.diag)
			}
			continue
		}
		if len(res.Diags) > 0 {
			t.Fatal(res.Diags.Err())
		}
		var got string
		doc.Visitor{Inline: func(in doc.Inline) bool {
			if c, ok := in.(*doc.Cite); ok {
				got = doc.PlainText(c.Text)
			}
			return true
		}}.WalkBlocks(res.Site.Pubs[0].Chapters[0].Blocks)
		if got != tc.want {
			t.Errorf("citation %q, want %q", got, tc.want)
		}
	}
}
