package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/internal/txtar"
	"github.com/normpress/normpress/build/site"
)

// writeProject puts a txtar project on disk (the loader opens an os.Root).
func writeProject(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range txtar.Parse(archive) {
		p := filepath.Join(dir, "chapters", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func opts(dir string) Options {
	return Options{Dir: filepath.Join(dir, "chapters"), Prefix: "chapters/", Out: filepath.Join(dir, "out"), Epoch: 1700000000, Write: true, Version: "test"}
}

const small = `
-- normpress.yaml --
title: Small
lang: en-GB
norms: norms.yaml
bibliography: [refs.json]
style: chicago-notes
publications:
  - id: commentary
    title: "A Commentary: on norms"
    paragraph-numbers: true
    further-reading: true
    body:
      - c/13c.md
    back:
      - generate: bibliography
  - id: guidelines
    title: Guidelines
    body:
      - g/13c.md
  - id: digest
    title: Digest
    style: author-date
    digest:
      year: 2025
      entries: d
      topics:
        - {id: dd, title: Due diligence}
    body:
      - generate: digest
    back:
      - generate: digest-norms
      - generate: digest-authors
-- norms.yaml --
source: un-a-70-174
norms:
  - id: 13c
    title: Territory
    text: States should not knowingly allow their territory to be used for internationally wrongful acts using ICTs;
-- refs.json --
[
 {"id": "un-a-70-174", "type": "report", "author": [{"literal": "United Nations General Assembly"}],
  "title": "Report of the Group of Governmental Experts", "number": "A/70/174", "issued": {"date-parts": [[2015, 7, 22]]}},
 {"id": "schmitt-2017", "type": "book", "editor": [{"family": "Schmitt", "given": "Michael N."}],
  "title": "Tallinn Manual 2.0", "issued": {"date-parts": [[2017]]}}
]
-- c/13c.md --
---
title: "Norm 13(c)"
norm: 13c
---

## Scope {#sec:13c-scope}

The norm restates due diligence [@un-a-70-174, para. 13]. See @sec:13c-law.

Knowledge is required.^[An explanatory note.] {#para:13c-knowledge}

## Legal basis {#sec:13c-law}

As @schmitt-2017 shows, and see @para:13c-knowledge and @norm:13c.
-- g/13c.md --
---
title: Implementing 13(c)
norm: 13c
---

Measures follow from @Sec:13c-scope and [see @para:13c-knowledge].
-- d/schmitt.yaml --
key: schmitt-2017
topics: [dd]
norms: [13c]
summary: |
  A restatement by experts [@schmitt-2017, p. 30].
`

func TestBuildSmall(t *testing.T) {
	dir := writeProject(t, small)
	res := Build(opts(dir))
	if len(res.Diags) > 0 {
		t.Fatalf("diagnostics:\n%v", res.Diags.Err())
	}
	if len(res.Artifacts) == 0 {
		t.Fatal("no artifacts")
	}
	for _, a := range res.Artifacts {
		fi, err := os.Stat(a.Path)
		if err != nil || fi.Size() != a.Bytes && a.Format != "html" {
			t.Errorf("artifact %+v: %v", a, err)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "out", "guidelines", "13c.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Commentary, section 1.1", "A Commentary 13(c), para. 2"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("guidelines page lacks %q", want)
		}
	}
	st := res.Stats[0]
	if st.Chapters != 2 || st.Footnotes != 3 || st.Citations != 2 || st.CrossRefs != 3 || st.References != 2 {
		t.Errorf("commentary stats: %+v", st)
	}
	if res.Stats[2].Entries != 1 {
		t.Errorf("digest stats: %+v", res.Stats[2])
	}
}

// wantRE reads expectations written beside the line they are about.
var wantRE = regexp.MustCompile(`<!-- want (\d+) ([a-z-]+) -->|# want (\d+) ([a-z-]+)`)

// TestDiagnosticsOneRun breaks a project in every file at once: the build
// reports every error in one run, each at its position, and writes nothing.
func TestDiagnosticsOneRun(t *testing.T) {
	broken := strings.NewReplacer(
		"[@un-a-70-174, para. 13]", "[@un-a-70-714, para. 13] <!-- want 34 unknown-citation-key -->",
		"See @sec:13c-law.", "See @sec:13c-lwa. <!-- want 101 unknown-label -->",
		"norm: 13c\n---\n\n## Scope", "norm: 13x # want 7 unknown-norm\n---\n\n## Scope",
		"topics: [dd]", "topics: [ddd] # want 10 unknown-topic",
	).Replace(small)
	dir := writeProject(t, broken)
	res := Build(opts(dir))
	want := map[string]bool{}
	for name, data := range txtar.Parse(broken) {
		for i, line := range strings.Split(data, "\n") {
			for _, m := range wantRE.FindAllStringSubmatch(line, -1) {
				col, code := m[1]+m[3], m[2]+m[4]
				want[fmt.Sprintf("chapters/%s:%d:%s %s", name, i+1, col, code)] = true
			}
		}
	}
	got := map[string]bool{}
	for _, d := range res.Diags {
		p := d.Position()
		got[fmt.Sprintf("%s:%d:%d %s", p.File, p.Line, p.Col, d.Code)] = true
	}
	for w := range want {
		if !got[w] {
			t.Errorf("missing %s", w)
		}
	}
	for g := range got {
		if !want[g] {
			t.Errorf("unexpected %s", g)
		}
	}
	if t.Failed() {
		t.Logf("diagnostics:\n%v", res.Diags.Err())
	}
	if res.OK() || len(res.Artifacts) > 0 {
		t.Errorf("a broken build wrote artifacts: %+v", res.Artifacts)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Errorf("a broken build created the output folder")
	}
}

// TestReproducible builds twice with the same SOURCE_DATE_EPOCH into two
// folders and compares every file byte for byte, in every format.
func TestReproducible(t *testing.T) {
	dir := writeProject(t, small)
	a, b := opts(dir), opts(dir)
	a.Out, b.Out = filepath.Join(dir, "out1"), filepath.Join(dir, "out2")
	for _, o := range []Options{a, b} {
		if res := Build(o); !res.OK() {
			t.Fatalf("build: %v", res.Diags.Err())
		}
	}
	compareTrees(t, a.Out, b.Out)
}

func compareTrees(t *testing.T, x, y string) {
	t.Helper()
	n := 0
	filepath.WalkDir(x, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(x, p)
		one, _ := os.ReadFile(p)
		two, err := os.ReadFile(filepath.Join(y, rel))
		if err != nil {
			t.Errorf("%s only in the first build", rel)
		} else if !bytes.Equal(one, two) {
			t.Errorf("%s differs between two builds", rel)
		}
		n++
		return nil
	})
	if n == 0 {
		t.Errorf("nothing was built")
	}
}

// TestInTextAndChapterReferences builds the small project with the
// author-date style and reference lists both per chapter and for the
// publication: narrative citations read "Schmitt (2017)", bracketed ones
// "(United Nations General Assembly 2015, para. 13)", and each list holds
// the works its scope cites.
func TestInTextAndChapterReferences(t *testing.T) {
	src := strings.NewReplacer(
		"style: chicago-notes\npublications:", "style: author-date\npublications:",
		"    references: publication\n", "",
		"    paragraph-numbers: true\n", "    paragraph-numbers: true\n    references: both\n",
	).Replace(small)
	dir := writeProject(t, src)
	o := opts(dir)
	o.Formats = []string{"html"}
	res := Build(o)
	if !res.OK() {
		t.Fatalf("build: %v", res.Diags.Err())
	}
	page, _ := os.ReadFile(filepath.Join(dir, "out", "commentary", "13c.html"))
	text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(page), "")
	for _, want := range []string{
		"(United Nations General Assembly 2015, para. 13)",
		"As Schmitt (2017) shows",
		"References",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("13c page lacks %q", want)
		}
	}
	comm := res.Site.Pubs[0]
	var lists []int
	for _, ch := range comm.Chapters {
		for _, b := range ch.Blocks {
			if rl, ok := b.(*doc.RefList); ok && rl.Entries != nil && rl.Entries[0].ID == "ref-"+rl.Entries[0].Key {
				lists = append(lists, len(rl.Entries))
			}
		}
	}
	// 13c's own list, then the publication's bibliography.
	if len(lists) != 2 || lists[0] != 2 || lists[1] != 2 {
		t.Errorf("reference lists: %v", lists)
	}
}

// TestStaleOutputRemoved: a renamed chapter's old page disappears on the
// next full build; files the build never wrote stay.
func TestStaleOutputRemoved(t *testing.T) {
	dir := writeProject(t, small)
	o := opts(dir)
	if res := Build(o); !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	mine := filepath.Join(o.Out, "README.txt")
	os.WriteFile(mine, []byte("a reader's note"), 0o644)
	old := filepath.Join(o.Out, "guidelines", "13c.html")
	if _, err := os.Stat(old); err != nil {
		t.Fatal(err)
	}
	os.Rename(filepath.Join(dir, "chapters", "g", "13c.md"), filepath.Join(dir, "chapters", "g", "g13c.md"))
	man := filepath.Join(dir, "chapters", "normpress.yaml")
	data, _ := os.ReadFile(man)
	os.WriteFile(man, bytes.Replace(data, []byte("g/13c.md"), []byte("g/g13c.md"), 1), 0o644)
	if res := Build(o); !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	if _, err := os.Stat(old); err == nil {
		t.Errorf("the renamed chapter's old page is still there")
	}
	if _, err := os.Stat(filepath.Join(o.Out, "guidelines", "g13c.html")); err != nil {
		t.Errorf("the new page is missing")
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file the build never wrote was removed")
	}
}

// TestLandingOffersEveryEdition: the landing and contents pages link every
// PDF and EPUB in the output folder, whichever formats a build made, and
// none that is not there.
func TestLandingOffersEveryEdition(t *testing.T) {
	dir := writeProject(t, small)
	o := opts(dir)
	links := func() (landing, contents string) {
		t.Helper()
		a, err := os.ReadFile(filepath.Join(o.Out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(o.Out, "commentary", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(a), string(b)
	}
	build := func(formats ...string) {
		t.Helper()
		o.Formats = formats
		if res := Build(o); !res.OK() {
			t.Fatal(res.Diags.Err())
		}
	}
	hrefs := func(page, prefix string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`href="([^"]+\.(?:pdf|epub))"`).FindAllStringSubmatch(page, -1) {
			out = append(out, strings.TrimPrefix(m[1], prefix))
		}
		return out
	}
	want := func(what string, got []string, want ...string) {
		t.Helper()
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: download links %q, want %q", what, got, want)
		}
	}

	build("html") // nothing but HTML: no download links
	l, c := links()
	want("html only, landing", hrefs(l, ""))
	want("html only, contents", hrefs(c, "../"))

	build("epub", "html")
	l, c = links()
	want("epub+html, landing", hrefs(l, ""), "commentary.epub", "guidelines.epub", "digest.epub")

	build("pdf")
	build("html") // the case: the PDF and EPUB are still there
	l, c = links()
	all := []string{"commentary.pdf", "commentary.epub", "guidelines.pdf", "guidelines.epub", "digest.pdf", "digest.epub"}
	want("html after pdf and epub, landing", hrefs(l, ""), all...)
	want("html after pdf and epub, contents", hrefs(c, "../"), "commentary.pdf", "commentary.epub")
	fi, err := os.Stat(filepath.Join(o.Out, "commentary.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(l, ">PDF</span> <span class=\"size\">"+site.HumanSize(fi.Size())) {
		t.Errorf("the landing page does not give the PDF's size on disk (%d bytes)", fi.Size())
	}

	os.Remove(filepath.Join(o.Out, "guidelines.epub"))
	build("html")
	l, _ = links()
	want("html after an EPUB was removed", hrefs(l, ""), "commentary.pdf", "commentary.epub", "guidelines.pdf", "digest.pdf", "digest.epub")
}
