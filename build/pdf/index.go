package pdf

import (
	"github.com/normpress/normpress/build/doc"
)

// pageRefs reports whether the layout needs the pages of anchors, and so
// a second pass: for "p. 87" after cross-references, and always for a
// subject index, whose locators carry their page in print.
func pageRefs(pub *doc.Publication) bool {
	if pub.Options.PageRefs {
		return true
	}
	for _, ch := range pub.Chapters {
		if ch.Kind == "index" {
			return true
		}
	}
	return false
}

// subjectIndex sets a subject index (build/index) as indexes are set: a
// size smaller than the text, each entry ragged right and unhyphenated
// with a hanging indent (so that a run of locators is read as belonging
// to its term), sub-entries indented under their entry, the letters as
// headings. It is tagged as an Index holding a Div per entry.
func (e *engine) subjectIndex(d *doc.Div, c ctx) []vitem {
	ix := e.tag(d, "Index", 0)
	c.size, c.lead = c.size*0.9, c.lead*0.9
	var out []vitem
	e.within(ix, func() {
		for _, b := range d.Blocks {
			switch n := b.(type) {
			case *doc.Heading:
				if len(out) > 0 {
					out = append(out, space(c.lead))
				}
				out = append(out, e.heading(n, c)...)
				out = append(out, space(c.lead/3))
			case *doc.Div:
				out = append(out, e.indexEntry(n, c, 0)...)
			}
		}
	})
	return out
}

// indexEntry sets one entry's line and, indented, its sub-entries.
func (e *engine) indexEntry(d *doc.Div, c ctx, depth int) []vitem {
	div := e.tag(d, "Div", 0)
	var out []vitem
	e.within(div, func() {
		for _, b := range d.Blocks {
			switch n := b.(type) {
			case *doc.Para:
				st := c.style()
				st.nohyph = true
				p := e.newPara(st)
				p.tag = e.tag(n, "P", 0)
				p.inlines(n.Inlines, st)
				in := float64(depth) * 1.2 * c.size
				lines := e.set(p, setOpts{left: c.left + in, width: c.width - in, hang: 2.4 * c.size,
					lead: c.lead, size: c.size, align: alignLeft, widows: true})
				if len(lines) > 0 && d.Attr.ID != "" {
					lines[0].anchors = append(lines[0].anchors, anchorKey(e.chapter.ID, d.Attr.ID))
				}
				if len(lines) > 0 && len(d.Blocks) > 1 {
					lines[len(lines)-1].keep = true // an entry stays with its first sub-entry
				}
				out = append(out, lines...)
			case *doc.Div:
				for _, s := range n.Blocks {
					if sd, ok := s.(*doc.Div); ok {
						out = append(out, e.indexEntry(sd, c, depth+1)...)
					}
				}
			}
		}
	})
	return out
}
