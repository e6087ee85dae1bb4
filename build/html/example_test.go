package html_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/normpress/normpress/build/html"
	"github.com/normpress/normpress/build/pipeline"
)

// exampleDir is the example project; NORMPRESS_EXAMPLE points elsewhere.
func exampleDir() string {
	if d := os.Getenv("NORMPRESS_EXAMPLE"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "chapters")
}

// TestExampleBrowser builds the example project's HTML edition (with its
// EPUBs, which the landing page links) through the pipeline and runs the
// browser checks on every page of it: axe, the request tripwire, 320 px,
// notes, keyboard, search, print and dark mode.
func TestExampleBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	res := pipeline.Build(pipeline.Options{
		Dir: exampleDir(), Prefix: "chapters/", Formats: []string{"html", "epub"},
		Memory: true, Epoch: 1767225600,
	})
	if !res.OK() {
		t.Fatalf("the example project does not build:\n%v", res.Diags.Err())
	}
	out := t.TempDir()
	for p, data := range res.Files {
		full := filepath.Join(out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := res.Files["index.html"]; !ok {
		t.Fatal("no landing page")
	}
	t.Setenv("SEARCH_RANK", "due diligence=commentary/13c.html")
	html.CheckSite(t, out)
}

// BenchmarkExample renders the example project's HTML edition from its
// resolved model: the HTML renderer's share of a build.
func BenchmarkExample(b *testing.B) {
	res := pipeline.Build(pipeline.Options{Dir: exampleDir(), Prefix: "chapters/", Epoch: 1767225600})
	if !res.OK() || res.Site == nil {
		b.Fatalf("the example project does not build:\n%v", res.Diags.Err())
	}
	b.ReportAllocs()
	for b.Loop() {
		html.Render(res.Site, html.Options{Epoch: 1767225600})
	}
}
