package terms_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/pipeline"
	"github.com/normpress/normpress/build/terms"
)

// A publication in French, German or Dutch reads as one in every format:
// the fixture project (testdata/fixture: parts, a norm chapter, figure,
// table, notes, citations, cross-references within and across
// publications, paragraph numbers, a consultation draft, a bibliography,
// a second edition with its changes and concordance chapters and a
// paragraph moved to another chapter)
// is built in each language, and the text of every output (the HTML pages
// with their labels and the scripts' words, the EPUB's XHTML, the PDF's
// text, the DOCX's text) is scanned for the English generated words. The
// words scanned for are the English table's (doc.English), so a new term
// is scanned for as soon as it exists.
func TestNoEnglishWords(t *testing.T) {
	pdftotext := tooltest.Need(t, "pdftotext")
	for _, lang := range []string{"fr", "de", "nl"} {
		t.Run(lang, func(t *testing.T) {
			out := buildFixture(t, lang)
			words := englishWords(t, lang)
			for _, f := range texts(t, out, pdftotext) {
				for _, w := range words {
					if loc := w.re.FindStringIndex(f.text); loc != nil {
						t.Errorf("%s (%s): English %q (term %s): …%s…", f.name, f.format, w.word, w.term, context(f.text, loc))
					}
				}
			}
		})
	}
}

// The scanner finds the English words where they are: the same fixture
// built in English shows them in every format, so the scan above is not
// passing because it reads nothing.
func TestScannerFindsEnglish(t *testing.T) {
	pdftotext := tooltest.Need(t, "pdftotext")
	out := buildFixture(t, "en")
	// What the French, German and Dutch scans look for.
	var words []english
	seen := map[string]bool{}
	for _, lang := range []string{"fr", "de", "nl"} {
		for _, w := range englishWords(t, lang) {
			// By term and word: two terms may share a word ("para." is
			// TermPara's and begins edition-part-of's), and each is looked
			// for.
			if key := string(w.term) + "\x00" + w.word; !seen[key] {
				seen[key] = true
				words = append(words, w)
			}
		}
	}
	found := map[string]map[string]bool{} // format → terms found
	for _, f := range texts(t, out, pdftotext) {
		if found[f.format] == nil {
			found[f.format] = map[string]bool{}
		}
		for _, w := range words {
			if w.re.MatchString(f.text) {
				found[f.format][string(w.term)] = true
			}
		}
	}
	want := map[string][]doc.Term{
		"html": {doc.TermFigure, doc.TermTable, doc.TermPara, doc.TermAnd, doc.TermAbstract, doc.TermReferences, doc.TermBibliography, doc.TermContents, doc.TermSearch, doc.TermSkipToContent, doc.TermCiteChapter, doc.TermEditedBy,
			doc.TermNotes, doc.TermPrevious, doc.TermNext, doc.TermConsultation, doc.TermCopyCitation, doc.TermSearchNone,
			doc.TermChanges, doc.TermConcordance, doc.TermEdCompared, doc.TermEdLinksKept, doc.TermEdMovedFrom, doc.TermEdSplitOff, doc.TermEdSplitInto,
			doc.TermEdAdded, doc.TermEdChanged, doc.TermEdThisEdition, doc.TermEdNoteMoved, doc.TermEdNewHere, doc.TermEdNowAt, doc.TermSizeKB},
		"epub": {doc.TermFigure, doc.TermTable, doc.TermPara, doc.TermAbstract, doc.TermContents, doc.TermNotes, doc.TermCover, doc.TermStartOfContent,
			doc.TermChanges, doc.TermEdCompared, doc.TermEdMovedFrom, doc.TermEdThisEdition},
		"pdf": {doc.TermFigure, doc.TermTable, doc.TermPara, doc.TermAnd, doc.TermContents, doc.TermEditedBy, doc.TermChapter,
			doc.TermChanges, doc.TermEdCompared, doc.TermEdMovedFrom, doc.TermEdThisEdition},
		"docx": {doc.TermFigure, doc.TermTable, doc.TermEditedBy, doc.TermAbstract, doc.TermConsultation},
	}
	for format, ts := range want {
		for _, k := range ts {
			if !found[format][string(k)] {
				t.Errorf("%s: the scanner did not find %q (%s) in the English build", format, doc.English[k], k)
			}
		}
	}
}

// buildFixture builds testdata/fixture in lang and returns its files.
func buildFixture(t *testing.T, lang string) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	copyFixture(t, dir, lang)
	res := pipeline.Build(pipeline.Options{Dir: dir, Prefix: "fixture/", Memory: true, Epoch: 1767225600})
	if !res.OK() {
		t.Fatalf("the fixture does not build in %s:\n%v", lang, res.Diags.Err())
	}
	for _, d := range res.Diags {
		t.Errorf("%s build: %s", lang, d.String())
	}
	return res.Files
}

// copyFixture writes testdata/fixture into dir, in lang, with its image.
func copyFixture(t *testing.T, dir, lang string) {
	t.Helper()
	src := filepath.Join("testdata", "fixture")
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "normpress.yaml" {
			b = bytes.Replace(b, []byte("lang: LANG"), []byte("lang: "+lang), 1)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img := image.NewGray(image.Rect(0, 0, 40, 20))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(0, 0, color.Gray{Y: 255})
	var pb bytes.Buffer
	if err := png.Encode(&pb, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "carte.png"), pb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

type english struct {
	term doc.Term
	word string
	re   *regexp.Regexp
}

// englishWords are the English generated words a build in lang must not
// print: every term's English word (for a message, each stretch of it
// between placeholders), unless the language has the same word (French
// "section", German "Norm") or uses it in its own words (French "table"
// in "Table des matières"); and a few words only English has.
func englishWords(t *testing.T, lang string) []english {
	t.Helper()
	tm, ds := terms.For(lang, csl.NewLocales(nil))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	placeholder := regexp.MustCompile(`\{[a-z]+\}`)
	var own []string
	for _, k := range doc.AllTerms() {
		w := tm.Get(k)
		if w == doc.English[k] && terms.Builtin(lang, k) == "" {
			continue // English because the language has no word: not its own
		}
		own = append(own, placeholder.ReplaceAllString(norm(w), " "))
	}
	ownText := " " + strings.Join(own, " | ") + " "
	var out []english
	add := func(k doc.Term, w string) {
		w = strings.TrimSpace(w)
		w = strings.Trim(w, " ,;:.“”")
		if len([]rune(w)) < 2 || !strings.ContainsFunc(w, func(r rune) bool { return r >= 'A' && r <= 'z' }) {
			return
		}
		re := wordRE(w)
		if re.MatchString(ownText) {
			return // the language's own word
		}
		out = append(out, english{k, w, re})
	}
	for _, k := range doc.AllTerms() {
		if k == doc.TermA11ySummary || k == doc.TermCommentInWord {
			// Long sentences: scanned by their opening words.
			w := doc.English[k]
			add(k, strings.Join(strings.Fields(w)[:4], " "))
			continue
		}
		for _, part := range placeholder.Split(doc.English[k], -1) {
			add(k, part)
		}
	}
	for _, w := range []string{"the", "this", "with"} {
		add("(function word)", w)
	}
	return out
}

// wordRE matches w as whole words, in any case, with any spaces between.
func wordRE(w string) *regexp.Regexp {
	parts := strings.Fields(w)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	end := `(?:$|[^\pL\pN])`
	if strings.HasSuffix(w, ".") {
		end = "" // "pp." ends at its dot
	}
	return regexp.MustCompile(`(?i)(?:^|[^\pL\pN])` + strings.Join(parts, `\s+`) + end)
}

// norm makes text comparable: no-break spaces as spaces, and a word
// hyphenated at a line's end (pdftotext writes a soft hyphen and the line
// break: "para\u00ad\ngraphes") as the one word it is.
func norm(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u00ad\n", "", "\u00ad", "").Replace(s)
}

type outText struct{ name, format, text string }

// texts are the readable text of every output of a build.
func texts(t *testing.T, files map[string][]byte, pdftotext string) []outText {
	t.Helper()
	var out []outText
	formats := map[string]bool{}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		data := files[name]
		switch {
		case strings.HasSuffix(name, ".html"):
			out = append(out, outText{name, "html", markupText(data)})
		case strings.HasSuffix(name, ".epub"):
			for _, f := range unzip(t, name, data) {
				if strings.HasSuffix(f.name, ".xhtml") {
					out = append(out, outText{name + ":" + f.name, "epub", markupText(f.data)})
				}
			}
		case strings.HasSuffix(name, ".docx"):
			for _, f := range unzip(t, name, data) {
				if f.name == "word/document.xml" || f.name == "word/footnotes.xml" {
					out = append(out, outText{name + ":" + f.name, "docx", docxText(f.data)})
				}
			}
		case strings.HasSuffix(name, ".pdf"):
			cmd := exec.Command(pdftotext, "-enc", "UTF-8", "-", "-")
			cmd.Stdin = bytes.NewReader(data)
			b, err := cmd.Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", name, err)
			}
			out = append(out, outText{name, "pdf", norm(string(b))})
		default:
			continue
		}
		formats[out[len(out)-1].format] = true
	}
	for _, f := range []string{"html", "epub", "pdf", "docx"} {
		if !formats[f] {
			t.Fatalf("the build made no %s", f)
		}
	}
	return out
}

type zipFile struct {
	name string
	data []byte
}

func unzip(t *testing.T, name string, data []byte) []zipFile {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []zipFile
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, zipFile{f.Name, b})
	}
	return out
}

// markupText is what a reader of an (X)HTML page meets: its text, and the
// attributes that are read out or shown (aria-label, title, alt,
// placeholder), and the words the page's scripts write (np-terms).
func markupText(data []byte) string {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(data))
	script := "" // inside a script: its id, or "-"
	for {
		switch z.Next() {
		case html.ErrorToken:
			return norm(b.String())
		case html.TextToken:
			switch script {
			case "":
				b.Write(z.Text())
				b.WriteByte(' ')
			case "np-terms":
				// The scripts' words: the values (the keys are names).
				var m map[string]string
				json.Unmarshal(z.Text(), &m)
				for _, k := range slices.Sorted(maps.Keys(m)) {
					b.WriteString(" " + m[k] + " ")
				}
			}
			// Other scripts (JSON-LD's schema.org vocabulary, code) are
			// not text a reader meets.
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" {
				script = ""
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			isScript := string(name) == "script"
			if isScript {
				script = "-"
			}
			for hasAttr {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "aria-label", "title", "alt", "placeholder":
					b.WriteString(" " + string(v) + " ")
				case "id":
					if isScript {
						script = string(v)
					}
				}
				hasAttr = more
			}
			b.WriteByte(' ')
		}
	}
}

var wText = regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>|</w:p>`)

// docxText is the text of a Word part, a paragraph a line.
func docxText(data []byte) string {
	var b strings.Builder
	for _, m := range wText.FindAllSubmatch(data, -1) {
		if m[1] == nil {
			b.WriteByte('\n')
			continue
		}
		b.WriteString(html.UnescapeString(string(m[1])))
	}
	return norm(b.String())
}

func context(s string, loc []int) string {
	from, to := max(0, loc[0]-40), min(len(s), loc[1]+40)
	for from > 0 && !utf8Start(s[from]) {
		from--
	}
	for to < len(s) && !utf8Start(s[to]) {
		to++
	}
	return strings.Join(strings.Fields(s[from:to]), " ")
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }

// The manifest's terms: change the words in every format, the
// publication's winning over the project's; an unknown term is an error
// at its line and column.
func TestManifestTerms(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, dir, "fr")
	manifest := filepath.Join(dir, "normpress.yaml")
	b, _ := os.ReadFile(manifest)
	b = bytes.Replace(b, []byte("style: chicago-notes\n"), []byte("style: chicago-notes\nterms:\n  figure: schéma\n  table: grille\n"), 1)
	b = bytes.Replace(b, []byte("    paragraph-numbers: true\n"), []byte("    paragraph-numbers: true\n    terms: {table: relevé}\n"), 1)
	os.WriteFile(manifest, b, 0o644)
	res := pipeline.Build(pipeline.Options{Dir: dir, Memory: true, Epoch: 1767225600, Formats: []string{"html", "epub"}})
	if !res.OK() {
		t.Fatal(res.Diags.Err())
	}
	page := markupText(res.Files["essai/13a.html"])
	for _, want := range []string{"Schéma 1.", "Relevé 1.", "schéma 1", "relevé 1"} {
		if !strings.Contains(page, want) {
			t.Errorf("essai/13a.html lacks %q", want)
		}
	}

	b = bytes.Replace(b, []byte("  table: grille\n"), []byte("  table: grille\n  figur: x\n"), 1)
	b = bytes.Replace(b, []byte("terms: {table: relevé}"), []byte("terms: {tabel: relevé}"), 1)
	os.WriteFile(manifest, b, 0o644)
	res = pipeline.Build(pipeline.Options{Dir: dir, Memory: true, Epoch: 1767225600, Formats: []string{"html"}})
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		for _, key := range []string{"figur", "tabel"} {
			if c := strings.Index(l, key+":"); c >= 0 {
				want := fmt.Sprintf("normpress.yaml:%d:%d: error: unknown term %q", i+1, c+1, key)
				if !strings.Contains(all, want) {
					t.Errorf("no %q in:\n%s", want, all)
				}
			}
		}
	}
	if strings.Count(all, "unknown term") != 2 {
		t.Errorf("each unknown term is reported once:\n%s", all)
	}
}

// The README's project format lists every term.
func TestREADMEListsTerms(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range doc.AllTerms() {
		if strings.HasPrefix(string(k), "month-") {
			continue
		}
		if !bytes.Contains(b, []byte("| `"+string(k)+"` |")) {
			t.Errorf("README: no row for the term %s", k)
		}
	}
}
