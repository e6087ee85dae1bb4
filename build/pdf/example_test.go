package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/pdf"
	"github.com/normpress/normpress/build/pipeline"
)

// The example project's commentary, resolved by the real pipeline and
// typeset here: the checks the issue names, on the book users get.

var example = sync.OnceValues(func() (*doc.Site, error) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return nil, err
	}
	res := pipeline.Build(pipeline.Options{Dir: filepath.Join(root, "chapters"), Prefix: "chapters/", Epoch: 1767225600})
	if !res.OK() {
		return nil, res.Diags.Err()
	}
	return res.Site, nil
})

var exampleRendered = struct {
	sync.Mutex
	m map[string]pdf.Result
}{m: map[string]pdf.Result{}}

func examplePDF(t *testing.T, id string) (*doc.Publication, pdf.Result) {
	t.Helper()
	site, err := example()
	if err != nil {
		t.Fatalf("the example project does not build: %v", err)
	}
	for _, p := range site.Pubs {
		if p.ID != id {
			continue
		}
		exampleRendered.Lock()
		defer exampleRendered.Unlock()
		if res, ok := exampleRendered.m[id]; ok {
			return p, res
		}
		res, diags := pdf.Render(p, pdf.Options{Epoch: site.Epoch, Producer: "normpress test"})
		if diags.HasErrors() {
			t.Fatal(diags.Err())
		}
		exampleRendered.m[id] = res
		return p, res
	}
	t.Fatalf("no publication %q", id)
	return nil, pdf.Result{}
}

func text(t *testing.T, data []byte) []string {
	t.Helper()
	path := tooltest.Need(t, "pdftotext")
	f := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "-layout", "-enc", "UTF-8", f, "-")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil || errb.Len() > 0 {
		t.Fatalf("pdftotext: %v %s", err, errb.String())
	}
	return strings.Split(string(out), "\f")
}

func qpdfCheck(t *testing.T, data []byte) {
	path := tooltest.Need(t, "qpdf")
	f := filepath.Join(t.TempDir(), "x.pdf")
	_ = os.WriteFile(f, data, 0o644)
	out, _ := exec.Command(path, "--check", f).CombinedOutput()
	if !strings.Contains(string(out), "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	fonts, err := exec.Command(tooltest.Need(t, "pdffonts"), f).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(fonts)), "\n")[2:] {
		if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

// norm flattens page text for searching: one space between words, and
// words hyphenated at a line end joined again.
func norm(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return regexp.MustCompile(`(\p{Ll})- (\p{Ll})`).ReplaceAllString(s, "$1$2")
}

func TestExampleValid(t *testing.T) {
	for _, id := range []string{"commentary", "guidelines", "digest-2025"} {
		t.Run(id, func(t *testing.T) {
			_, res := examplePDF(t, id)
			qpdfCheck(t, res.Data)
			text(t, res.Data) // poppler parses every content stream without complaint
		})
	}
}

// TestExampleFootnotes: each note of the commentary starts on the page of
// its mark. A mark is found by the words before it in its paragraph, with
// the number attached ("the norms.3"); a note by its first words.
func TestExampleFootnotes(t *testing.T) {
	pub, res := examplePDF(t, "commentary")
	pages := text(t, res.Data)
	flat := make([]string, len(pages))
	for i, p := range pages {
		flat[i] = norm(p)
	}
	find := func(needle string) []int {
		var at []int
		for i, p := range flat {
			if strings.Contains(p, needle) {
				at = append(at, i)
			}
		}
		return at
	}
	checked, ambiguous := 0, 0
	for _, ch := range pub.Chapters {
		// The words just before each note mark, in reading order.
		var before []string
		var prev strings.Builder
		var walk func(ins []doc.Inline)
		walk = func(ins []doc.Inline) {
			for _, in := range ins {
				switch n := in.(type) {
				case *doc.Note:
					before = append(before, prev.String())
				case *doc.Text:
					prev.WriteString(n.Value)
				case *doc.SoftBreak:
					prev.WriteString(" ")
				default:
					if _, ok := in.(*doc.XRef); ok {
						prev.Reset() // its text is set by the renderer
						continue
					}
					walk(doc.Children(in))
				}
			}
		}
		doc.Visitor{Block: func(b doc.Block) bool {
			if p, ok := b.(*doc.Para); ok {
				prev.Reset()
				walk(p.Inlines)
				return false
			}
			return true
		}}.WalkBlocks(ch.Blocks)
		if len(before) != len(ch.Notes) {
			continue // notes in headings or tables: not this test's business
		}
		for i, n := range ch.Notes {
			words := strings.Fields(before[i])
			if len(words) < 3 {
				ambiguous++
				continue
			}
			mark := strings.Join(words[len(words)-3:], " ") + strconv.Itoa(n.Num)
			body := strings.Fields(norm(doc.BlocksText(n.Blocks)))
			if len(body) < 4 {
				ambiguous++
				continue
			}
			start := strconv.Itoa(n.Num) + " " + strings.Join(body[:4], " ")
			mp, np := find(mark), find(start)
			if len(mp) != 1 || len(np) != 1 {
				ambiguous++
				continue
			}
			if mp[0] != np[0] {
				t.Errorf("%s note %d: mark on page %d, note starts on page %d", ch.ID, n.Num, mp[0]+1, np[0]+1)
			}
			checked++
		}
	}
	t.Logf("%d notes checked, %d could not be located unambiguously", checked, ambiguous)
	if checked < 200 {
		t.Errorf("only %d notes located", checked)
	}
}

// TestExampleContents: the contents' page numbers are the pages the
// sections start on, by the page labels a viewer shows.
func TestExampleContents(t *testing.T) {
	_, res := examplePDF(t, "commentary")
	pages := text(t, res.Data)
	var toc []string
	first := -1
	for i, p := range pages {
		if strings.Contains(p, ". . . .") {
			toc = append(toc, p)
		} else if first < 0 && len(toc) > 0 && strings.Contains(p, "Part I") && !strings.Contains(p, "Contents") {
			first = i // the first body page: arabic 1
		}
	}
	if len(toc) == 0 || first < 0 {
		t.Fatal("no contents or no Part I page")
	}
	label := func(i int) string {
		if i >= first {
			return strconv.Itoa(i - first + 1)
		}
		return "front"
	}
	leader := regexp.MustCompile(`^\s*(\d+\.\d+)\s+(.*?)\s*(?:\.\s?)+\s+(\d+)\s*$`)
	checked := 0
	for _, line := range strings.Split(strings.Join(toc, "\n"), "\n") {
		m := leader.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		head := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(m[1]) + `\s+` + regexp.QuoteMeta(strings.Fields(m[2])[0]))
		found := -1
		for i, p := range pages {
			if i >= first && head.MatchString(p) {
				found = i
				break
			}
		}
		if found < 0 {
			t.Errorf("section %s not found", m[1])
			continue
		}
		if label(found) != m[3] {
			t.Errorf("section %s: contents say p. %s, it starts on p. %s", m[1], m[3], label(found))
		}
		checked++
	}
	if checked < 30 {
		t.Errorf("only %d sections checked", checked)
	}
}

// TestExamplePageRefs: every "section 3.2, p. 31" in the commentary names
// the page the section starts on, and every "norm 13(c), p. 27" the page
// its chapter opens on.
func TestExamplePageRefs(t *testing.T) {
	_, res := examplePDF(t, "commentary")
	pages := text(t, res.Data)
	first := -1
	for i, p := range pages {
		if i > 2 && strings.Contains(p, "Part I") && !strings.Contains(p, ". . . .") {
			first = i
			break
		}
	}
	if first < 0 {
		t.Fatal("no Part I page")
	}
	ref := regexp.MustCompile(`section (\d+\.\d+), p\. (\d+)`)
	checked := 0
	for _, p := range pages {
		for _, m := range ref.FindAllStringSubmatch(norm(p), -1) {
			head := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(m[1]) + `\s+\p{Lu}`)
			found := -1
			for i := first; i < len(pages); i++ {
				if head.MatchString(pages[i]) {
					found = i
					break
				}
			}
			if found < 0 {
				t.Errorf("section %s not found", m[1])
				continue
			}
			if got := strconv.Itoa(found - first + 1); got != m[2] {
				t.Errorf("section %s: the reference says p. %s, it starts on p. %s", m[1], m[2], got)
			}
			checked++
		}
	}
	normRef := regexp.MustCompile(`norm (13\([a-k]\)), p\. (\d+)`)
	for _, p := range pages {
		for _, m := range normRef.FindAllStringSubmatch(norm(p), -1) {
			found := -1
			for i := first; i < len(pages); i++ {
				if regexp.MustCompile(`Chapter \d+ Norm ` + regexp.QuoteMeta(m[1]) + `:`).MatchString(norm(pages[i])) {
					found = i
					break
				}
			}
			if found < 0 {
				t.Errorf("chapter of norm %s not found", m[1])
				continue
			}
			if got := strconv.Itoa(found - first + 1); got != m[2] {
				t.Errorf("norm %s: the reference says p. %s, its chapter opens on p. %s", m[1], m[2], got)
			}
			checked++
		}
	}
	if checked < 40 {
		t.Errorf("only %d page references checked", checked)
	}
}

// knownTypography are the report's findings on the example that are still
// open, each with its reason; any other finding fails TestTypography, and
// so does a listed one that is gone (take it off the list).
var knownTypography = map[string][]string{
	// A footnote line before a long title that has no break point
	// ("‘The Application of International Law…" after a ministry's
	// name): Knuth–Plass's last pass takes a 4.8-space line rather than
	// an overfull one. TeX's \emergencystretch would spread it over the
	// paragraph; not done yet.
	"commentary": {"space"},
}

// TestTypography: the typesetter's report on every example PDF is a clean
// proof (pdf.Typography.Problems gives the rules and their thresholds),
// but for the findings listed in knownTypography, and its blank pages are
// blank to the reader: no running head, folio or mark in their text.
func TestTypography(t *testing.T) {
	for _, id := range []string{"commentary", "guidelines", "guidelines-fr", "digest-2025"} {
		t.Run(id, func(t *testing.T) {
			_, res := examplePDF(t, id)
			rep := res.Typography
			t.Logf("%s:\n%s", id, rep)
			known := map[string]bool{}
			for _, r := range knownTypography[id] {
				known[r] = true
			}
			for _, p := range rep.Problems() {
				if known[p.Rule] {
					t.Logf("known: %s", p)
					delete(known, p.Rule)
					continue
				}
				t.Error(p)
			}
			for r := range known {
				t.Errorf("%s: the known finding %q is gone: take it off knownTypography", id, r)
			}
			if rep.Lines < 100 {
				t.Errorf("only %d lines in the report", rep.Lines)
			}
			pages := text(t, res.Data)
			for _, n := range rep.Blank {
				if n > len(pages) || strings.TrimSpace(pages[n-1]) != "" {
					t.Errorf("blank page %d is not blank: %q", n, pages[min(n, len(pages))-1])
				}
			}
		})
	}
}
