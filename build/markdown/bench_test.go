package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// corpus generates about size bytes of a commentary chapter as editors
// write it: sections, numbered paragraphs with citations and
// cross-references, footnotes, inline notes, tables with captions and
// definition lists.
func corpus(size int) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Norm 13(c): Territory not to be used for *wrongful acts*\"\nid: bench\nnorm: 13c\nauthors: [Working Group 13(c)]\nstatus: draft\n---\n\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Section %d: state practice {#sec:s%d}\n\n", i, i)
		for p := 0; p < 4; p++ {
			fmt.Fprintf(&b, "States have \"long\" accepted that territory -- whether land, sea or air -- may not be used to harm others.[^n%d-%d] "+
				"The *Corfu Channel* case is the usual authority [see @icj-1949-corfu, p. %d; @schmitt-2017-tallinn, r. 6 and commentary], "+
				"and @un-a-70-174 [para. 13(c)] restates it, as @Sec:s%d explains.^[An inline note with **emphasis**, `code` and [@doe-2020, ch. 3].]\n"+
				"A second line of the paragraph refers to [@tbl:t%d; @fig:f%d] and to <https://example.org/report.pdf>.\n\n",
				i, p, 100+p, i, i, i)
		}
		fmt.Fprintf(&b, "| Instrument | Year | Binding |\n|:-----------|-----:|:-------:|\n")
		for r := 0; r < 5; r++ {
			fmt.Fprintf(&b, "| Report %d | %d | *no* |\n", r, 2010+r)
		}
		fmt.Fprintf(&b, "\n: Instruments on due diligence {#tbl:t%d}\n\n", i)
		b.WriteString("ICT\n: Information and communications technology\n\nGGE\n: Group of Governmental Experts\n\n")
		b.WriteString("- first point, citing @mueller-2019\n- second point\n- third point with a [link](https://example.org)\n\n")
		for p := 0; p < 4; p++ {
			fmt.Fprintf(&b, "[^n%d-%d]: See @tallinn-2017, rule 6; the note continues with \"quoted\" text... and more.\n\n    A second paragraph of the note.\n\n", i, p)
		}
	}
	return []byte(b.String())
}

// BenchmarkParseChapter parses 1 MB of generated Markdown.
// go test ./build/markdown -run '^$' -bench ParseChapter -benchmem
func BenchmarkParseChapter(b *testing.B) {
	data := corpus(1 << 20)
	f := source.NewFile("chapters/bench.md", data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		_, diags := ParseChapter(f, Options{Lang: "en-GB"})
		if diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
}

// BenchmarkParseSmallChapter shows the fixed cost of one call (a goldmark
// instance per call, for the chapter's language).
func BenchmarkParseSmallChapter(b *testing.B) {
	data := []byte("---\ntitle: Short\n---\n\nOne paragraph with a citation [@doe-2020, p. 3].\n")
	f := source.NewFile("chapters/small.md", data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ParseChapter(f, Options{})
	}
}
