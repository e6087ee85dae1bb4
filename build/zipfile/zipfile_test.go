package zipfile

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
	"time"
)

// TestOrderAndStamp: the stored entry is first and raw (EPUB's mimetype
// at byte 38), then First in its order, then the rest sorted; every entry
// carries the epoch (clamped to 1980); equal input gives equal bytes.
func TestOrderAndStamp(t *testing.T) {
	files := map[string][]byte{"z.xml": []byte("<z/>"), "a.xml": []byte("<a/>"), "META-INF/container.xml": []byte("<c/>"), "mimetype": []byte("application/epub+zip")}
	o := Options{Epoch: 1767225600, Level: 5, Stored: "mimetype", First: []string{"META-INF/container.xml", "missing.xml"}}
	data, err := Write(files, o)
	if err != nil {
		t.Fatal(err)
	}
	if string(data[30:38]) != "mimetype" || string(data[38:58]) != "application/epub+zip" {
		t.Errorf("the stored entry is not first and raw: %q", data[:60])
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		got, _ := io.ReadAll(rc)
		if !bytes.Equal(got, files[f.Name]) {
			t.Errorf("%s: %q", f.Name, got)
		}
		if f.Name != "mimetype" && !f.Modified.Equal(time.Unix(1767225600, 0)) {
			t.Errorf("%s stamped %v", f.Name, f.Modified)
		}
	}
	if want := "mimetype META-INF/container.xml a.xml z.xml"; joined(names) != want {
		t.Errorf("order %q, want %q", joined(names), want)
	}
	again, _ := Write(files, o)
	if !bytes.Equal(data, again) {
		t.Error("equal input gave different bytes")
	}
	old, _ := Write(files, Options{Epoch: 0, Level: 5})
	zr, _ = zip.NewReader(bytes.NewReader(old), int64(len(old)))
	if y := zr.File[0].Modified.Year(); y != 1980 {
		t.Errorf("epoch 0 stamped %d, want 1980", y)
	}
}

func joined(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}
