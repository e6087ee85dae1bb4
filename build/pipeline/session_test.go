package pipeline

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// copyExample copies the example project into a temporary folder that
// the tests may edit.
func copyExample(t testing.TB) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "chapters")
	err := filepath.WalkDir(exampleDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(exampleDir, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func sessionOptions(dir string) Options {
	return Options{Dir: dir, Prefix: "chapters/", Formats: []string{"html"}, Memory: true, Epoch: 1767225600, Version: "test"}
}

func edit(t testing.TB, dir, name string, f func(string) string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	out := f(string(data))
	if out == string(data) {
		t.Fatalf("the edit of %s changed nothing", name)
	}
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

func replaceOnce(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// TestSessionRendersOnlyChangedPages: a save that changes one paragraph
// of one chapter parses that file only and renders the pages whose inputs
// changed: that chapter's, and the commentary's "Changes in this edition",
// which compares every paragraph with the released first edition; every
// other page is the one kept. The files that differ are listed for the
// browser. A bibliography change parses
// only the bibliography, and renders the pages whose citations read
// differently.
func TestSessionRendersOnlyChangedPages(t *testing.T) {
	dir := copyExample(t)
	s := NewSession(sessionOptions(dir))
	first := s.Build()
	if !first.OK() {
		t.Fatal(first.Diags.Err())
	}
	chapterPages := 0
	for _, p := range first.Site.Pubs {
		chapterPages += len(p.Chapters)
	}
	if len(first.Rendered) != chapterPages || len(first.Changed) != len(first.Files) {
		t.Fatalf("first build rendered %d of %d chapter pages, changed %d of %d files", len(first.Rendered), chapterPages, len(first.Changed), len(first.Files))
	}

	if changed, err := s.Finish(first); !changed || err != nil || first.Files["assets/search-index.js"] == nil {
		t.Fatalf("the first build's search index: changed %v, %v", changed, err)
	}

	// Nothing changed: nothing parsed, rendered or changed.
	u := s.Build()
	if u.Parsed != 0 || len(u.Rendered) != 0 || len(u.Changed) != 0 {
		t.Errorf("a build without an edit parsed %d, rendered %v, changed %v", u.Parsed, u.Rendered, u.Changed)
	}
	if changed, _ := s.Finish(u); changed {
		t.Errorf("the search index changed without an edit")
	}

	edit(t, dir, "commentary/13c.md", replaceOnce("is the key to the norm", "is the key to this norm"))
	u = s.Build()
	if !u.OK() {
		t.Fatal(u.Diags.Err())
	}
	if u.Parsed != 1 {
		t.Errorf("parsed %d files for an edit of one", u.Parsed)
	}
	if want := []string{"commentary/changes", "commentary/13c"}; !slices.Equal(u.Rendered, want) {
		t.Errorf("rendered %v, want %v", u.Rendered, want)
	}
	// The paragraph register follows each paragraph's text; the search
	// index, made after the pages, every word.
	if want := []string{"commentary/13c.html", "commentary/changes.html", "commentary/paragraphs.json"}; !slices.Equal(u.Changed, want) {
		t.Errorf("changed %v, want %v", u.Changed, want)
	}
	if changed, _ := s.Finish(u); !changed {
		t.Errorf("the search index did not change with the text")
	}
	if !bytes.Contains(u.Files["commentary/13c.html"], []byte("is the key to this norm")) {
		t.Errorf("the page does not show the edit")
	}

	// A bibliography entry: only that file is parsed again.
	edit(t, dir, "bib/references.bib", func(s string) string {
		return regexp.MustCompile(`(?m)^(\s*title\s*=\s*\{)`).ReplaceAllString(s, "${1}Revised: ")
	})
	u = s.Build()
	if !u.OK() {
		t.Fatal(u.Diags.Err())
	}
	if u.Parsed != 1 {
		t.Errorf("parsed %d files for a bibliography edit", u.Parsed)
	}
	if len(u.Rendered) == 0 || len(u.Rendered) == chapterPages {
		t.Errorf("a bibliography edit rendered %d of %d pages", len(u.Rendered), chapterPages)
	}
	sameAsClean(t, dir, s, u)
}

// sameAsClean compares a session build with a clean build of the same
// sources: the same files, byte for byte, and the same diagnostics.
func sameAsClean(t *testing.T, dir string, s *Session, u *Update) {
	t.Helper()
	if _, err := s.Finish(u); err != nil {
		t.Fatal(err)
	}
	clean := Build(sessionOptions(dir))
	if got, want := diagLines(u.Result), diagLines(clean); !slices.Equal(got, want) {
		t.Errorf("diagnostics differ:\nincremental %q\nclean       %q", got, want)
	}
	if u.OK() != clean.OK() {
		t.Fatalf("incremental OK=%v, clean OK=%v", u.OK(), clean.OK())
	}
	for name, data := range clean.Files {
		if got, ok := u.Files[name]; !ok {
			t.Errorf("%s missing from the incremental build", name)
		} else if !bytes.Equal(got, data) {
			t.Errorf("%s differs from the clean build's", name)
		}
	}
	for name := range u.Files {
		if _, ok := clean.Files[name]; !ok {
			t.Errorf("%s only in the incremental build", name)
		}
	}
}

// TestSessionMatchesCleanBuild makes random series of edits of the kinds
// an author makes (a footnote added, a label renamed, a citation added,
// the bibliography or the manifest changed, a file broken and repaired)
// and checks after each that the incremental build is byte for byte the
// clean build.
func TestSessionMatchesCleanBuild(t *testing.T) {
	steps := 8
	if testing.Short() {
		steps = 4
	}
	chapters := []string{"commentary/13a.md", "commentary/13c.md", "commentary/introduction.md", "guidelines/13b.md"}
	n := 0
	edits := []struct {
		name string
		do   func(t *testing.T, dir string, r *rand.Rand) (undo func())
	}{
		{"add a footnote", func(t *testing.T, dir string, r *rand.Rand) func() {
			n++
			ch := chapters[r.IntN(len(chapters))]
			edit(t, dir, ch, func(s string) string {
				return s + "\nAn added paragraph with a note.[^added-" + itoa(n) + "]\n\n[^added-" + itoa(n) + "]: The added note " + itoa(n) + ".\n"
			})
			return nil
		}},
		{"rename a label", func(t *testing.T, dir string, r *rand.Rand) func() {
			n++
			label := []string{"sec:13c-scope", "sec:13c-legal-basis", "para:13c-corfu", "para:13c-feasibility"}[r.IntN(4)]
			re := regexp.MustCompile(regexp.QuoteMeta(label) + `\b([^-]|$)`)
			renamed := label + "-r" + itoa(n)
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
					return err
				}
				data, _ := os.ReadFile(p)
				if out := re.ReplaceAll(data, []byte(renamed+"$1")); !bytes.Equal(out, data) {
					os.WriteFile(p, out, 0o644)
				}
				return nil
			})
			return nil
		}},
		{"add a citation", func(t *testing.T, dir string, r *rand.Rand) func() {
			ch := chapters[r.IntN(len(chapters))]
			key := []string{"tallinn-2-0", "un-a-76-135", "delerue-2020", "schmitt-2015-due-diligence"}[r.IntN(4)]
			edit(t, dir, ch, func(s string) string { return s + "\nThe point is made again [@" + key + ", 12].\n" })
			return nil
		}},
		{"change the bibliography", func(t *testing.T, dir string, r *rand.Rand) func() {
			n++
			edit(t, dir, "bib/references.bib", func(s string) string {
				return strings.Replace(s, "title = {", "title = {Edit "+itoa(n)+" of ", 1+r.IntN(5))
			})
			return nil
		}},
		{"change the manifest", func(t *testing.T, dir string, r *rand.Rand) func() {
			n++
			edit(t, dir, "normpress.yaml", func(s string) string {
				return strings.Replace(s, "title: Cyber Norms Commentary Project", "title: Cyber Norms Commentary Project "+itoa(n), 1)
			})
			return func() {
				edit(t, dir, "normpress.yaml", func(s string) string {
					return strings.Replace(s, "title: Cyber Norms Commentary Project "+itoa(n), "title: Cyber Norms Commentary Project", 1)
				})
			}
		}},
		{"break and repair a file", func(t *testing.T, dir string, r *rand.Rand) func() {
			ch := chapters[r.IntN(len(chapters))]
			p := filepath.Join(dir, filepath.FromSlash(ch))
			before, _ := os.ReadFile(p)
			broken := []string{"\nSee @sec:nowhere.\n", "\n[^dangling]\n", "\n---\ntitle: [unclosed\n"}[r.IntN(3)]
			os.WriteFile(p, append(append([]byte{}, before...), broken...), 0o644)
			return func() { os.WriteFile(p, before, 0o644) }
		}},
	}
	for seed := range uint64(2) {
		dir := copyExample(t)
		r := rand.New(rand.NewPCG(seed, 16))
		s := NewSession(sessionOptions(dir))
		if u := s.Build(); !u.OK() {
			t.Fatal(u.Diags.Err())
		}
		for i := range steps {
			e := edits[r.IntN(len(edits))]
			if i == 0 {
				e = edits[int(seed)*3%len(edits)]
			}
			undo := e.do(t, dir, r)
			u := s.Build()
			t.Logf("seed %d step %d: %s: parsed %d, rendered %d pages, %d files changed, ok=%v", seed, i, e.name, u.Parsed, len(u.Rendered), len(u.Changed), u.OK())
			sameAsClean(t, dir, s, u)
			if undo != nil {
				undo()
				u = s.Build()
				t.Logf("seed %d step %d: undone: parsed %d, rendered %d pages, ok=%v", seed, i, u.Parsed, len(u.Rendered), u.OK())
				sameAsClean(t, dir, s, u)
			}
			if t.Failed() {
				t.FailNow()
			}
		}
	}
}

// BenchmarkSessionEdit is serve's rebuild without the server: one
// chapter edited, the project built again by the session (parse of that
// file, resolve, the pages whose inputs changed). NORMPRESS_BENCH_PROJECT
// names another project (a normbench corpus); its commentary/13c.md is
// edited.
func BenchmarkSessionEdit(b *testing.B) {
	src := exampleDir
	if d := os.Getenv("NORMPRESS_BENCH_PROJECT"); d != "" {
		src = d
	}
	dir := filepath.Join(b.TempDir(), "chapters")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	s := NewSession(sessionOptions(dir))
	if u := s.Build(); !u.OK() {
		b.Fatal(u.Diags.Err())
	}
	name := filepath.Join(dir, "commentary", "13c.md")
	orig, _ := os.ReadFile(name)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		os.WriteFile(name, bytes.Replace(orig, []byte("is the key to the norm"), []byte("is the key to the norm "+itoa(i)), 1), 0o644)
		if u := s.Build(); !u.OK() || len(u.Rendered) > 3 {
			b.Fatalf("ok=%v, rendered %v", u.OK(), u.Rendered)
		}
	}
}
