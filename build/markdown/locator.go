package markdown

import (
	"github.com/normpress/normpress/build/numeral"
	"strings"
	"unicode"
	"unicode/utf8"
)

// locatorTerms are the locator labels pandoc recognises in a citation's
// suffix (its English locale terms, long and short, singular and plural),
// each with the CSL locator type it stands for. Longer terms come first so
// that "pp." wins over "p." and "paras." over "para.".
var locatorTerms = func() []locatorTerm {
	byLabel := map[string][]string{
		"act":             {"act", "acts"},
		"appendix":        {"appendix", "appendices", "app.", "apps."},
		"article-locator": {"article", "articles", "art.", "arts."},
		"book":            {"book", "books", "bk.", "bks."},
		"canon":           {"canon", "canons", "c.", "cc."},
		"chapter":         {"chapter", "chapters", "chap.", "chaps.", "ch.", "chs."},
		"column":          {"column", "columns", "col.", "cols."},
		"elocation":       {"location", "locations", "loc.", "locs."},
		"equation":        {"equation", "equations", "eq.", "eqs."},
		"figure":          {"figure", "figures", "fig.", "figs."},
		"folio":           {"folio", "folios", "fol.", "fols."},
		"issue":           {"number", "numbers", "no.", "nos."},
		"line":            {"line", "lines", "l.", "ll."},
		"note":            {"note", "notes", "n.", "nn.", "fn.", "fns."},
		"opus":            {"opus", "opera", "op.", "opp."},
		"page":            {"page", "pages", "p.", "pp."},
		"paragraph":       {"paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"},
		"part":            {"part", "parts", "pt.", "pts."},
		"rule":            {"rule", "rules", "r.", "rr."},
		"scene":           {"scene", "scenes", "sc.", "scs."},
		"section":         {"section", "sections", "sec.", "secs.", "§", "§§"},
		"sub-verbo":       {"sub verbo", "sub verbis", "s.v.", "s.vv."},
		"supplement":      {"supplement", "supplements", "supp.", "supps."},
		"table":           {"table", "tables", "tbl.", "tbls."},
		"timestamp":       {"timestamp", "timestamps"},
		"title-locator":   {"title", "titles", "tit.", "tits."},
		"verse":           {"verse", "verses", "v.", "vv."},
		"version":         {"version", "versions"},
		"volume":          {"volume", "volumes", "vol.", "vols."},
	}
	var out []locatorTerm
	for label, terms := range byLabel {
		for _, t := range terms {
			out = append(out, locatorTerm{t, label})
		}
	}
	// Longest first; ties by text, so the order never depends on the map.
	sortTerms(out)
	return out
}()

type locatorTerm struct{ term, label string }

func sortTerms(ts []locatorTerm) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && termLess(ts[j], ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

func termLess(a, b locatorTerm) bool {
	if la, lb := utf8.RuneCountInString(a.term), utf8.RuneCountInString(b.term); la != lb {
		return la > lb
	}
	return a.term < b.term
}

// splitLocator splits a citation suffix as pandoc does: an optional comma,
// a locator term ("p.", "chapter", "§") and a locator ("12", "33-35",
// "iv", "13(c)", "{a braced value}"), and what remains. A suffix that
// starts with a number and has no term is a page. With no locator, the whole
// suffix is the suffix.
func splitLocator(suffix string) (label, locator, rest string) {
	return splitLocatorWith(suffix, locatorTerms)
}

// splitLocatorWith is splitLocator with the terms of another language.
func splitLocatorWith(suffix string, terms []locatorTerm) (label, locator, rest string) {
	t := strings.TrimLeft(suffix, " ")
	if strings.HasPrefix(t, ",") {
		t = strings.TrimLeft(t[1:], " ")
	}
	if t == "" {
		return "", "", suffix
	}
	// pandoc: braces hold a locator taken as it is, its term included:
	// [@a, {pp. iv, vi-xi, (xv)-(xvii)} and more].
	if strings.HasPrefix(t, "{") {
		if i := strings.IndexByte(t, '}'); i > 1 {
			inner := strings.TrimSpace(t[1:i])
			label, loc := "page", inner
			if lt, after, ok := matchTerm(inner, terms); ok && strings.TrimSpace(after) != "" {
				label, loc = lt.label, strings.TrimSpace(after)
			}
			return label, loc, t[i+1:]
		}
		return "", "", suffix
	}
	if lt, after, ok := matchTerm(t, terms); ok {
		loc, rest := scanLocator(strings.TrimLeft(after, " "))
		if loc == "" {
			return "", "", suffix
		}
		return lt.label, loc, rest
	}
	if startsWithDigit(t) {
		if loc, rest := scanLocator(t); loc != "" {
			return "page", loc, rest
		}
	}
	return "", "", suffix
}

// matchTerm finds the locator term t starts with, and what follows it.
func matchTerm(t string, terms []locatorTerm) (locatorTerm, string, bool) {
	for _, lt := range terms {
		if len(t) < len(lt.term) || !strings.EqualFold(t[:len(lt.term)], lt.term) {
			continue
		}
		after := t[len(lt.term):]
		last, _ := utf8.DecodeLastRuneInString(lt.term)
		if after != "" && unicode.IsLetter(last) && after[0] != ' ' {
			continue // "page" must not match "pages…", nor "p" "pro"
		}
		if after != "" && !unicode.IsLetter(last) && after[0] != ' ' && !startsWithDigit(after) {
			continue
		}
		return lt, after, true
	}
	return locatorTerm{}, "", false
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// scanLocator reads a locator value: tokens joined by ranges and lists
// ("33-35", "33, 35–37", "12 & 14"). A token holds a digit or is a roman
// numeral; the list stops before ", and nowhere else".
func scanLocator(t string) (loc, rest string) {
	if strings.HasPrefix(t, "{") {
		if i := strings.IndexByte(t, '}'); i > 1 {
			return t[1:i], t[i+1:]
		}
		return "", t
	}
	end := locToken(t, 0)
	if end == 0 {
		return "", t
	}
	for {
		i := end
		for i < len(t) && t[i] == ' ' {
			i++
		}
		j := i
		switch {
		case strings.HasPrefix(t[j:], "–"), strings.HasPrefix(t[j:], "—"):
			j += len("–")
		case j < len(t) && t[j] == '-':
			for j < len(t) && t[j] == '-' {
				j++
			}
		case j < len(t) && (t[j] == ',' || t[j] == '&'):
			j++
		default:
			return t[:end], t[end:]
		}
		for j < len(t) && t[j] == ' ' {
			j++
		}
		k := locToken(t, j)
		if k == j {
			return t[:end], t[end:]
		}
		end = k
	}
}

// locToken returns the end of a locator token starting at i, or i.
func locToken(t string, i int) int {
	j := i
	depth := 0
	digit := false
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		switch {
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsLetter(r):
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case (r == '.' || r == ':' || r == '/') && j+size < len(t) && isAlnumByte(t[j+size]):
		default:
			goto done
		}
		j += size
	}
done:
	if j == i || depth != 0 {
		return i
	}
	if !digit && (j-i > 12 || !numeral.IsRoman(t[i:j])) {
		return i
	}
	return j
}

func isAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
