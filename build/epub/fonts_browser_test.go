package epub

import (
	"bytes"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/build/internal/tooltest"
)

// TestFontsLoadInChromium loads the embedded faces in Chromium, whose font
// sanitizer (OTS, also in Firefox) refuses a font it finds malformed; a
// refused font is not an error anyone sees: the reader silently draws the
// text in a fallback face. A font with its glyf table renamed away is the
// control that shows the check can fail.
func TestFontsLoadInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("Chromium skipped in -short mode")
	}
	chromium := tooltest.Need(t, "chromium")
	es := entries(t, render(t, doctest.Site(0).Pubs[0], Options{}))
	faces := []string{"serif-regular", "serif-italic", "serif-bold", "serif-bolditalic"}
	var js strings.Builder
	js.WriteString("const fonts = {\n")
	for _, f := range faces {
		js.WriteString(`"` + f + `": "` + base64.StdEncoding.EncodeToString([]byte(es["OEBPS/fonts/"+f+".ttf"])) + "\",\n")
	}
	damaged := bytes.Replace([]byte(es["OEBPS/fonts/serif-regular.ttf"]), []byte("glyf"), []byte("glyF"), 1)
	js.WriteString(`"control": "` + base64.StdEncoding.EncodeToString(damaged) + "\",\n};\n")
	js.WriteString(`(async () => {
  const out = [];
  for (const [name, data] of Object.entries(fonts)) {
    const f = new FontFace(name, "url(data:font/ttf;base64," + data + ")");
    try { await f.load(); } catch (e) {}
    out.push(name + "=" + f.status);
  }
  document.body.textContent = "RESULT " + out.join(" ") + " END";
})();
`)
	dir := t.TempDir()
	page := filepath.Join(dir, "fonts.html")
	html := "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/></head><body><script>" + js.String() + "</script></body></html>"
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--virtual-time-budget=10000", "--dump-dom", "file://"+page).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	m := regexp.MustCompile(`RESULT (.*) END`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no result from the page:\n%.2000s", out)
	}
	got := string(m[1])
	want := "serif-regular=loaded serif-italic=loaded serif-bold=loaded serif-bolditalic=loaded control=error"
	if got != want {
		t.Errorf("Chromium loads %s\nwant %s", got, want)
	}
}
