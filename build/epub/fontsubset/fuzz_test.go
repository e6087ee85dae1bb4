package fontsubset

import (
	"testing"

	"github.com/go-fonts/dejavu/dejavuserif"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// FuzzSubset feeds damaged fonts to the subsetter: it may refuse them, but
// must not panic, and what it accepts it must write as a font it can read
// back.
func FuzzSubset(f *testing.F) {
	// Small subsets keep the seeds short enough for the fuzzer to mutate
	// every table.
	for _, seed := range []struct {
		font []byte
		text string
	}{
		{liberationserifregular.TTF, "AVé"},
		{liberationserifregular.TTF, "Tož"},
		{dejavuserif.TTF, "a𝐴"},
	} {
		sub, err := Subset(seed.font, []rune(seed.text))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(sub, seed.text)
	}
	f.Add([]byte("OTTO"), "a")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		out, err := Subset(data, []rune(text))
		if err != nil {
			return
		}
		if _, err := parse(out); err != nil {
			t.Fatalf("the subset does not read back: %v", err)
		}
	})
}
