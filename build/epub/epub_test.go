package epub

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavuserif"
	"golang.org/x/image/font/sfnt"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/build/internal/tooltest"
)

func render(t testing.TB, pub *doc.Publication, opts Options) []byte {
	t.Helper()
	data, diags := Render(pub, opts)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return data
}

func entries(t testing.TB, data []byte) map[string]string {
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

func TestContainer(t *testing.T) {
	s := doctest.Site(1767225600)
	data := render(t, s.Pubs[0], Options{Epoch: s.Epoch})
	// OCF: the first local header is "mimetype", stored, no extra field,
	// so the media type stands at byte 38.
	if got := string(data[30:38]); got != "mimetype" {
		t.Errorf("first entry %q, want mimetype", got)
	}
	if method, extra := binary.LittleEndian.Uint16(data[8:]), binary.LittleEndian.Uint16(data[28:]); method != 0 || extra != 0 {
		t.Errorf("mimetype: method %d, extra field %d bytes; want stored, none", method, extra)
	}
	if got := string(data[38:58]); got != "application/epub+zip" {
		t.Errorf("bytes 38–58: %q", got)
	}
	es := entries(t, data)
	for _, name := range []string{"META-INF/container.xml", "OEBPS/package.opf", "OEBPS/nav.xhtml", "OEBPS/cover.xhtml",
		"OEBPS/text/13c.xhtml", "OEBPS/text/bibliography.xhtml", "OEBPS/fonts/serif-regular.ttf", "OEBPS/media/cover.png",
		"OEBPS/media/commentary/images/timeline.png", "OEBPS/css/epub.css"} {
		if _, ok := es[name]; !ok {
			t.Errorf("%s missing", name)
		}
	}
	for name, body := range es {
		if strings.HasSuffix(name, ".xhtml") || strings.HasSuffix(name, ".opf") || strings.HasSuffix(name, ".xml") {
			d := xml.NewDecoder(strings.NewReader(body))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("%s: not well-formed: %v", name, err)
					break
				}
			}
		}
	}
}

func TestContent(t *testing.T) {
	s := doctest.Site(1767225600)
	com := s.Pubs[0]
	es := entries(t, render(t, com, Options{Epoch: s.Epoch}))
	for _, tc := range []struct{ file, want string }{
		{"OEBPS/package.opf", `<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>`},
		{"OEBPS/package.opf", `<meta property="schema:accessibilityFeature">alternativeText</meta>`},
		{"OEBPS/package.opf", `<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`},
		{"OEBPS/package.opf", `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>`},
		{"OEBPS/package.opf", `<item id="cover-image" href="media/cover.png" media-type="image/png" properties="cover-image"/>`},
		{"OEBPS/nav.xhtml", `<li><a href="text/13c.xhtml#sec:13c-scope">3.1 Scope and key terms</a>`},
		{"OEBPS/nav.xhtml", `<li><span>Part I: Cooperation and restraint</span>`},
		{"OEBPS/nav.xhtml", `<a epub:type="bibliography" href="text/bibliography.xhtml">Bibliography</a>`},
		{"OEBPS/nav.xhtml", `<a epub:type="bodymatter" href="text/13a.xhtml">`},
		{"OEBPS/text/13c.xhtml", `lang="en-GB" xml:lang="en-GB"`},
		{"OEBPS/text/13c.xhtml", `<a class="noteref" href="#fn1" id="fnref1" epub:type="noteref" role="doc-noteref">1</a>`},
		{"OEBPS/text/13c.xhtml", `<aside class="footnote" id="fn1" epub:type="footnote" role="doc-footnote">`},
		{"OEBPS/text/13c.xhtml", `<a href="bibliography.xhtml#ref-schmitt-2017">`},
		{"OEBPS/text/13c.xhtml", `<img src="../media/commentary/images/timeline.png"`},
		// No base URL: the link into the guidelines is text only.
		{"OEBPS/text/13c.xhtml", `<span class="xref">measure 1</span>`},
		{"OEBPS/text/13c.xhtml", `<section class="chapter body" epub:type="chapter" role="doc-chapter" aria-labelledby="np-title">`},
	} {
		if !strings.Contains(es[tc.file], tc.want) {
			t.Errorf("%s lacks %s", tc.file, tc.want)
		}
	}
	es = entries(t, render(t, com, Options{Epoch: s.Epoch, BaseURL: "https://norms.example.org/"}))
	if want := `<a href="https://norms.example.org/guidelines/g13c.html#sec:g13c-measures">measure 1</a>`; !strings.Contains(es["OEBPS/text/13c.xhtml"], want) {
		t.Errorf("with a base URL, the link into another publication should be %s", want)
	}
}

func TestReproducible(t *testing.T) {
	for _, pub := range doctest.Site(0).Pubs {
		a := render(t, pub, Options{Epoch: 1767225600})
		b := render(t, doctest.Site(0).Pubs[indexOf(pub.ID)], Options{Epoch: 1767225600})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", pub.ID)
		}
	}
}

func indexOf(id string) int {
	for i, p := range doctest.Site(0).Pubs {
		if p.ID == id {
			return i
		}
	}
	return -1
}

// TestEPUBCheck runs EPUBCheck on every publication of the fixture and
// wants neither an error nor a warning.
func TestEPUBCheck(t *testing.T) {
	cmd := epubcheck(t)
	dir := os.Getenv("NORMPRESS_EPUB_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, pub := range doctest.Site(0).Pubs {
		p := filepath.Join(dir, pub.ID+".epub")
		if err := os.WriteFile(p, render(t, pub, Options{Epoch: 1767225600}), 0o644); err != nil {
			t.Fatal(err)
		}
		checkEPUB(t, cmd, p)
	}
}

// epubcheck is tooltest.EPUBCheck, except that Debian's /usr/bin/epubcheck
// is a symbolic link to the jar, runnable only where binfmt_misc knows
// jars (not in containers): run the jar with java then.
func epubcheck(t *testing.T) []string {
	cmd := tooltest.EPUBCheck(t)
	if real, err := filepath.EvalSymlinks(cmd[0]); err == nil && strings.HasSuffix(real, ".jar") {
		return []string{tooltest.Need(t, "java"), "-jar", real}
	}
	return cmd
}

func checkEPUB(t *testing.T, cmd []string, path string) {
	t.Helper()
	out, err := exec.Command(cmd[0], append(cmd[1:], path)...).CombinedOutput()
	text := string(out)
	if err != nil || strings.Contains(text, "WARNING") || strings.Contains(text, "ERROR") || !strings.Contains(text, "No errors or warnings detected") {
		t.Errorf("EPUBCheck on %s:\n%s", filepath.Base(path), text)
	}
}

func BenchmarkRender(b *testing.B) {
	pub := doctest.Site(0).Pubs[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Render(pub, Options{}); diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
}

func TestManifestCoverAndFonts(t *testing.T) {
	pub := doctest.Site(0).Pubs[1]
	pub.Cover = &doc.Asset{Path: "images/Cover.PNG", MediaType: "image/png", Data: doctest.PNG(20, 30), Width: 20, Height: 30}
	notFont := []byte("not really a font, but the bytes must arrive as given")
	pub.Options.Fonts = doc.Fonts{Serif: "fonts/a.ttf", SerifItalic: "fonts/b.otf", SerifBold: "fonts/missing.ttf",
		Data: map[string][]byte{"fonts/a.ttf": dejavuserif.TTF, "fonts/b.otf": notFont}}
	data, diags := Render(pub, Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	var msgs []string
	for _, d := range diags {
		if d.Code == "epub-font" {
			msgs = append(msgs, d.Msg)
		}
	}
	if len(diags) != 2 || len(msgs) != 2 || !strings.Contains(msgs[0], "missing.ttf has no data") || !strings.Contains(msgs[1], "b.otf cannot be subset") {
		t.Errorf("want epub-font warnings for the missing face and the one that is no font, got %v", diags)
	}
	es := entries(t, data)
	if es["OEBPS/media/cover.png"] != string(pub.Cover.Data) {
		t.Error("the manifest's cover is not the EPUB's cover")
	}
	f, err := sfnt.Parse([]byte(es["OEBPS/fonts/serif-regular.ttf"]))
	if err != nil {
		t.Fatalf("the manifest's serif, subset: %v", err)
	}
	if name, _ := f.Name(nil, sfnt.NameIDFamily); name != "DejaVu Serif" || f.NumGlyphs() > 1000 {
		t.Errorf("serif-regular.ttf is %q with %d glyphs; want the manifest's DejaVu Serif, subset", name, f.NumGlyphs())
	}
	if es["OEBPS/fonts/serif-italic.ttf"] != string(notFont) {
		t.Error("a font that cannot be subset is not embedded as given")
	}
	if !strings.Contains(es["OEBPS/package.opf"], `<dc:identifier id="pub-id">urn:uuid:`) {
		t.Error("no UUID identifier for a book without ISBN or DOI")
	}
	pub.ISBN = "978-3-16-148410-0"
	es = entries(t, render(t, pub, Options{}))
	if !strings.Contains(es["OEBPS/package.opf"], `<dc:identifier id="pub-id">urn:isbn:9783161484100</dc:identifier>`) {
		t.Error("ISBN not used as the identifier")
	}
}

func TestMissingAnchor(t *testing.T) {
	pub := doctest.Site(0).Pubs[0]
	ch := pub.Chapters[3]
	ch.Blocks = append(ch.Blocks, doctest.P(doctest.Link("commentary", "bibliography", "ref-nobody", doctest.T("Nobody 2020"))))
	data, diags := Render(pub, Options{})
	if !strings.Contains(entries(t, data)["OEBPS/text/13c.xhtml"], "<p>Nobody 2020</p>") {
		t.Error("a link to a missing anchor is not plain text")
	}
	if len(diags) != 1 || diags[0].Code != "link-anchor" {
		t.Errorf("want one link-anchor warning, got %v", diags)
	}
}

// TestConsultation: a consultation draft opens with a note page after the
// cover (listed first in the contents) that says until when and where
// comments go, with working links; chapters in draft or under review say
// so under their title, final ones do not; EPUBCheck stays clean.
func TestConsultation(t *testing.T) {
	pub := doctest.Site(0).Pubs[0]
	pub.Consultation = &doc.Consultation{Deadline: "2027-01-31", Email: "comments@example.org", Form: "https://example.org/form?x=1&y=2"}
	statuses := map[string]string{}
	for i, ch := range pub.Chapters {
		ch.Status = [...]string{"draft", "review", "final", ""}[i%4]
		statuses[ch.ID] = ch.Status
	}
	data := render(t, pub, Options{Epoch: 1767225600})
	es := entries(t, data)
	note := es["OEBPS/consultation.xhtml"]
	for _, want := range []string{
		`<h1 id="consultation-title">Consultation draft</h1>`,
		"comments are invited until 31 January 2027, by e-mail to comments@example.org or through the form at https://example.org/form?x=1&amp;y=2.",
		`<a href="mailto:comments@example.org?subject=`,
		`<a href="https://example.org/form?x=1&amp;y=2">`,
	} {
		if !strings.Contains(note, want) {
			t.Errorf("the note page lacks %s:\n%s", want, note)
		}
	}
	opf := es["OEBPS/package.opf"]
	if c, n := strings.Index(opf, `<itemref idref="cover"`), strings.Index(opf, `<itemref idref="consultation"`); c < 0 || n < c || n > strings.Index(opf, `<itemref idref="nav"`) {
		t.Errorf("the note page is not in the spine right after the cover:\n%s", opf)
	}
	if nav := es["OEBPS/nav.xhtml"]; !strings.Contains(nav, `<ol>
<li><a href="consultation.xhtml">Consultation draft</a></li>`) {
		t.Errorf("the contents do not list the note first:\n%.600s", nav)
	}
	for _, ch := range pub.Chapters {
		page := es["OEBPS/"+chapterHref(ch.ID)]
		marked := strings.Contains(page, `<p class="chapter-status">`)
		want := map[string]string{"draft": "Draft chapter", "review": "Chapter under review"}[statuses[ch.ID]]
		if marked != (want != "") || want != "" && !strings.Contains(page, `<p class="chapter-status">`+want) {
			t.Errorf("chapter %s (status %q): status line %v", ch.ID, statuses[ch.ID], marked)
		}
	}
	p := filepath.Join(t.TempDir(), "consultation.epub")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	checkEPUB(t, epubcheck(t), p)

	pub.Consultation = nil
	es = entries(t, render(t, pub, Options{Epoch: 1767225600}))
	if _, ok := es["OEBPS/consultation.xhtml"]; ok {
		t.Error("a publication not out for consultation has a note page")
	}
	for name, body := range es {
		if strings.Contains(body, "chapter-status\">") {
			t.Errorf("%s: a status line outside a consultation", name)
		}
	}
}
