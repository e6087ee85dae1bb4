package html

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/xhtml"
)

// A publication out for consultation says so at the top of each of its
// pages, and each numbered paragraph offers "Comment on this paragraph": a
// mailto: link with the subject and the paragraph's permalink filled in, or
// a link to the comment form with the paragraph passed along. Both are
// plain links, so they work without scripts and from the keyboard.

// banner is the consultation notice of a publication's pages.
func (p *pubRenderer) banner() template.HTML {
	c := p.pub.Consultation
	if c == nil {
		return ""
	}
	var b strings.Builder
	draft := xhtml.EscapeString(p.pub.Terms.Get(doc.TermConsultation))
	b.WriteString(`<aside class="consultation-banner" aria-label="` + draft + `"><p><strong>` + draft + `.</strong> `)
	xhtml.Escape(&b, c.Sentence(p.pub.Terms))
	var links []string
	if c.Email != "" {
		links = append(links, `<a href="`+template.HTMLEscapeString(mailto(c.Email, p.pub.Title, ""))+`">`+xhtml.EscapeString(p.pub.Terms.Get(doc.TermCommentEmail))+`</a>`)
	}
	if c.Form != "" {
		links = append(links, `<a href="`+template.HTMLEscapeString(c.Form)+`">`+xhtml.EscapeString(p.pub.Terms.Get(doc.TermCommentForm))+`</a>`)
	}
	if len(links) > 0 {
		b.WriteString(" " + strings.Join(links, " · "))
	}
	b.WriteString(`</p></aside>`)
	return template.HTML(b.String())
}

// commentHref is where "Comment on this paragraph" leads for a numbered
// paragraph of a chapter.
func (p *pubRenderer) commentHref(ch *doc.Chapter, para *doc.Para) string {
	c := p.pub.Consultation
	if c == nil || para.Num == 0 || para.Attr.ID == "" {
		return ""
	}
	label := p.pub.ChapterLabel(ch) + ", " + p.pub.Terms.Get(doc.TermPara) + " " + strconv.Itoa(para.Num)
	link := site.ChapterPath(p.pub.ID, ch.ID) + "#" + site.Fragment(para.Attr.ID)
	if p.opts.BaseURL != "" {
		link = strings.TrimSuffix(p.opts.BaseURL, "/") + "/" + link
	}
	if c.Email != "" {
		return mailto(c.Email, label, p.pub.Terms.Get(doc.TermCommentOn)+" "+label+"\n"+link+"\n\n")
	}
	sep := "?"
	if strings.Contains(c.Form, "?") {
		sep = "&"
	}
	return c.Form + sep + "paragraph=" + queryEscape(label) + "&url=" + queryEscape(link)
}

// mailto builds a mailto: URL (RFC 6068): spaces as %20, not '+', which
// mail programs would show.
func mailto(addr, subject, body string) string {
	u := "mailto:" + addr + "?subject=" + queryEscape(subject)
	if body != "" {
		u += "&body=" + queryEscape(body)
	}
	return u
}

func queryEscape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
