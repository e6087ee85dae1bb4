package bib

import (
	"strings"
)

// BibTeX name lists, read by BibTeX's own rules (Patashnik, "Designing
// BibTeX styles", and btxdoc): names are separated by "and" at brace depth
// 0; a name is "First von Last", "von Last, First" or "von Last, Jr,
// First"; the von part is the words that start with a lower-case letter;
// a name that is one brace group is an institution, kept as a literal.
// biblatex's extended form "family=Doe, given=Jane, prefix=van,
// useprefix=true" is read too (Better BibTeX writes it for names whose
// parts are ambiguous).

// others is the name BibTeX's "and others" becomes: a literal "others" as
// the last name. CSL-JSON has no et-al marker, and this is the convention
// pandoc and citeproc (Haskell) use, so a processor can print "et al."
// for it and a CSL-JSON file written from it says the same.
const othersLiteral = "others"

// IsOthers reports whether the name stands for BibTeX's "and others": the
// list was cut short and the processor should say "et al.".
func (n Name) IsOthers() bool {
	return n.Literal == othersLiteral && n.Family == "" && n.Given == ""
}

// textRange is a part of a raw value: [start, end) in the raw string.
type textRange struct{ start, end int }

// splitNames splits a raw name list at "and" surrounded by white space at
// brace depth 0. "A and and B" and a list that starts or ends with "and"
// give empty names, which the caller reports.
func splitNames(s string) []textRange {
	var out []textRange
	isAnd := func(j int) bool {
		return j+3 <= len(s) && strings.EqualFold(s[j:j+3], "and") && (j+3 == len(s) || isSpace(s[j+3]))
	}
	skip := func(k int) int {
		for k < len(s) && isSpace(s[k]) {
			k++
		}
		return k
	}
	depth := 0
	start := skip(0)
	for i := start; i < len(s); i++ {
		c := s[i]
		if i == start && depth == 0 && isAnd(i) {
			out = append(out, textRange{start, start})
			start = skip(i + 3)
			i = start - 1
			continue
		}
		switch {
		case c == '{':
			depth++
		case c == '}':
			if depth > 0 {
				depth--
			}
		case depth == 0 && isSpace(c):
			j := skip(i)
			if isAnd(j) {
				out = append(out, textRange{start, i})
				start = skip(j + 3)
				i = start - 1
			}
		}
	}
	return append(out, textRange{start, len(s)})
}

// splitDepth0 splits s[r] at sep outside braces.
func splitDepth0(s string, r textRange, sep byte) []textRange {
	var out []textRange
	depth, start := 0, r.start
	for i := r.start; i < r.end; i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				out = append(out, textRange{start, i})
				start = i + 1
			}
		}
	}
	return append(out, textRange{start, r.end})
}

// trimRange drops white space at both ends of s[r].
func trimRange(s string, r textRange) textRange {
	for r.start < r.end && isSpace(s[r.start]) {
		r.start++
	}
	for r.end > r.start && isSpace(s[r.end-1]) {
		r.end--
	}
	return r
}

// words splits s[r] into words at white space and ties outside braces.
func words(s string, r textRange) []textRange {
	var out []textRange
	depth := 0
	start := -1
	for i := r.start; i < r.end; i++ {
		c := s[i]
		sepHere := depth == 0 && (isSpace(c) || c == '~')
		switch c {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		}
		if sepHere {
			if start >= 0 {
				out = append(out, textRange{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, textRange{start, r.end})
	}
	return out
}

// isGroup reports whether s[r] is one brace group.
func isGroup(s string, r textRange) bool {
	if r.end-r.start < 2 || s[r.start] != '{' || s[r.end-1] != '}' {
		return false
	}
	depth := 0
	for i := r.start; i < r.end; i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != r.end-1 {
				return false
			}
		}
	}
	return true
}

// wordCase is BibTeX's test for the von part: the case of the word's first
// letter at brace depth 0. A brace group that does not start with a
// command is case-less and skipped; a special character ({\"o}, \'E)
// counts with the letter it makes. 0 means no letter was found.
func wordCase(s string, r textRange) int {
	for i := r.start; i < r.end; i++ {
		c := s[i]
		switch {
		case c == '{':
			if i+1 < r.end && s[i+1] == '\\' {
				return firstLetterCase(decodeLaTeX(s[i:r.end], false, nil))
			}
			depth := 0
			for ; i < r.end; i++ {
				if s[i] == '{' {
					depth++
				} else if s[i] == '}' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
		case c == '\\':
			return firstLetterCase(decodeLaTeX(s[i:r.end], false, nil))
		case c < 0x80 && isLetter(c):
			if c >= 'a' && c <= 'z' {
				return -1
			}
			return 1
		case c >= 0x80:
			return firstLetterCase(s[i:r.end])
		}
	}
	return 0
}

// nameParts are the raw ranges of BibTeX's four parts of a name.
type nameParts struct {
	first, von, last, jr []textRange // words
}

// bibName parses one name; warn hears of problems at raw offsets.
func (c *bibConv) bibName(raw string, r textRange, decode func(textRange) string, warn func(off int, format string, args ...any)) (Name, bool) {
	r = trimRange(raw, r)
	if r.start == r.end {
		warn(r.start, "empty name in the list: two 'and's in a row, or one at an end")
		return Name{}, false
	}
	if strings.EqualFold(raw[r.start:r.end], "others") {
		return Name{Literal: othersLiteral}, true
	}
	if isGroup(raw, r) {
		return Name{Literal: decode(textRange{r.start + 1, r.end - 1})}, true
	}
	if n, ok := c.extendedName(raw, r, decode, warn); ok {
		return n, true
	}
	parts := splitDepth0(raw, r, ',')
	if len(parts) > 3 {
		warn(parts[3].start-1, "too many commas in name %q: the form is \"von Last, Jr, First\"", raw[r.start:r.end])
		parts = append(parts[:2], textRange{parts[2].start, r.end})
	}
	var p nameParts
	switch len(parts) {
	case 1:
		w := words(raw, parts[0])
		if len(w) == 0 {
			return Name{}, false
		}
		// First von Last: von runs from the first to the last lower-case
		// word before the last word.
		vonStart, vonEnd := -1, -1
		for i := 0; i < len(w)-1; i++ {
			if wordCase(raw, w[i]) < 0 {
				if vonStart < 0 {
					vonStart = i
				}
				vonEnd = i
			}
		}
		if vonStart < 0 {
			p.first, p.last = w[:len(w)-1], w[len(w)-1:]
		} else {
			p.first, p.von, p.last = w[:vonStart], w[vonStart:vonEnd+1], w[vonEnd+1:]
		}
	default:
		w := words(raw, parts[0])
		vonEnd := -1
		for i := 0; i < len(w)-1; i++ {
			if wordCase(raw, w[i]) < 0 {
				vonEnd = i
			}
		}
		p.von, p.last = w[:vonEnd+1], w[vonEnd+1:]
		if len(parts) == 3 {
			p.jr = words(raw, parts[1])
			p.first = words(raw, parts[2])
		} else {
			p.first = words(raw, parts[1])
		}
	}
	join := func(ws []textRange) string {
		if len(ws) == 0 {
			return ""
		}
		return decode(textRange{ws[0].start, ws[len(ws)-1].end})
	}
	n := Name{
		Family:              join(p.last),
		Given:               join(p.first),
		NonDroppingParticle: join(p.von),
		Suffix:              join(p.jr),
	}
	if n.Family == "" && n.NonDroppingParticle != "" {
		// "von, First": a lone lower-case word is the family name.
		n.Family, n.NonDroppingParticle = n.NonDroppingParticle, ""
	}
	if n.Family == "" && n.Given == "" {
		warn(r.start, "name %q has no family or given name", raw[r.start:r.end])
		return Name{}, false
	}
	return n, true
}

// extendedName reads biblatex's "family=..., given=..." form.
func (c *bibConv) extendedName(raw string, r textRange, decode func(textRange) string, warn func(off int, format string, args ...any)) (Name, bool) {
	parts := splitDepth0(raw, r, ',')
	first := trimRange(raw, parts[0])
	eq := strings.IndexByte(raw[first.start:first.end], '=')
	if eq < 0 {
		return Name{}, false
	}
	switch strings.ToLower(strings.TrimSpace(raw[first.start : first.start+eq])) {
	case "family", "given", "prefix", "suffix", "useprefix":
	default:
		return Name{}, false
	}
	var n Name
	var prefix string
	usePrefix := false
	for _, p := range parts {
		p = trimRange(raw, p)
		if p.start == p.end {
			continue
		}
		eq := strings.IndexByte(raw[p.start:p.end], '=')
		if eq < 0 {
			warn(p.start, "expected key=value in the extended name form, found %q", raw[p.start:p.end])
			continue
		}
		key := strings.ToLower(strings.TrimSpace(raw[p.start : p.start+eq]))
		vr := trimRange(raw, textRange{p.start + eq + 1, p.end})
		if strings.HasPrefix(raw[vr.start:vr.end], "\"") && strings.HasSuffix(raw[vr.start:vr.end], "\"") && vr.end-vr.start >= 2 {
			vr = textRange{vr.start + 1, vr.end - 1}
		}
		if isGroup(raw, vr) {
			vr = textRange{vr.start + 1, vr.end - 1}
		}
		val := decode(vr)
		switch key {
		case "family":
			n.Family = val
		case "given":
			n.Given = val
		case "prefix":
			prefix = val
		case "suffix":
			n.Suffix = val
		case "useprefix":
			usePrefix = strings.EqualFold(val, "true")
		case "family-i", "given-i", "prefix-i", "suffix-i":
			// initials biber would compute itself
		default:
			warn(p.start, "unknown name part %q in the extended name form", key)
		}
	}
	if usePrefix {
		n.NonDroppingParticle = prefix
	} else {
		// biblatex's useprefix=false: the prefix is left out when the name
		// is sorted and cited alone, which is CSL's dropping particle.
		n.DroppingParticle = prefix
	}
	return n, true
}
