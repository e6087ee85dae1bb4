package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // JPEG assets go through image.Decode too
	"image/png"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// imageInfo is an image checked and ready for fpdf.
type imageInfo struct {
	name string // the name fpdf registers it under
	typ  string // "PNG" or "JPG"
	data []byte
	w, h int // pixels
}

// image decodes an asset fully before fpdf sees it: fpdf panics on a
// truncated PNG. It also works around fpdf's image ordering: with catalog
// sorting on, fpdf sorts images by pixel width alone, so two images of the
// same width come out in either order from run to run. An image whose
// width is taken is re-encoded with transparent columns added at its right
// until its width is unique: at print size that is a fraction of a point,
// and the output stays byte-identical.
func (e *engine) image(a *doc.Asset) (*imageInfo, error) {
	if info, ok := e.images[a]; ok {
		if info == nil {
			return nil, fmt.Errorf("unreadable image")
		}
		return info, nil
	}
	info, err := e.decodeImage(a)
	e.images[a] = info
	return info, err
}

func (e *engine) decodeImage(a *doc.Asset) (*imageInfo, error) {
	// The pipeline decoded it once, after checking its size.
	img, format := a.Pixels, strings.TrimPrefix(a.MediaType, "image/")
	if img == nil {
		var err error
		if img, format, err = image.Decode(bytes.NewReader(a.Data)); err != nil {
			return nil, fmt.Errorf("cannot decode image %s: %v", a.Path, err)
		}
	}
	info := &imageInfo{name: a.Path, data: a.Data}
	switch format {
	case "png":
		info.typ = "PNG"
	case "jpeg":
		info.typ = "JPG"
	default:
		return nil, fmt.Errorf("image %s is %s; the PDF takes PNG and JPEG", a.Path, format)
	}
	b := img.Bounds()
	info.w, info.h = b.Dx(), b.Dy()
	if info.w == 0 || info.h == 0 {
		return nil, fmt.Errorf("image %s is empty", a.Path)
	}
	if format == "png" {
		// fpdf reads 16-bit and interlaced PNGs poorly: re-encode those
		// through the standard library, which writes what fpdf reads.
		if cfgNeedsReencode(a.Data) {
			info.data = encodePNG(img)
		}
	}
	widthTaken := func(w int) bool {
		for _, other := range e.images {
			if other != nil && other.w == w {
				return true
			}
		}
		return false
	}
	if widthTaken(info.w) {
		w := info.w
		for widthTaken(w) {
			w++
		}
		padded := image.NewNRGBA(image.Rect(0, 0, w, info.h))
		draw.Draw(padded, image.Rect(0, 0, info.w, info.h), img, b.Min, draw.Src)
		info.data, info.typ, info.w = encodePNG(padded), "PNG", w
		info.name = a.Path + "#" + strconv.Itoa(w)
	}
	return info, nil
}

// cfgNeedsReencode reports an interlaced or 16-bit PNG.
func cfgNeedsReencode(data []byte) bool {
	// IHDR: 8-byte signature, 8-byte chunk header, then width, height,
	// bit depth (byte 24), colour type, compression, filter, interlace (28).
	return len(data) > 28 && (data[24] == 16 || data[28] != 0)
}

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	_ = enc.Encode(&buf, img)
	return buf.Bytes()
}

// maxPointsPerPixel caps how far a figure without a width is enlarged:
// 1.5 times its size at 150 dpi, the least resolution that prints a
// bitmap without visible pixels. A 400-pixel chart stays 288 pt wide
// rather than filling the measure with blurred pixels; a screenshot 1,600
// pixels wide still fills it.
const maxPointsPerPixel = 1.5 * 72 / 150

// figureSize is the size of a figure's image on the page: the share of
// the measure its Width asks for, else the measure or the enlargement cap,
// whichever is less; and never taller than maxH, so that a tall image
// leaves room for its caption and does not fill a page on its own.
func figureSize(share float64, info *imageInfo, measure, maxH float64) (w, h float64) {
	iw, ih := float64(info.w), float64(info.h)
	if share > 0 && share <= 1 {
		w = share * measure
	} else {
		w = min(measure, iw*maxPointsPerPixel)
	}
	h = w * ih / iw
	if h > maxH {
		h = maxH
		w = h * iw / ih
	}
	return w, h
}

// figure sets the image centred in the measure at the size figureSize
// gives, and numbers its caption.
func (e *engine) figure(f *doc.Figure, c ctx) []vitem {
	var items []vitem
	// Div > Figure (the image, with /Alt) + Caption: the Alt stands for
	// the image only, so the caption stays readable. An image marked
	// decorative (alt="") is an artifact.
	div := e.tag(f, "Div", 0)
	imgTag := tagArtifact
	if !f.Decorative {
		imgTag = e.tags.elem(f, "Figure", div, 0)
		alt := f.Alt
		if alt == "" {
			// Warned about where the model is built; the Figure still
			// needs words.
			alt = e.words.figure
			if f.Num > 0 {
				alt += " " + strconv.Itoa(f.Num)
			}
		}
		e.tags.get(imgTag).alt = alt
	}
	if f.Asset != nil {
		info, err := e.image(f.Asset)
		if err != nil {
			if e.report {
				e.diags.Warnf(f.Span, "pdf-image", "%v; the PDF leaves a blank frame", err)
			}
			h := c.width / 2
			items = append(items, vitem{h: h, ops: []op{{kind: opFrame, x: c.left, y: 0, w: c.width, h: h, size: 0.5, tag: imgTag}}})
		} else {
			w, h := figureSize(f.Width, info, c.width, 0.6*e.g.textH)
			items = append(items, vitem{h: h, ops: []op{{kind: opImage, x: c.left + (c.width-w)/2, y: 0, w: w, h: h, img: info, tag: imgTag}}})
		}
	}
	cap := e.caption(e.words.figure, f.Num, f.Caption, c, e.tags.elem(f, "Caption", div, 0))
	if len(cap) > 0 {
		items = append(items, space(c.lead/2))
		items = append(items, cap...)
	}
	if len(items) == 0 {
		return nil
	}
	for i := range items {
		items[i].space = false
	}
	fig := merge(items)
	fig.float = true
	if f.Attr.ID != "" {
		fig.anchors = append(fig.anchors, anchorKey(e.chapter.ID, f.Attr.ID))
	}
	return []vitem{fig}
}

// caption sets "Figure 3. Caption" in the small size, the label in bold.
func (e *engine) caption(word string, num int, ins []doc.Inline, c ctx, tag tagID) []vitem {
	if num == 0 && len(ins) == 0 {
		return nil
	}
	size := e.g.small * c.size / e.g.body
	lead := e.g.smallLead * c.size / e.g.body
	st := tstyle{fam: famSerif, size: size}
	p := e.newPara(st)
	p.tag = tag
	if num > 0 {
		b := st
		b.bold = true
		p.text(word+"\u00a0"+strconv.Itoa(num)+".", b)
		if len(ins) > 0 {
			p.glue(st)
		}
	}
	p.inlines(ins, st)
	return e.set(p, setOpts{left: c.left, width: c.width, lead: lead, size: size, align: alignLeft})
}
