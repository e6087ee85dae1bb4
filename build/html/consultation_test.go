package html_test

import (
	"github.com/normpress/normpress/build/doc"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/pipeline"
)

// TestCommentOnParagraph: the example guidelines are a consultation draft;
// on a chapter page the first numbered paragraph's "Comment on this
// paragraph" is reached by keyboard, with scripts on and off, and opens a
// mail with the subject "Guidelines 13(c), para. 1" and the paragraph's
// permalink; axe-core finds nothing on the page.
func TestCommentOnParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	node := tooltest.Need(t, "node")
	chromium := tooltest.Need(t, "chromium")
	dir := filepath.Join("..", "..", ".ci", "browser")
	tooltest.NeedFile(t, filepath.Join(dir, "node_modules", "playwright-core"), "playwright-core (cd .ci/browser && npm ci)")
	res := pipeline.Build(pipeline.Options{
		Dir: exampleDir(), Prefix: "chapters/", Formats: []string{"html"},
		Memory: true, Epoch: 1767225600,
	})
	if !res.OK() {
		t.Fatalf("the example project does not build:\n%v", res.Diags.Err())
	}
	out := t.TempDir()
	for p, data := range res.Files {
		full := filepath.Join(out, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page, _ := filepath.Abs(filepath.Join(out, "guidelines", "13c.html"))
	// The permalink is the paragraph's anchor, its identity across
	// editions (build/edition), read from the model.
	anchor := ""
	for _, pub := range res.Site.Pubs {
		for _, ch := range pub.Chapters {
			if pub.ID != "guidelines" || ch.ID != "13c" {
				continue
			}
			for _, b := range ch.Blocks {
				if p, ok := b.(*doc.Para); ok && p.Num == 1 {
					anchor = p.Attr.ID
					break
				}
			}
		}
	}
	if anchor == "" {
		t.Fatal("guidelines 13(c) has no paragraph 1")
	}
	cmd := exec.Command(node, "check-comment.mjs", page, "Guidelines 13(c), para. 1", "guidelines/13c.html#"+anchor)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	b, err := cmd.CombinedOutput()
	t.Logf("%s", b)
	if err != nil {
		t.Fatalf("comment action checks failed: %v", err)
	}
}
