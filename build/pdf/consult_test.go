package pdf_test

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/pdf"
)

// The consultation edition of the PDF (issue 17): a mark on every page, a
// cover note with the deadline and where comments go, chapters in draft or
// under review marked as such, and line numbers in the margin restarting
// on each page, drawn as artifacts.

var testConsultation = &doc.Consultation{Deadline: "2027-01-31", Email: "comments@example.org", Form: "https://example.org/consult?draft=1"}

// consultationPub is the sample with chapter 1 a draft, chapter 2 under
// review and the rest final.
func consultationPub(c *doc.Consultation) *doc.Publication {
	pub := pdf.SamplePub()
	pub.Consultation = c
	for _, ch := range pub.Chapters {
		switch ch.ID {
		case "13c":
			ch.Status = "draft"
		case "13f":
			ch.Status = "review"
		default:
			ch.Status = "final"
		}
	}
	return pub
}

func renderPub(t *testing.T, pub *doc.Publication) []byte {
	t.Helper()
	res, diags := pdf.Render(pub, pdf.Options{Epoch: 1767225600})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return res.Data
}

// runOn runs a poppler tool on a PDF and returns its standard output.
func runOn(t *testing.T, data []byte, name string, args ...string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tooltest.Need(t, name), append(args, f, "-")...).Output()
	if name == "pdfinfo" {
		out, err = exec.Command(tooltest.Need(t, name), append(args, f)...).Output()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

func TestConsultationPDF(t *testing.T) {
	res, diags := pdf.Render(consultationPub(testConsultation), pdf.Options{Epoch: 1767225600})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	data := res.Data
	blank := map[int]bool{}
	for _, n := range res.Typography.Blank {
		blank[n] = true
	}
	d := parsePDF(t, data)
	for _, v := range checkUA(d) {
		t.Error(v)
	}
	qpdfCheck(t, data)

	pages := strings.Split(runOn(t, data, "pdftotext", "-enc", "UTF-8"), "\f")
	pages = pages[:len(pages)-1]
	mark := "Consultation draft — comments by 31 January 2027"
	// Every page but a blank one, which is blank (issue 19).
	for i, p := range pages {
		switch {
		case blank[i+1] && strings.TrimSpace(p) != "":
			t.Errorf("blank page %d has text:\n%.300s", i+1, p)
		case !blank[i+1] && !strings.Contains(p, mark):
			t.Errorf("page %d has no consultation mark:\n%.300s", i+1, p)
		}
	}
	if len(blank) == 0 {
		t.Error("no blank page: the test needs one")
	}
	// The cover note on the title page's verso: what, until when, where.
	// (Compared without spaces: a URL breaks across lines after a '/'.)
	nospace := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if note := nospace(pages[1]); !strings.Contains(note, nospace(testConsultation.Sentence(nil))) ||
		!strings.Contains(note, nospace("Comments by e-mail to comments@example.org")) ||
		!strings.Contains(note, nospace("Comment form: https://example.org/consult?draft=1")) {
		t.Errorf("the cover note is not on page 2:\n%s", pages[1])
	}
	uris := map[string]int{}
	for _, ref := range pageRefs(d) {
		if ref.index != 1 {
			continue
		}
		for _, a := range d.arr(ref.dict["/Annots"]) {
			uris[d.str(d.dict(d.dict(a)["/A"])["/URI"])]++
		}
	}
	for _, u := range []string{"mailto:comments@example.org", testConsultation.Form} {
		if uris[u] != 1 {
			t.Errorf("the cover note links %q %d times, want once (links: %v)", u, uris[u], uris)
		}
	}

	// Status lines under the titles of the draft and the chapter under
	// review, and beside their running heads; none for final chapters.
	all := strings.Join(pages, "\f")
	for _, s := range []string{"Draft chapter: not yet reviewed by its working group.", "Chapter under review: open for comment."} {
		if n := strings.Count(all, s); n != 1 {
			t.Errorf("%q appears %d times, want once", s, n)
		}
	}
	heads := map[string]int{}
	for _, p := range pages {
		for _, h := range []string{"Draft · Norm 13(c)", "Under review · Norm 13(f)", "Draft · Foreword", "Under review · Foreword", "· Bibliography"} {
			if strings.Contains(p, h) {
				heads[h]++
			}
		}
	}
	// (Chapter 2 has no recto after its opening, so no running head.)
	if heads["Draft · Norm 13(c)"] == 0 {
		t.Errorf("running heads of chapters not final are not marked: %v", heads)
	}
	if heads["Draft · Foreword"]+heads["Under review · Foreword"]+heads["· Bibliography"] > 0 {
		t.Errorf("final chapters are marked: %v", heads)
	}

	// The structure has the note and the status lines, and not the marks
	// or the line numbers: a paragraph running over several numbered
	// lines reads as its words, in pdftotext's text as in the structure.
	st := runOn(t, data, "pdfinfo", "-struct-text")
	for _, s := range []string{"Consultation draft.", "Draft chapter: not yet reviewed", "comments@example.org"} {
		if !strings.Contains(st, s) {
			t.Errorf("the structure has no %q", s)
		}
	}
	if strings.Contains(st, "comments by 31 January") {
		t.Error("the page mark is in the structure")
	}
	var long string
	for _, ch := range consultationPub(testConsultation).Chapters {
		if ch.ID != "13c" {
			continue
		}
		for _, b := range ch.Blocks {
			if p, ok := b.(*doc.Para); ok && p.Num == 4 {
				long = norm(doc.PlainText(p.Inlines))
			}
		}
	}
	if len(strings.Fields(long)) < 100 {
		t.Fatalf("the sample's paragraph 4 is not long (%d words)", len(strings.Fields(long)))
	}
	if !strings.Contains(norm(strings.ReplaceAll(structWords(st), "\u00ad", "")), long) {
		t.Errorf("paragraph 4 does not read whole in the structure")
	}
	// pdftotext reads the numbers as a column of their own: each page's
	// lines of text are those of the same page without numbers, but for
	// lines of numbers only (the order of side-by-side blocks, a
	// definition list's terms or a table's right-aligned column, may
	// differ, as pdftotext guesses columns).
	res, diags = pdf.Render(consultationPub(testConsultation), pdf.WithoutLineNumbers(pdf.Options{Epoch: 1767225600}))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	bare := strings.Split(runOn(t, res.Data, "pdftotext", "-enc", "UTF-8"), "\f")
	numberLine := regexp.MustCompile(`^[\d ]*$`)
	lines := func(page string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(page, "\n") {
			if !numberLine.MatchString(l) {
				m[l]++
			}
		}
		return m
	}
	for i := range pages {
		a, b := lines(pages[i]), lines(bare[i])
		for l, n := range a {
			if b[l] != n {
				t.Errorf("page %d: pdftotext's line %q (%d times) is not a line of the page without numbers (%d times)", i+1, l, n, b[l])
			}
		}
		for l, n := range b {
			if a[l] == 0 {
				t.Errorf("page %d: pdftotext's line %q (%d times) is lost with line numbers", i+1, l, n)
			}
		}
	}

	// Without a consultation: no mark, no note, no status, no numbers.
	plain := renderPub(t, consultationPub(nil))
	txt := runOn(t, plain, "pdftotext", "-enc", "UTF-8")
	for _, s := range []string{"Consultation draft", "Draft chapter", "under review", "Draft · "} {
		if strings.Contains(txt, s) {
			t.Errorf("a publication not out for consultation has %q", s)
		}
	}
	for _, pg := range pageLines(parsePDF(t, plain)) {
		if len(pg.numbers) > 0 {
			t.Errorf("page %d of a publication not out for consultation has line numbers", pg.index+1)
		}
	}
}

// structWords is the text of pdfinfo -struct-text: its quoted strings.
func structWords(st string) string {
	var b strings.Builder
	for _, m := range regexp.MustCompile(`"([^"]*)"`).FindAllStringSubmatch(st, -1) {
		b.WriteString(m[1])
		b.WriteByte(' ')
	}
	return b.String()
}

// TestLineNumbers: on every text page the line numbers in the number
// column read 1, 2, 3 … and number N stands at the baseline of the Nth
// line of text (body and notes, from the top), as an artifact; the column
// is in the margin beside the text, not inside it.
func TestLineNumbers(t *testing.T) {
	d := parsePDF(t, renderPub(t, consultationPub(testConsultation)))
	numbered := 0
	for _, pg := range pageLines(d) {
		if len(pg.lines) == 0 || pg.index < 2 {
			continue // the title page and the cover note's page have none
		}
		numbered++
		if len(pg.numbers) != len(pg.lines) {
			t.Errorf("page %d: %d line numbers for %d lines of text", pg.index+1, len(pg.numbers), len(pg.lines))
			continue
		}
		for i, n := range pg.numbers {
			if n.text != strconv.Itoa(i+1) || math.Abs(n.y-pg.lines[i]) > 0.05 {
				t.Errorf("page %d: line number %q at y %.2f, want %d at the baseline of line %d, y %.2f", pg.index+1, n.text, n.y, i+1, i+1, pg.lines[i])
				break
			}
			if !n.artifact {
				t.Errorf("page %d: line number %s is tagged content", pg.index+1, n.text)
			}
			// In the column beside the text: left of all of it on a
			// recto (odd page), right of every line's start on a verso.
			if (pg.index%2 == 0 && n.x >= pg.minX) || (pg.index%2 == 1 && n.x <= pg.maxX) {
				t.Errorf("page %d: line number %s at x %.1f is not beside the text (%.1f–%.1f)", pg.index+1, n.text, n.x, pg.minX, pg.maxX)
			}
		}
	}
	if numbered < 10 {
		t.Errorf("only %d pages with numbered lines", numbered)
	}
}

type pageRef struct {
	index int
	dict  map[string]any
}

func pageRefs(d *pdfDoc) []pageRef {
	cat := d.dict(d.trailer["/Root"])
	var out []pageRef
	var walk func(n any)
	walk = func(n any) {
		nd := d.dict(n)
		if nd["/Type"] == "/Page" {
			out = append(out, pageRef{len(out), nd})
			return
		}
		for _, k := range d.arr(nd["/Kids"]) {
			walk(k)
		}
	}
	walk(cat["/Pages"])
	return out
}

// textObj is one text object as a content stream draws it: where its
// first glyph starts (PDF coordinates), its size, whether it is in an
// artifact, and its characters (two-byte codes, which are Unicode here:
// the check of the ToUnicode maps is the PDF/UA checker's).
type textObj struct {
	x, y, size float64
	artifact   bool
	text       string
}

type pageText struct {
	index      int
	lines      []float64 // baselines of the lines of tagged text, top down
	numbers    []textObj // artifact numbers standing on those baselines, top down
	minX, maxX float64   // the leftmost and rightmost start of tagged text
}

// pageLines reads each page's text objects. A line of text is a baseline
// with tagged text on it, leaving out raised text (a superscript or a note
// mark): text that sits less than half the size of larger text above that
// text's baseline belongs to the larger text's line.
func pageLines(d *pdfDoc) []pageText {
	var out []pageText
	for _, ref := range pageRefs(d) {
		page := ref.dict
		var contents []byte
		if c, ok := page["/Contents"].([]any); ok {
			for _, s := range c {
				contents = append(contents, d.streamData(s)...)
				contents = append(contents, '\n')
			}
		} else {
			contents = d.streamData(page["/Contents"])
		}
		var objs []textObj
		var stack []bool // artifact or not, per open sequence
		size := 0.0
		var cur textObj
		for _, o := range tokenize(contents) {
			switch o.op {
			case "BMC", "BDC":
				stack = append(stack, len(o.args) > 0 && o.args[0] == "/Artifact")
			case "EMC":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case "Tf":
				if len(o.args) == 2 {
					size, _ = o.args[1].(float64)
				}
			case "BT":
				cur = textObj{size: size}
				for _, a := range stack {
					cur.artifact = cur.artifact || a
				}
			case "Td":
				if len(o.args) == 2 {
					cur.x, _ = o.args[0].(float64)
					cur.y, _ = o.args[1].(float64)
				}
			case "Tj", "TJ":
				var parts []any
				if a, ok := o.args[0].([]any); ok {
					parts = a
				} else {
					parts = o.args
				}
				for _, p := range parts {
					if s, ok := p.(string); ok && strings.HasPrefix(s, "(") {
						cur.text += utf16Text(s[1 : len(s)-1])
					}
				}
			case "ET":
				objs = append(objs, cur)
			}
		}
		pt := pageText{index: ref.index, minX: math.Inf(1), maxX: math.Inf(-1)}
		var ys []float64
		for _, o := range objs {
			if o.artifact || strings.TrimSpace(o.text) == "" {
				continue
			}
			raised := false
			for _, b := range objs {
				if !b.artifact && b.size > o.size && o.y-b.y > 0.01 && o.y-b.y < 0.5*b.size {
					raised = true
				}
			}
			if !raised {
				ys = append(ys, o.y)
			}
			pt.minX, pt.maxX = min(pt.minX, o.x), max(pt.maxX, o.x)
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(ys)))
		for _, y := range ys {
			if n := len(pt.lines); n == 0 || pt.lines[n-1]-y > 0.5 {
				pt.lines = append(pt.lines, y)
			}
		}
		for _, o := range objs {
			if !o.artifact || strings.Trim(o.text, "0123456789") != "" {
				continue
			}
			for _, y := range pt.lines {
				if math.Abs(o.y-y) < 0.5 {
					pt.numbers = append(pt.numbers, o)
					break
				}
			}
		}
		sort.SliceStable(pt.numbers, func(i, j int) bool { return pt.numbers[i].y > pt.numbers[j].y })
		out = append(out, pt)
	}
	return out
}

// utf16Text decodes a literal string's escapes and reads its bytes as
// UTF-16BE.
func utf16Text(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			default:
				b = append(b, s[i])
			}
			continue
		}
		b = append(b, s[i])
	}
	var r []rune
	for i := 0; i+1 < len(b); i += 2 {
		r = append(r, rune(b[i])<<8|rune(b[i+1]))
	}
	return string(r)
}
