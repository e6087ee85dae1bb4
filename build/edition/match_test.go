package edition

import (
	"github.com/normpress/normpress/build/doc"
	"strings"
	"testing"
)

// Paragraphs in the manner of the commentary, long enough to have a voice.
var base = []string{
	"The norm asks States not to knowingly allow their territory to be used for internationally wrongful acts using ICTs. It is phrased as a voluntary commitment and does not purport to restate an obligation under international law.",
	"Knowledge is the threshold that matters most. A State that learns, through its own agencies or from a credible notification by another State, that infrastructure on its territory is being used for such acts is expected to take the measures reasonably available to it.",
	"The notion of territory includes infrastructure located on the territory of the State, whether it is owned by the State or by private persons, and whether the operator is a national of that State or not.",
	"State practice since 2015 shows a gradual convergence on a notification-and-response model in which the injured State provides technical indicators and the territorial State investigates and reports back within a reasonable time.",
	"Open questions remain about the standard of knowledge, in particular whether constructive knowledge suffices and whether a State must monitor its networks to detect malicious activity before any notification is received.",
	"Several delegations in the Open-ended Working Group described the norm as an expression of the due diligence principle, while others insisted that due diligence is not yet an obligation of customary international law in this field.",
}

func items(chapter string, texts ...string) []*Item {
	var out []*Item
	for _, t := range texts {
		it := &Item{Chapter: chapter, Text: t, Hash: Hash(t)}
		it.Prepare()
		out = append(out, it)
	}
	return out
}

func TestMatchKinds(t *testing.T) {
	light := strings.Replace(base[2], "private persons", "private companies", 1)
	rewritten := "Territory in this sense is not limited to physical space: it reaches every system over which the State exercises jurisdiction, and the commentary reads it broadly."
	split1 := "Knowledge is the threshold that matters most."
	split2 := "A State that learns, through its own agencies or from a credible notification by another State, that infrastructure on its territory is being used for such acts is expected to take the measures reasonably available to it."
	merged := base[3] + " " + base[4]
	added := "The working group also considered whether the norm applies to acts of non-State actors, and concluded that it does, since the wrongfulness of the act is judged by the law applicable to the State concerned."
	edited := strings.Replace(base[5], "while others insisted that due diligence is not yet an obligation of customary international law in this field", "while others, a growing number since 2021, accept that it reflects an emerging obligation of customary international law", 1)

	tests := []struct {
		name string
		cur  []string
		// per new paragraph: the old index it keeps (-1 none) and its kind
		from  []int
		kinds []Kind
		moved []int // indexes of new paragraphs that moved
		// old paragraphs that vanished without a trace
		removed []int
		// old → new paragraph it was merged into
		merged map[int]int
	}{
		{"unchanged", base, []int{0, 1, 2, 3, 4, 5}, []Kind{Same, Same, Same, Same, Same, Same}, nil, nil, nil},
		{"added", []string{base[0], base[1], added, base[2], base[3], base[4], base[5]},
			[]int{0, 1, -1, 2, 3, 4, 5}, []Kind{Same, Same, Added, Same, Same, Same, Same}, nil, nil, nil},
		{"removed", []string{base[0], base[1], base[3], base[4], base[5]},
			[]int{0, 1, 3, 4, 5}, []Kind{Same, Same, Same, Same, Same}, nil, []int{2}, nil},
		{"moved", []string{base[0], base[2], base[3], base[4], base[1], base[5]},
			[]int{0, 2, 3, 4, 1, 5}, []Kind{Same, Same, Same, Same, Same, Same}, []int{4}, nil, nil},
		{"light edit", []string{base[0], base[1], light, base[3], base[4], base[5]},
			[]int{0, 1, 2, 3, 4, 5}, []Kind{Same, Same, Light, Same, Same, Same}, nil, nil, nil},
		{"substantive edit", []string{base[0], base[1], base[2], base[3], base[4], edited},
			[]int{0, 1, 2, 3, 4, 5}, []Kind{Same, Same, Same, Same, Same, Edited}, nil, nil, nil},
		{"rewrite", []string{base[0], base[1], rewritten, base[3], base[4], base[5]},
			[]int{0, 1, 2, 3, 4, 5}, []Kind{Same, Same, Rewritten, Same, Same, Same}, nil, nil, nil},
		{"split", []string{base[0], split1, split2, base[2], base[3], base[4], base[5]},
			[]int{0, -1, 1, 2, 3, 4, 5}, []Kind{Same, SplitOff, Edited, Same, Same, Same, Same}, nil, nil, nil},
		{"merge", []string{base[0], base[1], base[2], merged, base[5]},
			[]int{0, 1, 2, 3, 5}, []Kind{Same, Same, Same, Edited, Same}, nil, nil, map[int]int{4: 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := MatchItems(items("13c", base...), items("13c", tc.cur...))
			for i := range tc.cur {
				from := m.From[i]
				if m.Kind[i] == SplitOff {
					from = -1
				}
				if from != tc.from[i] || m.Kind[i] != tc.kinds[i] {
					t.Errorf("new %d: from %d (%s), want %d (%s); score %.2f", i, m.From[i], m.Kind[i], tc.from[i], tc.kinds[i], m.Score[i])
				}
				want := false
				for _, k := range tc.moved {
					want = want || k == i
				}
				if m.Moved[i] != want {
					t.Errorf("new %d: moved %v, want %v", i, m.Moved[i], want)
				}
			}
			for j := range base {
				want := false
				for _, k := range tc.removed {
					want = want || k == j
				}
				if m.Removed(j) != want {
					t.Errorf("old %d: removed %v, want %v", j, m.Removed(j), want)
				}
				if into, ok := tc.merged[j]; ok && m.MergedInto[j] != into {
					t.Errorf("old %d: merged into %d, want %d", j, m.MergedInto[j], into)
				}
			}
		})
	}
}

// A paragraph moved to another chapter keeps its identity and is moved.
func TestMatchAcrossChapters(t *testing.T) {
	old := append(items("13c", base[:3]...), items("13d", base[3:]...)...)
	cur := append(items("13c", base[0], base[2]), items("13d", base[1], base[3], base[4], base[5])...)
	m := MatchItems(old, cur)
	if m.From[2] != 1 || !m.Moved[2] {
		t.Fatalf("moved paragraph: from %d moved %v", m.From[2], m.Moved[2])
	}
	for i, want := range []int{0, 2, 1, 3, 4, 5} {
		if m.From[i] != want {
			t.Errorf("new %d: from %d, want %d", i, m.From[i], want)
		}
	}
}

// Two identical paragraphs pair in order; nothing is reported moved.
func TestMatchDuplicates(t *testing.T) {
	m := MatchItems(items("a", "See above.", base[0], "See above."), items("a", "See above.", base[0], "See above."))
	for i, want := range []int{0, 1, 2} {
		if m.From[i] != want || m.Moved[i] {
			t.Errorf("new %d: from %d moved %v", i, m.From[i], m.Moved[i])
		}
	}
}

func TestWordDiff(t *testing.T) {
	got := plain(WordDiff("States should not knowingly allow their territory to be used.", "States should not allow their territory or infrastructure to be used."))
	want := "States should not [-knowingly-] allow their territory {+or infrastructure+} to be used."
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func plain(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch n := in.(type) {
		case *doc.Text:
			b.WriteString(n.Value)
		case *doc.Strike:
			b.WriteString("[-" + doc.PlainText(n.Inlines) + "-]")
		case *doc.Styled:
			b.WriteString("{+" + doc.PlainText(n.Inlines) + "+}")
		}
	}
	return b.String()
}
