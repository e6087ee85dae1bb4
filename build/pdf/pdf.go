// Package pdf renders a publication as a print-ready PDF book. It sits at
// the render stage of the pipeline: it reads only the resolved document
// model (build/doc) and returns the file's bytes and its diagnostics.
//
// It is a small typesetter on top of fpdf, in two passes. Layout turns the
// model into a galley of positioned lines and boxes, measured with the
// fonts' own widths rounded as fpdf rounds them: paragraphs are broken into
// lines with Knuth–Plass (package linebreak) over Liang hyphenation points
// (package hyphen). The pager cuts the galley into pages with footnotes,
// widow and orphan control and repeated table headers. Only then are page
// numbers known, so the contents, the page labels and cross-references'
// ", p. 87" are filled in (layout runs again while page references move),
// and fpdf draws every page once.
package pdf

import (
	"maps"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Options are what the caller adds to the publication.
type Options struct {
	Epoch    int64  // SOURCE_DATE_EPOCH: creation and modification dates
	BaseURL  string // the HTML edition's URL, for links into other publications ("" = no link)
	Producer string // "normpress v…"
	// Publisher is the body that publishes the PDF (the site's title), for
	// the metadata.
	Publisher string

	// untagged leaves out the marked content and the structure tree (the
	// links stay): only the benchmark uses it, to measure what tagging
	// costs against the same layout.
	untagged bool
	// noLineNumbers leaves a consultation draft's line numbers out, and
	// nothing else: tests compare the text with and without them.
	noLineNumbers bool
	// noHyphenRules drops the hyphenation rules (two hyphenated lines in
	// a row at most, none at a page's foot, none in a paragraph's last
	// word): the typographic report's test shows it catches each.
	noHyphenRules bool
}

// Result is the PDF file.
type Result struct {
	Data  []byte
	Pages int
	// Chapters are the printed page numbers (labels: "xi", "87") of each
	// chapter's first and last page, by chapter ID: the web edition gives
	// them to reference managers (citation_firstpage, citation_lastpage).
	Chapters map[string][2]string
	// Typography is the typesetter's report on the pages (typo.go).
	Typography Typography
}

// maxPasses bounds the layout passes for page references: a reference's
// page number can move text, which can move the page it points to.
const maxPasses = 4

// Render typesets a publication. It never panics: a failure inside is an
// error diagnostic and an empty result.
func Render(pub *doc.Publication, opts Options) (res Result, diags source.Diags) {
	defer func() {
		if r := recover(); r != nil {
			diags.Errorf(source.Span{}, "pdf-internal", "the PDF renderer failed on publication %q: %v", pub.ID, r).
				WithHint("this is a bug in normpress; please report it with the input that caused it")
			res = Result{}
		}
	}()
	fonts := newFontSet(pub.Options.Fonts, &diags)
	e := newEngine(pub, opts, fonts)
	e.report = true
	items := e.galley()
	pages := e.paginate(items)
	anchors := e.locate(pages)
	labels, first := folios(pages)
	diags = append(diags, e.diags...)

	if pageRefs(pub) {
		prev := e
		for pass := 1; pass < maxPasses; pass++ {
			refs := map[string]string{}
			for k, a := range anchors {
				refs[k] = labels[a.page]
			}
			if pass > 1 && !e.missing && maps.Equal(refs, e.pageRefs) {
				break
			}
			e = newEngine(pub, opts, fonts)
			// Cached paragraphs point into the link table: keep it.
			e.images, e.paraCache, e.links, e.linkIdx, e.tags = prev.images, prev.paraCache, prev.links, prev.linkIdx, prev.tags
			prev = e
			e.pageRefs = refs
			items = e.galley()
			pages = e.paginate(items)
			anchors = e.locate(pages)
			labels, first = folios(pages)
		}
	}

	data, tags, err := e.draw(pages, anchors, labels)
	if err != nil {
		diags.Errorf(source.Span{}, "pdf-write", "writing the PDF of %q: %v", pub.ID, err)
		return Result{}, diags
	}
	data, err = rewriteCatalog(data, catalogExtra{lang: pub.Lang, labels: pageLabels(first), xmp: xmp(pub, opts.Producer, opts.Publisher, opts.Epoch), tags: tags})
	if err != nil {
		diags.Errorf(source.Span{}, "pdf-write", "finishing the PDF of %q: %v", pub.ID, err)
		return Result{}, diags
	}
	return Result{Data: data, Pages: len(pages), Chapters: chapterPages(pub, pages, anchors, labels), Typography: typography(pages, labels)}, diags
}

// chapterPages finds each chapter's first and last printed page: from its
// opening anchor to the page before the next chapter opens, leaving out
// the blank pages a recto opening may leave between them.
func chapterPages(pub *doc.Publication, pages []page, anchors map[string]anchorPos, labels []string) map[string][2]string {
	out := map[string][2]string{}
	starts := make([]int, len(pub.Chapters))
	for i, ch := range pub.Chapters {
		starts[i] = -1
		if a, ok := anchors[anchorKey(ch.ID, "")]; ok {
			starts[i] = a.page
		}
	}
	for i, ch := range pub.Chapters {
		first := starts[i]
		if first < 0 {
			continue
		}
		last := len(pages) - 1
		for _, s := range starts[i+1:] {
			if s >= 0 {
				last = s - 1
				break
			}
		}
		for last > first && len(pages[last].items) == 0 && len(pages[last].notes) == 0 {
			last--
		}
		if labels[first] != "" && labels[last] != "" {
			out[ch.ID] = [2]string{labels[first], labels[last]}
		}
	}
	return out
}
