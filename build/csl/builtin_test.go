package csl

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// loadBuiltin reads a built-in style from the repository's templates.
func loadBuiltin(t testing.TB, name string) *Style {
	t.Helper()
	s, ds, ok := BuiltinStyle(os.DirFS("../../templates"), name)
	if !ok {
		t.Fatalf("built-in style %q not found", name)
	}
	if len(ds) > 0 {
		t.Fatalf("built-in style %q: %v", name, ds)
	}
	return s
}

// renderDocument formats the test citations (in notes 1, 2, … for a note
// style) and the bibliography.
func renderDocument(t testing.TB, s *Style, opts Options) ([]Rich, []Entry) {
	t.Helper()
	items, _ := testItems(t)
	p := NewProcessor(s, func(id string) *bib.Item { return items[id] }, opts)
	for i, c := range testCitations {
		if s.IsNote() {
			c.NoteNumber = i + 1
		}
		if _, err := p.AddCitation(c); err != nil {
			t.Fatal(err)
		}
	}
	return p.Citations(), p.Bibliography()
}

func TestBuiltinStylesGolden(t *testing.T) {
	for _, name := range BuiltinStyleNames() {
		t.Run(name, func(t *testing.T) {
			s := loadBuiltin(t, name)
			cites, bibl := renderDocument(t, s, Options{})
			var b strings.Builder
			fmt.Fprintf(&b, "# %s (%s)\n\n## citations\n", s.Title, s.Class())
			for i, c := range cites {
				fmt.Fprintf(&b, "%d. %s\n   %s\n", i+1, c.String(), c.HTML())
			}
			b.WriteString("\n## bibliography\n")
			for _, e := range bibl {
				fmt.Fprintf(&b, "%s\n   %s\n", e.Text.String(), e.Text.HTML())
			}
			got := b.String()
			path := filepath.Join("testdata", "builtin-"+name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update after checking):\n%s", path, got)
			}
		})
	}
}

// TestBuiltinStylesKeyForms pins the forms a commentary relies on, apart
// from the golden files.
func TestBuiltinStylesKeyForms(t *testing.T) {
	for _, tc := range []struct {
		style string
		cite  int // index into testCitations
		want  string
	}{
		{"chicago-notes", 1, "United Nations General Assembly, Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security, UN Doc. A/70/174 (July 22, 2015), para. 13."},
		{"chicago-notes", 2, "Ibid."},
		{"chicago-notes", 3, "Ibid., para. 15."},
		{"chicago-notes", 5, "Doe, Cyber Norms and State Behaviour: A Study, 50–52."},
		{"chicago-notes", 8, "United Nations General Assembly, Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security, A/68/98 (2013), para. 4."},
		{"author-date", 0, "(Doe 2020a, 45)"},
		{"author-date", 7, "(Doe 2020b, 12)"},
		{"numeric", 0, "[1, p. 45]"},
		{"numeric", 6, "[4, 5]"},
	} {
		t.Run(fmt.Sprintf("%s/%d", tc.style, tc.cite), func(t *testing.T) {
			cites, _ := renderDocument(t, loadBuiltin(t, tc.style), Options{})
			if got := cites[tc.cite].String(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
