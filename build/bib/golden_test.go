package bib

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// goldenInputs are the realistic exports in testdata: a Zotero BibLaTeX
// export, a JabRef BibTeX database, a Zotero CSL-JSON export and a pandoc
// CSL-YAML references block.
func goldenInputs(t testing.TB) []string {
	var out []string
	for _, pat := range []string{"*.bib", "*.json", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join("testdata", pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatal("no inputs in testdata")
	}
	return out
}

func readFile(t testing.TB, path string) *source.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return source.NewFile(filepath.ToSlash(path), data)
}

func diagList(ds source.Diags) string {
	var b strings.Builder
	for _, d := range ds.Sort() {
		b.WriteString(d.String() + " [" + d.Code + "]\n")
	}
	return b.String()
}

// TestGolden converts each export to CSL-JSON and compares it with
// testdata/NAME.golden (go test ./build/bib -run Golden -update rewrites
// them). The exports are clean: any diagnostic is a failure.
func TestGolden(t *testing.T) {
	for _, path := range goldenInputs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			items, ds := Parse(readFile(t, path))
			if len(ds) > 0 {
				t.Errorf("diagnostics on a clean export:\n%s", diagList(ds))
			}
			got := WriteCSLJSON(items)
			golden := path + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("CSL-JSON differs from %s (run with -update after checking the change):\n%s", golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
