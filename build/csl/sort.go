package csl

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// sortValue is one key's value for one item; empty values sort last in
// both directions (spec: Sorting).
type sortValue struct {
	s     string
	key   []byte // collation key, computed once
	empty bool
}

func (p *Processor) sortKeyValues(id string, keys []sortKey, bib bool, ref *citeRef) []sortValue {
	it := p.items[id]
	vals := make([]sortValue, len(keys))
	for i := range keys {
		k := &keys[i]
		var s string
		if k.macro != nil {
			e := &ev{p: p, it: it, bib: bib, sorting: true, sortKey: k, cite: ref}
			s = group(nil, e.elements(k.macro.kids)...).render().String()
		} else {
			e := &ev{p: p, it: it, bib: bib, sorting: true, sortKey: k, cite: ref}
			s = e.variableSortValue(k.variable)
		}
		s = normalizeSortString(s)
		vals[i] = sortValue{s: s, empty: s == "", key: p.coll.KeyFromString(&p.collBuf, s)}
	}
	return vals
}

// normalizeSortString drops what should not affect order: markup is gone
// already; quotation marks, brackets and leading articles' punctuation are
// ignored.
func normalizeSortString(s string) string {
	// Punctuation separates words but does not order them: "Simple title,
	// here A" sorts before "Simple title here B"; hyphens join.
	s = strings.Map(func(c rune) rune {
		switch {
		case c == '-':
			return -1
		case unicode.IsPunct(c) || c == 'ʾ' || c == 'ʿ':
			return ' '
		}
		return c
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func (e *ev) variableSortValue(v string) string {
	switch {
	case isNameVar(v) && len(e.it.names[v]) > 0:
		var parts []string
		for _, n := range e.it.names[v] {
			parts = append(parts, e.nameSortString(n))
		}
		return strings.Join(parts, "  ")
	case isDateVar(v):
		if d := e.it.dates[v]; d != nil {
			return dateSortString(d, [3]bool{true, true, true})
		}
		return ""
	}
	s := e.rawValue(v)
	if s == "" {
		return ""
	}
	if toks, ok := tokenizeNumber(s); ok && len(toks) > 0 && toks[0].isNum {
		return numSortString(toks)
	}
	return parseMarkup(s).String()
}

func numSortString(toks []numToken) string {
	var b strings.Builder
	for _, t := range toks {
		if t.sep {
			b.WriteString(" ")
			continue
		}
		_, _, n := classifyNumber(t.text)
		fmt.Fprintf(&b, "%09d", n)
	}
	return b.String()
}

// nameSortString is a name in sort order: family (with particles as the
// style's demote option says), given, suffix.
func (e *ev) nameSortString(n *name) string {
	if n.literal != "" {
		return stripArticle(parseMarkup(n.literal).String())
	}
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if e.p.style.demoteNDP == "never" {
		add(strings.TrimSpace(n.ndp + " " + n.family))
		add(n.dropping)
	} else {
		add(n.family)
		add(strings.TrimSpace(n.dropping + " " + n.ndp))
	}
	add(n.given)
	add(n.suffix)
	return strings.Join(parts, " ")
}

// stripArticle drops a leading English article from an institution's name
// (spec: "The New York Times" sorts as "New York Times").
func stripArticle(s string) string {
	for _, a := range []string{"The ", "the ", "A ", "a ", "An ", "an "} {
		if strings.HasPrefix(s, a) && len(s) > len(a) {
			return s[len(a):]
		}
	}
	return s
}

// dateSortString is YYYYMMDD with zeros for missing parts; negative years
// sort before positive ones; a range sorts after a single date with the
// same start.
func dateSortString(d *dateValue, use [3]bool) string {
	if len(d.parts) == 0 {
		if d.literal != "" {
			return ""
		}
		return ""
	}
	one := func(p [3]int) string {
		y, m, dd := p[0], p[1], p[2]
		if !use[0] {
			y = 0
		}
		if !use[1] || m > 12 {
			m = 0 // seasons do not sort
		}
		if !use[2] {
			dd = 0
		}
		return fmt.Sprintf("%07d%02d%02d", y+1000000, m, dd)
	}
	s := one(d.parts[0])
	if len(d.parts) > 1 {
		s += "-" + one(d.parts[1])
	}
	return s
}

// compareSortValues orders two items' key lists.
func (p *Processor) compareSortValues(a, b []sortValue, keys []sortKey) int {
	for i := range keys {
		va, vb := a[i], b[i]
		switch {
		case va.empty && vb.empty:
			continue
		case va.empty:
			return 1
		case vb.empty:
			return -1
		}
		c := bytes.Compare(va.key, vb.key)
		if c == 0 {
			c = strings.Compare(va.s, vb.s)
			if c != 0 && strings.EqualFold(va.s, vb.s) {
				c = 0
			}
		}
		if c != 0 {
			if keys[i].desc {
				return -c
			}
			return c
		}
	}
	return 0
}

func (p *Processor) sortIDs(ids []string, keys []sortKey, bib bool) []string {
	type keyed struct {
		id   string
		vals []sortValue
	}
	ks := make([]keyed, len(ids))
	for i, id := range ids {
		ks[i] = keyed{id, p.sortKeyValues(id, keys, bib, nil)}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return p.compareSortValues(a.vals, b.vals, keys) })
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.id
	}
	return out
}

func (p *Processor) sortCites(refs []*citeRef) []*citeRef {
	keys := p.style.citation.sort
	type keyed struct {
		ref  *citeRef
		vals []sortValue
	}
	ks := make([]keyed, len(refs))
	for i, r := range refs {
		ks[i] = keyed{r, p.sortKeyValues(r.id, keys, false, r)}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return p.compareSortValues(a.vals, b.vals, keys) })
	out := make([]*citeRef, len(ks))
	for i, k := range ks {
		out[i] = k.ref
	}
	return out
}
