package doc

import "testing"

func TestBlocksText(t *testing.T) {
	txt := func(s string) []Inline { return []Inline{&Text{Value: s}} }
	bs := []Block{
		&Heading{Inlines: txt("Title")},
		&Para{Inlines: []Inline{&Text{Value: "One"}, &SoftBreak{}, &Emph{Inlines: txt("two")}, &Note{Blocks: []Block{&Para{Inlines: txt("note")}}}}},
		&Table{Head: []Row{{{Inlines: txt("Toolkit")}, {Inlines: txt("Cyber")}}}},
		&List{Items: [][]Block{{&Para{Inlines: txt("item")}}}},
	}
	if got, want := BlocksText(bs), "Title One two Toolkit Cyber item"; got != want {
		t.Errorf("BlocksText = %q, want %q", got, want)
	}
}

func TestAffixes(t *testing.T) {
	for _, tc := range []struct{ pre, suf, before, after string }{
		{"see", "", "see ", ""},
		{"", ", above", "", ", above"},
		{"", "and passim", "", " and passim"},
	} {
		it := XRefItem{Prefix: tc.pre, Suffix: tc.suf}
		b, a := it.Affixes()
		if b != tc.before || a != tc.after {
			t.Errorf("Affixes(%q, %q) = %q, %q", tc.pre, tc.suf, b, a)
		}
	}
}
