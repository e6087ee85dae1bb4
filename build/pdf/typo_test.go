package pdf

import (
	"testing"

	"github.com/normpress/normpress/build/doc"
	lb "github.com/normpress/normpress/build/pdf/linebreak"
)

// problemRules runs the layout of pub with opts (and geometry g when not
// nil) and returns the rules its report finds broken.
func problemRules(t *testing.T, pub *doc.Publication, opts Options, g *geometry) map[string]bool {
	t.Helper()
	e := newEngine(pub, opts, newFontSet(pub.Options.Fonts, nil))
	if g != nil {
		e.g = *g
	}
	pages := e.paginate(e.galley())
	labels, _ := folios(pages)
	rep := typography(pages, labels)
	t.Logf("%s", rep)
	out := map[string]bool{}
	for _, p := range rep.Problems() {
		out[p.Rule] = true
	}
	return out
}

// TestTypographyCatchesBadSettings: the report fails a layout set badly
// on purpose, for each rule it holds.
func TestTypographyCatchesBadSettings(t *testing.T) {
	// The benchmark book with the rules on is clean of hyphenation faults.
	long := func() *doc.Publication { return longPub(60) }
	for _, r := range []string{"hyphen-run", "page-end", "stub"} {
		if problemRules(t, long(), Options{}, nil)[r] {
			t.Errorf("the rules on: the report finds %s", r)
		}
	}
	// Without them: hyphens at the page foot, three in a row, last words
	// broken.
	got := problemRules(t, long(), Options{noHyphenRules: true}, nil)
	for _, r := range []string{"hyphen-run", "page-end"} {
		if !got[r] {
			t.Errorf("the hyphenation rules off: the report does not find %s", r)
		}
	}
	// A4 as it was (11 pt across 147 mm: about 93 characters a line).
	a4 := pageGeometry("a4")
	old := a4
	old.body, old.lead, old.inner, old.outer = 11, 14, 25*mm, 38*mm
	old.textW = old.pageW - old.inner - old.outer
	if !problemRules(t, long(), Options{}, &old)["measure"] {
		t.Error("A4 at 11 pt across 147 mm: the report does not find the measure too long")
	}
	if problemRules(t, long(), Options{}, &a4)["measure"] {
		t.Error("A4 as set now: the report finds the measure wrong")
	}
	// A narrow measure: loose lines and wide spaces.
	narrow := pageGeometry("royal")
	narrow.textW = 110
	got = problemRules(t, long(), Options{}, &narrow)
	for _, r := range []string{"loose", "space", "measure"} {
		if !got[r] {
			t.Errorf("a 110 pt measure: the report does not find %s", r)
		}
	}
	// A paragraph whose last line is a hyphenated word's tail.
	line := func(hyph bool, st lineStat) *vitem {
		st.set = true
		return &vitem{hyph: hyph, stat: st, ops: []op{{kind: opText, s: "word"}}}
	}
	stub := []page{{kind: pageText, items: []placed{{it: line(false, lineStat{just: true})}, {it: line(true, lineStat{just: true})}, {it: line(false, lineStat{last: true, alone: true})}}}}
	if rep := typography(stub, []string{"1"}); len(rep.Stubs) != 1 {
		t.Errorf("a paragraph ending with a word's tail: stubs %v", rep.Stubs)
	}
	// A blank page that is not before a recto opening.
	pages := []page{{kind: pageText, opening: true}, {kind: pageBlank}, {kind: pageText}}
	if rep := typography(pages, []string{"1", "2", "3"}); len(rep.Unjustified) != 1 {
		t.Errorf("a blank page before a running page: unjustified %v", rep.Unjustified)
	}
	pages = []page{{kind: pageText, opening: true}, {kind: pageBlank}, {kind: pageText, opening: true}}
	if rep := typography(pages, []string{"1", "2", "3"}); len(rep.Unjustified) != 0 {
		t.Errorf("a blank verso before a recto opening: unjustified %v", rep.Unjustified)
	}
}

// TestLastWordNotHyphenated: a paragraph's last word's hyphenation points
// cost more than any line a reader would accept, so its last line is not
// a word's tail unless nothing else fits.
func TestLastWordNotHyphenated(t *testing.T) {
	pub := samplePub()
	for _, rules := range []bool{true, false} {
		e := newEngine(pub, Options{noHyphenRules: !rules}, newFontSet(pub.Options.Fonts, nil))
		e.chapter = &doc.Chapter{ID: "x"}
		e.setLang("en-GB")
		st := tstyle{fam: famSerif, size: e.g.body}
		p := e.newPara(st)
		p.text("The principle of responsibility applies internationalisation", st)
		p.finish()
		open := 0
		// The last three items are TeX's \penalty10000, \parfillskip and
		// the forced break.
		for i := len(p.items) - 4; i >= 0 && p.items[i].Kind != lb.Glue; i-- {
			if it := p.items[i]; it.Kind == lb.Penalty && it.Flagged && it.Penalty < lastWordPenalty {
				open++
			}
		}
		if rules && open > 0 {
			t.Errorf("the last word keeps %d hyphenation points", open)
		}
		if !rules && open == 0 {
			t.Error("without the rule the last word has no hyphenation point: the test proves nothing")
		}
	}
}
