package pdf

// mm is a millimetre in points.
const mm = 72 / 25.4

// geometry is the page and the text block on it. Margins are for a recto
// (right-hand) page; a verso mirrors them, so the inner margin is always at
// the spine.
type geometry struct {
	pageW, pageH          float64
	inner, outer          float64
	top, bottom           float64
	textW, textH          float64
	body, lead            float64 // text size and leading
	note, noteLead        float64 // footnote size and leading
	small, smallLead      float64 // tables, captions, code
	headSize              float64 // running heads and folios
	paraNumW              float64 // room in the outer margin for paragraph numbers
	headGap, footGap      float64 // from the text block to the running head / bottom folio baseline
	noteSep, noteGap      float64 // space above the footnote rule; between notes
	parSkip               float64 // between numbered paragraphs and around displays
	indent                float64 // first-line indent of unnumbered paragraphs
	noteIndent            float64 // hanging indent of footnote text
	chapterSink           float64 // how far down a chapter's first page its title starts
	listIndent, quoteSkip float64
	// A consultation draft's line numbers: their size, and the gap
	// between them and the text block in the inner margin.
	lineNumSize, lineNumGap float64
}

// pageGeometry returns the layout for a page size name from the manifest:
// "royal" (royal octavo, 156 × 234 mm, the default), "a4" or "b5" (ISO,
// 176 × 250 mm). Type sizes follow the page: 10.5 pt on 13.5 for the
// octavo formats, 12 on 15.5 for A4, which keeps lines near 65–75 characters.
func pageGeometry(name string) geometry {
	g := geometry{
		pageW: 156 * mm, pageH: 234 * mm,
		inner: 19 * mm, outer: 25 * mm, top: 21 * mm, bottom: 24 * mm,
		body: 10.5, lead: 13.5, note: 8.5, noteLead: 10.4, small: 9, smallLead: 11.2,
		headSize: 8.5,
	}
	switch name {
	case "a4":
		g.pageW, g.pageH = 210*mm, 297*mm
		// A4 is wide for one column of text: 11 pt across 147 mm made
		// about 93 characters a line. 12 pt across 124 mm makes about 70
		// (a comfortable line holds 60–75), and the wide outer margin is
		// a side column for the paragraph numbers.
		g.inner, g.outer, g.top, g.bottom = 28*mm, 58*mm, 25*mm, 30*mm
		g.body, g.lead, g.note, g.noteLead, g.small, g.smallLead = 12, 15.5, 9.5, 11.6, 10, 12.4
		g.headSize = 9
	case "b5":
		g.pageW, g.pageH = 176*mm, 250*mm
		g.inner, g.outer, g.top, g.bottom = 20*mm, 28*mm, 22*mm, 26*mm
	}
	g.textW = g.pageW - g.inner - g.outer
	g.textH = g.pageH - g.top - g.bottom
	// A whole number of body lines fills the text block exactly.
	lines := float64(int(g.textH / g.lead))
	g.bottom += g.textH - lines*g.lead
	g.textH = lines * g.lead
	g.paraNumW = 8 * mm
	g.headGap = 2.2 * g.lead / 2
	g.footGap = 2 * g.lead
	g.noteSep = g.noteLead
	g.noteGap = 2
	g.parSkip = g.lead / 3
	g.indent = 1.2 * g.body
	g.noteIndent = 1.9 * g.note
	g.chapterSink = 5 * g.lead
	g.listIndent = 1.6 * g.body
	g.quoteSkip = g.lead / 2
	g.lineNumSize = 0.7 * g.body
	g.lineNumGap = 6 * mm
	return g
}

// textLeft is the x of the text block on a page: physical pages are
// numbered from 1, and odd pages are rectos.
func (g *geometry) textLeft(page int) float64 {
	if page%2 == 1 {
		return g.inner
	}
	return g.outer
}
