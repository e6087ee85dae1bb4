package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The figure must come out byte for byte the same on every run: the build's
// reproducibility promise covers the images it copies.
func TestTimelineIsReproducible(t *testing.T) {
	a, err := timelinePNG()
	if err != nil {
		t.Fatal(err)
	}
	b, err := timelinePNG()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the timeline differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	if got := img.Bounds().Size(); got.X != width || got.Y != height {
		t.Fatalf("size %v, want %dx%d", got, width, height)
	}
}

// The committed image is what the program draws, so that nobody edits the
// PNG by hand and the data in timeline.go stays the source of truth. The
// glyph rasteriser of golang.org/x/image uses floating point that the
// compiler may fuse into multiply-adds on some architectures, so the
// comparison runs on amd64, where the committed file was drawn.
func TestCommittedTimelineIsCurrent(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skipf("committed figure was drawn on amd64; glyph anti-aliasing may differ on %s", runtime.GOARCH)
	}
	want, err := timelinePNG()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "chapters", "images", figureName)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is out of date: run go run ./cmd/mkfigures from the repository root", path)
	}
}

func TestRunRefusesMissingFolder(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-dir", filepath.Join(t.TempDir(), "absent")}, &out, &errOut); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if errOut.Len() == 0 {
		t.Fatal("no message for a missing folder")
	}
}

func TestRunWritesFigure(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run([]string{"-dir", dir}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(dir, figureName)); err != nil {
		t.Fatal(err)
	}
}

func TestDecimalYear(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  float64
		lo   float64
		hi   float64
	}{
		{"first of January", decimalYear(2015, 1, 1), 2015.0, 2015.003},
		{"22 July 2015", decimalYear(2015, 7, 22), 2015.55, 2015.56},
		{"month only sits mid-month", decimalYear(2021, 3, 0), 2021.19, 2021.21},
		{"31 December", decimalYear(2014, 12, 31), 2014.997, 2015.0},
	} {
		if tc.got < tc.lo || tc.got > tc.hi {
			t.Errorf("%s: %v not in [%v, %v]", tc.name, tc.got, tc.lo, tc.hi)
		}
	}
}

func BenchmarkTimeline(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := timelinePNG(); err != nil {
			b.Fatal(err)
		}
	}
}
