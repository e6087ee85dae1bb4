package csl

import (
	"sort"
	"strings"
)

// locatorLabels are CSL 1.0.2's locator types (Appendix II, with the
// errata): the terms a citation's locator can be labelled with.
var locatorLabels = []string{
	"act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
	"equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part",
	"rule", "scene", "section", "sub-verbo", "supplement", "table", "timestamp", "title-locator",
	"verse", "version", "volume",
}

// legalLocators are the pinpoint labels legal writing uses in a language
// that its CSL locale does not spell: the German margin number
// ("Rn. 5", "Rdnr."), French "par." and "al." (alinéa) for paragraphs.
var legalLocators = map[string]map[string]string{
	"de": {"Rn.": "paragraph", "Rdnr.": "paragraph", "Randnr.": "paragraph", "Rz.": "paragraph"},
	"fr": {"par.": "paragraph", "al.": "paragraph"},
	"nl": {"rnr.": "paragraph", "r.o.": "paragraph"},
	"es": {"párr.": "paragraph", "pág.": "page", "págs.": "page"},
}

// LocatorTerm is a word that labels a citation's locator in some
// language ("S.", "Seite", "Abs.") and the CSL locator type it stands for.
type LocatorTerm struct{ Term, Label string }

// LocatorTerms returns the locator labels of a language, so that a
// citation written in it ("[@key, S. 12]", "[@key, par. 4]") is read as
// one with a locator: every form (long, short, symbol; singular and
// plural) of each locator term of the language's locale (a user's file
// first, then the built-in one, then the primary dialect's), and the
// legal pinpoint labels the locale lacks. English is not added: the
// Markdown reader knows it already. Terms are longest first. The list is
// shared: the caller must not change it.
func (l *Locales) LocatorTerms(lang string) []LocatorTerm {
	return memo(l, &l.locators, lang, func() []LocatorTerm { return l.locatorTerms(lang) })
}

func (l *Locales) locatorTerms(lang string) []LocatorTerm {
	lang = l.normalizeLang(lang)
	base := strings.Split(lang, "-")[0]
	var chain []*Locale
	add := func(loc *Locale) {
		if loc != nil {
			chain = append(chain, loc)
		}
	}
	add(l.userFile(lang))
	add(l.file(lang))
	if p, ok := l.primary[base]; ok && p != lang {
		add(l.userFile(p))
		add(l.file(p))
	}
	seen := map[string]bool{}
	var out []LocatorTerm
	put := func(term, label string) {
		term = strings.TrimSpace(strings.ReplaceAll(term, "\u00a0", " "))
		if term == "" || seen[strings.ToLower(term)] {
			return
		}
		seen[strings.ToLower(term)] = true
		out = append(out, LocatorTerm{term, label})
	}
	if base != "en" {
		for _, label := range locatorLabels {
			for _, form := range []termForm{formLong, formShort, formSymbol} {
				for _, loc := range chain {
					ts := loc.terms[termKey{label, form}]
					if len(ts) == 0 {
						continue
					}
					for _, t := range ts {
						put(t.single, label)
						put(t.multiple, label)
					}
					break // the first file that has the form decides it
				}
			}
		}
	}
	legal := legalLocators[base]
	keys := make([]string, 0, len(legal))
	for k := range legal {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		put(k, legal[k])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := len([]rune(out[i].Term)), len([]rune(out[j].Term)); a != b {
			return a > b
		}
		return out[i].Term < out[j].Term
	})
	return out
}
