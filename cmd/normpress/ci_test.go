package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"

	"github.com/normpress/normpress/build/report"
)

// readmeBlock returns the README's fenced block of the given language that
// follows the line containing marker.
func readmeBlock(t *testing.T, marker, lang string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i := strings.Index(s, marker)
	if i < 0 {
		t.Fatalf("README has no %q", marker)
	}
	s = s[i:]
	open := "\n```" + lang + "\n"
	j := strings.Index(s, open)
	if j < 0 {
		t.Fatalf("README has no ```%s block after %q", lang, marker)
	}
	s = s[j+len(open):]
	k := strings.Index(s, "\n```\n")
	if k < 0 {
		t.Fatalf("README's block after %q is not closed", marker)
	}
	return s[:k+1]
}

// TestWorkflowInREADME: the README's copyable workflow is byte for byte the
// one `new project` writes.
func TestWorkflowInREADME(t *testing.T) {
	if got := readmeBlock(t, "`.github/workflows/normpress.yml`", "yaml"); got != string(workflow()) {
		t.Errorf("the README's workflow differs from templates/project/normpress.yml (copy the file into the README)")
	}
	// The GitLab equivalent is valid YAML and runs the same commands.
	var gl map[string]any
	gitlab := readmeBlock(t, "`.gitlab-ci.yml`", "yaml")
	if err := yaml.Unmarshal([]byte(gitlab), &gl); err != nil {
		t.Fatalf("the README's GitLab CI file: %v", err)
	}
	for _, cmd := range []string{"go tool normpress check", "go tool normpress build --strict --json", "git log -1 --format=%ct HEAD"} {
		if !strings.Contains(gitlab, cmd) || !strings.Contains(string(workflow()), cmd) {
			t.Errorf("GitHub and GitLab workflows do not both run %q", cmd)
		}
	}
}

func lintWorkflow(t *testing.T, shellcheck string, content []byte) []*actionlint.Error {
	t.Helper()
	l, err := actionlint.NewLinter(&bytes.Buffer{}, &actionlint.LinterOptions{Shellcheck: shellcheck})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(workflowPath, content, nil)
	if err != nil {
		t.Fatal(err)
	}
	return errs
}

// TestScaffoldedWorkflowLints runs actionlint (with shellcheck on the run:
// scripts) over the workflow a new project gets.
func TestScaffoldedWorkflowLints(t *testing.T) {
	shellcheck := needTool(t, "shellcheck")
	dir := t.TempDir()
	if code, out, errOut := runIn(t, dir, nil, "new", "project", "."); code != 0 || !strings.Contains(out, "go get -tool "+normpressTool+"@") {
		t.Fatalf("new project: exit %d\n%s%s", code, out, errOut)
	}
	content, err := os.ReadFile(filepath.Join(dir, workflowPath))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(content, workflow()) {
		t.Errorf("new project wrote a different workflow")
	}
	for _, e := range lintWorkflow(t, shellcheck, content) {
		t.Errorf("actionlint: %s", e)
	}
	// The linter finds mistakes: a job that needs one that does not exist,
	// an unquoted variable in a script, an unknown context.
	for _, tc := range []struct{ from, to string }{
		{"needs: build\n    if: github.event_name == 'push' && startsWith", "needs: bild\n    if: github.event_name == 'push' && startsWith"},
		{`>> "$GITHUB_ENV"`, `>> $GITHUB_ENV`},
		{"${{ github.token }}", "${{ githb.token }}"},
	} {
		bad := bytes.Replace(content, []byte(tc.from), []byte(tc.to), 1)
		if bytes.Equal(bad, content) {
			t.Fatalf("%q is not in the workflow", tc.from)
		}
		if len(lintWorkflow(t, shellcheck, bad)) == 0 {
			t.Errorf("actionlint passed a workflow with %q", tc.to)
		}
	}
	gomod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	if !regexp.MustCompile(`^module [a-z0-9._-]+\n\ngo 1\.[0-9]+(\.[0-9]+)?\n`).Match(gomod) {
		t.Errorf("go.mod: %q", gomod)
	}
}

type workflowFile struct {
	Jobs map[string]struct {
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestWorkflowStepsLocally runs the build job's shell steps, as the runner
// would (bash -eo pipefail, GITHUB_ENV carried between steps), on a new
// project in a git repository whose go.mod points normpress at this
// checkout: the clock comes from the commit, check passes, build --strict
// --json writes a report that follows the schema, the upload globs find the
// PDF and EPUB, the Pages folder has the landing page; a second run gives
// the same files; a broken chapter fails check with an annotation.
func TestWorkflowStepsLocally(t *testing.T) {
	if testing.Short() {
		t.Skip("builds normpress with go tool")
	}
	git := needTool(t, "git")
	bash := needTool(t, "bash")
	src := cloneRepo(t)
	dir := t.TempDir()
	if code, out, errOut := runIn(t, dir, nil, "new", "project", "."); code != 0 {
		t.Fatalf("new project: exit %d\n%s%s", code, out, errOut)
	}
	sh := func(env []string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	// What `go get -tool …@VERSION` does against the module proxy, with this
	// checkout standing in for the release.
	goEnv := append(os.Environ(), "GOFLAGS=-mod=mod")
	sh(goEnv, "go", "mod", "edit", "-require=github.com/normpress/normpress@v0.0.0-00010101000000-000000000000",
		"-replace=github.com/normpress/normpress="+src, "-tool="+normpressTool)
	sh(goEnv, "go", "mod", "tidy")

	const commitTime = 1767312000 // 2026-01-02
	gitEnv := append(os.Environ(), "GIT_AUTHOR_NAME=editor", "GIT_AUTHOR_EMAIL=editor@example.org",
		"GIT_COMMITTER_NAME=editor", "GIT_COMMITTER_EMAIL=editor@example.org",
		"GIT_AUTHOR_DATE=@"+strconv.Itoa(commitTime)+" +0000", "GIT_COMMITTER_DATE=@"+strconv.Itoa(commitTime)+" +0000")
	sh(gitEnv, git, "init", "-q")
	sh(gitEnv, git, "add", "-A")
	sh(gitEnv, git, "commit", "-q", "-m", "a new project")
	if st := sh(gitEnv, git, "status", "--porcelain"); st != "" {
		t.Errorf(".gitignore leaves files out of the commit:\n%s", st)
	}

	var wf workflowFile
	if err := yaml.Unmarshal(workflow(), &wf); err != nil {
		t.Fatal(err)
	}
	steps := wf.Jobs["build"].Steps
	envFile := filepath.Join(t.TempDir(), "github_env")
	runSteps := func() map[string]string {
		t.Helper()
		os.WriteFile(envFile, nil, 0o644)
		env := append(os.Environ(), "GITHUB_ACTIONS=true", "GITHUB_ENV="+envFile, "CI=true")
		logs := map[string]string{}
		for _, st := range steps {
			if st.Run == "" {
				continue
			}
			cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", st.Run)
			cmd.Dir = dir
			cmd.Env = env
			out, err := cmd.CombinedOutput()
			logs[st.Name] = string(out)
			if err != nil {
				t.Fatalf("step %q: %v\n%s", st.Name, err, out)
			}
			// The runner adds GITHUB_ENV's lines to the next steps' environment.
			data, _ := os.ReadFile(envFile)
			for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				if line != "" {
					env = append(env, line)
				}
			}
		}
		envData, _ := os.ReadFile(envFile)
		logs["GITHUB_ENV"] = string(envData)
		return logs
	}
	logs := runSteps()
	if want := "SOURCE_DATE_EPOCH=" + strconv.Itoa(commitTime) + "\n"; logs["GITHUB_ENV"] != want {
		t.Errorf("GITHUB_ENV = %q, want %q", logs["GITHUB_ENV"], want)
	}
	if !strings.HasPrefix(logs["normpress version"], "normpress ") {
		t.Errorf("version step printed %q", logs["normpress version"])
	}

	// The report follows the schema and lists the files the upload steps take.
	reportJSON, err := os.ReadFile(filepath.Join(dir, "normpress-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	validate(t, reportSchema(t), "the workflow's report", string(reportJSON))
	var r report.Report
	json.Unmarshal(reportJSON, &r)
	if !r.OK || len(r.Artifacts) == 0 {
		t.Fatalf("report: ok %v, %d artifacts", r.OK, len(r.Artifacts))
	}
	var uploaded []string
	for _, st := range steps {
		if strings.HasPrefix(st.Uses, "actions/upload-artifact@") && st.With["name"] == "publications" {
			for _, glob := range strings.Fields(st.With["path"]) {
				m, _ := filepath.Glob(filepath.Join(dir, glob))
				for _, f := range m {
					uploaded = append(uploaded, filepath.Base(f))
				}
			}
		}
		if strings.HasPrefix(st.Uses, "actions/upload-pages-artifact@") {
			if _, err := os.Stat(filepath.Join(dir, st.With["path"], "index.html")); err != nil {
				t.Errorf("the Pages folder %q has no index.html", st.With["path"])
			}
		}
	}
	if strings.Join(uploaded, " ") != "commentary.pdf commentary.epub commentary.docx" {
		t.Errorf("the artifact upload takes %v, want the PDF, the EPUB and the DOCX", uploaded)
	}
	for _, a := range r.Artifacts {
		if a.Format != "html" && !strings.Contains(strings.Join(uploaded, " "), filepath.Base(a.Path)) {
			t.Errorf("%s is built but not uploaded", a.Path)
		}
	}

	// The same commit builds the same files.
	first := r.Artifacts
	runSteps()
	reportJSON, _ = os.ReadFile(filepath.Join(dir, "normpress-report.json"))
	var again report.Report
	json.Unmarshal(reportJSON, &again)
	if len(again.Artifacts) != len(first) {
		t.Fatalf("second run: %d artifacts, first %d", len(again.Artifacts), len(first))
	}
	for i := range first {
		if again.Artifacts[i].SHA256 != first[i].SHA256 {
			t.Errorf("%s differs between two runs on the same commit", first[i].Path)
		}
	}

	// A broken citation fails the check step with an annotation.
	ch := filepath.Join(dir, "chapters", "commentary", "13a.md")
	data, _ := os.ReadFile(ch)
	os.WriteFile(ch, bytes.Replace(data, []byte("@un-a-70-174"), []byte("@un-a-70-17"), 1), 0o644)
	for _, st := range steps {
		if st.Name != "Check" {
			continue
		}
		cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", st.Run)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=true")
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "::error file=chapters/commentary/13a.md,line=") {
			t.Errorf("check on a broken chapter: %v\n%s", err, out)
		}
	}
}
