package html

import (
	"html/template"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/xhtml"
)

// Language editions: a translation and its original link each chapter and
// numbered paragraph to its counterpart, in the counterpart's language,
// and name each other in the head (hreflang alternates). Only editions
// this build renders are linked, so no link leads to a page that is not
// there.

// built reports whether the site being rendered has chapter ch of pub
// ("" for the contents page).
func (p *pubRenderer) built(pub, ch string) bool {
	chs, ok := p.idx[pub]
	if !ok {
		return false
	}
	_, ok = chs[ch]
	return ch == "" || ok
}

// editionLinks are the other editions' contents pages, from this
// publication's contents page.
func (p *pubRenderer) editionLinks() []site.Alternate {
	var out []site.Alternate
	for _, e := range p.pub.Editions {
		if p.built(e.Pub, "") {
			out = append(out, site.Alternate{Href: template.URL(site.Rel(1, site.ContentsPath(e.Pub))), Lang: e.Lang, Text: e.Read})
		}
	}
	return out
}

// chapterLinks are the chapter's counterparts, from its page.
func (p *pubRenderer) chapterLinks(ch *doc.Chapter) []site.Alternate {
	var out []site.Alternate
	for _, c := range ch.Counterparts {
		if p.built(c.Pub, c.Chapter) {
			out = append(out, site.Alternate{Href: template.URL(site.ChapterHref(1, c.Pub, c.Chapter, "")), Lang: c.Lang, Text: c.Read})
		}
	}
	return out
}

// alternates are the head's links: the page itself and its counterparts.
func (p *pubRenderer) alternates(self string, others []site.Alternate) []site.Alternate {
	if len(others) == 0 {
		return nil
	}
	return append([]site.Alternate{{Href: template.URL(self), Lang: p.lang()}}, others...)
}

// paraLinks gives a numbered paragraph of chapter ch its counterparts.
func (p *pubRenderer) paraLinks(ch *doc.Chapter) func(*doc.Para) []xhtml.Counterpart {
	var cps []doc.Counterpart
	for _, c := range ch.Counterparts {
		if p.built(c.Pub, c.Chapter) {
			cps = append(cps, c)
		}
	}
	if len(cps) == 0 {
		return nil
	}
	return func(para *doc.Para) []xhtml.Counterpart {
		var out []xhtml.Counterpart
		for _, c := range cps {
			if a, ok := c.Anchors[para.Attr.ID]; ok {
				out = append(out, xhtml.Counterpart{Href: site.ChapterHref(1, c.Pub, c.Chapter, a), Lang: c.Lang, Text: c.Read})
			}
		}
		return out
	}
}
