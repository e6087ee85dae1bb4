package csl

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// namesSpec is a cs:names element with what it inherits resolved.
type namesSpec struct {
	el          *namesEl
	name        *nameEl
	etAl        *etAlEl
	label       *labelEl
	labelBefore bool
	opts        nameOpts
	delim       string
}

func (e *ev) namesSpecFor(n *namesEl) *namesSpec {
	s := &namesSpec{el: n, name: n.name, etAl: n.etAl, label: n.label, labelBefore: n.labelBefore}
	if n.bare && e.inSubst && e.substNames != nil {
		p := e.substNames
		s.name, s.etAl, s.label, s.labelBefore = p.name, p.etAl, p.label, p.labelBefore
	}
	var lo *nameOpts
	var lnd string
	var hasLND bool
	if e.bib {
		if l := e.p.style.bib; l != nil {
			lo, lnd, hasLND = &l.opts, l.namesD, l.hasND
		}
	} else if l := e.p.style.citation; l != nil {
		lo, lnd, hasLND = &l.opts, l.namesD, l.hasND
	}
	var o nameOpts
	if s.name != nil {
		o = s.name.opts
	}
	o = o.inherit(lo).inherit(&e.p.style.opts)
	s.opts = o
	switch {
	case n.f.hasDelimiter:
		s.delim = n.f.delimiter
	case hasLND:
		s.delim = lnd
	case e.p.style.hasNamesDelim:
		s.delim = e.p.style.namesDelim
	}
	return s
}

func (e *ev) names(n *namesEl) *out {
	spec := e.namesSpecFor(n)
	type varNames struct {
		v     string
		names []*name
	}
	var lists []varNames
	for _, v := range n.variables {
		var ns []*name
		if !e.suppressed[v] {
			ns = e.it.names[v]
		}
		e.markVar(len(ns) > 0)
		if len(ns) > 0 {
			lists = append(lists, varNames{v, ns})
		}
	}
	if len(lists) == 0 {
		if !n.hasSubst || e.inSubst {
			return nil
		}
		saveIn, saveSN := e.inSubst, e.substNames
		e.inSubst, e.substNames = true, spec.el
		var res *out
		for _, el := range n.substitute {
			if o := e.element(el); o != nil {
				res = o
				break
			}
			// A term the locale defines ends the substitution even when it
			// is empty (citeproc-js).
			if t, ok := el.(*textEl); ok && t.term != "" {
				form, _ := parseTermForm(t.form)
				if _, found := e.p.loc.term(t.term, form, t.plural); found {
					break
				}
			}
		}
		e.inSubst, e.substNames = saveIn, saveSN
		if res == nil {
			return nil
		}
		// The names element's affixes and fonts apply to what stands in
		// for the names.
		f := n.f
		f.delimiter, f.hasDelimiter = "", false
		if isNamesTagged(res) {
			return e.fmt(&f, res)
		}
		// Tagged as names so that subsequent-author-substitute and cite
		// grouping treat a substituted title like an author.
		return tagged(&tag{kind: tagNames, namesEl: n, variable: ""}, e.fmt(&f, res))
	}
	// Editor and translator that are the same people render once, with
	// the "editortranslator" term.
	if len(lists) >= 2 && spec.label != nil {
		ei, ti := -1, -1
		for i, l := range lists {
			switch l.v {
			case "editor":
				ei = i
			case "translator":
				ti = i
			}
		}
		if ei >= 0 && ti >= 0 && sameNames(lists[ei].names, lists[ti].names) {
			form, _ := parseTermForm(spec.label.form)
			if t, ok := e.p.loc.term("editortranslator", form, false); ok && t != "" {
				merged := varNames{"editortranslator", lists[ei].names}
				var nl []varNames
				for i, l := range lists {
					switch i {
					case ei:
						nl = append(nl, merged)
					case ti:
					default:
						nl = append(nl, l)
					}
				}
				lists = nl
			}
		}
	}
	if e.inSubst {
		for _, l := range lists {
			if l.v == "editortranslator" {
				e.suppress("editor")
				e.suppress("translator")
			} else {
				e.suppress(l.v)
			}
		}
	}
	if spec.opts.form == "count" {
		total := 0
		for _, l := range lists {
			total += len(e.shownNames(spec, l.names))
		}
		if total == 0 {
			e.varsSet--
			return nil
		}
		return e.fmt(&n.f, litText(strconv.Itoa(total)))
	}
	outs := make([]*out, 0, len(lists))
	var all []*name
	for _, l := range lists {
		if o := e.nameList(spec, l.v, l.names); o != nil {
			outs = append(outs, o)
		}
		all = append(all, l.names...)
	}
	var jf *formatting
	if spec.delim != "" {
		jf = &formatting{delimiter: spec.delim, hasDelimiter: true}
	}
	body := group(jf, outs...)
	f := n.f
	f.delimiter, f.hasDelimiter = "", false
	return tagged(&tag{kind: tagNames, namesEl: n, variable: lists[0].v, names: all}, e.fmt(&f, body))
}

func isNamesTagged(o *out) bool {
	for o != nil {
		if o.kind == oTag && o.tag.kind == tagNames {
			return true
		}
		if len(o.kids) != 1 {
			return false
		}
		o = o.kids[0]
	}
	return false
}

func sameNames(a, b []*name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].key != b[i].key {
			return false
		}
	}
	return true
}

// etAlLimits returns how many names to show before "et al." and whether
// the list is truncated.
func (e *ev) etAlLimits(spec *namesSpec, n int) (show int, truncated bool) {
	o := spec.opts
	min, first := o.etAlMin, o.etAlUseFirst
	if e.cite != nil && !e.bib && e.cite.position >= posSubsequent {
		if o.set&noEtAlSubMin != 0 {
			min = o.etAlSubMin
		}
		if o.set&noEtAlSubUseFirst != 0 {
			first = o.etAlSubUseFirst
		}
	}
	if e.sortKey != nil {
		if e.sortKey.hasMin {
			min = e.sortKey.namesMin
		}
		if e.sortKey.hasUse {
			first = e.sortKey.namesUse
		}
	}
	// et-al-min without et-al-use-first abbreviates nothing.
	useFirstSet := o.set&noEtAlUseFirst != 0 || (e.sortKey != nil && e.sortKey.hasUse)
	if min == 0 || n < min || first >= n || !useFirstSet {
		return n, false
	}
	return first, true
}

func (e *ev) shownNames(spec *namesSpec, names []*name) []*name {
	show, _ := e.etAlLimits(spec, len(names))
	return names[:show]
}

func (e *ev) nameList(spec *namesSpec, v string, names []*name) *out {
	o := spec.opts
	show, truncated := e.etAlLimits(spec, len(names))
	// Disambiguation may show more names than et-al abbreviation would.
	k := e.nameset
	e.nameset++
	if e.dis != nil && k < len(e.dis.names) && e.dis.names[k] > show && e.sortKey == nil {
		show = min(e.dis.names[k], len(names))
		truncated = show < len(names)
	}
	levels := make([]int, show)
	for j := 0; j < show; j++ {
		levels[j] = e.nameLevel(spec, names[j], k, j)
	}
	if e.trace != nil {
		*e.trace = append(*e.trace, nameTrace{total: len(names), shown: show, levels: levels})
	}
	if e.seen != nil {
		for j, n := range names {
			*e.seen = append(*e.seen, seenName{n, j})
		}
	}
	useLast := truncated && o.etAlUseLast && show >= 1 && len(names) >= show+2
	if e.sortKey != nil && e.sortKey.hasLast {
		useLast = truncated && e.sortKey.namesLast && show >= 1 && len(names) >= show+2
	}
	delim := ", "
	if o.set&noDelimiter != 0 {
		delim = o.delimiter
	}
	rendered := make([]*out, 0, show+1)
	for i := 0; i < show; i++ {
		rendered = append(rendered, e.formatName(spec, names[i], i, levels[i]))
	}
	var andTerm string
	if o.and != "" && e.sortKey == nil {
		if o.and == "symbol" {
			andTerm, _ = e.p.loc.term("and", formSymbol, false)
			if andTerm == "" {
				andTerm = "&"
			}
		} else {
			andTerm, _ = e.p.loc.term("and", formLong, false)
		}
	}
	inverted := func(i int) bool {
		if names[i].literal != "" || !names[i].romanesque {
			return false
		}
		return e.sortKey != nil || o.nameAsSortOrder == "all" || (o.nameAsSortOrder == "first" && i == 0)
	}
	var kids []*out
	for i, r := range rendered {
		if r == nil {
			continue
		}
		if i == 0 {
			kids = append(kids, r)
			continue
		}
		last := i == show-1 && !truncated
		if last && andTerm != "" {
			useDelim := false
			switch o.delimPrecLast {
			case "always":
				useDelim = true
			case "never":
				useDelim = false
			case "after-inverted-name":
				useDelim = inverted(i - 1)
			default: // contextual
				useDelim = show >= 3
			}
			sep := " "
			if useDelim {
				sep = delim
				if !strings.HasSuffix(sep, " ") {
					sep += " "
				}
			}
			kids = append(kids, sepOut(sep+andTerm+" "), r)
			continue
		}
		kids = append(kids, sepOut(delim), r)
	}
	if truncated && e.sortKey != nil && useLast {
		kids = append(kids, sepOut(delim), e.formatName(spec, names[len(names)-1], len(names)-1, e.nameLevel(spec, names[len(names)-1], k, len(names)-1)))
	}
	if truncated && e.sortKey == nil {
		if useLast {
			kids = append(kids, sepOut(delim+"… "), e.formatName(spec, names[len(names)-1], len(names)-1, e.nameLevel(spec, names[len(names)-1], k, len(names)-1)))
		} else {
			term := "et-al"
			var ef formatting
			if spec.etAl != nil {
				term = spec.etAl.term
				ef = spec.etAl.f
			}
			if s, _ := e.p.loc.term(term, formLong, false); s != "" && show > 0 {
				useDelim := false
				switch o.delimPrecEtAl {
				case "always":
					useDelim = true
				case "never":
					useDelim = false
				case "after-inverted-name":
					useDelim = inverted(show - 1)
				default:
					useDelim = show >= 2
				}
				sep := " "
				if useDelim {
					sep = delim
				} else if first, _ := utf8.DecodeRuneInString(s); !isRomanesqueRune(first) {
					sep = "" // "Ziggy Zither等"
				}
				kids = append(kids, sepOut(sep), tagged(&tag{kind: tagNameSep}, e.fmt(&ef, litText(s))))
			}
		}
	}
	list := group(nil, kids...)
	if list == nil {
		return nil
	}
	if spec.label != nil && e.sortKey == nil {
		if l := tagged(&tag{kind: tagNamesLabel}, e.label(spec.label, v, names)); l != nil {
			if spec.labelBefore {
				list = group(nil, l, list)
			} else {
				list = group(nil, list, l)
			}
		}
	}
	return list
}

// formatName renders one name at a given-name level (see nameLevel): 0
// short, 1 long with initials when the style initializes (else full), 2
// long with the given name as written.
func (e *ev) formatName(spec *namesSpec, n *name, idx, level int) *out {
	o := spec.opts
	form := "long"
	initialize := o.set&noInitializeWith != 0 && (o.set&noInitialize == 0 || o.initialize)
	switch level {
	case 0:
		form = "short"
	case 2:
		initialize = false
	}
	inverted := e.sortKey != nil || o.nameAsSortOrder == "all" || (o.nameAsSortOrder == "first" && idx == 0)
	var nf formatting
	if spec.name != nil {
		nf = spec.name.f
		nf.delimiter, nf.hasDelimiter = "", false
	}
	body := e.nameBody(spec, n, form, inverted, initialize)
	if body == nil {
		return nil
	}
	return tagged(&tag{kind: tagName, name: n}, e.fmt(&nf, body))
}

func (e *ev) partFormat(p *namePart) (font formatting, prefix, suffix string) {
	if p == nil {
		return formatting{}, "", ""
	}
	font = p.f
	prefix, suffix = font.prefix, font.suffix
	font.prefix, font.suffix = "", ""
	return font, prefix, suffix
}

func (e *ev) nameBody(spec *namesSpec, n *name, form string, inverted, initialize bool) *out {
	var given, family *namePart
	if spec.name != nil {
		given, family = spec.name.given, spec.name.family
	}
	famFont, famPre, famSuf := e.partFormat(family)
	givFont, givPre, givSuf := e.partFormat(given)
	if form == "short" {
		// An institution's name printed short takes the abbreviation
		// list's short form ("United Nations General Assembly" → "UNGA"),
		// as citeproc-js does with institution-entire.
		full := n.literal
		if full == "" && n.given == "" {
			full = n.family
		}
		if ab := e.p.opts.Abbreviations.institution(full); ab != "" {
			return affix(famPre, famSuf, e.fmt(&famFont, lit(parseMarkup(ab))))
		}
	}
	if n.literal != "" {
		r := parseMarkup(n.literal)
		return affix(famPre, famSuf, e.fmt(&famFont, lit(r)))
	}
	o := spec.opts
	sortSep := ", "
	if o.set&noSortSeparator != 0 {
		sortSep = o.sortSeparator
	}
	givenText := n.given
	if o.set&noInitializeWith != 0 && givenText != "" && n.family != "" {
		givenText = e.p.initials(givenText, o.initializeWith, !initialize)
	}
	famOut := func(s string) *out {
		if s == "" {
			return nil
		}
		return e.fmt(&famFont, lit(e.p.markup(s)))
	}
	givOut := func(s string) *out {
		if s == "" {
			return nil
		}
		return e.fmt(&givFont, lit(e.p.markup(s)))
	}
	if !n.romanesque {
		if form == "short" {
			return affix(famPre, famSuf, famOut(n.family))
		}
		return group(nil, affix(famPre, famSuf, famOut(n.family)), affix(givPre, givSuf, givOut(givenText)))
	}
	if form == "short" || n.given == "" && form != "long" {
		return affix(famPre, famSuf, joinSp(famOut(n.ndp), famOut(n.family)))
	}
	demote := e.p.style.demoteNDP
	if inverted {
		var head, tail *out
		if demote == "display-and-sort" || (e.sortKey != nil && demote == "sort-only") {
			head = affix(famPre, famSuf, famOut(n.family))
			tail = affix(givPre, givSuf, joinSp(givOut(givenText), givOut(n.dropping), famOut(n.ndp)))
		} else {
			head = affix(famPre, famSuf, joinSp(famOut(n.ndp), famOut(n.family)))
			tail = affix(givPre, givSuf, joinSp(givOut(givenText), givOut(n.dropping)))
		}
		var suffix *out
		if n.suffix != "" {
			suffix = litText(n.suffix)
		}
		parts := []*out{head, tail, suffix}
		var kids []*out
		for _, p := range parts {
			if p == nil {
				continue
			}
			if len(kids) > 0 {
				kids = append(kids, litText(sortSep))
			}
			kids = append(kids, p)
		}
		return group(nil, kids...)
	}
	fam := joinSp(famOut(n.dropping), famOut(n.ndp), famOut(n.family))
	if n.dropping != "" {
		fam = joinSp(givOut(n.dropping), joinSp(famOut(n.ndp), famOut(n.family)))
	}
	if n.suffix != "" {
		if n.commaSuffix {
			fam = group(nil, fam, litText(", "+n.suffix))
		} else {
			fam = joinSp(fam, litText(n.suffix))
		}
	}
	famA := affix(famPre, famSuf, fam)
	giv := affix(givPre, givSuf, givOut(givenText))
	if n.staticOrdering {
		return joinSp(famA, giv)
	}
	return joinSp(giv, famA)
}

// affix wraps an output in name-part affixes.
func affix(prefix, suffix string, o *out) *out {
	if o == nil || (prefix == "" && suffix == "") {
		return o
	}
	return &out{kind: oFmt, f: &formatting{prefix: prefix, suffix: suffix}, kids: []*out{o}}
}

// joinSp joins name parts with spaces, except after a particle that ends
// in an apostrophe or hyphen ("d'Alembert", "al-Khwarizmi").
func joinSp(parts ...*out) *out {
	var kids []*out
	var prev *out
	for _, p := range parts {
		if p == nil {
			continue
		}
		if prev != nil {
			end := prev.lastRune()
			if end != '\'' && end != '’' && end != '-' && end != '–' && !unicode.IsSpace(end) {
				kids = append(kids, spaceOut)
			}
		}
		kids = append(kids, p)
		prev = p
	}
	return group(nil, kids...)
}

// initializeName turns given names into initials with the
// initialize-with string ("John Paul" → "J. P.", "Jean-Paul" → "J.-P."),
// keeping lowercase words ("de") and already abbreviated names ("Ph.").
// With normalizeOnly (initialize="false") only existing initials are
// formatted. The rules follow citeproc-js, which the test suite checks.
func initializeName(given, with string, hyphen, normalizeOnly bool) string {
	if given == "" {
		return ""
	}
	first, _ := utf8.DecodeRuneInString(given)
	if given == "Lord" || given == "Lady" || !isRomanesqueRune(first) {
		return given
	}
	name := given
	if !hyphen {
		name = strings.ReplaceAll(name, "-", " ")
	}
	name = hyphenSpaceRe.ReplaceAllString(name, "-")
	name = spacesRe.ReplaceAllString(name, " ")
	// A hyphen before a lowercase letter is kept as it is ("Ji-ping").
	name = lowerHyphenRe.ReplaceAllString(name, "\u2013$1")
	// "J.P." is two initials: "J. P.".
	var nb strings.Builder
	rs := []rune(name)
	for i, c := range rs {
		nb.WriteRune(c)
		if c == '.' && i+1 < len(rs) && rs[i+1] != ' ' {
			nb.WriteByte(' ')
		}
	}
	name = nb.String()
	seps := sepRe.FindAllString(name, -1)
	words := sepRe.Split(name, -1)
	if len(seps) == 0 {
		if m := trailingRe.FindString(words[0]); m != "" && utf8.RuneCountInString(m) == 1 && strings.ToLower(m) != m {
			words[0] += "."
		}
	}
	list := []string{words[0]}
	for i := 1; i < len(words); i++ {
		list = append(list, seps[i-1], words[i])
	}
	var res string
	if normalizeOnly {
		res = normalizeInitialList(list, with)
	} else {
		res = initializeList(list, with)
	}
	return strings.ReplaceAll(res, "\u2013", "-")
}

var (
	hyphenSpaceRe = regexp.MustCompile(`\s*-\s*`)
	spacesRe      = regexp.MustCompile(`\s+`)
	lowerHyphenRe = regexp.MustCompile(`-([a-z])`)
	sepRe         = regexp.MustCompile(`[\-\s]+`)
	trailingRe    = regexp.MustCompile(`[^.]+$`)
	initialRe     = regexp.MustCompile(`^([A-Z\x{0e01}-\x{0e5b}\x{00c0}-\x{017f}\x{0400}-\x{042f}\x{0590}-\x{05d4}\x{05d6}-\x{05ff}\x{0600}-\x{06ff}\x{0370}\x{0372}\x{0376}\x{0386}\x{0388}-\x{03ab}\x{03e2}\x{03e4}\x{03e6}\x{03e8}\x{03ea}\x{03ec}\x{03ee}\x{03f4}\x{03f7}\x{03fd}-\x{03ff}])([a-zA-Z\x{0e01}-\x{0e5b}\x{00c0}-\x{017f}\x{0400}-\x{052f}\x{0600}-\x{06ff}\x{0370}-\x{03ff}\x{1f00}-\x{1fff}]*|)(\.)*`)
)

func isRomanesqueRune(c rune) bool {
	switch {
	case c == '&', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	case c >= 0x80 && c <= 0x17f, c >= 0x400 && c <= 0x52f, c >= 0x386 && c <= 0x3fb, c >= 0x1f00 && c <= 0x1ffe,
		c >= 0x590 && c <= 0x6ff, c >= 0xe01 && c <= 0xe5b:
		return true
	}
	return false
}

func trimName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " \t\n\r\ufeff\u00a0")
	s = hyphenSpaceRe.ReplaceAllString(s, "-")
	return spacesRe.ReplaceAllString(s, " ")
}

func initializeList(list []string, with string) string {
	orig := slices.Clone(list)
	n := len(list)
	for i := 0; i < n; i += 2 {
		w := list[i]
		if w == "" {
			continue
		}
		m := initialRe.FindStringSubmatch(w)
		if m != nil {
			m1, m2 := m[1], m[2]
			if m2 != "" && m[3] != "" {
				m1, m2 = m1+m2, ""
			}
			f, _ := utf8.DecodeRuneInString(m1)
			if f == unicode.ToUpper(f) {
				extra := ""
				if m2 != "" {
					var up []rune
					for _, c := range m2 {
						if c != unicode.ToUpper(c) {
							break
						}
						up = append(up, c)
					}
					if len(up) < utf8.RuneCountInString(m2) {
						extra = strings.ToLower(string(up))
					}
				}
				list[i] = m1 + extra
				if i < n-1 {
					if strings.Contains(orig[i+1], "-") {
						list[i+1] = with + list[i+1]
					} else {
						list[i+1] = with
					}
				} else {
					list = append(list, with)
				}
				continue
			}
		}
		if f, _ := utf8.DecodeRuneInString(w); isRomanesqueRune(f) && (m == nil || m[3] == "") {
			list[i] = " " + w
		}
	}
	return trimName(strings.Join(list, ""))
}

func normalizeInitialList(list []string, with string) string {
	abbrev := make([]bool, len(list))
	for i, w := range list {
		switch {
		case utf8.RuneCountInString(w) > 1 && strings.HasSuffix(w, "."):
			list[i] = w[:len(w)-1]
			abbrev[i] = true
		case utf8.RuneCountInString(w) == 1 && strings.ToUpper(w) == w:
			abbrev[i] = true
		}
	}
	orig := slices.Clone(list)
	n := len(list)
	for i := 0; i < n; i += 2 {
		if !abbrev[i] {
			continue
		}
		if i < n-2 {
			list[i+1] = ""
			if !abbrev[i+2] {
				list[i+1] = " "
			}
			if utf8.RuneCountInString(orig[i+2]) > 1 {
				list[i] += strings.TrimSuffix(with, "\ufeff")
			} else {
				list[i] += with
			}
		}
		if i == n-1 {
			list[i] += with
		}
	}
	return trimName(strings.Join(list, ""))
}
