package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	. "github.com/normpress/normpress/build/doc/doctest"
)

// Test documents are built with doctest (dot-imported), as every
// package's tests build them.

func testPNG(w, h int, c color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			k := c
			if (x/20+y/20)%2 == 0 {
				k = color.RGBA{c.R / 2, c.G / 2, c.B / 2, 255}
			}
			img.Set(x, y, k)
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

var norm13c = &doc.Norm{ID: "13c", Label: "13(c)", Title: "Territory not used for wrongful acts",
	Text: "States should not knowingly allow their territory to be used for internationally wrongful acts using ICTs;"}

const lorem = "The norm restates a due diligence expectation that predates the information age. " +
	"States have long accepted that their territory should not be knowingly used for acts contrary to the rights of other States, " +
	"and the International Court of Justice affirmed the principle in the Corfu Channel case. " +
	"What the norm adds is its application to information and communications technologies, where attribution is difficult, " +
	"infrastructure is privately owned and transboundary effects are the rule rather than the exception."

// samplePub exercises every block and inline kind the renderer knows.
func samplePub() *doc.Publication {
	b := &Notes{}
	pub := &doc.Publication{
		ID: "commentary", Title: "Commentary on the 2015 GGE Norms", Short: "Commentary",
		Subtitle: "Responsible State behaviour in cyberspace", Description: "A commentary on the eleven norms.",
		Editors: []string{"Ada Lovelace", "Grace Hopper"}, Contributors: []string{"Working Group 13(c)"},
		Edition: "First edition", Date: "2026-11-01", Lang: "en-GB", License: "CC BY 4.0",
		ISBN: "978-3-16-148410-0", Keywords: []string{"cyber norms", "due diligence"},
		CiteClass: "note",
		Options:   doc.Options{ParagraphNumbers: true, NoteNumbering: "chapter", PageSize: "royal", PageRefs: true},
	}
	fig := &doc.Asset{Path: "images/map.png", MediaType: "image/png", Data: testPNG(400, 250, color.RGBA{70, 110, 160, 255}), Width: 400, Height: 250}
	fig2 := &doc.Asset{Path: "images/chart.png", MediaType: "image/png", Data: testPNG(400, 300, color.RGBA{160, 90, 60, 255}), Width: 400, Height: 300}
	pub.Assets = []*doc.Asset{fig2, fig}

	foreword := b.Chapter(&doc.Chapter{ID: "foreword", Title: []doc.Inline{T("Foreword")}, Short: "Foreword", Matter: doc.FrontMatter})
	foreword.Blocks = []doc.Block{
		P(T("This commentary explains the norms"), b.N(P(T("A/70/174, para. 13."))), T(" and how States apply them. "), T(lorem)),
		P(T(lorem)),
	}

	part := &doc.Part{Title: "Cooperation and restraint", Number: "I"}
	ch1 := b.Chapter(&doc.Chapter{ID: "13c", Number: "1", Title: []doc.Inline{T("Norm 13(c): Territory not to be used for internationally wrongful acts")},
		Short: "Norm 13(c)", Norm: norm13c, Part: part, Authors: []string{"Working Group 13(c)"},
		Abstract: []doc.Block{P(T("The chapter reads the norm against the due diligence principle of general international law."))}})
	long := b.N(P(T(lorem+" "+lorem)), P(T(lorem+" "+lorem+" "+lorem)), P(T(lorem)))
	var rows []doc.Row
	for i := range 45 {
		rows = append(rows, doc.Row{
			{Inlines: []doc.Inline{T(fmt.Sprintf("State %d", i+1))}},
			{Inlines: []doc.Inline{T(strings.Repeat("Statement on due diligence and capacity building. ", 1+i%3))}},
			{Inlines: []doc.Inline{T(fmt.Sprintf("%d", 2015+i%10))}},
		})
	}
	ch1.Blocks = []doc.Block{
		H(2, "sec:13c-scope", "1.1", T("Scope and key terms")),
		NP(1, T("The norm restates a due diligence expectation."), b.AutoCite("un-a-70-174", T("Report of the Group of Governmental Experts, UN Doc A/70/174 (22 July 2015), para. 13(c)")),
			T(" "+lorem+" See "), X("section 1.2", "", "13c", "sec:13c-basis"), T(" and "), X("para. 3", "", "13c", "p3"), T(".")),
		NP(2, T(lorem), b.N(P(T("Short note."))), T(" "+lorem), b.N(P(T("Another note with "), Em(T("emphasis")), T(" and a "), &doc.Link{URL: "https://example.org/a/very/long/path/to/a/document.pdf", Inlines: []doc.Inline{T("https://example.org/a/very/long/path/to/a/document.pdf")}}, T(".")))),
		H(3, "sec:13c-knowingly", "1.1.1", T("“Knowingly”")),
		NP(3, T(lorem), long, T(" "+lorem)),
		&doc.BlockQuote{Blocks: []doc.Block{P(T("Every State has the obligation not to allow knowingly its territory to be used for acts contrary to the rights of other States."), b.AutoCite("corfu", T("Corfu Channel (United Kingdom v Albania), Merits, ICJ Reports 1949, 4, 22")))}},
		H(4, "sec:13c-level4", "", T("A fourth-level heading")),
		NP(4, T(lorem+" "+lorem)),
		&doc.Figure{Attr: doc.Attr{ID: "fig:map"}, Num: 1, Asset: fig, Caption: []doc.Inline{T("States that have reported on the norm, 2015–2025.")}},
		H(2, "sec:13c-basis", "1.2", T("Legal basis")),
		NP(5, T("Cross-publication: "), &doc.XRef{Items: []doc.XRefItem{{Kind: "sec", Text: "guidelines 13(c), section 2", Target: &doc.Target{Pub: "guidelines", Chapter: "13c", Anchor: "sec:measures"}}}}, T(". Back to "), X("section 1.1", "", "13c", "sec:13c-scope"), T(". To chapter 2: "), X("section 2.1", "", "13f", "sec:13f-intro"), T(". "+lorem)),
		&doc.List{Items: [][]doc.Block{{P(T("first item of a bullet list, long enough to wrap onto a second line in the narrow column of a royal octavo page"))}, {P(T("second item")), &doc.List{Ordered: true, Start: 1, Items: [][]doc.Block{{P(T("nested one"))}, {P(T("nested two"))}}}}}, Tight: true},
		&doc.CodeBlock{Text: "func main() {\n\tfmt.Println(\"a line of code that is much too long for the measure and must therefore be wrapped somewhere\")\n}"},
		&doc.DefList{Items: []doc.DefItem{{Term: []doc.Inline{T("ICT")}, Defs: [][]doc.Block{{P(T("information and communications technology"))}}}, {Term: []doc.Inline{T("GGE")}, Defs: [][]doc.Block{{P(T("Group of Governmental Experts"))}}}}},
		&doc.Table{Attr: doc.Attr{ID: "tbl:states"}, Num: 1, Caption: []doc.Inline{T("Statements by States")}, Align: []doc.Align{doc.AlignLeft, doc.AlignLeft, doc.AlignRight},
			Head: []doc.Row{{{Inlines: []doc.Inline{T("State")}}, {Inlines: []doc.Inline{T("Statement")}}, {Inlines: []doc.Inline{T("Year")}}}}, Body: rows},
		NP(6, T("Glyphs no font has: 中文 and an emoji 😀 must be reported, never dropped. "+lorem)),
		&doc.Rule{},
		NP(7, T(lorem), b.N(P(T(lorem))), T(" "+lorem), b.N(P(T(lorem))), T(" "+lorem), b.N(P(T("Third note on the same page.")))),
	}
	ch2 := b.Chapter(&doc.Chapter{ID: "13f", Number: "2", Title: []doc.Inline{T("Norm 13(f): Critical infrastructure")}, Short: "Norm 13(f)", Part: part})
	ch2.Blocks = []doc.Block{
		&doc.NormBox{Norm: &doc.Norm{ID: "13f", Label: "13(f)", Title: "Critical infrastructure", Text: "A State should not conduct or knowingly support ICT activity contrary to its obligations under international law that intentionally damages critical infrastructure;"}, Source: []doc.Inline{T("A/70/174, para. 13(f)")}},
		H(2, "sec:13f-intro", "2.1", T("Introduction")),
		NP(1, T(lorem)),
		&doc.Figure{Attr: doc.Attr{ID: "fig:chart"}, Num: 2, Asset: fig2, Caption: []doc.Inline{T("A chart of the same width as the map.")}},
		NP(2, T(lorem), b.AutoCite("schmitt-2017", Em(T("Tallinn Manual 2.0")), T(" (2017), rule 6"))),
	}
	bib := b.Chapter(&doc.Chapter{ID: "bibliography", Title: []doc.Inline{T("Bibliography")}, Short: "Bibliography", Matter: doc.BackMatter, Kind: "bibliography"})
	bib.Blocks = []doc.Block{&doc.RefList{Hanging: true, Entries: []doc.RefEntry{
		{Key: "corfu", ID: "ref-corfu", Inlines: []doc.Inline{Em(T("Corfu Channel (United Kingdom v Albania)")), T(", Merits, ICJ Reports 1949, 4.")}},
		{Key: "schmitt-2017", ID: "ref-schmitt-2017", Inlines: []doc.Inline{T("Schmitt, Michael N., ed. "), Em(T("Tallinn Manual 2.0 on the International Law Applicable to Cyber Operations")), T(". Cambridge: Cambridge University Press, 2017.")}},
		{Key: "un-a-70-174", ID: "ref-un-a-70-174", Inlines: []doc.Inline{T("United Nations General Assembly. Report of the Group of Governmental Experts. UN Doc A/70/174, 22 July 2015.")}},
	}}}
	part.Chapters = []*doc.Chapter{ch1, ch2}
	pub.Parts = []*doc.Part{part}
	pub.Chapters = []*doc.Chapter{foreword, ch1, ch2, bib}
	return pub
}

// vocabulary is the words the long generated document is made of: the
// shared reference texts when they are there, so that hyphenation sees a
// real vocabulary, else the sample text.
func vocabulary() []string {
	var text string
	for _, f := range []string{"literature.md", "norms-2015.md"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "reference", f)); err == nil {
			text += string(b) + " "
		}
	}
	text += lorem
	var out []string
	for _, w := range regexp.MustCompile(`[\p{L}][\p{L}’'-]*[\p{L}]|[\p{L}]`).FindAllString(text, -1) {
		// Leave out URL slugs and file names, which no prose has.
		if utf8.RuneCountInString(w) <= 18 && strings.Count(w, "-") <= 1 {
			out = append(out, w)
		}
	}
	return out
}

// longPub generates a commentary of about pages pages (royal octavo):
// eleven chapters, five footnotes a page, two citations for every three
// notes' worth of text (1,500 notes and 2,000 citations at 300 pages).
func longPub(pages int) *doc.Publication {
	rng := rand.New(rand.NewPCG(1, 2))
	words := vocabulary()
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
	text := func(sentences int) string {
		var parts []string
		for range sentences {
			parts = append(parts, sentence(8+rng.IntN(18)))
		}
		return strings.Join(parts, " ")
	}
	b := &Notes{}
	pub := samplePub()
	pub.Chapters = pub.Chapters[:1]
	pub.Parts = nil
	bib := &doc.Chapter{ID: "bibliography", Title: []doc.Inline{T("Bibliography")}, Short: "Bibliography", Matter: doc.BackMatter, Kind: "bibliography"}
	refs := &doc.RefList{Hanging: true}
	for k := range 200 {
		key := fmt.Sprintf("work-%03d", k)
		refs.Entries = append(refs.Entries, doc.RefEntry{Key: key, ID: "ref-" + key, Inlines: []doc.Inline{T(sentence(6) + " "), Em(T(sentence(8))), T(fmt.Sprintf(" Oxford: Oxford University Press, %d.", 1990+k%35))}})
	}
	bib.Blocks = []doc.Block{refs}
	// Totals are kept exact: pages*5 notes and pages*20/3 citations,
	// spread evenly over the paragraphs.
	wantNotes, wantCites := pages*5, pages*20/3
	notes, cites := 0, 0
	paras := pages * 3
	perCh := paras / 11
	num := 0
	for c := range 11 {
		ch := b.Chapter(&doc.Chapter{ID: fmt.Sprintf("13%c", 'a'+c), Number: fmt.Sprint(c + 1),
			Title: []doc.Inline{T(fmt.Sprintf("Norm 13(%c): %s", 'a'+c, sentence(5)))}, Short: fmt.Sprintf("Norm 13(%c)", 'a'+c),
			Norm: &doc.Norm{ID: fmt.Sprintf("13%c", 'a'+c), Label: fmt.Sprintf("13(%c)", 'a'+c), Title: sentence(4), Text: text(2)}})
		num = 0
		for p := range perCh {
			if p%12 == 0 {
				ch.Blocks = append(ch.Blocks, H(2, fmt.Sprintf("sec:%s-%d", ch.ID, p/12), fmt.Sprintf("%d.%d", c+1, p/12+1), T(sentence(4))))
			}
			num++
			ins := []doc.Inline{T(text(2 + rng.IntN(4)))}
			k := c*perCh + p + 1
			for notes < wantNotes*k/(11*perCh) {
				key := fmt.Sprintf("work-%03d", rng.IntN(200))
				if wantCites*(notes+1)/wantNotes-cites < 2 {
					// A citation the note style moved into a note.
					ins = append(ins, b.AutoCite(key, T(sentence(5)+", "), Em(T(sentence(4))), T(fmt.Sprintf(" (%d), %d", 1990+rng.IntN(35), 1+rng.IntN(400)))))
					cites++
				} else {
					k2 := fmt.Sprintf("work-%03d", rng.IntN(200))
					ins = append(ins, b.N(P(T("See "), Cite("", key, T(sentence(6))), T("; and compare "), Cite("", k2, Em(T(sentence(4)))), T(". "+text(1)))))
					cites += 2
				}
				notes++
				ins = append(ins, T(" "+text(1)))
			}
			if p%7 == 3 {
				ins = append(ins, T(" See "), X(fmt.Sprintf("section %d.1", c+1), "", ch.ID, fmt.Sprintf("sec:%s-0", ch.ID)), T("."))
			}
			ch.Blocks = append(ch.Blocks, NP(num, ins...))
		}
		pub.Chapters = append(pub.Chapters, ch)
	}
	pub.Chapters = append(pub.Chapters, bib)
	return pub
}
