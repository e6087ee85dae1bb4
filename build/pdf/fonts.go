package pdf

import (
	"fmt"
	"sync"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavusansboldoblique"
	"github.com/go-fonts/dejavu/dejavusansmono"
	"github.com/go-fonts/dejavu/dejavusansmonobold"
	"github.com/go-fonts/dejavu/dejavusansmonoboldoblique"
	"github.com/go-fonts/dejavu/dejavusansmonooblique"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/dejavu/dejavuserif"
	"github.com/go-fonts/dejavu/dejavuserifbold"
	"github.com/go-fonts/dejavu/dejavuserifbolditalic"
	"github.com/go-fonts/dejavu/dejavuserifitalic"
	"github.com/go-fonts/liberation/liberationmonobold"
	"github.com/go-fonts/liberation/liberationmonobolditalic"
	"github.com/go-fonts/liberation/liberationmonoitalic"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// The text face is Liberation Serif: metric-compatible with Times, the
// face legal publishers' readers expect, narrow enough for 65 characters on
// a royal octavo line, and under the OFL. DejaVu covers what Liberation
// lacks (U+2011, more symbols, more scripts) and is the fallback, serif
// first and then sans; Liberation Mono sets code. Fallback faces are
// embedded only when some character needs them.

// family is a set of four styles.
type family int

const (
	famSerif family = iota
	famMono
	famSerifFallback
	famMonoFallback
	famSansFallback
	numFamilies
)

// style bits within a family.
const (
	styBold   = 1
	styItalic = 2
)

// face indexes fontSet.faces: family*4 + style bits.
type face uint8

func mkface(f family, style int) face { return face(int(f)*4 + style) }

func (f face) family() family { return family(f / 4) }
func (f face) style() int     { return int(f % 4) }

// fpdfStyle is the style string fpdf keys fonts by.
func (f face) fpdfStyle() string {
	return [...]string{"", "B", "I", "BI"}[f.style()]
}

func (f face) fpdfFamily() string {
	return [...]string{"serif", "mono", "serifx", "monox", "sansx"}[f.family()]
}

type fontFace struct {
	data []byte
	m    *metrics
}

// fontSet is the faces one rendering uses.
type fontSet struct {
	faces [int(numFamilies) * 4]*fontFace
}

// defaultFaces are parsed once per process: font bytes and their metrics
// never change, so this is a cache of constants, not mutable state.
var defaultFaces = sync.OnceValue(func() [int(numFamilies) * 4]*fontFace {
	var out [int(numFamilies) * 4]*fontFace
	set := func(f family, style int, data []byte) {
		m, err := parseMetrics(data)
		if err != nil {
			panic(fmt.Sprintf("built-in font %d/%d: %v", f, style, err)) // a broken module, not bad input
		}
		out[mkface(f, style)] = &fontFace{data: data, m: m}
	}
	set(famSerif, 0, liberationserifregular.TTF)
	set(famSerif, styItalic, liberationserifitalic.TTF)
	set(famSerif, styBold, liberationserifbold.TTF)
	set(famSerif, styBold|styItalic, liberationserifbolditalic.TTF)
	set(famMono, 0, liberationmonoregular.TTF)
	set(famMono, styItalic, liberationmonoitalic.TTF)
	set(famMono, styBold, liberationmonobold.TTF)
	set(famMono, styBold|styItalic, liberationmonobolditalic.TTF)
	set(famSerifFallback, 0, dejavuserif.TTF)
	set(famSerifFallback, styItalic, dejavuserifitalic.TTF)
	set(famSerifFallback, styBold, dejavuserifbold.TTF)
	set(famSerifFallback, styBold|styItalic, dejavuserifbolditalic.TTF)
	set(famMonoFallback, 0, dejavusansmono.TTF)
	set(famMonoFallback, styItalic, dejavusansmonooblique.TTF)
	set(famMonoFallback, styBold, dejavusansmonobold.TTF)
	set(famMonoFallback, styBold|styItalic, dejavusansmonoboldoblique.TTF)
	set(famSansFallback, 0, dejavusans.TTF)
	set(famSansFallback, styItalic, dejavusansoblique.TTF)
	set(famSansFallback, styBold, dejavusansbold.TTF)
	set(famSansFallback, styBold|styItalic, dejavusansboldoblique.TTF)
	return out
})

// newFontSet takes the built-in faces and replaces those the manifest
// names. A font that cannot be used is a warning, and the default stays.
func newFontSet(fonts doc.Fonts, diags *source.Diags) *fontSet {
	fs := &fontSet{faces: defaultFaces()}
	custom := func(path string, faces ...face) {
		if path == "" {
			return
		}
		data, ok := fonts.Data[path]
		if !ok {
			diags.Warnf(source.Span{}, "pdf-font", "font %s was not loaded; using the built-in face", path)
			return
		}
		m, err := parseMetrics(data)
		if err != nil {
			diags.Warnf(source.Span{}, "pdf-font", "font %s: %v; using the built-in face", path, err).
				WithHint("convert it to a TrueType (.ttf) file")
			return
		}
		for _, f := range faces {
			fs.faces[f] = &fontFace{data: data, m: m}
		}
	}
	custom(fonts.Serif, mkface(famSerif, 0))
	custom(fonts.SerifItalic, mkface(famSerif, styItalic))
	custom(fonts.SerifBold, mkface(famSerif, styBold))
	custom(fonts.SerifBoldItalic, mkface(famSerif, styBold|styItalic))
	custom(fonts.Mono, mkface(famMono, 0), mkface(famMono, styItalic), mkface(famMono, styBold), mkface(famMono, styBold|styItalic))
	return fs
}

// fallbacks lists the faces to try, in order, for a wanted face.
func fallbacks(want face) [3]face {
	st := want.style()
	switch want.family() {
	case famMono:
		return [3]face{want, mkface(famMonoFallback, st), mkface(famSansFallback, st)}
	default:
		return [3]face{want, mkface(famSerifFallback, st), mkface(famSansFallback, st)}
	}
}

// pick returns the face that draws r, trying the wanted face and then its
// fallbacks; ok is false when none has it.
func (fs *fontSet) pick(want face, r rune) (face, bool) {
	for _, f := range fallbacks(want) {
		if fs.faces[f].m.has(r) {
			return f, true
		}
	}
	return want, false
}

// width of a string in one face at a size, in points, summed as fpdf sums
// it (integer thousandths of an em, then scaled), so right edges match.
//
// The font's kerning pairs are part of the width: the drawer kerns with
// the same numbers (text.go), which fpdf cannot do on its own.
func (fs *fontSet) width(f face, s string, size float64) float64 {
	m := fs.faces[f].m
	w := 0
	prev := rune(-1)
	for _, r := range s {
		if r < 0xFFFF {
			w += m.width(r)
			if prev >= 0 {
				w += m.kernPair(prev, r)
			}
			prev = r
		}
	}
	return float64(w) * size / 1000
}

// softHyphen tells whether face f has a glyph for U+00AD as wide as the
// hyphen's (fonts draw it as a hyphen), so that it can stand for a hyphen
// added at a line break.
func (fs *fontSet) softHyphen(f face) bool {
	m := fs.faces[f].m
	return m.has('\u00ad') && m.has('-') && m.width('\u00ad') == m.width('-')
}
