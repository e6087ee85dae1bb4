package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/docx"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/pipeline"
)

func exampleDir() string {
	if d := os.Getenv("NORMPRESS_EXAMPLE"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "chapters")
}

const epoch = 1767225600

var (
	exampleOnce sync.Once
	exampleRes  *pipeline.Result
)

// example builds the example project's HTML and DOCX editions once.
func example(t testing.TB) *pipeline.Result {
	t.Helper()
	exampleOnce.Do(func() {
		exampleRes = pipeline.Build(pipeline.Options{
			Dir: exampleDir(), Prefix: "chapters/", Formats: []string{"html", "docx"},
			Memory: true, Epoch: epoch, Version: "test",
		})
	})
	if !exampleRes.OK() {
		t.Fatalf("the example project does not build:\n%v", exampleRes.Diags.Err())
	}
	return exampleRes
}

// TestPackage checks every example DOCX at the level of parts and
// relationships.
func TestPackage(t *testing.T) {
	res := example(t)
	for _, p := range res.Site.Pubs {
		data := res.Files[p.ID+".docx"]
		if data == nil {
			t.Fatalf("no %s.docx", p.ID)
		}
		for _, err := range docx.Check(data) {
			t.Errorf("%s.docx: %v", p.ID, err)
		}
	}
}

// TestCheckFindsBrokenPackages breaks a good package in the ways the
// checker is there for, one at a time, and expects each to be reported.
func TestCheckFindsBrokenPackages(t *testing.T) {
	good := example(t).Files["guidelines.docx"]
	for _, tc := range []struct {
		name, part, old, new, want string
	}{
		{"dangling relationship", "word/_rels/document.xml.rels", `Target="footnotes.xml"`, `Target="notes.xml"`, "not in the package"},
		{"unknown r:id", "word/document.xml", `r:id="rId5"`, `r:id="rId999"`, "does not have"},
		{"no content type", "[Content_Types].xml", `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`, ``, ""},
		{"malformed XML", "word/styles.xml", `</w:styles>`, `</w:style>`, "not well-formed"},
		{"missing footnote", "word/footnotes.xml", `<w:footnote w:id="1">`, `<w:footnote w:id="100001">`, "footnote 1"},
		{"bad bookmark name", "word/document.xml", `w:name="_NP1"`, `w:name="1 bad"`, "not a valid Word bookmark name"},
		{"broken internal link", "word/document.xml", `<w:hyperlink w:anchor="`, `<w:hyperlink w:anchor="x`, "bookmark the document does not have"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := unzip(t, good)
			if !bytes.Contains(files[tc.part], []byte(tc.old)) {
				t.Fatalf("%s does not contain %q", tc.part, tc.old)
			}
			files[tc.part] = bytes.Replace(files[tc.part], []byte(tc.old), []byte(tc.new), 1)
			errs := docx.Check(rezip(t, files))
			if len(errs) == 0 {
				t.Fatal("the broken package passes the check")
			}
			if tc.want != "" && !strings.Contains(fmt.Sprint(errs), tc.want) {
				t.Errorf("errors %v do not mention %q", errs, tc.want)
			}
		})
	}
}

func unzip(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return files
}

func rezip(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReproducible renders every publication twice: the same bytes.
func TestReproducible(t *testing.T) {
	res := example(t)
	for _, p := range res.Site.Pubs {
		opts := docx.Options{Epoch: epoch, Producer: "normpress test", Publisher: res.Site.Title}
		a, _ := docx.Render(p, opts)
		b, _ := docx.Render(p, opts)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", p.ID)
		}
		if !bytes.Equal(a, res.Files[p.ID+".docx"]) {
			t.Errorf("%s: the pipeline's DOCX differs from a direct rendering", p.ID)
		}
	}
}

// TestLibreOffice converts the guidelines to PDF with LibreOffice, headless:
// it must succeed and give a PDF whose text has the chapters' headings.
func TestLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversion skipped in -short mode")
	}
	soffice := tooltest.Need(t, "soffice", "libreoffice")
	pdftotext := tooltest.Need(t, "pdftotext")
	res := example(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "guidelines.docx")
	if err := os.WriteFile(in, res.Files["guidelines.docx"], 0o644); err != nil {
		t.Fatal(err)
	}
	// A profile of its own, so that a desktop LibreOffice or another test
	// run does not hold the lock.
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	cmd := exec.Command(soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "guidelines.pdf")
	txt, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("LibreOffice made no readable PDF: %v\n%s", err, out)
	}
	// The consultation draft numbers its lines, so a wrapped title has a
	// line number inside it: compare the words without bare numbers.
	words := func(s string) string {
		var w []string
		for _, f := range strings.Fields(s) {
			if strings.Trim(f, "0123456789") != "" {
				w = append(w, f)
			}
		}
		return strings.Join(w, " ")
	}
	text := words(string(txt))
	for _, ch := range pubByID(t, res, "guidelines").Chapters {
		if title := words(ch.PlainTitle()); !strings.Contains(text, title) {
			t.Errorf("LibreOffice's PDF lacks the chapter title %q", title)
		}
	}
}

func pubByID(t testing.TB, res *pipeline.Result, id string) *doc.Publication {
	for _, p := range res.Site.Pubs {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no publication %s", id)
	return nil
}

// edition is what a reader gets from one edition of a chapter, as words.
type edition struct {
	title    string
	body     []string // running text, notes left out
	notes    []string // the notes' text, in order
	headings []string // section headings below the chapter title
	cells    []string // table cells
	alts     []string // images' alternative text
}

// TestPandocReadsWhatHTMLShows reads each DOCX with pandoc and compares,
// chapter by chapter, its words, headings, footnotes and table cells with
// the HTML edition's.
func TestPandocReadsWhatHTMLShows(t *testing.T) {
	pandoc := tooltest.Need(t, "pandoc")
	res := example(t)
	for _, pub := range res.Site.Pubs {
		t.Run(pub.ID, func(t *testing.T) {
			cmd := exec.Command(pandoc, "-f", "docx+styles", "-t", "json")
			cmd.Stdin = bytes.NewReader(res.Files[pub.ID+".docx"])
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pandoc: %v", err)
			}
			fromDocx := pandocChapters(t, out)
			if len(fromDocx) != len(pub.Chapters) {
				t.Fatalf("pandoc finds %d chapters (level-1 headings), the publication has %d", len(fromDocx), len(pub.Chapters))
			}
			var notes, cells, alts, headings int
			defer func() {
				// The comparison must have compared something.
				if pub.ID == "commentary" && (notes == 0 || alts == 0 || headings == 0) || pub.ID == "guidelines" && cells == 0 {
					t.Errorf("nothing compared: %d note words, %d table cell words, %d images, %d heading words", notes, cells, alts, headings)
				}
			}()
			for i, ch := range pub.Chapters {
				page := res.Files[pub.ID+"/"+ch.ID+".html"]
				if page == nil {
					t.Fatalf("no HTML page for %s", ch.ID)
				}
				fromHTML := htmlChapter(t, page)
				d := fromDocx[i]
				notes, cells, alts, headings = notes+len(d.notes), cells+len(d.cells), alts+len(d.alts), headings+len(d.headings)
				if ch.Number != "" {
					d.title = strings.TrimSpace(strings.TrimPrefix(d.title, ch.Number))
				}
				if d.title != fromHTML.title {
					t.Errorf("%s: title %q in DOCX, %q in HTML", ch.ID, d.title, fromHTML.title)
				}
				compareWords(t, ch.ID+" text", d.body, fromHTML.body)
				compareWords(t, ch.ID+" notes", d.notes, fromHTML.notes)
				compareWords(t, ch.ID+" headings", d.headings, fromHTML.headings)
				compareWords(t, ch.ID+" table cells", d.cells, fromHTML.cells)
				if !slices.Equal(d.alts, fromHTML.alts) {
					t.Errorf("%s: images' alt text %q in DOCX, %q in HTML", ch.ID, d.alts, fromHTML.alts)
				}
			}
		})
	}
}

func compareWords(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	ctx := func(s []string) string {
		return strings.Join(s[max(0, i-8):min(len(s), i+8)], " ")
	}
	t.Errorf("%s: DOCX (pandoc) and HTML differ at word %d of %d/%d:\n docx: …%s…\n html: …%s…", what, i, len(got), len(want), ctx(got), ctx(want))
}

// pandocChapters splits pandoc's reading of a DOCX at its level-1 headings.
func pandocChapters(t *testing.T, js []byte) []*edition {
	var d struct {
		Blocks []any `json:"blocks"`
	}
	if err := json.Unmarshal(js, &d); err != nil {
		t.Fatal(err)
	}
	var chs []*edition
	var cur *edition
	var text func(v any, body *[]string, notes *[]string)
	var blocks func(bs []any, body, notes *[]string)
	inlineText := func(v any, notes *[]string) string {
		var b []string
		text(v, &b, notes)
		return strings.Join(strings.Fields(strings.Join(b, "")), " ")
	}
	text = func(v any, body *[]string, notes *[]string) {
		switch n := v.(type) {
		case []any:
			for _, x := range n {
				text(x, body, notes)
			}
		case map[string]any:
			switch n["t"] {
			case "Str":
				*body = append(*body, n["c"].(string))
			case "Space", "SoftBreak", "LineBreak":
				*body = append(*body, " ")
			case "Note":
				var nb []string
				blocks(n["c"].([]any), &nb, notes)
				*notes = append(*notes, strings.Fields(strings.Join(nb, ""))...)
			case "Image":
				// The alternative text, which the HTML edition has in alt.
				var alt []string
				text(n["c"].([]any)[1], &alt, notes)
				cur.alts = append(cur.alts, strings.Join(strings.Fields(strings.Join(alt, "")), " "))
			case "Link", "Span":
				c := n["c"].([]any)
				text(c[1], body, notes)
			case "Quoted":
				c := n["c"].([]any)
				q := "“"
				if c[0].(map[string]any)["t"] == "SingleQuote" {
					q = "‘"
				}
				*body = append(*body, q)
				text(c[1], body, notes)
				*body = append(*body, map[string]string{"“": "”", "‘": "’"}[q])
			case "Para", "Plain":
				*body = append(*body, " ")
				text(n["c"], body, notes)
				*body = append(*body, " ")
			case "Cite":
				text(n["c"].([]any)[1], body, notes)
			case "Code":
				*body = append(*body, n["c"].([]any)[1].(string))
			default:
				text(n["c"], body, notes)
			}
		}
	}
	// Flatten the custom-style Divs that docx+styles makes, dropping part
	// titles (the HTML edition shows them only in the chapter's kicker).
	var flat []any
	var flatten func(bs []any)
	flatten = func(bs []any) {
		for _, b := range bs {
			m := b.(map[string]any)
			if m["t"] != "Div" {
				flat = append(flat, b)
				continue
			}
			c := m["c"].([]any)
			style := ""
			for _, kv := range c[0].([]any)[2].([]any) {
				if p := kv.([]any); p[0] == "custom-style" {
					style = p[1].(string)
				}
			}
			if style != "Part Title" {
				flatten(c[1].([]any))
			}
		}
	}
	flatten(d.Blocks)
	blocks = func(bs []any, body, notes *[]string) {
		for _, b := range bs {
			*body = append(*body, " ")
			text(b.(map[string]any)["c"], body, notes)
			*body = append(*body, " ")
		}
	}
	for _, b := range flat {
		m := b.(map[string]any)
		if m["t"] == "Header" {
			c := m["c"].([]any)
			if c[0].(float64) == 1 {
				var nb []string
				cur = &edition{title: inlineText(c[2], &nb)}
				chs = append(chs, cur)
				continue
			}
		}
		if cur == nil {
			continue
		}
		switch m["t"] {
		case "Header":
			txt := inlineText(m["c"].([]any)[2], &cur.notes)
			cur.headings = append(cur.headings, strings.Fields(txt)...)
			cur.body = append(cur.body, " ", txt, " ")
		case "Table":
			var cells []string
			collectCells(m["c"], &cells, &cur.notes, text)
			cur.cells = append(cur.cells, cells...)
			cur.body = append(cur.body, " ", strings.Join(cells, " "), " ")
		default:
			blocks([]any{b}, &cur.body, &cur.notes)
		}
	}
	for _, c := range chs {
		c.body = strings.Fields(strings.Join(c.body, ""))
	}
	return chs
}

// collectCells finds the cells of a pandoc table (any version of the
// JSON): every Plain or Para inside it is one cell's text.
func collectCells(v any, cells *[]string, notes *[]string, text func(any, *[]string, *[]string)) {
	switch n := v.(type) {
	case []any:
		for _, x := range n {
			collectCells(x, cells, notes, text)
		}
	case map[string]any:
		if n["t"] == "Plain" || n["t"] == "Para" {
			var b []string
			text(n["c"], &b, notes)
			*cells = append(*cells, strings.Fields(strings.Join(b, ""))...)
			return
		}
		if n["t"] == "Caption" {
			return
		}
		collectCells(n["c"], cells, notes, text)
	}
}

// htmlChapter reads a chapter page of the HTML edition the way a reader
// sees its text: the article, without the page chrome (kicker, permalinks,
// note marks, back links).
func htmlChapter(t *testing.T, page []byte) *edition {
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	e := &edition{}
	var article *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "article" && article == nil {
			article = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	if article == nil {
		t.Fatal("no article")
	}
	var body []string
	var walk func(n *html.Node, out *[]string)
	walk = func(n *html.Node, out *[]string) {
		if n.Type == html.TextNode {
			*out = append(*out, n.Data)
			return
		}
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		cls := " " + attr(n, "class") + " "
		for _, skip := range []string{" kicker ", " permalink ", " noteref-wrap ", " backref ", " visually-hidden ", " comment-action ", " alias-note ", " cite-action ", " cite-open ", " cite-this ", " moved-paras ", " alt-action ", " editions "} {
			if strings.Contains(cls, skip) {
				return
			}
		}
		switch {
		case n.Data == "section" && strings.Contains(cls, " footnotes "):
			for li := range n.Descendants() {
				if li.Type == html.ElementNode && li.Data == "li" {
					var nb []string
					for c := li.FirstChild; c != nil; c = c.NextSibling {
						walk(c, &nb)
						nb = append(nb, " ")
					}
					e.notes = append(e.notes, strings.Fields(strings.Join(nb, ""))...)
				}
			}
			return
		case n.Data == "h1":
			var tb []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, &tb)
			}
			e.title = strings.Join(strings.Fields(strings.Join(tb, "")), " ")
			return
		case len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '2' && n.Data[1] <= '6':
			var hb []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, &hb)
			}
			e.headings = append(e.headings, strings.Fields(strings.Join(hb, ""))...)
			*out = append(*out, " ", strings.Join(hb, ""), " ")
			return
		case n.Data == "td" || n.Data == "th":
			var cb []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, &cb)
			}
			e.cells = append(e.cells, strings.Fields(strings.Join(cb, ""))...)
			*out = append(*out, " ", strings.Join(cb, ""), " ")
			return
		case n.Data == "img":
			e.alts = append(e.alts, strings.Join(strings.Fields(attr(n, "alt")), " "))
			return
		}
		block := map[string]bool{"p": true, "li": true, "div": true, "section": true, "blockquote": true, "dt": true, "dd": true, "figcaption": true, "caption": true, "tr": true, "header": true, "figure": true, "pre": true, "br": true}[n.Data]
		if block {
			*out = append(*out, " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, out)
		}
		if block {
			*out = append(*out, " ")
		}
	}
	walk(article, &body)
	e.body = strings.Fields(strings.Join(body, ""))
	return e
}

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}
