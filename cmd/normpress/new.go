package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/urfave/cli/v2"

	"github.com/normpress/normpress/build/project"
)

// newCommand scaffolds the files an editor adds most: a chapter, a norm, a
// digest entry, or a whole project. It never overwrites a file, and it checks
// the project afterwards so that what it made loads cleanly.
func newCommand(stdout, stderr io.Writer, code *int) *cli.Command {
	projectFlag := &cli.StringFlag{Name: "project", Value: "chapters", Usage: "the project `folder`"}
	fail := func(err error) error {
		fmt.Fprintln(stderr, "normpress: error:", err)
		*code = 1
		return nil
	}
	return &cli.Command{
		Name:  "new",
		Usage: "scaffold a chapter, a norm, a digest entry or a whole project",
		Subcommands: []*cli.Command{
			{
				Name:      "chapter",
				Usage:     "create a chapter file with front matter",
				ArgsUsage: "PATH (relative to the project folder, e.g. commentary/13l.md)",
				Flags: []cli.Flag{projectFlag,
					&cli.StringFlag{Name: "title", Usage: "the chapter's `title`"},
					&cli.StringFlag{Name: "norm", Usage: "the `id` of the norm it comments on"},
				},
				Action: func(c *cli.Context) error {
					rel := c.Args().First()
					if rel == "" || !strings.HasSuffix(rel, ".md") {
						return fail(errors.New("give the chapter's path, ending in .md"))
					}
					clean, err := project.CleanPath("", rel)
					if err != nil {
						return fail(err)
					}
					if !validName(path.Base(clean)) {
						return fail(fmt.Errorf("chapter file name %q: use letters, digits, '-', '_' and '.'", path.Base(clean)))
					}
					if n := c.String("norm"); n != "" {
						if !normID.MatchString(n) {
							return fail(fmt.Errorf("norm id %q must be a paragraph number and a letter, as in 13c", n))
						}
						p, ds := project.Load(c.String("project"), project.Options{Prefix: c.String("project") + "/"})
						if p == nil {
							return fail(ds.Err())
						}
						if p.Registry == nil || p.Registry.ByID[n] == nil {
							return fail(fmt.Errorf("norm %s is not in the norm registry; add it first with: normpress new norm %s --title ... --text ...", n, n))
						}
					}
					title := c.String("title")
					if title == "" {
						title = strings.TrimSuffix(path.Base(clean), ".md")
					}
					var b bytes.Buffer
					fmt.Fprintf(&b, "---\ntitle: %q\n", title)
					id := strings.TrimSuffix(path.Base(clean), ".md")
					if n := c.String("norm"); n != "" {
						fmt.Fprintf(&b, "norm: %s\nauthors: [Working Group %s]\n", n, normLabel(n))
						id = n
					}
					fmt.Fprintf(&b, "abstract: >-\n  One paragraph on what the chapter covers.\nkeywords: []\nstatus: draft\n---\n\n")
					for _, s := range [][2]string{{"Scope and key terms", "scope"}, {"Legal basis", "legal-basis"},
						{"State practice", "state-practice"}, {"Implementation questions", "implementation"}, {"Open questions", "open-questions"}} {
						fmt.Fprintf(&b, "## %s {#sec:%s-%s}\n\nText.\n\n", s[0], id, s[1])
					}
					dst := filepath.Join(c.String("project"), filepath.FromSlash(clean))
					if err := create(dst, b.Bytes()); err != nil {
						return fail(err)
					}
					fmt.Fprintf(stdout, "created %s\nadd it to a publication in %s/%s:\n      - %s\n", dst, c.String("project"), project.ManifestName, clean)
					return nil
				},
			},
			{
				Name:      "norm",
				Usage:     "add a norm to the norm registry",
				ArgsUsage: "ID (e.g. 13l)",
				Flags: []cli.Flag{projectFlag,
					&cli.StringFlag{Name: "title", Required: true, Usage: "the norm's short `title`"},
					&cli.StringFlag{Name: "text", Required: true, Usage: "the norm's official `text`"},
				},
				Action: func(c *cli.Context) error {
					id := c.Args().First()
					if !normID.MatchString(id) {
						return fail(fmt.Errorf("norm id %q must be a paragraph number and a letter, as in 13c", id))
					}
					p, ds := project.Load(c.String("project"), project.Options{Prefix: c.String("project") + "/"})
					if p == nil || p.Manifest.Norms.Value == "" {
						return fail(fmt.Errorf("the project has no norm registry: %v", ds.Err()))
					}
					if p.Registry.ByID[id] != nil {
						return fail(fmt.Errorf("norm %s already exists", id))
					}
					file := filepath.Join(c.String("project"), filepath.FromSlash(p.Manifest.Norms.Value))
					data, err := os.ReadFile(file)
					if err != nil {
						return fail(err)
					}
					if !bytes.HasSuffix(data, []byte("\n")) {
						data = append(data, '\n')
					}
					entry := fmt.Sprintf("  - id: %s\n    title: %q\n    text: %q\n", id, c.String("title"), c.String("text"))
					if err := replace(file, append(data, entry...)); err != nil {
						return fail(err)
					}
					if q, ds := project.Load(c.String("project"), project.Options{Prefix: c.String("project") + "/"}); q == nil || q.Registry.ByID[id] == nil {
						replace(file, data) // put it back: the registry is not a plain list at its end
						return fail(fmt.Errorf("could not append to %s; add this entry under norms: by hand:\n%s%v", file, entry, ds.Err()))
					}
					fmt.Fprintf(stdout, "added norm %s to %s\n", id, file)
					return nil
				},
			},
			{
				Name:      "entry",
				Usage:     "create a digest record for a work in the bibliography",
				ArgsUsage: "KEY",
				Flags: []cli.Flag{projectFlag,
					&cli.StringFlag{Name: "pub", Usage: "the digest publication's `id` (default: the first digest)"},
					&cli.StringSliceFlag{Name: "topic", Usage: "topic `id`s"},
					&cli.StringSliceFlag{Name: "norm", Usage: "norm `id`s"},
				},
				Action: func(c *cli.Context) error {
					key := c.Args().First()
					if key == "" {
						return fail(errors.New("give the citation key of the work"))
					}
					// The key names the record's file and goes into its YAML:
					// nothing that leaves the folder or starts a new line.
					if !validName(key) {
						return fail(fmt.Errorf("citation key %q cannot name a digest record: use letters, digits, '-', '_', ':' and '.'", key))
					}
					p, ds := project.Load(c.String("project"), project.Options{Prefix: c.String("project") + "/"})
					if p == nil {
						return fail(ds.Err())
					}
					var dig *project.Pub
					for _, pub := range p.Manifest.Pubs {
						if pub.Digest != nil && (c.String("pub") == "" || pub.ID.Value == c.String("pub")) {
							dig = pub
							break
						}
					}
					if dig == nil {
						return fail(errors.New("no digest publication in the manifest"))
					}
					topics := c.StringSlice("topic")
					if len(topics) == 0 && len(dig.Digest.Topics) > 0 {
						topics = []string{dig.Digest.Topics[0].ID.Value}
					}
					for _, t := range topics {
						if !slices.ContainsFunc(dig.Digest.Topics, func(x project.Topic) bool { return x.ID.Value == t }) {
							return fail(fmt.Errorf("topic %q is not one of the digest's topics in %s", t, project.ManifestName))
						}
					}
					for _, n := range c.StringSlice("norm") {
						if p.Registry == nil || p.Registry.ByID[n] == nil {
							return fail(fmt.Errorf("norm %q is not in the norm registry", n))
						}
					}
					var b bytes.Buffer
					fmt.Fprintf(&b, "key: %q\ntopics: [%s]\nnorms: [%s]\nsummary: |\n  What the work does, in the editor's words.\n",
						key, quoteAll(topics), quoteAll(c.StringSlice("norm")))
					dst := filepath.Join(c.String("project"), filepath.FromSlash(dig.Digest.Entries.Value), key+".yaml")
					if err := create(dst, b.Bytes()); err != nil {
						return fail(err)
					}
					fmt.Fprintf(stdout, "created %s\n", dst)
					return nil
				},
			},
			{
				Name:      "project",
				Usage:     "create a new project with one publication, one chapter and a bibliography",
				ArgsUsage: "DIR",
				Action: func(c *cli.Context) error {
					dir := c.Args().First()
					if dir == "" {
						return fail(errors.New("give the folder to create the project in"))
					}
					files := map[string]string{
						"normpress.yaml": "title: My project\nlang: en-GB\nnorms: norms.yaml\nbibliography: [references.json]\nstyle: chicago-notes\npublications:\n  - id: commentary\n    title: A Commentary\n    date: 2026-01-01\n    paragraph-numbers: true\n    body:\n      - commentary/13a.md\n    back:\n      - generate: bibliography\n",
						"norms.yaml":     "norms:\n  - id: 13a\n    title: Cooperation\n    text: >-\n      Consistent with the purposes of the United Nations, including to maintain international peace and security, States should cooperate in developing and applying measures to increase stability and security in the use of ICTs and to prevent ICT practices that are acknowledged to be harmful or that may pose threats to international peace and security;\n",
						"references.json": `[{"id": "un-a-70-174", "type": "report", "author": [{"literal": "United Nations General Assembly"}],
  "title": "Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security",
  "number": "A/70/174", "issued": {"date-parts": [[2015, 7, 22]]}}]
`,
						"commentary/13a.md": "---\ntitle: \"Norm 13(a)\"\nnorm: 13a\nauthors: [Working Group 13(a)]\n---\n\n## Scope {#sec:13a-scope}\n\nThe norm is in paragraph 13 of the 2015 report [@un-a-70-174, para. 13].\n",
					}
					for _, name := range []string{"normpress.yaml", "norms.yaml", "references.json", "commentary/13a.md"} {
						dst := filepath.Join(dir, "chapters", filepath.FromSlash(name))
						if err := create(dst, []byte(files[name])); err != nil {
							return fail(err)
						}
					}
					fmt.Fprintf(stdout, "created a project in %s; build it with: cd %s && normpress build\n", filepath.Join(dir, "chapters"), dir)
					if err := scaffoldCI(dir, stdout); err != nil {
						return fail(err)
					}
					return nil
				},
			},
		},
	}
}

// create writes a new file, refusing to overwrite one.
func create(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s exists already; not overwriting it", name)
		}
		return err
	}
	_, werr := f.Write(data)
	return errors.Join(werr, f.Close())
}

// replace rewrites a file atomically.
func replace(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

var normID = regexp.MustCompile(`^[0-9]+[a-z]+$`)

// validName is a file name new may create from a user's word: no path
// separator, no "..", no control character, no YAML syntax.
func validName(s string) bool {
	if s == "" || s == "." || s == ".." || strings.HasPrefix(s, ".") || strings.Contains(s, "..") {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_:.", r)) {
			return false
		}
	}
	return true
}

func normLabel(id string) string {
	m := regexp.MustCompile(`^([0-9]+)([a-z]+)$`).FindStringSubmatch(id)
	if m == nil {
		return id
	}
	return m[1] + "(" + m[2] + ")"
}
