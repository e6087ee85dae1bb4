package pipeline

import (
	"testing"

	"github.com/normpress/normpress/build/bib"
)

func TestDeriveShortTitle(t *testing.T) {
	for _, tc := range []struct{ title, short, want string }{
		{"Unilateral Remedies to Cyber Operations: Self-Defence, Countermeasures", "", "Unilateral Remedies to Cyber Operations"},
		{"Tallinn Manual 2.0", "", ""},
		{"A: B", "Given", "Given"},
		{"<span class=\"nocase\">GGE: the</span> end", "", ""},
		{"The <i>Tallinn Manual</i>: A Reply", "", "The <i>Tallinn Manual</i>"},
	} {
		it := &bib.Item{Fields: map[string]string{"title": tc.title}}
		if tc.short != "" {
			it.Fields["title-short"] = tc.short
		}
		deriveShortTitle(it)
		if got := it.Fields["title-short"]; got != tc.want && !(tc.want == "" && got == "") {
			t.Errorf("%q: short title %q, want %q", tc.title, got, tc.want)
		}
	}
}
