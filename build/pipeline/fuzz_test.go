package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// FuzzResolve feeds a chapter's text through the whole check (parse,
// citations, cross-references, notes, editions) in the small project: it
// must never panic, and every diagnostic names a file and a line inside
// it (a position past the end of the file would be a lie).
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"## Scope {#sec:13c-scope}\n\nThe norm [@un-a-70-174, para. 13]. See @sec:13c-law.\n\n## Law {#sec:13c-law}\n\nText.\n",
		"[@nokey] @sec:nolabel [see @para:x; @norm:13z] ^[note [@schmitt-2017]] {#para:p}\n",
		"[-@schmitt-2017, pp. 3-4] @Sec:13c-scope [@un-a-70-174; @un-a-70-174]\n\n[^a]\n\n[^a]: x\n",
		"| a | b |\n|---|---|\n| [@schmitt-2017] | @sec:x |\n: Caption {#tbl:t}\n\n![Alt](missing.png){#fig:f}\n",
		"# {#sec:}\n\n@sec:\n\n[@]\n\n{#para:}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 1<<14 {
			return
		}
		src := strings.Replace(small, "## Scope {#sec:13c-scope}", "----BODY----", 1)
		i := strings.Index(src, "----BODY----")
		j := strings.Index(src, "-- g/13c.md --")
		src = src[:i] + strings.ReplaceAll(body, "\n-- ", "\n - ") + "\n" + src[j:]
		root := writeProject(t, src)
		o := opts(root)
		o.Write = false
		res := Build(o)
		for _, d := range res.Diags {
			p := d.Position()
			if p.File == "" || p.Line == 0 {
				if d.Code != "bad-output-folder" {
					t.Errorf("a diagnostic without a position: %s", d)
				}
				continue
			}
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p.File)))
			if err != nil {
				continue // a file named in a message that does not exist (missing image)
			}
			// The last line as the file counts lines (a bare CR ends one too).
			if lines := source.NewFile(p.File, data).Position(len(data)).Line; p.Line > lines {
				t.Errorf("%s: line %d of a %d-line file", d, p.Line, lines)
			}
		}
	})
}
