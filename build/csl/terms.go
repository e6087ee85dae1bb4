package csl

import "strings"

// Term is a term of a language's own locale files, for the words a
// publication prints outside its citations ("Abbildung", "S.", "Kapitel"):
// a user's locale file first, then the built-in one, then those of the
// language's primary dialect. form is "long", "short", "verb",
// "verb-short" or "symbol", with the spec's form fallback. Unlike the
// citation processor, it never falls back to en-US: found is false when
// the language has no locale file with the term, so that the caller can
// use a word of its own rather than an English one.
func (l *Locales) Term(lang, name, form string, plural bool) (string, bool) {
	f, ok := parseTermForm(form)
	if !ok {
		return "", false
	}
	m := memo(l, &l.termLocs, lang, func() *locale { return l.ownChain(lang) })
	if m == nil {
		return "", false
	}
	s, found := m.term(name, f, plural)
	if !found || strings.TrimSpace(s) == "" {
		return "", false
	}
	return s, true
}

// ownChain merges the locale files of a language and its primary
// dialect, without en-US; nil when there are none.
func (l *Locales) ownChain(lang string) *locale {
	lang = l.normalizeLang(lang)
	base := strings.Split(lang, "-")[0]
	chain := []*Locale{l.userFile(lang), l.file(lang)}
	if p, ok := l.primary[base]; ok && p != lang {
		chain = append(chain, l.userFile(p), l.file(p))
	}
	var files []*Locale
	for _, loc := range chain {
		if loc != nil {
			files = append(files, loc)
		}
	}
	if len(files) == 0 {
		return nil
	}
	return mergeLocales(files)
}
