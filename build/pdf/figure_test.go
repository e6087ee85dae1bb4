package pdf

import (
	"image/color"
	"math"
	"testing"

	"github.com/normpress/normpress/build/doc"
)

// TestFigureSize: a figure's Width is a share of the measure; without
// one, a bitmap fills the measure unless that enlarges it past 1.5 times
// its size at 150 dpi; and no image is taller than the cap.
func TestFigureSize(t *testing.T) {
	const measure, maxH = 300.0, 400.0
	for _, tc := range []struct {
		name         string
		share        float64
		pxW, pxH     int
		wantW, wantH float64
	}{
		{"wide screenshot fills the measure", 0, 1600, 700, 300, 131.25},
		{"small chart is not blown up", 0, 400, 250, 288, 180},
		{"icon stays small", 0, 40, 40, 28.8, 28.8},
		{"just at the cap", 0, 416, 208, 299.52, 149.76},
		{"share of the measure", 0.6, 1600, 700, 180, 78.75},
		{"a share enlarges a small image as asked", 0.5, 40, 40, 150, 150},
		{"full share", 1, 400, 250, 300, 187.5},
		{"share beyond the measure is ignored", 1.5, 1600, 700, 300, 131.25},
		{"too tall: height capped, proportions kept", 0, 1000, 2000, 200, 400},
		{"too tall with a share", 0.8, 1000, 2000, 200, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, h := figureSize(tc.share, &imageInfo{w: tc.pxW, h: tc.pxH}, measure, maxH)
			if math.Abs(w-tc.wantW) > 1e-9 || math.Abs(h-tc.wantH) > 1e-9 {
				t.Errorf("%.2f × %.2f pt, want %.2f × %.2f", w, h, tc.wantW, tc.wantH)
			}
		})
	}
}

// TestFigureWidthOnPage sets figures through the engine: the image is
// centred in the measure at the size asked for, inside a quotation too.
func TestFigureWidthOnPage(t *testing.T) {
	pub := samplePub()
	wide := &doc.Asset{Path: "images/wide.png", MediaType: "image/png", Data: testPNG(1600, 700, color.RGBA{20, 40, 60, 255}), Width: 1600, Height: 700}
	pub.Assets = append(pub.Assets, wide)
	e := newEngine(pub, Options{}, newFontSet(doc.Fonts{}, nil))
	e.chapter = pub.Chapters[0]
	body := e.bodyCtx()
	quote := body
	quote.left, quote.width = 20, body.width-40
	for _, tc := range []struct {
		name  string
		width float64
		c     ctx
		want  float64 // share of c.width
	}{
		{"default", 0, body, 1},
		{"60%", 0.6, body, 0.6},
		{"25%", 0.25, body, 0.25},
		{"60% of a quotation's measure", 0.6, quote, 0.6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := e.figure(&doc.Figure{Asset: wide, Width: tc.width, Alt: "wide"}, tc.c)
			var img *op
			for _, it := range items {
				for i := range it.ops {
					if it.ops[i].kind == opImage {
						img = &it.ops[i]
					}
				}
			}
			if img == nil {
				t.Fatal("no image drawn")
			}
			if want := tc.want * tc.c.width; math.Abs(img.w-want) > 1e-6 {
				t.Errorf("image %.2f pt wide, want %.2f", img.w, want)
			}
			if left, right := img.x-tc.c.left, tc.c.left+tc.c.width-(img.x+img.w); math.Abs(left-right) > 1e-6 {
				t.Errorf("not centred: %.2f pt left, %.2f right", left, right)
			}
		})
	}
	if diags := e.diags; len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}
