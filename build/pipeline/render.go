package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/docx"
	"github.com/normpress/normpress/build/epub"
	"github.com/normpress/normpress/build/html"
	"github.com/normpress/normpress/build/output"
	"github.com/normpress/normpress/build/pdf"
	"github.com/normpress/normpress/build/source"
)

// file is one rendered file, before writing.
type file struct {
	pub, format string // the artifact it belongs to
	path        string // relative to the output folder
	data        []byte
}

// render makes every requested artifact: PDFs and EPUBs in parallel, one
// goroutine each, then the HTML site, whose landing page lists their sizes.
func render(site *doc.Site, opts Options, baseURL string, sess *Session) ([]file, map[string]int, source.Diags) {
	var pubs []*doc.Publication
	for _, p := range site.Pubs {
		if wants(opts.Pubs, p.ID) {
			pubs = append(pubs, p)
		}
	}
	type job struct {
		pub    *doc.Publication
		format string
	}
	var jobs []job
	for _, p := range pubs {
		for _, f := range []string{"pdf", "epub", "docx"} {
			if wants(opts.Formats, f) {
				jobs = append(jobs, job{p, f})
			}
		}
	}
	files := make([]file, len(jobs))
	pages := make([]int, len(jobs))
	printed := make([]map[string][2]string, len(jobs))
	diags := make([]source.Diags, len(jobs))
	producer := "normpress " + opts.Version
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		opts.progress("rendering " + j.pub.ID + "." + j.format)
		defer func() {
			// A renderer must never panic; if one does, the build reports it
			// as an error instead of crashing.
			if r := recover(); r != nil {
				diags[i].Errorf(source.Span{}, "internal", "%s renderer failed on %s: %v\n%s", j.format, j.pub.ID, r, debug.Stack())
			}
		}()
		switch j.format {
		case "pdf":
			res, ds := pdf.Render(j.pub, pdf.Options{Epoch: opts.Epoch, BaseURL: baseURL, Producer: producer, Publisher: site.Title})
			files[i] = file{j.pub.ID, "pdf", j.pub.ID + ".pdf", res.Data}
			pages[i] = res.Pages
			printed[i] = res.Chapters
			diags[i] = ds
		case "epub":
			data, ds := epub.Render(j.pub, epub.Options{Epoch: opts.Epoch, BaseURL: baseURL, Publisher: site.Title})
			files[i] = file{j.pub.ID, "epub", j.pub.ID + ".epub", data}
			diags[i] = ds
		case "docx":
			data, ds := docx.Render(j.pub, docx.Options{Epoch: opts.Epoch, BaseURL: baseURL, Producer: producer, Publisher: site.Title})
			files[i] = file{j.pub.ID, "docx", j.pub.ID + ".docx", data}
			diags[i] = ds
		}
	})
	var ds source.Diags
	pageCount := map[string]int{}
	// The printed pages of each chapter, for the web edition's citation
	// metadata: known when this build made the PDF.
	printPages := map[string]map[string][2]string{}
	for i := range jobs {
		ds.Add(diags[i]...)
		if jobs[i].format == "pdf" {
			pageCount[jobs[i].pub.ID] = pages[i]
			printPages[jobs[i].pub.ID] = printed[i]
		}
	}
	if wants(opts.Formats, "html") {
		downloads := editions(pubs, files, opts.Out)
		opts.progress("rendering the HTML edition")
		sub := *site
		sub.Pubs = pubs
		hopts := html.Options{Epoch: opts.Epoch, Downloads: downloads, BaseURL: baseURL, Generator: producer, PrintPages: printPages}
		if sess != nil {
			hopts.Pages = sess.pageCache(&sub, hopts)
			hopts.DeferSearchIndex = true
			sess.searchSite = &sub
		}
		hfiles, hds := html.Render(&sub, hopts)
		ds.Add(hds...)
		for _, h := range hfiles {
			pub := ""
			if i := strings.IndexByte(h.Path, '/'); i > 0 {
				for _, p := range pubs {
					if p.ID == h.Path[:i] {
						pub = p.ID
					}
				}
			}
			files = append(files, file{pub, "html", h.Path, h.Data})
		}
	}
	return files, pageCount, ds
}

// editions are the PDF and EPUB files the landing and contents pages
// offer: those this build made and, for a format it did not make, the one
// an earlier build left in the output folder. So `build --format html`
// keeps the download links of the editions that are still there, and
// never links one that is not.
func editions(pubs []*doc.Publication, files []file, out string) map[string][]html.Download {
	made := map[string]file{}
	for _, f := range files {
		if f.data != nil {
			made[f.path] = f
		}
	}
	downloads := map[string][]html.Download{}
	for _, p := range pubs {
		for _, format := range []string{"pdf", "epub"} {
			name := p.ID + "." + format
			size := int64(-1)
			if f, ok := made[name]; ok {
				size = int64(len(f.data))
			} else if out != "" {
				if fi, err := os.Stat(filepath.Join(out, name)); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
					size = fi.Size()
				}
			}
			if size >= 0 {
				downloads[p.ID] = append(downloads[p.ID], html.Download{Format: strings.ToUpper(format), Path: name, Bytes: size})
			}
		}
	}
	return downloads
}

// write puts the files into the output folder, each atomically, and lists
// the artifacts: one PDF, EPUB and DOCX per publication, and the HTML edition
// (its contents page, with the size of all its pages).
func write(files []file, opts Options) ([]Artifact, source.Diags) {
	var ds source.Diags
	out, err := output.Open(opts.Out, opts.Force)
	if err != nil {
		ds.Errorf(source.Span{}, "write-error", "cannot use the output folder: %v", err)
		return nil, ds
	}
	defer out.Close()
	var arts []Artifact
	var list []output.File
	htmlSize := map[string]int64{}
	for _, f := range files {
		if f.data == nil {
			continue
		}
		list = append(list, output.File{Name: f.path, Data: f.data})
		switch f.format {
		case "pdf", "epub", "docx":
			arts = append(arts, Artifact{Pub: f.pub, Format: f.format, Path: out.Path(f.path), Bytes: int64(len(f.data))})
		case "html":
			htmlSize[f.pub] += int64(len(f.data))
		}
	}
	// The whole build is published as one step (see package output for
	// exactly what that promises). A complete build also removes what an
	// earlier one wrote and this one did not (a renamed chapter's page).
	complete := len(opts.Pubs) == 0 && len(opts.Formats) == 0
	if err := out.Publish(list, complete); err != nil {
		var hk *output.HousekeepingError
		var partial *output.PartialError
		switch {
		case errors.As(err, &hk):
			ds.Warnf(source.Span{}, "prune", "%v", err)
		case errors.As(err, &partial):
			ds.Errorf(source.Span{}, "write-partial", "%v", err)
			return nil, ds
		default:
			ds.Errorf(source.Span{}, "write-error", "%v", err)
			return nil, ds
		}
	}
	if len(htmlSize) > 0 {
		var html []Artifact
		for _, f := range files {
			if f.format == "html" && f.path == "index.html" {
				html = append(html, Artifact{Pub: "", Format: "html", Path: out.Path("index.html"), Bytes: htmlSize[""]})
			}
			if f.format == "html" && f.pub != "" && f.path == path.Join(f.pub, "index.html") {
				html = append(html, Artifact{Pub: f.pub, Format: "html", Path: out.Path(f.path), Bytes: htmlSize[f.pub]})
			}
		}
		arts = append(html, arts...)
	}
	return arts, ds
}

// Summary is the one line per artifact that build prints.
func (a Artifact) Summary() string {
	what := a.Format
	if a.Format == "html" && a.Pub == "" {
		what = "html site"
	}
	return fmt.Sprintf("%-44s %-9s %s", a.Path, what, humanSize(a.Bytes))
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
