package doc

import (
	"strings"
	"time"
)

// Consultation says where and until when comments on a draft go.
type Consultation struct {
	Deadline string // ISO 8601 date, as written in the manifest
	Email    string // comments by e-mail
	Form     string // or through a form at this URL
}

// DeadlineText is the deadline as readers read it: "31 January 2027".
func (c *Consultation) DeadlineText() string {
	if t, err := time.Parse("2006-01-02", c.Deadline); err == nil {
		return t.Format("2 January 2006")
	}
	return c.Deadline
}

// Sentence is the one sentence every edition prints: what is asked, until
// when, and where comments go.
func (c *Consultation) Sentence() string {
	var b strings.Builder
	b.WriteString("This is a draft published for comment")
	if c.Deadline != "" {
		b.WriteString("; comments are invited until " + c.DeadlineText())
	}
	switch {
	case c.Email != "" && c.Form != "":
		b.WriteString(", by e-mail to " + c.Email + " or through the form at " + c.Form)
	case c.Email != "":
		b.WriteString(", by e-mail to " + c.Email)
	case c.Form != "":
		b.WriteString(", through the form at " + c.Form)
	}
	b.WriteString(". It is not the final text and should not be cited as such.")
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
		return short + ", chapter " + ch.Number
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
		return "Draft chapter: not yet reviewed by its working group."
	case "review":
		return "Chapter under review: open for comment."
	}
	return ""
}
