package csl

import (
	"github.com/normpress/normpress/build/numeral"
	"strings"
)

// pageRange formats a page variable or a page locator: each range in a
// list is joined with the locale's page-range-delimiter and abbreviated as
// the style's page-range-format says (spec: Appendix V).
func (e *ev) pageRange(s string) *out {
	delim, ok := e.p.loc.term("page-range-delimiter", formLong, false)
	if !ok {
		delim = "–"
	}
	return litText(formatPageList(s, e.p.style.pageRangeFormat, delim))
}

func formatPageList(s, format, delim string) string {
	var b strings.Builder
	rest := s
	for rest != "" {
		i := strings.IndexAny(rest, ",&;")
		part := rest
		sep := ""
		if i >= 0 {
			part, sep, rest = rest[:i], rest[i:i+1], rest[i+1:]
		} else {
			rest = ""
		}
		lead := part[:len(part)-len(strings.TrimLeft(part, " "))]
		trail := part[len(strings.TrimRight(part, " ")):]
		b.WriteString(lead)
		b.WriteString(formatPageRange(strings.TrimSpace(part), format, delim))
		b.WriteString(trail)
		b.WriteString(sep)
	}
	return b.String()
}

func formatPageRange(p, format, delim string) string {
	if strings.Contains(p, "\\-") {
		return strings.ReplaceAll(p, "\\-", "-")
	}
	parts := splitRange(p)
	if len(parts) != 2 {
		return p
	}
	a, z := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
	if a == "" || z == "" {
		return p
	}
	pa, na := splitNumSuffix(a)
	pz, nz := splitNumSuffix(z)
	if numeral.IsRoman(a) && numeral.IsRoman(z) {
		return a + delim + z
	}
	if na == "" || nz == "" || pa != pz || !allDigits(na) {
		// "N110-5", "110-N6", "Michaelson-Morely": not a range of page
		// numbers; left as written, without spaces.
		return a + "-" + z
	}
	if format == "" {
		return a + delim + z
	}
	// "42-5" is expanded before it is abbreviated again.
	if len(nz) < len(na) {
		nz = na[:len(na)-len(nz)] + nz
	}
	var second string
	switch format {
	case "expanded":
		return pa + na + delim + pa + nz
	case "minimal":
		second = minimalDigits(na, nz, 1)
	case "minimal-two":
		second = minimalDigits(na, nz, 2)
	case "chicago", "chicago-15", "chicago-16":
		second = chicagoDigits(na, nz, format == "chicago-16")
	default:
		return a + delim + z
	}
	return pa + na + delim + second
}

func splitRange(p string) []string {
	for _, sep := range []string{"–", "—", "-"} {
		if i := strings.Index(p, sep); i >= 0 {
			return []string{p[:i], p[i+len(sep):]}
		}
	}
	return []string{p}
}

// splitNumSuffix splits "A123" into the letters and the digits; digits
// empty when the text is not prefix-plus-digits.
func splitNumSuffix(s string) (prefix, digits string) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	return s[:i], s[i:]
}

func minimalDigits(a, z string, keep int) string {
	if len(a) != len(z) {
		return z
	}
	i := 0
	for i < len(a) && a[i] == z[i] {
		i++
	}
	if len(z)-i < keep {
		i = len(z) - keep
		if i < 0 {
			i = 0
		}
	}
	if i >= len(z) {
		i = len(z) - 1
	}
	return z[i:]
}

func chicagoDigits(a, z string, ed16 bool) string {
	n := atoiSafe(a)
	switch {
	case n < 100 || n%100 == 0:
		return z
	case n%100 < 10:
		return minimalDigits(a, z, 1)
	}
	if !ed16 && len(a) == 4 && len(z) == 4 {
		changed := 0
		for i := range a {
			if a[i] != z[i] {
				changed++
			}
		}
		if changed >= 3 {
			return z
		}
	}
	return minimalDigits(a, z, 2)
}

func atoiSafe(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1e8 {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
