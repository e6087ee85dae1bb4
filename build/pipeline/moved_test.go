package pipeline

import (
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
)

// movedProject is a two-chapter commentary (13c, 13x) whose second
// edition moves 13c's fourth paragraph to a new chapter 13d, which also
// takes in both paragraphs of 13x; 13x is dropped from the manifest.
func movedProject(t *testing.T) (first, second *Result, dir string) {
	t.Helper()
	x1 := "Chapter x opens with a paragraph on cooperation between computer emergency response teams across borders, which the working group considered at length."
	x2 := "Chapter x closes with the question how capacity building programmes can be evaluated, which no State has yet answered in a public document."
	manifest := func(body string) string {
		return strings.Replace(edManifest, "      - c/13c.md\n", body, 1)
	}
	chapter := func(name, title string, paras ...string) string {
		return "-- c/" + name + ".md --\n---\ntitle: " + title + "\n---\n\n" + strings.Join(paras, "\n\n") + "\n"
	}
	v1 := strings.Replace(strings.Replace(manifest("      - c/13c.md\n      - c/13x.md\n"), "EDITION", "First edition", 1), "EDITIONS\n", "", 1) +
		chapter("13c", "Norm 13(c)", edParas...) + chapter("13x", "Chapter X", x1, x2)
	first = edBuild(t, v1)
	reg := first.Files["commentary/paragraphs.json"]
	editions := "    editions:\n      - name: First edition\n        register: editions/commentary-1.json\n"
	v2 := strings.Replace(strings.Replace(manifest("      - c/13c.md\n      - c/13d.md\n"), "EDITION", "Second edition", 1), "EDITIONS\n", editions, 1) +
		chapter("13c", "Norm 13(c)", edParas[0], edParas[1], edParas[2], edParas[4]) +
		chapter("13d", "Norm 13(d)", x1, edParas[3], x2) +
		"-- editions/commentary-1.json --\n" + string(reg)
	dir = writeProject(t, v2)
	o := opts(dir)
	o.Formats = []string{"html"}
	second = Build(o)
	if !second.OK() {
		t.Fatalf("second edition: %v", second.Diags.Err())
	}
	return first, second, dir
}

// TestMovedToAnotherChapter: a released anchor of a paragraph that moved
// to another chapter still resolves: on the old chapter's page it is a
// note that links to the paragraph's new place; a chapter that is gone
// keeps a page with its paragraphs' notes; and no warning says they
// vanished.
func TestMovedToAnotherChapter(t *testing.T) {
	_, res, dir := movedProject(t)
	for _, d := range res.Diags {
		if d.Code == "paragraph-vanished" {
			t.Errorf("moved paragraph reported as vanished: %s", d)
		}
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dir, "out", "commentary", p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	d := read("13d.html")
	anchorOf := func(text string) string {
		m := regexp.MustCompile(`<p id="([^"]+)" class="numbered">(?:<span[^>]*>.*?</span>)*<a class="pnum"[^>]*>(\d+)</a> ` + regexp.QuoteMeta(text[:40])).FindStringSubmatch(d)
		if m == nil {
			t.Fatalf("13d.html lacks the paragraph %q", text[:40])
		}
		return m[1]
	}
	moved := anchorOf(edParas[3])
	c := read("13c.html")
	want := `<p class="moved-para" id="p4">`
	if !strings.Contains(c, want) || !strings.Contains(c, `href="../commentary/13d.html#`+moved+`">Norm 13(d), para. 2</a>`) {
		t.Errorf("13c.html lacks the note for its old para. 4 leading to 13d.html#%s:\n%s", moved, c[strings.Index(c, "moved-paras"):])
	}
	x := read("13x.html")
	if !strings.Contains(x, `id="p1"`) || !strings.Contains(x, `id="p2"`) || !strings.Contains(x, "Para. 2 of the first edition is now ") {
		t.Errorf("the gone chapter's page lacks its paragraphs' notes:\n%s", x)
	}
}

// TestMovedAnchorsInBrowser follows the old links in Chromium: each lands
// on its paragraph in the new chapter.
func TestMovedAnchorsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	node := tooltest.Need(t, "node")
	chromium := tooltest.Need(t, "chromium")
	bdir := filepath.Join("..", "..", ".ci", "browser")
	tooltest.NeedFile(t, filepath.Join(bdir, "node_modules", "playwright-core"), "playwright-core (cd .ci/browser && npm ci)")
	first, second, dir := movedProject(t)
	oldReg := register(t, first)
	data, err := os.ReadFile(filepath.Join(dir, "out", "commentary", "paragraphs.json"))
	if err != nil {
		t.Fatal(err)
	}
	newReg := register(t, &Result{Files: map[string][]byte{"commentary/paragraphs.json": data}, Site: second.Site})
	now := map[string]string{}
	for _, e := range newReg.Paragraphs {
		now[e.ID] = e.Chapter
	}
	abs, _ := filepath.Abs(filepath.Join(dir, "out", "commentary"))
	type tc struct {
		URL  string `json:"url"`
		Para string `json:"para"`
		Note string `json:"note"`
	}
	var cases []tc
	for _, e := range oldReg.Paragraphs {
		if ch, ok := now[e.ID]; ok && ch != e.Chapter {
			u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(abs, e.Chapter+".html")), Fragment: "p" + itoa(e.Number)}
			cases = append(cases, tc{u.String(), e.ID, ""})
		}
	}
	if len(cases) != 3 {
		t.Fatalf("%d paragraphs moved to another chapter, want 3", len(cases))
	}
	spec := filepath.Join(t.TempDir(), "cases.json")
	js, _ := json.Marshal(cases)
	if err := os.WriteFile(spec, js, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "check-anchors.mjs", spec)
	cmd.Dir = bdir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	b, err := cmd.CombinedOutput()
	t.Logf("%s", b)
	if err != nil {
		t.Fatalf("old anchors: %v", err)
	}
}
