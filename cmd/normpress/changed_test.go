package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/report"
)

// TestChangedSince builds a scratch git repository holding the example
// project, commits one kind of change at a time, and asks build
// --changed-since the previous commit which publications each affects.
func TestChangedSince(t *testing.T) {
	git := needTool(t, "git")
	schema := reportSchema(t)
	dir := t.TempDir()
	// The example project, copied.
	src, _ := filepath.Abs("../../chapters")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, "chapters", rel)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Notes\n"), 0o644)
	gitEnv := append(os.Environ(), "GIT_AUTHOR_NAME=e", "GIT_AUTHOR_EMAIL=e@example.org", "GIT_COMMITTER_NAME=e", "GIT_COMMITTER_EMAIL=e@example.org")
	g := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		cmd.Env = gitEnv
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	g("init", "-q")
	g("add", "-A")
	g("commit", "-q", "-m", "example")
	edit := func(name, from, to string) {
		t.Helper()
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(data), from, to, 1)
		if s == string(data) {
			t.Fatalf("%q is not in %s", from, name)
		}
		os.WriteFile(p, []byte(s), 0o644)
	}
	out := filepath.Join(t.TempDir(), "out")
	// changed makes one commit and returns the report of --changed-since
	// the commit before it.
	changed := func(what string, change func()) *report.Report {
		t.Helper()
		change()
		g("commit", "-q", "-a", "-m", what)
		code, stdout, stderr := runIn(t, dir, epoch, "build", "--json", "--changed-since", "HEAD~1", "--out", out)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", what, code, stdout, stderr)
		}
		validate(t, schema, what, stdout)
		var r report.Report
		json.Unmarshal([]byte(stdout), &r)
		if r.ChangedSince == nil {
			t.Fatalf("%s: no changed_since in the report", what)
		}
		var built []string
		for _, a := range r.Artifacts {
			if a.Format == "pdf" {
				built = append(built, a.Pub)
			}
		}
		if !slices.Equal(built, r.ChangedSince.Publications) {
			t.Errorf("%s: PDFs built for %v, affected %v", what, built, r.ChangedSince.Publications)
		}
		return &r
	}
	has := func(r *report.Report, pub, file, via string) bool {
		for _, x := range r.ChangedSince.Reasons {
			if x.Publication == pub && x.File == file && x.Via == via {
				return true
			}
		}
		return false
	}
	want := func(what string, r *report.Report, pubs ...string) {
		t.Helper()
		if !slices.Equal(r.ChangedSince.Publications, pubs) {
			t.Errorf("%s affects %v, want %v; reasons: %+v", what, r.ChangedSince.Publications, pubs, r.ChangedSince.Reasons)
		}
	}

	// One commentary chapter: the commentary, and the guidelines, whose
	// cross-references show its section and paragraph numbers.
	r := changed("a commentary chapter", func() { edit("chapters/commentary/13c.md", "\n## ", "\nA new paragraph.\n\n## ") })
	want("a commentary chapter", r, "commentary", "guidelines", "guidelines-fr", "digest-2025")
	if !has(r, "commentary", "chapters/commentary/13c.md", "") || !has(r, "guidelines", "", "commentary") {
		t.Errorf("reasons: %+v", r.ChangedSince.Reasons)
	}
	if !slices.Equal(r.ChangedSince.Files, []string{"chapters/commentary/13c.md"}) {
		t.Errorf("files: %v", r.ChangedSince.Files)
	}

	// The shared bibliography: every publication.
	r = changed("the bibliography", func() { edit("chapters/bib/references.bib", "@", "% a comment\n@") })
	want("the bibliography", r, "commentary", "guidelines", "guidelines-fr", "digest-2025")
	if !has(r, "guidelines", "chapters/bib/references.bib", "") {
		t.Errorf("the bibliography does not affect the guidelines directly: %+v", r.ChangedSince.Reasons)
	}

	// The manifest, under one publication: the guidelines, and only their
	// French edition points into them (its links and metadata).
	r = changed("the guidelines' title", func() {
		edit("chapters/normpress.yaml", `title: "Implementing the 2015 GGE Norms: Guidelines"`, `title: "Implementing the 2015 GGE Norms: A Guide"`)
	})
	want("the guidelines' title", r, "guidelines", "guidelines-fr")
	if !has(r, "guidelines", "chapters/normpress.yaml", "") || !has(r, "guidelines-fr", "", "guidelines") {
		t.Errorf("reasons: %+v", r.ChangedSince.Reasons)
	}

	// The manifest's layout and comments are not content.
	r = changed("a comment in the manifest", func() { edit("chapters/normpress.yaml", "# The example project", "# The example project (a comment)") })
	want("a comment in the manifest", r)

	// The manifest, above the publications: all of them.
	r = changed("the default style", func() { edit("chapters/normpress.yaml", "\nstyle: chicago-notes", "\nstyle: author-date") })
	want("the default style", r, "commentary", "guidelines", "guidelines-fr", "digest-2025")

	// A digest record: the digest, the commentary (further reading) and
	// whoever points into them.
	r = changed("a digest record", func() {
		edit("chapters/digest/2025/crootof-2018.yaml", "An article in the Cornell", "A revised article in the Cornell")
	})
	want("a digest record", r, "commentary", "guidelines", "guidelines-fr", "digest-2025")
	if !has(r, "digest-2025", "chapters/digest/2025/crootof-2018.yaml", "") || !has(r, "commentary", "chapters/digest/2025/crootof-2018.yaml", "") {
		t.Errorf("reasons: %+v", r.ChangedSince.Reasons)
	}

	// Outside the project: nothing to build.
	r = changed("the README", func() { edit("README.md", "Notes", "Notes and more") })
	want("the README", r)
	if len(r.Artifacts) != 0 || !r.OK {
		t.Errorf("the README: %d artifacts, ok %v", len(r.Artifacts), r.OK)
	}

	// An uncommitted change counts too, and a reference that is not a
	// commit is an error.
	edit("chapters/norms.yaml", "norms:", "norms: # edited")
	code, _, stderr := runIn(t, dir, epoch, "build", "--changed-since", "HEAD", "--out", out)
	if code != 0 || !strings.Contains(stderr, "changed since HEAD: guidelines (chapters/norms.yaml: the norm registry)") {
		t.Errorf("uncommitted norm registry: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runIn(t, dir, epoch, "build", "--changed-since", "no-such-ref", "--out", out); code != 2 || !strings.Contains(stderr, "not a commit") {
		t.Errorf("unknown ref: exit %d\n%s", code, stderr)
	}
}
