package csl

import (
	"strings"
	"unicode"
)

// stopWords are the words title case leaves in lowercase (CSL schema
// stop-words.json).
var stopWords = makeStopWords()

func makeStopWords() map[string]bool {
	m := map[string]bool{}
	// citeproc-js's list (CSL.SKIP_WORDS), which the test suite checks; a
	// superset of the schema's stop-words.json.
	for _, w := range strings.Split("about,above,across,afore,after,against,al,along,alongside,amid,amidst,"+
		"among,amongst,anenst,apropos,apud,around,as,aside,astride,at,athwart,atop,barring,before,behind,"+
		"below,beneath,beside,besides,between,beyond,but,by,circa,despite,down,during,et,except,for,"+
		"forenenst,from,given,in,inside,into,lest,like,modulo,near,next,notwithstanding,of,off,on,onto,out,"+
		"over,per,plus,pro,qua,sans,since,than,through,thru,throughout,thruout,till,to,toward,towards,under,"+
		"underneath,until,unto,up,upon,versus,vs.,v.,vs,v,via,vis-à-vis,with,within,without,or,yet,so,and,"+
		"nor,a,an,the,de,d',von,van,c,ca", ",") {
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
		case KNoCase, KNoDecor, KSmallCaps, KSup, KSub, KNormalVariant, KBaseline:
			// citeproc-js leaves these spans' case alone.
			runs = collectRuns(n.Kids, true, runs)
		default:
			runs = collectRuns(n.Kids, protected, runs)
		}
	}
	return runs
}

// applyTextCase changes the case of the text in r, leaving nocase spans as
// they are. It follows citeproc-js's engine: the text is cut at quotation
// marks and punctuation ("-", "/", ".", ":" …) into strings, the strings
// into words at spaces; title case capitalizes words longer than one
// letter that are not stop words, the first word, a word after ":", "?" or
// "!", and the last word, and never lowercases.
func applyTextCase(r Rich, tc textCase, turkish bool) Rich {
	r = r.clone()
	runs := collectRuns(r, false, nil)
	if len(runs) == 0 {
		return r
	}
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
	if tc != tcUppercase && tc != tcLowercase {
		protectAddresses(text, prot)
	}
	caseWords(text, prot, tc, turkish)
	for i, run := range runs {
		run.node.Text = string(text[bounds[i]:bounds[i+1]])
	}
	return r
}

func isCaseTag(c rune) bool {
	switch c {
	case '‘', '’', '“', '”', '"', '\'', '-', '/', '.', ',', ';', '?', '!', ':', '[', ']', '(', ')', '–', '—':
		return true
	}
	return false
}

func isWordSpace(c rune) bool {
	return c == ' ' || c == '\u00a0' || (c >= '\u2000' && c <= '\u200b') || c == '\u205f' || c == '\u3000'
}

func caseWords(text []rune, prot []bool, tc textCase, turkish bool) {
	upper, lower := unicode.ToUpper, unicode.ToLower
	if turkish {
		// Turkish and Azeri dotted and dotless i.
		upper, lower = unicode.TurkishCase.ToUpper, unicode.TurkishCase.ToLower
	}
	isFirst, afterPunct := true, false
	lastWord := -1
	i := 0
	isTag := func(i int) bool {
		c := text[i]
		if (c == '\'' || c == '’') && i > 0 && i+1 < len(text) && isWordRune(text[i-1]) && isWordRune(text[i+1]) {
			// An apostrophe inside a word ("You’re") does not split it.
			return false
		}
		return isCaseTag(c)
	}
	for i < len(text) {
		c := text[i]
		if isTag(i) {
			if c == '!' || c == '?' || c == ':' {
				afterPunct = true
			}
			i++
			continue
		}
		// A string: up to the next tag.
		j := i
		for j < len(text) && !isTag(j) {
			j++
		}
		k := i
		for k < j {
			if isWordSpace(text[k]) {
				k++
				continue
			}
			w := k
			for k < j && !isWordSpace(text[k]) {
				k++
			}
			word := text[w:k]
			if prot[w] {
				lastWord = -1
				isFirst, afterPunct = false, false
				continue
			}
			switch tc {
			case tcLowercase:
				for x := w; x < k; x++ {
					text[x] = lower(text[x])
				}
			case tcUppercase:
				for x := w; x < k; x++ {
					text[x] = upper(text[x])
				}
			case tcCapitalizeFirst:
				if isFirst {
					capitalise(text, w, k)
				}
			case tcCapitalizeAll:
				capitalise(text, w, k)
			case tcSentence:
				if isFirst {
					capitalise(text, w, k)
				} else {
					for x := w; x < k; x++ {
						text[x] = unicode.ToLower(text[x])
					}
				}
			case tcTitle:
				lw := strings.ToLower(string(word))
				// "pro-environmental": a stop word that starts a compound
				// is capitalized; "out-of-fashion" keeps its middle.
				stop := stopWords[lw] && !(k < len(text) && text[k] == '-' && !(w > 0 && text[w-1] == '-'))
				mixed := hasUpper(word[1:])
				if !mixed && ((len(word) > 1 && !stop) || isFirst || afterPunct) {
					capitalise(text, w, k)
				}
				lastWord = -1
				if len(word) > 1 && !mixed {
					lastWord = w
				}
			}
			isFirst, afterPunct = false, false
		}
		i = j
	}
	if tc == tcTitle && lastWord >= 0 {
		end := lastWord
		for end < len(text) && !isWordSpace(text[end]) && !isTag(end) {
			end++
		}
		capitalise(text, lastWord, end)
	}
}

// capitalise uppercases a word's first letter, except a lone Greek letter
// (used for symbols in science titles).
func capitalise(text []rune, w, k int) {
	if k-w == 1 && text[w] >= 0x370 && text[w] <= 0x3ff {
		return
	}
	text[w] = unicode.ToUpper(text[w])
}

func hasUpper(w []rune) bool {
	for _, c := range w {
		if unicode.IsUpper(c) {
			return true
		}
	}
	return false
}

func isWordRune(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
}

// protectAddresses marks the words that are web addresses or domain names
// ("https://github.com/ufal/lindat-dspace", "Amazon.co.uk") as protected.
// citeproc-js cuts words at "." and "/", so it would print
// "Https://Github.Com/…" and "Amazon.Co.Uk" in title case; the
// specification's own rule keeps a mixed-case word ("Amazon.co.uk") as it
// is, and an address changes meaning with its case. A word counts as an
// address when it holds "://", starts with "www.", or has a dot between a
// letter or digit and two letters ("amazon.co", "report1.pdf", but not
// "e.g." or "U.S.").
func protectAddresses(text []rune, prot []bool) {
	for i := 0; i < len(text); {
		if isWordSpace(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && !isWordSpace(text[j]) {
			j++
		}
		if isAddress(text[i:j]) {
			for k := i; k < j; k++ {
				prot[k] = true
			}
		}
		i = j
	}
}

func isAddress(w []rune) bool {
	s := strings.ToLower(string(w))
	if strings.Contains(s, "://") || strings.HasPrefix(strings.TrimLeft(s, "(<[“‘\"'"), "www.") {
		return true
	}
	for k := 1; k+2 < len(w); k++ {
		if w[k] == '.' && (unicode.IsLetter(w[k-1]) || unicode.IsDigit(w[k-1])) && unicode.IsLetter(w[k+1]) && unicode.IsLetter(w[k+2]) {
			return true
		}
	}
	return false
}
