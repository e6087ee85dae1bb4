package pipeline

import (
	"strings"
	"testing"
)

// TestFrontMatterCitations: a citation or cross-reference in a chapter's
// title or abstract is an error at its line and column, whether or not its
// key or label exists (before, an unknown one passed with exit 0 and the
// page showed the raw key); the build stops, and every one is reported.
func TestFrontMatterCitations(t *testing.T) {
	src := strings.Replace(small, "title: \"Norm 13(c)\"\nnorm: 13c\n",
		"title: \"Norm 13(c) [@nokey1]\"\nnorm: 13c\nabstract: >-\n  Due diligence [@un-a-70-174],\n  see @sec:13c-law and @sec:nolabel.\n", 1)
	if src == small {
		t.Fatal("the fixture changed")
	}
	res := Build(opts(writeProject(t, src)))
	var got []string
	for _, d := range res.Diags {
		got = append(got, strings.SplitN(d.String(), "\n", 2)[0])
	}
	want := []string{
		`chapters/c/13c.md:2:20: error: a citation in the chapter's title`,
		`chapters/c/13c.md:5:17: error: a citation in the chapter's abstract`,
		`chapters/c/13c.md:6:7: error: a cross-reference in the chapter's abstract`,
		`chapters/c/13c.md:6:24: error: a cross-reference in the chapter's abstract`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Artifacts) != 0 {
		t.Errorf("a failed build wrote %d artifacts", len(res.Artifacts))
	}
}
