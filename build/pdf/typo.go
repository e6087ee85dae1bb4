package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// The typesetter's report: what a copy-editor marks on proofs, measured on
// the finished pages. Layout notes on each line what the report needs
// (lineStat); the report is read from the pages once they are cut.

// lineStat is what the report keeps of a line of running text.
type lineStat struct {
	ratio float32 // how far a justified line's spaces stretch (>0) or shrink (<0)
	space float32 // its widest word space, in natural spaces (justified lines)
	chars int16   // characters, the spaces between words included
	set   bool    // a line of running text, set by set()
	just  bool    // justified, and not a paragraph's last line
	full  bool    // on the full measure, in the body size
	last  bool    // a paragraph's last line
	alone bool    // a last line with no space: one word, or a word's tail
}

// LooseBadness is TeX's \hbadness: a line whose spaces stretch so far
// that its badness (100·r³, r the stretch ratio) passes 1000 is one TeX
// itself reports as underfull. With a space's stretch at half its width,
// such a line's spaces are more than twice their natural width.
const LooseBadness = 1000

// Typography is the report on one PDF.
type Typography struct {
	Lines     int // lines of running text
	Justified int // justified lines that are not a paragraph's last
	// Loose are the justified lines with a badness above LooseBadness,
	// as "page: text".
	Loose []string
	// MaxSpace is the widest word space of a justified line, in natural
	// spaces of its font, and where it is.
	MaxSpace   float64
	MaxSpaceAt string
	Hyphenated int // lines that end with a hyphen (a compound's own included)
	HyphenRun  int // the longest run of such lines in a row
	// PageEnds are the pages whose text or notes end with a hyphenated
	// line: a word broken across the page.
	PageEnds []string
	// Stubs are paragraphs whose last line is the tail of a hyphenated
	// word.
	Stubs []string
	// Blank are the blank pages, by their place in the file (from 1);
	// Unjustified those of them that do not stand before a chapter
	// opening on a recto.
	Blank, Unjustified []int
	// Chars are the characters a line (spaces included) of running text on
	// the full measure: the median and the 10th and 90th percentiles.
	Chars, CharsLow, CharsHigh int
}

func (t Typography) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d lines, %d justified; %d loose (badness > %d); widest space %.2f× (%s)\n", t.Lines, t.Justified, len(t.Loose), LooseBadness, t.MaxSpace, t.MaxSpaceAt)
	fmt.Fprintf(&b, "%d hyphenated lines, at most %d in a row; %d at a page end; %d paragraphs end with a word's tail\n", t.Hyphenated, t.HyphenRun, len(t.PageEnds), len(t.Stubs))
	fmt.Fprintf(&b, "%d blank pages %v, %d not before a recto opening\n", len(t.Blank), t.Blank, len(t.Unjustified))
	fmt.Fprintf(&b, "characters a line: median %d (10%%: %d, 90%%: %d)", t.Chars, t.CharsLow, t.CharsHigh)
	return b.String()
}

// typography reads the report off the pages.
func typography(pages []page, labels []string) Typography {
	var t Typography
	var chars []int
	run := 0
	var prevHyph bool
	for pi := range pages {
		p := &pages[pi]
		if p.kind == pageBlank {
			t.Blank = append(t.Blank, pi+1)
			next := pi + 1
			if next >= len(pages) || !pages[next].opening || (next+1)%2 == 0 || len(p.items)+len(p.notes) > 0 {
				t.Unjustified = append(t.Unjustified, pi+1)
			}
			continue
		}
		for li, list := range [2][]placed{p.items, p.notes} {
			lastText := -1
			for i, pl := range list {
				st := pl.it.stat
				if pl.repeat || !st.set {
					continue
				}
				lastText = i
				t.Lines++
				if st.just {
					t.Justified++
					if bad := 100 * math.Pow(math.Abs(float64(st.ratio)), 3); st.ratio > 0 && bad > LooseBadness {
						t.Loose = append(t.Loose, labels[pi]+": "+lineString(pl.it))
					}
					if s := float64(st.space); s > t.MaxSpace {
						t.MaxSpace, t.MaxSpaceAt = s, labels[pi]+": "+lineString(pl.it)
					}
				}
				if st.full && !st.last {
					chars = append(chars, int(st.chars))
				}
				if st.last && st.alone && prevHyph {
					t.Stubs = append(t.Stubs, labels[pi]+": "+lineString(pl.it))
				}
				if pl.it.hyph {
					t.Hyphenated++
					run++
					t.HyphenRun = max(t.HyphenRun, run)
				} else {
					run = 0
				}
				prevHyph = pl.it.hyph
			}
			if lastText >= 0 && list[lastText].it.hyph && pi+1 < len(pages) {
				t.PageEnds = append(t.PageEnds, labels[pi]+[2]string{"", " (notes)"}[li]+": "+lineString(list[lastText].it))
			}
		}
	}
	if len(chars) > 0 {
		slices.Sort(chars)
		t.Chars, t.CharsLow, t.CharsHigh = chars[len(chars)/2], chars[len(chars)/10], chars[len(chars)*9/10]
	}
	return t
}

func lineString(it *vitem) string {
	var b strings.Builder
	for _, o := range it.ops {
		if o.kind == opText {
			b.WriteString(o.s)
			if !strings.HasSuffix(o.s, " ") && !o.hyph {
				b.WriteByte(' ')
			}
		}
	}
	return strings.TrimSpace(letters(b.String()))
}

var unligatures = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl")

// letters spells out the ligatures of a drawn string.
func letters(s string) string {
	if !strings.ContainsAny(s, "\ufb00\ufb01\ufb02\ufb03\ufb04") {
		return s
	}
	return unligatures.Replace(s)
}

// Problems are the report's findings against the rules of the trade; an
// empty list is a clean proof.
//   - Loose lines: at most one justified line in a hundred above TeX's
//     \hbadness (spaces more than twice their width), and no space wider
//     than three of its own (the 14 pt gaps of a justified bibliography
//     against 3 pt spaces were 4.7).
//   - Hyphens: never more than two lines in a row (house style; Chicago
//     allows three), never at the foot of a page (the word is split by
//     the turn of the page), never the last word of a paragraph.
//   - Blank pages only before a chapter that opens on a recto.
//   - A measure of 60–75 characters (Bringhurst gives 45–75, with 66 the
//     ideal, for a single column of text set in a serif).
func (t Typography) Problems() []Problem {
	var out []Problem
	add := func(rule, format string, args ...any) {
		out = append(out, Problem{rule, fmt.Sprintf(format, args...)})
	}
	if len(t.Loose)*100 > t.Justified {
		add("loose", "%d of %d justified lines are loose (badness > %d), e.g. %q", len(t.Loose), t.Justified, LooseBadness, t.Loose[0])
	}
	if t.MaxSpace > 3 {
		add("space", "a word space %.1f times its width: %q", t.MaxSpace, t.MaxSpaceAt)
	}
	if t.HyphenRun > 2 {
		add("hyphen-run", "%d hyphenated lines in a row", t.HyphenRun)
	}
	if len(t.PageEnds) > 0 {
		add("page-end", "%d pages end with a hyphenated line, e.g. %q", len(t.PageEnds), t.PageEnds[0])
	}
	if len(t.Stubs) > 0 {
		add("stub", "%d paragraphs end with a hyphenated word's tail, e.g. %q", len(t.Stubs), t.Stubs[0])
	}
	if len(t.Unjustified) > 0 {
		add("blank", "blank pages %v stand before no recto chapter opening", t.Unjustified)
	}
	if t.Chars > 0 && (t.Chars < 60 || t.Chars > 75) {
		add("measure", "%d characters a line (median; 10%%–90%%: %d–%d): the measure is not 60–75", t.Chars, t.CharsLow, t.CharsHigh)
	}
	return out
}

// Problem is one finding of the report: the rule broken and how.
type Problem struct {
	Rule   string // loose, space, hyphen-run, page-end, stub, blank, measure
	Detail string
}

func (p Problem) String() string { return p.Rule + ": " + p.Detail }
