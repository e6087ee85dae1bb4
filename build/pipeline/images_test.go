package pipeline

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// declaredPNG is a PNG whose header declares w×h pixels and whose data is
// a few hundred kilobytes of nothing.
func declaredPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6
	chunk("IHDR", ihdr)
	chunk("IDAT", append([]byte{0x78, 0x01}, make([]byte, 300<<10)...))
	chunk("IEND", nil)
	return b.Bytes()
}

const imageProject = `
-- normpress.yaml --
title: Images
publications:
  - id: p
    title: P
    body:
      - c.md
-- c.md --
---
title: Figures
---

![A bomb](bomb.png)

![A photo](photo.png)

![Fine](fine.png)

![Fine, as a JPEG](fine.jpg)
`

// TestHostileImages: an image that declares 50000×50000 pixels is refused
// from its header, at the place that uses it, before any decoding (before
// the fix the build ran out of memory); a JPEG named .png is refused by
// its bytes; the limit is the manifest's to set.
func TestHostileImages(t *testing.T) {
	dir := writeProject(t, imageProject)
	var pngData, jpegData bytes.Buffer
	png.Encode(&pngData, image.NewGray(image.Rect(0, 0, 40, 30)))
	jpeg.Encode(&jpegData, image.NewGray(image.Rect(0, 0, 40, 30)), nil)
	for name, data := range map[string][]byte{"bomb.png": declaredPNG(50000, 50000), "photo.png": jpegData.Bytes(), "fine.png": pngData.Bytes(), "fine.jpg": jpegData.Bytes()} {
		os.WriteFile(filepath.Join(dir, "chapters", name), data, 0o644)
	}
	o := opts(dir)
	o.Formats = []string{"pdf", "epub", "html"}
	res := Build(o)
	got := strings.Join(diagLines(res), "\n")
	for _, want := range []string{
		"chapters/c.md:5:1: error: bomb.png: the image declares 50000×50000 pixels (2500.0 megapixels), above the limit of 40.0 megapixels",
		"chapters/c.md:7:1: error: photo.png is a JPEG image, but its name says otherwise",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "error:"); n != 2 {
		t.Errorf("%d errors, want 2:\n%s", n, got)
	}

	// A limit in the manifest applies to every image.
	manifest := filepath.Join(dir, "chapters", "normpress.yaml")
	os.WriteFile(manifest, []byte("title: Images\nmax-image-pixels: 1000\npublications:\n  - id: p\n    title: P\n    body:\n      - c.md\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "chapters", "c.md"), []byte("---\ntitle: F\n---\n\n![Fine](fine.png)\n"), 0o644)
	res = Build(o)
	if got := strings.Join(diagLines(res), "\n"); !strings.Contains(got, "chapters/c.md:5:1: error: fine.png: the image declares 40×30 pixels (1200 pixels), above the limit of 1000 pixels") {
		t.Errorf("the manifest's limit was not applied:\n%s", got)
	}
	os.WriteFile(manifest, []byte("title: Images\npublications:\n  - id: p\n    title: P\n    body:\n      - c.md\n"), 0o644)
	res = Build(o)
	if !res.OK() {
		t.Fatalf("a fine image: %v", res.Diags.Err())
	}
	for _, a := range res.Site.Pubs[0].Assets {
		if a.Pixels == nil || a.Width != 40 {
			t.Errorf("asset %s was not decoded once for the renderers", a.Path)
		}
	}
}
