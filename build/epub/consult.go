package epub

import (
	"net/url"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// A publication out for consultation opens, after its cover, with a note
// page: that the book is a draft for comment, until when, and where
// comments go (the e-mail address as a mailto: link, the form as a link).
// The contents list the note first. Chapters still in draft or under
// review say so under their title (doc.Publication.StatusNote).

func (b *builder) consultation() {
	c := b.pub.Consultation
	if c == nil {
		return
	}
	var links []map[string]string
	if c.Email != "" {
		subject := strings.ReplaceAll(url.QueryEscape(b.pub.Title), "+", "%20")
		links = append(links, map[string]string{"Href": "mailto:" + c.Email + "?subject=" + subject, "Label": b.pub.Terms.Fill(doc.TermEmailCommentTo, "email", c.Email)})
	}
	if c.Form != "" {
		links = append(links, map[string]string{"Href": c.Form, "Label": b.pub.Terms.Fill(doc.TermOpenCommentForm, "form", c.Form)})
	}
	page := b.exec("consultation.xhtml", map[string]any{"Lang": b.lang(), "Sentence": c.Sentence(b.pub.Terms), "Links": links,
		"Title": b.pub.Terms.Get(doc.TermConsultation), "Status": b.pub.Terms.Get(doc.TermStatusNotice)})
	b.add("consultation", consultationHref, "application/xhtml+xml", "", page)
	b.spine = append(b.spine, "consultation")
}

const consultationHref = "consultation.xhtml"
