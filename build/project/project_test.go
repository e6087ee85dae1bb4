package project

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/normpress/normpress/build/internal/txtar"
	"github.com/normpress/normpress/build/source"
)

const goodProject = `
-- normpress.yaml --
title: Test project
lang: en-GB
norms: norms.yaml
bibliography: [refs.json]
style: chicago-notes
publications:
  - id: commentary
    title: A Commentary
    date: 2026-11-01
    editors: [The Editors]
    paragraph-numbers: true
    references: publication
    pdf: {page-size: royal, page-refs: true}
    front: [front/foreword.md]
    body:
      - part: Part I
        chapters: [c/13a.md]
      - c/13c.md
    back:
      - generate: bibliography
        title: Bibliography
  - id: digest
    title: Digest
    digest:
      year: 2025
      entries: digest
      topics:
        - {id: due-diligence, title: Due diligence}
    body:
      - generate: digest
-- norms.yaml --
source: un-a-70-174
norms:
  - id: 13a
    title: Cooperation
    text: >-
      Consistent with the purposes of the United Nations, States should cooperate;
  - id: 13c
    title: Territory
    text: States should not knowingly allow their territory to be used;
-- refs.json --
[]
-- front/foreword.md --
# Foreword
-- c/13a.md --
text
-- c/13c.md --
text
-- digest/b.yaml --
key: b
topics: [due-diligence]
summary: |
  A summary with *emphasis*.
-- digest/a.yaml --
- key: a1
  topics: [due-diligence]
  norms: [13c]
  summary: One.
- key: a2
  topics: [due-diligence]
  summary: "Two."
`

func TestLoadGood(t *testing.T) {
	p, ds := LoadFS(txtar.FS(goodProject), Options{Prefix: "chapters/"})
	if len(ds) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", ds.Err())
	}
	m := p.Manifest
	if m.Title.Value != "Test project" || len(m.Pubs) != 2 {
		t.Fatalf("manifest: %+v", m)
	}
	c := m.Pubs[0]
	if !c.ParagraphNumbers || c.PageSize.Value != "royal" || !c.PageRefs || c.References.Value != "publication" {
		t.Errorf("options not decoded: %+v", c)
	}
	if len(c.Body) != 2 || c.Body[0].Part.Value != "Part I" || c.Body[1].Chapter.Value != "c/13c.md" {
		t.Errorf("body: %+v", c.Body)
	}
	if got := slices.Sorted(keys(p.Chapters)); !slices.Equal(got, []string{"c/13a.md", "c/13c.md", "front/foreword.md"}) {
		t.Errorf("chapters read: %v", got)
	}
	if p.Chapters["c/13a.md"].Name != "chapters/c/13a.md" {
		t.Errorf("file name %q lacks the prefix", p.Chapters["c/13a.md"].Name)
	}
	n := p.Registry.ByID["13a"]
	if n == nil || n.Label != "13(a)" || n.Source != "un-a-70-174" ||
		n.Text != "Consistent with the purposes of the United Nations, States should cooperate;" {
		t.Errorf("norm 13a: %+v", n)
	}
	recs := p.Records["digest"]
	var got []string
	for _, r := range recs {
		got = append(got, r.Key.Value)
	}
	if !slices.Equal(got, []string{"a1", "a2", "b"}) {
		t.Errorf("records in file order: %v", got)
	}
	b := recs[2]
	if b.Summary.Value != "A summary with *emphasis*.\n" || b.Summary.Indent != 2 {
		t.Errorf("block scalar: %+v", b.Summary)
	}
	if pos := b.Summary.Span.File.Position(b.Summary.Start + b.Summary.Indent); pos.Line != 4 || pos.Col != 3 {
		t.Errorf("summary text starts at %v, want line 4 col 3", pos)
	}
}

func keys[M ~map[string]V, V any](m M) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// wantRE reads an expectation written beside the line it is about, as
// Typst's test annotations are: "# want COL CODE".
var wantRE = regexp.MustCompile(`#\s*want (\d+) ([a-z-]+)`)

// TestDiagnostics checks every diagnostic kind at its exact position. Each
// case's files carry "# want COL CODE" on the line the diagnostic is about.
func TestDiagnostics(t *testing.T) {
	for _, tc := range []struct{ name, files string }{
		{"manifest", `
-- normpress.yaml --
titel: X # want 1 unknown-key # want 1 missing-key
norms: norms.yaml
bibliography: refs.txt # want 15 bad-bibliography
publications:
  - id: Commentary # want 9 bad-id
    title: [a, b] # want 12 yaml-type
    date: 1 Nov 2026 # want 11 bad-date
    references: everywhere # want 17 yaml-value
    paragraph-numbers: yes please # want 24 yaml-type
    body:
      - missing.md # want 9 missing-file
      - ../../etc/passwd # want 9 bad-path
      - /etc/passwd # want 9 bad-path
      - part: P
        chapters: [a.md, a.md] # want 26 duplicate-chapter
    back:
      - generate: glossary # want 19 yaml-value
      - generate: index
    index:
      - due diligence
      - Due Diligence # want 9 duplicate-key
      - {term: sovereignty, find: [sovereign], see-also: [due diligence]}
      - {find: [x]} # want 9 missing-key
      - {term: a, sea: b} # want 19 unknown-key
      - [a] # want 9 yaml-type
      - "!" # want 9 bad-index-term
  - id: digest # want 5 missing-key
    digest:
      year: twenty # want 13 yaml-type
      entries: d
      topics:
        - {id: x, title: X}
        - {id: x, title: Y} # want 16 duplicate-id
  - id: digest # want 9 duplicate-id
    title: Again
-- norms.yaml --
norms:
  - id: 13a
    title: T
    text: X
  - id: 13a # want 9 duplicate-id
    title: T
    text: X
  - id: c13 # want 9 bad-id
    title: T
    text: X
  - id: 13d # want 5 missing-key
    title: T
-- a.md --
x
-- d/r.yaml --
key: r # want 1 missing-key
topics: [x]
summery: x # want 1 unknown-key
`},
		{"translations", `
-- normpress.yaml --
title: X
lang: en-GB
publications:
  - id: guide
    title: Guide
  - id: guide-fr
    title: Guide
    lang: fr-FR
    translation-of: guide
  - id: guide-de
    title: Leitfaden
    lang: de
    translation-of: guide-fr # want 21 translation-of-translation
  - id: guide-es
    title: Guía
    lang: es
    translation-of: guid # want 21 unknown-publication
  - id: guide-us
    title: Guide
    lang: en-US
    translation-of: guide # want 21 translation-same-lang
  - id: guide-gb
    title: Guide
    translation-of: guide # want 21 translation-same-lang
  - id: self
    title: Self
    lang: nl
    translation-of: self # want 21 translation-of-translation
  - id: guide-zh
    title: Guide
    lang: zh-Hant
    translation-of: guide-hans
  - id: guide-hans
    title: Guide
    lang: zh-Hans
`},
		{"yaml syntax", `
-- normpress.yaml --
title: X
publications:
  - id: a
   title: bad indent # want 4 yaml-syntax
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := txtar.Parse(tc.files)
			_, ds := LoadFS(txtar.FS(tc.files), Options{})
			want := map[string]bool{}
			for name, data := range files {
				for i, line := range strings.Split(data, "\n") {
					for _, m := range wantRE.FindAllStringSubmatch(line, -1) {
						want[fmt.Sprintf("%s:%d:%s %s", name, i+1, m[1], m[2])] = true
					}
				}
			}
			got := map[string]bool{}
			for _, d := range ds {
				p := d.Position()
				got[fmt.Sprintf("%s:%d:%d %s", p.File, p.Line, p.Col, d.Code)] = true
			}
			for w := range want {
				if !got[w] {
					t.Errorf("missing diagnostic %s", w)
				}
			}
			for g := range got {
				if !want[g] {
					t.Errorf("unexpected diagnostic %s", g)
				}
			}
			if t.Failed() {
				t.Logf("all diagnostics:\n%v", strings.Join(diagStrings(ds), "\n"))
			}
		})
	}
}

func diagStrings(ds source.Diags) []string {
	var out []string
	for _, d := range ds.Sort() {
		out = append(out, d.String()+" ["+d.Code+"]")
	}
	return out
}

func TestCleanPath(t *testing.T) {
	for _, tc := range []struct{ dir, in, want string }{
		{"commentary", "../images/a.png", "images/a.png"},
		{"", "./a/../b.md", "b.md"},
		{"commentary", "../../etc/passwd", ""},
		{"", "/etc/passwd", ""},
		{"", "..", ""},
		{"", `a\b.md`, ""},
	} {
		got, err := CleanPath(tc.dir, tc.in)
		if (err != nil) != (tc.want == "") || got != tc.want {
			t.Errorf("CleanPath(%q, %q) = %q, %v; want %q", tc.dir, tc.in, got, err, tc.want)
		}
	}
}

// TestSymlinkOut checks that a symbolic link leading out of the project is
// refused on a real file system, and reported at the manifest entry.
func TestSymlinkOut(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "secret.md")
	proj := filepath.Join(dir, "proj")
	must(t, os.WriteFile(outside, []byte("secret"), 0o644))
	must(t, os.MkdirAll(proj, 0o755))
	must(t, os.Symlink(outside, filepath.Join(proj, "link.md")))
	must(t, os.WriteFile(filepath.Join(proj, ManifestName), []byte("title: T\npublications:\n  - id: a\n    title: A\n    body: [link.md]\n"), 0o644))
	p, ds := Load(proj, Options{Prefix: "chapters/"})
	if len(ds) != 1 || ds[0].Code != "bad-path" || ds[0].Position().String() != "chapters/normpress.yaml:5:12" {
		t.Fatalf("want one bad-path error at chapters/normpress.yaml:5:12, got:\n%v", strings.Join(diagStrings(ds), "\n"))
	}
	if len(p.Chapters) != 0 {
		t.Errorf("the linked file was read")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestNonRegularFiles: a named pipe where a chapter or a digest record
// should be is reported, not opened (opening it waited for ever).
func TestNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "d"), 0o755))
	for _, name := range []string{"pipe.md", "d/pipe.yaml"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must(t, os.Mkdir(filepath.Join(dir, "folder.md"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, ManifestName), []byte("title: T\npublications:\n  - id: a\n    title: A\n    body: [pipe.md, folder.md]\n    digest:\n      year: 2025\n      entries: d\n"), 0o644))
	_, ds := Load(dir, Options{Prefix: "chapters/"})
	got := strings.Join(diagStrings(ds), "\n")
	for _, want := range []string{
		"chapters/normpress.yaml:5:12: error: cannot read chapters/pipe.md: it is a named pipe, not a regular file",
		"chapters/normpress.yaml:5:21: error: cannot read chapters/folder.md: it is a folder, not a file",
		"chapters/normpress.yaml:8:16: error: cannot read chapters/d/pipe.yaml: it is a named pipe, not a regular file",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
}

// TestManifestNotUTF8: a manifest saved as Latin-1 is reported at its first
// bad byte, not at 1:1.
func TestManifestNotUTF8(t *testing.T) {
	files := "-- normpress.yaml --\ntitle: X\ndescription: caf\xe9 au lait\n"
	_, ds := LoadFS(txtar.FS(files), Options{})
	var got []string
	for _, d := range ds {
		got = append(got, d.Position().String()+" "+d.Code)
	}
	if len(got) != 1 || got[0] != "normpress.yaml:2:17 yaml-syntax" {
		t.Errorf("got %q, want [normpress.yaml:2:17 yaml-syntax]", got)
	}
}
