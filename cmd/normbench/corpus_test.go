package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// unpack writes a txtar archive ("-- name --" lines introduce files) into a
// new folder. (build/internal/txtar is out of reach from cmd/.)
func unpack(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	var name string
	var b strings.Builder
	flush := func() {
		if name == "" {
			return
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		b.Reset()
	}
	for line := range strings.Lines(archive) {
		if s := strings.TrimRight(line, "\n"); strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
			flush()
			name = s[3 : len(s)-3]
			continue
		}
		if name != "" {
			b.WriteString(line)
		}
	}
	flush()
	return dir
}

func tiny(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/tiny.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return unpack(t, string(b))
}

// The test finds labels with its own patterns rather than the generator's
// scanner, so that a shared mistake cannot hide.
var (
	defRE = regexp.MustCompile(`\{#((?:sec|fig|tbl|para):[A-Za-z0-9_-]+)`)
	refRE = regexp.MustCompile(`@\{?([SsFfTtPp](?:ec|ig|bl|ara):[A-Za-z0-9_-]*[A-Za-z0-9_])`)
)

// labels reads every Markdown file under dir: how often each label is
// defined, and every reference (lower-cased) with the file it is in.
func labels(t *testing.T, dir string) (defs map[string]int, refs map[string][]string) {
	t.Helper()
	defs, refs = map[string]int{}, map[string][]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range defRE.FindAllSubmatch(b, -1) {
			defs[string(m[1])]++
		}
		for _, m := range refRE.FindAllSubmatch(b, -1) {
			r := strings.ToLower(string(m[1][:1])) + string(m[1][1:])
			refs[r] = append(refs[r], filepath.Base(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return defs, refs
}

func TestGenerateKeepsReferencesDefined(t *testing.T) {
	src := tiny(t)
	dst := filepath.Join(t.TempDir(), "corpus")
	c, err := Generate(src, dst, 3)
	if err != nil {
		t.Fatal(err)
	}
	if c.Chapters != 4*3 {
		t.Errorf("Chapters = %d, want 12", c.Chapters)
	}

	srcDefs, srcRefs := labels(t, src)
	var dangling []string // references the example itself leaves unresolved
	for r := range srcRefs {
		if srcDefs[r] == 0 {
			dangling = append(dangling, r)
		}
	}
	slices.Sort(dangling)
	if want := []string{"sec:a-scope-two", "sec:nowhere"}; !slices.Equal(dangling, want) {
		t.Fatalf("fixture: unresolved references %v, want %v", dangling, want)
	}

	defs, refs := labels(t, dst)
	for l, n := range defs {
		if n != 1 {
			t.Errorf("label %s defined %d times", l, n)
		}
	}
	if len(defs) != 3*len(srcDefs) {
		t.Errorf("%d labels, want 3 × %d", len(defs), len(srcDefs))
	}
	for r, files := range refs {
		if defs[r] == 0 && !slices.Contains(dangling, r) {
			t.Errorf("reference @%s in %v has no definition", r, files)
		}
	}
	// Each copy points into itself, the guidelines into the same copy of the
	// commentary; references nothing defines are left alone.
	for file, want := range map[string][]string{
		"commentary/foreword-x2.md": {"@sec:a-scope-x2", "@Sec:b-intro-x2"},
		"commentary/13a-x3.md":      {"{#sec:a-scope-x3}", "{#para:a-first-x3}", "{#fig:a-fig-x3}", "{#tbl:a-table-x3}", "[@fig:a-fig-x3; @tbl:a-table-x3]", "@{sec:b-intro-x3}", "@sec:nowhere.", "@smith20 and [@smith20, p. 3]", "@norm:13a.", "someone@example.org"},
		"commentary/13b-x2.md":      {"{#sec:b-intro-x2 .unnumbered}", "abstract: Points to @sec:a-scope-x2.", "@sec:a-scope-two."},
		"guidelines/13a-x3.md":      {"@para:a-first-x3", "@Sec:a-scope-x3", "@Fig:a-fig-x3", "@sec:g-a-x3."},
		"commentary/13a.md":         {"{#sec:a-scope}", "@para:a-first,"},
	} {
		b, err := os.ReadFile(filepath.Join(dst, file))
		if err != nil {
			t.Error(err)
			continue
		}
		for _, w := range want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s lacks %q:\n%s", file, w, b)
			}
		}
	}
}

func TestGenerateFrontMatter(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "corpus")
	if _, err := Generate(tiny(t), dst, 2); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file           string
		want, unwanted []string
	}{
		{"commentary/13a.md", []string{"norm: 13a\n", "id: 13a\n"}, nil},
		{"commentary/13a-x2.md", []string{"id: 13a-x2\n", "authors: [WG]\n", `title: "Norm 13(a)"`}, []string{"norm:"}},
		{"commentary/13b-x2.md", []string{"abstract:"}, []string{"norm:", "- 13b"}},
		{"guidelines/13a-x2.md", []string{"title: Guidelines 13(a)\n"}, []string{"norm:"}},
	} {
		b, err := os.ReadFile(filepath.Join(dst, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		fm, _ := splitFrontMatter(b)
		if fm == nil {
			t.Errorf("%s: no front matter", tc.file)
		}
		for _, w := range tc.want {
			if !bytes.Contains(fm, []byte(w)) {
				t.Errorf("%s: front matter lacks %q:\n%s", tc.file, w, fm)
			}
		}
		for _, u := range tc.unwanted {
			if bytes.Contains(fm, []byte(u)) {
				t.Errorf("%s: front matter still has %q:\n%s", tc.file, u, fm)
			}
		}
	}
}

// The manifest lists every chapter file exactly once, copies after the
// originals, parts copied as parts, generated chapters not repeated.
func TestGenerateManifest(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "corpus")
	c, err := Generate(tiny(t), dst, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dst, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Publications []struct {
			ID    string `yaml:"id"`
			Front []any  `yaml:"front"`
			Body  []any  `yaml:"body"`
			Back  []any  `yaml:"back"`
		} `yaml:"publications"`
	}
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range m.Publications {
		for _, list := range [][]any{p.Front, p.Body, p.Back} {
			for _, e := range list {
				switch e := e.(type) {
				case string:
					got[p.ID] = append(got[p.ID], e)
				case map[string]any:
					if part, ok := e["part"].(string); ok {
						got[p.ID] = append(got[p.ID], "part "+part)
					}
					if chs, ok := e["chapters"].([]any); ok {
						for _, ch := range chs {
							got[p.ID] = append(got[p.ID], ch.(string))
						}
					}
					if g, ok := e["generate"].(string); ok {
						got[p.ID] = append(got[p.ID], "generate "+g)
					}
				}
			}
		}
	}
	want := map[string][]string{
		"commentary": {
			"commentary/foreword.md", "commentary/foreword-x2.md", "commentary/foreword-x3.md",
			"part Part I: One", "commentary/13a.md", "commentary/13b.md",
			"part Part I: One (copy 2)", "commentary/13a-x2.md", "commentary/13b-x2.md",
			"part Part I: One (copy 3)", "commentary/13a-x3.md", "commentary/13b-x3.md",
			"generate bibliography",
		},
		"guidelines": {"guidelines/13a.md", "guidelines/13a-x2.md", "guidelines/13a-x3.md"},
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("%s lists\n%q\nwant\n%q", id, got[id], w)
		}
	}
	// Pandoc reads the chapters in the manifest's order.
	for _, p := range c.Pubs {
		var files []string
		for _, f := range want[p.ID] {
			if strings.HasSuffix(f, ".md") {
				files = append(files, f)
			}
		}
		if !slices.Equal(p.Chapters, files) {
			t.Errorf("Corpus.Pubs[%s].Chapters = %q, want %q", p.ID, p.Chapters, files)
		}
	}
}

// Same scale, same bytes; scale 1 is the example as it is.
func TestGenerateDeterministic(t *testing.T) {
	src := tiny(t)
	read := func(dir string) map[string]string {
		files := map[string]string{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(dir, p)
				files[rel] = string(b)
			}
			return err
		})
		return files
	}
	a, b, one := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b"), filepath.Join(t.TempDir(), "one")
	for _, d := range []string{a, b} {
		if _, err := Generate(src, d, 4); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb := read(a), read(b)
	if len(fa) == 0 || len(fa) != len(fb) {
		t.Fatalf("%d files and %d files", len(fa), len(fb))
	}
	for name, data := range fa {
		if fb[name] != data {
			t.Errorf("%s differs between two generations", name)
		}
	}
	if _, err := Generate(src, one, 1); err != nil {
		t.Fatal(err)
	}
	fs, fo := read(src), read(one)
	for name, data := range fs {
		if fo[name] != data {
			t.Errorf("scale 1: %s changed", name)
		}
	}
	if len(fs) != len(fo) {
		t.Errorf("scale 1: %d files, the source has %d", len(fo), len(fs))
	}
}

func TestGenerateRefusesTakenNames(t *testing.T) {
	src := tiny(t)
	if err := os.WriteFile(filepath.Join(src, "commentary", "13a-x2.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(src, filepath.Join(t.TempDir(), "c"), 2); err == nil || !strings.Contains(err.Error(), "13a-x2.md") {
		t.Errorf("err = %v, want one naming 13a-x2.md", err)
	}
}

func TestRewriteLabels(t *testing.T) {
	defined := map[string]bool{"sec:a": true, "para:b": true, "fig:c": true, "tbl:d": true}
	for _, tc := range []struct{ name, in, want string }{
		{"heading", "## A {#sec:a}", "## A {#sec:a-x2}"},
		{"heading with class", "## A {#sec:a .unnumbered}", "## A {#sec:a-x2 .unnumbered}"},
		{"paragraph label", "Text. {#para:b}", "Text. {#para:b-x2}"},
		{"figure", "![c](x.png){#fig:c}", "![c](x.png){#fig:c-x2}"},
		{"table caption", ": Caption {#tbl:d}", ": Caption {#tbl:d-x2}"},
		{"narrative before a full stop", "see @sec:a.", "see @sec:a-x2."},
		{"capital", "@Sec:a says", "@Sec:a-x2 says"},
		{"braced", "@{sec:a}", "@{sec:a-x2}"},
		{"bracket", "[@fig:c; @tbl:d, p. 2]", "[@fig:c-x2; @tbl:d-x2, p. 2]"},
		{"norm", "@norm:13c", "@norm:13c"},
		{"citation", "[@smith20, p. 3]", "[@smith20, p. 3]"},
		{"undefined", "@sec:zz", "@sec:zz"},
		{"longer name", "@sec:ab and @sec:a-b", "@sec:ab and @sec:a-b"},
		{"e-mail", "mail@sec:a", "mail@sec:a"},
		{"escaped", `\@sec:a`, `\@sec:a`},
		{"non-ASCII around", "« @sec:a »", "« @sec:a-x2 »"},
		{"in parentheses", "(@sec:a)", "(@sec:a-x2)"},
		{"at the end", "@", "@"},
		{"brace at the end", "{#", "{#"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(rewriteLabels([]byte(tc.in), "-x2", defined)); got != tc.want {
				t.Errorf("rewriteLabels(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct{ name, in, fm, body string }{
		{"plain", "---\ntitle: A\n---\nBody\n", "title: A\n", "Body\n"},
		{"dots", "---\ntitle: A\n...\nBody", "title: A\n", "Body"},
		{"crlf", "---\r\ntitle: A\r\n---\r\nBody", "title: A\r\n", "Body"},
		{"none", "Body\n---\n", "", "Body\n---\n"},
		{"unclosed", "---\ntitle: A\n", "", "---\ntitle: A\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fm, body := splitFrontMatter([]byte(tc.in))
			if string(fm) != tc.fm || string(body) != tc.body {
				t.Errorf("got %q, %q; want %q, %q", fm, body, tc.fm, tc.body)
			}
		})
	}
}

// FuzzCopyChapter: any chapter text can be copied without a panic, a label
// set that names nothing changes nothing, and every label the text defines
// comes out defined with the suffix.
func FuzzCopyChapter(f *testing.F) {
	for _, s := range []string{"---\nnorm: 13a\nid: x\n---\n## A {#sec:a}\n@sec:a", "{#", "@", "@{", "@{sec:a", "---\n", "x@sec:a"} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("testdata/tiny.txtar"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if got := rewriteLabels(in, "-x2", nil); !bytes.Equal(got, in) {
			t.Fatalf("no labels defined, yet %q became %q", in, got)
		}
		defined := map[string]bool{}
		defineLabels(in, defined)
		out := copyChapter(in, "-x2", defined)
		after := map[string]bool{}
		defineLabels(out, after)
		for l := range defined {
			if _, body := splitFrontMatter(in); bytes.Contains(body, []byte("{#"+l)) && !after[l+"-x2"] {
				t.Fatalf("label %s lost its copy in %q", l, out)
			}
		}
	})
}
