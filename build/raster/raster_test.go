package raster

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// HostilePNG is a valid PNG header that declares w×h pixels, followed by
// pad bytes of compressed data that never arrive at a full image: what an
// attacker or a broken export sends. Decoding it would allocate w*h*4 bytes.
func HostilePNG(w, h uint32, pad int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk("IHDR", ihdr)
	// zlib: a stored-nothing header and deflate blocks of zeros.
	idat := append([]byte{0x78, 0x01}, make([]byte, pad)...)
	chunk("IDAT", idat)
	chunk("IEND", nil)
	return b.Bytes()
}

func encode(t testing.TB, format string, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHeader(t *testing.T) {
	pngData, jpegData := encode(t, "png", 30, 20), encode(t, "jpeg", 30, 20)
	for _, tc := range []struct {
		name string
		data []byte
		max  int64
		want string // error text, "" for none
	}{
		{"small png", pngData, 0, ""},
		{"small jpeg", jpegData, 0, ""},
		{"huge declared png", HostilePNG(50000, 50000, 300<<10), 0, "50000×50000 pixels (2500.0 megapixels), above the limit of 40.0"},
		{"just above a set limit", pngData, 599, "above the limit of 599 pixels"},
		{"exactly the limit", pngData, 600, ""},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), 0, "not a PNG or JPEG"},
		{"empty", nil, 0, "not a PNG or JPEG"},
		{"truncated header", pngData[:20], 0, "EOF"},
		{"zero width", HostilePNG(0, 10, 0), 0, ""}, // png rejects it itself
	} {
		info, err := Header(tc.data, tc.max)
		switch {
		case tc.want == "" && tc.name == "zero width":
			if err == nil {
				t.Errorf("%s: accepted", tc.name)
			}
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want == "" && (info.Width != 30 || info.Height != 20):
			t.Errorf("%s: size %dx%d", tc.name, info.Width, info.Height)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	var tl *TooLargeError
	if _, err := Header(HostilePNG(50000, 50000, 0), 0); !errors.As(err, &tl) {
		t.Errorf("a huge image is not a TooLargeError: %v", err)
	}
}

func TestFormatFromBytes(t *testing.T) {
	jpegData := encode(t, "jpeg", 4, 4)
	info, err := Header(jpegData, 0)
	if err != nil || info.MediaType != "image/jpeg" {
		t.Fatalf("%+v %v", info, err)
	}
	for name, want := range map[string]string{"a/photo.png": "a/photo.jpg", "a/photo.JPG": "", "x.jpeg": "", "noext": "noext.jpg"} {
		if got := ExtensionMismatch(name, info); got != want {
			t.Errorf("ExtensionMismatch(%q) = %q, want %q", name, got, want)
		}
	}
	img, err := Decode(jpegData, info)
	if err != nil || img.Bounds().Dx() != 4 {
		t.Errorf("decode: %v", err)
	}
}

// BenchmarkHeaderHostile is the header check on a 300 KB PNG that
// declares 50000×50000 pixels: it must cost microseconds and kilobytes,
// where decoding it took 22 s and 2.5 GB.
func BenchmarkHeaderHostile(b *testing.B) {
	data := HostilePNG(50000, 50000, 300<<10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Header(data, 0); err == nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkDecodeBefore is what the build did before the header check,
// on a hostile PNG small enough to run here (8000×8000, 256 MB decoded):
// a full decode attempt.
func BenchmarkDecodeBefore(b *testing.B) {
	data := HostilePNG(8000, 8000, 300<<10)
	b.ReportAllocs()
	for b.Loop() {
		image.Decode(bytes.NewReader(data))
	}
}

func FuzzHeader(f *testing.F) {
	f.Add(encode(f, "png", 3, 2))
	f.Add(encode(f, "jpeg", 3, 2))
	f.Add(HostilePNG(50000, 50000, 16))
	f.Add(HostilePNG(7, 5, 16))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Header(data, 1<<16)
		if err != nil {
			return
		}
		if info.Pixels() > 1<<16 || info.Width <= 0 || info.Height <= 0 {
			t.Fatalf("accepted %+v", info)
		}
		if img, err := Decode(data, info); err == nil && (img.Bounds().Dx() != info.Width || img.Bounds().Dy() != info.Height) {
			t.Fatalf("decoded size differs from the header")
		}
	})
}
