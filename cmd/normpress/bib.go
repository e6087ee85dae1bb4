package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/templates"
)

// bibCommand is for editors who keep the bibliography: check files, convert
// between BibTeX and CSL-JSON/YAML, and see how a style formats the entries.
func bibCommand(stdout, stderr io.Writer, code *int) *cli.Command {
	return &cli.Command{
		Name:      "bib",
		Usage:     "check bibliography files, convert them (--to), or format them with a style (--style)",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "to", Usage: "convert to `FORMAT`: csljson, cslyaml, bibtex or ris (written to stdout)"},
			&cli.StringFlag{Name: "style", Usage: "format a bibliography with a built-in style `NAME` or a .csl file"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "with --style: text or html"},
			&cli.StringFlag{Name: "lang", Usage: "with --style: the `language` of terms and dates (default: the style's default-locale, else en-US)"},
			&cli.StringFlag{Name: "abbreviations", Usage: "with --style: a citation-abbreviations `FILE` (JSON) for form=\"short\" variables"},
			&cli.StringSliceFlag{Name: "locale", Usage: "with --style: a CSL locale `FILE` that adds or overrides terms and dates of its language (repeatable)"},
		},
		Action: func(c *cli.Context) error {
			*code = runBib(c, stdout, stderr)
			return nil
		},
	}
}

func runBib(c *cli.Context, stdout, stderr io.Writer) int {
	if c.NArg() == 0 {
		fmt.Fprintln(stderr, "normpress bib: give one or more .bib, .json or .yaml files")
		return 2
	}
	var ds source.Diags
	var items []*bib.Item
	for _, name := range c.Args().Slice() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stderr, "normpress bib: error:", err)
			return 1
		}
		got, fds := bib.Parse(source.NewFile(name, data))
		ds.Add(fds...)
		items = append(items, got...)
	}
	lib, lds := bib.NewLibrary(items)
	ds.Add(lds...)
	ds = ds.Sort()
	for _, d := range ds {
		fmt.Fprintln(stderr, d.String())
	}
	if ds.HasErrors() {
		return 1
	}
	switch {
	case c.String("to") != "":
		f, ok := bib.ParseFormat(c.String("to"))
		if !ok {
			fmt.Fprintf(stderr, "normpress bib: unknown format %q (use csljson, cslyaml, bibtex or ris)\n", c.String("to"))
			return 2
		}
		stdout.Write(bib.Write(lib.Items, f))
	case c.String("style") != "":
		return formatBib(c, lib, stdout, stderr)
	default:
		errs, warns := ds.Count()
		fmt.Fprintf(stderr, "%d entries, %s, %s\n", len(lib.Items), plural(errs, "error"), plural(warns, "warning"))
	}
	return 0
}

func formatBib(c *cli.Context, lib *bib.Library, stdout, stderr io.Writer) int {
	name := c.String("style")
	var f *source.File
	if data, ok := templates.Style(name); ok {
		f = source.NewFile("templates/styles/"+name+".csl", data)
	} else if strings.HasSuffix(name, ".csl") {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stderr, "normpress bib: error:", err)
			return 1
		}
		f = source.NewFile(name, data)
	} else {
		fmt.Fprintf(stderr, "normpress bib: unknown style %q (built-in: %s; or a .csl file)\n", name, strings.Join(templates.StyleNames(), ", "))
		return 2
	}
	style, sds := csl.ParseStyle(f)
	for _, d := range sds.Sort() {
		fmt.Fprintln(stderr, d.String())
	}
	if sds.HasErrors() {
		return 1
	}
	locales := csl.NewLocales(nil)
	var lds source.Diags
	for _, name := range c.StringSlice("locale") {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stderr, "normpress bib: error:", err)
			return 1
		}
		lds.Add(locales.AddFile(source.NewFile(name, data))...)
	}
	for _, d := range lds.Sort() {
		fmt.Fprintln(stderr, d.String())
	}
	if lds.HasErrors() {
		return 1
	}
	var abbrevs csl.Abbreviations
	if name := c.String("abbreviations"); name != "" {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stderr, "normpress bib: error:", err)
			return 1
		}
		var ads source.Diags
		abbrevs, ads = csl.ParseAbbreviations(source.NewFile(name, data))
		for _, d := range ads.Sort() {
			fmt.Fprintln(stderr, d.String())
		}
		if ads.HasErrors() {
			return 1
		}
	}
	p := csl.NewProcessor(style, func(id string) *bib.Item { return lib.ByID[id] }, csl.Options{Lang: c.String("lang"), Locales: locales, Links: true, Abbreviations: abbrevs})
	ids := make([]string, len(lib.Items))
	for i, it := range lib.Items {
		ids[i] = it.ID
	}
	p.AddItems(ids...)
	entries := p.Bibliography()
	if entries == nil {
		fmt.Fprintf(stderr, "normpress bib: the style %s has no bibliography\n", name)
		return 1
	}
	switch c.String("format") {
	case "html":
		io.WriteString(stdout, csl.BibliographyHTML(entries))
	case "text":
		for _, e := range entries {
			fmt.Fprintln(stdout, e.Text.String())
		}
	default:
		fmt.Fprintf(stderr, "normpress bib: unknown --format %q (use text or html)\n", c.String("format"))
		return 2
	}
	return 0
}
