package pdf

import (
	"bytes"
	"encoding/json"
	"github.com/normpress/normpress/build/numeral"
	"maps"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/internal/tooltest"
)

const epoch = 1767225600 // 2026-01-01

// rendered caches a rendering per fixture: several tests read the same file.
var rendered = struct {
	sync.Mutex
	m map[string]Result
}{m: map[string]Result{}}

func renderFixture(t testing.TB, name string, make func() *doc.Publication) Result {
	t.Helper()
	rendered.Lock()
	defer rendered.Unlock()
	if r, ok := rendered.m[name]; ok {
		return r
	}
	res, diags := Render(make(), Options{Epoch: epoch, Producer: "normpress test", BaseURL: "https://example.org/norms"})
	if diags.HasErrors() {
		t.Fatalf("render %s: %v", name, diags.Err())
	}
	keep(t, name+".pdf", res.Data)
	rendered.m[name] = res
	return res
}

func tool(t testing.TB, data []byte, tool string, args ...string) string {
	t.Helper()
	path := tooltest.Need(t, tool)
	p := keep(t, "tool-input.pdf", data)
	cmd := exec.Command(path, append(args, p)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil && tool != "qpdf" {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, errb.String())
	}
	return out.String() + errb.String()
}

// pdftotext returns the text of each page, -layout keeping columns apart.
func pageTexts(t testing.TB, data []byte) []string {
	t.Helper()
	path := tooltest.Need(t, "pdftotext")
	p := keep(t, "text-input.pdf", data)
	b, err := exec.Command(path, "-layout", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\f")
}

func fixtures() map[string]func() *doc.Publication {
	return map[string]func() *doc.Publication{
		"sample": samplePub,
		"long":   func() *doc.Publication { return longPub(60) },
	}
}

func TestQPDFCheck(t *testing.T) {
	for name, mk := range fixtures() {
		t.Run(name, func(t *testing.T) {
			res := renderFixture(t, name, mk)
			out := tool(t, res.Data, "qpdf", "--check")
			if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(out, "WARNING") {
				t.Errorf("qpdf --check:\n%s", out)
			}
			// qpdf does not parse content streams; poppler does, and says
			// so on stderr.
			path := tooltest.Need(t, "pdftotext")
			cmd := exec.Command(path, keep(t, "syntax.pdf", res.Data), "/dev/null")
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Run(); err != nil || errb.Len() > 0 {
				t.Errorf("pdftotext: %v\n%.2000s", err, errb.String())
			}
		})
	}
}

func TestFontsEmbedded(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	out := tool(t, res.Data, "pdffonts")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 4 {
		t.Fatalf("pdffonts lists too few fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

func TestInfo(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	out := tool(t, res.Data, "pdfinfo")
	for _, want := range []string{
		"Title:           Commentary on the 2015 GGE Norms",
		"Author:          Ada Lovelace; Grace Hopper",
		"Subject:         A commentary on the eleven norms.",
		"Keywords:        cyber norms, due diligence",
		"Producer:        normpress test",
		"CreationDate:    Thu Jan  1 00:00:00 2026 UTC",
		"Metadata Stream: yes",
		"Pages:           " + strconv.Itoa(res.Pages),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	meta := tool(t, res.Data, "pdfinfo", "-meta")
	for _, want := range []string{"<dc:language><rdf:Bag><rdf:li>en-GB", "<rdf:li>Ada Lovelace</rdf:li>", "<xmp:CreateDate>2026-01-01T00:00:00Z<"} {
		if !strings.Contains(meta, want) {
			t.Errorf("XMP lacks %q", want)
		}
	}
}

// TestInfoDates: the Info dictionary's dates say UTC as XMP's do ("Z"):
// PDF/A-2 6.6.3 wants the two to be the same instant, and a date without
// a zone is local time to a reader.
func TestInfoDates(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	out := tool(t, res.Data, "pdfinfo", "-rawdates")
	for _, key := range []string{"CreationDate", "ModDate"} {
		if !regexp.MustCompile(`(?m)^` + key + `: +D:20260101000000Z$`).MatchString(out) {
			t.Errorf("%s is not D:20260101000000Z (the XMP date, 2026-01-01T00:00:00Z):\n%s", key, out)
		}
	}
}

func TestReproducible(t *testing.T) {
	// The sample has two images of the same pixel width, which fpdf on its
	// own writes in a random order.
	a, _ := Render(samplePub(), Options{Epoch: epoch})
	for range 3 {
		b, _ := Render(samplePub(), Options{Epoch: epoch})
		if !bytes.Equal(a.Data, b.Data) {
			t.Fatal("two renderings of the same input differ")
		}
	}
	c, _ := Render(samplePub(), Options{Epoch: epoch + 86400})
	if bytes.Equal(a.Data, c.Data) {
		t.Error("the epoch does not reach the file")
	}
}

// qpdfJSON decodes qpdf's JSON view of the file.
type qpdfDoc struct {
	Outlines []outline `json:"outlines"`
	Pages    []struct {
		Label struct {
			Obj any `json:"object"`
		} `json:"label"`
		Object string `json:"object"`
	} `json:"pages"`
	PageLabels []struct {
		Index int `json:"index"`
		Label any `json:"label"`
	} `json:"pagelabels"`
}

type outline struct {
	Title   string    `json:"title"`
	Kids    []outline `json:"kids"`
	DestPag any       `json:"destpageposfrom1"`
}

func qpdfJSON(t testing.TB, data []byte) qpdfDoc {
	out := tool(t, data, "qpdf", "--json", "--json-key=outlines", "--json-key=pages", "--json-key=pagelabels", "--json-key=qpdf")
	var d qpdfDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("qpdf --json: %v\n%.500s", err, out)
	}
	return d
}

func TestOutline(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	d := qpdfJSON(t, res.Data)
	var titles []string
	var walk func(os []outline, depth int)
	walk = func(os []outline, depth int) {
		for _, o := range os {
			titles = append(titles, strings.Repeat("  ", depth)+o.Title)
			walk(o.Kids, depth+1)
		}
	}
	walk(d.Outlines, 0)
	got := strings.Join(titles, "\n")
	want := strings.Join([]string{
		"Commentary on the 2015 GGE Norms",
		"Contents",
		"Foreword",
		"Part I: Cooperation and restraint",
		"  1 Norm 13(c): Territory not to be used for internationally wrongful acts",
		"    1.1 Scope and key terms",
		"      1.1.1 “Knowingly”",
		"        A fourth-level heading",
		"    1.2 Legal basis",
		"  2 Norm 13(f): Critical infrastructure",
		"    2.1 Introduction",
		"Bibliography",
	}, "\n")
	if got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
}

func TestPageLabels(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	out := tool(t, res.Data, "qpdf", "--json", "--json-key=pagelabels")
	var d struct {
		PageLabels []struct {
			Index int            `json:"index"`
			Label map[string]any `json:"label"`
		} `json:"pagelabels"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.PageLabels) != 2 || d.PageLabels[0].Index != 0 || d.PageLabels[0].Label["/S"] != "/r" || d.PageLabels[1].Label["/S"] != "/D" {
		t.Fatalf("page labels: %+v", d.PageLabels)
	}
	// The arabic numbering starts at the part page of Part I, the first
	// page of the body, which the text on the pages shows as well.
	texts := pageTexts(t, res.Data)
	first := d.PageLabels[1].Index
	if !strings.Contains(texts[first], "Part I: Cooperation and restraint") {
		t.Errorf("page %d (label 1) is not the first body page:\n%s", first+1, texts[first])
	}
}

func TestLinks(t *testing.T) {
	res := renderFixture(t, "sample", samplePub)
	out := tool(t, res.Data, "qpdf", "--json", "--json-key=qpdf")
	var d struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	var objs map[string]any
	if err := json.Unmarshal([]byte(out), &d); err != nil || len(d.Qpdf) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	if err := json.Unmarshal(d.Qpdf[1], &objs); err != nil {
		t.Fatal(err)
	}
	internal, uris := 0, map[string]bool{}
	// fpdf writes link annotations inline in the pages' /Annots arrays.
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if x["/Subtype"] == "/Link" {
				if _, ok := x["/Dest"]; ok {
					internal++
				}
				if a, ok := x["/A"].(map[string]any); ok {
					if u, ok := a["/URI"].(string); ok {
						uris[strings.TrimPrefix(u, "u:")] = true
					}
				}
			}
			for _, k := range slices.Sorted(maps.Keys(x)) {
				walk(x[k])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(objs)) {
		walk(objs[k])
	}
	// Every TOC entry, note mark, cross-reference and citation is a link.
	if internal < 25 {
		t.Errorf("only %d internal links", internal)
	}
	for _, want := range []string{
		"https://example.org/a/very/long/path/to/a/document.pdf",
		"https://example.org/norms/guidelines/13c.html#sec:measures", // into another publication
	} {
		if !uris[want] {
			t.Errorf("no link to %s; have %v", want, uris)
		}
	}
}

// TestContentsPages checks every page number in the contents against the
// page where the entry's title really is.
func TestContentsPages(t *testing.T) {
	for name, mk := range fixtures() {
		t.Run(name, func(t *testing.T) {
			res := renderFixture(t, name, mk)
			texts := pageTexts(t, res.Data)
			labels := labelsOf(t, res)
			var toc []string
			for _, pt := range texts {
				if strings.Contains(pt, "Contents") && strings.Contains(pt, ". . .") {
					toc = append(toc, pt)
				}
			}
			if len(toc) == 0 {
				t.Fatal("no contents page")
			}
			norm := func(s string) string {
				return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "- ", "-")
			}
			checked := 0
			entry := ""
			leader := regexp.MustCompile(`^(.*?)\s*(?:(?:\.\s?)+)?\s{2,}(\S+)\s*$`)
			for _, line := range strings.Split(strings.Join(toc, "\n"), "\n") {
				if strings.TrimSpace(line) == "" || strings.TrimSpace(line) == "Contents" {
					entry = ""
					continue
				}
				m := leader.FindStringSubmatch(line)
				if m == nil {
					entry += " " + line
					continue
				}
				title, num := strings.TrimRight(norm(entry+" "+m[1]), ". "), m[2]
				entry = ""
				if title == "" {
					continue // the contents page's own folio
				}
				// A chapter's number stands apart from its title on the
				// opening page ("Chapter 3"); a section's precedes it.
				if f := strings.Fields(title); len(f) > 1 && regexp.MustCompile(`^\d+$`).MatchString(f[0]) {
					title = strings.Join(f[1:], " ")
				}
				found := -1
				for i, pt := range texts {
					if strings.Contains(pt, ". . . .") {
						continue // the contents itself
					}
					if strings.Contains(norm(pt), title) {
						found = i
						break
					}
				}
				if found < 0 {
					t.Errorf("%q: title not found on any page", title)
					continue
				}
				if labels[found] != num {
					t.Errorf("%q: contents say page %s, it is on page %s", title, num, labels[found])
				}
				checked++
			}
			if checked < 5 {
				t.Errorf("only %d contents entries checked", checked)
			}
		})
	}
}

func labelsOf(t testing.TB, res Result) []string {
	d := qpdfJSON(t, res.Data)
	labels := make([]string, res.Pages)
	for i := range labels {
		start, style := 0, "/D"
		for _, pl := range d.PageLabels {
			if pl.Index <= i {
				start = pl.Index
				if m, ok := pl.Label.(map[string]any); ok {
					style, _ = m["/S"].(string)
				}
			}
		}
		if style == "/r" {
			labels[i], _ = numeral.Roman(i - start + 1)
		} else {
			labels[i] = strconv.Itoa(i - start + 1)
		}
	}
	return labels
}

// TestConcurrent: the pipeline renders publications in parallel; they
// share fonts and patterns, which must stay read-only (run with -race).
func TestConcurrent(t *testing.T) {
	want, _ := Render(samplePub(), Options{Epoch: epoch})
	var wg sync.WaitGroup
	out := make([][]byte, 4)
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, _ := Render(samplePub(), Options{Epoch: epoch})
			out[i] = res.Data
		}()
	}
	wg.Wait()
	for i, o := range out {
		if !bytes.Equal(o, want.Data) {
			t.Errorf("concurrent rendering %d differs", i)
		}
	}
}

func TestPageSizes(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"royal", "442.2 x 663.31 pts"}, // 156 × 234 mm
		{"a4", "595.28 x 841.89 pts"},
		{"b5", "498.9 x 708.66 pts"}, // ISO B5, 176 × 250 mm
		{"", "442.2 x 663.31 pts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub := samplePub()
			pub.Options.PageSize = tc.name
			res, diags := Render(pub, Options{Epoch: epoch})
			if diags.HasErrors() {
				t.Fatal(diags.Err())
			}
			if out := tool(t, res.Data, "pdfinfo"); !strings.Contains(out, "Page size:       "+tc.want) {
				t.Errorf("pdfinfo:\n%s", out)
			}
		})
	}
}
