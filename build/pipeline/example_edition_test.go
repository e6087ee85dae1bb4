package pipeline

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/edition"
	"github.com/normpress/normpress/build/source"
)

// The example commentary is the second edition of a released first. Every
// paragraph link of the first edition still leads somewhere right in the
// HTML edition: "#pN" of chapter C sits, once, on the paragraph of C that
// carries the first edition's para. N (or the one it was merged into), and
// the paragraph's own anchor is its first-edition identity.
func TestExampleSecondEdition(t *testing.T) {
	o := exampleOptions(t)
	o.Write, o.Memory, o.Formats = false, true, []string{"html"}
	res := Build(o)
	if len(res.Diags) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(diagLines(res), "\n"))
	}
	name := filepath.Join(exampleDir, "editions", "commentary-first.json")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	first, ds := edition.ParseRegister(source.NewFile(name, data))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	paraRE := regexp.MustCompile(`<p id="([^"]+)"[^>]*>((?:<span class="alias"[^>]*>(?:<span class="alias-note">[^<]*</span>)?</span>)*)`)
	pages := map[string][][]string{}
	for _, e := range first.Paragraphs {
		if pages[e.Chapter] == nil {
			pages[e.Chapter] = paraRE.FindAllStringSubmatch(string(res.Files["commentary/"+e.Chapter+".html"]), -1)
		}
		old := `id="p` + strconv.Itoa(e.Number) + `"`
		var on []string
		for _, m := range pages[e.Chapter] {
			if strings.Contains(m[2], old) {
				on = append(on, m[1])
			}
		}
		if len(on) != 1 {
			t.Errorf("%s #p%d is on %d paragraphs: %v", e.Chapter, e.Number, len(on), on)
			continue
		}
		if on[0] != e.ID && !strings.Contains(string(res.Files["commentary/"+e.Chapter+".html"]), `id="`+e.ID+`"`) {
			t.Errorf("%s #p%d lands on %s, and the old identity %s is gone", e.Chapter, e.Number, on[0], e.ID)
		}
	}
	changes := string(res.Files["commentary/changes.html"])
	for _, want := range []string{"was split", "Added:", "rewritten", "(moved)", "(renumbered)"} {
		if !strings.Contains(changes, want) {
			t.Errorf("the changes chapter has no %q", want)
		}
	}
	for _, ch := range []string{"13c", "13f", "13j"} {
		if !strings.Contains(changes, `id="changes-`+ch+`"`) {
			t.Errorf("the changes chapter has no section for %s", ch)
		}
	}
	if !strings.Contains(string(res.Files["commentary/concordance.html"]), "<table") {
		t.Error("no concordance table")
	}
}
