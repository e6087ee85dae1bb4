package docx

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/normpress/normpress/build/doc"
)

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRel = "http://schemas.openxmlformats.org/package/2006/relationships"

	relOffice    = nsR + "/officeDocument"
	relCore      = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relApp       = nsR + "/extended-properties"
	relCustom    = nsR + "/custom-properties"
	relStyles    = nsR + "/styles"
	relSettings  = nsR + "/settings"
	relNumbering = nsR + "/numbering"
	relFootnotes = nsR + "/footnotes"
	relFooter    = nsR + "/footer"
	relHyperlink = nsR + "/hyperlink"
	relImage     = nsR + "/image"
	relCustomXML = nsR + "/customXml"
	relItemProps = nsR + "/customXmlProps"

	ctMain      = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctStyles    = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
	ctSettings  = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
	ctNumbering = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
	ctFootnotes = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
	ctFooter    = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
	ctCore      = "application/vnd.openxmlformats-package.core-properties+xml"
	ctApp       = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
	ctCustom    = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
	ctItemProps = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// parts assembles every part of the package, by zip path.
func (w *writer) parts() map[string][]byte {
	files := map[string][]byte{}
	var doc strings.Builder
	doc.WriteString(xmlHeader)
	doc.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>`)
	doc.WriteString(w.body.String())
	doc.WriteString(`</w:body></w:document>`)
	files["word/document.xml"] = []byte(doc.String())

	var fn strings.Builder
	fn.WriteString(xmlHeader)
	fn.WriteString(`<w:footnotes xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">`)
	fn.WriteString(`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>`)
	fn.WriteString(`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	fn.WriteString(w.notes.String())
	fn.WriteString(`</w:footnotes>`)
	files["word/footnotes.xml"] = []byte(fn.String())

	files["word/styles.xml"] = []byte(w.styles())
	files["word/settings.xml"] = []byte(w.settings())
	files["word/numbering.xml"] = []byte(w.numbering())
	files["word/footer1.xml"] = []byte(w.footer())
	files["customXml/item1.xml"] = w.mapXML()
	files["customXml/itemProps1.xml"] = []byte(xmlHeader + `<ds:datastoreItem ds:itemID="` + guid(w.pub.ID) + `" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="` + MapNamespace + `"/></ds:schemaRefs></ds:datastoreItem>`)
	files["customXml/_rels/item1.xml.rels"] = []byte(xmlHeader + `<Relationships xmlns="` + nsRel + `"><Relationship Id="rId1" Type="` + relItemProps + `" Target="itemProps1.xml"/></Relationships>`)
	files["docProps/core.xml"] = []byte(w.core())
	files["docProps/app.xml"] = []byte(w.app())
	files["docProps/custom.xml"] = []byte(w.custom())
	for _, m := range w.media {
		files["word/"+m.name] = m.data
	}

	files["word/_rels/document.xml.rels"] = relsXML(w.rels)
	if len(w.noteRels.list) > 0 {
		files["word/_rels/footnotes.xml.rels"] = relsXML(w.noteRels)
	}
	files["_rels/.rels"] = []byte(xmlHeader + `<Relationships xmlns="` + nsRel + `">` +
		`<Relationship Id="rId1" Type="` + relOffice + `" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="` + relCore + `" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + relApp + `" Target="docProps/app.xml"/>` +
		`<Relationship Id="rId4" Type="` + relCustom + `" Target="docProps/custom.xml"/>` +
		`</Relationships>`)

	var ct strings.Builder
	ct.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	ct.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	ct.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	ct.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	ct.WriteString(`<Default Extension="jpeg" ContentType="image/jpeg"/>`)
	for _, o := range [][2]string{
		{"/word/document.xml", ctMain}, {"/word/styles.xml", ctStyles}, {"/word/settings.xml", ctSettings},
		{"/word/numbering.xml", ctNumbering}, {"/word/footnotes.xml", ctFootnotes}, {"/word/footer1.xml", ctFooter},
		{"/docProps/core.xml", ctCore}, {"/docProps/app.xml", ctApp}, {"/docProps/custom.xml", ctCustom},
		{"/customXml/itemProps1.xml", ctItemProps},
	} {
		ct.WriteString(`<Override PartName="` + o[0] + `" ContentType="` + o[1] + `"/>`)
	}
	ct.WriteString(`</Types>`)
	files["[Content_Types].xml"] = []byte(ct.String())
	return files
}

func relsXML(s relSet) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="` + nsRel + `">`)
	for _, r := range s.list {
		b.WriteString(`<Relationship Id="` + r.id + `" Type="` + r.typ + `" Target="`)
		esc(&b, r.target)
		b.WriteString(`"`)
		if r.external {
			b.WriteString(` TargetMode="External"`)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

// guid makes the custom XML part's item id from the publication id, so that
// it is the same in every build.
func guid(s string) string {
	h := fnv.New128a()
	h.Write([]byte("normpress-docx-map:" + s))
	x := fmt.Sprintf("%X", h.Sum(nil))
	return "{" + x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32] + "}"
}

func (w *writer) settings() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:settings xmlns:w="` + nsW + `"><w:zoom w:percent="100"/>`)
	if w.pub.Consultation != nil {
		// Reviewers' edits come back as tracked changes, which the
		// comments command reports against their paragraphs.
		b.WriteString(`<w:trackRevisions/>`)
	}
	b.WriteString(`<w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="doNotCompress"/>`)
	b.WriteString(`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>`)
	b.WriteString(`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>`)
	b.WriteString(`<w:themeFontLang w:val="`)
	esc(&b, w.pub.Lang)
	b.WriteString(`"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>`)
	return b.String()
}

func (w *writer) footer() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>`)
	if c := w.pub.Consultation; c != nil {
		txt := "Consultation draft"
		if c.Deadline != "" {
			txt += " · comments by " + c.Deadline
		}
		b.WriteString(`<w:r><w:t xml:space="preserve">`)
		esc(&b, txt+" · ")
		b.WriteString(`</w:t></w:r>`)
	}
	b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`)
	return b.String()
}

func (w *writer) numbering() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:numbering xmlns:w="` + nsW + `">`)
	bullets := []string{"•", "◦", "▪"}
	for i, l := range w.lists {
		b.WriteString(`<w:abstractNum w:abstractNumId="` + strconv.Itoa(i) + `"><w:multiLevelType w:val="hybridMultilevel"/>`)
		for lvl := range 9 {
			b.WriteString(`<w:lvl w:ilvl="` + strconv.Itoa(lvl) + `"><w:start w:val="` + strconv.Itoa(l.start) + `"/>`)
			if l.ordered {
				fmtName := []string{"decimal", "lowerLetter", "lowerRoman"}[lvl%3]
				b.WriteString(`<w:numFmt w:val="` + fmtName + `"/><w:lvlText w:val="%` + strconv.Itoa(lvl+1) + `."/>`)
			} else {
				b.WriteString(`<w:numFmt w:val="bullet"/><w:lvlText w:val="` + bullets[lvl%3] + `"/>`)
			}
			ind := listStep * (lvl + 1)
			b.WriteString(`<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="` + strconv.Itoa(ind+360) + `" w:hanging="360"/></w:pPr></w:lvl>`)
		}
		b.WriteString(`</w:abstractNum>`)
	}
	for i := range w.lists {
		b.WriteString(`<w:num w:numId="` + strconv.Itoa(i+1) + `"><w:abstractNumId w:val="` + strconv.Itoa(i) + `"/></w:num>`)
	}
	b.WriteString(`</w:numbering>`)
	return b.String()
}

func (w *writer) epoch() string {
	t := time.Unix(w.opts.Epoch, 0).UTC()
	return t.Format("2006-01-02T15:04:05Z")
}

func (w *writer) core() string {
	p := w.pub
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	el := func(name, v string) {
		if v == "" {
			return
		}
		b.WriteString("<" + name + ">")
		esc(&b, v)
		b.WriteString("</" + name + ">")
	}
	el("dc:title", p.Title)
	el("dc:subject", p.Subtitle)
	el("dc:creator", strings.Join(append(append([]string{}, p.Editors...), p.Contributors...), "; "))
	el("cp:keywords", strings.Join(p.Keywords, ", "))
	el("dc:description", p.Description)
	id := p.DOI
	if id == "" {
		id = p.ISBN
	}
	el("dc:identifier", id)
	el("dc:language", p.Lang)
	el("cp:lastModifiedBy", w.opts.Producer)
	el("cp:revision", "1")
	if p.Consultation != nil {
		el("cp:contentStatus", "Consultation draft")
	}
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + w.epoch() + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + w.epoch() + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

func (w *writer) app() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>`)
	esc(&b, strings.TrimSpace("normpress"))
	b.WriteString(`</Application>`)
	if w.opts.Publisher != "" {
		b.WriteString(`<Company>`)
		esc(&b, w.opts.Publisher)
		b.WriteString(`</Company>`)
	}
	b.WriteString(`</Properties>`)
	return b.String()
}

// custom holds the metadata Word has no core property for, shown under
// File › Properties › Custom.
func (w *writer) custom() string {
	p := w.pub
	props := [][2]string{{"Publication", p.ID}, {"Edition", p.Edition}, {"Date", p.Date}, {"License", p.License}, {"ISBN", p.ISBN}, {"DOI", p.DOI}}
	if c := p.Consultation; c != nil {
		props = append(props, [][2]string{{"Consultation deadline", c.Deadline}, {"Comments to", c.Email}, {"Comment form", c.Form}}...)
	}
	var b strings.Builder
	b.WriteString(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	pid := 2
	for _, kv := range props {
		if kv[1] == "" {
			continue
		}
		b.WriteString(`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="` + strconv.Itoa(pid) + `" name="`)
		esc(&b, kv[0])
		b.WriteString(`"><vt:lpwstr>`)
		esc(&b, kv[1])
		b.WriteString(`</vt:lpwstr></property>`)
		pid++
	}
	b.WriteString(`</Properties>`)
	return b.String()
}

// image writes an inline picture. width is a share of the text width; 0
// shows the image at 96 dpi, never wider than the text.
func (w *writer) image(a *doc.Asset, alt string, width float64) {
	ext := ""
	switch a.MediaType {
	case "image/png":
		ext = "png"
	case "image/jpeg":
		ext = "jpeg"
	default:
		w.run(alt, format{})
		return
	}
	i, ok := w.mediaByAs[a]
	if !ok {
		i = len(w.media)
		name := "media/image" + strconv.Itoa(i+1) + "." + ext
		w.media = append(w.media, media{name: name, data: a.Data, ct: a.MediaType})
		w.mediaByAs[a] = i
	}
	relID := w.partRels().add(relImage, w.media[i].name, false)
	pxW, pxH := max(a.Width, 1), max(a.Height, 1)
	cx := int64(pxW) * 9525 // EMUs per pixel at 96 dpi
	maxW := int64(textWidth) * emuPerTw
	if width > 0 {
		cx = int64(width * float64(maxW))
	}
	cx = min(cx, maxW)
	cy := cx * int64(pxH) / int64(pxW)
	w.drawing++
	id := strconv.Itoa(w.drawing)
	b := w.out
	b.WriteString(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="` + strconv.FormatInt(cx, 10) + `" cy="` + strconv.FormatInt(cy, 10) + `"/>`)
	b.WriteString(`<wp:docPr id="` + id + `" name="Picture ` + id + `" descr="`)
	esc(b, alt)
	b.WriteString(`"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="` + id + `" name="image` + id + "." + ext + `" descr="`)
	esc(b, alt)
	b.WriteString(`"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="` + relID + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + strconv.FormatInt(cx, 10) + `" cy="` + strconv.FormatInt(cy, 10) + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`)
}
