package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoCite: a publication's nocite (pandoc's) lists works no chapter
// cites in its bibliography; an unknown key is an error at its line and
// column in the manifest.
func TestNoCite(t *testing.T) {
	extra := `,
 {"id": "roe-2019", "type": "book", "author": [{"family": "Roe", "given": "Ann"}], "title": "Uncited Work", "issued": {"date-parts": [[2019]]}}
]`
	withRoe := strings.Replace(small, "\"issued\": {\"date-parts\": [[2017]]}}\n]", "\"issued\": {\"date-parts\": [[2017]]}}"+extra, 1)
	if withRoe == small {
		t.Fatal("the fixture changed: cannot add an entry")
	}
	t.Run("listed", func(t *testing.T) {
		src := strings.Replace(withRoe, "    paragraph-numbers: true\n", "    nocite: [roe-2019]\n    paragraph-numbers: true\n", 1)
		dir := writeProject(t, src)
		res := Build(opts(dir))
		if len(res.Diags) > 0 {
			t.Fatalf("diagnostics:\n%v", res.Diags.Err())
		}
		page, err := os.ReadFile(filepath.Join(dir, "out", "commentary", "bibliography.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), "Uncited Work") || !strings.Contains(string(page), `id="ref-roe-2019"`) {
			t.Errorf("the bibliography lacks the nocite work")
		}
		if res.Stats[0].References != 3 {
			t.Errorf("references: %d, want 3", res.Stats[0].References)
		}
	})
	t.Run("unknown key", func(t *testing.T) {
		src := strings.Replace(withRoe, "    paragraph-numbers: true\n", "    nocite: [roe-2019, roe-2091]\n    paragraph-numbers: true\n", 1)
		res := Build(opts(writeProject(t, src)))
		var got []string
		for _, d := range res.Diags {
			got = append(got, strings.SplitN(d.String(), "\n", 2)[0])
		}
		want := `chapters/normpress.yaml:9:24: error: unknown citation key "roe-2091"`
		if len(got) != 1 || got[0] != want {
			t.Errorf("diagnostics %q, want %q", got, want)
		}
	})
}
