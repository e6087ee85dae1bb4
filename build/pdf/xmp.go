package pdf

import (
	"cmp"
	"encoding/xml"
	"strings"
	"time"

	"github.com/normpress/normpress/build/doc"
)

// xmp is the document's metadata as an XMP packet: the same facts as the
// Info dictionary, which PDF 2.0 deprecates in favour of XMP, plus the
// language, which Info cannot say.
func xmp(pub *doc.Publication, producer, publisher string, epoch int64) []byte {
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := time.Unix(epoch, 0).UTC().Format("2006-01-02T15:04:05Z")
	lang := pub.Lang
	if lang == "" {
		lang = "x-default"
	}
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
`)
	b.WriteString(`<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(pub.Title) + `</rdf:li></rdf:Alt></dc:title>
`)
	people := pub.Editors
	if len(people) == 0 {
		people = pub.Contributors
	}
	if len(people) > 0 {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, p := range people {
			b.WriteString("<rdf:li>" + esc(p) + "</rdf:li>")
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if subject := firstNonEmpty(pub.Description, pub.Subtitle); subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if len(pub.Keywords) > 0 {
		b.WriteString("<dc:subject><rdf:Bag>")
		for _, k := range pub.Keywords {
			b.WriteString("<rdf:li>" + esc(k) + "</rdf:li>")
		}
		b.WriteString("</rdf:Bag></dc:subject>\n<pdf:Keywords>" + esc(strings.Join(pub.Keywords, ", ")) + "</pdf:Keywords>\n")
	}
	if pub.License != "" {
		b.WriteString(`<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">` + esc(pub.License) + "</rdf:li></rdf:Alt></dc:rights>\n")
	}
	if pub.ISBN != "" || pub.DOI != "" {
		b.WriteString("<dc:identifier>" + esc(strings.TrimSpace(firstNonEmpty(pub.ISBN, "doi:"+pub.DOI))) + "</dc:identifier>\n")
	}
	// The same facts the EPUB's package document and the web edition's
	// citation_* tags give (see the metadata parity test in build/pipeline):
	// the publisher, the publication date, and both identifiers when there
	// are two (dc:identifier holds one; xmp:Identifier is a bag).
	if publisher != "" {
		b.WriteString("<dc:publisher><rdf:Bag><rdf:li>" + esc(publisher) + "</rdf:li></rdf:Bag></dc:publisher>\n")
	}
	if pub.Date != "" {
		b.WriteString("<dc:date><rdf:Seq><rdf:li>" + esc(pub.Date) + "</rdf:li></rdf:Seq></dc:date>\n")
	}
	if pub.ISBN != "" && pub.DOI != "" {
		b.WriteString("<xmp:Identifier><rdf:Bag><rdf:li>urn:isbn:" + esc(pub.ISBN) + "</rdf:li><rdf:li>doi:" + esc(pub.DOI) + "</rdf:li></rdf:Bag></xmp:Identifier>\n")
	}
	// A translation names its original: dc:source, a single text, is its
	// identifier (or web address, else title); dc:relation its title.
	if o := pub.Original(); o != nil {
		b.WriteString("<dc:source>" + esc(cmp.Or(o.Identifier, o.URL, o.Title)) + "</dc:source>\n")
		b.WriteString("<dc:relation><rdf:Bag><rdf:li>" + esc(o.Title) + "</rdf:li></rdf:Bag></dc:relation>\n")
	}
	b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n<xmp:CreatorTool>normpress</xmp:CreatorTool>\n")
	if producer != "" {
		b.WriteString("<pdf:Producer>" + esc(producer) + "</pdf:Producer>\n")
	}
	b.WriteString("</rdf:Description>\n")
	// pdfuaid is not a schema PDF/A predefines: PDF/A-2 wants it declared.
	b.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`)
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
