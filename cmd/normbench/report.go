package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is everything one normbench run measured.
type Report struct {
	CPUs       int            `json:"cpus"`
	LoadBefore string         `json:"load_before"` // /proc/loadavg: 1, 5, 15 minutes
	LoadAfter  string         `json:"load_after"`
	Commit     string         `json:"commit"`
	Epoch      string         `json:"source_date_epoch"`
	Runs       int            `json:"runs"`
	Formats    []string       `json:"formats"`
	Scales     []*ScaleResult `json:"scales"`
	Fits       []Fit          `json:"fits"`
	Pandoc     string         `json:"pandoc,omitempty"` // pandoc --version's first line
	PandocRuns int            `json:"pandoc_runs,omitempty"`
	PandocPDF  []string       `json:"pandoc_pdf_engines"`
	PandocNote string         `json:"pandoc_note,omitempty"`
}

// ScaleResult is one corpus and its timings.
type ScaleResult struct {
	*Corpus
	Warnings  int               `json:"check_warnings"`
	Pubs      []PubStats        `json:"publications"`
	Normpress map[string]Timing `json:"normpress"` // by format; "all" is one build of every format
	Compare   []Comparison      `json:"pandoc_comparison,omitempty"`
	Serve     *ServeTiming      `json:"serve,omitempty"`
}

// PubStats are the counts normpress build --json reports per publication.
type PubStats struct {
	ID        string `json:"id"`
	Chapters  int    `json:"chapters"`
	Words     int    `json:"words"`
	Footnotes int    `json:"footnotes"`
	Citations int    `json:"citations"`
	CrossRefs int    `json:"cross_references"`
	PDFPages  int    `json:"pdf_pages"`
}

// Comparison is pandoc and normpress making one format of the same
// publications.
type Comparison struct {
	Format         string   `json:"format"`
	Pubs           []string `json:"publications"`
	Pandoc         Timing   `json:"pandoc"`
	Normpress      Timing   `json:"normpress"`
	PandocWarnings int      `json:"pandoc_warnings"`
}

// Ratio is pandoc's median wall time over normpress's.
func (c Comparison) Ratio() float64 { return ratio(c.Pandoc.Median, c.Normpress.Median) }

// CPURatio is the same for CPU time, which does not depend on how many
// cores a tool keeps busy.
func (c Comparison) CPURatio() float64 { return ratio(c.Pandoc.MedianCPU, c.Normpress.MedianCPU) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Fit is a least-squares line y = Fixed + PerUnit × scale through one
// format's figures at every scale, and how well it fits (R²; 1 is a line).
// Wall time is fitted through the fastest run, the one least disturbed by
// other processes, and CPU time through the median.
type Fit struct {
	Format     string        `json:"format"`
	WallFixed  time.Duration `json:"wall_fixed_ns"`
	WallPer    time.Duration `json:"wall_per_unit_ns"`
	WallR2     float64       `json:"wall_r2"`
	CPUFixed   time.Duration `json:"cpu_fixed_ns"`
	CPUPer     time.Duration `json:"cpu_per_unit_ns"`
	CPUR2      float64       `json:"cpu_r2"`
	RSSFixed   int64         `json:"rss_fixed_bytes"`
	RSSPerUnit int64         `json:"rss_per_unit_bytes"`
	RSSR2      float64       `json:"rss_r2"`
}

func (r *Report) fit() {
	if len(r.Scales) < 2 {
		return
	}
	for _, f := range r.Formats {
		var xs, walls, cpus, rss []float64
		for _, s := range r.Scales {
			t := s.Normpress[f]
			xs = append(xs, float64(s.Scale))
			walls = append(walls, float64(t.Min))
			cpus = append(cpus, float64(t.MedianCPU))
			rss = append(rss, float64(t.PeakRSS))
		}
		fit := Fit{Format: f}
		var a, b float64
		a, b, fit.WallR2 = leastSquares(xs, walls)
		fit.WallFixed, fit.WallPer = time.Duration(a), time.Duration(b)
		a, b, fit.CPUR2 = leastSquares(xs, cpus)
		fit.CPUFixed, fit.CPUPer = time.Duration(a), time.Duration(b)
		a, b, fit.RSSR2 = leastSquares(xs, rss)
		fit.RSSFixed, fit.RSSPerUnit = int64(a), int64(b)
		r.Fits = append(r.Fits, fit)
	}
}

// leastSquares fits y = a + b·x and returns a, b and R².
func leastSquares(xs, ys []float64) (a, b, r2 float64) {
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	d := n*sxx - sx*sx
	if d == 0 {
		return sy / n, 0, 0
	}
	b = (n*sxy - sx*sy) / d
	a = (sy - b*sx) / n
	mean := sy / n
	var ssRes, ssTot float64
	for i := range xs {
		e := ys[i] - (a + b*xs[i])
		ssRes += e * e
		ssTot += (ys[i] - mean) * (ys[i] - mean)
	}
	if ssTot == 0 {
		return a, b, 1
	}
	return a, b, 1 - ssRes/ssTot
}

func (r *Report) print(w io.Writer) {
	fmt.Fprintf(w, "normbench: %d CPUs, load %s before, %s after; commit %s; SOURCE_DATE_EPOCH=%s; %d runs each\n\n",
		r.CPUs, r.LoadBefore, r.LoadAfter, r.Commit, r.Epoch, r.Runs)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scale\tchapters\tMarkdown\twords\tfootnotes\tcitations\tPDF pages\tcheck warnings\t")
	for _, s := range r.Scales {
		var notes, cites, pages int
		for _, p := range s.Pubs {
			notes += p.Footnotes
			cites += p.Citations
			pages += p.PDFPages
		}
		fmt.Fprintf(tw, "%d×\t%d\t%s\t%d\t%d\t%d\t%d\t%d\t\n", s.Scale, s.Chapters, mb(s.Bytes), s.Words, notes, cites, pages, s.Warnings)
	}
	tw.Flush()
	fmt.Fprintln(w, "(digest records and bibliographies stay at 1×: the digest publication is the same at every scale)")
	fmt.Fprintln(w)

	fmt.Fprintln(w, "normpress build (a fresh output folder each run; \"all\" = every publication in every format in one build)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scale\tformat\tmin\tmedian\tmedian CPU\tpeak RSS\tmedian per 1×\t")
	for _, s := range r.Scales {
		for _, f := range r.Formats {
			t := s.Normpress[f]
			fmt.Fprintf(tw, "%d×\t%s\t%s\t%s\t%s\t%s\t%s\t\n", s.Scale, f, secs(t.Min), secs(t.Median), secs(t.MedianCPU),
				mb(t.PeakRSS), secs(t.Median/time.Duration(s.Scale)))
		}
	}
	tw.Flush()

	var serve []*ScaleResult
	for _, s := range r.Scales {
		if s.Serve != nil {
			serve = append(serve, s)
		}
	}
	if len(serve) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "normpress serve: from a save to the changed page served (the watcher's quiet period included)")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "scale	saves	median	p90	CPU per save	")
		for _, s := range serve {
			fmt.Fprintf(tw, "%d×	%d	%s	%s	%s	\n", s.Scale, s.Serve.Saves, ms(s.Serve.Median), ms(s.Serve.P90), ms(s.Serve.CPUPerSave))
		}
		tw.Flush()
	}

	if len(r.Fits) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "linear fit y = fixed + per-1× × scale (wall: fastest runs; CPU: medians; memory: peaks)")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "format\twall fixed\twall per 1×\tR²\tCPU fixed\tCPU per 1×\tR²\tRSS fixed\tRSS per 1×\tR²\t")
		for _, f := range r.Fits {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%s\t%s\t%.3f\t%s\t%s\t%.3f\t\n", f.Format,
				secs(f.WallFixed), secs(f.WallPer), f.WallR2, secs(f.CPUFixed), secs(f.CPUPer), f.CPUR2,
				mb(f.RSSFixed), mb(f.RSSPerUnit), f.RSSR2)
		}
		tw.Flush()
	}

	if r.Pandoc == "" && r.PandocNote == "" {
		return
	}
	fmt.Fprintln(w)
	if r.PandocNote != "" {
		fmt.Fprintln(w, r.PandocNote)
		return
	}
	fmt.Fprintf(w, "side by side with %s (%d runs each)\n", r.Pandoc, r.PandocRuns)
	fmt.Fprintln(w, "pandoc: one process per publication, one after another: the chapters concatenated in manifest order (front matter")
	fmt.Fprintln(w, "  turned into a chapter heading, paragraph labels removed, footnote ids made unique; prepared outside the timing),")
	fmt.Fprintln(w, "  -f markdown --citeproc with the manifest's bibliography files and the publication's style when a .csl of it exists,")
	fmt.Fprintln(w, "  -t html5 --standalone (one page) or -t epub3; cross-references stay unresolved (no pandoc-crossref): citeproc warns.")
	fmt.Fprintln(w, "normpress: one build --pub of the same publications --format html (a site: a page per chapter, contents, search")
	fmt.Fprintln(w, "  index, landing page) or --format epub; numbered cross-references, paragraph numbers, footnotes, its own CSL processor.")
	if len(r.PandocPDF) == 0 {
		fmt.Fprintln(w, "PDF: not compared; pandoc has no PDF engine on this machine (no LaTeX, wkhtmltopdf, weasyprint, typst …).")
	} else {
		fmt.Fprintf(w, "PDF: not compared; pandoc's PDF engines here (%s) are other typesetters.\n", strings.Join(r.PandocPDF, ", "))
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scale\tformat\tpandoc median\tnormpress median\tratio\tpandoc CPU\tnormpress CPU\tCPU ratio\tpandoc RSS\tnormpress RSS\tpandoc warnings\t")
	for _, s := range r.Scales {
		for _, c := range s.Compare {
			fmt.Fprintf(tw, "%d×\t%s\t%s\t%s\t%.1f×\t%s\t%s\t%.1f×\t%s\t%s\t%d\t\n", s.Scale, c.Format,
				secs(c.Pandoc.Median), secs(c.Normpress.Median), c.Ratio(),
				secs(c.Pandoc.MedianCPU), secs(c.Normpress.MedianCPU), c.CPURatio(),
				mb(c.Pandoc.PeakRSS), mb(c.Normpress.PeakRSS), c.PandocWarnings)
		}
	}
	tw.Flush()
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/1e6) }

func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }
