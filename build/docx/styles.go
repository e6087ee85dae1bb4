package docx

import "strings"

// styles writes word/styles.xml. Headings use Word's built-in names
// ("heading 1" …) with outline levels, which is what the navigation pane,
// Word's table of contents and pandoc's reader look for; the others are
// named for what they hold, so a reviewer sees "Numbered Paragraph" or
// "Footnote Text" in the style box.
func (w *writer) styles() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="`)
	esc(&b, w.pub.Lang)
	b.WriteString(`" w:eastAsia="`)
	esc(&b, w.pub.Lang)
	b.WriteString(`" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)

	para := func(id, name, basedOn, ppr, rpr string) {
		b.WriteString(`<w:style w:type="paragraph"`)
		if id == "Normal" {
			b.WriteString(` w:default="1"`)
		}
		b.WriteString(` w:styleId="` + id + `"><w:name w:val="` + name + `"/>`)
		if basedOn != "" {
			b.WriteString(`<w:basedOn w:val="` + basedOn + `"/>`)
		}
		b.WriteString(`<w:qFormat/>`)
		if ppr != "" {
			b.WriteString(`<w:pPr>` + ppr + `</w:pPr>`)
		}
		if rpr != "" {
			b.WriteString(`<w:rPr>` + rpr + `</w:rPr>`)
		}
		b.WriteString(`</w:style>`)
	}
	char := func(id, name, rpr string) {
		b.WriteString(`<w:style w:type="character" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr>` + rpr + `</w:rPr></w:style>`)
	}
	const sans = `<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>`
	para("Normal", "Normal", "", "", "")
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>`)
	para("BodyText", "Body Text", "Normal", `<w:jc w:val="both"/>`, "")
	para("NumberedPara", "Numbered Paragraph", "BodyText", `<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs><w:ind w:left="567" w:hanging="567"/>`, "")
	para("Title", "Title", "Normal", `<w:spacing w:before="2400" w:after="240"/>`, sans+`<w:b/><w:sz w:val="48"/><w:szCs w:val="48"/>`)
	para("Subtitle", "Subtitle", "Normal", `<w:spacing w:after="480"/>`, sans+`<w:sz w:val="30"/><w:szCs w:val="30"/>`)
	para("TitleMeta", "Title Page Details", "Normal", "", "")
	para("ConsultationNote", "Consultation Note", "Normal", `<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="9C2A00"/><w:left w:val="single" w:sz="8" w:space="4" w:color="9C2A00"/><w:bottom w:val="single" w:sz="8" w:space="4" w:color="9C2A00"/><w:right w:val="single" w:sz="8" w:space="4" w:color="9C2A00"/></w:pBdr><w:spacing w:before="240"/>`, "")
	para("PartTitle", "Part Title", "Normal", `<w:keepNext/><w:pageBreakBefore/><w:spacing w:before="2400" w:after="480"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>`, sans+`<w:b/><w:sz w:val="36"/><w:szCs w:val="36"/>`)
	sizes := []string{"36", "28", "24", "22", "22", "22"}
	for i := 1; i <= 6; i++ {
		n := string(rune('0' + i))
		ppr := `<w:keepNext/><w:keepLines/>`
		if i == 1 {
			ppr += `<w:pageBreakBefore/><w:spacing w:before="480" w:after="240"/>`
		} else {
			ppr += `<w:spacing w:before="240" w:after="120"/>`
		}
		ppr += `<w:outlineLvl w:val="` + string(rune('0'+i-1)) + `"/>`
		rpr := sans + `<w:b/>`
		if i >= 4 {
			rpr += `<w:i/>`
		}
		rpr += `<w:sz w:val="` + sizes[i-1] + `"/><w:szCs w:val="` + sizes[i-1] + `"/>`
		para("Heading"+n, "heading "+n, "Normal", ppr, rpr)
	}
	para("Authors", "Authors", "Normal", `<w:spacing w:after="240"/>`, `<w:i/>`)
	para("StatusNote", "Chapter Status", "Normal", `<w:pBdr><w:left w:val="single" w:sz="18" w:space="4" w:color="9C2A00"/></w:pBdr>`, sans+`<w:b/><w:color w:val="9C2A00"/>`)
	para("NormLabel", "Norm Label", "Normal", `<w:keepNext/><w:spacing w:before="120" w:after="60"/>`, sans+`<w:b/>`)
	para("NormText", "Norm Text", "Normal", `<w:ind w:left="567" w:right="567"/>`, `<w:i/>`)
	para("NormSource", "Norm Source", "Normal", `<w:ind w:left="567"/><w:spacing w:after="240"/>`, `<w:sz w:val="20"/><w:szCs w:val="20"/>`)
	para("AbstractLabel", "Abstract Label", "Normal", `<w:keepNext/>`, sans+`<w:b/>`)
	para("Abstract", "Abstract", "BodyText", `<w:ind w:left="567" w:right="567"/>`, `<w:sz w:val="20"/><w:szCs w:val="20"/>`)
	para("Quote", "Quote", "BodyText", `<w:ind w:left="567" w:right="567"/>`, "")
	para("ListParagraph", "List Paragraph", "Normal", `<w:spacing w:after="60"/>`, "")
	para("DefTerm", "Definition Term", "Normal", `<w:keepNext/><w:spacing w:after="0"/>`, `<w:b/>`)
	para("Definition", "Definition", "Normal", `<w:ind w:left="567"/>`, "")
	para("SourceCode", "Source Code", "Normal", `<w:spacing w:after="120" w:line="240" w:lineRule="auto"/>`, `<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="18"/><w:szCs w:val="18"/>`)
	para("Rule", "Horizontal Rule", "Normal", `<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="808080"/></w:pBdr>`, "")
	para("TableCaption", "Table Caption", "Normal", `<w:keepNext/><w:spacing w:before="120" w:after="60"/>`, `<w:sz w:val="20"/><w:szCs w:val="20"/>`)
	para("TableHead", "Table Heading", "Normal", `<w:spacing w:after="0"/>`, `<w:b/><w:sz w:val="20"/><w:szCs w:val="20"/>`)
	para("TableText", "Table Text", "Normal", `<w:spacing w:after="0"/>`, `<w:sz w:val="20"/><w:szCs w:val="20"/>`)
	para("Figure", "Figure", "Normal", `<w:keepNext/><w:jc w:val="center"/>`, "")
	para("FigureCaption", "Figure Caption", "Normal", `<w:spacing w:after="240"/>`, `<w:sz w:val="20"/><w:szCs w:val="20"/>`)
	para("Bibliography", "Bibliography", "Normal", `<w:ind w:left="567" w:hanging="567"/>`, "")
	para("FootnoteText", "footnote text", "Normal", `<w:spacing w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>`, `<w:sz w:val="18"/><w:szCs w:val="18"/>`)
	para("Footer", "footer", "Normal", `<w:spacing w:after="0"/>`, sans+`<w:sz w:val="16"/><w:szCs w:val="16"/>`)
	char("ParaNum", "Paragraph Number", sans+`<w:b/><w:sz w:val="18"/><w:szCs w:val="18"/>`)
	char("Hyperlink", "Hyperlink", `<w:color w:val="1F4E79"/><w:u w:val="single"/>`)
	char("FootnoteReference", "footnote reference", `<w:vertAlign w:val="superscript"/>`)
	b.WriteString(`<w:style w:type="table" w:styleId="NPTable"><w:name w:val="Publication Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}
