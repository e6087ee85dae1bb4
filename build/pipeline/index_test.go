package pipeline

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/index"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/numeral"
	"github.com/normpress/normpress/build/site"
)

// TestSubjectIndexResolves: the example commentary's subject index has at
// least 150 entries, and every locator resolves in every format. The
// locators are read from the model (in reading order), then from each
// output, and must agree one for one: in HTML and EPUB each links to an
// element with that id in the chapter it names; in the PDF each carries a
// page number, the page exists, and the paragraph the locator names
// starts on it (read back with poppler).
func TestSubjectIndexResolves(t *testing.T) {
	qpdf := tooltest.Need(t, "qpdf")
	pdftotext := tooltest.Need(t, "pdftotext")
	o := exampleOptions(t)
	o.Formats = []string{"html", "epub", "pdf"}
	o.Pubs = []string{"commentary"}
	res := Build(o)
	if !res.OK() {
		t.Fatalf("build: %v", res.Diags.Err())
	}
	for _, d := range res.Diags {
		if strings.HasPrefix(d.Code, "index") {
			t.Errorf("the example's index: %v", d)
		}
	}
	pub := res.Site.Pubs[0]
	var ix *doc.Chapter
	for _, ch := range pub.Chapters {
		if ch.Kind == "index" {
			ix = ch
		}
	}
	if ix == nil {
		t.Fatal("the commentary has no subject index")
	}
	type loc struct{ chapter, anchor, end, text string }
	var locs []loc
	entries, sees := 0, 0
	doc.Visitor{
		Block: func(b doc.Block) bool {
			if d, ok := b.(*doc.Div); ok && d.Attr.HasClass(index.ClassEntry) {
				entries++
			}
			return true
		},
		Inline: func(in doc.Inline) bool {
			switch n := in.(type) {
			case *doc.XRef:
				for _, it := range n.Items {
					if it.Kind == index.Kind {
						l := loc{chapter: it.Target.Chapter, anchor: it.Target.Anchor, text: it.Text}
						if it.End != nil {
							l.end = it.End.Anchor
						}
						locs = append(locs, l)
					}
				}
			case *doc.Link:
				sees++
			}
			return true
		},
	}.WalkBlocks(ix.Blocks)
	if entries < 150 {
		t.Errorf("the index has %d entries, want at least 150", entries)
	}
	if sees == 0 || len(locs) < 500 {
		t.Errorf("%d locators and %d see references: too few to be the example's index", len(locs), sees)
	}
	paraStart := map[[2]string]string{} // chapter, anchor → the paragraph's first words
	for _, ch := range pub.Chapters {
		for _, b := range ch.Blocks {
			if p, ok := b.(*doc.Para); ok && p.Num > 0 {
				w := strings.Fields(doc.PlainText(p.Inlines))
				paraStart[[2]string{ch.ID, p.Attr.ID}] = strings.Join(w[:min(2, len(w))], " ")
			}
		}
	}

	// HTML and EPUB: the same locators, in the same order, each linking to
	// an element that exists.
	link := regexp.MustCompile(`<span class="xref"><a href="([^"#]*)#([^"]*)">([^<]*)</a></span>`)
	check := func(format, page string, read func(file string) (string, bool)) {
		ms := link.FindAllStringSubmatch(page, -1)
		if len(ms) != len(locs) {
			t.Errorf("%s: %d locators, the model has %d", format, len(ms), len(locs))
			return
		}
		for i, m := range ms {
			l := locs[i]
			if m[3] != l.text || m[2] != l.anchor || !strings.HasPrefix(path.Base(m[1]), l.chapter+".") {
				t.Errorf("%s: locator %d is %q → %s#%s, the model's %q → %s#%s", format, i, m[3], m[1], m[2], l.text, l.chapter, l.anchor)
				continue
			}
			target, ok := read(m[1])
			if !ok {
				t.Errorf("%s: locator %q links to %s, which is not there", format, m[3], m[1])
				continue
			}
			if !strings.Contains(target, `id="`+m[2]+`"`) {
				t.Errorf("%s: locator %q links to %s#%s: no element has that id", format, m[3], m[1], m[2])
			}
		}
	}
	htmlPath := site.ChapterPath(pub.ID, ix.ID)
	htmlPage := readOut(t, o.Out, htmlPath)
	check("html", htmlPage, func(f string) (string, bool) {
		return readOut(t, o.Out, path.Join(path.Dir(htmlPath), f)), true
	})
	zr, err := zip.OpenReader(filepath.Join(o.Out, "commentary.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".xhtml") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			files[f.Name] = string(b)
		}
	}
	epubPage, ok := files["OEBPS/text/"+ix.ID+".xhtml"]
	if !ok {
		t.Fatal("EPUB: no subject index document")
	}
	check("epub", epubPage, func(f string) (string, bool) {
		s, ok := files[path.Join("OEBPS/text", f)]
		return s, ok
	})

	// PDF: every locator with the page its paragraph starts on.
	pdf := filepath.Join(o.Out, "commentary.pdf")
	physical := pdfPageLabels(t, qpdf, pdf)
	first := regexp.MustCompile(`<meta name="citation_firstpage" content="([^"]+)"/>`).FindStringSubmatch(htmlPage)
	if first == nil || physical[first[1]] == 0 {
		t.Fatalf("no first page of the index: %v", first)
	}
	pageText := func(from, to int) string {
		b, err := exec.Command(pdftotext, "-f", strconv.Itoa(from), "-l", strconv.Itoa(to), pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(b)), " ")
	}
	text := pageText(physical[first[1]], len(physical)+10)
	// "(p. 28)", or for a range across pages "(pp. 28–29)".
	pages := regexp.MustCompile(`\(pp?\.[\s\x{a0}]+([^)\s–]+)(?:–([^)\s]+))?\)`).FindAllStringSubmatch(text, -1)
	if len(pages) != len(locs) {
		t.Fatalf("pdf: %d locators with a page, the model has %d", len(pages), len(locs))
	}
	cache := map[int]string{}
	startsOn := func(l loc, anchor, label string) {
		n := physical[label]
		if n == 0 {
			t.Errorf("pdf: locator %q (%s) has page %q, which the PDF does not have", l.text, l.chapter, label)
			return
		}
		if _, ok := cache[n]; !ok {
			cache[n] = pageText(n, n)
		}
		want := paraStart[[2]string{l.chapter, anchor}]
		if want == "" || !strings.Contains(cache[n], want) {
			t.Errorf("pdf: locator %s %q gives p. %s, but its paragraph %s (%q) does not start there", l.chapter, l.text, label, anchor, want)
		}
	}
	spans := 0
	for i, m := range pages {
		l := locs[i]
		startsOn(l, l.anchor, m[1])
		switch {
		case m[2] != "" && l.end == "":
			t.Errorf("pdf: locator %s %q is one paragraph but gives pages %s–%s", l.chapter, l.text, m[1], m[2])
		case m[2] != "":
			startsOn(l, l.end, m[2]) // the range's last paragraph starts on its last page
			spans++
		case l.end != "":
			startsOn(l, l.end, m[1]) // a range on one page: its last paragraph starts there too
		}
	}
	if spans == 0 {
		t.Errorf("pdf: no locator spans pages; the example's ranges should include some")
	}
}

// pdfPageLabels maps each printed page label to its physical page (1-based),
// from the PDF's page labels as qpdf reads them.
func pdfPageLabels(t *testing.T, qpdf, pdf string) map[string]int {
	t.Helper()
	out, err := exec.Command(qpdf, "--json", "--json-key=pagelabels", "--json-key=pages", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	var js struct {
		Pages      []json.RawMessage `json:"pages"`
		PageLabels []struct {
			Index int `json:"index"`
			Label struct {
				S  string `json:"/S"`
				St int    `json:"/St"`
			} `json:"label"`
		} `json:"pagelabels"`
	}
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	physical := map[string]int{}
	for i := range js.Pages {
		for k := len(js.PageLabels) - 1; k >= 0; k-- {
			pl := js.PageLabels[k]
			if i >= pl.Index {
				st := max(pl.Label.St, 1)
				label := strconv.Itoa(st + i - pl.Index)
				if pl.Label.S == "/r" {
					label, _ = numeral.Roman(st + i - pl.Index)
				}
				physical[label] = i + 1
				break
			}
		}
	}
	return physical
}
