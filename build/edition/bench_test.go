package edition

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// exampleRegister is the example project's released first edition: 235
// paragraphs of the commentary (161 pages in the royal-octavo PDF).
func exampleRegister(tb testing.TB) *Register {
	tb.Helper()
	const name = "../../chapters/editions/commentary-first.json"
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	r, ds := ParseRegister(source.NewFile(name, data))
	if ds.HasErrors() {
		tb.Fatal(ds)
	}
	return r
}

// scaled is the register n times over, chapters and ids suffixed per copy,
// as cmd/normbench's corpus copies chapters.
func scaled(r *Register, n int) *Register {
	out := &Register{Publication: r.Publication, Edition: r.Edition}
	for k := 1; k <= n; k++ {
		sfx := ""
		if k > 1 {
			sfx = fmt.Sprintf("-x%d", k)
		}
		for _, e := range r.Paragraphs {
			e.ID += sfx
			e.Chapter += sfx
			out.Paragraphs = append(out.Paragraphs, e)
		}
	}
	return out
}

// nextEdition makes a new edition's text from an old register, the way a
// revision touches a commentary: per hundred paragraphs about four lightly
// edited, two rewritten, one removed, one split, one merged with the next,
// one moved a few places on, and two added.
func nextEdition(r *Register, seed int64) map[string][]string {
	rnd := rand.New(rand.NewSource(seed))
	chapters := map[string][]string{}
	ps := r.Paragraphs
	for k := 0; k < len(ps); k++ {
		e := ps[k]
		t := e.Text
		words := strings.Fields(t)
		switch x := rnd.Intn(100); {
		case x < 4:
			words[rnd.Intn(len(words))] = "substantially"
			t = strings.Join(words, " ")
		case x < 6:
			other := strings.Fields(ps[rnd.Intn(len(ps))].Text)
			for i := range words {
				if i%4 != 0 && i < len(other) {
					words[i] = other[i]
				}
			}
			t = strings.Join(words, " ")
		case x < 7:
			continue // removed
		case x < 8:
			h := len(words) / 2
			chapters[e.Chapter] = append(chapters[e.Chapter], strings.Join(words[:h], " "))
			t = strings.Join(words[h:], " ")
		case x < 9 && k+1 < len(ps) && ps[k+1].Chapter == e.Chapter:
			t += " " + ps[k+1].Text
			k++
		case x < 10 && k+3 < len(ps) && ps[k+3].Chapter == e.Chapter:
			ps = append(ps[:k:k], append(append([]Entry{}, ps[k+1:k+4]...), append([]Entry{e}, ps[k+4:]...)...)...)
			k--
			continue
		case x < 12:
			chapters[e.Chapter] = append(chapters[e.Chapter], fmt.Sprintf("A paragraph new in this edition, number %d, says something the first edition did not say about %s.", k, strings.Join(words[:min(5, len(words))], " ")))
		}
		chapters[e.Chapter] = append(chapters[e.Chapter], t)
	}
	return chapters
}

func publication(old *Register, texts map[string][]string) *doc.Publication {
	pub := &doc.Publication{ID: old.Publication, Options: doc.Options{ParagraphNumbers: true}}
	seen := map[string]bool{}
	for _, e := range old.Paragraphs {
		if seen[e.Chapter] {
			continue
		}
		seen[e.Chapter] = true
		ch := &doc.Chapter{ID: e.Chapter, Short: e.Chapter}
		for _, t := range texts[e.Chapter] {
			ch.Blocks = append(ch.Blocks, &doc.Para{Inlines: []doc.Inline{&doc.Text{Value: t}}})
		}
		pub.Chapters = append(pub.Chapters, ch)
	}
	return pub
}

// number does what xref does for paragraph numbers.
func number(pub *doc.Publication) {
	for _, ch := range pub.Chapters {
		n := 0
		for _, b := range ch.Blocks {
			if p, ok := b.(*doc.Para); ok {
				n++
				p.Num = n
			}
		}
	}
}

// BenchmarkEdition is what editions add to a build of a commentary compared
// with its previous edition: identities, matching, the register, and the
// changes and concordance chapters. Scale 2 is about 320 pages.
func BenchmarkEdition(b *testing.B) {
	base := exampleRegister(b)
	for _, n := range []int{1, 2, 4} {
		old := scaled(base, n)
		texts := nextEdition(old, 1)
		b.Run(fmt.Sprintf("paragraphs=%d", len(old.Paragraphs)), func(b *testing.B) {
			prev := &Released{Name: "First edition", Register: old}
			// CPU time as well as wall time: on a busy machine the wall
			// clock also counts the time other processes had the cores.
			var before, after syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &before)
			for b.Loop() {
				pub := publication(old, texts)
				e := Identify(pub, prev)
				number(pub)
				e.Changes, e.Concordance = &doc.Chapter{ID: "changes"}, &doc.Chapter{ID: "concordance"}
				e.Finish()
				e.Register("Second edition").Marshal()
			}
			syscall.Getrusage(syscall.RUSAGE_SELF, &after)
			cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
