package pdf

import (
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavuserif"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/normpress/normpress/build/doc"
	. "github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/build/source"
)

// TestWidthsMatchFpdf: layout measures with its own reading of the fonts;
// every BMP character's width must equal fpdf's, or justified right edges
// would drift.
func TestWidthsMatchFpdf(t *testing.T) {
	fs := newFontSet(doc.Fonts{}, nil)
	for _, fc := range []face{mkface(famSerif, 0), mkface(famSerif, styItalic), mkface(famSerif, styBold), mkface(famMono, 0), mkface(famSerifFallback, 0), mkface(famSansFallback, styBold)} {
		f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 100, Ht: 100}})
		f.AddUTF8FontFromBytes("x", fc.fpdfStyle(), fs.faces[fc].data)
		f.SetFont("x", fc.fpdfStyle(), 1000)
		bad := 0
		for r := rune(1); r < 0xFFFF; r++ {
			if !fs.faces[fc].m.has(r) {
				continue
			}
			if got, want := fs.width(fc, string(r), 1000), f.GetStringWidth(string(r)); got != want {
				if bad++; bad < 5 {
					t.Errorf("face %d: %U: width %v, fpdf %v", fc, r, got, want)
				}
			}
		}
		if bad > 0 {
			t.Errorf("face %d: %d widths differ", fc, bad)
		}
	}
}

// TestFallbackFace: a character Liberation lacks but DejaVu has is drawn
// from DejaVu, with no warning, and DejaVu is embedded only then.
func TestFallbackFace(t *testing.T) {
	fs := newFontSet(doc.Fonts{}, nil)
	var r rune
	for c := rune(0x2190); c < 0x2BFF; c++ {
		if !fs.faces[mkface(famSerif, 0)].m.has(c) && fs.faces[mkface(famSerifFallback, 0)].m.has(c) {
			r = c
			break
		}
	}
	if r == 0 {
		t.Fatal("no character found that only DejaVu has")
	}
	for _, withFallback := range []bool{false, true} {
		pub := samplePub()
		text := "Plain text only."
		if withFallback {
			text = "A symbol " + string(r) + " and U+2011 in non\u2011breaking."
		}
		pub.Chapters = pub.Chapters[:1]
		pub.Chapters[0].Blocks = []doc.Block{P(T(text))}
		res, diags := Render(pub, Options{Epoch: epoch})
		for _, d := range diags {
			t.Errorf("unexpected diagnostic: %v", d)
		}
		fonts := tool(t, res.Data, "pdffonts")
		if got := strings.Contains(fonts, "+DejaVuSerif"); got != withFallback {
			t.Errorf("fallback embedded = %v, want %v:\n%s", got, withFallback, fonts)
		}
	}
}

func TestCustomFonts(t *testing.T) {
	var diags source.Diags
	fs := newFontSet(doc.Fonts{
		Serif:     "fonts/a.ttf",
		SerifBold: "fonts/b.otf",
		Mono:      "fonts/missing.ttf",
		Data: map[string][]byte{
			"fonts/a.ttf": dejavuserif.TTF,
			"fonts/b.otf": append([]byte("OTTO"), liberationserifregular.TTF[4:]...),
		},
	}, &diags)
	if fs.faces[mkface(famSerif, 0)].m.width('m') != defaultFaces()[mkface(famSerifFallback, 0)].m.width('m') {
		t.Error("the custom regular face was not used")
	}
	if fs.faces[mkface(famSerif, styBold)] != defaultFaces()[mkface(famSerif, styBold)] {
		t.Error("a CFF font must leave the built-in face in place")
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.Msg)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{"fonts/b.otf: not a TrueType font", "font fonts/missing.ttf was not loaded"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

// TestLigatures: fi, fl, ff, ffi and ffl are drawn with the font's own
// ligature where it has one (Liberation Serif has fi and fl, DejaVu Serif
// all five), and text extraction gives the letters back.
func TestLigatures(t *testing.T) {
	fs := newFontSet(doc.Fonts{}, nil)
	for _, tc := range []struct {
		f        face
		in, want string
	}{
		{mkface(famSerif, 0), "affirmed flow official staff", "af\ufb01rmed \ufb02ow of\ufb01cial staff"},
		{mkface(famSerifFallback, 0), "affirmed flow official staff", "a\ufb03rmed \ufb02ow o\ufb03cial sta\ufb00"},
		{mkface(famSerif, 0), "no f here but of", "no f here but of"},
	} {
		if got := fs.ligate(tc.f, tc.in); got != tc.want {
			t.Errorf("%d %q: got %q, want %q", tc.f, tc.in, got, tc.want)
		}
	}
	pub := samplePub()
	e := newEngine(pub, Options{}, newFontSet(pub.Options.Fonts, nil))
	drawn := false
	for _, it := range e.galley() {
		for _, o := range it.ops {
			drawn = drawn || strings.ContainsRune(o.s, '\ufb01')
		}
	}
	if !drawn {
		t.Error("no fi ligature is set in the sample")
	}
	res := renderFixture(t, "sample", samplePub)
	text := strings.Join(pageTexts(t, res.Data), "\n")
	st := tool(t, res.Data, "pdfinfo", "-struct-text")
	for _, out := range []string{text, st} {
		if strings.ContainsAny(out, "\ufb00\ufb01\ufb02\ufb03\ufb04") {
			t.Error("extracted text has a ligature character, not its letters")
		}
		for _, w := range []string{"affirmed", "difficult"} {
			if !strings.Contains(out, w) {
				t.Errorf("extracted text lacks %q", w)
			}
		}
	}
}
