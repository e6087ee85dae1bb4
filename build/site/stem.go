package site

import (
	"strings"

	"github.com/kljensen/snowball"
)

// snowballLang names the Snowball stemmer for a BCP 47 language tag, or
// "" when github.com/kljensen/snowball has none for it.
func snowballLang(tag string) string {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	switch primary {
	case "en":
		return "english"
	case "fr":
		return "french"
	case "es":
		return "spanish"
	case "ru":
		return "russian"
	case "sv":
		return "swedish"
	case "no", "nb", "nn":
		return "norwegian"
	case "hu":
		return "hungarian"
	}
	return ""
}

// Stemmer returns the Snowball stemmer of a publication's language, so
// that a search for "obligation" finds "obligations" and "due diligence"
// finds "duly diligent"… within reason. Languages without a Snowball
// stemmer in the module are matched by their folded word forms. Stop
// words are stemmed too: a search for "the" should still find it.
func Stemmer(lang string) func(string) string {
	l := snowballLang(lang)
	if l == "" {
		return func(s string) string { return s }
	}
	return func(s string) string {
		st, err := snowball.Stem(s, l, true)
		if err != nil || st == "" {
			return s
		}
		return st
	}
}
