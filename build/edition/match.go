package edition

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// How two texts are compared. A paragraph is reduced to its words (letters
// and digits, lower-cased) and to the set of its word pairs ("state
// practice", "practice shows"): pairs keep some word order, so that two
// paragraphs built from the same legal vocabulary in a different sense do not
// look alike, while a moved sentence or a changed word only costs the pairs
// it touches. Similarity is the Dice coefficient of the pair sets:
// 2·|A∩B| / (|A|+|B|).
const (
	// SameThreshold: at or above it a new paragraph keeps an old one's
	// identity (moved or edited). A changed word in a 100-word paragraph
	// costs about 2 of 99 pairs (0.98); rewriting a third of it leaves about
	// 0.55.
	SameThreshold = 0.5
	// LightThreshold: at or above it an edit is light (wording, a typo, a
	// reference updated) and is not listed as a substantive change.
	LightThreshold = 0.8
	// PartThreshold: the share of a piece's word pairs that must come from
	// the other paragraph for it to count as split off it or merged into it
	// (a piece is often reworded where it was cut).
	PartThreshold = 0.4
	// RewriteThreshold: an unmatched old and new paragraph in the same place
	// (between the same kept paragraphs of the same chapter) are one
	// paragraph rewritten when their content words (not pairs; words of
	// four letters or more, common ones left out) have this Dice
	// similarity, or when they are the only two in that place under the
	// same heading.
	RewriteThreshold = 0.2
	// minPartPairs keeps one-line paragraphs ("See above.") from being
	// taken as pieces of a longer one.
	minPartPairs = 4
)

// Item is one paragraph as the matcher sees it.
type Item struct {
	Label   string   // "para:x" when labelled: a label is an identity of its own
	Chapter string   // chapter ID
	Path    []string // heading path, for placing rewritten paragraphs
	Text    string   // plain text
	Hash    string   // of the text, see Hash

	words   []string
	uni     []uint64 // sorted unique word hashes
	content []uint64 // the same, without short and common words
	bi      []uint64 // sorted unique word-pair hashes
}

// Kind is what happened to a paragraph of the new edition.
type Kind int

const (
	Added     Kind = iota // no old counterpart
	Same                  // identical text
	Light                 // lightly edited
	Edited                // substantively changed
	Rewritten             // in the same place, mostly new words
	SplitOff              // carved out of an old paragraph that lives on elsewhere
)

func (k Kind) String() string {
	return [...]string{"added", "same", "light", "edited", "rewritten", "split-off"}[k]
}

// Match is the outcome of matching the new edition against the old.
type Match struct {
	// For each new item: the old item whose identity it keeps (-1: none),
	// what happened to it, and for SplitOff the old item it came from.
	From    []int
	Kind    []Kind
	SplitOf []int
	Score   []float64 // similarity to From (1 for Same)
	// For each old item: the new item holding its identity (-1: none) and,
	// when its text went into another paragraph, that paragraph (-1: none).
	To         []int
	MergedInto []int
	// Moved marks new items whose paragraph changed chapter or order.
	Moved []bool
}

// Removed reports whether old item j vanished without a trace.
func (m *Match) Removed(j int) bool { return m.To[j] < 0 && m.MergedInto[j] < 0 && !m.splitSource(j) }

func (m *Match) splitSource(j int) bool {
	for i, s := range m.SplitOf {
		if s == j && m.Kind[i] == SplitOff {
			return true
		}
	}
	return false
}

// prepared keeps the word sets of texts seen before, by text: serve
// identifies every paragraph of a publication and of its released
// edition on every save, and almost all are unchanged. The sets are only
// read once made. Bounded: past keepPrepared texts it starts afresh.
var prepared = struct {
	sync.Mutex
	m map[string]Item
}{m: map[string]Item{}}

const keepPrepared = 1 << 16

// Prepare computes the word sets an item is compared by.
func (it *Item) Prepare() {
	prepared.Lock()
	p, ok := prepared.m[it.Text]
	prepared.Unlock()
	if ok {
		it.words, it.uni, it.content, it.bi = p.words, p.uni, p.content, p.bi
		return
	}
	it.prepare()
	prepared.Lock()
	if len(prepared.m) >= keepPrepared {
		clear(prepared.m)
	}
	prepared.m[it.Text] = Item{words: it.words, uni: it.uni, content: it.content, bi: it.bi}
	prepared.Unlock()
}

func (it *Item) prepare() {
	it.words = Words(it.Text)
	hs := make([]uint64, len(it.words))
	var content []uint64
	for i, w := range it.words {
		hs[i] = wordHash(w)
		if len(w) >= 4 && !common[w] {
			content = append(content, hs[i])
		}
	}
	it.uni = sortedSet(append([]uint64(nil), hs...))
	it.content = sortedSet(content)
	if len(hs) < 2 {
		it.bi = it.uni
		return
	}
	bi := make([]uint64, len(hs)-1)
	for i := range bi {
		// Order matters: "state practice" is not "practice state".
		bi[i] = (hs[i]*0x9E3779B97F4A7C15 ^ hs[i+1]>>7) + hs[i+1]
	}
	it.bi = sortedSet(bi)
}

// Words splits text into lower-case words of letters and digits.
func Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// wordHash is 64-bit FNV-1a, inline: it runs for every word of a book.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

func sortedSet(hs []uint64) []uint64 {
	slices.Sort(hs)
	return slices.Compact(hs)
}

func intersect(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(intersect(a, b)) / float64(len(a)+len(b))
}

// MatchItems matches the new edition's paragraphs (in reading order) against
// the old edition's (in its reading order). Items must be prepared.
//
// In order: a label keeps its paragraph; identical text keeps it (nearest
// first, so that duplicates pair in order); then pairs of similar paragraphs
// (Dice ≥ SameThreshold), best first; then pieces: a new paragraph made
// mostly of an old one that already has its successor was split off it, an
// old paragraph mostly contained in a new one that already has its
// predecessor was merged into it; then rewrites in place. What is left was
// added or removed.
func MatchItems(old, cur []*Item) *Match {
	m := &Match{
		From: fill(len(cur), -1), Kind: make([]Kind, len(cur)), SplitOf: fill(len(cur), -1),
		Score: make([]float64, len(cur)), To: fill(len(old), -1), MergedInto: fill(len(old), -1),
		Moved: make([]bool, len(cur)),
	}
	link := func(i, j int, k Kind, score float64) {
		m.From[i], m.To[j], m.Kind[i], m.Score[i] = j, i, k, score
	}

	// Labels.
	byLabel := map[string]int{}
	for j, o := range old {
		if o.Label != "" {
			byLabel[o.Label] = j
		}
	}
	for i, c := range cur {
		if c.Label == "" {
			continue
		}
		if j, ok := byLabel[c.Label]; ok && m.To[j] < 0 {
			d := dice(old[j].bi, c.bi)
			link(i, j, classify(old[j], c, d), d)
		}
	}

	// Identical text, same chapter first.
	byHash := map[string][]int{}
	for j, o := range old {
		if m.To[j] < 0 {
			byHash[o.Hash] = append(byHash[o.Hash], j)
		}
	}
	for pass := 0; pass < 2; pass++ {
		for i, c := range cur {
			if _, labelled := byLabel[c.Label]; m.From[i] >= 0 || c.Label != "" && labelled {
				continue
			}
			for _, j := range byHash[c.Hash] {
				if m.To[j] < 0 && (pass == 1 || old[j].Chapter == c.Chapter) {
					link(i, j, Same, 1)
					break
				}
			}
		}
	}

	// Similar paragraphs: candidates from an index of the old items' rarer
	// word pairs, scored exactly.
	type pair struct {
		i, j  int
		inter int
		d     float64
	}
	var pairs []pair
	idx := map[uint64][]int32{}
	// Paragraphs kept by their label are indexed too: they may have been
	// split or had another merged into them. Identical ones cannot have.
	for j, o := range old {
		if m.To[j] >= 0 && m.Kind[m.To[j]] == Same {
			continue
		}
		for _, h := range o.bi {
			idx[h] = append(idx[h], int32(j))
		}
	}
	// A pair that occurs in very many paragraphs ("of the") says nothing
	// about which one a paragraph came from and would make the index
	// quadratic; the exact score below still counts it.
	common := max(8, len(old)/20)
	counts := make([]int32, len(old))
	var touched []int
	const perItem = 6
	for i, c := range cur {
		if m.From[i] >= 0 && m.Kind[i] == Same {
			continue
		}
		touched = touched[:0]
		for _, h := range c.bi {
			ps := idx[h]
			if len(ps) > common {
				continue
			}
			for _, j := range ps {
				if counts[j] == 0 {
					touched = append(touched, int(j))
				}
				counts[j]++
			}
		}
		sort.Slice(touched, func(a, b int) bool {
			if counts[touched[a]] != counts[touched[b]] {
				return counts[touched[a]] > counts[touched[b]]
			}
			return touched[a] < touched[b]
		})
		for k, j := range touched {
			if k < perItem {
				inter := intersect(old[j].bi, c.bi)
				pairs = append(pairs, pair{i, j, inter, 2 * float64(inter) / float64(len(old[j].bi)+len(c.bi))})
			}
		}
		for _, j := range touched {
			counts[j] = 0
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].d != pairs[b].d {
			return pairs[a].d > pairs[b].d
		}
		if pairs[a].i != pairs[b].i {
			return pairs[a].i < pairs[b].i
		}
		return pairs[a].j < pairs[b].j
	})
	for _, p := range pairs {
		if p.d >= SameThreshold && m.From[p.i] < 0 && m.To[p.j] < 0 {
			link(p.i, p.j, classify(old[p.j], cur[p.i], p.d), p.d)
		}
	}
	// Pieces, largest share first.
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].inter > pairs[b].inter })
	for _, p := range pairs {
		o, c := old[p.j], cur[p.i]
		if p.inter < minPartPairs {
			continue
		}
		switch {
		case m.From[p.i] < 0 && m.Kind[p.i] != SplitOff && m.To[p.j] >= 0 && float64(p.inter) >= PartThreshold*float64(len(c.bi)):
			m.Kind[p.i], m.SplitOf[p.i], m.Score[p.i] = SplitOff, p.j, float64(p.inter)/float64(len(c.bi))
			if k := m.To[p.j]; m.Kind[k] == Same || m.Kind[k] == Light {
				m.Kind[k] = Edited // what is left of a split paragraph has changed
			}
		case m.To[p.j] < 0 && m.MergedInto[p.j] < 0 && m.From[p.i] >= 0 && float64(p.inter) >= PartThreshold*float64(len(o.bi)):
			m.MergedInto[p.j] = p.i
			if m.Kind[p.i] == Same || m.Kind[p.i] == Light {
				m.Kind[p.i] = Edited
			}
		}
	}
	// A split-off piece counts as matched from here on.
	taken := func(i int) bool { return m.From[i] >= 0 || m.Kind[i] == SplitOff }
	gone := func(j int) bool { return m.To[j] >= 0 || m.MergedInto[j] >= 0 }

	// Rewrites in place: walk the new items of each chapter; between two kept
	// paragraphs, the unmatched old items between their predecessors are
	// candidates.
	var pendingNew []int
	lastOld := -1
	flush := func(nextOld int) {
		if len(pendingNew) == 0 {
			return
		}
		var cand []int
		hi := nextOld
		if hi < 0 {
			hi = len(old)
		}
		for j := lastOld + 1; j < hi && j < len(old); j++ {
			if j >= 0 && !gone(j) && old[j].Chapter == cur[pendingNew[0]].Chapter {
				cand = append(cand, j)
			}
		}
		alone := len(cand) == 1 && len(pendingNew) == 1 && slices.Equal(old[cand[0]].Path, cur[pendingNew[0]].Path)
		// Best pairs first: a paragraph added next to a rewritten one must
		// not take its identity by coming first.
		type rw struct {
			i, j int
			d    float64
		}
		var rws []rw
		for _, i := range pendingNew {
			for _, j := range cand {
				if d := dice(old[j].content, cur[i].content); d >= RewriteThreshold || alone {
					rws = append(rws, rw{i, j, d})
				}
			}
		}
		sort.SliceStable(rws, func(a, b int) bool { return rws[a].d > rws[b].d })
		for _, r := range rws {
			if m.From[r.i] < 0 && m.To[r.j] < 0 {
				link(r.i, r.j, Rewritten, dice(old[r.j].bi, cur[r.i].bi))
			}
		}
		pendingNew = pendingNew[:0]
	}
	for i := range cur {
		if i > 0 && cur[i].Chapter != cur[i-1].Chapter {
			flush(-1)
			lastOld = -1
		}
		if !taken(i) {
			pendingNew = append(pendingNew, i)
			continue
		}
		j := m.From[i]
		if j < 0 {
			j = m.SplitOf[i]
		}
		// A paragraph out of order (moved) bounds nothing.
		if j > lastOld && old[j].Chapter == cur[i].Chapter {
			flush(j)
			lastOld = j
		}
	}
	flush(-1)

	// Moves: a kept paragraph moved when it changed chapter or is not on the
	// longest run of kept paragraphs in their old order.
	var seq, at []int
	for i := range cur {
		if j := m.From[i]; j >= 0 {
			seq = append(seq, j)
			at = append(at, i)
		}
	}
	keep := lis(seq)
	for k, i := range at {
		if !keep[k] || old[m.From[i]].Chapter != cur[i].Chapter {
			m.Moved[i] = true
		}
	}
	return m
}

func classify(o, c *Item, d float64) Kind {
	switch {
	case o.Hash == c.Hash:
		return Same
	case d >= LightThreshold:
		return Light
	}
	return Edited
}

func fill(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// lis marks a longest strictly increasing subsequence of s (O(n log n)).
func lis(s []int) []bool {
	tails := []int{} // indexes into s
	prev := make([]int, len(s))
	for i, v := range s {
		k := sort.Search(len(tails), func(k int) bool { return s[tails[k]] >= v })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	keep := make([]bool, len(s))
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[i] = true
		}
	}
	return keep
}

// common words say nothing about what a paragraph is about; with words of
// fewer than four letters they are left out when a rewrite is recognised
// by the words it keeps.
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`that this with which from have been their there would should could
		whether other such these those into also does were upon only some more most than them they when where
		what while under over shall must many very being about after before between`) {
		m[w] = true
	}
	return m
}()
