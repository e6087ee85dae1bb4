package doc_test

import (
	"strconv"
	"testing"

	"github.com/normpress/normpress/build/doc"
	. "github.com/normpress/normpress/build/doc/doctest"
)

// bigChapter is a chapter of n numbered paragraphs, each with emphasis,
// a cross-reference and a note.
func bigChapter(n int) *doc.Chapter {
	ch := &doc.Chapter{ID: "c", Title: Ts("A chapter")}
	for i := range n {
		ch.Blocks = append(ch.Blocks, NP(i+1, T("Paragraph "+strconv.Itoa(i)+" says "), Em(T("something")), T(" about "), X("§ 2", "", "c", "s2"), Note(P(T("A note.")))))
	}
	return ch
}

func TestDigestSeesEveryChange(t *testing.T) {
	f := doc.NewFingerprint()
	sum := func(ch *doc.Chapter) doc.Sum {
		d := f.New()
		d.Chapter(ch)
		return d.Sum()
	}
	a, b := bigChapter(3), bigChapter(3)
	if sum(a) != sum(b) {
		t.Fatal("two equal chapters digest differently")
	}
	for name, change := range map[string]func(ch *doc.Chapter){
		"text":   func(ch *doc.Chapter) { ch.Blocks[1].(*doc.Para).Inlines[0].(*doc.Text).Value += "!" },
		"number": func(ch *doc.Chapter) { ch.Blocks[2].(*doc.Para).Num = 9 },
		"anchor": func(ch *doc.Chapter) { ch.Blocks[0].(*doc.Para).Attr.ID = "x" },
		"title":  func(ch *doc.Chapter) { ch.Title = Ts("Another") },
	} {
		c := bigChapter(3)
		change(c)
		if sum(c) == sum(a) {
			t.Errorf("a change of the %s leaves the digest as it was", name)
		}
	}
}

// BenchmarkDigestChapter is serve's cost per chapter per save of telling
// whether the chapter's page must be rendered again.
func BenchmarkDigestChapter(b *testing.B) {
	f := doc.NewFingerprint()
	ch := bigChapter(200)
	b.ReportAllocs()
	for b.Loop() {
		d := f.New()
		d.Chapter(ch)
		d.Sum()
	}
}
