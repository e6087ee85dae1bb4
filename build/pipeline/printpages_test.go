package pipeline

import (
	"encoding/json"
	"github.com/normpress/normpress/build/numeral"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/site"
)

// TestCitationPagesMatchPDF: the first and last page a chapter page gives
// reference managers (citation_firstpage, citation_lastpage) are the
// printed pages of that chapter in the PDF the same build made, read back
// from the file with poppler and qpdf: the chapter's title is on its first
// page, and the page after its last opens the next chapter (or is
// blank). Checked for every chapter of the commentary.
func TestCitationPagesMatchPDF(t *testing.T) {
	qpdf := tooltest.Need(t, "qpdf")
	pdftotext := tooltest.Need(t, "pdftotext")
	o := exampleOptions(t)
	o.Formats = []string{"html", "pdf"}
	o.Pubs = []string{"commentary"}
	res := Build(o)
	if !res.OK() {
		t.Fatalf("build: %v", res.Diags.Err())
	}
	pdf := filepath.Join(o.Out, "commentary.pdf")
	// Physical page of each printed label, from the PDF's page labels.
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
				n := pl.Label.St + i - pl.Index
				label := strconv.Itoa(n)
				if pl.Label.S == "/r" {
					label, _ = numeral.Roman(n)
				}
				physical[label] = i + 1
				break
			}
		}
	}
	text := func(page int) string {
		b, err := exec.Command(pdftotext, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(b)), " ")
	}
	meta := regexp.MustCompile(`<meta name="citation_(firstpage|lastpage)" content="([^"]+)"/>`)
	pub := res.Site.Pubs[0]
	checked := 0
	for i, ch := range pub.Chapters {
		page := readOut(t, o.Out, site.ChapterPath(pub.ID, ch.ID))
		got := map[string]string{}
		for _, m := range meta.FindAllStringSubmatch(page, -1) {
			got[m[1]] = m[2]
		}
		if got["firstpage"] == "" || got["lastpage"] == "" {
			t.Errorf("%s: no first and last page in its citation metadata", ch.ID)
			continue
		}
		first, last := physical[got["firstpage"]], physical[got["lastpage"]]
		if first == 0 || last < first {
			t.Errorf("%s: pages %s–%s are not in the PDF", ch.ID, got["firstpage"], got["lastpage"])
			continue
		}
		title := strings.Join(strings.Fields(ch.PlainTitle()), " ")
		if words := strings.Fields(title); len(words) > 4 {
			title = strings.Join(words[:4], " ") // the heading may wrap anywhere after
		}
		if !strings.Contains(text(first), title) {
			t.Errorf("%s: page %s does not open it (%q not on it)", ch.ID, got["firstpage"], title)
		}
		if i+1 < len(pub.Chapters) && last+1 <= len(js.Pages) {
			next := pub.Chapters[i+1]
			words := strings.Fields(next.PlainTitle())
			nt := strings.Join(words[:min(4, len(words))], " ")
			after := text(last + 1)
			if strings.TrimSpace(after) != "" && !strings.Contains(after, nt) {
				t.Errorf("%s: the page after its last (%s) neither is blank nor opens %s", ch.ID, got["lastpage"], next.ID)
			}
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d chapters checked", checked)
	}
}

func readOut(t *testing.T, out, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
