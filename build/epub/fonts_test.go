package epub

import (
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/normpress/normpress/build/doc/doctest"
)

func TestUsedRunes(t *testing.T) {
	for _, tc := range []struct {
		name      string
		files     map[string]string
		want, not string
	}{
		{"text and both cases", map[string]string{"OEBPS/text/a.xhtml": "<p>Erdős “č”</p>"}, "őŐčČ“”aZ~ ", "žŽ€"},
		{"character references", map[string]string{"OEBPS/text/a.xhtml": "<p>&#x20AC; &#167;&#X2014;</p>"}, "€§—", ""},
		{"broken references are text", map[string]string{"OEBPS/text/a.xhtml": "&#xZZ; &#1114112; &#"}, "&#", "\U0010FFFF"},
		{"generated content", map[string]string{"OEBPS/css/epub.css": `li::before { content: "→ "; }`}, "→", ""},
		{"other files are not text", map[string]string{"OEBPS/media/a.png": "ŐŐ", "OEBPS/package.opf": "Ж"}, "", "ŐЖ"},
		{"always", nil, "\u2010\u2026\u00a0", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{}
			for n, d := range tc.files {
				files[n] = []byte(d)
			}
			got := usedRunes(files)
			for _, r := range tc.want {
				if !slices.Contains(got, r) {
					t.Errorf("%q missing", r)
				}
			}
			for _, r := range tc.not {
				if slices.Contains(got, r) {
					t.Errorf("%q should not be there", r)
				}
			}
		})
	}
}

// TestFontsDrawText reads the text of every content document of the
// fixture's EPUBs with an XML parser and wants each embedded face to draw
// every character that Liberation Serif draws, with the same advance,
// while holding a fraction of its glyphs.
func TestFontsDrawText(t *testing.T) {
	whole := map[string][]byte{
		"serif-regular": liberationserifregular.TTF, "serif-italic": liberationserifitalic.TTF,
		"serif-bold": liberationserifbold.TTF, "serif-bolditalic": liberationserifbolditalic.TTF,
	}
	for _, pub := range doctest.Site(0).Pubs {
		ch := pub.Chapters[len(pub.Chapters)-1]
		ch.Blocks = append(ch.Blocks, doctest.P(doctest.T("Erdős, Čapek “quoted” – § 12 — € 5 "), doctest.Em(doctest.T("Élysée ‘ő’"))))
		es := entries(t, render(t, pub, Options{}))
		text := map[rune]bool{}
		for name, body := range es {
			if strings.HasSuffix(name, ".xhtml") {
				for _, r := range charData(t, name, body) {
					text[r] = true
				}
			}
		}
		for name, data := range whole {
			orig, err := sfnt.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			embedded := es["OEBPS/fonts/"+name+".ttf"]
			sub, err := sfnt.Parse([]byte(embedded))
			if err != nil {
				t.Fatalf("%s %s: %v", pub.ID, name, err)
			}
			if n := sub.NumGlyphs(); n > orig.NumGlyphs()/4 {
				t.Errorf("%s %s: %d glyphs of %d", pub.ID, name, n, orig.NumGlyphs())
			}
			var b sfnt.Buffer
			ppem := fixed.Int26_6(orig.UnitsPerEm())
			for r := range text {
				og, _ := orig.GlyphIndex(&b, r)
				if og == 0 {
					continue
				}
				g, _ := sub.GlyphIndex(&b, r)
				oa, _ := orig.GlyphAdvance(&b, og, ppem, xfont.HintingNone)
				a, err := sub.GlyphAdvance(&b, g, ppem, xfont.HintingNone)
				if g == 0 || err != nil || a != oa {
					t.Errorf("%s %s: %q is glyph %d with advance %v, want %v", pub.ID, name, r, g, a, oa)
				}
			}
		}
	}
}

// charData returns the characters of a document's text and attribute
// values, references resolved.
func charData(t *testing.T, name, body string) []rune {
	t.Helper()
	var out []rune
	d := xml.NewDecoder(strings.NewReader(body))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			out = append(out, []rune(string(tok))...)
		case xml.StartElement:
			for _, a := range tok.Attr {
				out = append(out, []rune(a.Value)...)
			}
		}
	}
}
