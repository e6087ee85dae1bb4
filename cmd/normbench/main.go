// Command normbench measures normpress from the outside, as a user runs it:
// it generates corpora N times the example project (--scale), builds the
// normpress binary once, times `normpress build` on each corpus in every
// format and in each format alone (wall time, CPU time, peak memory), fits a
// line through the times to show how work grows with the sources, and with
// --pandoc times pandoc (with --citeproc) on the same sources side by side.
//
// It sits beside the pipeline, not in it: it drives the command line, so
// what it measures includes process start, loading and writing, which the
// in-process benchmarks (go test -bench ./build/pipeline) leave out.
//
//	go run ./cmd/normbench --scale 1,2,4,8,16 --runs 5 --pandoc
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// defaultEpoch is the SOURCE_DATE_EPOCH of the timed builds when the
// environment has none: a build's clock is an input, and a fixed one keeps
// runs comparable.
const defaultEpoch = "1767225600" // 2026-01-01T00:00:00Z

// options are the command's flags.
type options struct {
	scales     []int
	runs       int
	pandocRuns int
	pandoc     bool
	json       bool
	keep       bool
	project    string
	formats    []string
	generate   string
	rev        string
	table      string
	saves      int
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "normbench:", err)
		return 2
	}
	if opts.table != "" {
		b, err := os.ReadFile(opts.table)
		var rep Report
		if err == nil {
			err = json.Unmarshal(b, &rep)
		}
		if err != nil {
			fmt.Fprintln(stderr, "normbench: --table:", err)
			return 1
		}
		rep.print(stdout)
		return 0
	}
	if opts.generate != "" {
		if err := generateOnly(opts); err != nil {
			fmt.Fprintln(stderr, "normbench:", err)
			return 1
		}
		return 0
	}
	rep, err := bench(context.Background(), opts, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "normbench:", err)
		return 1
	}
	if opts.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		rep.print(stdout)
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("normbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scale := fs.String("scale", "1", "corpus sizes as multiples of the example project, comma-separated: 1,2,4,8,16")
	formats := fs.String("formats", "all,html,epub,pdf", `what each build makes: "all" (every format in one build) and single formats`)
	var o options
	fs.IntVar(&o.runs, "runs", 5, "timed builds per scale and format")
	fs.IntVar(&o.pandocRuns, "pandoc-runs", 0, "timed pandoc builds per scale and format (default: --runs)")
	fs.BoolVar(&o.pandoc, "pandoc", false, "also time pandoc --citeproc on the same sources (HTML and EPUB)")
	fs.BoolVar(&o.json, "json", false, "print the results as JSON")
	fs.IntVar(&o.saves, "saves", 20, "saves timed with normpress serve per scale, from the write to the changed page served (0: none)")
	fs.BoolVar(&o.keep, "keep", false, "keep the generated corpora and the binary (the folder is printed)")
	fs.StringVar(&o.project, "project", "chapters", "the example project, relative to the module root")
	fs.StringVar(&o.rev, "rev", "", "build normpress and take the example from this `commit` (git archive) instead of the working tree")
	fs.StringVar(&o.table, "table", "", "print the table of a report saved with --json from this `file`, and measure nothing")
	fs.StringVar(&o.generate, "generate", "", "only write the corpus of the (single) --scale into this `folder`, and time nothing")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./cmd/normbench [--scale 1,2,4] [--runs 5] [--pandoc] [--json] [--keep]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, s := range strings.Split(*scale, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return o, fmt.Errorf("--scale: %q is not a whole number of at least 1", s)
		}
		o.scales = append(o.scales, n)
	}
	for _, f := range strings.Split(*formats, ",") {
		switch f = strings.TrimSpace(f); f {
		case "all", "html", "epub", "pdf":
			o.formats = append(o.formats, f)
		default:
			return o, fmt.Errorf("--formats: %q is none of all, html, epub, pdf", f)
		}
	}
	if o.generate != "" && len(o.scales) != 1 {
		return o, fmt.Errorf("--generate writes one corpus: give one --scale")
	}
	if o.runs < 1 {
		return o, fmt.Errorf("--runs must be at least 1")
	}
	if o.pandocRuns == 0 {
		o.pandocRuns = o.runs
	}
	return o, nil
}

// moduleRoot is the folder of the go.mod that holds cmd/normpress, so that
// the command works from any folder of the repository.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside the normpress module; run from the repository")
	}
	return filepath.Dir(mod), nil
}

func generateOnly(o options) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if ents, err := os.ReadDir(o.generate); err == nil && len(ents) > 0 {
		return fmt.Errorf("--generate %s: the folder is not empty", o.generate)
	}
	_, err = Generate(filepath.Join(root, o.project), o.generate, o.scales[0])
	return err
}

func bench(ctx context.Context, o options, log io.Writer) (*Report, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "normbench-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		fmt.Fprintln(log, "normbench: keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		epoch = defaultEpoch
	}
	commit := gitCommit(root)
	if o.rev != "" {
		src := filepath.Join(tmp, "src")
		fmt.Fprintf(log, "normbench: git archive %s into %s\n", o.rev, src)
		if commit, err = extractRev(root, o.rev, src); err != nil {
			return nil, err
		}
		root = src
	}
	np := &normpress{bin: filepath.Join(tmp, "normpress"), epoch: epoch, tmp: tmp}
	fmt.Fprintln(log, "normbench: go build -o", np.bin, "./cmd/normpress")
	gb := exec.CommandContext(ctx, "go", "build", "-o", np.bin, "./cmd/normpress")
	gb.Dir = root
	if out, err := gb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./cmd/normpress: %v\n%s", err, out)
	}

	rep := &Report{
		CPUs: runtime.NumCPU(), LoadBefore: loadAvg(), Epoch: epoch, Runs: o.runs,
		Formats: o.formats, Commit: commit,
	}
	var pd *pandoc
	if o.pandoc {
		pd = findPandoc(filepath.Join(root, "templates", "styles"))
		if pd == nil {
			rep.PandocNote = "pandoc is not on PATH: no comparison"
		} else {
			rep.Pandoc = pd.version
			rep.PandocRuns = o.pandocRuns
			rep.PandocPDF = pd.engines
		}
	}

	for _, n := range o.scales {
		sr, err := benchScale(root, tmp, n, o, np, pd, log)
		if err != nil {
			return nil, fmt.Errorf("scale %d: %v", n, err)
		}
		rep.Scales = append(rep.Scales, sr)
	}
	rep.LoadAfter = loadAvg()
	rep.fit()
	return rep, nil
}

func benchScale(root, tmp string, n int, o options, np *normpress, pd *pandoc, log io.Writer) (*ScaleResult, error) {
	dir := filepath.Join(tmp, fmt.Sprintf("corpus-%d", n))
	fmt.Fprintf(log, "normbench: scale %d: generating %s\n", n, dir)
	c, err := Generate(filepath.Join(root, o.project), dir, n)
	if err != nil {
		return nil, err
	}
	sr := &ScaleResult{Corpus: c, Normpress: map[string]Timing{}}
	if sr.Warnings, err = np.check(dir); err != nil {
		return nil, err
	}
	// Formats take turns within each round of runs, so that a burst of load
	// from other processes falls on all of them alike.
	samples := map[string][]Sample{}
	for i := 0; i < o.runs; i++ {
		for _, f := range o.formats {
			var formats []string
			if f != "all" {
				formats = []string{f}
			}
			fmt.Fprintf(log, "normbench: scale %d: normpress build, %s, run %d/%d\n", n, f, i+1, o.runs)
			s, out, err := np.build(dir, nil, formats)
			if err != nil {
				return nil, err
			}
			samples[f] = append(samples[f], s)
			if f == "all" && i == 0 {
				sr.Pubs = pubStats(out)
			}
		}
	}
	for f, s := range samples {
		sr.Normpress[f] = summarise(s)
	}
	if o.saves > 0 {
		fmt.Fprintf(log, "normbench: scale %d: normpress serve, %d saves\n", n, o.saves)
		if sr.Serve, err = np.measureServe(dir, tmp, o.saves, log); err != nil {
			return nil, fmt.Errorf("serve: %v", err)
		}
	}
	if pd == nil {
		return sr, nil
	}
	ins, err := pd.prepare(c, filepath.Join(tmp, fmt.Sprintf("pandoc-%d", n)))
	if err != nil {
		return nil, err
	}
	var pubs []string
	for _, in := range ins {
		pubs = append(pubs, in.pub.ID)
	}
	for _, f := range pandocFormats {
		cmp := Comparison{Format: f, Pubs: pubs}
		var ps, ns []Sample
		for i := 0; i < o.pandocRuns; i++ {
			fmt.Fprintf(log, "normbench: scale %d: pandoc and normpress, %s, run %d/%d\n", n, f, i+1, o.pandocRuns)
			out, err := os.MkdirTemp(tmp, "pandoc-out-")
			if err != nil {
				return nil, err
			}
			s, warns, err := pd.run(ins, f, out)
			os.RemoveAll(out)
			if err != nil {
				return nil, err
			}
			ps = append(ps, s)
			cmp.PandocWarnings = warns
			s, _, err = np.build(dir, pubs, []string{f})
			if err != nil {
				return nil, err
			}
			ns = append(ns, s)
		}
		cmp.Pandoc, cmp.Normpress = summarise(ps), summarise(ns)
		sr.Compare = append(sr.Compare, cmp)
	}
	return sr, nil
}

// pubStats reads the per-publication counts from normpress build --json.
func pubStats(out []byte) []PubStats {
	var r struct {
		Publications []PubStats `json:"publications"`
	}
	if json.Unmarshal(out, &r) != nil {
		return nil
	}
	return r.Publications
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func gitCommit(root string) string {
	cmd := exec.Command("git", "rev-parse", "--short", "HEAD")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	s := strings.TrimSpace(string(out))
	cmd = exec.Command("git", "status", "--porcelain", "--untracked-files=no")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil && len(out) > 0 {
		s += " (uncommitted changes in the tree)"
	}
	return s
}
