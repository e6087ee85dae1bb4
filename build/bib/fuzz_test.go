package bib

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// The fuzzers prove what every parser owes its users: no input panics, and
// every diagnostic and item points inside the file it came from. They also
// check the writers: what they write from any file read without errors
// reads back without errors. Run each with go test ./build/bib -fuzz FuzzParseBibTeX -fuzztime 30s.

func seed(f *testing.F, pattern string, extra ...string) {
	m, _ := filepath.Glob(pattern)
	for _, p := range m {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

func checkInside(t *testing.T, f *source.File, items []*Item, ds source.Diags) {
	t.Helper()
	for _, d := range ds {
		if d.Span.File != f || d.Span.Start < 0 || d.Span.Start > d.Span.End || d.Span.End > len(f.Data) {
			t.Fatalf("diagnostic outside its file (%d bytes): %+v %s", len(f.Data), d.Span, d)
		}
		if d.Code == "" || d.Msg == "" {
			t.Fatalf("diagnostic without code or message: %+v", d)
		}
		p := d.Position()
		if p.Line < 1 || p.Col < 1 || p.Line > f.LineCount() {
			t.Fatalf("bad position %v for %s", p, d)
		}
	}
	for _, it := range items {
		if it.Span.File != f || it.Span.Start < 0 || it.Span.Start > it.Span.End || it.Span.End > len(f.Data) {
			t.Fatalf("item %q outside its file: %+v", it.ID, it.Span)
		}
		if it.ID == "" || it.Type == "" {
			t.Fatalf("item without id or type: %+v", it)
		}
	}
}

func checkWriters(t *testing.T, items []*Item) {
	t.Helper()
	for _, w := range []struct {
		name  string
		write func([]*Item) []byte
	}{{"out.json", WriteCSLJSON}, {"out.yaml", WriteCSLYAML}, {"out.bib", WriteBibTeX}} {
		out := w.write(items)
		back, ds := Parse(source.NewFile(w.name, out))
		if ds.HasErrors() {
			t.Fatalf("%s does not read back:\n%s\n%s", w.name, diagList(ds), out)
		}
		if len(back) != len(items) && w.name != "out.bib" {
			t.Fatalf("%s: %d items became %d\n%s", w.name, len(items), len(back), out)
		}
	}
}

func FuzzParseBibTeX(f *testing.F) {
	seed(f, "testdata/*.bib",
		"@string{a = {x}} @book{k, title = a # {y}, author = {von B, Jr, A and {C} and others}, date = {2020/2021}}",
		"@book{k, title = {unclosed\n@book{j, title = {J}}",
		"@book{k, crossref = {k}} @xdata{x, xdata = {x}} @book{j, xdata = {x}}",
		`@book{k, title = {$x^{2}_i$ \"{o} {\em a {\bf b}} \url{http://x} \c}`,
	)
	f.Add(mustRead(f, "../../chapters/bib/references.bib"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("fuzz.bib", data)
		items, ds := ParseBibTeX(file)
		checkInside(t, file, items, ds)
		if !ds.HasErrors() {
			checkWriters(t, items)
		}
	})
}

func FuzzParseCSLJSON(f *testing.F) {
	seed(f, "testdata/*.json",
		`[{"id": 1, "type": "book", "issued": {"date-parts": [["2020", 1], [2021]], "circa": "1"}, "author": [{"literal": "x"}]}]`,
		`[{"id": "a", "type": "book", "title": "\ud83d\ude00 \u00e9"},]`,
		`{"id": "solo", "type": "webpage"}`,
	)
	f.Add(mustRead(f, "../../chapters/bib/un-documents.json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("fuzz.json", data)
		items, ds := ParseCSLJSON(file)
		checkInside(t, file, items, ds)
		if !ds.HasErrors() {
			checkWriters(t, items)
		}
	})
}

func FuzzParseCSLYAML(f *testing.F) {
	seed(f, "testdata/*.yaml",
		"- id: a\n  type: book\n  issued: [{year: 2015, season: 2}, {year: 2016}]\n",
		"references:\n- &x {id: a, type: book}\n- *x\n",
		"- {id: a, type: book, author: [{family: X, comma-suffix: yes}]}\n",
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("fuzz.yaml", data)
		items, ds := ParseCSLYAML(file)
		checkInside(t, file, items, ds)
		if !ds.HasErrors() {
			checkWriters(t, items)
		}
	})
}

func mustRead(f *testing.F, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return data
}
