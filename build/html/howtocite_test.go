package html_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/internal/tooltest"
	"github.com/normpress/normpress/build/pipeline"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/source"
)

func buildExampleHTML(t *testing.T) *pipeline.Result {
	t.Helper()
	res := pipeline.Build(pipeline.Options{
		Dir: exampleDir(), Prefix: "chapters/", Formats: []string{"html"},
		Memory: true, Epoch: 1767225600,
	})
	if !res.OK() {
		t.Fatalf("the example project does not build:\n%v", res.Diags.Err())
	}
	return res
}

func findChapter(t *testing.T, s *doc.Site, pubID, chID string) (*doc.Publication, *doc.Chapter) {
	t.Helper()
	for _, pub := range s.Pubs {
		for _, ch := range pub.Chapters {
			if pub.ID == pubID && ch.ID == chID {
				return pub, ch
			}
		}
	}
	t.Fatalf("no chapter %s/%s", pubID, chID)
	return nil, nil
}

// TestCiteThisRecords: the records a reader downloads from "Cite this"
// read back with normpress's own readers, one item each, and carry the
// manifest's metadata: the chapter's title and authors, the publication's
// title and subtitle, editors, edition, date, language and publisher.
func TestCiteThisRecords(t *testing.T) {
	res := buildExampleHTML(t)
	pub, ch := findChapter(t, res.Site, "commentary", "13c")
	page := string(res.Files[site.ChapterPath("commentary", "13c")])
	for _, want := range []string{`id="cite-this"`, `<a href="#cite-this">Cite this chapter</a>`, `class="cite-action" href="#cite-this" data-para="1"`} {
		if !strings.Contains(page, want) {
			t.Errorf("chapter page lacks %s", want)
		}
	}
	if !strings.Contains(string(res.Files[site.ContentsPath("commentary")]), "Cite this publication") {
		t.Error("contents page lacks Cite this publication")
	}
	for _, c := range []struct {
		chID, typ string
		ch        *doc.Chapter
	}{{"13c", "chapter", ch}, {"", "book", nil}} {
		for _, ext := range []string{"bib", "ris", "json"} {
			path := site.CitePath("commentary", c.chID, ext)
			data, ok := res.Files[path]
			if !ok {
				t.Errorf("no %s", path)
				continue
			}
			items, ds := bib.Parse(source.NewFile(path, data))
			if len(ds) > 0 || len(items) != 1 {
				t.Errorf("%s: %d items, %v", path, len(items), ds.Err())
				continue
			}
			it := items[0]
			fullTitle := pub.Title + ": " + pub.Subtitle
			want := map[string]string{"edition": "2", "publisher": res.Site.Title, "language": pub.Lang}
			if c.ch != nil {
				want["title"] = c.ch.PlainTitle()
				want["container-title"] = fullTitle
			} else {
				want["title"] = fullTitle
			}
			if ext == "bib" {
				// BibLaTeX writes the language as babel's name.
				delete(want, "language")
			}
			for k, v := range want {
				// The title's en dash travels as -- in BibTeX and is read back.
				if got := it.Get(k); got != v {
					t.Errorf("%s: %s = %q, want %q", path, k, got, v)
				}
			}
			if it.Type != c.typ {
				t.Errorf("%s: type %s, want %s", path, it.Type, c.typ)
			}
			if d := it.Dates["issued"]; len(d.Parts) != 1 || d.Parts[0] != [3]int{2027, 3, 1} {
				t.Errorf("%s: issued %+v, want 2027-03-01 (the manifest's date)", path, d)
			}
			if ed := it.Names["editor"]; len(ed) != 1 || ed[0].Literal != pub.Editors[0] {
				t.Errorf("%s: editors %+v, want the body %q whole", path, ed, pub.Editors[0])
			}
			if c.ch != nil {
				if au := it.Names["author"]; len(au) != 1 || au[0].Literal != c.ch.Authors[0] {
					t.Errorf("%s: authors %+v, want %q", path, au, c.ch.Authors)
				}
			}
		}
	}
}

// TestCiteThisInBrowser runs .ci/browser/check-cite.mjs on the 13(c)
// chapter: paragraph 12's "Cite" by keyboard, the dialog, the clipboard,
// Escape, "Cite this chapter", axe-core, and the section with scripts off.
func TestCiteThisInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	node := tooltest.Need(t, "node")
	chromium := tooltest.Need(t, "chromium")
	dir := filepath.Join("..", "..", ".ci", "browser")
	tooltest.NeedFile(t, filepath.Join(dir, "node_modules", "playwright-core"), "playwright-core (cd .ci/browser && npm ci)")
	res := buildExampleHTML(t)
	_, ch := findChapter(t, res.Site, "commentary", "13c")
	if ch.Cite == nil || len(ch.Cite.Pinpoint) == 0 {
		t.Fatal("commentary 13(c) has no pinpoint citation")
	}
	citation := strings.ReplaceAll(doc.PlainText(ch.Cite.Pinpoint), ch.Cite.Slot, "12")
	if !strings.Contains(citation, "para. 12") {
		t.Fatalf("the pinpoint does not cite paragraph 12: %q", citation)
	}
	out := t.TempDir()
	for p, data := range res.Files {
		full := filepath.Join(out, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page, _ := filepath.Abs(filepath.Join(out, "commentary", "13c.html"))
	args := []string{"check-cite.mjs", page, "12", citation, doc.PlainText(ch.Cite.Entry)}
	if shot := os.Getenv("NORMPRESS_SCREENSHOTS"); shot != "" {
		args = append(args, filepath.Join(shot, "cite-dialog.png"))
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	b, err := cmd.CombinedOutput()
	t.Logf("%s", b)
	if err != nil {
		t.Fatalf("cite this checks failed: %v", err)
	}
}
