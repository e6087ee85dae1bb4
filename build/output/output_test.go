package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Write("a/b/c.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := f.Write("a/b/c.html", []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "out", "a", "b", "c.html"))
	if string(got) != "two" {
		t.Errorf("got %q", got)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "out", "a", "b"))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	for _, bad := range []string{"../x", "/etc/x", "a/../../x", "", "a\\b"} {
		if err := f.Write(bad, nil); err == nil {
			t.Errorf("Write(%q) was allowed", bad)
		}
	}
	// A symbolic link inside the output folder cannot carry a write out.
	outside := filepath.Join(dir, "outside")
	os.Mkdir(outside, 0o755)
	os.Symlink(outside, filepath.Join(dir, "out", "link"))
	if err := f.Write("link/x.html", []byte("x")); err == nil {
		t.Errorf("write through a symbolic link out of the folder was allowed")
	}
	if _, err := os.Stat(filepath.Join(outside, "x.html")); err == nil {
		t.Errorf("a file was written outside the output folder")
	}
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	f, _ := Open(dir)
	defer f.Close()
	os.WriteFile(filepath.Join(dir, "mine-not.txt"), []byte("a user's file"), 0o644)
	for _, n := range []string{"a.html", "p/old.html"} {
		f.Write(n, []byte("x"))
	}
	if err := f.Prune([]string{"a.html", "p/old.html"}); err != nil {
		t.Fatal(err)
	}
	// The next build no longer makes p/old.html.
	f.Write("a.html", []byte("y"))
	f.Write("p/new.html", []byte("y"))
	if err := f.Prune([]string{"a.html", "p/new.html"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"a.html": true, "p/new.html": true, "p/old.html": false, "mine-not.txt": true} {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", name, err == nil, want)
		}
	}
}
