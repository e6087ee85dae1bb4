package epub

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/build/internal/tooltest"
)

// TestAce runs DAISY Ace on every publication of the fixture: no
// violation in any content document, and the accessibility metadata that
// EPUB Accessibility 1.1 asks for is present.
func TestAce(t *testing.T) {
	dir := t.TempDir()
	for _, pub := range doctest.Site(0).Pubs {
		p := filepath.Join(dir, pub.ID+".epub")
		if err := os.WriteFile(p, render(t, pub, Options{Epoch: 1767225600}), 0o644); err != nil {
			t.Fatal(err)
		}
		runAce(t, p)
	}
}

func runAce(t *testing.T, path string) {
	t.Helper()
	if testing.Short() {
		t.Skip("Ace skipped in -short mode")
	}
	node := tooltest.Need(t, "node")
	chromium := tooltest.Need(t, "chromium")
	ace := tooltest.NeedFile(t, filepath.Join("..", "..", ".ci", "browser", "node_modules", "@daisy", "ace-cli", "bin", "ace.js"), "Ace (cd .ci/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci)")
	name := strings.TrimSuffix(filepath.Base(path), ".epub")
	report := filepath.Join(t.TempDir(), name+"-ace")
	cmd := exec.Command(node, ace, "--exiterror2", "--force", "--silent", "--outdir", report, path)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("Ace on %s: %v\n%s", name, err, out)
	}
	checkAceReport(t, name, filepath.Join(report, "report.json"))
}

func checkAceReport(t *testing.T, name, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("Ace report for %s: %v", name, err)
	}
	var r struct {
		Result struct {
			Outcome string `json:"earl:outcome"`
		} `json:"earl:result"`
		Meta struct {
			Missing []string `json:"missing"`
			Present []string `json:"present"`
		} `json:"a11y-metadata"`
		Assertions []struct {
			Subject struct {
				URL string `json:"url"`
			} `json:"earl:testSubject"`
			Assertions []struct {
				Test struct {
					Title string `json:"dct:title"`
				} `json:"earl:test"`
			} `json:"assertions"`
		} `json:"assertions"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if r.Result.Outcome != "pass" {
		t.Errorf("Ace on %s: outcome %q", name, r.Result.Outcome)
	}
	for _, a := range r.Assertions {
		for _, v := range a.Assertions {
			t.Errorf("Ace on %s: %s: %s", name, a.Subject.URL, v.Test.Title)
		}
	}
	for _, m := range r.Meta.Missing {
		// Credential and report describe an outside certifier; a book
		// that certifies itself has neither, and Ace lists them as
		// missing without failing.
		if m != "a11y:certifierCredential" && m != "a11y:certifierReport" {
			t.Errorf("Ace on %s: accessibility metadata %s missing", name, m)
		}
	}
}
