package pipeline

import (
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/normpress/normpress/build/edition"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/source"
)

// TestOldAnchorsInBrowser opens every first-edition paragraph link of the
// example commentary (13c.html#p12) in Chromium: it must scroll to and
// highlight the paragraph that now carries it, and say "was para. 12 in
// the first edition" where the number changed.
func TestOldAnchorsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	node := tooltest.Need(t, "node")
	chromium := tooltest.Need(t, "chromium")
	dir := filepath.Join("..", "..", ".ci", "browser")
	tooltest.NeedFile(t, filepath.Join(dir, "node_modules", "playwright-core"), "playwright-core (cd .ci/browser && npm ci)")

	o := exampleOptions(t)
	o.Formats = []string{"html"}
	if res := Build(o); !res.OK() {
		t.Fatalf("build failed:\n%v", diagLines(res))
	}
	name := filepath.Join(exampleDir, "editions", "commentary-first.json")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := edition.ParseRegister(source.NewFile(name, data))
	data, err = os.ReadFile(filepath.Join(o.Out, "commentary", "paragraphs.json"))
	if err != nil {
		t.Fatal(err)
	}
	second, _ := edition.ParseRegister(source.NewFile("paragraphs.json", data))
	now := map[string]edition.Entry{}
	for _, e := range second.Paragraphs {
		now[e.ID] = e
	}
	type tc struct {
		URL  string `json:"url"`
		Para string `json:"para"`
		Note string `json:"note"`
	}
	var cases []tc
	abs, err := filepath.Abs(filepath.Join(o.Out, "commentary"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range first.Paragraphs {
		cur, ok := now[e.ID]
		if !ok {
			continue // merged or removed: not in the example
		}
		note := ""
		if cur.Number != e.Number {
			note = "was para. " + strconv.Itoa(e.Number) + " in the first edition"
		}
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(abs, e.Chapter+".html")), Fragment: "p" + strconv.Itoa(e.Number)}
		cases = append(cases, tc{u.String(), cur.ID, note})
	}
	if len(cases) < 200 {
		t.Fatalf("only %d old paragraphs kept their identity", len(cases))
	}
	spec := filepath.Join(t.TempDir(), "cases.json")
	js, _ := json.Marshal(cases)
	if err := os.WriteFile(spec, js, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "check-anchors.mjs", spec)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("old anchors: %v", err)
	}
}
