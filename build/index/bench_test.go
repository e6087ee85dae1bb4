package index

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/terms"
)

// BenchmarkBuild: the subject index of a 300-page commentary (30 chapters
// of 50 numbered paragraphs of about 120 words, 1,500 paragraphs in all)
// with 200 manifest terms, one word and several, some with sub-entries:
// the cost the resolve phase adds to such a build.
//
//	go test -bench Build -benchmem ./build/index
func BenchmarkBuild(b *testing.B) {
	tm, _ := terms.For("en-GB", nil)
	// A vocabulary of 3,000 words drawn at random (a fixed sequence), so
	// that a one-word term stands in about one paragraph in twenty and a
	// phrase in few, as in a real commentary.
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = "w" + strconv.Itoa(i)
	}
	seed := uint32(1)
	next := func() int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % len(vocab)
	}
	var ts []Term
	for i := range 200 {
		switch i % 4 {
		case 0:
			ts = append(ts, Term{Entry: vocab[next()%300]})
		case 1:
			ts = append(ts, Term{Entry: fmt.Sprintf("heading %d!sub", i), Find: []string{vocab[next()%300]}})
		default:
			ts = append(ts, Term{Entry: fmt.Sprintf("phrase %d", i), Find: []string{vocab[next()%100] + " " + vocab[next()%100]}})
		}
	}
	p := &doc.Publication{ID: "big", Lang: "en-GB", Terms: tm, Options: doc.Options{ParagraphNumbers: true}}
	for c := range 30 {
		ch := &doc.Chapter{ID: "c" + strconv.Itoa(c), Number: strconv.Itoa(c + 1)}
		for n := range 50 {
			var sb strings.Builder
			for range 120 {
				w := next()
				if w%3 == 0 {
					w %= 300 // frequent words, as function words and terms are
				}
				sb.WriteString(vocab[w])
				sb.WriteByte(' ')
			}
			ch.Blocks = append(ch.Blocks, &doc.Para{Num: n + 1, Attr: doc.Attr{ID: "p" + strconv.Itoa(n+1)}, Inlines: []doc.Inline{&doc.Text{Value: sb.String()}}})
		}
		p.Chapters = append(p.Chapters, ch)
	}
	ix := &doc.Chapter{ID: "subject-index", Kind: "index"}
	p.Chapters = append(p.Chapters, ix)
	if ds := Build(p, ix, ts); len(ds) > 0 {
		b.Logf("%d terms never found", len(ds))
	}
	locs := 0
	doc.Visitor{Inline: func(in doc.Inline) bool {
		if _, ok := in.(*doc.XRef); ok {
			locs++
		}
		return true
	}}.WalkBlocks(ix.Blocks)
	b.ReportAllocs()
	for b.Loop() {
		Build(p, ix, ts)
	}
	b.ReportMetric(float64(locs), "locators")
}
