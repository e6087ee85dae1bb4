package csl

import (
	"github.com/normpress/normpress/build/numeral"
	"strconv"
	"strings"
	"unicode"
)

// numToken is one piece of a number variable: a number with optional
// letter affixes ("2a", "L2"), or a separator between numbers.
type numToken struct {
	text  string
	sep   bool
	num   int  // the digits' value, when plain
	plain bool // only digits
	isNum bool // digits with optional letter affixes
}

// tokenizeNumber splits "2-4, 6 & 8" into numbers and separators. ok is
// false when some piece is not a number (spec: is-numeric).
func tokenizeNumber(s string) ([]numToken, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	var toks []numToken
	ok := true
	i := 0
	rs := []rune(s)
	for i < len(rs) {
		c := rs[i]
		if isNumSep(c) || unicode.IsSpace(c) {
			j := i
			for j < len(rs) && (isNumSep(rs[j]) || unicode.IsSpace(rs[j])) {
				j++
			}
			toks = append(toks, numToken{text: string(rs[i:j]), sep: true})
			i = j
			continue
		}
		j := i
		for j < len(rs) && !isNumSep(rs[j]) && !unicode.IsSpace(rs[j]) {
			j++
		}
		word := string(rs[i:j])
		// "and" between numbers is a separator too.
		if word == "and" && len(toks) > 0 {
			toks = append(toks, numToken{text: word, sep: true})
			i = j
			continue
		}
		t := numToken{text: word}
		t.isNum, t.plain, t.num = classifyNumber(word)
		if !t.isNum {
			ok = false
		}
		toks = append(toks, t)
		i = j
	}
	if len(toks) == 0 || toks[0].sep || toks[len(toks)-1].sep {
		ok = false
	}
	// A separator run must contain a real separator, not only spaces:
	// "2 3" is not a number.
	for _, t := range toks {
		if t.sep && strings.TrimSpace(t.text) == "" {
			ok = false
		}
	}
	return toks, ok
}

// isIdentifier is true for numbers chained by three or more hyphens
// ("24-62-1", "2024-12-03"): an identifier, which keeps its hyphens,
// where "24-62" is a range.
func isIdentifier(toks []numToken) bool {
	nums := 0
	for _, t := range toks {
		if t.sep {
			if st := strings.TrimSpace(t.text); st != "-" && st != "–" {
				return false
			}
			continue
		}
		nums++
	}
	return nums > 2
}

func isNumSep(c rune) bool {
	return c == ',' || c == '-' || c == '–' || c == '&' || c == ';'
}

// classifyNumber: optional letters, digits, optional letters ("2nd",
// "L2", "12a"); roman numerals count as numbers too.
func classifyNumber(w string) (isNum, plain bool, n int) {
	start := strings.IndexFunc(w, unicode.IsDigit)
	if start < 0 {
		return numeral.IsRoman(w), false, 0
	}
	end := start
	for end < len(w) && w[end] >= '0' && w[end] <= '9' {
		end++
	}
	for _, c := range w[:start] {
		if !unicode.IsLetter(c) {
			return false, false, 0
		}
	}
	for _, c := range w[end:] {
		if !unicode.IsLetter(c) && c != '.' {
			return false, false, 0
		}
	}
	n, _ = strconv.Atoi(w[start:end])
	return true, start == 0 && end == len(w), n
}

func (e *ev) isNumericVar(v string) bool {
	s := e.rawValue(v)
	if s == "" {
		return false
	}
	_, ok := tokenizeNumber(s)
	return ok
}

// isPluralDocNumber is isPluralNumber for a document's number (the
// number variable): "No. 24-62", "CR-2024-62" and "24-62-1" are one
// number with hyphens in it, not a range or a list; only numeric content
// is (CSL 1.0.2, Label: "Content is considered plural when it contains
// multiple numbers"; is-numeric for what a number is).
func isPluralDocNumber(s string) bool {
	toks, ok := tokenizeNumber(s)
	if !ok || isIdentifier(toks) {
		return false
	}
	return isPluralNumber(s)
}

// isPlural says whether a number variable holds more than one number.
func isPluralNumber(s string) bool {
	// "327\-30" is one page with a hyphen in it.
	if strings.Contains(s, "\\-") {
		return false
	}
	toks, _ := tokenizeNumber(s)
	nums := 0
	for _, t := range toks {
		if !t.sep && t.isNum {
			nums++
		}
	}
	return nums > 1
}

func (e *ev) number(n *numberEl) *out {
	s := e.value(n.variable)
	if s == "" {
		return nil
	}
	toks, ok := tokenizeNumber(s)
	if !ok || isIdentifier(toks) {
		// A number variable is not rich text: "1<sup>er</sup>" prints as
		// typed (citeproc-js).
		return e.fmt(&n.f, litText(s))
	}
	if e.sorting {
		return litText(numSortString(toks))
	}
	var b strings.Builder
	for _, t := range toks {
		if t.sep {
			b.WriteString(normalizeNumSep(t.text))
			continue
		}
		if !t.plain {
			b.WriteString(t.text)
			continue
		}
		switch n.form {
		case "ordinal":
			b.WriteString(e.ordinal(t.num, e.p.loc.gender(n.variable)))
		case "long-ordinal":
			b.WriteString(e.longOrdinal(t.num, e.p.loc.gender(n.variable)))
		case "roman":
			b.WriteString(romanOrDigits(t.num))
		default:
			b.WriteString(strconv.Itoa(t.num))
		}
	}
	return e.fmt(&n.f, litText(b.String()))
}

func normalizeNumSep(s string) string {
	t := strings.TrimSpace(s)
	switch t {
	case "-", "–":
		return "–"
	case ",":
		return ", "
	case "&":
		return " & "
	case "and":
		return " and "
	case ";":
		return "; "
	}
	return s
}

// ordinal renders 1st, 2nd … with the locale's ordinal terms, matching by
// last two digits, then last digit, then the default "ordinal" term; CSL
// 1.0 locales that define only ordinal-01 … ordinal-04 work too.
func (e *ev) ordinal(n int, gender string) string {
	return strconv.Itoa(n) + e.ordinalSuffix(n, gender)
}

func (e *ev) ordinalSuffix(n int, gender string) string {
	loc := e.p.loc
	if n < 0 {
		n = -n
	}
	find := func(name string, test func(match string) bool) (string, bool) {
		list := loc.terms[termKey{name, formLong}]
		var neuter *term
		for _, t := range list {
			m := t.match
			if !test(m) {
				continue
			}
			if t.genderForm == gender {
				return t.single, true
			}
			if t.genderForm == "" && neuter == nil {
				neuter = t
			}
		}
		if neuter != nil {
			return neuter.single, true
		}
		return "", false
	}
	// CSL 1.0 scheme: ordinal-01..04 without "ordinal".
	if _, ok := loc.terms[termKey{"ordinal", formLong}]; !ok {
		if _, ok := loc.terms[termKey{"ordinal-04", formLong}]; ok {
			if _, has10 := loc.terms[termKey{"ordinal-11", formLong}]; !has10 {
				k := n % 10
				if n%100 >= 11 && n%100 <= 13 || k == 0 || k > 4 {
					k = 4
				}
				s, _ := find("ordinal-0"+strconv.Itoa(k), func(string) bool { return true })
				return s
			}
		}
	}
	two := n % 100
	if s, ok := find(twoDigit("ordinal-", two), func(m string) bool {
		return m == "" || m == "last-two-digits" || (m == "whole-number" && n == two)
	}); ok {
		return s
	}
	one := n % 10
	if s, ok := find(twoDigit("ordinal-", one), func(m string) bool {
		return m == "" || m == "last-digit" || (m == "whole-number" && n == one)
	}); ok {
		// ordinal-0X matches by last digit unless an ordinal-1X term
		// claims the last two digits.
		return s
	}
	s, _ := find("ordinal", func(string) bool { return true })
	return s
}

func twoDigit(prefix string, n int) string {
	if n < 10 {
		return prefix + "0" + strconv.Itoa(n)
	}
	return prefix + strconv.Itoa(n)
}

func (e *ev) longOrdinal(n int, gender string) string {
	if n >= 1 && n <= 10 {
		if t := e.p.loc.termEntry(twoDigit("long-ordinal-", n), formLong, gender); t != nil {
			return t.single
		}
	}
	return e.ordinal(n, gender)
}

// label renders a cs:label. For a names label, variable and count come
// from the enclosing cs:names.
func (e *ev) label(l *labelEl, variable string, names []*name) *out {
	v := l.variable
	if variable != "" {
		v = variable
	}
	form, _ := parseTermForm(l.form)
	var termName string
	var plural bool
	switch {
	case names != nil:
		termName = v
		plural = len(names) > 1
	case v == "locator":
		if e.cite == nil || e.cite.locator == "" {
			return nil
		}
		// A locator without label that starts with its own ("vol. 1,
		// fol. 186") takes none.
		if e.cite.label == "" && selfLabelled(e.cite.locator) {
			return nil
		}
		termName = locatorLabel(e.cite.label)
		plural = isPluralNumber(e.cite.locator)
	default:
		s := e.rawValue(v)
		if s == "" {
			return nil
		}
		termName = v
		switch v {
		case "number-of-pages", "number-of-volumes":
			toks, ok := tokenizeNumber(s)
			plural = ok && len(toks) == 1 && toks[0].plain && toks[0].num != 1
			if !plural {
				plural = isPluralNumber(s)
			}
		case "number":
			plural = isPluralDocNumber(s)
		default:
			plural = isPluralNumber(s)
		}
		if v == "number-of-pages" {
			termName = "page"
		}
		if v == "number-of-volumes" {
			termName = "volume"
		}
	}
	switch l.plural {
	case "always":
		plural = true
	case "never":
		plural = false
	}
	s, ok := e.p.loc.term(termName, form, plural)
	if !ok && termName == "sub-verbo" {
		s, _ = e.p.loc.term("sub verbo", form, plural) // CSL 1.0 locales
	}
	if s == "" {
		return nil
	}
	return e.fmt(&l.f, tagged(&tag{kind: tagLabel}, litText(s)))
}

func selfLabelled(loc string) bool {
	i := strings.IndexFunc(loc, func(c rune) bool { return !unicode.IsLetter(c) })
	return i > 0 && strings.HasPrefix(loc[i:], ". ")
}

// romanOrDigits is CSL's "roman" format: digits where Roman numerals
// cannot write the number.
func romanOrDigits(n int) string {
	if r, ok := numeral.Roman(n); ok {
		return r
	}
	return strconv.Itoa(n)
}
