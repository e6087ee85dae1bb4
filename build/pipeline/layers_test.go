package pipeline

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/normpress/normpress/"

// deps is every package of the module that pkg imports, directly or not
// (test files left out).
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	seen := map[string]bool{}
	var visit func(p string)
	visit = func(p string) {
		bp, err := build.Import(p, "", 0)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, imp := range bp.Imports {
			if strings.HasPrefix(imp, module) && !seen[imp] {
				seen[imp] = true
				visit(imp)
			}
		}
	}
	visit(pkg)
	var out []string
	for p := range seen {
		out = append(out, strings.TrimPrefix(p, module))
	}
	slices.Sort(out)
	return out
}

// The layering the README promises: renderers read only the model and
// never one another; the citation processor knows bibliographic data and
// its own types, not the document model or the Markdown reader.
func TestLayers(t *testing.T) {
	var renderers []string
	for _, r := range []string{"html", "epub", "pdf", "docx"} {
		if _, err := os.Stat(filepath.Join("..", r)); err == nil {
			renderers = append(renderers, "build/"+r)
		}
	}
	if len(renderers) < 3 {
		t.Fatalf("renderers found: %v", renderers)
	}
	for _, r := range renderers {
		for _, d := range deps(t, module+r) {
			if d != r && slices.Contains(renderers, d) {
				t.Errorf("%s imports the renderer %s", r, d)
			}
		}
	}
	// The PDF and the EPUB link into the web edition through the address
	// scheme alone (build/paths), never through the site renderer.
	for _, r := range []string{"build/pdf", "build/epub"} {
		if slices.Contains(deps(t, module+r), "build/site") {
			t.Errorf("%s imports build/site; take addresses from build/paths", r)
		}
	}
	for _, d := range deps(t, module+"build/csl") {
		if d == "build/doc" || d == "build/markdown" {
			t.Errorf("build/csl imports %s", d)
		}
	}
}
