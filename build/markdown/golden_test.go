package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden parses testdata/*.md and compares the dumped model and the
// diagnostics with testdata/*.golden.
// go test ./build/markdown -run Golden -update
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f := source.NewFile("chapters/commentary/"+filepath.Base(file), data)
			c, diags := ParseChapter(f, Options{Lang: "en-GB"})
			var b strings.Builder
			b.WriteString(Dump(c))
			b.WriteString("Diagnostics\n")
			for _, d := range diags.Sort() {
				b.WriteString("  " + strings.ReplaceAll(d.String(), "\n", "\n  ") + " [" + d.Code + "]\n")
			}
			checkSpans(t, f, c, diags)
			golden := strings.TrimSuffix(file, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", name, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 12; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
