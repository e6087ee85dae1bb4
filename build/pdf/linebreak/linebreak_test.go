package linebreak

import (
	"strings"
	"testing"
)

// para makes items from text with every character 1 unit wide, spaces of
// width 1 (stretch 0.5, shrink 1/3), and a flagged hyphenation point at
// every '|' inside a word (penalty 50, a hyphen 1 wide).
func para(text string) []Item {
	var items []Item
	for i, w := range strings.Fields(text) {
		if i > 0 {
			items = append(items, Item{Kind: Glue, Width: 1, Stretch: 0.5, Shrink: 1.0 / 3})
		}
		for j, part := range strings.Split(w, "|") {
			if j > 0 {
				items = append(items, Item{Kind: Penalty, Width: 1, Penalty: 50, Flagged: true})
			}
			items = append(items, Item{Kind: Box, Width: float64(len(part))})
		}
	}
	return append(items,
		Item{Kind: Penalty, Penalty: Inf},
		Item{Kind: Glue, Stretch: 1e6},
		Item{Kind: Penalty, Penalty: -Inf})
}

func natural(items []Item, l Line) float64 {
	w := 0.0
	for _, it := range items[l.Start:l.End] {
		if it.Kind != Penalty {
			w += it.Width
		}
	}
	if it := items[l.End]; it.Kind == Penalty {
		w += it.Width
	}
	return w
}

const sample = "In olden times when wish|ing still helped one, there lived a king whose daugh|ters were all beau|ti|ful; and the young|est was so beau|ti|ful that the sun it|self, which has seen so much, was aston|ished when|ever it shone in her face. Close by the king's cas|tle lay a great dark for|est, and un|der an old lime-tree in the for|est was a well."

func TestBreakFits(t *testing.T) {
	items := para(sample)
	for _, width := range []float64{25, 30, 40, 60} {
		lines, ok := Break(items, Params{Widths: []float64{width}, Tolerance: 3})
		if !ok {
			t.Fatalf("width %v: no solution", width)
		}
		if lines[len(lines)-1].End != len(items)-1 {
			t.Errorf("width %v: last line does not end at the forced break", width)
		}
		for i, l := range lines {
			if l.Ratio < -1 || l.Ratio > 3 {
				t.Errorf("width %v line %d: ratio %v out of range", width, i, l.Ratio)
			}
			w := natural(items, l)
			if i < len(lines)-1 && (w > width+1e-9 && l.Ratio >= 0) {
				t.Errorf("width %v line %d: natural width %v overfull", width, i, w)
			}
		}
	}
}

// TestTotalFitBeatsFirstFit is the point of the algorithm: total fit
// spreads the slack over the paragraph, so the sum of its lines' badness
// is never worse than first fit's, and usually better.
func TestTotalFitBeatsFirstFit(t *testing.T) {
	items := para(sample)
	better := 0
	for width := 20.0; width <= 40; width++ {
		badness := func(lines []Line) float64 {
			sum := 0.0
			for _, l := range lines[:len(lines)-1] {
				st, sh := 0.0, 0.0
				for _, it := range items[l.Start:l.End] {
					st += it.Stretch
					sh += it.Shrink
				}
				r := 0.0
				if d := width - natural(items, l); d > 0 {
					r = d / st
				} else {
					r = d / sh
				}
				sum += 100 * r * r * max(r, -r)
			}
			return sum
		}
		lines, ok := Break(items, Params{Widths: []float64{width}, Tolerance: 10})
		if !ok {
			t.Fatalf("width %v: no solution", width)
		}
		kp, ff := badness(lines), badness(Greedy(items, []float64{width}))
		if kp > ff+1e-6 {
			t.Errorf("width %v: total fit badness %.1f worse than first fit %.1f", width, kp, ff)
		}
		if kp < ff-1e-6 {
			better++
		}
	}
	if better == 0 {
		t.Error("total fit never improved on first fit")
	}
}

func TestMaxHyphens(t *testing.T) {
	// Every word can be hyphenated, and narrow lines make hyphens tempting.
	text := strings.Repeat("ab|cd|ef|gh ", 40)
	items := para(text)
	for _, maxH := range []int{1, 2} {
		lines, ok := Break(items, Params{Widths: []float64{21}, Tolerance: 10, MaxHyphens: maxH, FlaggedDemerits: 1})
		if !ok {
			t.Fatalf("max %d: no solution", maxH)
		}
		run, hyphens := 0, 0
		for _, l := range lines {
			if items[l.End].Flagged {
				run++
				hyphens++
			} else {
				run = 0
			}
			if run > maxH {
				t.Fatalf("max %d: %d hyphenated lines in a row", maxH, run)
			}
		}
		if hyphens == 0 {
			t.Errorf("max %d: expected some hyphenated lines", maxH)
		}
	}
}

func TestGreedyOverlongWord(t *testing.T) {
	items := para("a verylongwordthatdoesnotfit b")
	lines := Greedy(items, []float64{10})
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3", len(lines))
	}
}

func TestInfeasible(t *testing.T) {
	items := para("a verylongwordthatdoesnotfit b")
	if _, ok := Break(items, Params{Widths: []float64{10}}); ok {
		t.Error("an overfull word must make Break fail, so that the caller can fall back")
	}
}

func BenchmarkBreak(b *testing.B) {
	items := para(strings.Repeat(sample+" ", 3))
	b.ReportAllocs()
	for b.Loop() {
		Break(items, Params{Widths: []float64{60}, Tolerance: 2, MaxHyphens: 2})
	}
}
