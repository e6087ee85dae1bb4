package hyphen

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
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

var benchWords = strings.Fields("the international responsibility of States for internationally wrongful acts using information and communications technologies infrastructure cooperation")

// BenchmarkPoints is a word met again, as most words of a book are: the
// memo answers.
func BenchmarkPoints(b *testing.B) {
	p := Lang("en-GB")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.Points(benchWords[i%len(benchWords)], 2, 3)
	}
}

// BenchmarkPointsFirst is a word met for the first time: the patterns
// are applied.
func BenchmarkPointsFirst(b *testing.B) {
	p := Lang("en-GB")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.points(benchWords[i%len(benchWords)], 2, 3)
	}
}

// TestMemo: a word's points are the same from the memo as found afresh,
// for any minima, and the memo stops growing at its bound.
func TestMemo(t *testing.T) {
	pat, _ := patternFiles.ReadFile("patterns/hyph-en-gb.pat.txt")
	p := Parse(string(pat), "")
	for _, w := range benchWords {
		for _, m := range [][2]int{{2, 3}, {1, 1}, {3, 3}} {
			first := slices.Clone(p.Points(w, m[0], m[1]))
			if again := p.Points(w, m[0], m[1]); !slices.Equal(first, again) || !slices.Equal(first, p.points(w, m[0], m[1])) {
				t.Errorf("%s %v: %v, then %v", w, m, first, again)
			}
		}
	}
	p.memoSize.Store(memoMax)
	p.Points("unmemoised", 2, 3)
	if _, ok := p.memo.Load(memoKey{"unmemoised", 2, 3}); ok {
		t.Error("the memo grew past its bound")
	}
}

// knownBreaks reads a list of words with their correct breaks marked
// ("acad-e-my"), as the patterns' exception lists write them.
func knownBreaks(list string) map[string][]int {
	out := map[string][]int{}
	for _, f := range fields(list) {
		var word strings.Builder
		var pos []int
		n := 0
		for _, r := range f {
			if r == '-' {
				pos = append(pos, n)
				continue
			}
			word.WriteRune(r)
			n++
		}
		out[word.String()] = pos
	}
	return out
}

// checkBreaks hyphenates every word of a list whose breaks are known and
// wants exactly those breaks that leave two letters before and three after
// (the engine's minima, which both English pattern files ask for): as
// written, in capitals at its start (a sentence's first word) and all in
// capitals. It returns the number of words checked.
func checkBreaks(t *testing.T, lang string, known map[string][]int) int {
	t.Helper()
	p := Lang(lang)
	for _, w := range slices.Sorted(maps.Keys(known)) {
		n := utf8.RuneCountInString(w)
		var want []int
		for _, x := range known[w] {
			if x >= 2 && n-x >= 3 {
				want = append(want, x)
			}
		}
		r, size := utf8.DecodeRuneInString(w)
		for _, form := range []string{w, string(unicode.ToUpper(r)) + w[size:], strings.ToUpper(w)} {
			if got := p.Points(form, 2, 3); !slices.Equal(got, want) {
				t.Errorf("%s %s: got %s, want %s", lang, form, show(form, got), show(form, want))
			}
		}
	}
	return len(known)
}

// TestUSExceptionLog: American English against TUGboat's hyphenation
// exception log (ushyphex.tex of TeX Live's hyphenex package, shipped
// unmodified in patterns/ with its notice): 1,300 words the patterns
// alone divide wrongly, each with its correct breaks, and the patterns'
// own exceptions. Every one must come out as the list divides it.
func TestUSExceptionLog(t *testing.T) {
	tex, err := patternFiles.ReadFile("patterns/ushyphex.tex")
	if err != nil {
		t.Fatal(err)
	}
	log := knownBreaks(TeXExceptions(string(tex)))
	if len(log) < 1200 {
		t.Fatalf("ushyphex.tex gave %d words; its \\hyphenation list has over 1,300", len(log))
	}
	n := checkBreaks(t, "en-US", log)
	hyp, _ := patternFiles.ReadFile("patterns/hyph-en-us.hyp.txt")
	own := knownBreaks(string(hyp))
	for w := range own {
		if _, ok := log[w]; ok {
			delete(own, w) // the log's division wins, as it is loaded last
		}
	}
	n += checkBreaks(t, "en-US", own)
	t.Logf("%d American words checked", n)

	// Without the log, the patterns get most of these wrong: the test
	// measures the exceptions, not luck.
	pat, _ := patternFiles.ReadFile("patterns/hyph-en-us.pat.txt")
	bare := Parse(string(pat), string(hyp))
	wrong := 0
	for w, pos := range log {
		nr := utf8.RuneCountInString(w)
		var want []int
		for _, x := range pos {
			if x >= 2 && nr-x >= 3 {
				want = append(want, x)
			}
		}
		if !slices.Equal(bare.Points(w, 2, 3), want) {
			wrong++
		}
	}
	if wrong < len(log)/2 {
		t.Errorf("the patterns alone divide %d of %d logged words wrongly; the log is meant to correct them", wrong, len(log))
	}
	t.Logf("the patterns alone divide %d of %d logged words differently", wrong, len(log))
}

// TestBritishExceptions: British English against the exceptions its
// pattern file (hyph-en-gb.tex, Wujastyk and Toal, from Oxford University
// Press's word list) ends with: the only divisions its sources publish,
// since the 114,925 words the patterns were made from may not be
// redistributed.
func TestBritishExceptions(t *testing.T) {
	hyp, _ := patternFiles.ReadFile("patterns/hyph-en-gb.hyp.txt")
	known := knownBreaks(string(hyp))
	if len(known) < 8 {
		t.Fatalf("hyph-en-gb.hyp.txt gave %d words", len(known))
	}
	checkBreaks(t, "en-GB", known)
	checkBreaks(t, "en-AU", known)
}
