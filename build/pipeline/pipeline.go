// Package pipeline wires the phases together: load (project) → parse
// (markdown, bib; a goroutine per file) → resolve (digest, cite, xref) →
// render (html, epub, pdf; a goroutine per artifact) → write (output). No
// phase reaches back into an earlier one's input.
package pipeline

import (
	"runtime"
	"slices"
	"sync"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/output"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
)

// Formats a build can make, in the order artifacts are listed.
var Formats = []string{"html", "epub", "pdf", "docx"}

// Options for a build.
type Options struct {
	Dir     string   // the project folder: "chapters"
	Prefix  string   // how diagnostics name it: "chapters/"
	Out     string   // the output folder: "out"
	Formats []string // nil: all
	Pubs    []string // nil: all
	Strict  bool     // warnings are errors
	Epoch   int64    // SOURCE_DATE_EPOCH
	Write   bool     // false for check
	Force   bool     // build into a non-empty folder normpress did not make
	Memory  bool     // render but keep the files in Result.Files (serve)
	Version string   // for PDF producer and HTML generator
	// Consultation makes every publication built a consultation draft
	// (build --consultation), with the manifest's consultation settings.
	Consultation bool
	// Progress, when set, hears each phase as it starts ("parsing 27
	// files"); the CLI shows it on a terminal. It may be called from
	// several goroutines.
	Progress func(phase string)
}

// Artifact is one written file a user asked for (a PDF, an EPUB, the HTML
// edition's entry page).
type Artifact struct {
	Pub    string `json:"publication"`
	Format string `json:"format"`
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
}

// Stats are a publication's counts, for --json and for tests of the
// example project.
type Stats struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Chapters   int    `json:"chapters"`
	Words      int    `json:"words"`
	Footnotes  int    `json:"footnotes"`
	Citations  int    `json:"citations"`
	CrossRefs  int    `json:"cross_references"`
	References int    `json:"references"`
	Entries    int    `json:"digest_entries,omitempty"`
	PDFPages   int    `json:"pdf_pages,omitempty"`
}

// Result is what a build made and said.
type Result struct {
	Diags     source.Diags
	Artifacts []Artifact
	Stats     []Stats
	Site      *doc.Site
	// Files are the rendered files, by output path, when Options.Memory.
	Files map[string][]byte
}

// OK reports whether the build had no errors (after --strict).
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Build runs the pipeline. With Write off it stops after resolving (check).
func Build(opts Options) *Result { return buildWith(opts, nil) }

// buildWith is Build, reusing what a Session kept from the previous build when
// s is not nil.
func buildWith(opts Options, s *Session) *Result {
	res := &Result{}
	if opts.Write {
		// Before any work: a build must not write into its own sources,
		// the repository root or a system folder.
		if err := output.CheckPlace(opts.Out, opts.Dir); err != nil {
			res.Diags.Errorf(source.Span{}, "bad-output-folder", "%v", err)
			return finish(res, opts)
		}
	}
	opts.progress("loading " + opts.Dir)
	proj, ds := project.Load(opts.Dir, project.Options{Prefix: opts.Prefix})
	res.Diags.Add(ds...)
	if proj == nil {
		return finish(res, opts)
	}
	cache := s.parses()
	cache.begin()
	site, st, registers, ds := resolve(proj, opts, cache)
	cache.end(proj)
	res.Diags.Add(ds...)
	res.Diags = quietFollowOns(proj, res.Diags)
	res.Site = site
	res.Stats = st
	res = finish(res, opts)
	if !(opts.Write || opts.Memory) || !res.OK() {
		return res
	}
	arts, pages, ds := render(site, opts, proj.Manifest.BaseURL.Value, s)
	res.Diags.Add(ds...)
	// Each publication's paragraph register, whichever formats were asked
	// for: releasing an edition means committing it.
	for _, p := range site.Pubs {
		if data := registers[p.ID]; data != nil && wants(opts.Pubs, p.ID) {
			arts = append(arts, file{p.ID, "register", p.ID + "/paragraphs.json", data})
		}
	}
	for i := range res.Stats {
		res.Stats[i].PDFPages = pages[res.Stats[i].ID]
	}
	if res = finish(res, opts); !res.OK() {
		return res
	}
	if opts.Memory {
		res.Files = map[string][]byte{}
		for _, f := range arts {
			if f.data != nil {
				res.Files[f.path] = f.data
			}
		}
		return res
	}
	opts.progress("writing " + opts.Out)
	written, ds := write(arts, opts)
	res.Diags.Add(ds...)
	res.Artifacts = written
	return finish(res, opts)
}

// finish sorts the diagnostics and applies --strict.
func finish(res *Result, opts Options) *Result {
	res.Diags = res.Diags.Sort()
	if opts.Strict {
		res.Diags = res.Diags.Promote()
	}
	return res
}

func wants(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }

// parallel runs f(i) for i in [0, n) on up to GOMAXPROCS goroutines. Each
// call writes only its own result slot, so results never depend on timing.
func parallel(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func (o Options) progress(phase string) {
	if o.Progress != nil {
		o.Progress(phase)
	}
}
