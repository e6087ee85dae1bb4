package html

import (
	"testing"

	"github.com/normpress/normpress/build/doc"
)

func TestEditionInSentence(t *testing.T) {
	for _, tc := range []struct {
		lang, edition, want string
	}{
		{"en", "Second edition", "second edition"}, // "no longer in the second edition"
		{"en-GB", "Second edition", "second edition"},
		{"", "Second edition", "second edition"},
		{"de", "Zweite Auflage", "Zweite Auflage"}, // quoted, nouns capitalised
		{"fr", "Deuxième édition", "Deuxième édition"},
	} {
		pub := &doc.Publication{Edition: tc.edition, Terms: &doc.Terms{Lang: tc.lang}}
		if got := editionInSentence(pub); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.lang, tc.edition, got, tc.want)
		}
	}
}
