package fontsubset

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavuserif"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// sample is text of the kind the example publications carry: accents of
// Hungarian, Czech and French, typographic quotes and dashes, § and €.
const sample = "Article 51 – the “due diligence” norm (§ 13(c)): Erdős, Čapek, Élysée; " +
	"€ 2,5 m — ‘AV Wa To’ fi … ¶ «ß» ÆØÅ Ωμέγα Жук"

func TestSubset(t *testing.T) {
	for _, tc := range []struct {
		name  string
		font  []byte
		text  string
		notIn string // runes the whole font maps and the subset must not
	}{
		{"regular", liberationserifregular.TTF, sample, "QXZqxz0"},
		{"italic", liberationserifitalic.TTF, sample, "QXZqxz0"},
		{"bold", liberationserifbold.TTF, sample, "QXZqxz0"},
		{"bolditalic", liberationserifbolditalic.TTF, sample, "QXZqxz0"},
		{"ascii", liberationserifregular.TTF, "The quick brown fox", "őé€A"},
		{"only notdef", liberationserifregular.TTF, "", "a"},
		{"unmapped runes", liberationserifregular.TTF, "a中😀\u2011", "b"},
		{"beyond the BMP", dejavuserif.TTF, "x 𝐴𝐵 y", "z𝐶"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := Subset(tc.font, []rune(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			orig, got := mustParse(t, tc.font), mustParse(t, sub)
			checkRunes(t, orig, got, tc.text)
			for _, r := range tc.notIn {
				if glyph(t, orig, r) == 0 {
					t.Fatalf("test setup: the font does not map %q", r)
				}
				if glyph(t, got, r) != 0 {
					t.Errorf("%q was not asked for but is in the subset", r)
				}
			}
			checkKern(t, tc.font, sub, tc.text)
			checkNames(t, orig, got)
			checkChecksums(t, sub)
			if len(sub) > len(tc.font)/4 {
				t.Errorf("subset is %d bytes of %d", len(sub), len(tc.font))
			}
		})
	}
}

// checkRunes wants every rune the whole font maps to map in the subset to
// a glyph with the same advance and the same outline (composite glyphs
// included: a missing or misnumbered component changes the outline).
func checkRunes(t *testing.T, orig, got *sfnt.Font, text string) {
	t.Helper()
	var b sfnt.Buffer
	ppem := fixed.Int26_6(orig.UnitsPerEm())
	for _, r := range text {
		og := glyph(t, orig, r)
		if og == 0 {
			if glyph(t, got, r) != 0 {
				t.Errorf("%q: the font has no glyph, the subset has one", r)
			}
			continue
		}
		g := glyph(t, got, r)
		if g == 0 {
			t.Errorf("%q: no glyph in the subset", r)
			continue
		}
		oa, err1 := orig.GlyphAdvance(&b, og, ppem, xfont.HintingNone)
		a, err2 := got.GlyphAdvance(&b, g, ppem, xfont.HintingNone)
		if err1 != nil || err2 != nil || oa != a {
			t.Errorf("%q: advance %v, want %v (%v, %v)", r, a, oa, err1, err2)
		}
		oseg, err1 := orig.LoadGlyph(&b, og, ppem, nil)
		oseg = slices.Clone(oseg)
		seg, err2 := got.LoadGlyph(&b, g, ppem, nil)
		if err1 != nil || err2 != nil || !slices.Equal(oseg, seg) {
			t.Errorf("%q: outline differs (%d segments, want %d; %v, %v)", r, len(seg), len(oseg), err1, err2)
		}
	}
}

// checkKern compares every pair of the text's runes in the two fonts'
// kern tables, and asks x/image/font/sfnt (which, with no GPOS, reads the
// kern table as HarfBuzz does) for the subset's value of each.
func checkKern(t *testing.T, whole, sub []byte, text string) {
	t.Helper()
	orig, got := mustParse(t, whole), mustParse(t, sub)
	ok, gk := kernPairs(t, whole), kernPairs(t, sub)
	var b sfnt.Buffer
	seen := 0
	for _, l := range text {
		for _, r := range text {
			ol, or := glyph(t, orig, l), glyph(t, orig, r)
			gl, gr := glyph(t, got, l), glyph(t, got, r)
			want := ok[uint32(ol)<<16|uint32(or)]
			if want == 0 {
				continue
			}
			seen++
			if gk[uint32(gl)<<16|uint32(gr)] != want {
				t.Errorf("kern %q%q: %d, want %d", l, r, gk[uint32(gl)<<16|uint32(gr)], want)
			}
			k, err := got.Kern(&b, gl, gr, fixed.Int26_6(got.UnitsPerEm()), xfont.HintingNone)
			if err != nil || int(k) != int(want) {
				t.Errorf("sfnt.Kern %q%q: %v (%v), want %d", l, r, k, err, want)
			}
		}
	}
	if strings.Contains(text, "AV") && seen == 0 {
		t.Error("no kerning pair found in the text: the test checks nothing")
	}
}

// kernPairs reads the first format 0 subtable of a kern table.
func kernPairs(t *testing.T, data []byte) map[uint32]int16 {
	t.Helper()
	f, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	k := f.tables["kern"]
	out := map[uint32]int16{}
	if len(k) < 18 {
		return out
	}
	n := int(be.Uint16(k[10:]))
	for i := range n {
		p := k[18+6*i:]
		out[be.Uint32(p)] = int16(be.Uint16(p[4:]))
	}
	return out
}

func checkNames(t *testing.T, orig, got *sfnt.Font) {
	t.Helper()
	var b sfnt.Buffer
	for _, id := range []sfnt.NameID{sfnt.NameIDCopyright, sfnt.NameIDFamily, sfnt.NameIDFull, sfnt.NameIDLicense, sfnt.NameIDLicenseURL} {
		want, _ := orig.Name(&b, id)
		have, _ := got.Name(&b, id)
		if have != want {
			t.Errorf("name %d: %q, want %q", id, have, want)
		}
	}
}

// checkChecksums checks each table's checksum and the whole file's, which
// head's checksumAdjustment makes 0xB1B0AFBA.
func checkChecksums(t *testing.T, data []byte) {
	t.Helper()
	if len(data)%4 != 0 {
		t.Errorf("length %d is not a multiple of 4", len(data))
	}
	if sum := checksum(data); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", sum)
	}
	n := int(be.Uint16(data[4:]))
	prev := ""
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		if tag <= prev {
			t.Errorf("table directory not sorted: %q after %q", tag, prev)
		}
		prev = tag
		off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		table := slices.Clone(data[off : off+(length+3)&^3])
		if tag == "head" {
			be.PutUint32(table[8:], 0)
		}
		if got, want := checksum(table), be.Uint32(rec[4:]); got != want {
			t.Errorf("%s: checksum %#x, directory says %#x", tag, got, want)
		}
	}
}

func TestTables(t *testing.T) {
	sub, err := Subset(liberationserifregular.TTF, []rune("AVé"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for tag := range f.tables {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	want := []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "kern", "loca", "maxp", "name", "post", "prep"}
	if !slices.Equal(tags, want) {
		t.Errorf("tables %q, want %q", tags, want)
	}
	if v := be.Uint32(f.tables["post"]); v != 0x00030000 {
		t.Errorf("post version %#x, want 3.0", v)
	}
	// .notdef, A, V, and é with its components e and the acute.
	if f.numGlyphs != 6 {
		t.Errorf("%d glyphs, want 6", f.numGlyphs)
	}
	if os2 := f.tables["OS/2"]; be.Uint16(os2[64:]) != 'A' || be.Uint16(os2[66:]) != 'é' {
		t.Errorf("OS/2 character range %#x–%#x, want A–é", be.Uint16(os2[64:]), be.Uint16(os2[66:]))
	}
}

// TestComposite makes sure the sample exercises composite glyphs, so that
// TestSubset's outline comparison covers their components.
func TestComposite(t *testing.T) {
	f, err := parse(liberationserifregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	cm, err := readCmap(f.tables["cmap"], f.numGlyphs)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "éőČ" {
		data, err := f.glyph(cm.glyph(r))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		if err := components(data, func(int) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		if n < 2 {
			t.Errorf("%q: %d components; the test font was expected to build it from two", r, n)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, err := Subset(liberationserifitalic.TTF, []rune(sample))
	if err != nil {
		t.Fatal(err)
	}
	rs := []rune(sample)
	slices.Reverse(rs)
	b, err := Subset(liberationserifitalic.TTF, append(rs, rs...))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the order or repetition of the runes changed the bytes")
	}
}

func TestFormat12(t *testing.T) {
	sub, err := Subset(dejavuserif.TTF, []rune("a𝐴"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	cm := f.tables["cmap"]
	var encodings [][2]uint16
	for i := range int(be.Uint16(cm[2:])) {
		rec := cm[4+8*i:]
		encodings = append(encodings, [2]uint16{be.Uint16(rec), be.Uint16(rec[2:])})
	}
	if want := [][2]uint16{{0, 3}, {0, 4}, {3, 1}, {3, 10}}; !slices.Equal(encodings, want) {
		t.Errorf("cmap encodings %v, want %v", encodings, want)
	}
	sub, err = Subset(dejavuserif.TTF, []rune("a"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ = parse(sub)
	if n := be.Uint16(f.tables["cmap"][2:]); n != 2 {
		t.Errorf("a BMP-only subset has %d cmap subtables, want 2 (format 4 only)", n)
	}
}

func TestErrors(t *testing.T) {
	lib := liberationserifregular.TTF
	otto := append([]byte("OTTO"), lib[4:]...)
	noGlyf := bytes.Replace(slices.Clone(lib[:12+16*30]), []byte("glyf"), []byte("gly_"), 1)
	noGlyf = append(noGlyf, lib[len(noGlyf):]...)
	badLoca := slices.Clone(lib)
	// maxp's glyph count raised past what loca holds.
	f, _ := parse(lib)
	maxpAt := bytes.Index(badLoca, f.tables["maxp"])
	be.PutUint16(badLoca[maxpAt+4:], 0xFFFF)
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, nil},
		{"text", []byte("not really a font, but the bytes must arrive as given"), nil},
		{"cff", otto, ErrNotTrueType},
		{"no glyf", noGlyf, ErrNotTrueType},
		{"collection", append([]byte("ttcf"), lib[4:100]...), nil},
		{"cut short", lib[:2000], nil},
		{"directory only", lib[:12+16*19], nil},
		{"loca too short", badLoca, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Subset(tc.data, []rune("abc"))
			if err == nil {
				t.Fatalf("no error; %d bytes", len(out))
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

func BenchmarkSubset(b *testing.B) {
	rs := []rune(sample + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Subset(liberationserifregular.TTF, rs); err != nil {
			b.Fatal(err)
		}
	}
}

func mustParse(t *testing.T, data []byte) *sfnt.Font {
	t.Helper()
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func glyph(t *testing.T, f *sfnt.Font, r rune) sfnt.GlyphIndex {
	t.Helper()
	var b sfnt.Buffer
	g, err := f.GlyphIndex(&b, r)
	if err != nil {
		t.Fatal(err)
	}
	return g
}
