package epub

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/normpress/normpress/build/epub/fontsubset"
	"github.com/normpress/normpress/build/source"
)

// face is one embedded font file; its bytes are filled in by subsetFonts
// once every content document is written.
type face struct {
	href string // relative to OEBPS
	path string // the manifest's file, "" for the default face
	data []byte // the whole font
}

// fonts adds the serif faces to the manifest: the manifest's fonts when it
// names them, else Liberation Serif, the face the PDF uses by default, so
// that both editions look alike. Both are licensed for embedding (SIL OFL
// for Liberation). Their bytes come later, from subsetFonts, when the text
// they must draw is known.
func (b *builder) fonts() {
	f := b.pub.Options.Fonts
	faces := []struct {
		name, path string
		def        []byte
	}{
		{"serif-regular", f.Serif, liberationserifregular.TTF},
		{"serif-italic", f.SerifItalic, liberationserifitalic.TTF},
		{"serif-bold", f.SerifBold, liberationserifbold.TTF},
		{"serif-bolditalic", f.SerifBoldItalic, liberationserifbolditalic.TTF},
	}
	for _, fc := range faces {
		data, path := fc.def, ""
		if fc.path != "" {
			if d, ok := f.Data[fc.path]; ok && len(d) > 0 {
				data, path = d, fc.path
			} else {
				b.diags.Warnf(source.Span{}, "epub-font", "%s: font %s has no data; the EPUB embeds the default face instead", b.pub.ID, fc.path)
			}
		}
		href := "fonts/" + fc.name + ".ttf"
		b.faces = append(b.faces, face{href: href, path: path, data: data})
		b.add("font-"+fc.name, href, "font/ttf", "", nil)
	}
}

// subsetFonts puts into the container each face cut down to the characters
// the publication's documents use: a few hundred glyphs of the 2,600 in
// Liberation Serif, a tenth of the bytes. Every face gets the same set,
// taken from all content documents and the stylesheet, rather than a set
// per face: which face draws a character depends on the stylesheet's
// rules (headings bold, the norm text italic) and the reading system's
// own, and a character missing from a face would be drawn in a fallback
// font, so the few glyphs more are the safe side.
func (b *builder) subsetFonts() {
	runes := usedRunes(b.files)
	for _, fc := range b.faces {
		sub, err := fontsubset.Subset(fc.data, runes)
		if err != nil {
			name := fc.path
			if name == "" {
				name = "the default face"
			}
			b.diags.Warnf(source.Span{}, "epub-font", "%s: font %s cannot be subset (%v); the EPUB embeds all of it", b.pub.ID, name, err)
			sub = fc.data
		}
		b.files["OEBPS/"+fc.href] = sub
	}
}

// alwaysDrawn are characters a reading system may draw that no document
// holds: the hyphen of automatic hyphenation (U+2010 where the font has
// it), the ellipsis of truncated text, the list bullet, the no-break space
// it may substitute, and the replacement character.
const alwaysDrawn = "\u00a0\u00ad\u2010\u2022\u2026\ufffd"

// usedRunes returns every character the content documents (.xhtml) and
// stylesheets (.css, for generated content) of the container may show, in
// upper and lower case (text-transform and synthesized small capitals
// change case), plus printable ASCII and alwaysDrawn. Markup is scanned
// with the text: its characters are ASCII, which is included anyway.
func usedRunes(files map[string][]byte) []rune {
	seen := map[rune]bool{}
	add := func(r rune) {
		if r < 0x80 || seen[r] {
			return
		}
		seen[r] = true
		for _, c := range [...]rune{unicode.ToUpper(r), unicode.ToLower(r), unicode.ToTitle(r)} {
			seen[c] = true
		}
	}
	for name, data := range files {
		if !strings.HasSuffix(name, ".xhtml") && !strings.HasSuffix(name, ".css") {
			continue
		}
		for i := 0; i < len(data); {
			c := data[i]
			switch {
			case c == '&' && i+2 < len(data) && data[i+1] == '#':
				// A numeric character reference (raw HTML can carry one).
				if r, n := charRef(data[i:]); n > 0 {
					add(r)
					i += n
					continue
				}
				i++
			case c < utf8.RuneSelf:
				i++
			default:
				r, w := utf8.DecodeRune(data[i:])
				add(r)
				i += w
			}
		}
	}
	out := make([]rune, 0, 0x7F-0x20+len(seen)+len(alwaysDrawn))
	for r := rune(0x20); r < 0x7F; r++ {
		out = append(out, r)
	}
	for r := range seen {
		out = append(out, r) // Subset sorts
	}
	return append(out, []rune(alwaysDrawn)...)
}

// charRef reads "&#123;" or "&#x7B;" at the start of b; n is 0 when b
// does not start with one.
func charRef(b []byte) (r rune, n int) {
	end := 2
	for end < len(b) && end < 12 && b[end] != ';' {
		end++
	}
	if end >= len(b) || b[end] != ';' {
		return 0, 0
	}
	num, base := string(b[2:end]), 10
	if len(num) > 0 && (num[0] == 'x' || num[0] == 'X') {
		num, base = num[1:], 16
	}
	v, err := strconv.ParseUint(num, base, 32)
	if err != nil || v > unicode.MaxRune {
		return 0, 0
	}
	return rune(v), end + 1
}
