package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// manifestName is the manifest's path inside a project (project.ManifestName;
// repeated so that generating a corpus does not depend on the pipeline).
const manifestName = "normpress.yaml"

// Corpus is a generated project: the example with every publication's
// chapters n times over.
type Corpus struct {
	Dir      string `json:"-"`
	Scale    int    `json:"scale"`
	Chapters int    `json:"chapters"` // Markdown chapter files
	Bytes    int64  `json:"markdown_bytes"`
	Words    int    `json:"markdown_words"`
	// Pubs lists each publication's chapter files in manifest order, for
	// pandoc, which reads the same sources.
	Pubs []CorpusPub `json:"-"`
	// Bibliography is the manifest's project-wide bibliography files.
	Bibliography []string `json:"-"`
}

// CorpusPub is one publication of a corpus.
type CorpusPub struct {
	ID, Title, Lang, Style string
	Bibliography           []string // files for this publication only
	Chapters               []string // Markdown files, manifest order
	Digest                 bool
}

// copySuffix names copy k (k ≥ 2) in labels, ids and file names.
func copySuffix(k int) string { return "-x" + strconv.Itoa(k) }

// copyPath is the chapter file p as copy k: commentary/13c.md becomes
// commentary/13c-x2.md, so the default chapter id stays unique.
func copyPath(p string, k int) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + copySuffix(k) + ext
}

// Generate writes into dst (which must not exist or be empty) the project
// src with every publication's Markdown chapters n times: the originals and
// n−1 copies whose labels and references carry the copy's suffix. Digest
// records and bibliographies stay at 1× (a digest's keys must be unique and
// name works in the bibliography, so copies would need invented works). The
// same src and n give the same bytes.
func Generate(src, dst string, n int) (*Corpus, error) {
	if n < 1 {
		return nil, fmt.Errorf("scale %d: must be at least 1", n)
	}
	if err := copyTree(src, dst); err != nil {
		return nil, err
	}
	mpath := filepath.Join(dst, manifestName)
	mdata, err := os.ReadFile(mpath)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(mdata, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", mpath, err)
	}
	m, err := readManifest(&root)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", mpath, err)
	}
	c := &Corpus{Dir: dst, Scale: n, Bibliography: m.bibliography}

	// Labels are unique across the project, so a copy suffixes those of every
	// copied chapter, and a copy of the guidelines points into the same copy
	// of the commentary.
	chapters := m.chapters()
	texts := make(map[string][]byte, len(chapters))
	defined := map[string]bool{}
	for _, p := range chapters {
		b, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(p)))
		if err != nil {
			return nil, fmt.Errorf("chapter named in the manifest: %v", err)
		}
		texts[p] = b
		defineLabels(b, defined)
	}
	for k := 2; k <= n; k++ {
		for _, p := range chapters {
			out := filepath.Join(dst, filepath.FromSlash(copyPath(p, k)))
			if _, err := os.Lstat(out); err == nil {
				return nil, fmt.Errorf("%s: exists already; copies need free names", out)
			}
			if err := os.WriteFile(out, copyChapter(texts[p], copySuffix(k), defined), 0o644); err != nil {
				return nil, err
			}
		}
	}
	if n > 1 {
		m.appendCopies(n)
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(&root); err != nil {
			return nil, err
		}
		enc.Close()
		if err := os.WriteFile(mpath, buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
	}

	for _, p := range m.pubs {
		cp := CorpusPub{ID: p.id, Title: p.title, Lang: p.lang, Style: p.style, Bibliography: p.bibliography, Digest: p.digest}
		if cp.Lang == "" {
			cp.Lang = m.lang
		}
		if cp.Style == "" {
			cp.Style = m.style
		}
		for _, key := range listKeys { // the order appendCopies gives the manifest
			for k := 1; k <= n; k++ {
				for _, ch := range p.listChapters[key] {
					if k > 1 {
						ch = copyPath(ch, k)
					}
					cp.Chapters = append(cp.Chapters, ch)
				}
			}
		}
		c.Pubs = append(c.Pubs, cp)
	}
	for _, p := range chapters {
		c.Chapters += n
		c.Bytes += int64(n * len(texts[p]))
		_, body := splitFrontMatter(texts[p])
		c.Words += n * len(strings.Fields(string(body)))
	}
	return c, nil
}

// copyTree copies the regular files and folders of src into dst. A symbolic
// link is refused rather than followed: the pipeline refuses links out of
// the tree, and a copy must not change what it would see.
func copyTree(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	return fs.WalkDir(os.DirFS(src), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		to := filepath.Join(dst, filepath.FromSlash(p))
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type().IsRegular():
			b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(p)))
			if err != nil {
				return err
			}
			return os.WriteFile(to, b, 0o644)
		}
		return fmt.Errorf("%s: not a regular file or folder; the corpus generator copies only those", filepath.Join(src, p))
	})
}
