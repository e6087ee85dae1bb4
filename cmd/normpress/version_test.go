package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
)

func TestFormatVersion(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name   string
		linked string
		bi     *debug.BuildInfo
		want   string
	}{
		{"go install @tag", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"clone, clean", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207141738-2bb3f6050824"}, Settings: vcs("2bb3f605082492217866dbf2b18c1b228a3095ac", "false")},
			"v0.0.0-20261207141738-2bb3f6050824 (2bb3f6050824)"},
		{"clone, edited", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207141738-2bb3f6050824+dirty"}, Settings: vcs("2bb3f605082492217866dbf2b18c1b228a3095ac", "true")},
			"v0.0.0-20261207141738-2bb3f6050824+dirty (2bb3f6050824, modified)"},
		{"no VCS stamp", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"linker", "v2.0.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("abc", "false")}, "v2.0.0 (abc)"},
		{"no build info", "", nil, "devel"},
	} {
		if got := formatVersion(tc.linked, tc.bi); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

var clone struct {
	once sync.Once
	dir  string
	err  error
}

// cloneRepo copies the repository's working tree (tracked and untracked
// files, as git lists them) into a temporary folder and commits it there, so
// that the go command stamps a revision (a git worktree has a .git file,
// which it does not read) and the code under test is the code on disk, not
// the last commit. It returns the copy's path.
func cloneRepo(t *testing.T) string {
	t.Helper()
	git := needTool(t, "git")
	clone.once.Do(func() {
		clone.dir, clone.err = copyTree(git)
	})
	if clone.err != nil {
		t.Fatal(clone.err)
	}
	return clone.dir
}

func copyTree(git string) (string, error) {
	root, _ := filepath.Abs("../..")
	list, err := exec.Command(git, "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "normpress-copy-")
	if err != nil {
		return "", err
	}
	for _, name := range strings.Split(strings.TrimRight(string(list), "\x00"), "\x00") {
		st, err := os.Lstat(filepath.Join(root, name))
		if errors.Is(err, fs.ErrNotExist) || err == nil && !st.Mode().IsRegular() {
			continue // deleted and not yet staged, or a symbolic link (node_modules)
		}
		if err != nil {
			return "", err
		}
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			return "", err
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return "", err
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "copy"}} {
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", &cmdError{"git " + args[0], out, err}
		}
	}
	return dir, nil
}

type cmdError struct {
	what string
	out  []byte
	err  error
}

func (e *cmdError) Error() string { return e.what + ": " + e.err.Error() + "\n" + string(e.out) }

// TestVersionFromBuildInfo builds normpress in a clone as `go build` does
// and checks that `normpress version`, the PDF's Producer and the HTML
// generator all carry the clone's revision.
func TestVersionFromBuildInfo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	pdfinfo := needTool(t, "pdfinfo")
	dir := cloneRepo(t)
	bin := filepath.Join(t.TempDir(), "normpress")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "./cmd/normpress")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rev, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	short := strings.TrimSpace(string(rev))[:12]
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.TrimSpace(string(out))
	// go1.24+ gives a pseudo-version naming the commit; the revision follows.
	if !strings.HasPrefix(got, "normpress v0.0.0-") || !strings.HasSuffix(got, " ("+short+")") || !strings.Contains(got, "-"+short) {
		t.Fatalf("version %q does not name revision %s", got, short)
	}
	version := strings.TrimPrefix(got, "normpress ")

	proj := t.TempDir()
	if out, err := exec.Command(bin, "new", "project", proj).CombinedOutput(); err != nil {
		t.Fatalf("new project: %v\n%s", err, out)
	}
	b := exec.Command(bin, "build")
	b.Dir = proj
	b.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1767225600")
	if out, err := b.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	info, err := exec.Command(pdfinfo, filepath.Join(proj, "out", "commentary.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	producer := ""
	for _, line := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(line, "Producer:"); ok {
			producer = strings.TrimSpace(v)
		}
	}
	if producer != "normpress "+version {
		t.Errorf("PDF Producer is %q, want %q", producer, "normpress "+version)
	}
	page, _ := os.ReadFile(filepath.Join(proj, "out", "commentary", "index.html"))
	if !strings.Contains(string(page), `<meta name="generator" content="normpress `+version+`"/>`) {
		t.Errorf("HTML generator is not %q", "normpress "+version)
	}
}

// needTool returns an executable's path, or skips (fails under
// NORMPRESS_REQUIRE_TOOLS=1, as build/internal/tooltest does, which cmd/
// cannot import) when it is not on PATH.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("NORMPRESS_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is required (NORMPRESS_REQUIRE_TOOLS=1) but not on PATH", name)
	}
	t.Skipf("%s not on PATH, skipping; set NORMPRESS_REQUIRE_TOOLS=1 to make this a failure", name)
	return ""
}

// TestMain removes the copy of the working tree that several tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	if clone.dir != "" {
		// The module cache's read-only files are not in it: only sources.
		os.RemoveAll(clone.dir)
	}
	os.Exit(code)
}
