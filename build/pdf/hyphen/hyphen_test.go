package hyphen

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/speedata/hyphenation"

	"github.com/normpress/normpress/build/internal/tooltest"
)

func show(word string, pts []int) string {
	var b strings.Builder
	i := 0
	for _, r := range word {
		if slices.Contains(pts, i) {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

func TestPoints(t *testing.T) {
	for _, tc := range []struct{ lang, word, want string }{
		{"en-GB", "international", "in-ter-na-tional"},
		{"en-US", "international", "in-ter-na-tional"},
		{"en-GB", "responsibility", "re-spons-ib-il-ity"},
		{"en-US", "responsibility", "re-spon-si-bil-ity"},
		{"en-US", "infrastructure", "in-fra-struc-ture"},
		{"en-GB", "however", "how-ever"},            // an exception
		{"en-US", "table", "ta-ble"},                // an exception, min 2/3 still holds
		{"en-GB", "Governmental", "Gov-ern-mental"}, // capitalised
		{"en-GB", "cyber", "cy-ber"},                // 2 before, 3 after
		{"en-GB", "ICTs", "ICTs"},                   // too short
		{"de", "Verhältnismäßigkeit", "Ver-hält-nis-mä-ßig-keit"},
		{"fr", "responsabilité", "res-pon-sa-bi-lité"},
	} {
		t.Run(tc.lang+"/"+tc.word, func(t *testing.T) {
			p := Lang(tc.lang)
			if p == nil {
				t.Fatalf("no patterns for %s", tc.lang)
			}
			if got := show(tc.word, p.Points(tc.word, 2, 3)); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	if Lang("ja") != nil || Lang("pt") != nil {
		t.Error("languages without embedded patterns must give nil")
	}
}

// TestDutchAndSpanish checks breaks whose correctness the patterns'
// sources establish, at the margins the PDF engine uses (2 before, 3
// after). Dutch: the exceptions file's own words; the header of
// hyph-nl.tex, which names breaks the patterns must not make (a one-letter
// syllable at a word's edge: a-drenaline, studi-o, vide-oachtig; mensa-pen
// for mens-apen; menu-tje in a changing syllable; buurtje, whose break
// depends on its meaning, not at all); and words as the Woordenlijst
// Nederlandse Taal divides them. Spanish: cons-trucción and des-truir are
// the examples of the package's division.pdf; the rest follow the RAE's
// syllable rules (a consonant between vowels opens the next syllable, ll
// and rr are never split).
func TestDutchAndSpanish(t *testing.T) {
	for _, tc := range []struct{ lang, word, want string }{
		{"nl", "aandachtstrekker", "aan-dachts-trek-ker"}, // exceptions file
		{"nl", "beschermengel", "be-scherm-en-gel"},       // exceptions file
		{"nl", "bestuurslagen", "be-stuurs-la-gen"},       // exceptions file
		{"nl", "adrenaline", "adre-na-line"},
		{"nl", "studio", "stu-dio"},
		{"nl", "videoachtig", "vi-deoach-tig"},
		{"nl", "mensapen", "mens-apen"},
		{"nl", "menuutje", "me-nuutje"},
		{"nl", "buurtje", "buurtje"},
		{"nl", "verantwoordelijkheid", "ver-ant-woor-de-lijk-heid"},
		{"nl", "internationaal", "in-ter-na-ti-o-naal"},
		{"nl", "samenwerking", "sa-men-wer-king"},
		{"nl", "kwetsbaarheden", "kwets-baar-he-den"},
		{"nl-BE", "samenwerking", "sa-men-wer-king"},
		{"es", "construcción", "cons-truc-ción"},
		{"es", "destruir", "des-truir"},
		{"es", "responsabilidad", "res-pon-sa-bi-li-dad"},
		{"es", "internacional", "in-ter-na-cio-nal"},
		{"es", "ciberseguridad", "ci-ber-se-gu-ri-dad"},
		{"es", "desarrollo", "de-sa-rro-llo"},
		{"es", "vulnerabilidades", "vul-ne-ra-bi-li-da-des"},
		{"es-MX", "Estados", "Es-ta-dos"},
	} {
		t.Run(tc.lang+"/"+tc.word, func(t *testing.T) {
			p := Lang(tc.lang)
			if p == nil {
				t.Fatalf("no patterns for %s", tc.lang)
			}
			if got := show(tc.word, p.Points(tc.word, 2, 3)); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestAgreesWithSpeedata checks the algorithm against an independent
// implementation over every word of the reference texts (exceptions aside,
// which speedata does not read).
func TestAgreesWithSpeedata(t *testing.T) {
	var text []byte
	for _, f := range []string{"literature.md", "norms-2015.md"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "reference", f))
		if err != nil {
			tooltest.Missing(t, "the shared reference texts", err.Error())
			return
		}
		text = append(text, b...)
	}
	pat, _ := patternFiles.ReadFile("patterns/hyph-en-gb.pat.txt")
	oracle, err := hyphenation.New(strings.NewReader(string(pat)))
	if err != nil {
		t.Fatal(err)
	}
	ours := Parse(string(pat), "")
	seen := map[string]bool{}
	n := 0
	for _, w := range regexp.MustCompile(`\p{L}+`).FindAllString(string(text), -1) {
		if seen[w] || utf8.RuneCountInString(w) < 5 {
			continue
		}
		seen[w] = true
		n++
		// speedata applies its margins one rune off ours; filter them here.
		var want []int
		for _, p := range oracle.Hyphenate(w) {
			if p >= 2 && utf8.RuneCountInString(w)-p >= 3 {
				want = append(want, p)
			}
		}
		got := ours.Points(w, 2, 3)
		gs, ws := show(w, got), show(w, want)
		if gs != ws {
			t.Errorf("%s: got %s, speedata %s", w, gs, ws)
		}
	}
	t.Logf("%d distinct words compared", n)
}

func BenchmarkPoints(b *testing.B) {
	p := Lang("en-GB")
	words := strings.Fields("the international responsibility of States for internationally wrongful acts using information and communications technologies infrastructure cooperation")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.Points(words[i%len(words)], 2, 3)
	}
}
