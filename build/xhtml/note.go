package xhtml

import (
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// Notes writes a chapter's notes after its text. HTML gets an ordered list
// of endnotes, which work with scripts off and which the site's script
// turns into side notes or pop-overs. EPUB gets one aside per note with
// epub:type="footnote", which reading systems hide from the flow and pop up
// from the note reference.
func (r *Renderer) Notes(b *strings.Builder, notes []*doc.Note) {
	if len(notes) == 0 {
		return
	}
	if r.opts.EPUB {
		b.WriteString(`<section class="footnotes" aria-label="`)
		Escape(b, r.cap(doc.TermNotes))
		b.WriteString(`">` + "\n")
		for _, n := range notes {
			id, ref := noteIDs(n)
			b.WriteString(`<aside class="footnote"`)
			attr(b, "id", id)
			attr(b, "epub:type", "footnote")
			attr(b, "role", "doc-footnote")
			b.WriteString(">\n")
			r.noteBody(b, n, func() {
				b.WriteString("<a")
				attr(b, "href", "#"+ref)
				attr(b, "class", "note-num")
				attr(b, "role", "doc-backlink")
				b.WriteString(">" + strconv.Itoa(n.Num) + ".</a> ")
			})
			b.WriteString("</aside>\n")
		}
		b.WriteString("</section>\n")
		return
	}
	b.WriteString(`<section class="footnotes" aria-labelledby="np-notes">` + "\n")
	b.WriteString(`<h2 id="np-notes">`)
	Escape(b, r.cap(doc.TermNotes))
	b.WriteString(`</h2>` + "\n<ol>\n")
	for _, n := range notes {
		id, ref := noteIDs(n)
		b.WriteString("<li")
		attr(b, "id", id)
		attr(b, "value", strconv.Itoa(n.Num))
		b.WriteString(">")
		r.noteBody(b, n, nil)
		b.WriteString(`<a class="backref"`)
		attr(b, "href", "#"+ref)
		attr(b, "role", "doc-backlink")
		attr(b, "aria-label", r.opts.Terms.Fill(doc.TermBackToNote, "n", strconv.Itoa(n.Num)))
		b.WriteString(">↩</a></li>\n")
	}
	b.WriteString("</ol>\n</section>\n")
}

// noteBody writes a note's blocks; lead, when set, is written at the start
// of the first paragraph, so that the number reads as part of the note.
func (r *Renderer) noteBody(b *strings.Builder, n *doc.Note, lead func()) {
	bs := n.Blocks
	if lead != nil {
		if p, ok := first(bs).(*doc.Para); ok {
			b.WriteString("<p>")
			lead()
			r.Inlines(b, p.Inlines)
			b.WriteString("</p>\n")
			bs = bs[1:]
		} else {
			b.WriteString("<p>")
			lead()
			b.WriteString("</p>\n")
		}
	}
	r.Blocks(b, bs)
}

func first(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}
