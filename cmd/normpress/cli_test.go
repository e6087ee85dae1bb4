package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs the command line in a folder with a fixed environment.
func runIn(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errOut bytes.Buffer
	code := run(append([]string{"normpress"}, args...), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

var epoch = map[string]string{"SOURCE_DATE_EPOCH": "1767225600"}

// TestNewProjectBuilds is a new user's first minutes: scaffold a project,
// build it, break it, read the error.
func TestNewProjectBuilds(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runIn(t, dir, epoch, "new", "project", "."); code != 0 {
		t.Fatalf("new project: exit %d\n%s", code, errOut)
	}
	code, out, errOut := runIn(t, dir, epoch, "build")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"out/index.html", "out/commentary.pdf", "out/commentary.epub"} {
		if !strings.Contains(out, want) {
			t.Errorf("build output lacks %s:\n%s", want, out)
		}
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Errorf("%s was not written", want)
		}
	}
	if code, out, _ := runIn(t, dir, epoch, "new", "chapter", "commentary/13b.md", "--norm", "13b"); code != 0 || !strings.Contains(out, "commentary/13b.md") {
		t.Errorf("new chapter: %d %s", code, out)
	}
	if code, _, _ := runIn(t, dir, epoch, "new", "chapter", "commentary/13b.md"); code == 0 {
		t.Errorf("new chapter overwrote an existing file")
	}

	// Break a citation and a cross-reference: check names both, exits 1.
	ch := filepath.Join(dir, "chapters", "commentary", "13a.md")
	data, _ := os.ReadFile(ch)
	broken := strings.Replace(string(data), "@un-a-70-174", "@un-a-70-17", 1) + "\nSee @sec:13a-scpe.\n"
	os.WriteFile(ch, []byte(broken), 0o644)
	code, _, errOut = runIn(t, dir, epoch, "check")
	if code != 1 {
		t.Errorf("check on a broken project: exit %d, want 1", code)
	}
	for _, want := range []string{
		"chapters/commentary/13a.md:9:49: ", "error: unknown citation key \"un-a-70-17\"", "hint: did you mean @un-a-70-174?",
		"chapters/commentary/13a.md:11:5: error: unknown label \"sec:13a-scpe\"", "check failed",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("check output lacks %q:\n%s", want, errOut)
		}
	}
	// In GitHub Actions the same errors are workflow annotations.
	_, _, errOut = runIn(t, dir, map[string]string{"GITHUB_ACTIONS": "true"}, "check")
	if !strings.Contains(errOut, "::error file=chapters/commentary/13a.md,line=11,col=5,title=unknown-label::unknown label") {
		t.Errorf("no GitHub annotation:\n%s", errOut)
	}
	// A failed build writes nothing new.
	before, _ := os.ReadFile(filepath.Join(dir, "out", "commentary.pdf"))
	if code, _, _ := runIn(t, dir, epoch, "build"); code != 1 {
		t.Errorf("build on a broken project: exit %d", code)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "out", "commentary.pdf"))
	if !bytes.Equal(before, after) {
		t.Errorf("a failed build replaced the last good PDF")
	}
}

func TestJSONReport(t *testing.T) {
	dir := t.TempDir()
	runIn(t, dir, epoch, "new", "project", ".")
	code, out, _ := runIn(t, dir, epoch, "build", "--json", "--format", "pdf")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		OK          bool
		Diagnostics []any
		Artifacts   []struct {
			Publication, Format, Path string
			Bytes                     int64
		}
		Publications []struct {
			ID        string
			Citations int `json:"citations"`
			PDFPages  int `json:"pdf_pages"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json is not JSON: %v\n%s", err, out)
	}
	if !rep.OK || len(rep.Artifacts) != 1 || rep.Artifacts[0].Format != "pdf" || rep.Artifacts[0].Bytes == 0 {
		t.Errorf("report: %+v", rep)
	}
	if len(rep.Publications) != 1 || rep.Publications[0].Citations != 1 || rep.Publications[0].PDFPages < 1 {
		t.Errorf("counts: %+v", rep.Publications)
	}
}

func TestBibAndVersion(t *testing.T) {
	dir := t.TempDir()
	runIn(t, dir, epoch, "new", "project", ".")
	code, out, errOut := runIn(t, dir, nil, "bib", "--to", "bibtex", "chapters/references.json")
	if code != 0 || !strings.Contains(out, "@report{un-a-70-174,") {
		t.Errorf("bib --to bibtex: %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runIn(t, dir, nil, "bib", "--style", "chicago-notes", "chapters/references.json")
	if code != 0 || !strings.Contains(out, "A/70/174") {
		t.Errorf("bib --style: %d\n%s", code, out)
	}
	os.WriteFile(filepath.Join(dir, "bad.bib"), []byte("@book{a,\n  title = {Unclosed,\n}\n"), 0o644)
	if code, _, errOut := runIn(t, dir, nil, "bib", "bad.bib"); code != 1 || !strings.Contains(errOut, "bad.bib:") {
		t.Errorf("bib on a bad file: %d\n%s", code, errOut)
	}
	if code, out, _ := runIn(t, dir, nil, "version"); code != 0 || !strings.HasPrefix(out, "normpress ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestStrict: a warning passes a build, and fails it under --strict.
func TestStrict(t *testing.T) {
	dir := t.TempDir()
	runIn(t, dir, epoch, "new", "project", ".")
	ch := filepath.Join(dir, "chapters", "commentary", "13a.md")
	data, _ := os.ReadFile(ch)
	os.WriteFile(ch, append(data, "\n[^unused]: A note nobody references.\n"...), 0o644)
	code, _, errOut := runIn(t, dir, epoch, "check")
	if code != 0 || !strings.Contains(errOut, "warning:") {
		t.Fatalf("check with a warning: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runIn(t, dir, epoch, "check", "--strict")
	if code != 1 || !strings.Contains(errOut, "error:") {
		t.Errorf("check --strict with a warning: exit %d\n%s", code, errOut)
	}
}

// TestNewRefusesBadNames: every word new takes becomes a file name or goes
// into YAML; none may leave the project, inject a key, or name a norm or
// topic that does not exist.
func TestNewRefusesBadNames(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "chapters"), os.DirFS("../../chapters")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"new", "entry", "../../x"},
		{"new", "entry", "a/b"},
		{"new", "entry", ".hidden"},
		{"new", "entry", "key\nnorms: [13z]"},
		{"new", "entry", "key: x"},
		{"new", "entry", "--topic", "no-such-topic", "fine-key"},
		{"new", "entry", "--norm", "13z", "fine-key"},
		{"new", "entry", "--norm", "13a\nx: y", "fine-key"},
		{"new", "chapter", "--norm", "13z", "commentary/13z.md"},
		{"new", "chapter", "--norm", "13a\ntitle: injected", "commentary/x.md"},
		{"new", "chapter", "../../outside.md"},
		{"new", "chapter", "commentary/a\nb.md"},
		{"new", "norm", "--title", "t", "--text", "x", "13a\nx"},
	} {
		before := listTree(t, filepath.Dir(dir))
		code, out, errOut := runIn(t, dir, nil, args...)
		if code == 0 || !strings.Contains(errOut, "error:") {
			t.Errorf("%q: exit %d\n%s%s", args, code, out, errOut)
		}
		if after := listTree(t, filepath.Dir(dir)); after != before {
			t.Errorf("%q wrote files although refused:\n%s", args, after)
		}
	}
	// A valid record is made and loads cleanly.
	if code, _, errOut := runIn(t, dir, nil, "new", "entry", "--norm", "13a", "--norm", "13c", "kello-2017"); code != 0 {
		t.Fatalf("a valid key was refused: %s", errOut)
	}
	if code, _, errOut := runIn(t, dir, nil, "check"); code != 0 {
		t.Errorf("check after new entry: %s", errOut)
	}
}

func listTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		b.WriteString(p + "\n")
		return nil
	})
	return b.String()
}

// TestOutputFolderSafety: --out never points into the sources, at the
// repository root or a system folder, and never overwrites a folder
// normpress did not make unless told to, and then not the user's files.
func TestOutputFolderSafety(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	if code, _, errOut := runIn(t, dir, nil, "new", "project", "."); code != 0 {
		t.Fatal(errOut)
	}
	os.Symlink("chapters", filepath.Join(dir, "link-to-chapters"))
	for out, want := range map[string]string{
		"chapters":              "is the project folder",
		"./chapters/":           "is the project folder",
		"link-to-chapters":      "is the project folder",
		"chapters/commentary":   "is inside the project folder",
		"chapters/new-out":      "is inside the project folder",
		".":                     "contains the project folder",
		"/":                     "contains the project folder",
		"/usr/share/normpress":  "system folder",
		"/etc":                  "system folder",
		"chapters/../chapters/": "is the project folder",
	} {
		before := listTree(t, dir)
		code, _, errOut := runIn(t, dir, epoch, "build", "--format", "html", "--out", out)
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("--out %s: exit %d, want the error %q:\n%s", out, code, want, errOut)
		}
		if after := listTree(t, dir); after != before {
			t.Errorf("--out %s wrote files", out)
		}
	}
	// A folder with the user's own site is refused, then with --force
	// built into, but the user's files are never replaced.
	docs := filepath.Join(dir, "docs")
	os.Mkdir(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "index.html"), []byte("my page"), 0o644)
	os.WriteFile(filepath.Join(docs, "my.css"), []byte("my css"), 0o644)
	code, _, errOut := runIn(t, dir, epoch, "build", "--out", "docs")
	if code != 1 || !strings.Contains(errOut, "--force") {
		t.Errorf("--out docs: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runIn(t, dir, epoch, "build", "--force", "--out", "docs")
	if code != 1 || !strings.Contains(errOut, "index.html exists and was not written by normpress") || !strings.Contains(errOut, "nothing written") {
		t.Errorf("--force over the user's index.html: exit %d\n%s", code, errOut)
	}
	os.Remove(filepath.Join(docs, "index.html"))
	if code, _, errOut := runIn(t, dir, epoch, "build", "--force", "--out", "docs"); code != 0 {
		t.Errorf("--force into docs: %s", errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(docs, "my.css")); string(b) != "my css" {
		t.Errorf("the user's file was touched")
	}
	// Now the folder is ours: no --force needed, the user's file survives
	// pruning.
	if code, _, errOut := runIn(t, dir, epoch, "build", "--out", "docs"); code != 0 {
		t.Errorf("rebuilding docs: %s", errOut)
	}
	if _, err := os.Stat(filepath.Join(docs, "my.css")); err != nil {
		t.Errorf("the user's file was pruned")
	}
}

// TestProjectPathSpellings: --project ./chapters, chapters/../chapters and
// . (from inside it) build the example's images like chapters does.
func TestProjectPathSpellings(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "chapters"), os.DirFS("../../chapters")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, project string }{{dir, "./chapters"}, {dir, "chapters/../chapters"}, {dir, "chapters/"}, {filepath.Join(dir, "chapters"), "."}} {
		code, _, errOut := runIn(t, tc.in, epoch, "check", "--project", tc.project)
		if code != 0 {
			t.Errorf("--project %s: exit %d\n%s", tc.project, code, errOut)
		}
	}
	// An image path that leaves the project is still refused.
	os.WriteFile(filepath.Join(dir, "outside.png"), nil, 0o644)
	ch := filepath.Join(dir, "chapters", "commentary", "13a.md")
	data, _ := os.ReadFile(ch)
	os.WriteFile(ch, append(data, "\n![x](../../outside.png)\n"...), 0o644)
	for _, tc := range []struct{ in, project string }{{dir, "./chapters"}, {filepath.Join(dir, "chapters"), "."}} {
		if code, _, errOut := runIn(t, tc.in, epoch, "check", "--project", tc.project); code != 1 || !strings.Contains(errOut, "leaves the project") {
			t.Errorf("--project %s: an image outside was not refused: %d\n%s", tc.project, code, errOut)
		}
	}
}
