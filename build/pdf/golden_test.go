package pdf

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGoldenLayout pins the sample's page layout: for every page its
// label, kind, running head, the first and last words of its body and how
// many footnote lines it has. A change in line or page breaking shows up
// here as a readable diff. Rewrite with: go test ./build/pdf -run Golden -update
func TestGoldenLayout(t *testing.T) {
	pub := samplePub()
	e := newEngine(pub, Options{}, newFontSet(doc.Fonts{}, nil))
	pages := e.paginate(e.galley())
	labels, _ := folios(pages)
	words := func(items []placed, last bool) string {
		var ws []string
		for _, pl := range items {
			for _, o := range pl.it.ops {
				switch {
				case o.kind == opText && o.hyph && len(ws) > 0:
					ws[len(ws)-1] += o.s // a hyphen is drawn apart from its word
				case o.kind == opText:
					ws = append(ws, strings.TrimSuffix(o.s, " "))
				}
			}
		}
		if len(ws) == 0 {
			return "-"
		}
		if last {
			return strings.Join(ws[max(0, len(ws)-3):], " ")
		}
		return strings.Join(ws[:min(3, len(ws))], " ")
	}
	var b strings.Builder
	for i, p := range pages {
		kind := [...]string{"text", "blank", "title", "imprint", "part"}[p.kind]
		head := ""
		if p.run != nil && !p.opening {
			head = p.run.head
		}
		if p.opening {
			kind += " opening"
		}
		fmt.Fprintf(&b, "%-5s %-13s %-12s | %s … %s | notes %d%s\n", labels[i], kind, head,
			words(p.items, false), words(p.items, true), len(p.notes), map[bool]string{true: " (continued)"}[p.noteCont])
	}
	path := filepath.Join("testdata", "sample.layout.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("layout changed; got:\n%s\nwant:\n%s", b.String(), want)
	}
}
