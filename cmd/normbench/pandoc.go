package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// pandocFormats are what pandoc makes for the comparison: our HTML and EPUB.
// Pandoc's PDF goes through LaTeX (or another engine), which is a different
// typesetter; see pdfEngines.
var pandocFormats = []string{"html", "epub"}

// pdfEngines are the programs pandoc can make a PDF with.
var pdfEngines = []string{"pdflatex", "xelatex", "lualatex", "tectonic", "latexmk", "context",
	"wkhtmltopdf", "weasyprint", "prince", "pagedjs-cli", "pdfroff", "typst"}

// pandoc runs pandoc on a corpus, one process per publication and format.
type pandoc struct {
	bin     string
	version string
	engines []string // PDF engines found on PATH
	styles  string   // folder of built-in .csl files (templates/styles)
}

func findPandoc(styles string) *pandoc {
	bin, err := exec.LookPath("pandoc")
	if err != nil {
		return nil
	}
	p := &pandoc{bin: bin, styles: styles}
	if out, err := exec.Command(bin, "--version").Output(); err == nil {
		p.version, _, _ = strings.Cut(string(out), "\n")
	}
	for _, e := range pdfEngines {
		if _, err := exec.LookPath(e); err == nil {
			p.engines = append(p.engines, e)
		}
	}
	return p
}

// pandocInput is one publication as pandoc reads it.
type pandocInput struct {
	pub  CorpusPub
	file string // the concatenated Markdown
	args []string
}

var (
	// paraLabel is our paragraph label, which pandoc would print as text.
	paraLabel = regexp.MustCompile(`[ \t]*\{#para:[^}\n]*\}[ \t]*(\r?\n|$)`)
	// noteRef is a footnote reference or definition: ids are per chapter for
	// normpress, per document for pandoc.
	noteRef = regexp.MustCompile(`\[\^([^\]\s]+)\]`)
)

// prepare writes, for each Markdown publication of the corpus, the input
// pandoc reads: the chapters in manifest order, each front matter replaced
// by a level-1 heading with the chapter's title (pandoc reads one metadata
// block per document), paragraph labels removed and footnote ids made
// unique per chapter. This runs once per corpus, outside the timing.
func (p *pandoc) prepare(c *Corpus, dir string) ([]pandocInput, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var ins []pandocInput
	for _, pub := range c.Pubs {
		if pub.Digest || len(pub.Chapters) == 0 {
			continue // generated from YAML records: pandoc has no counterpart
		}
		var buf bytes.Buffer
		folders := map[string]bool{}
		var resource []string
		for i, ch := range pub.Chapters {
			src, err := os.ReadFile(filepath.Join(c.Dir, filepath.FromSlash(ch)))
			if err != nil {
				return nil, err
			}
			fm, body := splitFrontMatter(src)
			var meta struct {
				Title string `yaml:"title"`
			}
			if fm != nil {
				yaml.Unmarshal(fm, &meta) // a bad front matter was reported by normpress check
			}
			if meta.Title != "" {
				fmt.Fprintf(&buf, "# %s\n\n", meta.Title)
			}
			body = paraLabel.ReplaceAll(body, []byte("$1"))
			body = noteRef.ReplaceAll(body, []byte("[^c"+strconv.Itoa(i+1)+"-$1]"))
			buf.Write(body)
			buf.WriteString("\n\n")
			if f := path.Dir(ch); !folders[f] {
				folders[f] = true
				resource = append(resource, filepath.Join(c.Dir, filepath.FromSlash(f)))
			}
		}
		file := filepath.Join(dir, pub.ID+".md")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
		args := []string{file, "-f", "markdown", "--citeproc",
			"--resource-path=" + strings.Join(resource, string(os.PathListSeparator)),
			"-M", "title=" + pub.Title, "-M", "lang=" + pub.Lang, "-M", "link-citations=true"}
		for _, b := range append(append([]string(nil), c.Bibliography...), pub.Bibliography...) {
			args = append(args, "--bibliography", filepath.Join(c.Dir, filepath.FromSlash(b)))
		}
		if csl := p.csl(pub.Style); csl != "" {
			args = append(args, "--csl", csl)
		}
		ins = append(ins, pandocInput{pub: pub, file: file, args: args})
	}
	return ins, nil
}

// csl is the .csl file of a built-in style that pandoc can read too, or ""
// (pandoc then uses its default, Chicago author-date).
func (p *pandoc) csl(style string) string {
	if style == "" {
		return ""
	}
	if strings.HasSuffix(style, ".csl") {
		return style
	}
	f := filepath.Join(p.styles, style+".csl")
	if _, err := os.Stat(f); err == nil {
		return f
	}
	return ""
}

// run makes every prepared publication in one format, one pandoc process
// after another, as a script would, and adds up their times. warnings
// counts pandoc's warnings (cross-references it reads as unknown citations).
func (p *pandoc) run(ins []pandocInput, format, outDir string) (s Sample, warnings int, err error) {
	for _, in := range ins {
		args := append([]string(nil), in.args...)
		switch format {
		case "html":
			args = append(args, "-t", "html5", "--standalone", "-o", filepath.Join(outDir, in.pub.ID+".html"))
		case "epub":
			args = append(args, "-t", "epub3", "-o", filepath.Join(outDir, in.pub.ID+".epub"))
		default:
			return s, 0, fmt.Errorf("pandoc: no comparison for format %q", format)
		}
		one, _, stderr, err := runTimed(exec.Command(p.bin, args...))
		if err != nil {
			return s, 0, err
		}
		s.Wall += one.Wall
		s.CPU += one.CPU
		s.RSS = max(s.RSS, one.RSS)
		warnings += bytes.Count(stderr, []byte("[WARNING]"))
	}
	return s, warnings, nil
}
