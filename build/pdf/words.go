package pdf

import "github.com/normpress/normpress/build/doc"

// words are the words the PDF sets itself, taken from the publication's
// Terms (decided in the resolve phase, the same words every format uses),
// in the form the page shows them.
type words struct {
	contents, chapter, part, figure, table, continued, page, pages, editedBy, norm, and, licence, typesetWith string
}

func wordsFor(t *doc.Terms) words {
	return words{
		contents:    t.Get(doc.TermContents),
		chapter:     t.Cap(doc.TermChapter),
		part:        t.Cap(doc.TermPart),
		figure:      t.Cap(doc.TermFigure),
		table:       t.Cap(doc.TermTable),
		continued:   t.Get(doc.TermContinued),
		page:        t.Get(doc.TermPage),
		pages:       t.Get(doc.TermPages),
		editedBy:    t.Cap(doc.TermEditedBy),
		norm:        t.Cap(doc.TermNorm),
		and:         t.Get(doc.TermAnd),
		licence:     t.Get(doc.TermLicence),
		typesetWith: t.Get(doc.TermTypesetWith),
	}
}
