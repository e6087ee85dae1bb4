package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/normpress/normpress/build/changes"
	"github.com/normpress/normpress/build/pipeline"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/report"
)

// changedSince works out which publications the changes since ref affect
// (build/changes says how) and tells the user on stderr unless the report
// goes out as JSON. A --pub list narrows the answer further. It returns nil
// when the project does not load: then everything is built, and the build
// reports why.
func changedSince(opts pipeline.Options, ref string, stderr io.Writer, quiet bool) (*report.Changes, error) {
	files, top, oldManifest, err := changes.Git(opts.Dir, ref, filepath.Join(opts.Dir, project.ManifestName))
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	// Resolve symbolic links on both sides: git prints the real path.
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	if r, err := filepath.EvalSymlinks(top); err == nil {
		top = r
	}
	projDir, err := filepath.Rel(top, abs)
	if err != nil || projDir == ".." || strings.HasPrefix(projDir, "../") {
		return nil, fmt.Errorf("the project folder %s is not inside the git repository %s", opts.Dir, top)
	}
	out := &report.Changes{Ref: ref, Files: files, Publications: []string{}, Reasons: []report.Reason{}}
	if out.Files == nil {
		out.Files = []string{}
	}
	proj, _ := project.Load(opts.Dir, project.Options{Prefix: opts.Prefix})
	if proj == nil {
		// The manifest does not load: build everything (nil), and let the
		// build report why.
		return nil, nil
	}
	check := opts
	check.Write, check.Memory, check.Progress, check.Pubs = false, false, nil, nil
	site := pipeline.Build(check).Site
	res := changes.Affected(proj, site, files, filepath.ToSlash(projDir), oldManifest)
	for _, id := range res.Pubs {
		if len(opts.Pubs) == 0 || slices.Contains(opts.Pubs, id) {
			out.Publications = append(out.Publications, id)
		}
	}
	for _, r := range res.Reasons {
		out.Reasons = append(out.Reasons, report.Reason{Publication: r.Pub, File: r.File, Via: r.Via, Why: r.Why})
	}
	if !quiet {
		if len(out.Publications) == 0 {
			fmt.Fprintf(stderr, "no publication is affected by the %d changed files since %s; nothing to build\n", len(files), ref)
		}
		for _, id := range out.Publications {
			var why []string
			for _, r := range res.Reasons {
				if r.Pub != id {
					continue
				}
				if r.Via != "" {
					why = append(why, r.Why)
				} else {
					why = append(why, r.File+": "+r.Why)
				}
			}
			fmt.Fprintf(stderr, "changed since %s: %s (%s)\n", ref, id, strings.Join(why, "; "))
		}
	}
	return out, nil
}
