package docx

import (
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Page geometry: A4 with 25 mm margins, in twentieths of a point. Reviewers
// print on office paper whatever the book's trim size.
const (
	pageW     = 11906
	pageH     = 16838
	margin    = 1417
	textWidth = pageW - 2*margin
	emuPerTw  = 635 // EMUs per twip
	paraHang  = 567 // the numbered paragraph's number column: 1 cm
	listStep  = 425 // indent per list level
	quoteStep = 567
)

// document writes word/document.xml's body: a title page, then every
// chapter, each closing a section so that footnotes restart per chapter
// when the publication numbers them that way.
func (w *writer) document() {
	w.titlePage()
	var part *doc.Part
	for i, ch := range w.pub.Chapters {
		if ch.Part != nil && ch.Part != part {
			w.ctx = Entry{Kind: "part"}
			w.pStart("PartTitle", "")
			w.text(partTitle(ch.Part))
			w.pEnd()
		}
		part = ch.Part
		w.chapterBody(ch)
		if i < len(w.pub.Chapters)-1 {
			w.out.WriteString("<w:p><w:pPr>")
			w.sectPr()
			w.out.WriteString("</w:pPr></w:p>")
		}
	}
	w.sectPr()
}

func partTitle(p *doc.Part) string {
	return p.Title
}

// sectPr closes a section. Each chapter is one, so that "restart footnote
// numbers at each section" gives per-chapter notes as the book has them.
func (w *writer) sectPr() {
	b := w.out
	b.WriteString(`<w:sectPr><w:footerReference w:type="default" r:id="rId5"/>`)
	if w.pub.Options.NoteNumbering != "publication" {
		b.WriteString(`<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>`)
	}
	b.WriteString(`<w:type w:val="continuous"/>`)
	b.WriteString(`<w:pgSz w:w="` + strconv.Itoa(pageW) + `" w:h="` + strconv.Itoa(pageH) + `"/>`)
	m := strconv.Itoa(margin)
	b.WriteString(`<w:pgMar w:top="` + m + `" w:right="` + m + `" w:bottom="` + m + `" w:left="` + m + `" w:header="708" w:footer="708" w:gutter="0"/>`)
	if w.pub.Consultation != nil {
		// Consultation drafts number their lines, restarting on each page,
		// so reviewers can cite "p. 12, l. 30".
		b.WriteString(`<w:lnNumType w:countBy="1" w:restart="newPage"/>`)
	}
	b.WriteString(`<w:cols w:space="708"/></w:sectPr>`)
}

func (w *writer) titlePage() {
	p := w.pub
	w.ctx = Entry{Kind: "title page"}
	w.pStart("Title", "")
	w.text(p.Title)
	w.pEnd()
	if p.Subtitle != "" {
		w.pStart("Subtitle", "")
		w.text(p.Subtitle)
		w.pEnd()
	}
	if len(p.Editors) > 0 {
		w.pStart("TitleMeta", "")
		w.text(p.Terms.Cap(doc.TermEditedBy) + " " + strings.Join(p.Editors, ", "))
		w.pEnd()
	}
	var meta []string
	for _, s := range []string{p.Edition, p.Date, p.License} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	if len(meta) > 0 {
		w.pStart("TitleMeta", "")
		w.text(strings.Join(meta, " · "))
		w.pEnd()
	}
	if c := p.Consultation; c != nil {
		w.consultationNote(c)
	}
}

// chapterBody writes a chapter: its heading (a Word Heading 1, which the
// navigation pane lists), its authors, norm, abstract, text.
func (w *writer) chapterBody(ch *doc.Chapter) {
	w.chapter = ch
	w.lastNum = 0
	w.lang = ""
	if ch.Lang != "" && ch.Lang != w.pub.Lang {
		w.lang = ch.Lang
	}
	w.ctx = w.entry(ch.Span, "chapter title", 0)
	w.pStart("Heading1", "")
	w.bookmarkAnchor(ch.ID, "")
	if ch.Number != "" {
		w.text(ch.Number)
		w.tab()
	}
	w.inlines(ch.Title, format{})
	w.pEnd()
	if len(ch.Authors) > 0 {
		w.pStart("Authors", "")
		w.text(strings.Join(ch.Authors, ", "))
		w.pEnd()
	}
	if note := w.pub.StatusNote(ch); note != "" {
		w.pStart("StatusNote", "")
		w.text(note)
		w.pEnd()
	}
	blocks := ch.Blocks
	if nb, ok := first(blocks).(*doc.NormBox); ok {
		w.normBox(nb.Span, nb.Norm, nb.Source)
		blocks = blocks[1:]
	} else if ch.Norm != nil {
		w.normBox(ch.Norm.Span, ch.Norm, nil)
	}
	if len(ch.Abstract) > 0 {
		w.ctx = w.entry(ch.Span, "abstract", 0)
		w.pStart("AbstractLabel", "")
		w.text(w.pub.Terms.Get(doc.TermAbstract))
		w.pEnd()
		w.blocks(ch.Abstract, "Abstract")
	}
	w.blocks(blocks, "")
}

func first(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

func (w *writer) normBox(sp source.Span, n *doc.Norm, src []doc.Inline) {
	if n == nil {
		return
	}
	w.ctx = w.entry(sp, "norm", 0)
	w.pStart("NormLabel", "")
	w.text(w.pub.Terms.Cap(doc.TermNorm) + " " + n.Label)
	if n.Title != "" {
		w.text(": " + n.Title)
	}
	w.pEnd()
	w.pStart("NormText", "")
	w.text(n.Text)
	w.pEnd()
	if len(src) > 0 {
		w.pStart("NormSource", "")
		w.inlines(src, format{})
		w.pEnd()
	}
}

// blocks writes blocks; style is the paragraph style for plain paragraphs
// ("" for body text).
func (w *writer) blocks(bs []doc.Block, style string) {
	for _, b := range bs {
		w.block(b, style)
	}
}

func (w *writer) block(b doc.Block, style string) {
	switch n := b.(type) {
	case *doc.Para:
		w.para(n, style)
	case *doc.Heading:
		w.ctx = w.entry(n.Span, "heading", 0)
		lvl := max(2, min(n.Level, 6))
		w.pStart("Heading"+strconv.Itoa(lvl), "")
		w.bookmarkAnchor(w.chapter.ID, n.Attr.ID)
		if n.Number != "" {
			w.text(n.Number + " ")
		}
		w.inlines(n.Inlines, format{})
		w.pEnd()
	case *doc.BlockQuote:
		w.quoteLvl++
		w.blocks(n.Blocks, "Quote")
		w.quoteLvl--
	case *doc.List:
		w.list(n)
	case *doc.DefList:
		for _, it := range n.Items {
			w.ctx = w.entry(n.Span, "definition", 0)
			w.pStart("DefTerm", "")
			w.inlines(it.Term, format{})
			w.pEnd()
			for _, d := range it.Defs {
				w.blocks(d, "Definition")
			}
		}
	case *doc.CodeBlock:
		w.ctx = w.entry(n.Span, "code", 0)
		w.pStart("SourceCode", "")
		for i, line := range strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n") {
			if i > 0 {
				w.out.WriteString("<w:r><w:br/></w:r>")
			}
			w.run(line, format{})
		}
		w.pEnd()
	case *doc.Rule:
		w.ctx = w.entry(n.Span, "rule", 0)
		w.pStart("Rule", "")
		w.pEnd()
	case *doc.Table:
		w.table(n)
	case *doc.Figure:
		w.figure(n)
	case *doc.RawHTML:
		// Raw HTML is for the web editions; PDF leaves it out too.
	case *doc.Div:
		if n.Attr.ID != "" {
			// A generated section (a digest entry) is linked to by its id:
			// an empty bookmarked paragraph would add a line, so the id goes
			// on the section's first paragraph instead.
			w.pendingAnchor = append(w.pendingAnchor, n.Attr.ID)
		}
		w.blocks(n.Blocks, style)
	case *doc.NormBox:
		w.normBox(n.Span, n.Norm, n.Source)
	case *doc.RefList:
		w.refList(n)
	}
}

func (w *writer) para(p *doc.Para, style string) {
	kind := "paragraph"
	if w.inNote != 0 {
		kind = "note"
	} else if w.listLvl > 0 {
		kind = "list item"
	} else if w.quoteLvl > 0 {
		kind = "quotation"
	}
	w.ctx = w.entry(p.Span, kind, p.Num)
	if p.Num > 0 {
		w.lastNum = p.Num
		w.pStart("NumberedPara", "")
		w.bookmarkAnchor(w.chapter.ID, p.Attr.ID)
		w.runStyled(strconv.Itoa(p.Num), "ParaNum")
		w.tab()
	} else {
		if style == "" {
			style = "BodyText"
			if w.inNote != 0 {
				style = "FootnoteText"
			}
		}
		w.pStart(style, "")
		w.bookmarkAnchor(w.chapter.ID, p.Attr.ID)
	}
	w.inlines(p.Inlines, format{})
	w.pEnd()
}

func (w *writer) list(l *doc.List) {
	w.lists = append(w.lists, listDef{ordered: l.Ordered, start: max(l.Start, 1)})
	numID := len(w.lists)
	lvl := w.listLvl
	w.listLvl++
	for _, item := range l.Items {
		w.pendingNum = `<w:numPr><w:ilvl w:val="` + strconv.Itoa(min(lvl, 8)) + `"/><w:numId w:val="` + strconv.Itoa(numID) + `"/></w:numPr>`
		for _, b := range item {
			if p, ok := b.(*doc.Para); ok {
				w.para(p, "ListParagraph")
				continue
			}
			w.block(b, "ListParagraph")
		}
		if w.pendingNum != "" {
			// An empty item still shows its bullet or number.
			w.ctx = w.entry(l.Span, "list item", 0)
			w.pStart("ListParagraph", "")
			w.pEnd()
		}
	}
	w.listLvl--
}

func (w *writer) table(t *doc.Table) {
	w.ctx = w.entry(t.Span, "table", 0)
	if len(t.Caption) > 0 || t.Num > 0 {
		w.pStart("TableCaption", "")
		w.bookmarkAnchor(w.chapter.ID, tableAnchor(t))
		if t.Num > 0 {
			w.text(w.pub.Terms.Cap(doc.TermTable) + " " + strconv.Itoa(t.Num) + ". ")
		}
		w.inlines(t.Caption, format{})
		w.pEnd()
	} else if a := tableAnchor(t); a != "" {
		w.pendingAnchor = append(w.pendingAnchor, a)
	}
	cols := len(t.Align)
	for _, rows := range [][]doc.Row{t.Head, t.Body} {
		for _, r := range rows {
			cols = max(cols, len(r))
		}
	}
	if cols == 0 {
		return
	}
	colW := textWidth / cols
	b := w.out
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="NPTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for range cols {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(colW) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(r doc.Row, head bool) {
		b.WriteString("<w:tr>")
		if head {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for c := range cols {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(colW) + `" w:type="dxa"/></w:tcPr>`)
			style := "TableText"
			if head {
				style = "TableHead"
			}
			jc := ""
			if c < len(t.Align) {
				switch t.Align[c] {
				case doc.AlignCenter:
					jc = `<w:jc w:val="center"/>`
				case doc.AlignRight:
					jc = `<w:jc w:val="right"/>`
				}
			}
			w.pStart(style, jc)
			if c < len(r) {
				w.inlines(r[c].Inlines, format{})
			}
			w.pEnd()
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	for _, r := range t.Head {
		row(r, true)
	}
	for _, r := range t.Body {
		row(r, false)
	}
	b.WriteString("</w:tbl>")
}

func tableAnchor(t *doc.Table) string {
	if t.Attr.ID != "" {
		return t.Attr.ID
	}
	return t.Attr.Label
}

func (w *writer) figure(f *doc.Figure) {
	w.ctx = w.entry(f.Span, "figure", 0)
	w.pStart("Figure", "")
	w.bookmarkAnchor(w.chapter.ID, f.Attr.ID)
	if f.Asset != nil {
		width := f.Width
		w.image(f.Asset, f.Alt, width)
	} else {
		w.text(f.Alt)
	}
	w.pEnd()
	if len(f.Caption) > 0 || f.Num > 0 {
		w.pStart("FigureCaption", "")
		if f.Num > 0 {
			w.text(w.pub.Terms.Cap(doc.TermFigure) + " " + strconv.Itoa(f.Num) + ". ")
		}
		w.inlines(f.Caption, format{})
		w.pEnd()
	}
}

func (w *writer) refList(l *doc.RefList) {
	if l.Title != "" {
		w.ctx = w.entry(l.Span, "heading", 0)
		w.pStart("Heading2", "")
		w.text(l.Title)
		w.pEnd()
	}
	for _, e := range l.Entries {
		w.ctx = w.entry(l.Span, "reference", 0)
		w.ctx.Text = e.Key
		w.pStart("Bibliography", "")
		w.bookmarkAnchor(w.chapter.ID, e.ID)
		if l.Numbered && e.Label != "" {
			w.text(e.Label)
			w.tab()
		}
		w.inlines(e.Inlines, format{})
		w.pEnd()
	}
}

// pStart opens a paragraph with a style and extra paragraph properties,
// and the hidden bookmark that maps it to its source (see Entry).
func (w *writer) pStart(style, extra string) {
	b := w.out
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="`)
	b.WriteString(style)
	b.WriteString(`"/>`)
	if w.pendingNum != "" {
		b.WriteString(w.pendingNum)
		w.pendingNum = ""
	} else if w.listLvl > 0 && style == "ListParagraph" {
		b.WriteString(`<w:ind w:left="` + strconv.Itoa(listStep*(w.listLvl+1)) + `"/>`)
	}
	if w.quoteLvl > 1 && (style == "Quote") {
		b.WriteString(`<w:ind w:left="` + strconv.Itoa(quoteStep*w.quoteLvl) + `"/>`)
	}
	b.WriteString(extra)
	b.WriteString(`</w:pPr>`)
	w.smapStart()
	for _, a := range w.pendingAnchor {
		w.bookmarkAnchor(w.chapterID(), a)
	}
	w.pendingAnchor = w.pendingAnchor[:0]
}

func (w *writer) chapterID() string {
	if w.chapter == nil {
		return ""
	}
	return w.chapter.ID
}

func (w *writer) pEnd() {
	w.smapEnd()
	w.out.WriteString("</w:p>")
}

// bookmarkAnchor writes a bookmark for an anchor links point to. It is
// written as a point: the anchor marks where the paragraph starts.
func (w *writer) bookmarkAnchor(chapter, anchor string) {
	if chapter == "" {
		return
	}
	t := doc.Target{Pub: w.pub.ID, Chapter: chapter, Anchor: anchor}
	if anchor != "" && !w.anchors[t] || w.written[t] {
		return
	}
	w.written[t] = true
	w.bookmark++
	id := strconv.Itoa(w.bookmark)
	name := bookmarkName(chapter, anchor)
	w.out.WriteString(`<w:bookmarkStart w:id="` + id + `" w:name="` + name + `"/><w:bookmarkEnd w:id="` + id + `"/>`)
}
