package pipeline

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavuserif"

	"github.com/normpress/normpress/build/internal/tooltest"
)

// TestManifestFonts: the fonts: section is used, not read and dropped. A
// TrueType file sets the PDF's text (its name is in the file) and is
// embedded in the EPUB; a file that is no font is an error at its line and
// column in the manifest; a face no edition draws with is a warning there.
func TestManifestFonts(t *testing.T) {
	withFonts := func(fonts string) string {
		src := strings.Replace(small, "  - id: guidelines\n    title: Guidelines\n", "  - id: guidelines\n    title: Guidelines\n    fonts:\n"+fonts, 1)
		if src == small {
			t.Fatal("the fixture changed")
		}
		return src
	}
	write := func(dir string) {
		for name, data := range map[string][]byte{"fonts/serif.ttf": dejavuserif.TTF, "fonts/broken.ttf": []byte("not a font at all, but named .ttf")} {
			p := filepath.Join(dir, "chapters", filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	t.Run("used", func(t *testing.T) {
		dir := writeProject(t, withFonts("      serif: {regular: fonts/serif.ttf}\n"))
		write(dir)
		o := opts(dir)
		o.Pubs = []string{"guidelines"}
		o.Formats = []string{"pdf", "epub"}
		res := Build(o)
		if len(res.Diags) > 0 {
			t.Fatalf("diagnostics:\n%v", res.Diags.Err())
		}
		pdffonts := tooltest.Need(t, "pdffonts")
		out, err := exec.Command(pdffonts, filepath.Join(dir, "out", "guidelines.pdf")).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, out)
		}
		if !bytes.Contains(out, []byte("+DejaVuSerif ")) {
			t.Errorf("the PDF does not set its text in the manifest's font:\n%s", out)
		}
	})

	t.Run("errors", func(t *testing.T) {
		dir := writeProject(t, withFonts("      serif: {regular: fonts/serif.ttf, italic: fonts/broken.ttf}\n      sans: {regular: fonts/serif.ttf}\n"))
		write(dir)
		res := Build(opts(dir))
		var got []string
		for _, d := range res.Diags {
			got = append(got, strings.SplitN(d.String(), "\n", 2)[0])
		}
		want := []string{
			`chapters/normpress.yaml:18:49: error: font fonts/broken.ttf cannot be used: not a TrueType font`,
			`chapters/normpress.yaml:19:23: warning: font fonts/serif.ttf is not used: no edition sets text in a sans-serif face of its own`,
		}
		if len(got) != len(want) {
			t.Fatalf("diagnostics:\n%s", strings.Join(got, "\n"))
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("diagnostic %d:\n%s\nwant:\n%s", i, got[i], want[i])
			}
		}
	})
}
