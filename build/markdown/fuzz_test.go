package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// FuzzParseChapter: no input panics, and every diagnostic and every node
// points inside its file. New()'s HTML renderer must not panic either (a
// node kind without a renderer would). Seeded with the CommonMark examples
// and the golden inputs.
// go test ./build/markdown -run '^$' -fuzz FuzzParseChapter -fuzztime 60s
func FuzzParseChapter(f *testing.F) {
	for _, ex := range loadSpec(f, "commonmark/spec.json") {
		f.Add([]byte(ex.Markdown))
		f.Add([]byte(fm + ex.Markdown))
	}
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("---\ntitle: [x\n---\n"))
	f.Add([]byte("---\ntitle: \"a \\u00e9 \\\" \\x41 \\U0001F600 \\\n  b [c](javascript:1)\"\nabstract: >\n  x\n\n  y [z](javascript:1)\nshort-title: 'it''s *x*'\n---\n"))
	f.Add([]byte("\xEF\xBB\xBF---\r\ntitle: \"a\"\r\n---\r\n^[x [@a] ^[y]] [^n]\r\n\r\n[^n]: z\r\n"))
	f.Add([]byte(fm + "[a [*b* \"c\"]{lang=fr} d]{.x lang=de} [e]{lang=} [f]{.}\n"))
	f.Add([]byte(fm + "[due diligence]{.index} []{.index entry=\"a!b\" sort='c'} [x]{.index entry=\"{\" y}\n"))
	md := New(Options{RawHTML: true})
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("chapters/fuzz.md", data)
		c, diags := ParseChapter(file, Options{})
		checkSpans(t, file, c, diags)
		var b bytes.Buffer
		if err := md.Convert(data, &b); err != nil {
			t.Fatalf("render: %v", err)
		}
		blocks, _, fdiags := ParseFragment(file, string(data), 0, 2, Options{Lang: "de"})
		checkSpans(t, file, &Chapter{Doc: &doc.Chapter{Blocks: blocks}}, fdiags)
	})
}
