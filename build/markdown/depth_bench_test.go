package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// deep is a chapter whose one line opens depth block quotes or list items,
// followed by as many lazy continuation lines: the hostile input of issue
// 15 (100k levels took about a minute).
func deep(marker string, depth int) []byte {
	return []byte("---\ntitle: Deep\n---\n\n" + strings.Repeat(marker, depth) + "x\n" + strings.Repeat("y\n", depth))
}

// BenchmarkDeepNesting: the time and memory of a hostile nesting must grow
// in proportion to the input, not to its square.
func BenchmarkDeepNesting(b *testing.B) {
	for _, marker := range []string{"> ", "- "} {
		for _, depth := range []int{1000, 4000, 16000} {
			data := deep(marker, depth)
			b.Run(fmt.Sprintf("%q/%d", marker, depth), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					ParseChapter(source.NewFile("c/deep.md", data), Options{Lang: "en"})
				}
			})
		}
	}
}

// TestDeepNesting: nesting beyond MaxNesting is refused with an error at
// the marker that goes too deep; nesting up to it is read as before.
func TestDeepNesting(t *testing.T) {
	for _, marker := range []string{"> ", "- ", "1. ", ">", "* > 2) "} {
		_, ds := ParseChapter(source.NewFile("c/deep.md", deep(marker, 100000)), Options{Lang: "en"})
		if len(ds) != 1 || ds[0].Code != "too-deep" || ds[0].Position().Line != 5 {
			t.Errorf("%q ×100000: %v", marker, ds)
		}
		ch, ds := ParseChapter(source.NewFile("c/ok.md", deep(marker, MaxNesting/3)), Options{Lang: "en"})
		if len(ds) != 0 || len(ch.Doc.Blocks) != 1 {
			t.Errorf("%q ×%d: %v %d blocks", marker, MaxNesting/3, ds, len(ch.Doc.Blocks))
		}
	}
	_, ds := ParseChapter(source.NewFile("c/deep.md", deep("> ", MaxNesting+1)), Options{Lang: "en"})
	if len(ds) != 1 || ds[0].Position().String() != "c/deep.md:5:201" {
		t.Errorf("one level too deep: %v", ds)
	}
	// Text that only looks like markers is not counted.
	for _, line := range []string{strings.Repeat("-x ", 500), strings.Repeat("1.5 ", 500), strings.Repeat("--- ", 10)} {
		if _, ds := ParseChapter(source.NewFile("c/ok.md", []byte("---\ntitle: T\n---\n\n"+line+"\n")), Options{Lang: "en"}); len(ds) != 0 {
			t.Errorf("%.20q…: %v", line, ds)
		}
	}
}

// TestNUL: a NUL byte is reported where it is, not silently replaced.
func TestNUL(t *testing.T) {
	_, ds := ParseChapter(source.NewFile("c/nul.md", []byte("---\ntitle: T\n---\n\nab\x00\x00c\n")), Options{Lang: "en"})
	if len(ds) != 1 || ds[0].Code != "nul-character" || ds[0].Sev != source.Warning || ds[0].Position().String() != "c/nul.md:5:3" {
		t.Errorf("%v", ds)
	}
}
