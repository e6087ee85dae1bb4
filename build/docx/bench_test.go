package docx

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
)

// longPub is the benchmark corpus of build/pdf's benchmarks, made the same
// way: a 300-page commentary (pages×3 numbered paragraphs in 11 chapters,
// pages×5 footnotes, pages×20/3 citations, a 200-entry bibliography).
func longPub(pages int) *doc.Publication {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("state norm cyber due diligence territory attribution sovereignty infrastructure critical incident response team vulnerability disclosure supply chain integrity cooperation assistance mitigation human rights privacy expression confidence building measure group governmental experts report assembly resolution practice opinio juris obligation knowledge prevention harm threshold")
	sentence := func(n int) string {
		var s strings.Builder
		for i := range n {
			w := words[rng.IntN(len(words))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				s.WriteByte(' ')
			}
			s.WriteString(w)
		}
		s.WriteByte('.')
		return s.String()
	}
	text := func(n int) string {
		var parts []string
		for range n {
			parts = append(parts, sentence(8+rng.IntN(18)))
		}
		return strings.Join(parts, " ")
	}
	T := func(s string) doc.Inline { return &doc.Text{Value: s} }
	pub := &doc.Publication{ID: "commentary", Title: "Commentary", Short: "Commentary", Lang: "en-GB", Options: doc.Options{ParagraphNumbers: true, NoteNumbering: "chapter"}}
	bib := &doc.Chapter{ID: "bibliography", Title: []doc.Inline{T("Bibliography")}, Matter: doc.BackMatter, Kind: "bibliography"}
	refs := &doc.RefList{Hanging: true}
	for k := range 200 {
		key := fmt.Sprintf("work-%03d", k)
		refs.Entries = append(refs.Entries, doc.RefEntry{Key: key, ID: "ref-" + key, Inlines: []doc.Inline{T(sentence(6) + " "), &doc.Emph{Inlines: []doc.Inline{T(sentence(8))}}, T(fmt.Sprintf(" Oxford: Oxford University Press, %d.", 1990+k%35))}})
	}
	bib.Blocks = []doc.Block{refs}
	cite := func(key string, ins ...doc.Inline) doc.Inline {
		return &doc.Cite{Items: []doc.CiteItem{{Key: key}}, Text: []doc.Inline{&doc.Link{Target: &doc.Target{Pub: "commentary", Chapter: "bibliography", Anchor: "ref-" + key}, Inlines: ins}}}
	}
	wantNotes, wantCites := pages*5, pages*20/3
	notes, cites := 0, 0
	perCh := pages * 3 / 11
	for c := range 11 {
		id := fmt.Sprintf("13%c", 'a'+c)
		ch := &doc.Chapter{ID: id, Number: fmt.Sprint(c + 1), Title: []doc.Inline{T(fmt.Sprintf("Norm 13(%c): %s", 'a'+c, sentence(5)))},
			Norm: &doc.Norm{ID: id, Label: fmt.Sprintf("13(%c)", 'a'+c), Title: sentence(4), Text: text(2)}}
		n := 0
		for p := range perCh {
			if p%12 == 0 {
				ch.Blocks = append(ch.Blocks, &doc.Heading{Level: 2, Number: fmt.Sprintf("%d.%d", c+1, p/12+1), Attr: doc.Attr{ID: fmt.Sprintf("sec:%s-%d", id, p/12)}, Inlines: []doc.Inline{T(sentence(4))}})
			}
			ins := []doc.Inline{T(text(2 + rng.IntN(4)))}
			k := c*perCh + p + 1
			for notes < wantNotes*k/(11*perCh) {
				n++
				key := fmt.Sprintf("work-%03d", rng.IntN(200))
				note := &doc.Note{Num: n, ID: fmt.Sprintf("fn%d", n)}
				if wantCites*(notes+1)/wantNotes-cites < 2 {
					note.Auto = true
					note.Blocks = []doc.Block{&doc.Para{Inlines: []doc.Inline{cite(key, T(sentence(5)+", "), &doc.Emph{Inlines: []doc.Inline{T(sentence(4))}})}}}
					cites++
				} else {
					note.Blocks = []doc.Block{&doc.Para{Inlines: []doc.Inline{T("See "), cite(key, T(sentence(6))), T("; and compare "), cite(fmt.Sprintf("work-%03d", rng.IntN(200)), T(sentence(4))), T(". " + text(1))}}}
					cites += 2
				}
				ch.Notes = append(ch.Notes, note)
				ins = append(ins, note, T(" "+text(1)))
				notes++
			}
			if p%7 == 3 {
				ins = append(ins, T(" See "), &doc.XRef{Items: []doc.XRefItem{{Kind: "sec", Label: "sec:" + id + "-0", Text: fmt.Sprintf("section %d.1", c+1), Target: &doc.Target{Pub: "commentary", Chapter: id, Anchor: "sec:" + id + "-0"}}}}, T("."))
			}
			ch.Blocks = append(ch.Blocks, &doc.Para{Num: p + 1, Attr: doc.Attr{ID: fmt.Sprintf("p%d", p+1)}, Inlines: ins})
		}
		pub.Chapters = append(pub.Chapters, ch)
	}
	pub.Chapters = append(pub.Chapters, bib)
	return pub
}

// BenchmarkRender300Pages renders the 300-page benchmark commentary.
//
//	go test ./build/docx -run '^$' -bench Render300
func BenchmarkRender300Pages(b *testing.B) {
	pub := longPub(300)
	b.ReportAllocs()
	var data []byte
	for b.Loop() {
		data, _ = Render(pub, Options{Epoch: 1767225600})
	}
	b.ReportMetric(float64(len(data))/1e6, "MB")
}

func TestLongPubIsTheBenchmarkCorpus(t *testing.T) {
	pub := longPub(300)
	notes, cites, paras := 0, 0, 0
	for _, ch := range pub.Chapters {
		notes += len(ch.Notes)
		doc.Visitor{Block: func(b doc.Block) bool {
			if p, ok := b.(*doc.Para); ok && p.Num > 0 {
				paras++
			}
			return true
		}, Inline: func(in doc.Inline) bool {
			if _, ok := in.(*doc.Cite); ok {
				cites++
			}
			return true
		}}.WalkBlocks(ch.Blocks)
	}
	if notes < 1500 || cites < 2000 || paras < 880 {
		t.Errorf("%d notes, %d citations, %d paragraphs: want 1,500 notes, 2,000 citations, 900 paragraphs", notes, cites, paras)
	}
	data, ds := Render(pub, Options{Epoch: 1767225600})
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	for _, err := range Check(data) {
		t.Error(err)
	}
}
