package pdf

import (
	"fmt"
	"github.com/normpress/normpress/build/internal/tooltest"
	"image/color"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	. "github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/build/source"
)

// TestMissingGlyphs: a character no font has is a warning at its own line
// and column in a source text, at its block in text without a source (a
// heading built by a generator here), and non-BMP characters never reach
// fpdf (which panics on them). Right-to-left text, which the PDF cannot
// order or shape, is a warning at its first character.
func TestMissingGlyphs(t *testing.T) {
	src := "# Title\n\nSome text.\n\nA paragraph with 中 and 😀 in it.\n\nIn Arabic, الأمم المتحدة is the UN.\n"
	f := source.NewFile("chapters/x.md", []byte(src))
	start := strings.Index(src, "A paragraph")
	end := strings.Index(src, "\n\nIn Arabic")
	ar := strings.Index(src, "In Arabic")
	text := func(from, to int) *doc.Text {
		return &doc.Text{Span: f.Range(from, to), Value: src[from:to]}
	}
	pub := samplePub()
	pub.Chapters = pub.Chapters[:1]
	pub.Parts = nil
	pub.Chapters[0].Blocks = []doc.Block{
		&doc.Para{Span: f.Range(start, end), Inlines: []doc.Inline{text(start, end)}},
		&doc.Heading{Span: f.At(0), Level: 2, Inlines: []doc.Inline{T("Heading with \U0001F680")}},
		&doc.Para{Span: f.Range(ar, len(src)-1), Inlines: []doc.Inline{text(ar, len(src)-1)}},
	}
	res, diags := Render(pub, Options{Epoch: epoch})
	if res.Data == nil || diags.HasErrors() {
		t.Fatalf("render failed: %v", diags)
	}
	var got []string
	for _, d := range diags {
		switch d.Code {
		case "pdf-missing-glyph":
			got = append(got, d.Position().String()+" "+d.Msg[:len("no font can draw U+XXXXX")])
		case "pdf-rtl":
			got = append(got, d.Position().String()+" "+d.Msg[:len("right-to-left text")])
		}
	}
	want := []string{
		"chapters/x.md:5:18 no font can draw U+4E2D ",
		"chapters/x.md:5:24 no font can draw U+1F600",
		"chapters/x.md:1:1 no font can draw U+1F680",
		"chapters/x.md:7:12 right-to-left text",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNeverPanics renders inputs that have broken things: a truncated PNG
// (which panics inside fpdf), an image that is not an image, empty
// chapters, a table with ragged rows, notes without blocks, deep nesting.
func TestNeverPanics(t *testing.T) {
	png := testPNG(50, 40, color.RGBA{1, 2, 3, 255})
	cases := map[string]func(p *doc.Publication){
		"empty publication": func(p *doc.Publication) { p.Chapters, p.Parts, p.Title = nil, nil, "" },
		"empty chapter":     func(p *doc.Publication) { p.Chapters[1].Blocks = nil; p.Chapters[1].Title = nil },
		"truncated png": func(p *doc.Publication) {
			p.Chapters[1].Blocks = append(p.Chapters[1].Blocks, &doc.Figure{Num: 9, Asset: &doc.Asset{Path: "t.png", Data: png[:len(png)/2]}})
		},
		"not an image": func(p *doc.Publication) {
			p.Chapters[1].Blocks = append(p.Chapters[1].Blocks, &doc.Figure{Asset: &doc.Asset{Path: "x.png", Data: []byte("GIF89a nonsense")}})
		},
		"ragged table": func(p *doc.Publication) {
			p.Chapters[1].Blocks = []doc.Block{&doc.Table{Head: []doc.Row{{}}, Body: []doc.Row{{{}}, {{Inlines: []doc.Inline{T("a")}}, {}, {}}}}}
		},
		"empty note": func(p *doc.Publication) {
			p.Chapters[1].Blocks = []doc.Block{P(T("x"), &doc.Note{Num: 1})}
		},
		"deep nesting": func(p *doc.Publication) {
			var b doc.Block = P(T(lorem))
			for range 30 {
				b = &doc.BlockQuote{Blocks: []doc.Block{b}}
			}
			p.Chapters[1].Blocks = []doc.Block{b}
		},
		"huge word": func(p *doc.Publication) {
			p.Chapters[1].Blocks = []doc.Block{P(T(strings.Repeat("x", 2000)))}
		},
		"nil norm": func(p *doc.Publication) {
			p.Chapters[1].Blocks = []doc.Block{&doc.NormBox{}}
		},
		"controls": func(p *doc.Publication) {
			p.Chapters[1].Blocks = []doc.Block{P(T("a\x00b\x1bc\u200d\ufeff\U000E0100 \u00ad\u00ad"))}
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			p := samplePub()
			mutate(p)
			res, diags := Render(p, Options{Epoch: epoch})
			for _, d := range diags {
				if d.Code == "pdf-internal" {
					t.Fatalf("internal error: %v", d)
				}
			}
			if res.Data == nil {
				t.Fatalf("no PDF: %v", diags)
			}
			out := tool(t, res.Data, "qpdf", "--check")
			if !strings.Contains(out, "No syntax or stream encoding errors found") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

// footnotePub has paragraphs whose marks and notes carry unique tokens,
// notes of all lengths, several a page, some longer than a page's foot.
func footnotePub() *doc.Publication {
	b := &Notes{PerPublication: true}
	pub := samplePub()
	pub.Parts = nil
	ch := b.Chapter(&doc.Chapter{ID: "notes", Number: "1", Title: []doc.Inline{T("Notes")}, Short: "Notes"})
	for i := range 120 {
		var noteBlocks []doc.Block
		n := []int{1, 1, 2, 1, 8, 1, 3, 25, 1, 1}[i%10]
		for j := range n {
			text := lorem
			if j == 0 {
				text = fmt.Sprintf("zn%dt. %s", i, lorem[:40+i%5*30])
			}
			noteBlocks = append(noteBlocks, P(T(text)))
		}
		ch.Blocks = append(ch.Blocks, NP(i+1, T(lorem[:200+i%5*60]+fmt.Sprintf(" zq%dm", i)), b.N(noteBlocks...), T(" "+lorem[:100])))
	}
	pub.Chapters = []*doc.Chapter{ch}
	return pub
}

// TestFootnotesOnTheirPage: the start of every note is on the page of its
// mark, read back from the PDF's text.
func TestFootnotesOnTheirPage(t *testing.T) {
	res := renderFixture(t, "footnotes", footnotePub)
	texts := pageTexts(t, res.Data)
	mark := regexp.MustCompile(`zq(\d+)m`)
	note := regexp.MustCompile(`zn(\d+)t`)
	markPage, notePage := map[string]int{}, map[string]int{}
	for i, pt := range texts {
		for _, m := range mark.FindAllStringSubmatch(pt, -1) {
			markPage[m[1]] = i
		}
		for _, m := range note.FindAllStringSubmatch(pt, -1) {
			notePage[m[1]] = i
		}
	}
	if len(markPage) != 120 || len(notePage) != 120 {
		t.Fatalf("found %d marks and %d notes, want 120 each", len(markPage), len(notePage))
	}
	for k, p := range markPage {
		if notePage[k] != p {
			t.Errorf("note %s starts on page %d, its mark is on page %d", k, notePage[k]+1, p+1)
		}
	}
}

// TestHyphenation: justified text of the long document has hyphenated line
// ends (read back from the PDF), and never more than two lines in a row
// end with a hyphen (checked on the galley, where body and notes are apart).
func TestHyphenation(t *testing.T) {
	res := renderFixture(t, "long", func() *doc.Publication { return longPub(60) })
	hyph := regexp.MustCompile(`\p{Ll}-$`)
	total := 0
	for _, pt := range pageTexts(t, res.Data) {
		for _, line := range strings.Split(pt, "\n") {
			if hyph.MatchString(strings.TrimRight(line, " ")) {
				total++
			}
		}
	}
	if total < 20 {
		t.Errorf("only %d hyphenated line ends in 60 pages", total)
	}
	e := newEngine(longPub(60), Options{}, newFontSet(doc.Fonts{}, nil))
	worst, lines := 0, 0
	check := func(items []vitem) {
		run := 0
		for _, it := range items {
			if it.hyph {
				run++
				lines++
				worst = max(worst, run)
			} else {
				run = 0
			}
		}
	}
	for _, it := range e.galley() {
		for _, n := range it.notes {
			check(n.lines)
		}
	}
	check(e.galley())
	t.Logf("%d hyphenated line ends in the PDF text, %d in the galley, at most %d in a row", total, lines, worst)
	if worst > 2 {
		t.Errorf("%d hyphenated lines in a row", worst)
	}
}

// TestPageRefs: ", p. N" after a cross-reference names the page where the
// section really starts, after the layout passes have settled.
func TestPageRefs(t *testing.T) {
	for name, mk := range fixtures() {
		t.Run(name, func(t *testing.T) {
			res := renderFixture(t, name, mk)
			texts := pageTexts(t, res.Data)
			labels := labelsOf(t, res)
			ref := regexp.MustCompile(`section\s+(\d+\.\d+),\s+p\.\s+(\w+)`)
			checked := 0
			for _, pt := range texts {
				if strings.Contains(pt, "p. 00") {
					t.Error("a placeholder page number reached the PDF")
				}
				for _, m := range ref.FindAllStringSubmatch(strings.Join(strings.Fields(pt), " "), -1) {
					head := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(m[1]) + `\s+\p{Lu}`)
					page := -1
					for i, qt := range texts {
						if !strings.Contains(qt, ". . . .") && head.MatchString(qt) {
							page = i
							break
						}
					}
					if page < 0 {
						t.Errorf("section %s not found", m[1])
						continue
					}
					if labels[page] != m[2] {
						t.Errorf("section %s: reference says p. %s, it is on p. %s", m[1], m[2], labels[page])
					}
					checked++
				}
			}
			if checked < 3 {
				t.Errorf("only %d page references checked", checked)
			}
		})
	}
}

// TestNoBreakAfterKeep: no page ends after an item that must stay with the
// next (a heading, a paragraph's first line, its last line but one), in
// documents where footnotes make breaking hard; and the keep marks are
// where widow and orphan control needs them.
func TestNoBreakAfterKeep(t *testing.T) {
	for name, mk := range map[string]func() *doc.Publication{
		"long":      func() *doc.Publication { return longPub(100) },
		"footnotes": footnotePub,
		"sample":    samplePub,
	} {
		t.Run(name, func(t *testing.T) {
			e := newEngine(mk(), Options{}, newFontSet(doc.Fonts{}, nil))
			pages := e.paginate(e.galley())
			bad := 0
			for i, p := range pages {
				if p.kind != pageText || len(p.items) == 0 || i+1 == len(pages) {
					continue
				}
				next := pages[i+1]
				if next.kind != pageText || next.opening || len(next.items) == 0 {
					continue // the chapter ended here
				}
				last := p.items[len(p.items)-1].it
				for k := len(p.items) - 1; k >= 0 && last.space; k-- {
					last = p.items[k].it
				}
				if last.keep {
					bad++
					t.Errorf("page %d ends after an item kept with the next", i+1)
				}
			}
		})
	}
	e := newEngine(samplePub(), Options{}, newFontSet(doc.Fonts{}, nil))
	e.chapter = &doc.Chapter{ID: "x"}
	for n := 1; n <= 6; n++ {
		lines := e.paragraph(P(T(strings.Repeat("word ", 12*n))), e.bodyCtx(), nil)
		var keeps []bool
		for _, l := range lines {
			keeps = append(keeps, l.keep)
		}
		for i, k := range keeps {
			want := len(keeps) > 1 && (i == 0 || i == len(keeps)-2)
			if k != want {
				t.Errorf("%d lines: keep marks %v", len(keeps), keeps)
				break
			}
		}
	}
}

// TestOverfull: a URL breaks at its slashes and escapes, in a link or
// not, so only a word that cannot break at all is too wide, and that is a
// warning at its block.
func TestOverfull(t *testing.T) {
	f := source.NewFile("chapters/a.md", []byte("first\nsecond\n"))
	url := "https://dpmc.govt.nz/sites/default/files/2020-12/The%20Application%20of%20International%20Law%20to%20State%20Activity%20in%20Cyberspace.pdf"
	pub := samplePub()
	pub.Parts = nil
	pub.Chapters = pub.Chapters[:1]
	pub.Chapters[0].Blocks = []doc.Block{
		&doc.Para{Span: f.At(0), Inlines: []doc.Inline{T("Plain: " + url + " and linked: "), &doc.Link{URL: url, Inlines: []doc.Inline{T(url)}}}},
		&doc.Para{Span: f.At(6), Inlines: []doc.Inline{T("Unbreakable: " + strings.Repeat("0123456789", 20))}},
	}
	_, diags := Render(pub, Options{Epoch: epoch})
	var got []string
	for _, d := range diags {
		got = append(got, d.Position().String()+" "+d.Code)
	}
	if strings.Join(got, "\n") != "chapters/a.md:2:1 pdf-overfull" {
		t.Errorf("diagnostics:\n%s", strings.Join(got, "\n"))
	}
}

// TestFiguresFloat: a figure that does not fit where it stands opens the
// next page, the text after it filling the page before, and figures keep
// their order.
func TestFiguresFloat(t *testing.T) {
	moved := 0
	for before := 2; before < 16; before++ {
		pub := samplePub()
		pub.Parts = nil
		fig := pub.Assets[1]
		ch := pub.Chapters[1]
		ch.Norm = nil
		var blocks []doc.Block
		for i := range before {
			blocks = append(blocks, NP(i+1, T(lorem)))
		}
		blocks = append(blocks, &doc.Figure{Attr: doc.Attr{ID: "fig:a"}, Num: 1, Asset: fig, Caption: []doc.Inline{T("First.")}},
			&doc.Figure{Attr: doc.Attr{ID: "fig:b"}, Num: 2, Asset: fig, Caption: []doc.Inline{T("Second.")}})
		for i := range 12 {
			blocks = append(blocks, NP(before+i+1, T(lorem)))
		}
		ch.Blocks = blocks
		pub.Chapters = []*doc.Chapter{ch}
		e := newEngine(pub, Options{}, newFontSet(doc.Fonts{}, nil))
		pages := e.paginate(e.galley())
		anchors := e.locate(pages)
		a, b := anchors[anchorKey(ch.ID, "fig:a")], anchors[anchorKey(ch.ID, "fig:b")]
		next := anchors[anchorKey(ch.ID, fmt.Sprintf("p%d", before+1))]
		if b.page < a.page || (b.page == a.page && b.y <= a.y) {
			t.Fatalf("%d before: figures at %+v and %+v: out of order", before, a, b)
		}
		if next.page > a.page || (next.page == a.page && next.y > a.y) {
			continue // the text after it follows it: it stayed where it stands
		}
		moved++
		if a.y != e.g.top {
			t.Errorf("%d before: a moved figure at y %.1f, want the top of its page (%.1f)", before, a.y, e.g.top)
		}
		prev := pages[a.page-1]
		last := prev.items[len(prev.items)-1]
		if used := last.y + last.it.h; used < 0.85*e.g.textH {
			t.Errorf("%d before: the page before the figure is only %.0f%% full", before, 100*used/e.g.textH)
		}
	}
	if moved == 0 {
		t.Error("no figure had to move: the test does not test anything")
	}
}

// TestDisplays: the norm box with its label, a numbered figure caption,
// and a long table whose every continuation page opens with "(continued)"
// and the header row again, its rows in order.
func TestDisplays(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	texts := pageTexts(t, res.Data)
	all := strings.Join(texts, "\f")
	for _, want := range []string{"Norm 13(c) — Territory not used for wrongful acts", "Figure 1. States that have reported", "Table 1. Statements by States"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in the text", want)
		}
	}
	header := regexp.MustCompile(`(?m)^\s*State\s+Statement\s+Year\s*$`)
	row := regexp.MustCompile(`(?m)^\s*State\s+(\d+)\s`)
	continued, last := 0, 0
	for _, pt := range texts {
		rows := row.FindAllStringSubmatch(pt, -1)
		if len(rows) == 0 {
			continue
		}
		if !header.MatchString(pt) {
			t.Errorf("a page with rows %s… has no header row", rows[0][1])
		}
		if n, _ := strconv.Atoi(rows[0][1]); n > 1 {
			continued++
			if !strings.Contains(pt, "Table 1 (continued)") {
				t.Errorf("the page with rows from %d lacks 'Table 1 (continued)'", n)
			}
		}
		for _, r := range rows {
			n, _ := strconv.Atoi(r[1])
			if n != last+1 {
				t.Errorf("row %d follows row %d", n, last)
			}
			last = n
		}
	}
	if continued == 0 || last != 45 {
		t.Errorf("the table ran over %d continuation pages and ended at row %d, want at least 1 and 45", continued, last)
	}
}

// TestParagraphNumbersInMargin: numbered paragraphs carry their number in
// the outer margin: right of the text on rectos, left of it on versos.
func TestParagraphNumbersInMargin(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	path := tooltest.Need(t, "pdftotext")
	out, err := exec.Command(path, "-bbox", keep(t, "bbox.pdf", res.Data), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	g := pageGeometry("royal")
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(\d+)</word>`)
	found := map[string]bool{}
	for i, pg := range strings.Split(string(out), "<page ")[1:] {
		phys := i + 1
		left := g.textLeft(phys)
		for _, m := range word.FindAllStringSubmatch(pg, -1) {
			x0, _ := strconv.ParseFloat(m[1], 64)
			y0, _ := strconv.ParseFloat(m[2], 64)
			x1, _ := strconv.ParseFloat(m[3], 64)
			if y0 < g.top || y0 > g.top+g.textH {
				continue // running heads and folios
			}
			if (phys%2 == 1 && x0 > left+g.textW) || (phys%2 == 0 && x1 < left) {
				found[m[4]] = true
			}
		}
	}
	for n := 1; n <= 7; n++ {
		if !found[strconv.Itoa(n)] {
			t.Errorf("paragraph number %d is not in an outer margin (found %v)", n, found)
		}
	}
}

// TestTallTableRow: a row with more text than a page holds is cut between
// lines over several pages, never past the foot of a page.
func TestTallTableRow(t *testing.T) {
	pub := samplePub()
	pub.Parts = nil
	ch := pub.Chapters[1]
	ch.Norm = nil
	ch.Blocks = []doc.Block{&doc.Table{Num: 1,
		Head: []doc.Row{{{Inlines: []doc.Inline{T("A")}}, {Inlines: []doc.Inline{T("B")}}}},
		Body: []doc.Row{
			{{Inlines: []doc.Inline{T("short")}}, {Inlines: []doc.Inline{T("row")}}},
			{{Inlines: []doc.Inline{T("tall")}}, {Inlines: []doc.Inline{T(strings.Repeat(lorem+" ", 12) + "zlastwordz")}}},
		}}}
	pub.Chapters = []*doc.Chapter{ch}
	e := newEngine(pub, Options{}, newFontSet(doc.Fonts{}, nil))
	pages := e.paginate(e.galley())
	found := false
	for i, p := range pages {
		for _, pl := range p.items {
			if pl.y+pl.it.h > e.g.textH+eps {
				t.Errorf("page %d: an item ends %.1f pt below the text block", i+1, pl.y+pl.it.h-e.g.textH)
			}
			for _, o := range pl.it.ops {
				found = found || strings.Contains(o.s, "zlastwordz")
			}
		}
	}
	if !found {
		t.Error("the end of the tall row was lost")
	}
}

// TestFlushBottom: pages inside a chapter end level with the text block
// (or its footnotes) when they have spaces to spread the rest over. A
// page whose next line ends hyphenated ends a line early (no word is
// broken across a page: TestNoWordBrokenAcrossPages), and is counted
// apart: that rule wins over level pages.
func TestFlushBottom(t *testing.T) {
	e := newEngine(longPub(60), Options{}, newFontSet(doc.Fonts{}, nil))
	pages := e.paginate(e.galley())
	level, total, short := 0, 0, 0
	for i, p := range pages {
		if p.kind != pageText || len(p.items) == 0 || i+1 == len(pages) || pages[i+1].opening || pages[i+1].kind != pageText {
			continue
		}
		if next := firstLine(pages[i+1].items); next != nil && next.hyph {
			used := 0.0
			for _, pl := range p.items {
				used += pl.it.h
			}
			if used+next.h <= p.noteTop+eps {
				short++ // it would have fitted
				continue
			}
		}
		k := len(p.items)
		for k > 0 && p.items[k-1].it.space {
			k--
		}
		last := p.items[k-1]
		total++
		if p.noteTop-(last.y+last.it.h) < 0.5 {
			level++
		}
	}
	t.Logf("%d of %d pages end level; %d end a line early, before a hyphenated line", level, total, short)
	if level*10 < total*8 {
		t.Errorf("only %d of %d pages end level with the text block", level, total)
	}
}

// TestRightEdges: justified lines end exactly at the measure, read back
// from the PDF (poppler's own glyph widths, kerning included): the layout
// measures as the drawing draws.
func TestRightEdges(t *testing.T) {
	res := renderFixture(t, "long", func() *doc.Publication { return longPub(60) })
	out, err := exec.Command(tooltest.Need(t, "pdftotext"), "-bbox", keep(t, "edges.pdf", res.Data), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	g := pageGeometry("royal")
	word := regexp.MustCompile(`<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">`)
	exact, near := 0, 0
	for i, pg := range strings.Split(string(out), "<page ")[1:] {
		right := g.textLeft(i+1) + g.textW
		ends := map[string]float64{}
		for _, m := range word.FindAllStringSubmatch(pg, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			ends[m[2]] = max(ends[m[2]], x)
		}
		for _, x := range ends {
			switch d := x - right; {
			case d > -0.05 && d < 0.05:
				exact++
			case d > -2 && d < 3:
				near++ // a ragged last line that happens to end close, or an error
			}
		}
	}
	t.Logf("%d lines end exactly at the measure, %d within 2 pt of it", exact, near)
	if exact < 1000 || near*20 > exact {
		t.Errorf("%d exact and %d near: right edges do not line up", exact, near)
	}
}

// TestGeneratedNoteDiagnostics: a glyph no font has inside a note the
// citation processor made (no span of its own) is reported at the
// paragraph that carries the note.
func TestGeneratedNoteDiagnostics(t *testing.T) {
	f := source.NewFile("chapters/b.md", []byte("para one\n"))
	b := &Notes{}
	pub := samplePub()
	pub.Parts = nil
	ch := b.Chapter(&doc.Chapter{ID: "x", Title: []doc.Inline{T("X")}})
	n := b.AutoCite("k", T("A title in 日本"))
	ch.Blocks = []doc.Block{&doc.Para{Span: f.At(0), Inlines: []doc.Inline{T("Text"), n}}}
	pub.Chapters = []*doc.Chapter{ch}
	_, diags := Render(pub, Options{Epoch: epoch})
	if len(diags) != 2 || diags[0].Position().String() != "chapters/b.md:1:1" {
		t.Errorf("diagnostics: %v", diags)
	}
}

// TestURLBreaks: a URL or DOI breaks after a slash and before a dot (and
// the other places The Chicago Manual of Style gives), never inside "//"
// and never leaving the punctuation at the end of a line.
func TestURLBreaks(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want string // "|" where a break may come
	}{
		{"https://doi.org/10.1017/S0020", "https://|doi|.org/|10|.1017/|S0020"},
		{"https://example.org/a_b-c?x=1&y=2#top", "https://|example|.org/|a|_b|-c|?x|=|1|&|y|=|2|#top"},
		{"www.un.org/law%20review", "www|.un|.org/|law|%20review"},
	} {
		var b strings.Builder
		prev := rune(0)
		for _, r := range tc.url {
			if _, ok := urlBreak(prev, r); ok && prev != 0 {
				b.WriteByte('|')
			}
			b.WriteRune(r)
			prev = r
		}
		if b.String() != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.url, b.String(), tc.want)
		}
	}
}

// TestReferencesRagged: a reference list is set ragged right with its
// hanging indent: every word space is the font's natural space (none
// stretched, as justification stretched them to 14 pt), lines end short
// of the measure by different amounts, and no word is hyphenated.
func TestReferencesRagged(t *testing.T) {
	e := newEngine(longPub(60), Options{}, newFontSet(doc.Fonts{}, nil))
	items := e.galley()
	lines, short, maxGap := 0, 0, 0.0
	for _, it := range items {
		var prev *op
		bib := false
		for k := range it.ops {
			o := &it.ops[k]
			if o.kind != opText || o.tag <= 0 {
				continue
			}
			if e.tags.get(o.tag).role != "BibEntry" {
				prev = nil
				continue
			}
			bib = true
			if o.hyph {
				t.Errorf("a reference is hyphenated: %q", o.s)
			}
			if prev != nil && prev.y == o.y {
				gap := o.x - (prev.x + e.fonts.width(prev.face, prev.s, prev.size))
				space := e.fonts.width(o.face, " ", o.size)
				maxGap = max(maxGap, gap-space)
			}
			prev = o
		}
		if bib && prev != nil {
			lines++
			if end := prev.x + e.fonts.width(prev.face, strings.TrimRight(prev.s, " "), prev.size); end < e.g.textW-3 {
				short++
			}
		}
	}
	if lines < 100 {
		t.Fatalf("only %d reference lines in the long document", lines)
	}
	if maxGap > 0.01 {
		t.Errorf("a word space in a reference is stretched by %.2f pt", maxGap)
	}
	if short*3 < lines {
		t.Errorf("%d of %d reference lines end 3 pt or more short of the measure: not ragged", short, lines)
	}
}

// firstLine is the first line with text in items.
func firstLine(items []placed) *vitem {
	for _, pl := range items {
		if !pl.repeat && lineHasText(pl.it) {
			return pl.it
		}
	}
	return nil
}
