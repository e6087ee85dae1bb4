package pdf

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/pdf/hyphen"
)

// Words in a span in another language ([…]{lang=de}) break with that
// language's patterns, and words in a language without patterns do not
// break at all; the span is a structure element with its /Lang.
func TestSpanLanguageHyphenation(t *testing.T) {
	german := []string{"Rechtsverbindlichkeit", "Sorgfaltspflichten", "Staatenverantwortlichkeit",
		"Informationssicherheit", "Zusammenarbeit", "Verhältnismäßigkeit", "Menschenrechtsverletzungen",
		"Infrastrukturbetreiber", "Souveränitätsverletzung", "Benachrichtigungspflicht"}
	para := func(lang string) *doc.Publication {
		var words []string
		for i := range 120 {
			words = append(words, german[i%len(german)])
		}
		pub := samplePub()
		pub.Parts = nil
		ch := pub.Chapters[0]
		ch.Abstract, ch.Norm, ch.Notes = nil, nil, nil
		ch.Blocks = []doc.Block{&doc.Para{Inlines: []doc.Inline{
			&doc.Text{Value: "Before "},
			&doc.Styled{Attr: doc.Attr{KV: [][2]string{{"lang", lang}}}, Inlines: []doc.Inline{&doc.Text{Value: strings.Join(words, " ")}}},
			&doc.Text{Value: " after."},
		}}}
		pub.Chapters = pub.Chapters[:1]
		return pub
	}
	// splits are the word fragments set before a line-end hyphen.
	splits := func(pub *doc.Publication) (out []string, e *engine) {
		e = newEngine(pub, Options{}, newFontSet(doc.Fonts{}, nil))
		for _, it := range e.galley() {
			for k, o := range it.ops {
				if o.kind == opText && o.hyph && k > 0 {
					f := strings.Fields(it.ops[k-1].s)
					if len(f) > 0 {
						// Set text carries ligatures: read them as letters.
						lig := strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl")
						out = append(out, lig.Replace(strings.TrimSuffix(f[len(f)-1], "-")))
					}
				}
			}
		}
		return out, e
	}
	de := hyphen.Lang("de")
	if de == nil {
		t.Fatal("no German patterns")
	}
	got, e := splits(para("de"))
	if len(got) < 5 {
		t.Fatalf("only %d hyphenated line ends in a German paragraph of 120 long words: %q", len(got), got)
	}
	for _, frag := range got {
		ok := false
		for _, w := range german {
			if strings.HasPrefix(w, frag) && slices.Contains(de.Points(w, 2, 3), utf8.RuneCountInString(frag)) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q- is not a German break point of any of the words", frag)
		}
	}
	found := false
	for i := range e.tags.elems {
		if el := e.tags.elems[i]; el.role == "Span" && el.lang == "de" {
			found = true
		}
	}
	if !found {
		t.Error("no Span structure element with /Lang de")
	}
	if hyphen.Lang("la") != nil {
		t.Fatal("the test needs a language without patterns")
	}
	if got, _ := splits(para("la")); len(got) > 0 {
		t.Errorf("a language without patterns is hyphenated: %q", got)
	}
}
