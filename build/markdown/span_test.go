package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Every inline the reader makes carries the span it was read from, so that
// a renderer's problem with it (a glyph no font has) points at the source.
func TestEveryInlineHasSpan(t *testing.T) {
	src := "---\ntitle: Spans\n---\n\n" +
		"Text *emph* **strong** ~~struck~~ `code` <sup>2</sup> <sub>x</sub> <span class=\"smallcaps\">sc</span>\n" +
		"a [link](https://example.org) <https://example.org> and a note[^1] and ^[an inline note] line  \n" +
		"break, a citation [see @doe, p. 3] and @sec:x and <em>raw</em>.\n\n" +
		"[^1]: The *note* text.\n"
	ch, ds := ParseChapter(source.NewFile("spans.md", []byte(src)), Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	kinds := inlineKinds(ch.Doc)
	for _, k := range []string{"*doc.Text", "*doc.Emph", "*doc.Strong", "*doc.Strike", "*doc.Code", "*doc.Sup", "*doc.Sub", "*doc.SmallCaps",
		"*doc.Link", "*doc.Note", "*doc.Cite", "*doc.XRef", "*doc.SoftBreak", "*doc.LineBreak"} {
		if !kinds[k] {
			t.Errorf("the test text has no %s", k)
		}
	}
	// The example project, as a user writes it.
	files, _ := filepath.Glob(filepath.Join("..", "..", "chapters", "*", "*.md"))
	if len(files) == 0 {
		t.Fatal("no example chapters")
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f := source.NewFile(path, data)
		ch, ds := ParseChapter(f, Options{})
		checkSpans(t, f, ch, ds)
	}
}

func inlineKinds(ch *doc.Chapter) map[string]bool {
	kinds := map[string]bool{}
	doc.Visitor{Inline: func(in doc.Inline) bool {
		kinds[fmt.Sprintf("%T", in)] = true
		return true
	}}.WalkBlocks(ch.Blocks)
	return kinds
}
