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
	"sync"

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

// text is what a cover shows; the picture depends on nothing else.
type text struct {
	width                           int
	title, subtitle, byline, footer string
}

// drawn keeps the covers drawn, by what they show: serve rebuilds the
// site on every save, and drawing a cover costs more than rendering a
// chapter page. Bounded: a process drawing many covers starts afresh.
var drawn = struct {
	sync.Mutex
	m map[text][]byte
}{m: map[text][]byte{}}

const keepDrawn = 64

// PNG draws the cover of pub, width pixels wide, and encodes it, in the
// publication's language ("Edited by", "Sous la direction de"). The
// layout is drawn on a 1000-unit-wide grid and scaled. The bytes are the
// caller's own.
func PNG(pub *doc.Publication, width int) ([]byte, error) {
	t := text{width: width, title: pub.Title, subtitle: pub.Subtitle, byline: pub.Byline(),
		footer: strings.TrimSpace(strings.Join(nonEmpty(pub.Edition, year(pub.Date)), " · "))}
	drawn.Lock()
	data, ok := drawn.m[t]
	drawn.Unlock()
	if ok {
		return bytes.Clone(data), nil
	}
	data, err := paint(t)
	if err != nil {
		return nil, err
	}
	drawn.Lock()
	if len(drawn.m) >= keepDrawn {
		clear(drawn.m)
	}
	drawn.m[t] = data
	drawn.Unlock()
	return bytes.Clone(data), nil
}

func paint(t text) ([]byte, error) {
	width := t.width
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
	y = drawWrapped(mask, faces.bold, pt(84), t.title, margin, y, textW, 1.15)
	if t.subtitle != "" {
		y = drawWrapped(mask, faces.italic, pt(46), t.subtitle, margin, y+px(40), textW, 1.25)
	}
	ruleY := y + px(60)
	if t.byline != "" {
		drawWrapped(mask, faces.regular, pt(40), t.byline, margin, ruleY+px(120), textW, 1.3)
	}
	if t.footer != "" {
		drawWrapped(mask, faces.regular, pt(34), t.footer, margin, ht-px(140), textW, 1.3)
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
