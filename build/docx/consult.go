package docx

import "github.com/normpress/normpress/build/doc"

// consultationNote tells the reviewer, on the title page, what the draft is
// for, until when, where comments go, and how to comment so that they come
// back to the right paragraph.
func (w *writer) consultationNote(c *doc.Consultation) {
	w.ctx = Entry{Kind: "title page"}
	w.pStart("ConsultationNote", "")
	w.run(w.pub.Terms.Get(doc.TermConsultation)+". ", format{bold: true})
	w.text(c.Sentence(w.pub.Terms))
	w.pEnd()
	w.pStart("ConsultationNote", "")
	w.text(w.pub.Terms.Get(doc.TermCommentInWord))
	w.pEnd()
}
