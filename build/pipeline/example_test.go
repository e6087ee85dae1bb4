package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
)

// exampleDir is the example project shipped in chapters/; benchmarks can
// be pointed at another project (a corpus made by cmd/normbench) with
// NORMPRESS_BENCH_PROJECT.
var exampleDir = "../../chapters"

func exampleOptions(t testing.TB) Options {
	dir := exampleDir
	if _, bench := t.(*testing.B); bench {
		if d := os.Getenv("NORMPRESS_BENCH_PROJECT"); d != "" {
			dir = d
		}
	}
	return Options{Dir: dir, Prefix: "chapters/", Out: filepath.Join(t.TempDir(), "out"), Epoch: 1767225600, Write: true, Version: "test"}
}

// TestExampleProject builds the example project as `normpress build` does
// and checks what issue 5 promises a reader: no diagnostics, eleven norm
// chapters each with footnotes, citations and cross-references, a digest
// of at least 40 entries, at least 80 references, an 80-page commentary.
func TestExampleProject(t *testing.T) {
	res := Build(exampleOptions(t))
	if len(res.Diags) > 0 {
		t.Fatalf("the example project has diagnostics:\n%s", strings.Join(diagLines(res), "\n"))
	}
	stats := map[string]Stats{}
	for _, s := range res.Stats {
		stats[s.ID] = s
	}
	c := stats["commentary"]
	if c.PDFPages < 80 {
		t.Errorf("commentary PDF has %d pages, want at least 80", c.PDFPages)
	}
	if c.References < 80 {
		t.Errorf("commentary cites %d works, want at least 80", c.References)
	}
	if d := stats["digest-2025"]; d.Entries < 40 {
		t.Errorf("digest has %d entries, want at least 40", d.Entries)
	}
	var comm = res.Site.Pubs[0]
	norms := 0
	for _, ch := range comm.Chapters {
		if ch.Norm == nil {
			continue
		}
		norms++
		s := countChapter(ch, true)
		if s.Words < 1500 || s.Citations < 12 || s.Explanatory < 3 || s.CrossRefs < 3 {
			t.Errorf("chapter %s: %d words, %d citations, %d explanatory notes, %d cross-references; want ≥ 1500, 12, 3, 3",
				ch.ID, s.Words, s.Citations, s.Explanatory, s.CrossRefs)
		}
	}
	if norms != 11 {
		t.Errorf("%d norm chapters, want 11", norms)
	}
	if g := stats["guidelines"]; g.Chapters < 12 || g.CrossRefs < 33 {
		t.Errorf("guidelines: %+v", g)
	}
}

func diagLines(res *Result) []string {
	var out []string
	for _, d := range res.Diags {
		out = append(out, d.String())
	}
	return out
}

// TestExampleOutputsValidate runs the publishers' tools on the example's
// outputs: EPUBCheck on each EPUB, qpdf --check and pdffonts on each PDF.
func TestExampleOutputsValidate(t *testing.T) {
	qpdf := tooltest.Need(t, "qpdf")
	pdffonts := tooltest.Need(t, "pdffonts")
	epubcheck := tooltest.EPUBCheck(t)
	o := exampleOptions(t)
	res := Build(o)
	if !res.OK() {
		t.Fatalf("build failed:\n%s", strings.Join(diagLines(res), "\n"))
	}
	for _, a := range res.Artifacts {
		switch a.Format {
		case "pdf":
			out, err := exec.Command(qpdf, "--check", a.Path).CombinedOutput()
			if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
				t.Errorf("qpdf --check %s: %v\n%s", a.Path, err, out)
			}
			out, err = exec.Command(pdffonts, a.Path).CombinedOutput()
			if err != nil {
				t.Fatalf("pdffonts: %v\n%s", err, out)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 3 {
				t.Errorf("pdffonts lists no fonts in %s", a.Path)
			}
			for _, l := range lines[2:] {
				// name type encoding emb sub uni object ID
				f := strings.Fields(l)
				if len(f) < 7 || f[len(f)-5] != "yes" {
					t.Errorf("%s: font not embedded: %s", filepath.Base(a.Path), l)
				}
			}
		case "epub":
			report := filepath.Join(t.TempDir(), "epubcheck.json")
			args := append(epubcheck[1:], "--quiet", "--json", report, a.Path)
			exec.Command(epubcheck[0], args...).Run() // its exit status is in the report
			out, err := os.ReadFile(report)
			if err != nil {
				t.Fatalf("EPUBCheck wrote no report for %s: %v", a.Path, err)
			}
			var rep struct {
				Messages []struct {
					Severity string `json:"severity"`
					ID       string `json:"ID"`
					Message  string `json:"message"`
				} `json:"messages"`
			}
			if err := json.Unmarshal(out, &rep); err != nil {
				t.Fatalf("EPUBCheck output on %s: %v\n%s", a.Path, err, out)
			}
			for _, m := range rep.Messages {
				if m.Severity == "ERROR" || m.Severity == "FATAL" || m.Severity == "WARNING" {
					t.Errorf("EPUBCheck %s: %s %s %s", filepath.Base(a.Path), m.Severity, m.ID, m.Message)
				}
			}
		}
	}
}

// TestExampleReproducible builds the example twice with the same
// SOURCE_DATE_EPOCH and compares every output byte for byte.
func TestExampleReproducible(t *testing.T) {
	a, b := exampleOptions(t), exampleOptions(t)
	for _, o := range []Options{a, b} {
		if res := Build(o); !res.OK() {
			t.Fatalf("build failed:\n%s", strings.Join(diagLines(res), "\n"))
		}
	}
	compareTrees(t, a.Out, b.Out)
}

// TestExampleWritesOnlyOutput checks that a build touches nothing outside
// its output folder: the project folder is unchanged afterwards.
func TestExampleWritesOnlyOutput(t *testing.T) {
	before := snapshot(t, exampleDir)
	Build(exampleOptions(t))
	after := snapshot(t, exampleDir)
	if before != after {
		t.Errorf("the build changed files in the project folder")
	}
}

func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, _ := d.Info()
		b.WriteString(p + " " + fi.ModTime().String() + "\n")
		return nil
	})
	return b.String()
}

func BenchmarkBuildExample(b *testing.B) {
	o := exampleOptions(b)
	b.ReportAllocs()
	for b.Loop() {
		if res := Build(o); !res.OK() {
			b.Fatal(res.Diags.Err())
		}
	}
}

// BenchmarkRebuildHTML is what serve does after a save: the whole project
// resolved again and the HTML edition rendered in memory.
func BenchmarkRebuildHTML(b *testing.B) {
	o := exampleOptions(b)
	o.Write, o.Memory, o.Formats = false, true, []string{"html"}
	b.ReportAllocs()
	for b.Loop() {
		if res := Build(o); !res.OK() {
			b.Fatal(res.Diags.Err())
		}
	}
}
