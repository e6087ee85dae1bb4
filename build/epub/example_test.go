package epub_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/epub"
	"github.com/normpress/normpress/build/pipeline"
)

func exampleDir() string {
	if d := os.Getenv("NORMPRESS_EXAMPLE"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "chapters")
}

// TestExample builds every EPUB of the example project through the
// pipeline: EPUBCheck reports no error and no warning, Ace no violation.
func TestExample(t *testing.T) {
	res := pipeline.Build(pipeline.Options{
		Dir: exampleDir(), Prefix: "chapters/", Formats: []string{"epub"},
		Memory: true, Epoch: 1767225600,
	})
	if !res.OK() {
		t.Fatalf("the example project does not build:\n%v", res.Diags.Err())
	}
	dir := t.TempDir()
	n := 0
	for p, data := range res.Files {
		if !strings.HasSuffix(p, ".epub") {
			continue
		}
		n++
		path := filepath.Join(dir, p)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(p, ".epub"), func(t *testing.T) { epub.Validate(t, path) })
	}
	if n != len(res.Site.Pubs) {
		t.Errorf("%d EPUBs for %d publications", n, len(res.Site.Pubs))
	}
}

// BenchmarkExample renders every EPUB of the example project from its
// resolved model, one after the other (a build runs them in parallel).
func BenchmarkExample(b *testing.B) {
	res := pipeline.Build(pipeline.Options{Dir: exampleDir(), Prefix: "chapters/", Epoch: 1767225600})
	if !res.OK() || res.Site == nil {
		b.Fatalf("the example project does not build:\n%v", res.Diags.Err())
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, pub := range res.Site.Pubs {
			epub.Render(pub, epub.Options{Epoch: 1767225600})
		}
	}
}
