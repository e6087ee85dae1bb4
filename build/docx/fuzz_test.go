package docx_test

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/normpress/normpress/build/docx"
)

// FuzzReadReview: no input makes the comments reader panic. Seeds are a
// reviewed DOCX of our own and zips of hand-written parts; the fuzzer also
// mutates the XML inside a zip, which is where the parsing happens.
//
//	go test ./build/docx -run '^$' -fuzz FuzzReadReview -fuzztime 60s
func FuzzReadReview(f *testing.F) {
	f.Add([]byte(nil), []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:bookmarkStart w:id="1" w:name="_NP1"/><w:commentRangeStart w:id="0"/><w:ins w:author="a"><w:r><w:t>x</w:t></w:r></w:ins><w:del w:author="b"><w:r><w:delText>y</w:delText></w:r></w:del><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p></w:body></w:document>`))
	f.Add([]byte("PK\x03\x04"), []byte(`<w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>`))
	f.Add([]byte(nil), []byte(`<w:comments><w:comment w:id="0"><w:p><w:r><w:t>c</w:t></w:r></w:p></w:comment></w:comments>`))
	f.Fuzz(func(t *testing.T, raw, part []byte) {
		docx.ReadReview("raw.docx", raw)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{"word/document.xml", "word/comments.xml", "word/footnotes.xml", "customXml/item1.xml"} {
			w, _ := zw.Create(name)
			w.Write(part)
		}
		zw.Close()
		docx.ReadReview("fuzz.docx", buf.Bytes())
	})
}
