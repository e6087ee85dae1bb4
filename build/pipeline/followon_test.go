package pipeline

import (
	"strings"
	"testing"
)

// TestMissingChapterReportedOnce: a chapter file that is missing is one
// error, where the manifest lists it; the references other chapters make
// to its labels are counted in its hint, not reported one by one; an
// unknown label that is not the missing chapter's is still an error of
// its own.
func TestMissingChapterReportedOnce(t *testing.T) {
	src := strings.Replace(small, "Measures follow from @Sec:13c-scope and [see @para:13c-knowledge].",
		"Measures follow from @Sec:13c-scope and [see @para:13c-knowledge], not @sec:13x-typo.", 1)
	src = strings.Replace(src, "-- c/13c.md --", "-- c/unlisted.md --", 1)
	if !strings.Contains(src, "@sec:13x-typo") || strings.Contains(src, "-- c/13c.md --") {
		t.Fatal("the fixture changed")
	}
	res := Build(opts(writeProject(t, src)))
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.String())
	}
	want := []string{
		"chapters/g/13c.md:6:72: error: unknown label \"sec:13x-typo\"",
		"chapters/normpress.yaml:12:9: error: file not found: chapters/c/13c.md",
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("diagnostic %d:\n%s\nwant:\n%s", i, got[i], want[i])
		}
	}
	if !strings.Contains(got[1], "2 cross-references to its labels are not reported one by one") {
		t.Errorf("the missing file's hint does not count the follow-ons:\n%s", got[1])
	}
}

// TestDigestRecordAllFaults: a digest record with an unknown key, topic
// and norm gets all three errors in one run (the key used to hide the
// others).
func TestDigestRecordAllFaults(t *testing.T) {
	src := strings.Replace(small, "key: schmitt-2017\ntopics: [dd]\nnorms: [13c]\n", "key: schmitt-2071\ntopics: [ddd]\nnorms: [13x]\n", 1)
	if src == small {
		t.Fatal("the fixture changed")
	}
	res := Build(opts(writeProject(t, src)))
	var got []string
	for _, d := range res.Diags {
		got = append(got, strings.SplitN(d.String(), "\n", 2)[0])
	}
	want := []string{
		`chapters/d/schmitt.yaml:1:6: error: unknown citation key "schmitt-2071"`,
		`chapters/d/schmitt.yaml:2:10: error: unknown topic "ddd"`,
		`chapters/d/schmitt.yaml:3:9: error: unknown norm "13x"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
