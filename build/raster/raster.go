// Package raster is the one place that reads images: it names the format
// from the bytes (never from the file name), reads the size from the header
// alone, refuses an image above a pixel limit before a single pixel is
// decoded, and decodes the rest once, for every renderer to share.
//
// Why the header first: a 300 KB PNG can declare 50000×50000 pixels, and
// decoding it takes gigabytes. The header says so in its first bytes.
package raster

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"strings"
)

// DefaultMaxPixels is the limit when the manifest sets none: 40
// megapixels, more than a full-page photograph at 300 dpi (about 9 MP)
// or a 36-megapixel camera's, while a decoded image stays near 160 MB.
const DefaultMaxPixels = 40_000_000

// Info is what an image's header says.
type Info struct {
	Format    string // "png" or "jpeg"
	MediaType string // "image/png" or "image/jpeg"
	Width     int
	Height    int
}

// Pixels is the image's area.
func (i Info) Pixels() int64 { return int64(i.Width) * int64(i.Height) }

// ErrFormat: the bytes are neither PNG nor JPEG.
var ErrFormat = errors.New("not a PNG or JPEG image")

// TooLargeError is an image above the pixel limit.
type TooLargeError struct {
	Info Info
	Max  int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the image declares %d×%d pixels (%s), above the limit of %s",
		e.Info.Width, e.Info.Height, area(e.Info.Pixels()), area(e.Max))
}

func area(n int64) string {
	if n < 1e6 {
		return fmt.Sprintf("%d pixels", n)
	}
	return fmt.Sprintf("%.1f megapixels", float64(n)/1e6)
}

// Sniff names the format from the first bytes.
func Sniff(data []byte) (format, mediaType string, ok bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png", "image/png", true
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg", "image/jpeg", true
	}
	return "", "", false
}

// Header reads the format and size without decoding pixels, and refuses an
// image above maxPixels (0: DefaultMaxPixels).
func Header(data []byte, maxPixels int64) (Info, error) {
	format, mt, ok := Sniff(data)
	if !ok {
		return Info{}, ErrFormat
	}
	var cfg image.Config
	var err error
	if format == "png" {
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	} else {
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	}
	info := Info{Format: format, MediaType: mt, Width: cfg.Width, Height: cfg.Height}
	if err != nil {
		return info, err
	}
	if info.Width <= 0 || info.Height <= 0 {
		return info, errors.New("the image has no pixels")
	}
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	if info.Pixels() > maxPixels {
		return info, &TooLargeError{info, maxPixels}
	}
	return info, nil
}

// Decode reads the pixels of an image Header accepted.
func Decode(data []byte, info Info) (image.Image, error) {
	var img image.Image
	var err error
	if info.Format == "png" {
		img, err = png.Decode(bytes.NewReader(data))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, err
	}
	if b := img.Bounds(); b.Dx() != info.Width || b.Dy() != info.Height {
		return nil, errors.New("the image's pixels do not match its header")
	}
	return img, nil
}

// ExtensionMismatch says when a file's name claims another format than its
// bytes: a JPEG named .png goes into an EPUB under a PNG name, and readers
// and EPUBCheck go by the name. It returns the name it should have, or "".
func ExtensionMismatch(name string, info Info) string {
	ext := strings.ToLower(path.Ext(name))
	want := map[string][]string{"png": {".png"}, "jpeg": {".jpg", ".jpeg"}}[info.Format]
	for _, w := range want {
		if ext == w {
			return ""
		}
	}
	return strings.TrimSuffix(name, path.Ext(name)) + want[0]
}
