package doc

import (
	"reflect"
	"testing"

	"github.com/normpress/normpress/build/source"
)

func cloneFixture() *Chapter {
	f := source.NewFile("c.md", []byte("Text [^1]"))
	note := &Note{ID: "fn-1", Blocks: []Block{&Para{Inlines: []Inline{&Text{Value: "A note."}}}}}
	return &Chapter{
		ID:    "c",
		Title: []Inline{&Emph{Inlines: []Inline{&Text{Span: f.At(0), Value: "Title"}}}},
		Blocks: []Block{&Para{Attr: Attr{ID: "p1", Classes: []string{"x"}}, Inlines: []Inline{
			&Text{Span: source.Span{File: f, Start: 0, End: 4}, Value: "Text"}, note,
			&Cite{Items: []CiteItem{{Key: "k"}}},
		}}},
		Notes: []*Note{note},
	}
}

// TestClone: the copy is equal, shares nothing a resolve step changes,
// keeps the sharing inside (a note in the text and in Notes) and shares
// the source file.
func TestClone(t *testing.T) {
	ch := cloneFixture()
	c := Clone(ch)
	if !reflect.DeepEqual(ch, c) {
		t.Fatal("the clone differs")
	}
	para := c.Blocks[0].(*Para)
	if para == ch.Blocks[0].(*Para) {
		t.Fatal("the clone shares a block")
	}
	if para.Inlines[1].(*Note) != c.Notes[0] {
		t.Error("the note in the text and in Notes are no longer one")
	}
	if para.Inlines[0].(*Text).Span.File != ch.Blocks[0].(*Para).Inlines[0].(*Text).Span.File {
		t.Error("the source file was copied")
	}
	// Changing the clone as resolve does leaves the original alone.
	para.Inlines[2].(*Cite).Text = []Inline{&Text{Value: "(K 2020)"}}
	para.Attr.Classes[0] = "y"
	c.Notes[0].Num = 7
	if ch.Blocks[0].(*Para).Inlines[2].(*Cite).Text != nil || ch.Blocks[0].(*Para).Attr.Classes[0] != "x" || ch.Notes[0].Num != 0 {
		t.Error("changing the clone changed the original")
	}
}

// TestFingerprint: equal content digests alike, any change differently;
// another chapter a node points to counts by its ID only.
func TestFingerprint(t *testing.T) {
	fp := NewFingerprint()
	sum := func(ch *Chapter) Sum {
		d := fp.New()
		d.Chapter(ch)
		return d.Sum()
	}
	a, b := cloneFixture(), cloneFixture()
	if sum(a) != sum(b) {
		t.Fatal("equal chapters digest differently")
	}
	b.Blocks[0].(*Para).Inlines[0].(*Text).Value = "Texts"
	if sum(a) == sum(b) {
		t.Error("a changed word is not seen")
	}
	b = cloneFixture()
	b.Notes[0].Num = 2
	if sum(a) == sum(b) {
		t.Error("a changed note number is not seen")
	}
	// A norm's chapter map points at whole chapters: only their IDs count.
	other := cloneFixture()
	other.ID = "other"
	a.Norm = &Norm{ID: "13c", Chapter: map[string]*Chapter{"pub": other}}
	b = cloneFixture()
	b.Norm = &Norm{ID: "13c", Chapter: map[string]*Chapter{"pub": Clone(other)}}
	b.Norm.Chapter["pub"].Blocks = nil
	if sum(a) != sum(b) {
		t.Error("the content of another chapter counted")
	}
	b.Norm.Chapter["pub"].ID = "else"
	if sum(a) == sum(b) {
		t.Error("the ID of another chapter did not count")
	}
}
