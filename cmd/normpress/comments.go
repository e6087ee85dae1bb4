package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/normpress/normpress/build/docx"
)

// commentsCommand reads reviewers' Word files and reports every comment and
// tracked change against its paragraph and source line.
func commentsCommand(stdout, stderr io.Writer, code *int) *cli.Command {
	return &cli.Command{
		Name:      "comments",
		Usage:     "report reviewers' Word comments and tracked changes against their paragraphs and source lines",
		ArgsUsage: "REVIEW.docx...",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.BoolFlag{Name: "markdown", Aliases: []string{"md"}, Usage: "print a Markdown digest grouped by paragraph"},
		},
		Action: func(c *cli.Context) error {
			*code = runComments(c.Args().Slice(), c.Bool("json"), c.Bool("markdown"), stdout, stderr)
			return nil
		},
	}
}

func runComments(names []string, asJSON, asMarkdown bool, stdout, stderr io.Writer) int {
	if len(names) == 0 {
		fmt.Fprintln(stderr, "normpress comments: give one or more .docx files that reviewers sent back")
		return 2
	}
	if asJSON && asMarkdown {
		fmt.Fprintln(stderr, "normpress comments: --json and --markdown exclude each other")
		return 2
	}
	code := 0
	var reviews []*docx.Review
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "%s: error: %v\n", name, err)
			code = 1
			continue
		}
		rv, err := docx.ReadReview(name, data)
		if err != nil {
			fmt.Fprintf(stderr, "%s: error: %v\n", name, err)
			code = 1
			continue
		}
		for _, n := range rv.Notes {
			fmt.Fprintf(stderr, "%s: warning: %s\n", name, n)
		}
		reviews = append(reviews, rv)
	}
	switch {
	case asJSON:
		type fileJSON struct {
			File  string       `json:"file"`
			Pub   string       `json:"publication,omitempty"`
			Notes []string     `json:"notes"`
			Items []*docx.Item `json:"items"`
		}
		out := struct {
			Files []fileJSON `json:"files"`
		}{Files: []fileJSON{}}
		for _, rv := range reviews {
			f := fileJSON{File: rv.File, Notes: rv.Notes, Items: rv.Items}
			if f.Notes == nil {
				f.Notes = []string{}
			}
			if f.Items == nil {
				f.Items = []*docx.Item{}
			}
			if rv.Map != nil {
				f.Pub = rv.Map.Pub
			}
			out.Files = append(out.Files, f)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	case asMarkdown:
		docx.WriteMarkdown(stdout, reviews)
	default:
		docx.WriteText(stdout, reviews)
	}
	return code
}
