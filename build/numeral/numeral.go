// Package numeral writes and recognises Roman numerals, which the PDF's
// front-matter folios, CSL's "roman" number format, cross-references to
// parts and the locator reader all need, the same way.
package numeral

import "strings"

var romanValues = [...]struct {
	n int
	s string
}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}

// Roman writes n in lower-case Roman numerals ("xiv"); ok is false, and
// the result "", for n outside 1–3999, which Roman numerals do not write.
func Roman(n int) (s string, ok bool) {
	if n <= 0 || n >= 4000 {
		return "", false
	}
	var b strings.Builder
	for _, v := range romanValues {
		for n >= v.n {
			b.WriteString(v.s)
			n -= v.n
		}
	}
	return b.String(), true
}

// IsRoman reports whether s is written only in Roman numeral letters, in
// either case ("xiv", "IV"). It does not check the order of the letters:
// a locator such as "iiii" is still meant as a numeral.
func IsRoman(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("ivxlcdmIVXLCDM", c) {
			return false
		}
	}
	return true
}
