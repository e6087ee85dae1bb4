// Package changes works out which publications a change to the sources
// affects, for `normpress build --changed-since REF`: a CI job builds those
// and skips the rest.
//
// A changed file affects a publication directly when the publication reads
// it: a chapter, image, cover, font or .csl style it names; a bibliography
// file of its own. Some files are shared and affect every publication that
// reads them: the bibliography files and the style the manifest names for
// all, the norm registry (norm texts head the norm chapters; @norm: links
// resolve against it), and go.mod/go.sum at the repository root (the
// normpress version). Digest records affect their digest and every
// publication with further-reading (its norm chapters list them). The
// manifest is compared key by key with its version at REF: a change under
// one publication affects that publication, any other change every one. A
// changed file in the project folder that no publication is known to read
// affects every publication, since it may be read in a way this package
// does not see; a file outside the project folder (a README, the CI
// workflow) affects none.
//
// Then dependencies across publications: a publication whose
// cross-references or links point into another (the guidelines cite the
// commentary's sections and paragraphs; digest summaries point at norms'
// chapters) shows that publication's numbers and titles, so it is affected
// whenever the other is, transitively.
package changes

import (
	"bytes"
	"fmt"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/project"
)

// Reason is one link in the chain from a changed file to a publication.
type Reason struct {
	Pub  string // the publication affected
	File string // the changed file that affects it directly (repository-relative)
	Via  string // or the publication it depends on
	Why  string
}

// Result is which publications a change affects.
type Result struct {
	Files   []string // changed files, repository-relative, sorted
	Pubs    []string // affected publications, in manifest order
	Reasons []Reason
}

// Git lists the files that differ between REF and the working tree of the
// repository holding dir (committed, staged, unstaged and untracked, with
// both names of a rename), repository-relative; it also returns the
// repository's top folder and the manifest's content at REF (nil when it did
// not exist there).
func Git(dir, ref, manifest string) (files []string, top string, oldManifest []byte, err error) {
	git := func(args ...string) ([]byte, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return out, nil
	}
	out, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, "", nil, err
	}
	top = strings.TrimSpace(string(out))
	if _, err := git("rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return nil, "", nil, fmt.Errorf("--changed-since %s: not a commit in this repository", ref)
	}
	seen := map[string]bool{}
	for _, args := range [][]string{
		{"diff", "--name-only", "--no-renames", "-z", ref, "--"},
		{"ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"},
	} {
		out, err := git(args...)
		if err != nil {
			return nil, "", nil, err
		}
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" && !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	slices.Sort(files)
	absManifest, err := filepath.Abs(manifest)
	if err != nil {
		return nil, "", nil, err
	}
	rel, err := filepath.Rel(top, absManifest)
	if err != nil {
		return nil, "", nil, err
	}
	if old, err := git("show", ref+":"+filepath.ToSlash(rel)); err == nil {
		oldManifest = old
	}
	return files, top, oldManifest, nil
}

// Affected says which publications the changed files affect. files are
// repository-relative; projDir is the project folder relative to the
// repository's top (".", "chapters"); site is the resolved project (for
// images and cross-references); oldManifest the manifest at REF.
func Affected(proj *project.Project, site *doc.Site, files []string, projDir string, oldManifest []byte) *Result {
	res := &Result{Files: files}
	m := proj.Manifest
	var all []string
	for _, p := range m.Pubs {
		all = append(all, p.ID.Value)
	}
	affected := map[string]bool{}
	add := func(pub, file, why string) {
		affected[pub] = true
		res.Reasons = append(res.Reasons, Reason{Pub: pub, File: file, Why: why})
	}
	addAll := func(file, why string) {
		for _, id := range all {
			add(id, file, why)
		}
	}

	// What each publication reads, by project-relative path.
	reads := map[string][]string{} // path → publication IDs
	readsDir := map[string][]string{}
	shared := map[string]string{} // path → why every publication reads it
	if m.Norms.Value != "" {
		shared[m.Norms.Value] = "the norm registry"
	}
	for _, b := range m.Bibliography {
		shared[b.Value] = "the shared bibliography"
	}
	if isFile(m.Style.Value) {
		shared[m.Style.Value] = "the shared citation style"
	}
	for _, p := range m.Pubs {
		id := p.ID.Value
		note := func(s project.Str) {
			if s.Value != "" {
				reads[s.Value] = append(reads[s.Value], id)
			}
		}
		for _, list := range [][]project.Entry{p.Front, p.Body, p.Back} {
			for _, e := range list {
				note(e.Chapter)
				for _, c := range e.Chapters {
					note(c)
				}
			}
		}
		for _, b := range p.Bibliography {
			note(b)
		}
		note(p.Cover)
		if isFile(p.Style.Value) {
			note(p.Style)
		}
		for _, fam := range []project.FontFamily{p.Fonts.Serif, p.Fonts.Sans, p.Fonts.Mono} {
			for _, f := range []project.Str{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic} {
				note(f)
			}
		}
		if p.Digest != nil && p.Digest.Entries.Value != "" {
			dir := strings.TrimSuffix(p.Digest.Entries.Value, "/")
			readsDir[dir] = append(readsDir[dir], id)
			for _, q := range m.Pubs {
				if q.FurtherReading && q.ID.Value != id {
					readsDir[dir] = append(readsDir[dir], q.ID.Value)
				}
			}
		}
	}
	deps := map[string]map[string]bool{} // publication → publications it points into
	if site != nil {
		for _, p := range site.Pubs {
			deps[p.ID] = map[string]bool{}
			// A language edition links to its counterparts' anchors and
			// names its original: each depends on the others.
			for _, e := range p.Editions {
				deps[p.ID][e.Pub] = true
			}
			v := doc.Visitor{
				Inline: func(in doc.Inline) bool {
					switch x := in.(type) {
					case *doc.XRef:
						for _, it := range x.Items {
							if it.Target != nil && it.Target.Pub != "" && it.Target.Pub != p.ID {
								deps[p.ID][it.Target.Pub] = true
							}
						}
					case *doc.Link:
						if x.Target != nil && x.Target.Pub != "" && x.Target.Pub != p.ID {
							deps[p.ID][x.Target.Pub] = true
						}
					case *doc.Image:
						if x.Asset != nil {
							reads[x.Asset.Path] = append(reads[x.Asset.Path], p.ID)
						}
					}
					return true
				},
				Block: func(b doc.Block) bool {
					if f, ok := b.(*doc.Figure); ok && f.Asset != nil {
						reads[f.Asset.Path] = append(reads[f.Asset.Path], p.ID)
					}
					return true
				},
			}
			for _, ch := range p.Chapters {
				v.WalkBlocks(ch.Blocks)
			}
		}
	}

	manifestPath := path.Join(projDir, project.ManifestName)
	for _, f := range files {
		rel, inProject := within(projDir, f)
		switch {
		case f == manifestPath:
			manifestChanges(m, oldManifest, f, all, add, addAll)
		case !inProject:
			if f == "go.mod" || f == "go.sum" {
				addAll(f, "the normpress version")
			}
		case shared[rel] != "":
			addAll(f, shared[rel])
		case len(reads[rel]) > 0:
			for _, id := range dedupe(reads[rel]) {
				add(id, f, "reads it")
			}
		default:
			found := false
			for dir, ids := range readsDir {
				if strings.HasPrefix(rel, dir+"/") {
					found = true
					for _, id := range dedupe(ids) {
						why := "a digest record"
						if p := pubByID(m, id); p != nil && p.Digest == nil {
							why = "a digest record listed under further reading"
						}
						add(id, f, why)
					}
				}
			}
			if !found {
				addAll(f, "a file in the project folder no publication is known to read")
			}
		}
	}

	// Follow cross-references: whoever points into an affected publication
	// is affected, until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, id := range all {
			if affected[id] {
				continue
			}
			for _, dep := range all {
				if affected[dep] && deps[id][dep] {
					affected[id] = true
					res.Reasons = append(res.Reasons, Reason{Pub: id, Via: dep, Why: "cross-references " + dep})
					changed = true
					break
				}
			}
		}
	}
	for _, id := range all {
		if affected[id] {
			res.Pubs = append(res.Pubs, id)
		}
	}
	res.Reasons = dedupeReasons(res.Reasons)
	return res
}

// manifestChanges compares the manifest with its version at REF: a
// publication's own mapping, or anything else.
func manifestChanges(m *project.Manifest, old []byte, file string, all []string, add func(pub, file, why string), addAll func(file, why string)) {
	var before yaml.Node
	if old == nil || yaml.Unmarshal(old, &before) != nil {
		addAll(file, "the manifest (new or unreadable at the reference)")
		return
	}
	var now yaml.Node
	if yaml.Unmarshal(m.File.Data, &now) != nil {
		addAll(file, "the manifest")
		return
	}
	oldTop, oldPubs := split(&before)
	newTop, newPubs := split(&now)
	for _, k := range unionKeys(oldTop, newTop) {
		if oldTop[k] != newTop[k] {
			addAll(file, "the manifest's "+k)
		}
	}
	for _, id := range all {
		if oldPubs[id] != newPubs[id] {
			add(id, file, "its entry in the manifest")
		}
	}
}

// split returns the manifest's top-level values and its publications'
// mappings, each re-encoded so that only content (not layout or comments)
// is compared.
func split(n *yaml.Node) (top, pubs map[string]string) {
	top, pubs = map[string]string{}, map[string]string{}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		if k == "publications" && v.Kind == yaml.SequenceNode {
			for _, p := range v.Content {
				id := ""
				for j := 0; p.Kind == yaml.MappingNode && j+1 < len(p.Content); j += 2 {
					if p.Content[j].Value == "id" {
						id = p.Content[j+1].Value
					}
				}
				pubs[id] = canonical(p)
			}
			continue
		}
		top[k] = canonical(v)
	}
	return top, pubs
}

func canonical(n *yaml.Node) string {
	var v any
	if err := n.Decode(&v); err != nil {
		return fmt.Sprint(err)
	}
	out, _ := yaml.Marshal(v)
	return string(out)
}

func unionKeys(a, b map[string]string) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// within returns f relative to the project folder, and whether it is in it.
func within(projDir, f string) (string, bool) {
	if projDir == "." || projDir == "" {
		return f, true
	}
	rel, ok := strings.CutPrefix(f, projDir+"/")
	return rel, ok
}

// isFile tells a style given as a path from a built-in style's name.
func isFile(style string) bool { return strings.HasSuffix(style, ".csl") }

func pubByID(m *project.Manifest, id string) *project.Pub {
	for _, p := range m.Pubs {
		if p.ID.Value == id {
			return p
		}
	}
	return nil
}

func dedupe(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func dedupeReasons(rs []Reason) []Reason {
	seen := map[Reason]bool{}
	var out []Reason
	for _, r := range rs {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}
