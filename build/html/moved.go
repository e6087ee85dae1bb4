package html

import (
	"html/template"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/xhtml"
)

// A paragraph of the released edition that now stands in another chapter
// keeps its anchors on its old chapter's page (doc.Moved): a link to
// 13c.html#p12 from before lands on a note there, shown only when it is
// the target, that says where the paragraph is now and links to it; the
// script follows that link by itself. A chapter that is gone keeps a page
// for these anchors alone, which lists them.

// movedFrom are the moved paragraphs whose old page is chapter id.
func (p *pubRenderer) movedFrom(id string) []doc.Moved {
	var out []doc.Moved
	for _, m := range p.pub.Moved {
		if m.From == id {
			out = append(out, m)
		}
	}
	return out
}

// movedSection renders the notes for a page one folder down; hidden
// notes (on a chapter that still exists) show only as the target.
func (p *pubRenderer) movedSection(ms []doc.Moved, hidden bool) template.HTML {
	if len(ms) == 0 {
		return ""
	}
	var b strings.Builder
	cls := "moved-paras"
	if hidden {
		cls += " moved-hidden"
	}
	b.WriteString(`<div class="` + cls + `">` + "\n")
	for _, m := range ms {
		href := site.ChapterHref(1, m.To.Pub, m.To.Chapter, m.To.Anchor)
		if m.To.Chapter == "" {
			continue
		}
		b.WriteString(`<p class="moved-para"`)
		if len(m.IDs) > 0 {
			b.WriteString(` id="` + template.HTMLEscapeString(m.IDs[0]) + `"`)
		}
		b.WriteString(">")
		// The other anchors sit inside, so each one lands on the note.
		for _, id := range m.IDs[min(1, len(m.IDs)):] {
			b.WriteString(`<span class="moved-alias" id="` + template.HTMLEscapeString(id) + `"></span>`)
		}
		xhtml.Escape(&b, m.Note)
		b.WriteString(`<a class="moved-to" href="` + template.HTMLEscapeString(href) + `">`)
		xhtml.Escape(&b, m.Now)
		b.WriteString("</a>.</p>\n")
	}
	b.WriteString("</div>\n")
	return template.HTML(b.String())
}

// goneChapters are the pages of chapters the released edition had and
// this one has not, kept for the anchors of their moved paragraphs.
func (p *pubRenderer) goneChapters() []File {
	have := map[string]bool{}
	for _, ch := range p.pub.Chapters {
		have[ch.ID] = true
	}
	var files []File
	seen := map[string]bool{}
	for _, m := range p.pub.Moved {
		if have[m.From] || seen[m.From] {
			continue
		}
		seen[m.From] = true
		cp := chapterPage{
			Page:     p.page(p.pub.Terms.Get(doc.TermMoved) + " · " + p.pub.Title),
			PubTitle: p.pub.Title,
			TOC:      p.toc("", 1),
			Kind:     "moved",
			Heading:  html(xhtml.EscapeString(p.pub.Terms.Fill(doc.TermNoLongerIn, "edition", editionInSentence(p.pub)))),
			Body: html(`<p>` + xhtml.EscapeString(p.pub.Terms.Get(doc.TermNowElsewhere)) + `</p>` + "\n" +
				string(p.movedSection(p.movedFrom(m.From), false))),
		}
		b, err := p.ts.Execute("chapter", cp)
		if err != nil {
			continue
		}
		files = append(files, File{Path: site.ChapterPath(p.pub.ID, m.From), Data: b})
	}
	return files
}

// editionInSentence is the edition's name as the no-longer-in sentence
// takes it: English runs it into the sentence ("no longer in the second
// edition"); the other languages' sentences quote it as written, and
// German capitalises its nouns ("„Zweite Auflage“").
func editionInSentence(pub *doc.Publication) string {
	if pub.Terms == nil || pub.Terms.Lang == "" || strings.HasPrefix(strings.ToLower(pub.Terms.Lang), "en") {
		return strings.ToLower(pub.Edition)
	}
	return pub.Edition
}
