package terms

import (
	"strings"
	"testing"

	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

func TestWords(t *testing.T) {
	locs := csl.NewLocales(nil)
	for _, c := range []struct {
		lang string
		term doc.Term
		want string
	}{
		{"de-DE", doc.TermFigure, "Abbildung"}, // CSL
		{"de", doc.TermPage, "S."},             // CSL, primary dialect
		{"de-CH", doc.TermChapter, "Kapitel"},
		{"de-DE", doc.TermTable, "Tabelle"}, // the locale copies English "table": the built-in word wins
		{"nl-NL", doc.TermTable, "tabel"},
		{"es", doc.TermTable, "tabla"},
		{"fr-FR", doc.TermTable, "tableau"}, // CSL's own
		{"fr", doc.TermEditedBy, "sous la direction de"},
		{"de", doc.TermEditedBy, "herausgegeben von"},
		{"fr", doc.Months[10], "novembre"},
		{"fr", doc.TermSearch, "Rechercher"}, // built-in only
		{"pt-BR", doc.TermFigure, "figura"},  // no table, but CSL has it
		{"pt-BR", doc.TermSearch, "Search"},  // neither: English
		{"xx", doc.TermFigure, "figure"},
		{"", doc.TermContents, "Contents"},
	} {
		tm, ds := For(c.lang, locs)
		if len(ds) > 0 {
			t.Fatal(ds)
		}
		if got := tm.Get(c.term); got != c.want {
			t.Errorf("%s %s: got %q, want %q", c.lang, c.term, got, c.want)
		}
	}
}

// English words do not change: every English term is the built-in table's.
func TestEnglishIsTheTable(t *testing.T) {
	for _, lang := range []string{"en", "en-GB", "en-US"} {
		tm, _ := For(lang, csl.NewLocales(nil))
		for k, w := range doc.English {
			if k == doc.TermDate {
				continue
			}
			if tm.Get(k) != w {
				t.Errorf("%s %s: %q, the table has %q", lang, k, tm.Get(k), w)
			}
		}
	}
}

// Every built-in language has a word for every term, and a different one
// from English for most: a table that copied English would not show.
func TestTablesComplete(t *testing.T) {
	for _, lang := range Languages() {
		same := 0
		for _, k := range doc.AllTerms() {
			w, ok := builtin[lang][k]
			if !ok || strings.TrimSpace(w) == "" {
				t.Errorf("%s has no word for %s", lang, k)
			}
			if w == doc.English[k] {
				same++
			}
		}
		if lang != "en" && same > 8 {
			t.Errorf("%s: %d words are the English ones", lang, same)
		}
	}
}

func TestOverrides(t *testing.T) {
	f := source.NewFile("normpress.yaml", []byte("terms:\n  figure: Schaubild\n  figur: x\n"))
	proj := []Override{{Key: "figure", Value: "Bild", Span: f.LineCol(2, 3)}}
	pub := []Override{{Key: "figure", Value: "Schaubild", Span: f.LineCol(2, 3)}, {Key: "figur", Value: "x", Span: f.LineCol(3, 3)}}
	tm, ds := For("de", csl.NewLocales(nil), proj, pub)
	if got := tm.Get(doc.TermFigure); got != "Schaubild" {
		t.Errorf("figure: %q, want the publication's Schaubild", got)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].String(), `normpress.yaml:3:3: error: unknown term "figur"`) || !strings.Contains(ds[0].Hint, `"figure"`) {
		t.Errorf("diags: %v", ds)
	}
}

func TestDate(t *testing.T) {
	for _, c := range []struct{ lang, iso, want string }{
		{"en-GB", "2026-11-01", "1 November 2026"},
		{"en-US", "2026-11-01", "November 1, 2026"},
		{"fr", "2026-11-01", "1 novembre 2026"},
		{"de", "2026-03-05", "5. März 2026"},
		{"es", "2026-11-01", "1 de noviembre de 2026"},
		{"de", "2026-11", "2026-11"},
	} {
		tm, _ := For(c.lang, csl.NewLocales(nil))
		if got := tm.Date(c.iso); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.lang, c.iso, got, c.want)
		}
	}
}

// TestSizesAndCounts: a download's size is written with the language's
// decimal separator and units, and a count takes its singular or plural.
func TestSizesAndCounts(t *testing.T) {
	locs := csl.NewLocales(nil)
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{"en", 1258291, "1.2 MB"},
		{"en", 348160, "340 KB"},
		{"en", 512, "512 bytes"},
		{"fr", 1258291, "1,2\u00a0Mo"},
		{"fr", 2048, "2\u00a0Ko"},
		{"fr", 512, "512\u00a0octets"},
		{"de", 1258291, "1,2\u00a0MB"},
		{"nl", 1258291, "1,2\u00a0MB"},
		{"nl", 1536, "1,5\u00a0kB"},
		{"es", 1258291, "1,2\u00a0MB"},
	} {
		tm, _ := For(c.lang, locs)
		if got := tm.Size(c.n); got != c.want {
			t.Errorf("%s: Size(%d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := (*doc.Terms)(nil).Size(1258291); got != "1.2 MB" {
		t.Errorf("nil terms: %q", got)
	}
	fr, _ := For("fr", locs)
	en, _ := For("en", locs)
	for _, c := range []struct {
		t    *doc.Terms
		n    int
		want string
	}{
		{fr, 1, "1 ajouté"}, {fr, 0, "0 ajouté"}, {fr, 2, "2 ajoutés"}, {en, 1, "1 added"}, {en, 3, "3 added"},
	} {
		if got := c.t.Count(doc.TermEdCountAdded, c.n); got != c.want {
			t.Errorf("%s Count(%d) = %q, want %q", c.t.Lang, c.n, got, c.want)
		}
	}
}

// TestOwnLanguageWords: the link to an edition and the name of its
// language are in that language; a language normpress has no such words
// for gets none (the caller uses the title or the tag), never English.
func TestOwnLanguageWords(t *testing.T) {
	locs := csl.NewLocales(nil)
	for _, c := range []struct{ lang, read, name string }{
		{"en-GB", "Read in English", "English"},
		{"fr-FR", "Lire en français", "Français"},
		{"de", "Auf Deutsch lesen", "Deutsch"},
		{"nl", "Lees in het Nederlands", "Nederlands"},
		{"es", "Leer en español", "Español"},
		{"ru", "Читать на русском языке", "Русский"},
		{"pt-BR", "", ""},
	} {
		tm, _ := For(c.lang, locs)
		if got := tm.Get(doc.TermReadIn); got != c.read {
			t.Errorf("%s read-in-language: %q, want %q", c.lang, got, c.read)
		}
		if got := tm.Get(doc.TermLanguageName); got != c.name {
			t.Errorf("%s language-name: %q, want %q", c.lang, got, c.name)
		}
	}
}
