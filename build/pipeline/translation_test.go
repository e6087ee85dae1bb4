package pipeline

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
)

// translationProject is an original (en-GB) and its French translation:
// chapter a corresponds in full; chapter b of the translation lacks the
// original's section sec:b-two and has one paragraph more; chapter c, the
// original's first, is not translated.
const translationProject = `
-- normpress.yaml --
title: Editions
lang: en-GB
bibliography: [refs.json]
style: chicago-notes
publications:
  - id: guide
    title: Guide
    paragraph-numbers: true
    body: [en/c.md, en/a.md, en/b.md]
  - id: guide-fr
    title: Guide en français
    lang: fr-FR
    translation-of: guide
    paragraph-numbers: true
    body: [fr/a.md, fr/b.md]
-- refs.json --
[]
-- en/a.md --
---
title: A
---

## One {#sec:a-one}

First paragraph, see @sec:b-two.

Second paragraph. {#para:a-key}

Third paragraph, see @sec:a-one.

| x |
|---|
| 1 |

: A table {#tbl:a-table}
-- en/b.md --
---
title: B
---

## Two {#sec:b-two}

Only paragraph.
-- en/c.md --
---
title: C
---

Untranslated, see @para:a-key.

| y |
|---|
| 2 |

: Another table
-- fr/a.md --
---
title: A
---

## Un {#sec:a-one}

Premier paragraphe, voir @sec:b-two.

Deuxième paragraphe. {#para:a-key}

Troisième paragraphe, voir @sec:a-one.

| x |
|---|
| 1 |

: Un tableau {#tbl:a-table}
-- fr/b.md --
---
title: B
---

## Deux

Seul paragraphe.

Un paragraphe de plus.
`

func chapterOf(t *testing.T, s *doc.Site, pub, ch string) *doc.Chapter {
	t.Helper()
	for _, p := range s.Pubs {
		if p.ID != pub {
			continue
		}
		for _, c := range p.Chapters {
			if c.ID == ch {
				return c
			}
		}
	}
	t.Fatalf("no chapter %s/%s", pub, ch)
	return nil
}

// xrefTargets lists a chapter's cross-references as "label→pub/chapter#anchor".
func xrefTargets(ch *doc.Chapter) []string {
	var out []string
	doc.Visitor{Inline: func(in doc.Inline) bool {
		if x, ok := in.(*doc.XRef); ok {
			for _, it := range x.Items {
				if it.Target != nil {
					out = append(out, it.Label+"→"+it.Target.Pub+"/"+it.Target.Chapter+"#"+it.Target.Anchor)
				}
			}
		}
		return true
	}}.WalkBlocks(ch.Blocks)
	return out
}

func TestTranslationLinksCounterparts(t *testing.T) {
	o := opts(writeProject(t, translationProject))
	o.Write = false
	res := Build(o)
	if res.Diags.HasErrors() {
		t.Fatalf("errors: %v", res.Diags.Err())
	}

	// Labels repeat across the two editions without a duplicate-label
	// error, and each edition's references stay inside it: a label the
	// translation lacks (sec:b-two) leads to the original.
	for _, tc := range []struct {
		pub, ch string
		want    []string
	}{
		{"guide-fr", "a", []string{"sec:b-two→guide/b#sec:b-two", "sec:a-one→guide-fr/a#sec:a-one"}},
		{"guide", "a", []string{"sec:b-two→guide/b#sec:b-two", "sec:a-one→guide/a#sec:a-one"}},
		{"guide", "c", []string{"para:a-key→guide/a#para:a-key"}},
	} {
		if got := xrefTargets(chapterOf(t, res.Site, tc.pub, tc.ch)); strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s/%s: cross-references %q, want %q", tc.pub, tc.ch, got, tc.want)
		}
	}

	en, fr := chapterOf(t, res.Site, "guide", "a"), chapterOf(t, res.Site, "guide-fr", "a")
	// A partial translation keeps its original's numbers: chapter a is
	// the original's second, so its section is 2.1 and its table the
	// original's table 2, not 1.1 and table 1.
	if fr.Number != "2" || chapterOf(t, res.Site, "guide-fr", "b").Number != "3" {
		t.Errorf("the translation's chapters are numbered %q, %q; want the original's 2, 3", fr.Number, chapterOf(t, res.Site, "guide-fr", "b").Number)
	}
	doc.Visitor{Block: func(b doc.Block) bool {
		switch n := b.(type) {
		case *doc.Heading:
			if n.Number != "2.1" {
				t.Errorf("the translation's section %q is numbered %q, want 2.1", doc.PlainText(n.Inlines), n.Number)
			}
		case *doc.Table:
			if n.Num != 2 {
				t.Errorf("the translation's table is numbered %d, want the original's 2", n.Num)
			}
		}
		return true
	}}.WalkBlocks(fr.Blocks)
	if len(fr.Counterparts) != 1 || len(en.Counterparts) != 1 {
		t.Fatalf("counterparts: fr %d, en %d; want one each", len(fr.Counterparts), len(en.Counterparts))
	}
	cfr, cen := fr.Counterparts[0], en.Counterparts[0]
	if cfr.Pub != "guide" || cfr.Lang != "en-GB" || cfr.Read != "Read in English" || !cfr.Original || cfr.Chapter != "a" {
		t.Errorf("the French chapter's counterpart is %+v", cfr.Edition)
	}
	if cen.Pub != "guide-fr" || cen.Lang != "fr-FR" || cen.Read != "Lire en français" || cen.Original {
		t.Errorf("the English chapter's counterpart is %+v", cen.Edition)
	}
	// Every numbered paragraph and the labelled section map to the other
	// edition's, and back.
	paras := func(ch *doc.Chapter) []*doc.Para {
		var ps []*doc.Para
		for _, b := range ch.Blocks {
			if p, ok := b.(*doc.Para); ok && p.Num > 0 {
				ps = append(ps, p)
			}
		}
		return ps
	}
	pe, pf := paras(en), paras(fr)
	if len(pe) != 3 || len(pf) != 3 {
		t.Fatalf("numbered paragraphs: en %d, fr %d", len(pe), len(pf))
	}
	for i := range pe {
		if got := cfr.Anchors[pf[i].Attr.ID]; got != pe[i].Attr.ID {
			t.Errorf("fr para. %d (%s) → %q, want %q", i+1, pf[i].Attr.ID, got, pe[i].Attr.ID)
		}
		if got := cen.Anchors[pe[i].Attr.ID]; got != pf[i].Attr.ID {
			t.Errorf("en para. %d (%s) → %q, want %q", i+1, pe[i].Attr.ID, got, pf[i].Attr.ID)
		}
	}
	if cfr.Anchors["sec:a-one"] != "sec:a-one" {
		t.Errorf("section anchors: %v", cfr.Anchors)
	}
	if c := chapterOf(t, res.Site, "guide", "c"); len(c.Counterparts) != 0 {
		t.Errorf("an untranslated chapter has counterparts %v", c.Counterparts)
	}
	// The publications know each other.
	for _, p := range res.Site.Pubs {
		var got []string
		for _, e := range p.Editions {
			got = append(got, e.Pub+" "+e.Lang)
		}
		want := map[string]string{"guide": "guide-fr fr-FR", "guide-fr": "guide en-GB"}[p.ID]
		if strings.Join(got, ",") != want {
			t.Errorf("%s: editions %q, want %q", p.ID, got, want)
		}
	}
	if ls := res.Site.Languages; len(ls) != 2 || ls[0].Name != "English" || ls[1].Name != "Français" || strings.Join(ls[1].Pubs, " ") != "guide-fr" {
		t.Errorf("languages: %+v", ls)
	}

	// Chapter b: one warning, at the translation's chapter, listing what
	// each side lacks; its links are simply not offered.
	var warns []string
	for _, d := range res.Diags {
		if d.Code == "translation-mismatch" {
			warns = append(warns, d.String())
		}
	}
	if len(warns) != 1 {
		t.Fatalf("translation-mismatch warnings: %q, want one", warns)
	}
	for _, want := range []string{"fr/b.md:1:1: warning:", "{#sec:b-two}", "para. 2", "guide/b"} {
		if !strings.Contains(warns[0], want) {
			t.Errorf("the warning %q does not name %q", warns[0], want)
		}
	}
	b := chapterOf(t, res.Site, "guide-fr", "b")
	if len(b.Counterparts) != 1 || len(b.Counterparts[0].Anchors) != 1 {
		t.Errorf("chapter b's counterpart anchors: %+v, want only para. 1's", b.Counterparts)
	}
}

// TestTranslationHTML follows every cross-language link of the HTML
// edition: from each numbered paragraph of a translated chapter to the
// paragraph of the same number in the other edition, and back, with the
// words and hreflang of the edition it leads to.
func TestTranslationHTML(t *testing.T) {
	o := opts(writeProject(t, translationProject))
	o.Formats = []string{"html"}
	res := Build(o)
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(o.Out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// A numbered paragraph: its number and the counterpart links in it.
	paraRE := regexp.MustCompile(`(?s)<p id="([^"]+)" class="numbered">.*?class="pnum"[^>]*>(\d+)</a>(.*?)</p>`)
	altRE := regexp.MustCompile(`<a class="alt-action" href="\.\./([^"#]+)#([^"]+)" hreflang="([^"]+)" lang="([^"]+)">([^<]+)<`)
	paras := func(page string) (byNum map[string]string, links map[string][]string) {
		byNum, links = map[string]string{}, map[string][]string{}
		for _, m := range paraRE.FindAllStringSubmatch(page, -1) {
			byNum[m[2]] = m[1]
			for _, a := range altRE.FindAllStringSubmatch(m[3], -1) {
				links[m[2]] = append(links[m[2]], strings.Join(a[1:], " "))
			}
		}
		return byNum, links
	}
	for _, tc := range []struct {
		from, to, lang, words string
		nums                  []string // the paragraphs that have a counterpart
	}{
		{"guide-fr/a.html", "guide/a.html", "en-GB", "Read in English", []string{"1", "2", "3"}},
		{"guide/a.html", "guide-fr/a.html", "fr-FR", "Lire en français", []string{"1", "2", "3"}},
		{"guide-fr/b.html", "guide/b.html", "en-GB", "Read in English", []string{"1"}},
		{"guide/b.html", "guide-fr/b.html", "fr-FR", "Lire en français", []string{"1"}},
	} {
		from, to := read(tc.from), read(tc.to)
		_, links := paras(from)
		target, _ := paras(to)
		var got []string
		for _, n := range slices.Sorted(maps.Keys(links)) {
			got = append(got, n)
			if len(links[n]) != 1 {
				t.Errorf("%s para. %s: links %q, want one", tc.from, n, links[n])
				continue
			}
			want := tc.to + " " + target[n] + " " + tc.lang + " " + tc.lang + " " + tc.words
			if target[n] == "" || links[n][0] != want {
				t.Errorf("%s para. %s links %q, want %q (the paragraph of the same number)", tc.from, n, links[n][0], want)
			}
			if !strings.Contains(to, `id="`+target[n]+`"`) {
				t.Errorf("%s: no element with id %q", tc.to, target[n])
			}
		}
		if strings.Join(got, " ") != strings.Join(tc.nums, " ") {
			t.Errorf("%s: paragraphs with a counterpart link %q, want %q", tc.from, got, tc.nums)
		}
		// The chapter's own link, and the head's alternates (itself too).
		chLink := `<a href="../` + tc.to + `" hreflang="` + tc.lang + `" lang="` + tc.lang + `">` + tc.words + `</a>`
		if !strings.Contains(from, chLink) {
			t.Errorf("%s: no chapter link %s", tc.from, chLink)
		}
		if !strings.Contains(from, `<link rel="alternate" hreflang="`+tc.lang+`" href="../`+tc.to+`"/>`) {
			t.Errorf("%s: no alternate link to %s in the head", tc.from, tc.to)
		}
	}
	// An untranslated chapter links nowhere.
	if c := read("guide/c.html"); strings.Contains(c, "alt-action") || strings.Contains(c, `rel="alternate"`) {
		t.Errorf("guide/c.html links to a translation it has not")
	}
	// The contents pages link each other.
	if c := read("guide-fr/index.html"); !strings.Contains(c, `<a href="../guide/index.html" hreflang="en-GB" lang="en-GB">Read in English</a>`) {
		t.Errorf("the French contents page does not link the original's")
	}
}

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestLandingGroupsLanguages is a golden test of the landing page of a
// project in two languages: a section per language, headed in that
// language and marked with it, the original first (the site's language),
// and each card linking the publication's other editions.
// go test ./build/pipeline -run LandingGroups -update rewrites it.
func TestLandingGroupsLanguages(t *testing.T) {
	src := strings.Replace(translationProject, "publications:\n", `publications:
  - id: notes
    title: Notes
    body: [en/notes.md]
`, 1) + "-- en/notes.md --\n---\ntitle: Notes\n---\n\nA note.\n"
	o := opts(writeProject(t, src))
	o.Formats = []string{"html"}
	if res := Build(o); !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	got, err := os.ReadFile(filepath.Join(o.Out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "landing-languages.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("landing page differs from %s (-update rewrites it):\n%s", golden, got)
	}
}

// TestTranslationMetadata: the EPUB's package document and the PDF's XMP
// of a translation name its original, by title and identifier; the
// original's name no other edition.
func TestTranslationMetadata(t *testing.T) {
	src := strings.Replace(translationProject, "style: chicago-notes\n", "style: chicago-notes\nbase-url: https://example.org/ed/\n", 1)
	src = strings.Replace(src, "    title: Guide\n", "    title: Guide\n    doi: 10.5555/guide\n", 1)
	o := opts(writeProject(t, src))
	o.Formats = []string{"epub", "pdf"}
	if res := Build(o); !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(o.Out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	opf := func(name string) string {
		t.Helper()
		data := read(name)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if strings.HasSuffix(f.Name, ".opf") {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				return string(b)
			}
		}
		t.Fatalf("%s has no package document", name)
		return ""
	}
	if got, want := inner(opf("guide-fr.epub"), "<dc:source>", "</dc:source>"), []string{"Guide", "https://doi.org/10.5555/guide"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("guide-fr.epub: dc:source %q, want %q", got, want)
	}
	if got := inner(opf("guide.epub"), "<dc:source>", "</dc:source>"); len(got) != 0 {
		t.Errorf("the original's EPUB names a source: %q", got)
	}
	xmp := func(name string) string { return first(inner(string(read(name)), "<x:xmpmeta", "</x:xmpmeta>")) }
	x := xmp("guide-fr.pdf")
	if got := first(inner(x, "<dc:source>", "</dc:source>")); got != "https://doi.org/10.5555/guide" {
		t.Errorf("guide-fr.pdf: dc:source %q, want the original's DOI", got)
	}
	if got := lis(first(inner(x, "<dc:relation>", "</dc:relation>"))); strings.Join(got, "|") != "Guide" {
		t.Errorf("guide-fr.pdf: dc:relation %q, want the original's title", got)
	}
	if x := xmp("guide.pdf"); strings.Contains(x, "<dc:source>") || strings.Contains(x, "<dc:relation>") {
		t.Errorf("the original's PDF names a source")
	}
	// Without an identifier, the web address names the original.
	src = strings.Replace(src, "    doi: 10.5555/guide\n", "", 1)
	o = opts(writeProject(t, src))
	o.Formats = []string{"epub", "pdf"}
	if res := Build(o); !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	if got := first(inner(xmp("guide-fr.pdf"), "<dc:source>", "</dc:source>")); got != "https://example.org/ed/guide/index.html" {
		t.Errorf("guide-fr.pdf without a DOI: dc:source %q, want the original's address", got)
	}
}
