package doc

import "strings"

// Consultation says where and until when comments on a draft go.
type Consultation struct {
	Deadline string // ISO 8601 date, as written in the manifest
	Email    string // comments by e-mail
	Form     string // or through a form at this URL
}

// Sentence is the one sentence every edition prints: what is asked, until
// when, and where comments go.
func (c *Consultation) Sentence(t *Terms) string {
	var b strings.Builder
	b.WriteString(t.Get(TermConsultDraft))
	if c.Deadline != "" {
		b.WriteString(t.Fill(TermConsultUntil, "date", t.Date(c.Deadline)))
	}
	switch {
	case c.Email != "" && c.Form != "":
		b.WriteString(t.Fill(TermConsultEmailForm, "email", c.Email, "form", c.Form))
	case c.Email != "":
		b.WriteString(t.Fill(TermConsultEmail, "email", c.Email))
	case c.Form != "":
		b.WriteString(t.Fill(TermConsultForm, "form", c.Form))
	}
	b.WriteString(t.Get(TermConsultEnd))
	return b.String()
}

// ChapterLabel is how a chapter is named when one of its paragraphs is
// cited on its own: "Commentary 13(c)" for a norm chapter, else the
// publication's short title with the chapter's number or short title.
func (p *Publication) ChapterLabel(ch *Chapter) string {
	short := p.Short
	if short == "" {
		short = p.Title
	}
	switch {
	case ch.Norm != nil:
		return short + " " + ch.Norm.Label
	case ch.Number != "":
		return short + ", " + p.Terms.Get(TermChapter) + " " + ch.Number
	}
	t := ch.Short
	if t == "" {
		t = ch.PlainTitle()
	}
	return short + ", " + t
}

// StatusNote is the line that marks a chapter of a consultation draft that
// is not final; "" for a final chapter or outside a consultation.
func (p *Publication) StatusNote(ch *Chapter) string {
	if p.Consultation == nil {
		return ""
	}
	switch ch.Status {
	case "draft":
		return p.Terms.Get(TermDraftChapter)
	case "review":
		return p.Terms.Get(TermReviewChapter)
	}
	return ""
}
