package csl

import (
	"slices"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// Style is a parsed independent CSL style.
type Style struct {
	// Title and ID come from the style's cs:info.
	Title string
	ID    string

	file            *source.File
	class           string
	defaultLocale   string
	pageRangeFormat string
	demoteNDP       string // never, sort-only, display-and-sort
	initHyphen      bool
	opts            nameOpts
	namesDelim      string
	hasNamesDelim   bool
	macros          map[string]*macro
	locales         []*Locale
	citation        *layout
	cit             citationOpts
	bib             *layout
	bibOpts         bibOpts
	// year-suffix rendered through cs:text, per layout: the automatic
	// suffix after the first date is then left out (spec: Disambiguation).
	citYearSuffixVar bool
	bibYearSuffixVar bool
}

// Class is "note" or "in-text".
func (s *Style) Class() string { return s.class }

// IsNote reports whether citations go in footnotes.
func (s *Style) IsNote() bool { return s.class == "note" }

// HasBibliography reports whether the style defines a bibliography.
func (s *Style) HasBibliography() bool { return s.bib != nil }

// DefaultLocale is the style's default-locale attribute, or "".
func (s *Style) DefaultLocale() string { return s.defaultLocale }

// reader turns the XML tree into the syntax tree, reporting what it
// cannot use and going on.
type reader struct {
	f          *source.File
	ds         *source.Diags
	macros     map[string]*macro
	macroNodes map[string]*xnode
	pending    []pendingMacro
	style      *Style
}

type pendingMacro struct {
	t    *textEl
	name string
	off  int
}

func (r *reader) errAt(off int, code, format string, args ...any) *source.Diag {
	return r.ds.Errorf(r.f.At(off), code, format, args...)
}

func (r *reader) warnAt(off int, code, format string, args ...any) *source.Diag {
	return r.ds.Warnf(r.f.At(off), code, format, args...)
}

func (r *reader) unknownElement(n *xnode, parent string) {
	r.warnAt(n.off, "csl-unknown-element", "unknown element <%s> in <%s>", n.name, parent)
}

func (r *reader) badValue(n *xnode, attr, v string) {
	r.warnAt(attrOffset(r.f, n, attr), "csl-bad-value", "invalid value %q for %s on <%s>", v, attr, n.name)
}

// attrs warns about attributes outside the allowed set.
func (r *reader) attrs(n *xnode, allowed ...string) {
	for _, a := range n.attrs {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		if a.Name.Local == "lang" && (a.Name.Space == xmlNS || a.Name.Space == "xml") {
			if slices.Contains(allowed, "lang") {
				continue
			}
		}
		if a.Name.Space == "" && slices.Contains(allowed, a.Name.Local) {
			continue
		}
		name := a.Name.Local
		if a.Name.Space != "" {
			name = a.Name.Space + ":" + name
		}
		r.warnAt(attrOffset(r.f, n, a.Name.Local), "csl-unknown-attribute", "unknown attribute %s on <%s>", name, n.name)
	}
}

var formattingAttrs = []string{
	"prefix", "suffix", "delimiter", "font-style", "font-variant", "font-weight",
	"text-decoration", "vertical-align", "text-case", "display", "quotes", "strip-periods",
}

func with(extra ...string) []string { return append(slices.Clone(formattingAttrs), extra...) }

func (r *reader) formatting(n *xnode) formatting {
	var f formatting
	for _, a := range n.attrs {
		if a.Name.Space != "" {
			continue
		}
		v := a.Value
		switch a.Name.Local {
		case "prefix":
			f.prefix = v
		case "suffix":
			f.suffix = v
		case "delimiter":
			f.delimiter, f.hasDelimiter = v, true
		case "font-style":
			switch v {
			case "normal":
				f.fontStyle = fsNormal
			case "italic":
				f.fontStyle = fsItalic
			case "oblique":
				f.fontStyle = fsOblique
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "font-variant":
			switch v {
			case "normal":
				f.fontVariant = fvNormal
			case "small-caps":
				f.fontVariant = fvSmallCaps
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "font-weight":
			switch v {
			case "normal":
				f.fontWeight = fwNormal
			case "bold":
				f.fontWeight = fwBold
			case "light":
				f.fontWeight = fwLight
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "text-decoration":
			switch v {
			case "none":
				f.textDecor = tdNoDecoration
			case "underline":
				f.textDecor = tdUnderline
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "vertical-align":
			switch v {
			case "baseline":
				f.vertAlign = vaBaseline
			case "sup":
				f.vertAlign = vaSup
			case "sub":
				f.vertAlign = vaSub
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "text-case":
			switch v {
			case "lowercase":
				f.textCase = tcLowercase
			case "uppercase":
				f.textCase = tcUppercase
			case "capitalize-first":
				f.textCase = tcCapitalizeFirst
			case "capitalize-all":
				f.textCase = tcCapitalizeAll
			case "sentence":
				f.textCase = tcSentence
			case "title":
				f.textCase = tcTitle
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "display":
			switch v {
			case "block":
				f.display = dispBlock
			case "left-margin":
				f.display = dispLeftMargin
			case "right-inline":
				f.display = dispRightInline
			case "indent":
				f.display = dispIndent
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "quotes":
			f.quotes = v == "true"
		case "strip-periods":
			f.stripPeriods = v == "true"
		}
	}
	return f
}

// ParseStyle reads an independent CSL style. It reports malformed XML,
// unknown elements and attributes, invalid values and undefined macros at
// their positions, and returns what it could read: a style with warnings
// only is usable. The result is nil only when the file is not a style at
// all.
func ParseStyle(f *source.File) (*Style, source.Diags) {
	var ds source.Diags
	root := parseXML(f, &ds)
	if root == nil {
		if !ds.HasErrors() {
			ds.Errorf(f.At(0), "csl-xml", "empty style file")
		}
		return nil, ds
	}
	if root.name != "style" {
		ds.Errorf(f.At(root.off), "csl-not-style", "root element is <%s>, not <style>", root.name)
		return nil, ds
	}
	s := &Style{file: f, demoteNDP: "display-and-sort", initHyphen: true, macros: map[string]*macro{}}
	r := &reader{f: f, ds: &ds, macros: s.macros, macroNodes: map[string]*xnode{}, style: s}
	r.style1(root)
	return s, ds
}

func (r *reader) style1(n *xnode) {
	s := r.style
	r.attrs(n, append([]string{"class", "default-locale", "version", "page-range-format",
		"demote-non-dropping-particle", "initialize-with-hyphen", "names-delimiter"}, nameOptAttrs...)...)
	s.class, _ = n.attr("class")
	switch s.class {
	case "note", "in-text":
	case "":
		r.errAt(n.off, "csl-missing-attribute", "<style> needs class=\"in-text\" or class=\"note\"")
		s.class = "in-text"
	default:
		r.badValue(n, "class", s.class)
		s.class = "in-text"
	}
	s.defaultLocale, _ = n.attr("default-locale")
	s.pageRangeFormat, _ = n.attr("page-range-format")
	if v, ok := n.attr("demote-non-dropping-particle"); ok {
		switch v {
		case "never", "sort-only", "display-and-sort":
			s.demoteNDP = v
		default:
			r.badValue(n, "demote-non-dropping-particle", v)
		}
	}
	if v, ok := n.attr("initialize-with-hyphen"); ok {
		s.initHyphen = v != "false"
	}
	s.opts = r.nameOpts(n)
	s.namesDelim, s.hasNamesDelim = n.attr("names-delimiter")

	// Macros first, so that calls can be resolved wherever they are.
	for _, k := range n.kids {
		if k.name == "macro" {
			r.attrs(k, "name")
			name, _ := k.attr("name")
			if name == "" {
				r.errAt(k.off, "csl-missing-attribute", "<macro> needs a name")
				continue
			}
			if _, dup := r.macroNodes[name]; dup {
				r.errAt(k.off, "csl-duplicate-macro", "macro %q is defined twice", name)
				continue
			}
			r.macroNodes[name] = k
			r.macros[name] = &macro{name: name, off: k.off}
		}
	}
	for _, name := range sortedKeys(r.macroNodes) {
		k := r.macroNodes[name]
		r.macros[name].kids = r.elements(k.kids, "macro")
	}
	for _, k := range n.kids {
		switch k.name {
		case "info":
			r.info(k)
		case "macro":
		case "locale":
			l := r.locale(k)
			s.locales = append(s.locales, l)
		case "citation":
			if s.citation != nil {
				r.errAt(k.off, "csl-duplicate-element", "more than one <citation>")
				continue
			}
			s.citation = r.citationEl(k)
		case "bibliography":
			if s.bib != nil {
				r.errAt(k.off, "csl-duplicate-element", "more than one <bibliography>")
				continue
			}
			s.bib = r.bibliographyEl(k)
		default:
			r.unknownElement(k, "style")
		}
	}
	if s.citation == nil {
		r.errAt(n.off, "csl-missing-element", "the style has no <citation>")
		s.citation = &layout{off: n.off}
	}
	for _, p := range r.pending {
		if m, ok := r.macros[p.name]; ok {
			p.t.macro = m
		} else {
			r.errAt(p.off, "csl-missing-macro", "macro %q is not defined", p.name)
		}
	}
	r.checkMacroCycles()
	s.citYearSuffixVar = usesVariable(s.citation.kids, "year-suffix", map[*macro]bool{})
	if s.bib != nil {
		s.bibYearSuffixVar = usesVariable(s.bib.kids, "year-suffix", map[*macro]bool{})
	}
}

func (r *reader) info(n *xnode) {
	for _, k := range n.kids {
		switch k.name {
		case "title":
			r.style.Title = strings.TrimSpace(k.text.String())
		case "id":
			r.style.ID = strings.TrimSpace(k.text.String())
		}
	}
}

var nameOptAttrs = []string{
	"and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min", "et-al-use-first",
	"et-al-use-last", "et-al-subsequent-min", "et-al-subsequent-use-first", "initialize",
	"initialize-with", "name-as-sort-order", "sort-separator", "name-form", "name-delimiter",
}

// nameOpts reads the inheritable name options. On cs:name the form and
// delimiter are written "form" and "delimiter"; elsewhere "name-form" and
// "name-delimiter".
func (r *reader) nameOpts(n *xnode) nameOpts {
	var o nameOpts
	isName := n.name == "name"
	for _, a := range n.attrs {
		if a.Name.Space != "" {
			continue
		}
		v := a.Value
		switch a.Name.Local {
		case "and":
			if v != "text" && v != "symbol" {
				r.badValue(n, "and", v)
				continue
			}
			o.and, o.set = v, o.set|noAnd
		case "delimiter-precedes-et-al", "delimiter-precedes-last":
			switch v {
			case "contextual", "after-inverted-name", "always", "never":
			default:
				r.badValue(n, a.Name.Local, v)
				continue
			}
			if a.Name.Local == "delimiter-precedes-et-al" {
				o.delimPrecEtAl, o.set = v, o.set|noDelimPrecEtAl
			} else {
				o.delimPrecLast, o.set = v, o.set|noDelimPrecLast
			}
		case "et-al-min", "et-al-use-first", "et-al-subsequent-min", "et-al-subsequent-use-first":
			i, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || i < 0 {
				r.badValue(n, a.Name.Local, v)
				continue
			}
			switch a.Name.Local {
			case "et-al-min":
				o.etAlMin, o.set = i, o.set|noEtAlMin
			case "et-al-use-first":
				o.etAlUseFirst, o.set = i, o.set|noEtAlUseFirst
			case "et-al-subsequent-min":
				o.etAlSubMin, o.set = i, o.set|noEtAlSubMin
			default:
				o.etAlSubUseFirst, o.set = i, o.set|noEtAlSubUseFirst
			}
		case "et-al-use-last":
			o.etAlUseLast, o.set = v == "true", o.set|noEtAlUseLast
		case "initialize":
			o.initialize, o.set = v != "false", o.set|noInitialize
		case "initialize-with":
			o.initializeWith, o.set = v, o.set|noInitializeWith
		case "name-as-sort-order":
			if v != "first" && v != "all" {
				r.badValue(n, a.Name.Local, v)
				continue
			}
			o.nameAsSortOrder, o.set = v, o.set|noNameAsSortOrder
		case "sort-separator":
			o.sortSeparator, o.set = v, o.set|noSortSeparator
		case "name-form", "form":
			if (a.Name.Local == "form") != isName {
				continue
			}
			if v != "long" && v != "short" && v != "count" {
				r.badValue(n, a.Name.Local, v)
				continue
			}
			o.form, o.set = v, o.set|noForm
		case "name-delimiter", "delimiter":
			if (a.Name.Local == "delimiter") != isName {
				continue
			}
			o.delimiter, o.set = v, o.set|noDelimiter
		}
	}
	return o
}

func (r *reader) citationEl(n *xnode) *layout {
	s := r.style
	r.attrs(n, append([]string{"disambiguate-add-names", "disambiguate-add-givenname",
		"givenname-disambiguation-rule", "disambiguate-add-year-suffix", "collapse",
		"cite-group-delimiter", "year-suffix-delimiter", "after-collapse-delimiter",
		"near-note-distance", "names-delimiter"}, nameOptAttrs...)...)
	c := &s.cit
	c.givennameRule = "by-cite"
	c.nearNoteDistance = 5
	for _, a := range n.attrs {
		v := a.Value
		switch a.Name.Local {
		case "disambiguate-add-names":
			c.addNames = v == "true"
		case "disambiguate-add-givenname":
			c.addGivenname = v == "true"
		case "givenname-disambiguation-rule":
			switch v {
			case "all-names", "all-names-with-initials", "primary-name", "primary-name-with-initials", "by-cite":
				c.givennameRule = v
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "disambiguate-add-year-suffix":
			c.addYearSuffix = v == "true"
		case "collapse":
			switch v {
			case "citation-number", "year", "year-suffix", "year-suffix-ranged":
				c.collapse = v
			default:
				r.badValue(n, a.Name.Local, v)
			}
		case "cite-group-delimiter":
			c.citeGroupDelim, c.hasCiteGroup = v, true
		case "year-suffix-delimiter":
			c.yearSuffixDelim, c.hasYSDelim = v, true
		case "after-collapse-delimiter":
			c.afterCollapse, c.hasAfterCollapse = v, true
		case "near-note-distance":
			i, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || i < 0 {
				r.badValue(n, a.Name.Local, v)
				continue
			}
			c.nearNoteDistance = i
		}
	}
	return r.layoutParent(n, "citation")
}

func (r *reader) bibliographyEl(n *xnode) *layout {
	s := r.style
	r.attrs(n, append([]string{"hanging-indent", "second-field-align", "line-spacing",
		"entry-spacing", "subsequent-author-substitute", "subsequent-author-substitute-rule",
		"names-delimiter"}, nameOptAttrs...)...)
	b := &s.bibOpts
	b.lineSpacing, b.entrySpacing = 1, 1
	b.subsequentRule = "complete-all"
	for _, a := range n.attrs {
		v := a.Value
		switch a.Name.Local {
		case "hanging-indent":
			b.hangingIndent = v == "true"
		case "second-field-align":
			if v != "flush" && v != "margin" {
				r.badValue(n, a.Name.Local, v)
				continue
			}
			b.secondFieldAlign = v
		case "line-spacing", "entry-spacing":
			i, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || i < 0 {
				r.badValue(n, a.Name.Local, v)
				continue
			}
			if a.Name.Local == "line-spacing" {
				b.lineSpacing = i
			} else {
				b.entrySpacing = i
			}
		case "subsequent-author-substitute":
			b.subsequentSub, b.hasSubsequent = v, true
		case "subsequent-author-substitute-rule":
			switch v {
			case "complete-all", "complete-each", "partial-each", "partial-first":
				b.subsequentRule = v
			default:
				r.badValue(n, a.Name.Local, v)
			}
		}
	}
	return r.layoutParent(n, "bibliography")
}

func (r *reader) layoutParent(n *xnode, what string) *layout {
	var l *layout
	var sortNode *xnode
	for _, k := range n.kids {
		switch k.name {
		case "layout":
			if l != nil {
				// CSL-M allows several localized layouts; the first one
				// without a locale is the standard one.
				r.warnAt(k.off, "csl-duplicate-element", "more than one <layout> in <%s>; the first is used", what)
				continue
			}
			r.attrs(k, append(slices.Clone(formattingAttrs), "locale")...)
			l = &layout{off: k.off, f: r.formatting(k)}
			l.kids = r.elements(k.kids, "layout")
		case "sort":
			sortNode = k
		default:
			r.unknownElement(k, what)
		}
	}
	if l == nil {
		r.errAt(n.off, "csl-missing-element", "<%s> has no <layout>", what)
		l = &layout{off: n.off}
	}
	if sortNode != nil {
		l.sort = r.sortKeys(sortNode)
	}
	l.opts = r.nameOpts(n)
	l.namesD, l.hasND = n.attr("names-delimiter")
	return l
}

func (r *reader) sortKeys(n *xnode) []sortKey {
	r.attrs(n)
	var keys []sortKey
	for _, k := range n.kids {
		if k.name != "key" {
			r.unknownElement(k, "sort")
			continue
		}
		r.attrs(k, "variable", "macro", "sort", "names-min", "names-use-first", "names-use-last")
		var sk sortKey
		if v, ok := k.attr("sort"); ok {
			switch v {
			case "ascending":
			case "descending":
				sk.desc = true
			default:
				r.badValue(k, "sort", v)
			}
		}
		sk.variable, _ = k.attr("variable")
		if m, ok := k.attr("macro"); ok {
			if sk.variable != "" {
				r.warnAt(k.off, "csl-bad-value", "<key> has both variable and macro; the variable is used")
			} else if mac, ok := r.macros[m]; ok {
				sk.macro = mac
			} else {
				r.errAt(attrOffset(r.f, k, "macro"), "csl-missing-macro", "macro %q is not defined", m)
				continue
			}
		} else if sk.variable == "" {
			r.errAt(k.off, "csl-missing-attribute", "<key> needs a variable or a macro")
			continue
		}
		for _, a := range []string{"names-min", "names-use-first"} {
			if v, ok := k.attr(a); ok {
				i, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || i < 0 {
					r.badValue(k, a, v)
					continue
				}
				if a == "names-min" {
					sk.namesMin, sk.hasMin = i, true
				} else {
					sk.namesUse, sk.hasUse = i, true
				}
			}
		}
		if v, ok := k.attr("names-use-last"); ok {
			sk.namesLast, sk.hasLast = v == "true", true
		}
		keys = append(keys, sk)
	}
	return keys
}

// checkMacroCycles reports macros that call themselves, directly or through
// others, and cuts the call so that rendering terminates.
func (r *reader) checkMacroCycles() {
	state := map[*macro]int{} // 1 visiting, 2 done
	var visit func(m *macro)
	var walk func(es []element)
	walk = func(es []element) {
		for _, e := range es {
			switch e := e.(type) {
			case *textEl:
				if e.macro == nil {
					continue
				}
				switch state[e.macro] {
				case 1:
					r.errAt(e.off, "csl-macro-loop", "macro %q calls itself", e.macro.name)
					e.macro = nil
				case 0:
					visit(e.macro)
				}
			case *groupEl:
				walk(e.kids)
			case *chooseEl:
				for _, b := range e.branches {
					walk(b.kids)
				}
			case *namesEl:
				walk(e.substitute)
			}
		}
	}
	visit = func(m *macro) {
		state[m] = 1
		walk(m.kids)
		state[m] = 2
	}
	for _, name := range sortedKeys(r.macros) {
		if state[r.macros[name]] == 0 {
			visit(r.macros[name])
		}
	}
	walk(r.style.citation.kids)
	if r.style.bib != nil {
		walk(r.style.bib.kids)
	}
}

// usesVariable reports whether a layout renders a variable through
// cs:text (directly or in macros).
func usesVariable(es []element, v string, seen map[*macro]bool) bool {
	for _, e := range es {
		switch e := e.(type) {
		case *textEl:
			if e.variable == v {
				return true
			}
			if e.macro != nil && !seen[e.macro] {
				seen[e.macro] = true
				if usesVariable(e.macro.kids, v, seen) {
					return true
				}
			}
		case *groupEl:
			if usesVariable(e.kids, v, seen) {
				return true
			}
		case *chooseEl:
			for _, b := range e.branches {
				if usesVariable(b.kids, v, seen) {
					return true
				}
			}
		case *namesEl:
			if usesVariable(e.substitute, v, seen) {
				return true
			}
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// BibliographyFormat is how a style lays out its reference list; the
// renderers apply it (hanging indents, a margin column for numbers).
type BibliographyFormat struct {
	HangingIndent    bool
	SecondFieldAlign string // "", "flush" or "margin"
	LineSpacing      int    // in lines; 1 is single spacing
	EntrySpacing     int    // blank lines between entries
}

// BibliographyFormat returns the bibliography's layout options.
func (s *Style) BibliographyFormat() BibliographyFormat {
	b := s.bibOpts
	return BibliographyFormat{HangingIndent: b.hangingIndent, SecondFieldAlign: b.secondFieldAlign,
		LineSpacing: b.lineSpacing, EntrySpacing: b.entrySpacing}
}
