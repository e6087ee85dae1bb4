package pdf

import (
	"fmt"
	"io"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavuserif"
)

// FuzzFontFile: a project's own font file (fonts: in the manifest) is any
// bytes a user may give. The font reader either refuses them (a warning;
// the built-in face stays) or accepts a font the PDF library can then
// embed and draw with, without a panic or an error: a font accepted here
// and failing in the library would end the build with an internal error.
func FuzzFontFile(f *testing.F) {
	// Small seeds: the table directory and first tables of a real font
	// (a whole one would make every mutation slow), and garbage.
	f.Add(dejavuserif.TTF[:4096])
	f.Add(dejavuserif.TTF[:512])
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00head\x00\x00\x00\x00\x00\x00\x00\x0c\x00\x00\x00\x36"))
	f.Add([]byte("OTTO"))
	f.Add([]byte("not a font"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseMetrics(data)
		if err != nil {
			return
		}
		_ = m.width('a') + m.kernPair('f', 'i')
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("a font the reader accepted panics in the PDF library: %v", r)
			}
		}()
		pdf := fpdf.New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("x", "", data)
		pdf.AddPage()
		pdf.SetFont("x", "", 12)
		pdf.Cell(100, 12, "Due diligence fi Ünïcödé")
		if err := pdf.Output(io.Discard); err != nil {
			t.Fatalf("a font the reader accepted fails in the PDF library: %v", fmt.Sprint(err))
		}
	})
}
