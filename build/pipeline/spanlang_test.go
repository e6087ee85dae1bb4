package pipeline

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/internal/txtar"
)

// A chapter (lang: in its front matter) or a span ([texte]{lang=fr}) in
// another language than its publication says so in every format: HTML
// lang, EPUB lang and xml:lang, a PDF structure element's /Lang, DOCX
// w:lang; and its quotation marks are its language's.
func TestOtherLanguage(t *testing.T) {
	qpdf := tooltest.Need(t, "qpdf")
	dir := t.TempDir()
	for name, data := range txtar.Parse(`
-- normpress.yaml --
title: Languages
lang: en-GB
publications:
  - id: book
    title: A book
    consultation: {deadline: 2027-01-31, email: c@example.org}
    body: [english.md, french.md]
-- english.md --
---
title: In English
---

The State owes "due diligence", which French lawyers call [la "diligence requise"]{lang=fr} and German ones [die "Sorgfaltspflicht"]{lang=de}.
-- french.md --
---
title: En français
lang: fr
---

Un chapitre en français, avec des "guillemets".
`) {
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	res := Build(Options{Dir: dir, Memory: true, Epoch: 1767225600})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	contains := func(what, s string, wants ...string) {
		t.Helper()
		for _, w := range wants {
			if !strings.Contains(s, w) {
				t.Errorf("%s lacks %s", what, w)
			}
		}
	}
	nb := "\u202f"
	contains("english.html", string(res.Files["book/english.html"]),
		`<span lang="fr">la «`+nb+`diligence requise`+nb+`»</span>`,
		`<span lang="de">die „Sorgfaltspflicht“</span>`, `“due diligence”`)
	contains("french.html", string(res.Files["book/french.html"]), `<main id="main" lang="fr">`, `«`+nb+`guillemets`+nb+`»`)

	epub := unzipFiles(t, res.Files["book.epub"])
	contains("EPUB english.xhtml", epub["OEBPS/text/english.xhtml"],
		`<span lang="fr" xml:lang="fr">la «`+nb+`diligence requise`+nb+`»</span>`, `<span lang="de" xml:lang="de">`)
	contains("EPUB french.xhtml", epub["OEBPS/text/french.xhtml"], `lang="fr" xml:lang="fr"`)

	docx := unzipFiles(t, res.Files["book.docx"])
	contains("DOCX", docx["word/document.xml"], `<w:lang w:val="fr"/>`, `<w:lang w:val="de"/>`)

	// The PDF's structure tree, uncompressed by qpdf: a Span for each
	// span, a Sect for the French chapter, each with its /Lang.
	in := filepath.Join(dir, "book.pdf")
	os.WriteFile(in, res.Files["book.pdf"], 0o644)
	out, err := exec.Command(qpdf, "--qdf", "--object-streams=disable", in, "-").Output()
	if err != nil {
		t.Fatalf("qpdf: %v", err)
	}
	s := string(out)
	for _, want := range []string{"/Lang (fr)", "/Lang (de)", "/S /Span", "/S /Sect"} {
		if !strings.Contains(s, want) {
			t.Errorf("the PDF's structure has no %s", want)
		}
	}
	if n := strings.Count(s, "/Lang (fr)"); n < 2 {
		t.Errorf("/Lang (fr) %d times: the span and the chapter each need it", n)
	}
}

func unzipFiles(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}
