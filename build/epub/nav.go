package epub

import (
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/xhtml"
)

type navItem struct {
	Href, Title string
	Children    []navItem
}

type landmark struct{ Type, Href, Title string }

// navDepth is how deep the table of contents goes: chapters, then their
// sections down to h4.
const navDepth = 4

// nav writes the navigation document: the nested table of contents (parts,
// chapters, sections) and the landmarks. It is in the spine, after the
// cover, as the book's contents page.
func (b *builder) nav() {
	r := xhtml.New(xhtml.Options{Terms: b.pub.Terms})
	var toc []navItem
	var part *doc.Part
	var lms []landmark
	lms = append(lms, landmark{"cover", "cover.xhtml", b.pub.Terms.Get(doc.TermCover)}, landmark{"toc", "nav.xhtml#toc", b.pub.Terms.Get(doc.TermContents)})
	if b.pub.Consultation != nil {
		toc = append(toc, navItem{Href: consultationHref, Title: b.pub.Terms.Get(doc.TermConsultation)})
	}
	body, bib := false, false
	for _, ch := range b.pub.Chapters {
		href := chapterHref(ch.ID)
		title := ch.PlainTitle()
		if ch.Number != "" {
			title = ch.Number + ". " + title
		}
		it := navItem{Href: href, Title: title}
		for _, h := range nest(r.Headings(ch, navDepth)) {
			it.Children = append(it.Children, h.item(href))
		}
		if ch.Matter == doc.BodyMatter && !body {
			body = true
			lms = append(lms, landmark{"bodymatter", href, b.pub.Terms.Get(doc.TermStartOfContent)})
		}
		if ch.Kind == "bibliography" && !bib {
			bib = true
			lms = append(lms, landmark{"bibliography", href, ch.PlainTitle()})
		}
		if ch.Kind == "index" {
			lms = append(lms, landmark{"index", href, ch.PlainTitle()})
		}
		if ch.Part == nil {
			part = nil
			toc = append(toc, it)
			continue
		}
		if ch.Part != part {
			part = ch.Part
			toc = append(toc, navItem{Title: part.Title})
		}
		last := &toc[len(toc)-1]
		last.Children = append(last.Children, it)
	}
	if !body && len(b.pub.Chapters) > 0 {
		lms = append(lms, landmark{"bodymatter", chapterHref(b.pub.Chapters[0].ID), b.pub.Terms.Get(doc.TermStartOfContent)})
	}
	page := b.exec("nav.xhtml", map[string]any{"Lang": b.lang(), "TOC": toc, "Landmarks": lms,
		"Contents": b.pub.Terms.Get(doc.TermContents), "LandmarksTitle": b.pub.Terms.Get(doc.TermLandmarks)})
	b.add("nav", "nav.xhtml", "application/xhtml+xml", "nav", page)
	b.spine = append(b.spine, "nav")
}

type heading struct {
	xhtml.TOCEntry
	children []heading
}

func (h heading) item(href string) navItem {
	t := h.Title
	if h.Number != "" {
		t = h.Number + " " + t
	}
	it := navItem{Href: href + "#" + fragment(h.ID), Title: t}
	for _, c := range h.children {
		it.Children = append(it.Children, c.item(href))
	}
	return it
}

// nest turns a flat heading list into a tree by level.
func nest(hs []xhtml.TOCEntry) []heading {
	var out []heading
	i := 0
	var build func(level int) []heading
	build = func(level int) []heading {
		var items []heading
		for i < len(hs) && hs[i].Level >= level {
			h := heading{TOCEntry: hs[i]}
			i++
			if i < len(hs) && hs[i].Level > h.Level {
				h.children = build(hs[i].Level)
			}
			items = append(items, h)
		}
		return items
	}
	for i < len(hs) {
		out = append(out, build(hs[i].Level)...)
	}
	return out
}
