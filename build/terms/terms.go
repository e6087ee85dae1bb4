// Package terms decides, in the resolve phase, the words each publication
// prints that its text does not (doc.Terms): "Abbildung", "S.", "Inhalt",
// "Rechercher". Renderers read them from the model and never choose a
// word themselves.
//
// A word comes from, first to last: the publication's terms: in the
// manifest, the project's terms:, the CSL locale of the language (for the
// words CSL has: chapter, section, figure, paragraph, page, note, part,
// "edited by", the months), the built-in table of the language (en, fr,
// de, nl, es), and English.
package terms

import (
	"slices"
	"strings"

	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// cslTerm is where CSL keeps a term: its name, form and number.
type cslTerm struct {
	name, form string
	plural     bool
}

// fromCSL are the terms a CSL locale has a word for. "table" is not
// among them: several locales (de, nl, es) leave it in English; nor are
// the quotation marks, which follow the text's smart punctuation
// (build/markdown) rather than CSL's (en-GB's single quotes).
var fromCSL = map[doc.Term]cslTerm{
	doc.TermChapter:   {"chapter", "long", false},
	doc.TermPart:      {"part", "long", false},
	doc.TermSection:   {"section", "long", false},
	doc.TermFigure:    {"figure", "long", false},
	doc.TermParagraph: {"paragraph", "long", false},
	doc.TermPage:      {"page", "short", false},
	doc.TermPages:     {"page", "short", true},
	doc.TermEditedBy:  {"editorial-director", "verb", false},
	doc.TermAnd:       {"and", "long", false},
	doc.Months[0]:     {"month-01", "long", false}, doc.Months[1]: {"month-02", "long", false},
	doc.Months[2]: {"month-03", "long", false}, doc.Months[3]: {"month-04", "long", false},
	doc.Months[4]: {"month-05", "long", false}, doc.Months[5]: {"month-06", "long", false},
	doc.Months[6]: {"month-07", "long", false}, doc.Months[7]: {"month-08", "long", false},
	doc.Months[8]: {"month-09", "long", false}, doc.Months[9]: {"month-10", "long", false},
	doc.Months[10]: {"month-11", "long", false}, doc.Months[11]: {"month-12", "long", false},
}

// ownName are a language's words for a link to its edition and its name
// in itself, for the other languages of the United Nations, in which the
// norms exist, though normpress has no table of their words.
var ownName = map[string]map[doc.Term]string{
	"ar": {doc.TermReadIn: "اقرأ بالعربية", doc.TermLanguageName: "العربية"},
	"ru": {doc.TermReadIn: "Читать на русском языке", doc.TermLanguageName: "Русский"},
	"zh": {doc.TermReadIn: "阅读中文版", doc.TermLanguageName: "中文"},
}

// Override is one entry of a terms: map in the manifest.
type Override struct {
	Key, Value string
	Span       source.Span // the key, for an unknown one
}

// Languages are the languages with a built-in table.
func Languages() []string {
	out := make([]string, 0, len(builtin))
	for l := range builtin {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Builtin is the built-in word of a language ("" when the language has no
// table or no such word).
func Builtin(lang string, k doc.Term) string { return builtin[base(lang)][k] }

func base(lang string) string {
	b, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	return b
}

// For decides the words of a publication in lang. locales may be nil (no
// CSL words). Overrides apply in order, later ones winning: the project's
// then the publication's. An override of an unknown term is an error at
// its key.
func For(lang string, locales *csl.Locales, overrides ...[]Override) (*doc.Terms, source.Diags) {
	t := &doc.Terms{Lang: lang, Words: make(map[doc.Term]string, len(doc.English))}
	table := builtin[base(lang)]
	english := base(lang) == "en"
	for _, k := range doc.AllTerms() {
		w := table[k]
		if c, ok := fromCSL[k]; ok && locales != nil {
			if s, found := locales.Term(lang, c.name, c.form, c.plural); found {
				// A locale that copies the English word has not translated
				// it; the built-in word, where there is one, is better.
				en, _ := locales.Term("en-US", c.name, c.form, c.plural)
				if english || s != en || w == "" {
					w = s
				}
			}
		}
		if w == "" {
			w = ownName[base(lang)][k]
		}
		if w == "" && !english && (k == doc.TermReadIn || k == doc.TermLanguageName) {
			// "Read in English" on a link to a Russian edition would send
			// a Russian reader elsewhere: no word, and the caller names the
			// edition by its title or tag instead.
			t.Words[k] = ""
			continue
		}
		if w == "" {
			w = doc.English[k]
		}
		t.Words[k] = w
	}
	if strings.EqualFold(lang, "en-US") {
		t.Words[doc.TermDate] = "{month} {d}, {y}"
	}
	var ds source.Diags
	known := doc.AllTerms()
	for _, list := range overrides {
		for _, o := range list {
			k := doc.Term(o.Key)
			if _, ok := doc.English[k]; !ok {
				names := make([]string, len(known))
				for i, k := range known {
					names[i] = string(k)
				}
				d := ds.Errorf(o.Span, "unknown-term", "unknown term %q", o.Key)
				if s := source.Suggest(o.Key, names); s != "" {
					d.WithHint("did you mean %q?", s)
				} else {
					d.WithHint("the terms are listed in the README's project format")
				}
				continue
			}
			t.Words[k] = o.Value
		}
	}
	return t, ds
}
