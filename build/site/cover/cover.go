// Package cover draws a publication's cover from its metadata when the
// manifest gives no image. The landing page, the contents page and the
// EPUB show the same picture, so it lives below both renderers.
//
// The image is paletted: the text is drawn as coverage into a grey mask and
// mapped onto sixteen shades between background and ink, which keeps the
// antialiasing and makes a PNG a tenth the size (and time) of an RGBA one.
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/normpress/normpress/build/doc"
)

// Sizes of the generated cover, in pixels wide; the height is one and a
// half times that (2:3, a royal octavo page). EPUB reading systems show
// covers full screen; the web pages show them 11rem wide, so half the
// pixels are plenty there and a quarter of the work.
const (
	EPUBWidth = 1000
	WebWidth  = 500
)

// Height is the height of a cover width pixels wide.
func Height(width int) int { return width * 3 / 2 }

var (
	background = color.RGBA{0x1f, 0x33, 0x4f, 0xff} // deep blue
	ink        = color.RGBA{0xf4, 0xef, 0xe4, 0xff} // warm white
	accent     = color.RGBA{0xc8, 0x9b, 0x3c, 0xff} // ochre rule
)

const shades = 16

// PNG draws the cover of pub, width pixels wide, and encodes it. The
// layout is drawn on a 1000-unit-wide grid and scaled.
func PNG(pub *doc.Publication, width int) ([]byte, error) {
	faces, err := loadFaces()
	if err != nil {
		return nil, err
	}
	scale := float64(width) / 1000
	px := func(v int) int { return int(float64(v)*scale + 0.5) }
	pt := func(v float64) float64 { return v * scale }
	wd, ht := width, Height(width)
	mask := image.NewGray(image.Rect(0, 0, wd, ht))
	margin := px(100)
	textW := wd - 2*margin

	y := px(300)
	y = drawWrapped(mask, faces.bold, pt(84), pub.Title, margin, y, textW, 1.15)
	if pub.Subtitle != "" {
		y = drawWrapped(mask, faces.italic, pt(46), pub.Subtitle, margin, y+px(40), textW, 1.25)
	}
	ruleY := y + px(60)

	var lower []string
	if len(pub.Editors) > 0 {
		lower = append(lower, "Edited by "+joinNames(pub.Editors))
	} else if len(pub.Contributors) > 0 {
		lower = append(lower, joinNames(pub.Contributors))
	}
	by := ruleY + px(120)
	for _, l := range lower {
		by = drawWrapped(mask, faces.regular, pt(40), l, margin, by, textW, 1.3)
	}
	foot := strings.TrimSpace(strings.Join(nonEmpty(pub.Edition, year(pub.Date)), " · "))
	if foot != "" {
		drawWrapped(mask, faces.regular, pt(34), foot, margin, ht-px(140), textW, 1.3)
	}

	pal := make(color.Palette, 0, shades+1)
	for i := range shades {
		pal = append(pal, lerp(background, ink, i, shades-1))
	}
	pal = append(pal, accent)
	img := image.NewPaletted(mask.Rect, pal)
	for i, v := range mask.Pix {
		img.Pix[i] = uint8((int(v)*(shades-1) + 127) / 255)
	}
	// Frame and rule in the accent colour.
	fill(img, image.Rect(margin, px(180), margin+px(160), px(188)), shades)
	fill(img, image.Rect(margin, ruleY, wd-margin, ruleY+max(1, px(4))), shades)
	fill(img, image.Rect(px(40), px(40), wd-px(40), px(44)), shades)
	fill(img, image.Rect(px(40), ht-px(44), wd-px(40), ht-px(40)), shades)

	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type faceSet struct{ regular, bold, italic *opentype.Font }

func loadFaces() (faceSet, error) {
	var fs faceSet
	var err error
	for _, f := range []struct {
		dst  **opentype.Font
		data []byte
	}{{&fs.regular, liberationserifregular.TTF}, {&fs.bold, liberationserifbold.TTF}, {&fs.italic, liberationserifitalic.TTF}} {
		if *f.dst, err = opentype.Parse(f.data); err != nil {
			return fs, fmt.Errorf("cover font: %w", err)
		}
	}
	return fs, nil
}

// drawWrapped sets text in lines no wider than w, starting with the first
// baseline one ascent below y, and returns the y below the last line. A word
// wider than the line shrinks the size until it fits.
func drawWrapped(dst *image.Gray, f *opentype.Font, size float64, text string, x, y, w int, leading float64) int {
	words := strings.Fields(text)
	if len(words) == 0 {
		return y
	}
	var face font.Face
	for ; size > 8; size *= 0.9 {
		face, _ = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		widest := 0
		for _, wd := range words {
			widest = max(widest, font.MeasureString(face, wd).Ceil())
		}
		if widest <= w {
			break
		}
	}
	if face == nil {
		return y
	}
	d := &font.Drawer{Dst: dst, Src: image.White, Face: face}
	lineH := int(size * leading)
	var lines []string
	cur := ""
	for _, wd := range words {
		try := wd
		if cur != "" {
			try = cur + " " + wd
		}
		if cur != "" && font.MeasureString(face, try).Ceil() > w {
			lines = append(lines, cur)
			cur = wd
		} else {
			cur = try
		}
	}
	lines = append(lines, cur)
	base := y + int(size*0.8)
	for _, l := range lines {
		d.Dot = fixed.P(x, base)
		d.DrawString(l)
		base += lineH
	}
	return base - lineH + int(size*0.3)
}

func fill(img *image.Paletted, r image.Rectangle, idx uint8) {
	draw.Draw(img, r, &image.Uniform{img.Palette[idx]}, image.Point{}, draw.Src)
}

func lerp(a, b color.RGBA, i, n int) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8((int(x)*(n-i) + int(y)*i) / n) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

func joinNames(ns []string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

func year(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return date
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
