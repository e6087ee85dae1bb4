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
	if Lang("ja") != nil || Lang("nl") != nil {
		t.Error("languages without embedded patterns must give nil")
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
