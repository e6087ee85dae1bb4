package docx

import "github.com/normpress/normpress/build/doc"

// consultationNote tells the reviewer, on the title page, what the draft is
// for, until when, where comments go, and how to comment so that they come
// back to the right paragraph.
func (w *writer) consultationNote(c *doc.Consultation) {
	w.ctx = Entry{Kind: "title page"}
	w.pStart("ConsultationNote", "")
	w.run("Consultation draft. ", format{bold: true})
	w.text(c.Sentence(w.pub.Terms))
	w.pEnd()
	w.pStart("ConsultationNote", "")
	w.text("Comment in Word (Review › New Comment) or edit with Track Changes on, which this file starts with; each comment and change is traced back to its paragraph. Please do not delete paragraph numbers.")
	w.pEnd()
}
