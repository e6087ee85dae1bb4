package html

import (
	"html/template"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/xhtml"
)

type contentsPage struct {
	site.Page
	PubTitle, Subtitle, Byline, PubMeta, PubDescription string
	Cover                                               template.URL
	CoverW, CoverH                                      int
	Downloads                                           []site.DownloadLink
	TOC                                                 []site.TOCItem
	Cite                                                template.HTML
	Overview                                            template.HTML
	Editions                                            []site.Alternate
}

func (p *pubRenderer) contentsPage() contentsPage {
	pub := p.pub
	cp := contentsPage{
		Page:     p.page(pub.Title),
		PubTitle: pub.Title, Subtitle: pub.Subtitle, Byline: pub.Byline(),
		PubMeta:        strings.Join(nonEmpty(pub.Edition, pub.Terms.Date(pub.Date), pub.License, isbn(pub.ISBN), doi(pub.DOI)), " · "),
		PubDescription: pub.Description,
		Cover:          template.URL(site.Rel(1, p.cover.Path)), CoverW: p.cover.Width, CoverH: p.cover.Height,
		Downloads: site.DownloadLinks(1, p.opts.Downloads[pub.ID], pub.Terms),
		TOC:       p.toc("", 3),
	}
	cp.Editions = p.editionLinks()
	cp.Alternates = p.alternates("index.html", cp.Editions)
	cp.JSONLD = jsonLD(p.bookLD())
	cp.Cite = p.citeSection(xhtml.New(xhtml.Options{Terms: p.pub.Terms}), nil, pub.Cite)
	cp.Overview = p.overview()
	return cp
}

func isbn(s string) string {
	if s == "" {
		return ""
	}
	return "ISBN " + s
}

func doi(s string) string {
	if s == "" {
		return ""
	}
	return "DOI " + s
}

type navLink struct {
	Href  template.URL
	Label template.HTML
}

type chapterPage struct {
	site.Page
	PubTitle    string
	TOC         []site.TOCItem
	ChapterLang string
	Kind        string
	Kicker      string
	Heading     template.HTML
	Authors     string
	Status      string // a consultation draft's mark on a chapter not final
	Body, Notes template.HTML
	Cite        template.HTML    // the "Cite this chapter" section
	Editions    []site.Alternate // the chapter in its other language editions
	Prev, Next  *navLink
}

func (p *pubRenderer) chapterPage(i int, ch *doc.Chapter) chapterPage {
	r := p.xr(ch.ID)
	var body, notes strings.Builder
	r.Chapter(&body, ch)
	r.Notes(&notes, ch.Notes)
	heading := r.InlinesString(ch.Title)
	cite := p.citeSection(r, ch, ch.Cite)
	p.diags.Add(r.Diags()...)

	title := ch.Short
	if title == "" {
		title = ch.PlainTitle()
	}
	cp := chapterPage{
		Page:     p.page(title + " · " + p.pub.Title),
		PubTitle: p.pub.Title,
		TOC:      p.toc(ch.ID, 3),
		Kind:     ch.Kind,
		Kicker:   kicker(ch, p.pub.Terms),
		Heading:  html(heading),
		Authors:  strings.Join(ch.Authors, ", "),
		Status:   p.pub.StatusNote(ch),
		Body:     html(body.String()),
		Notes:    html(notes.String()),
		Cite:     cite,
	}
	cp.Body += p.movedSection(p.movedFrom(ch.ID), true)
	if ch.Lang != "" && ch.Lang != p.lang() {
		cp.ChapterLang = ch.Lang
	}
	cp.Editions = p.chapterLinks(ch)
	cp.Alternates = p.alternates(site.Rel(0, ch.ID+".html"), cp.Editions)
	cp.Meta = p.chapterMeta(ch)
	cp.JSONLD = p.chapterLD(ch)
	nav := func(c *doc.Chapter) *navLink {
		return &navLink{Href: template.URL(site.Rel(0, c.ID+".html")), Label: html(r.TOCTitle(c.Title))}
	}
	if i > 0 {
		cp.Prev = nav(p.pub.Chapters[i-1])
	}
	if i+1 < len(p.pub.Chapters) {
		cp.Next = nav(p.pub.Chapters[i+1])
	}
	return cp
}

// kicker is the line above a chapter title: its part and number.
func kicker(ch *doc.Chapter, t *doc.Terms) string {
	var parts []string
	if ch.Part != nil {
		parts = append(parts, ch.Part.Title)
	}
	if ch.Number != "" {
		parts = append(parts, t.Cap(doc.TermChapter)+" "+ch.Number)
	}
	return strings.Join(parts, " · ")
}

// toc is the publication's table of contents as a page one folder down
// links it: parts holding their chapters, and the sections (down to
// maxLevel) of the current chapter, or of every chapter when current is "".
func (p *pubRenderer) toc(current string, maxLevel int) []site.TOCItem {
	r := xhtml.New(xhtml.Options{Terms: p.pub.Terms})
	var out []site.TOCItem
	var part *doc.Part
	for _, ch := range p.pub.Chapters {
		item := site.TOCItem{
			Href:    template.URL(site.Rel(0, ch.ID+".html")),
			Num:     ch.Number,
			Label:   html(r.TOCTitle(ch.Title)),
			Class:   "toc-" + ch.Matter.String(),
			Current: ch.ID == current,
		}
		if current == "" || ch.ID == current {
			item.Children = sections(ch.ID, r.Headings(ch, maxLevel), current != "")
		}
		if ch.Part == nil {
			part = nil
			out = append(out, item)
			continue
		}
		if ch.Part != part {
			part = ch.Part
			out = append(out, site.TOCItem{Label: html(xhtml.EscapeString(part.Title)), Class: "toc-partgroup"})
		}
		last := &out[len(out)-1]
		last.Children = append(last.Children, item)
	}
	return out
}

// sections nests a chapter's flat heading list by level.
func sections(chID string, hs []xhtml.TOCEntry, samePage bool) []site.TOCItem {
	var build func(level int) []site.TOCItem
	i := 0
	build = func(level int) []site.TOCItem {
		var items []site.TOCItem
		for i < len(hs) && hs[i].Level >= level {
			h := hs[i]
			i++
			href := site.Rel(0, chID+".html") + "#" + site.Fragment(h.ID)
			if samePage {
				href = "#" + site.Fragment(h.ID)
			}
			it := site.TOCItem{Href: template.URL(href), Num: h.Number, Label: html(h.HTML)}
			if i < len(hs) && hs[i].Level > h.Level {
				it.Children = build(hs[i].Level)
			}
			items = append(items, it)
		}
		return items
	}
	var out []site.TOCItem
	for i < len(hs) {
		out = append(out, build(hs[i].Level)...)
	}
	return out
}
