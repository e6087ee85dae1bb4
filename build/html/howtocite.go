package html

import (
	"html/template"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/xhtml"
)

// "Cite this": every chapter page and the contents page end with a section
// that says how to cite what the reader is looking at, in the
// publication's own citation style, with the record to download for a
// reference manager. The section is the whole feature without scripts.
// With the script, the "Cite this chapter" link at the head of the page
// and each numbered paragraph's "Cite" link open it as a dialog, the
// paragraph's citation filled in from the pinpoint template and a button
// that copies it.

// citeID is the section's anchor; the chapter's own anchors come from
// labels ("sec:…", "p12"…) and never take this form.
const citeID = "cite-this"

// citeSection renders how to cite a chapter (ch) or, for a nil chapter, the
// publication, from a page one folder below the root.
func (p *pubRenderer) citeSection(r *xhtml.Renderer, ch *doc.Chapter, h *doc.HowToCite) template.HTML {
	if h == nil || (len(h.Entry) == 0 && len(h.Records) == 0) {
		return ""
	}
	what := doc.TermCiteChapter
	name := p.pub.ID
	chID := ""
	if ch == nil {
		what = doc.TermCitePublication
	} else {
		name += "-" + ch.ID
		chID = ch.ID
	}
	var b strings.Builder
	b.WriteString(`<section class="cite-this" id="` + citeID + `" aria-labelledby="cite-this-h">` + "\n")
	b.WriteString(`<h2 id="cite-this-h">` + xhtml.EscapeString(p.pub.Terms.Get(what)) + `</h2>` + "\n")
	if len(h.Entry) > 0 {
		b.WriteString(`<p class="cite-entry">`)
		b.WriteString(r.InlinesString(h.Entry))
		b.WriteString("</p>\n")
	}
	if len(h.Pinpoint) > 0 {
		// The pinpoint, shown with "N" for the number where scripts do not
		// run, and kept whole in a template element for the dialog.
		pin := r.InlinesString(h.Pinpoint)
		b.WriteString(`<p class="cite-pinpoint-example">` + xhtml.EscapeString(p.pub.Terms.Get(doc.TermNumberedPara)) + ` `)
		b.WriteString(strings.ReplaceAll(pin, h.Slot, "N"))
		b.WriteString("</p>\n")
		b.WriteString(`<template class="cite-pinpoint" data-slot="` + template.HTMLEscapeString(h.Slot) + `">`)
		b.WriteString(pin)
		b.WriteString("</template>\n")
	}
	if len(h.Records) > 0 {
		b.WriteString(`<p class="cite-downloads">` + xhtml.EscapeString(p.pub.Terms.Get(doc.TermDownloadRef)) + ` `)
		for i, rec := range h.Records {
			if i > 0 {
				b.WriteString(" · ")
			}
			b.WriteString(`<a href="` + template.HTMLEscapeString(site.Rel(1, site.CitePath(p.pub.ID, chID, rec.Ext))) +
				`" download="` + template.HTMLEscapeString(name+"."+rec.Ext) + `" type="` + template.HTMLEscapeString(rec.MediaType) + `">`)
			xhtml.Escape(&b, rec.Format)
			b.WriteString("</a>")
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</section>\n")
	return template.HTML(b.String())
}

// citeFiles are the records of the publication and its chapters.
func (p *pubRenderer) citeFiles() []File {
	var files []File
	add := func(chID string, h *doc.HowToCite) {
		if h == nil {
			return
		}
		for _, rec := range h.Records {
			files = append(files, File{Path: site.CitePath(p.pub.ID, chID, rec.Ext), Data: rec.Data})
		}
	}
	add("", p.pub.Cite)
	for _, ch := range p.pub.Chapters {
		add(ch.ID, ch.Cite)
	}
	return files
}
