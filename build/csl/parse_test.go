package csl

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/source"
)

// Each case writes the expected diagnostics beside the line they are
// about, as "<!-- want: col code -->" on that line, so that the
// expectation moves with the line.
func TestParseStyleDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name string
		csl  string
	}{
		{"unknown element and attribute", `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title></info>
  <citation>
    <layout>
      <text variable="title" colour="red"/> <!-- want: 30 csl-unknown-attribute -->
      <textt variable="title"/> <!-- want: 7 csl-unknown-element -->
    </layout>
  </citation>
</style>`},
		{"missing macro", `<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <citation>
    <layout>
      <text macro="author"/> <!-- want: 13 csl-missing-macro -->
    </layout>
  </citation>
</style>`},
		{"macro calling itself", `<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <macro name="a">
    <text macro="a"/> <!-- want: 5 csl-macro-loop -->
  </macro>
  <citation><layout><text macro="a"/></layout></citation>
</style>`},
		{"bad values", `<style xmlns="http://purl.org/net/xbiblio/csl" class="footnote" version="1.0"> <!-- want: 48 csl-bad-value -->
  <citation et-al-min="many"> <!-- want: 13 csl-bad-value -->
    <layout><text variable="title" font-style="slanted"/></layout> <!-- want: 36 csl-bad-value -->
  </citation>
</style>`},
		{"malformed XML", `<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <citation>
    <layout>
      <text variable="title">
    </layout> <!-- want: 14 csl-xml -->
  </citation>
</style>`},
		{"no citation", `<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"> <!-- want: 1 csl-missing-element -->
  <info><title>t</title></info>
</style>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for i, line := range strings.Split(tc.csl, "\n") {
				if j := strings.Index(line, "<!-- want: "); j >= 0 {
					spec := strings.TrimSuffix(strings.TrimSpace(line[j+len("<!-- want: "):]), "-->")
					f := strings.Fields(spec)
					want = append(want, fmt.Sprintf("%d:%s %s", i+1, f[0], f[1]))
				}
			}
			f := source.NewFile("style.csl", []byte(tc.csl))
			_, ds := ParseStyle(f)
			var got []string
			for _, d := range ds.Sort() {
				p := d.Position()
				if p.File != "style.csl" {
					t.Errorf("diagnostic without the file: %s", d)
				}
				got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Col, d.Code))
			}
			sort.Strings(want)
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s\nall: %v", strings.Join(got, "\n"), strings.Join(want, "\n"), ds)
			}
		})
	}
}

func TestParseStyleNotAStyle(t *testing.T) {
	for _, in := range []string{"", "not xml", `<locale xmlns="http://purl.org/net/xbiblio/csl"/>`} {
		s, ds := ParseStyle(source.NewFile("x.csl", []byte(in)))
		if s != nil || !ds.HasErrors() {
			t.Errorf("%q: got style %v, diags %v", in, s != nil, ds)
		}
	}
}

// FuzzParseStyle: no input makes the parser or the processor panic, and
// every diagnostic points inside the file.
func FuzzParseStyle(f *testing.F) {
	for _, name := range BuiltinStyleNames() {
		if data, err := os.ReadFile(filepath.Join("../../templates/styles", name+".csl")); err == nil {
			f.Add(data)
		}
	}
	files, _ := filepath.Glob(filepath.Join(fixturesDir(), "*.txt"))
	if len(files) == 0 {
		tooltest.Missing(f, "the CSL test-suite fixtures (fuzz seeds)", "expected in "+fixturesDir())
	}
	for i, path := range files {
		if i%20 != 0 {
			continue
		}
		if data, err := os.ReadFile(path); err == nil {
			f.Add([]byte(parseFixture("x", data).sections["CSL"]))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("fuzz.csl", data)
		s, ds := ParseStyle(file)
		for _, d := range ds {
			if d.Span.File != file || d.Span.Start < 0 || d.Span.Start > len(data) {
				t.Fatalf("diagnostic outside the file: %v", d)
			}
		}
		if s != nil {
			renderDocument(t, s, Options{})
		}
	})
}

// FuzzRenderItems: no item data makes the processor panic, whatever its
// names, dates and fields hold.
func FuzzRenderItems(f *testing.F) {
	f.Add([]byte(testItemsJSON))
	f.Add([]byte(`[{"id":"a","type":"book","author":[{"family":"van der Berg","given":"J.-P. de"}],"issued":{"date-parts":[[2000,13,40],[-100]]},"page":"xxv-12","edition":"2nd","title":"\"Q's\" <i>x</i>"}]`))
	f.Add([]byte(`[{"id":"b","issued":{"raw":"Spring 2001/2003"},"note":"original-date: 1850\neditor: Doe || Jane","author":[{"literal":"UN"}]}]`))
	styles := []*Style{}
	for _, name := range BuiltinStyleNames() {
		s, _, ok := BuiltinStyle(os.DirFS("../../templates"), name)
		if ok {
			styles = append(styles, s)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := readCSLJSON(data)
		if err != nil || len(items) == 0 {
			return
		}
		byID := map[string]*bib.Item{}
		for _, it := range items {
			byID[it.ID] = it
		}
		for _, s := range styles {
			p := NewProcessor(s, func(id string) *bib.Item { return byID[id] }, Options{})
			for i, it := range items {
				p.AddCitation(Citation{NoteNumber: i + 1, Items: []CiteItem{{ID: it.ID, Locator: "1-3"}}})
				p.AddCitation(Citation{NoteNumber: i + 2, Items: []CiteItem{{ID: it.ID}}})
			}
			p.Citations()
			p.Bibliography()
		}
	})
}
