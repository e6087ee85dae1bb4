package csl

import (
	"fmt"
	"strconv"
	"strings"
)

// Positions of a cite (spec: Choose, position). Each includes the ones
// before it that it implies: ibid-with-locator is also ibid and subsequent.
const (
	posFirst = iota
	posSubsequent
	posIbid
	posIbidWithLocator
)

// citeRef is what a cite knows beyond its item: locator, position, note.
type citeRef struct {
	id             string
	locator, label string
	prefix, suffix string
	suppressAuthor bool
	authorOnly     bool
	position       int
	nearNote       bool
	noteNumber     int
	firstNote      int // first-reference-note-number; 0 when first
}

// ev renders one item with one layout. It is single-use.
type ev struct {
	p       *Processor
	it      *itemData
	cite    *citeRef // nil in the bibliography
	bib     bool
	sorting bool
	sortKey *sortKey
	dis     *ambigConfig
	// disambiguation bookkeeping: the names element being rendered, what
	// was rendered (when asked), and the disambiguate conditions met.
	nameset  int
	trace    *[]nameTrace
	seen     *[]seenName
	disCount int
	steps    int
	// disambiguation trial: render as if these settings held
	layoutOpts *nameOpts
	layoutND   string
	hasLND     bool

	varsCalled, varsSet int
	suppressed          map[string]bool
	yearSuffixDone      bool
	inSubst             bool
	substNames          *namesEl
	depth               int
	// the automatic year-suffix is not added when the layout renders the
	// year-suffix variable itself.
	ysVar bool
}

const (
	maxDepth = 64
	maxSteps = 20000
)

func (e *ev) markVar(set bool) {
	e.varsCalled++
	if set {
		e.varsSet++
	}
}

func (e *ev) elements(es []element) []*out {
	var outs []*out
	for _, el := range es {
		// The chosen branch's elements are children of the enclosing
		// element: a group's delimiter goes between them.
		if c, ok := el.(*chooseEl); ok {
			e.depth++
			if e.depth <= maxDepth {
				outs = append(outs, e.chooseKids(c)...)
			}
			e.depth--
			continue
		}
		if o := e.element(el); o != nil {
			outs = append(outs, o)
		}
	}
	return outs
}

func (e *ev) element(el element) *out {
	e.depth++
	defer func() { e.depth-- }()
	// Macros that call each other several times can grow exponentially;
	// a render stops at a fixed budget instead of hanging.
	e.steps++
	if e.depth > maxDepth || e.steps > maxSteps {
		return nil
	}
	switch el := el.(type) {
	case *textEl:
		return e.text(el)
	case *numberEl:
		return e.number(el)
	case *labelEl:
		return e.label(el, "", nil)
	case *namesEl:
		return e.names(el)
	case *dateEl:
		return e.date(el)
	case *groupEl:
		return e.group(el)
	case *chooseEl:
		return e.choose(el)
	}
	return nil
}

func (e *ev) fmt(f *formatting, o *out) *out {
	if o == nil {
		return nil
	}
	if f.isZero() {
		return o
	}
	b := &fmtBox{f: *f}
	if b.f.textCase == tcTitle && !e.it.english {
		b.f.textCase = tcNone
	}
	if b.f.textCase != tcNone && e.it.turkish {
		b.f.turkish = true
	}
	b.k[0] = o
	b.o = out{kind: oFmt, f: &b.f, kids: b.k[:]}
	return &b.o
}

// fmtBox holds a formatted output in one allocation.
type fmtBox struct {
	o out
	f formatting
	k [1]*out
}

func (e *ev) group(g *groupEl) *out {
	called, set := e.varsCalled, e.varsSet
	kids := e.elements(g.kids)
	if e.varsCalled > called && e.varsSet == set {
		return nil
	}
	if len(kids) == 0 {
		return nil
	}
	f := g.f
	if f.textCase == tcTitle && !e.it.english {
		f.textCase = tcNone
	}
	o := group(&f, kids...)
	if o.hasText() {
		e.varsSet++
	}
	return o
}

func (e *ev) choose(c *chooseEl) *out {
	return group(nil, e.chooseKids(c)...)
}

func (e *ev) chooseKids(c *chooseEl) []*out {
	for _, b := range c.branches {
		if b.cond == nil || e.test(b.cond) {
			return e.elements(b.kids)
		}
	}
	return nil
}

func (e *ev) test(c *condition) bool {
	total, yes := 0, 0
	add := func(b bool) {
		total++
		if b {
			yes++
		}
	}
	if c.disambiguate != 0 {
		// The n-th disambiguate condition met in a cite tests true when
		// disambiguation raised the item's level to n (citeproc-js adds
		// such text step by step).
		e.disCount++
		d := e.dis != nil && e.dis.disambiguate >= e.disCount
		add(d == (c.disambiguate == 1))
	}
	for _, v := range c.isNumeric {
		add(e.isNumericVar(v))
	}
	for _, v := range c.isUncertainDate {
		d := e.it.dates[v]
		add(d != nil && d.circa)
	}
	for _, l := range c.locator {
		add(e.cite != nil && e.cite.locator != "" && locatorLabel(e.cite.label) == normalizeLocatorName(l))
	}
	for _, p := range c.position {
		add(e.testPosition(p))
	}
	for _, t := range c.types {
		add(e.it.typ == t)
	}
	for _, v := range c.variable {
		add(e.hasVar(v))
	}
	switch c.match {
	case "any":
		return yes > 0
	case "none":
		return yes == 0
	}
	return total > 0 && yes == total
}

// normalizeLocatorName accepts the CSL 1.0 spelling "sub verbo" of the
// locator type "sub-verbo".
func normalizeLocatorName(l string) string {
	if l == "sub verbo" {
		return "sub-verbo"
	}
	return l
}

func locatorLabel(l string) string {
	if l == "" {
		return "page"
	}
	return normalizeLocatorName(l)
}

func (e *ev) testPosition(p string) bool {
	if e.cite == nil || e.bib {
		return false
	}
	switch p {
	case "first":
		return e.cite.position == posFirst
	case "subsequent":
		return e.cite.position >= posSubsequent
	case "ibid":
		return e.cite.position >= posIbid
	case "ibid-with-locator":
		return e.cite.position == posIbidWithLocator
	case "near-note":
		return e.cite.position >= posSubsequent && e.cite.nearNote
	}
	return false
}

// hasVar is the variable test of cs:if: whether a variable has a value.
func (e *ev) hasVar(v string) bool {
	if e.suppressed[v] {
		return false
	}
	switch v {
	case "locator":
		return e.cite != nil && e.cite.locator != ""
	case "first-reference-note-number":
		return e.cite != nil && e.cite.firstNote > 0
	case "citation-number":
		return e.p.citationNumber(e.it.id) > 0
	case "year-suffix":
		return e.dis != nil && e.dis.yearSuffix > 0
	case "page-first":
		return e.it.field("page") != ""
	case "citation-label":
		return true
	}
	if isNameVar(v) {
		return len(e.it.names[v]) > 0
	}
	if isDateVar(v) {
		return e.it.dates[v] != nil
	}
	return e.it.field(v) != ""
}

// value returns a standard or number variable's raw value, counting the
// access for group suppression.
func (e *ev) value(v string) string {
	s := e.rawValue(v)
	e.markVar(s != "")
	return s
}

func (e *ev) rawValue(v string) string {
	if e.suppressed[v] {
		return ""
	}
	switch v {
	case "locator":
		if e.cite != nil {
			return e.cite.locator
		}
		return ""
	case "first-reference-note-number":
		if e.cite != nil && e.cite.firstNote > 0 {
			return strconv.Itoa(e.cite.firstNote)
		}
		return ""
	case "citation-number":
		if n := e.p.citationNumber(e.it.id); n > 0 {
			return strconv.Itoa(n)
		}
		return ""
	case "page-first":
		p := e.it.field("page")
		if i := strings.IndexAny(p, "-–—,;&"); i >= 0 {
			p = strings.TrimSpace(p[:i])
		}
		return p
	case "id":
		return e.it.id
	case "type":
		return e.it.typ
	case "citation-label":
		if l := e.it.field(v); l != "" {
			return l
		}
		return e.trigraph()
	}
	return e.it.field(v)
}

func (e *ev) richValue(v string) Rich {
	switch v {
	case "locator", "first-reference-note-number", "citation-number", "page-first", "id", "type":
		return parseMarkup(e.rawValue(v))
	}
	if e.suppressed[v] {
		return nil
	}
	if r, ok := e.it.rich[v]; ok {
		return r
	}
	s := e.it.field(v)
	if s == "" {
		return nil
	}
	r := parseMarkup(s)
	if e.it.rich == nil {
		e.it.rich = map[string]Rich{}
	}
	e.it.rich[v] = r
	return r
}

func (e *ev) text(t *textEl) *out {
	switch {
	case t.macro != nil:
		// A macro call is a group: when it calls variables and all are
		// empty, its terms and values are left out too (citeproc-js).
		called, set := e.varsCalled, e.varsSet
		kids := e.elements(t.macro.kids)
		if e.varsCalled > called && e.varsSet == set {
			return nil
		}
		o := group(nil, kids...)
		if o.hasText() {
			// Output from a nested group counts as a variable found for
			// the groups around it (citeproc-js).
			e.varsSet++
		}
		return e.fmt(&t.f, o)
	case t.variable != "":
		return e.fmt(&t.f, e.textVariable(t))
	case t.term != "":
		form, _ := parseTermForm(t.form)
		s, _ := e.p.loc.term(t.term, form, t.plural)
		o := tagged(&tag{kind: tagTerm}, litText(s))
		if o != nil && t.term == "no date" {
			if ys := e.autoYearSuffix(); ys != nil {
				o = group(nil, o, ys)
			}
		}
		return e.fmt(&t.f, o)
	case t.hasValue:
		return e.fmt(&t.f, lit(parseMarkup(t.value)))
	}
	return nil
}

func (e *ev) textVariable(t *textEl) *out {
	v := t.variable
	switch v {
	case "year-suffix":
		if e.dis == nil || e.dis.yearSuffix == 0 {
			return nil
		}
		e.yearSuffixDone = true
		return tagged(&tag{kind: tagYearSuffix, n: e.dis.yearSuffix}, litText(yearSuffix(e.dis.yearSuffix)))
	case "citation-number":
		n := e.p.citationNumber(e.it.id)
		e.markVar(n > 0)
		if n == 0 {
			return nil
		}
		if e.sorting {
			return litText(fmt.Sprintf("%09d", n))
		}
		return tagged(&tag{kind: tagCitationNumber, n: n}, litText(strconv.Itoa(n)))
	case "locator":
		s := e.value("locator")
		if s == "" {
			return nil
		}
		s = e.locatorText(s)
		if e.cite.label == "" || e.cite.label == "page" {
			return tagged(&tag{kind: tagLocator}, e.pageRange(s))
		}
		// Other locators: ranges get an en dash; the text may hold
		// markup ("s.v. \"gargoyle\"").
		if toks, ok := tokenizeNumber(s); ok {
			var b strings.Builder
			for _, t := range toks {
				if t.sep {
					b.WriteString(normalizeNumSep(t.text))
				} else {
					b.WriteString(t.text)
				}
			}
			s = b.String()
		}
		return tagged(&tag{kind: tagLocator}, lit(parseMarkup(s)))
	case "page":
		s := e.value("page")
		if s == "" {
			return nil
		}
		return e.pageRange(s)
	case "page-first":
		return litText(e.value("page-first"))
	case "citation-label":
		label := e.it.field("citation-label")
		if label == "" {
			label = e.trigraph()
		}
		e.markVar(label != "")
		if label == "" {
			return nil
		}
		// The label carries the year-suffix: "Doe65a".
		return group(nil, lit(parseMarkup(label)), e.autoYearSuffix())
	}
	if isNameVar(v) || isDateVar(v) {
		return nil
	}
	var r Rich
	if e.suppressed[v] {
		// A title that stood in for the author is not printed again, in
		// any form (CSL 1.0.2, Substitute).
		e.markVar(false)
		return nil
	}
	if t.form == "short" {
		r = e.richValue(v + "-short")
		if r == nil && v == "title" {
			r = e.richValue("shortTitle")
		}
		if r == nil {
			if full := e.richValue(v); full != nil {
				if ab := e.p.opts.Abbreviations.short(v, full.String()); ab != "" {
					r = plain(ab)
				}
			}
		}
	}
	if r == nil {
		r = e.richValue(v)
	}
	e.markVar(r != nil)
	if r == nil {
		return nil
	}
	if e.inSubst {
		e.suppress(v)
	}
	if numberVars[v] && strings.ContainsAny(r.String(), "-–") {
		// A numeric number variable printed as text still gets its ranges
		// with en dashes ("3–4"), as cs:number does.
		if toks, ok := tokenizeNumber(r.String()); ok && !isIdentifier(toks) {
			var b strings.Builder
			for _, t := range toks {
				if t.sep {
					b.WriteString(normalizeNumSep(t.text))
				} else {
					b.WriteString(t.text)
				}
			}
			r = plain(b.String())
		}
	}
	if e.p.opts.Links {
		switch v {
		case "URL":
			return lit(Rich{{Kind: KLink, Text: r.String(), Kids: r}})
		case "DOI":
			return lit(Rich{{Kind: KLink, Text: doiURL(r.String()), Kids: r}})
		}
	}
	return lit(r)
}

func doiURL(doi string) string {
	d := strings.TrimSpace(doi)
	if strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") {
		return d
	}
	return "https://doi.org/" + d
}

func (e *ev) locatorText(s string) string {
	if strings.Contains(s, "&") {
		if and, ok := e.p.loc.term("and", formSymbol, false); ok && and != "" {
			s = strings.ReplaceAll(s, "&", and)
		}
	}
	return s
}

func (e *ev) suppress(v string) {
	if e.suppressed == nil {
		e.suppressed = map[string]bool{}
	}
	e.suppressed[v] = true
}

func yearSuffix(n int) string {
	// a … z, aa … az, ba … (spec: Disambiguation).
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

var nameVars = map[string]bool{
	"author": true, "chair": true, "collection-editor": true, "compiler": true, "composer": true,
	"container-author": true, "contributor": true, "curator": true, "director": true, "editor": true,
	"editorial-director": true, "editortranslator": true, "executive-producer": true, "guest": true,
	"host": true, "illustrator": true, "interviewer": true, "narrator": true, "organizer": true,
	"original-author": true, "performer": true, "producer": true, "recipient": true,
	"reviewed-author": true, "script-writer": true, "series-creator": true, "translator": true,
}

var numberVars = map[string]bool{
	"chapter-number": true, "collection-number": true, "edition": true, "issue": true, "number": true,
	"number-of-pages": true, "number-of-volumes": true, "part-number": true, "printing-number": true,
	"supplement-number": true, "volume": true,
}

var dateVars = map[string]bool{
	"accessed": true, "available-date": true, "event-date": true, "issued": true,
	"original-date": true, "submitted": true,
}

func isNameVar(v string) bool { return nameVars[v] }
func isDateVar(v string) bool { return dateVars[v] }

// trigraphNameVars is the order in which a name list is chosen for a
// generated citation-label.
var trigraphNameVars = []string{"author", "editor", "translator", "contributor", "collection-editor",
	"composer", "container-author", "director", "editorial-director", "interviewer", "original-author", "recipient"}

// trigraph generates a citation-label as citeproc-js does by default
// ("Aaaa00:AaAa00:AaAA00:AAAA00"): letters of the first authors' family
// names and the last two digits of the year: "Doe65", "RoNo78".
func (e *ev) trigraph() string {
	var label strings.Builder
	for _, v := range trigraphNameVars {
		ns := e.it.names[v]
		if len(ns) == 0 {
			continue
		}
		var widths []int
		switch len(ns) {
		case 1:
			widths = []int{4}
		case 2:
			widths = []int{2, 2}
		case 3:
			widths = []int{2, 1, 1}
		default:
			widths = []int{1, 1, 1, 1}
		}
		for j, n := range ns {
			if j == len(widths) {
				break
			}
			nm := n.family
			if nm == "" {
				nm = n.literal
			}
			low := strings.ToLower(nm)
			for _, art := range []string{"a ", "the ", "an "} {
				if strings.HasPrefix(low, art) {
					nm = nm[len(art):]
					break
				}
			}
			var rs []rune
			for _, c := range nm {
				if isRomanesqueRune(c) && c != '&' {
					rs = append(rs, c)
				}
			}
			if len(rs) == 0 {
				break
			}
			if len(rs) > widths[j] {
				rs = rs[:widths[j]]
			}
			part := strings.ToUpper(string(rs[:1])) + strings.ToLower(string(rs[1:]))
			label.WriteString(part)
		}
		break
	}
	year := "0000"
	if d := e.it.dates["issued"]; d != nil && len(d.parts) > 0 && d.parts[0][0] != 0 {
		year = strconv.Itoa(d.parts[0][0])
	}
	if len(year) > 2 {
		year = year[len(year)-2:]
	}
	return label.String() + year
}
