package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords are the words title case leaves in lowercase (CSL schema
// stop-words.json).
var stopWords = makeStopWords()

func makeStopWords() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a according across afore after against along alongside amid amidst among
		amongst an and anenst apropos apud around as aside astride at athwart atop barring before behind below
		beneath beside besides between beyond but by c ca circa d' de despite down during et except for
		forenenst from given in inside into lest like modulo near next nor notwithstanding of off on onto or
		out over per plus pro qua sans since so than the through throughout thru thruout till to toward
		towards under underneath until unto up upon v. van versus via vis-à-vis von vs. whereas with within
		without yet`) {
		m[w] = true
	}
	return m
}

// caseRun is a piece of text in a Rich tree that a case change may edit.
type caseRun struct {
	node      *Node
	protected bool
}

// collectRuns lists the text runs in reading order; runs inside nocase
// spans are protected.
func collectRuns(r Rich, protected bool, runs []caseRun) []caseRun {
	for _, n := range r {
		switch n.Kind {
		case KText:
			runs = append(runs, caseRun{n, protected})
		case KNoCase:
			runs = collectRuns(n.Kids, true, runs)
		default:
			runs = collectRuns(n.Kids, protected, runs)
		}
	}
	return runs
}

// applyTextCase changes the case of the text in r, leaving nocase spans as
// they are. Words may cross formatting boundaries.
func applyTextCase(r Rich, tc textCase) Rich {
	r = r.clone()
	runs := collectRuns(r, false, nil)
	if len(runs) == 0 {
		return r
	}
	// Work on the concatenated text with a per-rune protection mask.
	var text []rune
	var prot []bool
	bounds := make([]int, len(runs)+1)
	for i, run := range runs {
		bounds[i] = len(text)
		for _, c := range run.node.Text {
			text = append(text, c)
			prot = append(prot, run.protected)
		}
	}
	bounds[len(runs)] = len(text)
	switch tc {
	case tcLowercase:
		for i, c := range text {
			if !prot[i] {
				text[i] = unicode.ToLower(c)
			}
		}
	case tcUppercase:
		for i, c := range text {
			if !prot[i] {
				text[i] = unicode.ToUpper(c)
			}
		}
	case tcCapitalizeFirst:
		capitalizeFirst(text, prot)
	case tcCapitalizeAll:
		for _, w := range words(text) {
			if isLowerRunes(text[w[0]:w[1]]) && !prot[w[0]] {
				text[w[0]] = unicode.ToUpper(text[w[0]])
			}
		}
	case tcSentence:
		if isUpperText(text, prot) {
			for i, c := range text {
				if !prot[i] {
					text[i] = unicode.ToLower(c)
				}
			}
		}
		capitalizeFirst(text, prot)
	case tcTitle:
		titleCase(text, prot)
	}
	for i, run := range runs {
		run.node.Text = string(text[bounds[i]:bounds[i+1]])
	}
	return r
}

func capitalizeFirst(text []rune, prot []bool) {
	for _, w := range words(text) {
		if prot[w[0]] {
			return
		}
		if isLowerRunes(text[w[0]:w[1]]) || !hasUpper(text[w[0]:w[1]]) {
			text[w[0]] = unicode.ToUpper(text[w[0]])
		}
		return
	}
}

// words returns [start, end) of each word: letters, digits and inner
// apostrophes; hyphens and slashes separate words.
func words(text []rune) [][2]int {
	var ws [][2]int
	i := 0
	for i < len(text) {
		if !isWordRune(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (isWordRune(text[j]) || ((text[j] == '\'' || text[j] == '’' || text[j] == '.') && j+1 < len(text) && isWordRune(text[j+1]))) {
			j++
		}
		ws = append(ws, [2]int{i, j})
		i = j
	}
	return ws
}

func isWordRune(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
}

func isLowerRunes(w []rune) bool {
	for _, c := range w {
		if unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

func hasUpper(w []rune) bool {
	for _, c := range w {
		if unicode.IsUpper(c) {
			return true
		}
	}
	return false
}

// isUpperText reports whether the unprotected text has letters and none
// of them lowercase.
func isUpperText(text []rune, prot []bool) bool {
	letters := false
	for i, c := range text {
		if prot[i] || !unicode.IsLetter(c) {
			continue
		}
		if unicode.IsLower(c) {
			return false
		}
		if unicode.IsUpper(c) {
			letters = true
		}
	}
	return letters
}

func titleCase(text []rune, prot []bool) {
	if isUpperText(text, prot) {
		for i, c := range text {
			if !prot[i] {
				text[i] = unicode.ToLower(c)
			}
		}
	}
	ws := words(text)
	for wi, w := range ws {
		if prot[w[0]] {
			continue
		}
		word := text[w[0]:w[1]]
		lw := strings.ToLower(string(word))
		// A word right after a colon, a question mark or the start starts a
		// (sub)title and is capitalized even when it is a stop word.
		start := wi == 0 || afterSentenceBreak(text, w[0])
		last := wi == len(ws)-1
		if stopWords[lw] && !start && !last {
			if isLowerRunes(word) || hasUpperOnlyFirst(word) {
				for k := w[0]; k < w[1]; k++ {
					if !prot[k] {
						text[k] = unicode.ToLower(text[k])
					}
				}
			}
			continue
		}
		if isLowerRunes(word) {
			text[w[0]] = unicode.ToUpper(text[w[0]])
		}
	}
}

func hasUpperOnlyFirst(w []rune) bool {
	if len(w) == 0 || !unicode.IsUpper(w[0]) {
		return false
	}
	return isLowerRunes(w[1:])
}

func afterSentenceBreak(text []rune, i int) bool {
	for j := i - 1; j >= 0; j-- {
		c := text[j]
		if unicode.IsSpace(c) || c == '"' || c == '“' || c == '‘' || c == '\'' || c == '(' || c == '[' {
			continue
		}
		return c == ':' || c == '?' || c == '!' || c == '.' && j > 0 && !isWordRuneAt(text, j-1)
	}
	return true
}

func isWordRuneAt(text []rune, i int) bool {
	return i >= 0 && i < len(text) && isWordRune(text[i])
}

var _ = utf8.RuneLen
