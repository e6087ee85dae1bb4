// Package hyphen finds the places where a word may be hyphenated, with
// Frank Liang's pattern algorithm (the one TeX uses) and the hyph-utf8
// patterns embedded in the binary. The PDF renderer's paragraph builder asks
// it for break points before line breaking.
//
// The algorithm is written here rather than taken from speedata/hyphenation
// (which the tests use as an oracle): that package converts every substring
// of every word from runes to a string for its map look-up, about 16 µs a
// word, while looking up byte slices of one lower-cased buffer does the same
// work without allocating.
package hyphen

import (
	"embed"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.txt patterns/ushyphex.tex
var patternFiles embed.FS

// Patterns is one language's hyphenation patterns and exceptions. It is
// immutable once made and safe for concurrent use.
type Patterns struct {
	pats       map[string][]uint8 // letters (with '.' at word edges) → digits between them
	maxLen     int                // longest pattern, in bytes
	exceptions map[string][]int   // lower-cased word → rune positions

	// memo keeps each word's points once found, for every renderer and
	// publication of the process: a book repeats its vocabulary, and the
	// editions of one project share most of theirs. It stops growing at
	// memoMax words (a long serve session), so it never holds more than a
	// few megabytes.
	memo     sync.Map // memoKey → []int
	memoSize atomic.Int64
}

type memoKey struct {
	word        string
	left, right int
}

const memoMax = 1 << 17

// Parse reads patterns in the hyph-utf8 text form ("a1b2c", one or more a
// line, '%' comments) and exceptions ("ta-ble").
func Parse(patterns, exceptions string) *Patterns {
	p := &Patterns{pats: map[string][]uint8{}, exceptions: map[string][]int{}}
	for _, f := range fields(patterns) {
		var letters strings.Builder
		digits := []uint8{0}
		for _, r := range f {
			if r >= '0' && r <= '9' {
				digits[len(digits)-1] = uint8(r - '0')
				continue
			}
			letters.WriteRune(unicode.ToLower(r))
			digits = append(digits, 0)
		}
		key := letters.String()
		p.pats[key] = digits
		p.maxLen = max(p.maxLen, len(key))
	}
	for _, f := range fields(exceptions) {
		var word strings.Builder
		var pos []int
		n := 0
		for _, r := range f {
			if r == '-' {
				pos = append(pos, n)
				continue
			}
			word.WriteRune(unicode.ToLower(r))
			n++
		}
		p.exceptions[word.String()] = pos
	}
	return p
}

func fields(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// Points returns the rune positions inside word before which a hyphen may
// go, at least left runes from the start and right runes from the end.
// The slice is shared: the caller must not change it.
func (p *Patterns) Points(word string, left, right int) []int {
	k := memoKey{word, left, right}
	if v, ok := p.memo.Load(k); ok {
		return v.([]int)
	}
	pts := p.points(word, left, right)
	if p.memoSize.Load() < memoMax {
		if _, loaded := p.memo.LoadOrStore(k, pts); !loaded {
			p.memoSize.Add(1)
		}
	}
	return pts
}

func (p *Patterns) points(word string, left, right int) []int {
	lower := strings.ToLower(word)
	n := utf8.RuneCountInString(lower)
	if n < left+right {
		return nil
	}
	if pos, ok := p.exceptions[lower]; ok {
		var out []int
		for _, x := range pos {
			if x >= left && n-x >= right {
				out = append(out, x)
			}
		}
		return out
	}
	dotted := "." + lower + "."
	// starts[i] is the byte offset of rune i of dotted; one extra at the end.
	starts := make([]int, 0, n+3)
	for i := range dotted {
		starts = append(starts, i)
	}
	starts = append(starts, len(dotted))
	gaps := make([]uint8, n+3) // gap g lies before rune g of dotted
	for i := 0; i < len(starts)-1; i++ {
		for j := i + 1; j < len(starts); j++ {
			if starts[j]-starts[i] > p.maxLen {
				break
			}
			d, ok := p.pats[dotted[starts[i]:starts[j]]]
			if !ok {
				continue
			}
			for k, v := range d {
				if v > gaps[i+k] {
					gaps[i+k] = v
				}
			}
		}
	}
	var out []int
	// A break before rune r of the word is gap r+1 of the dotted word.
	for r := max(left, 1); r <= n-right; r++ {
		if gaps[r+1]%2 == 1 {
			out = append(out, r)
		}
	}
	return out
}

// Lang returns the patterns for a BCP 47 language tag, or nil when none
// are embedded for it: en-US and other English variants use the American
// patterns except en-GB (and the Commonwealth variants that follow British
// spelling); fr, de, nl and es have one set each.
func Lang(tag string) *Patterns {
	name := fileFor(tag)
	if name == "" {
		return nil
	}
	return loaded(name)
}

func fileFor(tag string) string {
	t := strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	base, region, _ := strings.Cut(t, "-")
	switch base {
	case "en":
		switch region {
		case "us", "":
			return "en-us"
		}
		return "en-gb"
	case "fr":
		return "fr"
	case "de":
		return "de-1996"
	case "nl":
		return "nl"
	case "es":
		return "es"
	}
	return ""
}

// Parsed patterns are immutable, so each language is parsed once per
// process and shared; this is a cache of constants, not mutable state.
var cache = map[string]func() *Patterns{
	"en-gb":   sync.OnceValue(func() *Patterns { return load("en-gb") }),
	"en-us":   sync.OnceValue(func() *Patterns { return load("en-us") }),
	"fr":      sync.OnceValue(func() *Patterns { return load("fr") }),
	"de-1996": sync.OnceValue(func() *Patterns { return load("de-1996") }),
	"nl":      sync.OnceValue(func() *Patterns { return load("nl") }),
	"es":      sync.OnceValue(func() *Patterns { return load("es") }),
}

func loaded(name string) *Patterns { return cache[name]() }

func load(name string) *Patterns {
	pat, _ := patternFiles.ReadFile("patterns/hyph-" + name + ".pat.txt")
	hyp, _ := patternFiles.ReadFile("patterns/hyph-" + name + ".hyp.txt")
	exceptions := string(hyp)
	if name == "en-us" {
		// The American patterns miss about one word in ten; TUGboat's
		// exception log corrects them word by word, and is what a TeX user
		// of these patterns loads after them (\input ushyphex). Its entries
		// come after the patterns' own, so they win where both have a word.
		tex, _ := patternFiles.ReadFile("patterns/ushyphex.tex")
		exceptions += "\n" + TeXExceptions(string(tex))
	}
	return Parse(string(pat), exceptions)
}

// TeXExceptions is the word list inside a TeX file's \hyphenation{…}
// ("acad-e-my ac-cu-sa-tive …"), comments removed; "" when it has none.
func TeXExceptions(tex string) string {
	var b strings.Builder
	for _, line := range strings.Split(tex, "\n") {
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line + "\n")
	}
	s := b.String()
	_, body, ok := strings.Cut(s, `\hyphenation{`)
	if !ok {
		return ""
	}
	body, _, _ = strings.Cut(body, "}")
	return body
}
