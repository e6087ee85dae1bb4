package cover

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"github.com/normpress/normpress/build/doc"
)

func TestPNG(t *testing.T) {
	pub := &doc.Publication{Title: "Commentary on the 2015 GGE Norms of Responsible State Behaviour", Subtitle: "A norm-by-norm commentary",
		Editors: []string{"Ada Editor", "Ben Editor"}, Edition: "First edition", Date: "2026-11-01"}
	a, err := PNG(pub, EPUBWidth)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PNG(pub, EPUBWidth)
	if !bytes.Equal(a, b) {
		t.Error("two covers of the same publication differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != EPUBWidth || r.Dy() != 1500 {
		t.Errorf("size %v", r)
	}
	// Text was drawn: some pixels are ink, not background.
	inked := 0
	for y := 300; y < 500; y += 2 {
		for x := 100; x < 900; x += 2 {
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 > 0xe0 {
				inked++
			}
		}
	}
	if inked < 500 {
		t.Errorf("only %d inked pixels in the title area", inked)
	}
	if os.Getenv("COVER_OUT") != "" {
		os.WriteFile(os.Getenv("COVER_OUT"), a, 0o644)
	}
	// The byline is in the publication's language, and a cover drawn
	// again from the same words (serve's next build) is the same.
	fr := *pub
	fr.Terms = &doc.Terms{Lang: "fr", Words: map[doc.Term]string{doc.TermEditedBy: "sous la direction de", doc.TermAnd: "et"}}
	c, _ := PNG(&fr, EPUBWidth)
	if bytes.Equal(a, c) {
		t.Error("the French cover is the English one")
	}
	if d, _ := PNG(&fr, EPUBWidth); !bytes.Equal(c, d) {
		t.Error("the French cover drawn twice differs")
	}
	c[0] = 0 // the caller's own bytes: the next cover is not changed
	if d, _ := PNG(&fr, EPUBWidth); d[0] == 0 {
		t.Error("PNG hands out the bytes it keeps")
	}
	// A word too long for a line still fits.
	if _, err := PNG(&doc.Publication{Title: "Supercalifragilisticexpialidociousnessesandmoreandmore"}, WebWidth); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkPNG(b *testing.B) {
	pub := &doc.Publication{Title: "Commentary on the 2015 GGE Norms", Subtitle: "A norm-by-norm commentary", Editors: []string{"Ada Editor"}, Date: "2026"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PNG(pub, WebWidth); err != nil {
			b.Fatal(err)
		}
	}
}
