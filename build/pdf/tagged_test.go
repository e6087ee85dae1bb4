package pdf

import (
	"os/exec"

	"github.com/normpress/normpress/build/doc"
	"regexp"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
)

// The tagged PDF as a reader with assistive technology meets it: the
// structure tree's text (pdfinfo -struct-text) in reading order, whole
// words, fonts under their real names.

// TestStructText: the structure's reading order is the main text, and
// each footnote after the block that was running when its page ended
// (notes are read at the page end, in their chapter's Sect); running
// heads and folios are not in it.
func TestStructText(t *testing.T) {
	pub := samplePub()
	res := renderFixture(t, "sample", samplePub)
	out := tool(t, res.Data, "pdfinfo", "-struct-text")
	if !strings.HasPrefix(out, "Document\n") {
		t.Fatalf("the structure does not start with Document:\n%.500s", out)
	}
	// Running heads repeat the publication's title on every verso: in
	// the structure it is on the title page and the imprint only.
	if n := strings.Count(out, `"`+pub.Title); n > 2 {
		t.Errorf("the publication's title is read %d times: running heads are in the structure", n)
	}
	// Every chapter is a Sect whose first child is its H1.
	if !regexp.MustCompile(`(?m)^  (Part\n    H1 \(block\)\n      "[^"]+"\n    )?Sect\n`).MatchString(out) {
		t.Errorf("no chapter Sect:\n%.3000s", out)
	}
	// The first note of the first chapter: its Reference comes before
	// the Note, the Note's text starts with its number, and both are in
	// the chapter's Sect, before the next chapter's H1.
	ref := strings.Index(out, "Reference (inline)")
	note := strings.Index(out, "Note <note-")
	if ref < 0 || note < 0 || note < ref {
		t.Fatalf("reference at %d, note at %d: want a Reference, then its Note", ref, note)
	}
	if !regexp.MustCompile(`Note <note-[^>]+> \(inline\)\n\s+"1 \S`).MatchString(out[note:]) {
		t.Errorf("the note is not read as its number, then its text:\n%.400s", out[note:])
	}
	// Words are apart: no line of struct text glues two words of a
	// sentence together across a space the page shows.
	for _, glued := range []string{"Commentaryonthe", "Chapter 1Norm"} {
		if strings.Contains(out, glued) {
			t.Errorf("words run together in the structure's text: %q", glued)
		}
	}
	for _, want := range []string{"TOC", "TOCI", "Link (inline)", "Table", "TH", "TD", "LI", "LBody", "Figure", "BlockQuote", "BibEntry"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in the structure", want)
		}
	}
}

// TestHyphenatedWordsExtractWhole: a word hyphenated at a line end comes
// out of pdftotext and of the structure whole, the hyphen being a soft
// hyphen.
func TestHyphenatedWordsExtractWhole(t *testing.T) {
	pub := samplePub()
	e := newEngine(pub, Options{}, newFontSet(pub.Options.Fonts, nil))
	pages := e.paginate(e.galley())
	// The words the layout hyphenated, each as its two halves.
	type split struct{ head, tail string }
	var splits []split
	for _, p := range pages {
		for i, pl := range p.items {
			ops := pl.it.ops
			for k, o := range ops {
				if !o.hyph || k == 0 || i+1 >= len(p.items) {
					continue
				}
				head := lastWord(ops[k-1].s)
				tail := ""
				for _, n := range p.items[i+1].it.ops {
					if n.kind == opText {
						tail = strings.Fields(n.s + " ")[0]
						break
					}
				}
				// The next line of the same paragraph goes on in lower case
				// (a table's next row does not).
				// A ligature is its letters in extracted text.
				head, tail = unligature.Replace(head), unligature.Replace(tail)
				if head != "" && tail != "" && strings.ToLower(tail[:1]) == tail[:1] {
					splits = append(splits, split{head, tail})
				}
			}
		}
	}
	if len(splits) < 3 {
		t.Fatalf("only %d hyphenated lines in the sample: the test needs some", len(splits))
	}
	res := renderFixture(t, "sample", samplePub)
	b, err := exec.Command(tooltest.Need(t, "pdftotext"), "-enc", "UTF-8", keep(t, "hyphen.pdf", res.Data), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// The hyphen a line break adds maps to U+00AD, the soft hyphen (the
	// "soft-hyphen mapping" of ISO 32000-1 14.8.2.2.3): a soft hyphen at a
	// line end says the word goes on, so the text is the words whole once
	// that is read as the standard says. A hyphen-minus at a line end in
	// front of a split word's tail would be a real hyphen, and is an error.
	text := strings.ReplaceAll(string(b), "\u00ad\n", "")
	for _, s := range splits {
		if tail := regexp.MustCompile(`^[\p{L}]+`).FindString(s.tail); tail != "" && strings.Contains(string(b), lastWord(s.head)+"-\n"+tail) {
			t.Errorf("%q + %q: pdftotext gives a hyphen-minus at the line end", s.head, s.tail)
		}
	}
	for _, s := range splits {
		whole := strings.TrimRight(s.head, "-") + strings.TrimLeft(s.tail, "")
		word := regexp.MustCompile(`[\p{L}]+$`).FindString(s.head) + regexp.MustCompile(`^[\p{L}]+`).FindString(s.tail)
		if word == "" {
			continue
		}
		if !strings.Contains(text, word) {
			t.Errorf("%q + %q: pdftotext does not give %q whole (%s)", s.head, s.tail, word, whole)
		}
	}
	// The structure's text (what assistive technology reads) has every
	// such word whole, without the hyphen between the halves. (No word
	// is broken over a page: TestNoWordBrokenAcrossPages.)
	st := tool(t, res.Data, "pdfinfo", "-struct-text")
	n := 0
	for _, s := range splits {
		head := regexp.MustCompile(`[\p{L}]+$`).FindString(s.head)
		tail := regexp.MustCompile(`^[\p{L}]+`).FindString(s.tail)
		if head == "" || tail == "" {
			continue
		}
		n++
		for _, split := range []string{head + "-" + tail, head + "\u00ad" + tail} {
			if strings.Contains(st, split) {
				t.Errorf("the struct text splits %q: it has %q", head+tail, split)
			}
		}
		if !strings.Contains(st, head+tail) {
			t.Errorf("the struct text lacks %q whole", head+tail)
		}
	}
	if n < 3 {
		t.Errorf("only %d hyphenated words checked in the struct text", n)
	}
}

var unligature = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl")

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// TestFontNames: pdffonts lists each font under its PostScript name with
// a subset tag, embedded, as a subset, with a Unicode map.
func TestFontNames(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	out := tool(t, res.Data, "pdffonts")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded as a subset with Unicode: %s", l)
		}
		if !regexp.MustCompile(`^[A-Z]{6}\+(Liberation|DejaVu)[A-Za-z]+(-[A-Za-z]+)?$`).MatchString(f[0]) {
			t.Errorf("font name %q is not a subset tag and a PostScript name", f[0])
		}
	}
}

// TestNoWordBrokenAcrossPages: no page ends, in its text or in its notes,
// with a hyphenated line whose word goes on overleaf. A reader would turn
// the page mid-word, and marked content ends with its page, so the halves
// would be two strings of the structure ("Sover" / "eignty": 54 times in
// the 300-page book before). Checked in the layout, and in poppler's
// reading of the structure, where such a word is a content string ending
// in a letter followed by one of the same element starting in a small
// letter.
func TestNoWordBrokenAcrossPages(t *testing.T) {
	for _, c := range []struct {
		name string
		pub  func() *doc.Publication
		// poppler reads the structure page by page, for each MCID: the
		// long book's struct text takes minutes, so it is read for the
		// sample and 30 pages of it.
		poppler bool
	}{{"sample", samplePub, true}, {"long30", func() *doc.Publication { return longPub(30) }, true}, {"long300", func() *doc.Publication { return longPub(300) }, false}} {
		pub := c.pub()
		e := newEngine(pub, Options{}, newFontSet(pub.Options.Fonts, nil))
		pages := e.paginate(e.galley())
		hyph := 0
		for pi, p := range pages {
			for li, list := range [2][]placed{p.items, p.notes} {
				for _, pl := range list {
					if pl.it.hyph {
						hyph++
					}
				}
				if pi+1 == len(pages) {
					continue
				}
				for i := len(list) - 1; i >= 0; i-- {
					if list[i].repeat || !lineHasText(list[i].it) {
						continue
					}
					if list[i].it.hyph {
						t.Errorf("%s: page %d ends its %s with a hyphenated line: %q", c.name, pi+1, [2]string{"text", "notes"}[li], lineText(list[i].it))
					}
					break
				}
			}
		}
		if hyph < 20 {
			t.Errorf("%s: only %d hyphenated lines: the test needs some", c.name, hyph)
		}
		if !c.poppler {
			continue
		}
		res, diags := Render(pub, Options{Epoch: epoch})
		if diags.HasErrors() {
			t.Fatal(diags.Err())
		}
		st := tool(t, res.Data, "pdfinfo", "-struct-text")
		split := regexp.MustCompile(`(?m)^( +)"[^"\n]*\p{L}"\n( +)"\p{Ll}[^"\n]{0,20}`)
		for _, m := range split.FindAllStringSubmatch(st, -1) {
			if m[1] == m[2] {
				t.Errorf("%s: a word in two strings of the structure: %q", c.name, m[0][max(0, len(m[0])-60):])
			}
		}
	}
}

func lineHasText(it *vitem) bool {
	for _, o := range it.ops {
		if o.kind == opText {
			return true
		}
	}
	return false
}

func lineText(it *vitem) string {
	var b strings.Builder
	for _, o := range it.ops {
		if o.kind == opText {
			b.WriteString(o.s + " ")
		}
	}
	return b.String()
}
