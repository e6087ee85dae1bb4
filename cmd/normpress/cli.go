package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/normpress/normpress/build/pipeline"
	"github.com/normpress/normpress/build/report"
	"github.com/normpress/normpress/build/source"
)

// run is main without the process: tests call it with their own streams.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	code := 0
	app := &cli.App{
		Name:           "normpress",
		Usage:          "build the commentary, guidelines and digest into PDF, EPUB and HTML",
		Writer:         stdout,
		ErrWriter:      stderr,
		ExitErrHandler: func(*cli.Context, error) {},
		Commands: []*cli.Command{
			{
				Name:  "build",
				Usage: "build every publication in every format into the output folder",
				Flags: append(commonFlags(),
					&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "output `folder`"},
					&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "formats to build: html, epub, pdf, docx (default: all)"},
					&cli.StringFlag{Name: "changed-since", Usage: "build only the publications that changes since the git `REF` affect (see the README's CI section)"},
					&cli.BoolFlag{Name: "force", Usage: "build into a non-empty output folder normpress did not make (its other files are still never replaced)"},
					&cli.BoolFlag{Name: "consultation", Usage: "build every publication as a consultation draft (deadline and contact from the manifest's consultation block)"},
				),
				Action: func(c *cli.Context) error {
					code = buildCmd(c, stdout, stderr, getenv, true)
					return nil
				},
			},
			{
				Name:  "check",
				Usage: "report every diagnostic without writing anything; exit 1 on errors",
				Flags: commonFlags(),
				Action: func(c *cli.Context) error {
					code = buildCmd(c, stdout, stderr, getenv, false)
					return nil
				},
			},
			{
				Name:  "serve",
				Usage: "preview the HTML edition on 127.0.0.1, rebuilt on every save, with live reload",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "project", Value: "chapters", Usage: "the project `folder` (holds normpress.yaml)"},
					&cli.StringFlag{Name: "port", Value: "8080", Usage: "`port` on 127.0.0.1"},
					&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "formats to build (default: html; add pdf,epub for the download links)"},
				},
				Action: func(c *cli.Context) error {
					dir := strings.TrimSuffix(c.String("project"), "/")
					formats := splitList(c.StringSlice("format"))
					if len(formats) == 0 {
						formats = []string{"html"}
					}
					code = serveCmd(c.String("port"), pipeline.Options{
						Dir: dir, Prefix: dir + "/", Formats: formats, Memory: true, Version: versionString(),
					}, stdout, stderr)
					return nil
				},
			},
			newCommand(stdout, stderr, &code),
			bibCommand(stdout, stderr, &code),
			commentsCommand(stdout, stderr, &code),
			{
				Name:  "schema",
				Usage: "print the JSON Schema of the --json report",
				Action: func(c *cli.Context) error {
					_, err := stdout.Write(report.Schema)
					return err
				},
			},
			{
				Name:  "version",
				Usage: "print the module version and VCS revision (also the PDF Producer and HTML generator)",
				Action: func(c *cli.Context) error {
					fmt.Fprintln(stdout, "normpress", versionString())
					return nil
				},
			},
		},
	}
	if err := app.Run(args); err != nil {
		fmt.Fprintln(stderr, "normpress:", err)
		return 2
	}
	return code
}

func commonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "project", Value: "chapters", Usage: "the project `folder` (holds normpress.yaml)"},
		&cli.StringSliceFlag{Name: "pub", Aliases: []string{"p"}, Usage: "publication `id`s to build (default: all)"},
		&cli.BoolFlag{Name: "strict", Usage: "treat warnings as errors"},
		&cli.BoolFlag{Name: "json", Usage: "print a machine-readable report on stdout"},
	}
}

func buildCmd(c *cli.Context, stdout, stderr io.Writer, getenv func(string) string, write bool) int {
	start := time.Now()
	epoch, err := sourceDateEpoch(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "normpress: error:", err)
		return 2
	}
	dir := strings.TrimSuffix(c.String("project"), "/")
	opts := pipeline.Options{
		Dir:     dir,
		Prefix:  dir + "/",
		Out:     c.String("out"),
		Formats: splitList(c.StringSlice("format")),
		Pubs:    splitList(c.StringSlice("pub")),
		Strict:  c.Bool("strict"),
		Epoch:   epoch,
		Write:   write,
		Force:   write && c.Bool("force"),
		Version: versionString(),
	}
	opts.Consultation = c.Bool("consultation")
	for _, f := range opts.Formats {
		if f != "html" && f != "epub" && f != "pdf" && f != "docx" {
			fmt.Fprintf(stderr, "normpress: error: unknown format %q (use html, epub, pdf or docx)\n", f)
			return 2
		}
	}
	if isTerminal(stderr) && !c.Bool("json") {
		// One status line, rewritten in place and cleared at the end; CI
		// logs (not a terminal) get only the result lines.
		var mu sync.Mutex
		opts.Progress = func(phase string) {
			mu.Lock()
			fmt.Fprintf(stderr, "\r\033[K%s…", phase)
			mu.Unlock()
		}
	}
	var changed *report.Changes
	if ref := c.String("changed-since"); ref != "" && write {
		var err error
		if changed, err = changedSince(opts, ref, stderr, c.Bool("json")); err != nil {
			fmt.Fprintln(stderr, "normpress: error:", err)
			return 2
		}
		if changed != nil {
			opts.Pubs = changed.Publications
		}
		if changed != nil && len(opts.Pubs) == 0 {
			if c.Bool("json") {
				if err := writeJSON(stdout, &pipeline.Result{}, changed); err != nil {
					fmt.Fprintln(stderr, "normpress: error:", err)
					return 1
				}
			}
			return 0
		}
	}
	res := pipeline.Build(opts)
	if opts.Progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if c.Bool("json") {
		if err := writeJSON(stdout, res, changed); err != nil {
			fmt.Fprintln(stderr, "normpress: error:", err)
			return 1
		}
	} else {
		printDiags(stderr, res.Diags, getenv("GITHUB_ACTIONS") == "true")
		for _, a := range res.Artifacts {
			fmt.Fprintln(stdout, a.Summary())
		}
		errs, warns := res.Diags.Count()
		if !write || isTerminal(stderr) || errs+warns > 0 {
			v := verb(write, res.OK())
			if slices.ContainsFunc(res.Diags, func(d source.Diag) bool { return d.Code == "write-partial" }) {
				v = "build failed part-way (the error names the files replaced),"
			}
			fmt.Fprintf(stderr, "%s in %.2f s: %s, %s\n", v, time.Since(start).Seconds(),
				plural(errs, "error"), plural(warns, "warning"))
		}
	}
	if !res.OK() {
		return 1
	}
	return 0
}

func verb(write, ok bool) string {
	switch {
	case !ok && write:
		return "build failed, nothing written,"
	case !ok:
		return "check failed"
	case write:
		return "built"
	}
	return "checked"
}

// sourceDateEpoch is the build's only clock: SOURCE_DATE_EPOCH when set
// (reproducible builds), else now.
func sourceDateEpoch(getenv func(string) string) (int64, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now().Unix(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
	}
	return n, nil
}

func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// printDiags prints file:line:col: severity: message, and in GitHub Actions
// also a workflow command so the message shows on the changed line.
func printDiags(w io.Writer, ds source.Diags, github bool) {
	for _, d := range ds {
		text := d.String()
		if github && strings.HasPrefix(text, "::") {
			// A file named "::error::x.md" (or ":") would start a line
			// that the runner reads as a workflow command of its own;
			// "./" names the same file. Found by FuzzDiagnostics.
			text = "./" + text
		}
		fmt.Fprintln(w, text)
		if github {
			p := d.Position()
			msg := d.Msg
			if d.Hint != "" {
				msg += " (" + d.Hint + ")"
			}
			fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", d.Sev,
				escapeProp(source.Printable(p.File)), p.Line, p.Col, escapeProp(source.Printable(d.Code)), escapeData(source.Printable(msg)))
		}
	}
}

// GitHub's workflow-command escaping.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func writeJSON(w io.Writer, res *pipeline.Result, changed *report.Changes) error {
	r, err := report.New(res, versionString())
	if err != nil {
		return err
	}
	r.ChangedSince = changed
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
