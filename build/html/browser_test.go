package html

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
)

// TestBrowser loads every page of the fixture site in headless Chromium
// (.ci/browser/check-site.mjs): axe-core finds no violation at 390 and
// 1440 px nor in dark mode, no request leaves the output folder, no page
// scrolls sideways at 320 px, notes pop over on a phone, sit beside the
// text on a wide screen and work as endnotes with scripts off, the keyboard
// reaches everything with a visible focus, search works from file://, and
// print hides the navigation.
func TestBrowser(t *testing.T) {
	out := t.TempDir()
	writeSite(t, out)
	checkSite(t, out)
}

// TestBrowserServed serves the same site over HTTP on the loopback
// interface: search and the request tripwire must work there too.
func TestBrowserServed(t *testing.T) {
	out := t.TempDir()
	writeSite(t, out)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	checkSite(t, out, srv.URL+"/")
}

func checkSite(t *testing.T, args ...string) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	node := tooltest.Need(t, "node")
	tooltest.Need(t, "chromium")
	dir := filepath.Join("..", "..", ".ci", "browser")
	tooltest.NeedFile(t, filepath.Join(dir, "node_modules", "playwright-core"), "playwright-core (cd .ci/browser && npm ci)")
	tooltest.NeedFile(t, filepath.Join(dir, "node_modules", "axe-core"), "axe-core (cd .ci/browser && npm ci)")
	cmd := exec.Command(node, append([]string{"check-site.mjs"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium(t))
	res, err := cmd.CombinedOutput()
	t.Logf("%s", res)
	if err != nil {
		t.Fatalf("browser checks failed: %v", err)
	}
}

func chromium(t *testing.T) string {
	p, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
