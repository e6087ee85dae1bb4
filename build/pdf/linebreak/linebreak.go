// Package linebreak breaks a paragraph into lines with the Knuth–Plass
// total-fit algorithm ("Breaking paragraphs into lines", 1981): the
// paragraph is a list of boxes, glue and penalties, and the breaks chosen
// minimise the demerits of the whole paragraph rather than of each line in
// turn. The PDF renderer builds the item lists (words, spaces, hyphenation
// points) and draws the lines; this package knows only widths.
package linebreak

import "math"

// Kind is what an item is.
type Kind uint8

const (
	Box     Kind = iota // a word or part of one: never stretched, never broken
	Glue                // a space: stretches and shrinks; a break point after a box
	Penalty             // a possible break point with a cost
)

// Inf is the penalty that forbids a break; -Inf forces one.
const Inf = 10000

// Item is one element of a paragraph.
type Item struct {
	Kind    Kind
	Width   float64 // for a Penalty: the width added when breaking here (a hyphen)
	Stretch float64
	Shrink  float64
	Penalty float64
	Flagged bool // a hyphenation point: consecutive flagged breaks cost more
}

// Params tune the breaker. The zero value of a field means TeX's default
// where TeX has one.
type Params struct {
	// Widths are the line widths; the last one repeats for later lines.
	Widths []float64
	// Tolerance is the largest adjustment ratio a line may have (TeX's
	// tolerance 200 is a ratio of about 1.26); default 2.
	Tolerance float64
	// LinePenalty is added to each line's badness; default 10.
	LinePenalty float64
	// FlaggedDemerits cost two hyphenated lines in a row; default 3000.
	FlaggedDemerits float64
	// FitnessDemerits cost a tight line next to a loose one; default 3000.
	FitnessDemerits float64
	// FinalHyphenDemerits cost a hyphen at the end of the last full line;
	// default 5000.
	FinalHyphenDemerits float64
	// MaxHyphens is how many lines in a row may end with a hyphen; 0 means
	// no limit.
	MaxHyphens int
}

// Line is one line of the result: items[Start:End] are on it, and End is
// the index of the break item (a glue, which is not drawn, or a penalty,
// whose Width is drawn when Flagged). Ratio says how much the glue on the
// line stretches (>0, in units of Stretch) or shrinks (<0, of Shrink).
type Line struct {
	Start, End int
	Ratio      float64
}

type sums struct{ w, y, z float64 }

type node struct {
	pos      int // index of the break item; -1 for the paragraph start
	line     int // number of lines before the break
	fitness  int
	hyph     int // consecutive flagged breaks ending here
	demerits float64
	ratio    float64
	after    sums // totals up to the first item the next line keeps
	prev     *node
}

// Break returns the best set of lines, or ok=false when no set has every
// line within Tolerance (the caller then retries looser or uses Greedy).
// The list must end with a forced break (glue with infinite stretch and a
// penalty of -Inf, TeX's \parfillskip and \penalty-10000).
func Break(items []Item, p Params) (lines []Line, ok bool) {
	if len(items) == 0 {
		return nil, true
	}
	tol := def(p.Tolerance, 2)
	linePen := def(p.LinePenalty, 10)
	flagged := def(p.FlaggedDemerits, 3000)
	fitness := def(p.FitnessDemerits, 3000)
	finalHyph := def(p.FinalHyphenDemerits, 5000)

	n := len(items)
	sum := make([]sums, n+1)
	for i, it := range items {
		s := sum[i]
		if it.Kind != Penalty {
			s.w += it.Width
		}
		if it.Kind == Glue {
			s.y += it.Stretch
			s.z += it.Shrink
		}
		sum[i+1] = s
	}
	// after(b) is where the line after a break at b starts: glue and
	// penalties after a break are discarded, as TeX does.
	after := func(b int) (int, sums) {
		i := skipDiscardable(items, b+1)
		return i, sum[i]
	}
	width := func(line int) float64 {
		if len(p.Widths) == 0 {
			return math.Inf(1)
		}
		return p.Widths[min(line, len(p.Widths)-1)]
	}
	lineClass := func(line int) int { return min(line, len(p.Widths)) }

	active := []*node{{pos: -1, after: sum[0]}}
	// cands holds the best new node per (fitness, hyphen run, line class):
	// a handful, so a linear search beats a map.
	var cands []*node
	arena := make([]node, 0, 64)
	newNode := func(nd node) *node {
		if len(arena) == cap(arena) {
			arena = make([]node, 0, 2*cap(arena))
		}
		arena = append(arena, nd)
		return &arena[len(arena)-1]
	}
	for b, it := range items {
		if !legal(items, b) {
			continue
		}
		forced := it.Kind == Penalty && it.Penalty <= -Inf
		cands = cands[:0]
		kept := active[:0]
		for _, a := range active {
			w := sum[b].w - a.after.w
			if it.Kind == Penalty {
				w += it.Width
			}
			lw := width(a.line)
			var r float64
			switch {
			case w < lw:
				if st := sum[b].y - a.after.y; st > 0 {
					r = (lw - w) / st
				} else {
					r = math.Inf(1)
				}
			case w > lw:
				if sh := sum[b].z - a.after.z; sh > 0 {
					r = (lw - w) / sh
				} else {
					r = math.Inf(-1)
				}
			}
			if r >= -1 && !forced {
				kept = append(kept, a)
			}
			if r < -1 || r > tol {
				continue
			}
			h := 0
			if it.Kind == Penalty && it.Flagged {
				h = a.hyph + 1
				if p.MaxHyphens > 0 && h > p.MaxHyphens {
					continue
				}
			}
			bad := 100 * r * r * math.Abs(r)
			d := (linePen + bad) * (linePen + bad)
			if it.Kind == Penalty {
				switch {
				case it.Penalty >= 0:
					d += it.Penalty * it.Penalty
				case it.Penalty > -Inf:
					d -= it.Penalty * it.Penalty
				}
			}
			if h > 1 {
				d += flagged
			}
			if forced && a.hyph > 0 {
				d += finalHyph
			}
			fc := fitnessClass(r)
			if a.pos >= 0 && abs(fc-a.fitness) > 1 {
				d += fitness
			}
			d += a.demerits
			lc := lineClass(a.line + 1)
			found := false
			for _, c := range cands {
				if c.fitness == fc && c.hyph == h && lineClass(c.line) == lc {
					found = true
					if d < c.demerits {
						c.line, c.demerits, c.ratio, c.prev = a.line+1, d, r, a
					}
					break
				}
			}
			if !found {
				_, s := after(b)
				cands = append(cands, newNode(node{pos: b, line: a.line + 1, fitness: fc, hyph: h, demerits: d, ratio: r, after: s, prev: a}))
			}
		}
		active = append(kept, cands...) // in discovery order: deterministic
		if len(active) == 0 {
			return nil, false
		}
	}
	var end *node
	for _, a := range active {
		if a.pos == n-1 && (end == nil || a.demerits < end.demerits) {
			end = a
		}
	}
	if end == nil {
		return nil, false
	}
	for nd := end; nd.prev != nil; nd = nd.prev {
		start, _ := after(nd.prev.pos)
		lines = append(lines, Line{Start: start, End: nd.pos, Ratio: nd.ratio})
	}
	for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
		lines[i], lines[j] = lines[j], lines[i]
	}
	return lines, true
}

// Greedy fills each line as far as it goes (first fit), never failing: a
// box wider than the line gets a line of its own. It is the last resort
// after Break and the breaker for ragged settings (table cells).
func Greedy(items []Item, widths []float64) []Line {
	var lines []Line
	n := len(items)
	start := skipDiscardable(items, 0)
	for start < n {
		lw := widths[min(len(lines), len(widths)-1)]
		w := 0.0
		brk := -1
		for i := start; i < n; i++ {
			it := items[i]
			if legal(items, i) {
				bw := w
				if it.Kind == Penalty {
					bw += it.Width
				}
				if it.Kind == Penalty && it.Penalty <= -Inf {
					brk = i
					break
				}
				if bw <= lw || brk < 0 {
					brk = i
				}
				if bw > lw {
					break
				}
			}
			if it.Kind != Penalty {
				w += it.Width
			}
			if w > lw && brk >= 0 {
				break
			}
		}
		if brk < 0 {
			brk = n - 1
		}
		lines = append(lines, Line{Start: start, End: brk})
		start = skipDiscardable(items, brk+1)
	}
	return lines
}

func legal(items []Item, i int) bool {
	switch items[i].Kind {
	case Glue:
		return i > 0 && items[i-1].Kind == Box
	case Penalty:
		return items[i].Penalty < Inf
	}
	return false
}

// skipDiscardable returns the first item at or after i that a line keeps:
// glue and penalties after a break are discarded, as TeX does, but not a
// forced break.
func skipDiscardable(items []Item, i int) int {
	for i < len(items) && items[i].Kind != Box && !(items[i].Kind == Penalty && items[i].Penalty <= -Inf) {
		i++
	}
	return i
}

func fitnessClass(r float64) int {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}

func def(v, d float64) float64 {
	if v == 0 {
		return d
	}
	return v
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
