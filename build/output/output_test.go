package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func publish(t *testing.T, dir string, force, complete bool, files map[string]string) error {
	t.Helper()
	f, err := Open(dir, force)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Publish(fileList(files), complete)
}

func fileList(files map[string]string) []File {
	var list []File
	for _, n := range slices.Sorted(mapsKeys(files)) {
		list = append(list, File{n, []byte(files[n])})
	}
	return list
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// tree is every file under dir with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			b, _ := os.ReadFile(p)
			got[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return got
}

func TestPublish(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := publish(t, dir, false, true, map[string]string{"a/b/c.html": "one", "x.pdf": "pdf"}); err != nil {
		t.Fatal(err)
	}
	if err := publish(t, dir, false, true, map[string]string{"a/b/c.html": "two", "x.pdf": "pdf"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a/b/c.html": "two", "x.pdf": "pdf", Ledger: "a/b/c.html\nx.pdf\n"}
	if got := tree(t, dir); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v (no temporaries)", got, want)
	}
	for _, bad := range []string{"../x", "/etc/x", "a/../../x", "", "a\\b", Ledger} {
		if err := publish(t, dir, false, true, map[string]string{bad: "x"}); err == nil {
			t.Errorf("Publish(%q) was allowed", bad)
		}
	}
	// A symbolic link inside the output folder cannot carry a write out.
	outside := filepath.Join(filepath.Dir(dir), "outside")
	os.Mkdir(outside, 0o755)
	os.Symlink(outside, filepath.Join(dir, "link"))
	if err := publish(t, dir, false, false, map[string]string{"link/x.html": "x"}); err == nil {
		t.Errorf("write through a symbolic link out of the folder was allowed")
	}
	if _, err := os.Stat(filepath.Join(outside, "x.html")); err == nil {
		t.Errorf("a file was written outside the output folder")
	}
}

// TestPrune: a complete build removes what an earlier one wrote and it no
// longer makes; a partial one adds to the ledger; a user's file stays.
func TestPrune(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("a user's file"), 0o644)
	if err := publish(t, dir, true, true, map[string]string{"a.html": "x", "p/old.html": "x"}); err != nil {
		t.Fatal(err)
	}
	if err := publish(t, dir, false, false, map[string]string{"q.pdf": "x"}); err != nil {
		t.Fatal(err)
	}
	if err := publish(t, dir, false, true, map[string]string{"a.html": "y", "p/new.html": "y"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.html": "y", "p/new.html": "y", "mine.txt": "a user's file", Ledger: "a.html\np/new.html\n"}
	if got := tree(t, dir); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// TestForeignFolder: --out docs must not overwrite the user's own site.
func TestForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("my own page"), 0o644)
	os.WriteFile(filepath.Join(dir, "style.css"), []byte("my css"), 0o644)
	err := publish(t, dir, false, true, map[string]string{"index.html": "ours", "a.pdf": "pdf"})
	if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), "--force") {
		t.Errorf("a foreign non-empty folder was accepted: %v", err)
	}
	// --force builds into it, but still never replaces a file not ours.
	err = publish(t, dir, true, true, map[string]string{"index.html": "ours", "a.pdf": "pdf"})
	if err == nil || !strings.Contains(err.Error(), "index.html exists and was not written by normpress") {
		t.Errorf("the user's index.html: %v", err)
	}
	if err := publish(t, dir, true, true, map[string]string{"site.html": "ours", "a.pdf": "pdf"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "my own page", "style.css": "my css", "site.html": "ours", "a.pdf": "pdf", Ledger: "a.pdf\nsite.html\n"}
	if got := tree(t, dir); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	// An empty folder, or one of ours, needs no --force.
	if err := publish(t, t.TempDir(), false, true, map[string]string{"a.pdf": "x"}); err != nil {
		t.Error(err)
	}
	if err := publish(t, dir, false, true, map[string]string{"a.pdf": "y"}); err != nil {
		t.Error(err)
	}
}

// TestStaleTemporaries: a killed build's temporaries go at the next build;
// a running build's, and files that only look alike, stay.
func TestStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	if err := publish(t, dir, false, true, map[string]string{"a/x.pdf": "x"}); err != nil {
		t.Fatal(err)
	}
	dead := 1 << 22 // above the kernel's pid_max: no such process
	stale := []string{fmt.Sprintf("a/.x.pdf.tmp-%d-3", dead), fmt.Sprintf(".index.html.old-%d-1", dead)}
	keep := []string{fmt.Sprintf("a/.x.pdf.tmp-%d-4", os.Getppid()), "a/notes.tmp-1-1", "a/.x.pdf.tmp-abc-1"}
	for _, n := range append(slices.Clone(stale), keep...) {
		os.WriteFile(filepath.Join(dir, n), []byte("junk"), 0o644)
	}
	if err := publish(t, dir, false, true, map[string]string{"a/x.pdf": "y"}); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dir)
	for _, n := range stale {
		if _, ok := got[n]; ok {
			t.Errorf("stale temporary %s was kept", n)
		}
	}
	for _, n := range keep {
		if _, ok := got[n]; !ok {
			t.Errorf("%s was removed", n)
		}
	}
}

// TestPublishFailsAtEveryStep fails each file-system step of a publish in
// turn and checks the promise: the folder holds the old build exactly, with
// no temporaries, and the error says nothing was written; or, when the
// failure comes after the commit, the new build exactly; or the error names
// precisely the files that are new while the rest are old.
func TestPublishFailsAtEveryStep(t *testing.T) {
	old := map[string]string{"index.html": "old index", "p/a.html": "old a", "p/gone.html": "old gone", "p.pdf": "old pdf"}
	next := map[string]string{"index.html": "new index", "p/a.html": "new a", "q/new.html": "new page", "p.pdf": "new pdf"}
	user := map[string]string{"CNAME": "example.org"}
	oldTree := map[string]string{Ledger: "index.html\np.pdf\np/a.html\np/gone.html\n"}
	newTree := map[string]string{Ledger: "index.html\np.pdf\np/a.html\nq/new.html\n"}
	for _, m := range []map[string]string{old, user} {
		for k, v := range m {
			oldTree[k] = v
		}
	}
	for _, m := range []map[string]string{next, user} {
		for k, v := range m {
			newTree[k] = v
		}
	}
	steps := 0
	for k := 0; ; k++ {
		dir := t.TempDir()
		if err := publish(t, dir, false, true, old); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "CNAME"), []byte("example.org"), 0o644)
		f, err := Open(dir, false)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		var failed string
		f.fail = func(op, name string) error {
			n++
			if n == k+1 {
				failed = op + " " + name
				return errors.New("injected failure")
			}
			if op == "restore" && k%2 == 1 && failed != "" {
				return errors.New("injected failure while undoing") // odd runs: the undo fails too
			}
			return nil
		}
		err = f.Publish(fileList(next), true)
		f.Close()
		got := tree(t, dir)
		if failed == "" {
			if err != nil || fmt.Sprint(got) != fmt.Sprint(newTree) {
				t.Errorf("no failure: %v\n%v", err, got)
			}
			steps = k
			break
		}
		var hk *HousekeepingError
		switch {
		case err == nil:
			t.Errorf("%s failed and Publish said nothing", failed)
		case errors.As(err, &hk):
			// After the commit: every new file is in place; only stale
			// output may be left, and the ledger still claims it.
			for name, want := range next {
				if got[name] != want {
					t.Errorf("%s failed after the commit, but %s is %q", failed, name, got[name])
				}
			}
		case strings.HasPrefix(err.Error(), "nothing written"):
			if fmt.Sprint(got) != fmt.Sprint(oldTree) {
				t.Errorf("%s failed, %q, but the folder changed:\n got %v\nwant %v", failed, err, got, oldTree)
			}
		default:
			// The undo failed: exactly the files named are new.
			for name := range newTree {
				path := filepath.Join(dir, name)
				isNew := got[name] == newTree[name] && got[name] != oldTree[name]
				if isNew != strings.Contains(err.Error(), path+",") && isNew != strings.HasSuffix(err.Error(), path) {
					t.Errorf("%s failed: %s new=%v, but the message says: %v", failed, name, isNew, err)
				}
			}
			for name, v := range got {
				if name == Ledger {
					// the claiming ledger: it lists every file of ours
					for other := range got {
						if other != "CNAME" && other != Ledger && !strings.Contains(v, other+"\n") {
							t.Errorf("%s failed: the ledger does not claim %s", failed, other)
						}
					}
					continue
				}
				if v != newTree[name] && v != oldTree[name] || strings.Contains(name, ".tmp-") || strings.Contains(name, ".old-") {
					t.Errorf("%s failed: stray %s", failed, name)
				}
			}
		}
	}
	if steps < 20 {
		t.Errorf("only %d steps were tried", steps)
	}
}
