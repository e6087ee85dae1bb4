package csl

import (
	"strings"

	"github.com/normpress/normpress/build/source"
)

type termForm uint8

const (
	formLong termForm = iota
	formShort
	formVerb
	formVerbShort
	formSymbol
)

func parseTermForm(s string) (termForm, bool) {
	switch s {
	case "", "long":
		return formLong, true
	case "short":
		return formShort, true
	case "verb":
		return formVerb, true
	case "verb-short":
		return formVerbShort, true
	case "symbol":
		return formSymbol, true
	}
	return formLong, false
}

// fallback is the next form to try when a term lacks this one (spec:
// verb-short → verb → long, symbol → short → long).
func (f termForm) fallback() (termForm, bool) {
	switch f {
	case formVerbShort:
		return formVerb, true
	case formSymbol:
		return formShort, true
	case formVerb, formShort:
		return formLong, true
	}
	return formLong, false
}

type term struct {
	single, multiple string
	gender           string // of a noun term (months, locators): "masculine" or "feminine"
	genderForm       string // of an ordinal term
	match            string // of an ordinal term
}

type termKey struct {
	name string
	form termForm
}

// Locale is one set of localization data: a locale file or a cs:locale
// element in a style.
type Locale struct {
	Lang         string
	terms        map[termKey][]*term
	dates        map[string]*dateEl // "text", "numeric"
	punctInQuote int8               // 0 unset, 1 true, -1 false
	limitDayOrd  int8
	hasOrdinals  bool
}

func isOrdinalTerm(name string) bool {
	return name == "ordinal" || (strings.HasPrefix(name, "ordinal-") && len(name) == 10)
}

// ParseLocale reads a CSL locale file.
func ParseLocale(f *source.File) (*Locale, source.Diags) {
	var ds source.Diags
	root := parseXML(f, &ds)
	if root == nil {
		if !ds.HasErrors() {
			ds.Errorf(f.At(0), "csl-xml", "empty locale file")
		}
		return nil, ds
	}
	if root.name != "locale" {
		ds.Errorf(f.At(root.off), "csl-not-locale", "root element is <%s>, not <locale>", root.name)
		return nil, ds
	}
	r := &reader{f: f, ds: &ds}
	return r.locale(root), ds
}

func (r *reader) locale(n *xnode) *Locale {
	loc := &Locale{terms: map[termKey][]*term{}, dates: map[string]*dateEl{}}
	r.attrs(n, "lang", "version")
	loc.Lang, _ = n.attr("lang")
	for _, k := range n.kids {
		switch k.name {
		case "info":
		case "style-options":
			r.attrs(k, "punctuation-in-quote", "limit-day-ordinals-to-day-1", "limit-ordinals-to-day-1")
			if v, ok := k.attr("punctuation-in-quote"); ok {
				loc.punctInQuote = boolFlag(v)
			}
			if v, ok := k.attr("limit-day-ordinals-to-day-1"); ok {
				loc.limitDayOrd = boolFlag(v)
			}
		case "date":
			d := r.date(k, true)
			form := d.form
			if form != "text" && form != "numeric" {
				r.errAt(k.off, "csl-bad-value", "a locale's <date> needs form=\"text\" or form=\"numeric\"")
				continue
			}
			loc.dates[form] = d
		case "terms":
			for _, t := range k.kids {
				if t.name != "term" {
					r.unknownElement(t, "terms")
					continue
				}
				r.attrs(t, "name", "form", "gender", "gender-form", "match")
				name, _ := t.attr("name")
				if name == "" {
					r.errAt(t.off, "csl-missing-attribute", "<term> needs a name")
					continue
				}
				fs, _ := t.attr("form")
				form, ok := parseTermForm(fs)
				if !ok {
					r.badValue(t, "form", fs)
				}
				tm := &term{}
				tm.gender, _ = t.attr("gender")
				tm.genderForm, _ = t.attr("gender-form")
				tm.match, _ = t.attr("match")
				var single, multiple *xnode
				for _, c := range t.kids {
					switch c.name {
					case "single":
						single = c
					case "multiple":
						multiple = c
					default:
						r.unknownElement(c, "term")
					}
				}
				if single != nil || multiple != nil {
					if single != nil {
						tm.single = single.text.String()
					}
					if multiple != nil {
						tm.multiple = multiple.text.String()
					} else {
						tm.multiple = tm.single
					}
					if single == nil {
						tm.single = tm.multiple
					}
				} else {
					tm.single = t.text.String()
					tm.multiple = tm.single
				}
				// A term of nothing but line breaks and indentation is empty.
				if strings.TrimSpace(tm.single) == "" {
					tm.single = ""
				}
				if strings.TrimSpace(tm.multiple) == "" {
					tm.multiple = ""
				}
				key := termKey{name, form}
				if isOrdinalTerm(name) {
					loc.hasOrdinals = true
				}
				// A later definition of the same term and gender form replaces
				// an earlier one.
				list := loc.terms[key]
				replaced := false
				for i, old := range list {
					if old.genderForm == tm.genderForm && old.match == tm.match {
						list[i] = tm
						replaced = true
					}
				}
				if !replaced {
					list = append(list, tm)
				}
				loc.terms[key] = list
			}
		default:
			r.unknownElement(k, "locale")
		}
	}
	return loc
}

func boolFlag(v string) int8 {
	if v == "true" {
		return 1
	}
	return -1
}

// locale is the merged localization a processor renders with: a chain of
// sources in decreasing priority (in-style locales, then locale files),
// flattened once so that lookups are map reads.
type locale struct {
	lang         string
	terms        map[termKey][]*term
	dates        map[string]*dateEl
	punctInQuote bool
	limitDayOrd  bool
}

func mergeLocales(chain []*Locale) *locale {
	m := &locale{terms: map[termKey][]*term{}, dates: map[string]*dateEl{}}
	if len(chain) > 0 {
		for _, l := range chain {
			if l != nil && l.Lang != "" {
				m.lang = l.Lang
				break
			}
		}
	}
	// Ordinals come as a set from the most important source that defines
	// any (spec: redefining any ordinal term replaces all of them).
	var ordSource *Locale
	for _, l := range chain {
		if l != nil && l.hasOrdinals {
			ordSource = l
			break
		}
	}
	var pq, ld int8
	for i := len(chain) - 1; i >= 0; i-- {
		l := chain[i]
		if l == nil {
			continue
		}
		for k, v := range l.terms {
			if isOrdinalTerm(k.name) && l != ordSource {
				continue
			}
			m.terms[k] = v
		}
		for k, v := range l.dates {
			m.dates[k] = v
		}
		if l.punctInQuote != 0 {
			pq = l.punctInQuote
		}
		if l.limitDayOrd != 0 {
			ld = l.limitDayOrd
		}
	}
	m.punctInQuote = pq == 1
	m.limitDayOrd = ld == 1
	return m
}

// term looks a term up with form fallback. found is false when no form of
// the term exists (an empty term is found).
func (l *locale) term(name string, form termForm, plural bool) (string, bool) {
	t := l.termEntry(name, form, "")
	if t == nil {
		return "", false
	}
	if plural {
		return t.multiple, true
	}
	return t.single, true
}

func (l *locale) termEntry(name string, form termForm, genderForm string) *term {
	for {
		if list, ok := l.terms[termKey{name, form}]; ok && len(list) > 0 {
			var neuter *term
			for _, t := range list {
				if t.genderForm == genderForm {
					return t
				}
				if t.genderForm == "" && neuter == nil {
					neuter = t
				}
			}
			if neuter != nil {
				return neuter
			}
			return list[0]
		}
		next, ok := form.fallback()
		if !ok {
			return nil
		}
		form = next
	}
}

// gender is the grammatical gender of a noun term ("edition", "month-03").
func (l *locale) gender(name string) string {
	if list := l.terms[termKey{name, formLong}]; len(list) > 0 {
		return list[0].gender
	}
	return ""
}
