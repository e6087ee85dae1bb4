package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/yuin/goldmark"
)

// specExample is one example of the CommonMark or GFM spec.
type specExample struct {
	Markdown   string   `json:"markdown"`
	HTML       string   `json:"html"`
	Example    int      `json:"example"`
	Section    string   `json:"section"`
	Extensions []string `json:"extensions"`
}

// sharedTestdata finds ../shared/testdata from the module root, so the
// third-party data is read in place, never copied into the repository.
func sharedTestdata(t testing.TB, rel string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("module root not found above %s", file)
		}
		dir = parent
	}
	return filepath.Join(dir, "..", "shared", "testdata", rel)
}

func loadSpec(t testing.TB, rel string) []specExample {
	t.Helper()
	b, err := os.ReadFile(sharedTestdata(t, rel))
	if err != nil {
		t.Fatalf("spec examples: %v", err)
	}
	var ex []specExample
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	return ex
}

func render(md goldmark.Markdown, src string) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	var b bytes.Buffer
	err = md.Convert([]byte(src), &b)
	return b.String(), err
}

// TestCommonMark runs every example of the CommonMark spec through New()
// and through goldmark with the same settings minus our extension. Smart
// punctuation costs both the same examples (it turns "quotes" into
// “quotes”, as it should); our syntax must not cost any example that plain
// goldmark passes.
func TestCommonMark(t *testing.T) {
	examples := loadSpec(t, "commonmark/spec.json")
	ours := New(Options{RawHTML: true})
	base := plain(Options{RawHTML: true})
	var pass, basePass int
	var lost []int
	for _, ex := range examples {
		got, err := render(ours, ex.Markdown)
		want, berr := render(base, ex.Markdown)
		okOurs := err == nil && got == ex.HTML
		okBase := berr == nil && want == ex.HTML
		if err != nil {
			t.Errorf("example %d (%s): %v", ex.Example, ex.Section, err)
		}
		if okOurs {
			pass++
		}
		if okBase {
			basePass++
		}
		if okBase && !okOurs {
			lost = append(lost, ex.Example)
			t.Errorf("example %d (%s) passes without our extension but not with it:\ninput: %q\nwant:  %q\ngot:   %q",
				ex.Example, ex.Section, ex.Markdown, ex.HTML, got)
		}
	}
	fmt.Printf("commonmark: %d/%d passed\n", pass, len(examples))
	fmt.Printf("commonmark without our extension: %d/%d passed\n", basePass, len(examples))
	if len(lost) > 0 {
		t.Errorf("our extension costs examples %v", lost)
	}
}

// TestGFMExtensions runs the GFM spec's table and strikethrough examples.
func TestGFMExtensions(t *testing.T) {
	ours := New(Options{RawHTML: true})
	base := plain(Options{RawHTML: true})
	var n, pass, basePass int
	for _, ex := range loadSpec(t, "commonmark/gfm-spec.json") {
		if !slices.Contains(ex.Extensions, "table") && !slices.Contains(ex.Extensions, "strikethrough") {
			continue
		}
		n++
		got, err := render(ours, ex.Markdown)
		if err != nil {
			t.Errorf("example %d: %v", ex.Example, err)
		}
		want, _ := render(base, ex.Markdown)
		if got == ex.HTML {
			pass++
		}
		if want == ex.HTML {
			basePass++
			if got != ex.HTML {
				t.Errorf("example %d passes without our extension but not with it:\ninput: %q\nwant:  %q\ngot:   %q",
					ex.Example, ex.Markdown, ex.HTML, got)
			}
		}
	}
	fmt.Printf("gfm tables and strikethrough: %d/%d passed\n", pass, n)
	fmt.Printf("gfm tables and strikethrough without our extension: %d/%d passed\n", basePass, n)
}
