package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// canvas is an RGBA image with the few drawing operations the figure
// needs. Shapes are anti-aliased by exact 4×4 supersampling of a coverage
// test, which keeps the output identical on every platform (no floating
// point rasteriser state, no randomness).
type canvas struct {
	img   *image.RGBA
	faces map[faceKey]font.Face
}

type faceKey struct {
	bold bool
	size float64
}

func newCanvas(w, h int, bg color.Color) *canvas {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	return &canvas{img: img, faces: map[faceKey]font.Face{}}
}

// face returns a Go font face at size pixels; faces are cached per canvas,
// never in package state.
func (c *canvas) face(bold bool, size float64) (font.Face, error) {
	k := faceKey{bold, size}
	if f, ok := c.faces[k]; ok {
		return f, nil
	}
	ttf := goregular.TTF
	if bold {
		ttf = gobold.TTF
	}
	parsed, err := opentype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("parse Go font: %w", err)
	}
	f, err := opentype.NewFace(parsed, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("Go font face: %w", err)
	}
	c.faces[k] = f
	return f, nil
}

// blend paints colour col over the pixel at (x, y) with coverage n/16.
// Integer arithmetic: the result cannot depend on whether the compiler
// fuses a multiply-add on the target architecture.
func (c *canvas) blend(x, y int, col color.RGBA, n int) {
	if n <= 0 || !(image.Point{x, y}).In(c.img.Bounds()) {
		return
	}
	if n > 16 {
		n = 16
	}
	i := c.img.PixOffset(x, y)
	p := c.img.Pix[i : i+4 : i+4]
	mix := func(dst, src uint8) uint8 {
		return uint8((int(dst)*(16-n) + int(src)*n + 8) / 16)
	}
	p[0] = mix(p[0], col.R)
	p[1] = mix(p[1], col.G)
	p[2] = mix(p[2], col.B)
	p[3] = 255
}

// sq is x², rounded on its own: the explicit conversion stops the compiler
// from fusing it into a following addition (Go spec, "Arithmetic operators"),
// so coverage tests give the same answer on every architecture.
func sq(x float64) float64 { return float64(x * x) }

// fillShape fills every pixel of the box [x0, x1) × [y0, y1) by the share of
// its 16 sample points that inside reports as covered.
func (c *canvas) fillShape(x0, y0, x1, y1 float64, col color.RGBA, inside func(x, y float64) bool) {
	for py := int(math.Floor(y0)); py < int(math.Ceil(y1)); py++ {
		for px := int(math.Floor(x0)); px < int(math.Ceil(x1)); px++ {
			n := 0
			for sy := 0; sy < 4; sy++ {
				for sx := 0; sx < 4; sx++ {
					if inside(float64(px)+(float64(sx)+0.5)/4, float64(py)+(float64(sy)+0.5)/4) {
						n++
					}
				}
			}
			c.blend(px, py, col, n)
		}
	}
}

func (c *canvas) rect(x0, y0, x1, y1 float64, col color.RGBA) {
	c.fillShape(x0, y0, x1, y1, col, func(x, y float64) bool {
		return x >= x0 && x < x1 && y >= y0 && y < y1
	})
}

func (c *canvas) disc(cx, cy, r float64, col color.RGBA) {
	c.fillShape(cx-r, cy-r, cx+r, cy+r, col, func(x, y float64) bool {
		return sq(x-cx)+sq(y-cy) <= sq(r)
	})
}

// ring draws a circle outline of the given stroke width centred on radius r.
func (c *canvas) ring(cx, cy, r, width float64, col color.RGBA) {
	ro, ri := r+width/2, r-width/2
	c.fillShape(cx-ro, cy-ro, cx+ro, cy+ro, col, func(x, y float64) bool {
		d := sq(x-cx) + sq(y-cy)
		return d <= sq(ro) && d >= sq(ri)
	})
}

// bar is a horizontal bar with round ends, the figure's mark for a period.
func (c *canvas) bar(x0, x1, cy, h float64, col color.RGBA) {
	r := h / 2
	c.fillShape(x0-r, cy-r, x1+r, cy+r, col, func(x, y float64) bool {
		switch {
		case x < x0:
			return sq(x-x0)+sq(y-cy) <= sq(r)
		case x > x1:
			return sq(x-x1)+sq(y-cy) <= sq(r)
		}
		return y >= cy-r && y <= cy+r
	})
}

// dashedV draws a vertical dashed line one pixel wide, used for leaders from
// a label to its mark so that they read as secondary to the marks.
func (c *canvas) dashedV(x, y0, y1 float64, col color.RGBA) {
	if y1 < y0 {
		y0, y1 = y1, y0
	}
	for y := y0; y < y1; y += 6 {
		c.rect(x-0.5, y, x+0.5, math.Min(y+3, y1), col)
	}
}

type align int

const (
	alignLeft align = iota
	alignCentre
	alignRight
)

// text draws s with its baseline at y; x is the left edge, centre or right
// edge of the text depending on al.
func (c *canvas) text(s string, x, y float64, bold bool, size float64, col color.RGBA, al align) error {
	f, err := c.face(bold, size)
	if err != nil {
		return err
	}
	w := float64(font.MeasureString(f, s)) / 64
	switch al {
	case alignCentre:
		x -= w / 2
	case alignRight:
		x -= w
	}
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: f,
		Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}}
	d.DrawString(s)
	return nil
}

// textWidth is the advance width of s in pixels.
func (c *canvas) textWidth(s string, bold bool, size float64) (float64, error) {
	f, err := c.face(bold, size)
	if err != nil {
		return 0, err
	}
	return float64(font.MeasureString(f, s)) / 64, nil
}
