package csl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/source"
)

// TestRealStyles parses the styles of the CSL repository that the shared
// test data holds (Chicago, APA, OSCOLA, IEEE, MLA, Bluebook, Harvard) and
// formats the test document with each: every style parses without errors,
// every citation and entry has text, and the authors' names appear.
func TestRealStyles(t *testing.T) {
	dir := filepath.Join(sharedTestdata, "csl/styles")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csl"))
	if len(files) == 0 {
		tooltest.Missing(t, "the CSL styles of the shared test data", "expected in "+dir)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".csl")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, ds := ParseStyle(source.NewFile(name+".csl", data))
			if s == nil || ds.HasErrors() {
				t.Fatalf("parse: %v", ds)
			}
			for _, d := range ds {
				t.Logf("%s", d)
			}
			cites, bibl := renderDocument(t, s, Options{Locales: testLocales()})
			for i, c := range cites {
				if c.IsEmpty() {
					t.Errorf("citation %d is empty", i+1)
				}
			}
			if s.HasBibliography() {
				if len(bibl) != 8 {
					t.Errorf("bibliography has %d entries, want 8", len(bibl))
				}
				all := ""
				for _, e := range bibl {
					all += e.Text.String() + "\n"
				}
				for _, want := range []string{"Doe", "Smith", "Mačák", "United Nations General Assembly", "A/70/174"} {
					if !strings.Contains(all, want) {
						t.Errorf("bibliography lacks %q:\n%s", want, all)
					}
				}
			}
			t.Logf("first citation: %s", cites[0].String())
		})
	}
}
