package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// fpdf compresses each page with a new zlib writer, about 1 MB of
// allocation a page; it writes pages uncompressed here instead, and the
// rewrite compresses them with one writer reused for every page.
//
// fpdf cannot write page labels, the document language as a proper
// string, or a link from the catalog to XMP metadata. Rather than lean on
// fpdf leaving /Lang unescaped (the injection the library notes describe),
// the finished file's tail is rewritten: fpdf writes the catalog as the
// last object before the cross-reference table, so the catalog is replaced
// by one with the extra entries, the metadata stream follows it, and a new
// table and trailer are written. The result is a single-revision file that
// qpdf checks clean; a test guards the shape this relies on.

// catalogExtra is what the new catalog adds.
type catalogExtra struct {
	lang   string
	labels string // the /PageLabels number tree, "" for none
	xmp    []byte // an XMP packet, nil for none
	tags   *tagged
}

// infoDate is a date in the Info dictionary without a time zone.
var infoDate = regexp.MustCompile(`(/(?:CreationDate|ModDate) \(D:[0-9]{14})\)`)

// fpdfFontName is a font name as fpdf makes it: "utf8" + family + style.
var fpdfFontName = regexp.MustCompile(`/utf8[a-z]+[BI]*`)

// header is PDF 1.7's, with the comment of four bytes above 127 that
// marks the file as binary (PDF/A-2 6.1.2).
const header = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"

func rewriteCatalog(data []byte, x catalogExtra) ([]byte, error) {
	sx := bytes.LastIndex(data, []byte("startxref\n"))
	if sx < 0 {
		return nil, errors.New("pdf: no startxref")
	}
	xrefOff, err := strconv.Atoi(strings.TrimSpace(string(bytes.SplitN(data[sx+10:], []byte("\n"), 2)[0])))
	if err != nil || xrefOff <= 0 || xrefOff >= len(data) {
		return nil, errors.New("pdf: bad startxref")
	}
	tail := data[xrefOff:]
	var n int
	if _, err := fmt.Sscanf(string(tail), "xref\n0 %d\n", &n); err != nil || n < 2 {
		return nil, errors.New("pdf: unexpected xref table")
	}
	head := bytes.IndexByte(tail[5:], '\n') + 6 // after "xref\n0 N\n"
	entries := tail[head : head+20*n]
	trailer := string(tail[head+20*n:])
	var size, root, info int
	if _, err := fmt.Sscanf(trailer, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n", &size, &root, &info); err != nil {
		return nil, fmt.Errorf("pdf: unexpected trailer: %v", err)
	}
	if root != n-1 || size != n {
		return nil, errors.New("pdf: the catalog is not the last object")
	}
	offs := make([]int, n)
	for i := range n {
		offs[i], _ = strconv.Atoi(string(entries[20*i : 20*i+10]))
	}
	// fpdf names the object before the catalog as /Info, but with an
	// output intent that is the ICC profile's stream: the Info dictionary
	// is the nearest one before it with a /CreationDate.
	for k := info; k > 0 && k > info-4; k-- {
		end := len(data)
		if k+1 < n {
			end = offs[k+1]
		}
		if offs[k] < end && end <= len(data) && bytes.Contains(data[offs[k]:end], []byte("/CreationDate")) && !bytes.Contains(data[offs[k]:end], []byte("stream\n")) {
			info = k
			break
		}
	}
	rootOff := offs[root]
	obj := string(data[rootOff:xrefOff])
	prefix := fmt.Sprintf("%d 0 obj\n<<\n", root)
	if !strings.HasPrefix(obj, prefix) || !strings.HasSuffix(obj, "\n>>\nendobj\n") {
		return nil, errors.New("pdf: unexpected catalog object")
	}
	dict := strings.TrimSuffix(strings.TrimPrefix(obj, prefix), "\n>>\nendobj\n")

	// The objects the tail adds: the metadata, then the structure.
	total := n
	meta := 0
	if x.xmp != nil {
		meta = total
		total++
	}
	var tobj *tagObjects
	if x.tags != nil {
		tobj = x.tags.number(total)
		total = tobj.next
	}
	var pageObj []int
	pageHook := func(num int, obj []byte) []byte {
		if num == info {
			// fpdf writes the dates in UTC without saying so; XMP says
			// "Z", and PDF/A wants the two to agree (6.6.3).
			return infoDate.ReplaceAll(obj, []byte("${1}Z)"))
		}
		if x.tags != nil && (bytes.Contains(obj, []byte("/BaseFont /utf8")) || bytes.Contains(obj, []byte("/FontName /utf8"))) {
			return fpdfFontName.ReplaceAllFunc(obj, func(m []byte) []byte {
				if n, ok := x.tags.fonts[string(m[1:])]; ok {
					return []byte("/" + n)
				}
				return m
			})
		}
		rest, ok := bytes.CutPrefix(obj, []byte(strconv.Itoa(num)+" 0 obj\n<</Type /Page\n"))
		if !ok {
			return nil
		}
		extra := ""
		if x.tags != nil {
			extra = x.tags.pageExtra(len(pageObj), tobj)
		}
		pageObj = append(pageObj, num)
		out := make([]byte, 0, len(obj)+len(extra))
		out = append(out, obj[:len(obj)-len(rest)]...)
		out = append(out, extra...)
		return append(out, rest...)
	}

	w := newFileWriter(len(data)/2, objStmLevel)
	w.reserve(total) // object streams are numbered after every object
	if err := copyObjects(w, data[:rootOff], offs[:root], pageHook); err != nil {
		return nil, err
	}
	var cat []byte
	cat = append(cat, "<<\n"...)
	cat = append(cat, dict...)
	if x.lang != "" {
		cat = append(cat, "\n/Lang "+pdfString(x.lang)...)
	}
	if x.labels != "" {
		cat = append(cat, "\n/PageLabels "+x.labels...)
	}
	cat = append(cat, "\n/ViewerPreferences << /DisplayDocTitle true >>"...)
	if x.xmp != nil {
		cat = fmt.Appendf(cat, "\n/Metadata %d 0 R", meta)
	}
	if tobj != nil && tobj.root > 0 {
		cat = fmt.Appendf(cat, "\n/MarkInfo << /Marked true >>\n/StructTreeRoot %d 0 R", tobj.root)
	}
	cat = append(cat, "\n>>"...)
	w.packed(root, cat)
	if x.xmp != nil {
		// PDF/A-2 6.6.2.1: the metadata stream is not filtered, so that
		// tools that do not parse PDF can find it.
		w.direct(meta)
		fmt.Fprintf(&w.b, "<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n", len(x.xmp))
		w.b.Write(x.xmp)
		w.b.WriteString("\nendstream\nendobj\n")
	}
	if x.tags != nil {
		if len(pageObj) != len(x.tags.pageMC) {
			return nil, fmt.Errorf("pdf: %d page objects for %d pages drawn", len(pageObj), len(x.tags.pageMC))
		}
		x.tags.write(w, tobj, pageObj, x.lang)
	}
	return w.finish(root, info), nil
}

// pdfString writes a text string (ISO 32000-1 7.9.2.2): as PDFDocEncoding
// bytes when every character has one that is the same as in Latin-1
// (ASCII, and U+00A1 to U+00FF but the soft hyphen), else as UTF-16BE,
// which takes four hex digits a character.
func pdfString(s string) string {
	latin := true
	for _, r := range s {
		if r > 0xFF || (r >= 0x7F && r <= 0xA0) || r == 0xAD || (r < 0x20 && r != '\r' && r != '\n' && r != '\t') {
			latin = false
			break
		}
	}
	if latin {
		b := make([]byte, 0, len(s)+2)
		b = append(b, '(')
		for _, r := range s {
			switch r {
			case '\\', '(', ')':
				b = append(b, '\\', byte(r))
			case '\r':
				b = append(b, '\\', 'r')
			case '\n':
				b = append(b, '\\', 'n')
			default:
				b = append(b, byte(r))
			}
		}
		return string(append(b, ')'))
	}
	var h strings.Builder
	h.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&h, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&h, "%04X", r)
	}
	h.WriteString(">")
	return h.String()
}

// pageLabels is the number tree: roman from the first page, decimal from
// the body's first page.
func pageLabels(first int) string {
	if first < 0 {
		return "<< /Nums [0 << /S /r >>] >>"
	}
	if first == 0 {
		return "<< /Nums [0 << /S /D >>] >>"
	}
	return fmt.Sprintf("<< /Nums [0 << /S /r >> %d << /S /D >>] >>", first)
}

// fpdf's ToUnicode maps every code to itself with one range,
// <0000> <FFFF>, which a range may not be (only its last byte may vary,
// ISO 32000-1 9.10.3): poppler ignores it and guesses from the font's
// cmap, so a soft hyphen, which shares the hyphen's glyph, came out as a
// hyphen. The same mapping as 256 lawful ranges, surrogates left out.
var (
	identityRange  = []byte("1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange")
	identityBlocks = func() []byte {
		var b []byte
		n := 0
		var body []byte
		for hi := 0; hi < 256; hi++ {
			if hi >= 0xD8 && hi <= 0xDF {
				continue
			}
			if n == 100 {
				b = fmt.Appendf(b, "%d beginbfrange\n%sendbfrange\n", n, body)
				n, body = 0, body[:0]
			}
			if hi == 0xFB {
				// The ligatures map to their letters (runs.go).
				body = fmt.Appendf(body, "<FB05> <FBFF> <FB05>\n")
				n++
				continue
			}
			body = fmt.Appendf(body, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi)
			n++
		}
		b = fmt.Appendf(b, "%d beginbfrange\n%sendbfrange\n", n, body)
		b = fmt.Appendf(b, "%d beginbfchar\n", len(ligatures))
		for _, l := range ligatures {
			b = fmt.Appendf(b, "<%04X> <", l.lig)
			for _, c := range l.seq {
				b = fmt.Appendf(b, "%04X", c)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar"...)
		return b
	}()
)

// copyObjects copies fpdf's objects before the catalog: page contents,
// which fpdf left uncompressed, compressed with one writer for all pages;
// other streams (fonts, images, the ICC profile) as they are; every other
// object packed into object streams.
func copyObjects(w *fileWriter, data []byte, offs []int, hook func(num int, obj []byte) []byte) error {
	// Objects in file order; 0 is the free entry.
	order := make([]int, 0, len(offs))
	for i := 1; i < len(offs); i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, c int) int { return offs[a] - offs[c] })
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) {
		return errors.New("pdf: no header")
	}
	w.b.WriteString(header)
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	var z bytes.Buffer
	var num []byte
	for k, n := range order {
		start, end := offs[n], len(data)
		if k+1 < len(order) {
			end = offs[order[k+1]]
		}
		if start > end || end > len(data) {
			return errors.New("pdf: objects overlap")
		}
		obj := data[start:end]
		num = strconv.AppendInt(num[:0], int64(n), 10)
		num = append(num, " 0 obj\n"...)
		body, ok := bytes.CutPrefix(obj, num)
		if !ok {
			return fmt.Errorf("pdf: object %d is not where the table says", n)
		}
		if len(obj) > 0 && obj[len(obj)-1] == '\n' && !bytes.HasSuffix(bytes.TrimRight(obj, "\n"), []byte("endobj")) {
			return fmt.Errorf("pdf: object %d does not end", n)
		}
		if !bytes.Contains(body, []byte("\nendstream")) {
			if hook != nil {
				if out := hook(n, obj); out != nil {
					body = out[len(num):]
				}
			}
			value := bytes.TrimRight(body, "\n")
			value = bytes.TrimSuffix(value, []byte("endobj"))
			w.packed(n, bytes.TrimRight(value, "\n "))
			continue
		}
		w.direct(n)
		rest, ok := bytes.CutPrefix(body, []byte("<</Length "))
		if !ok {
			w.b.Write(body)
			continue
		}
		const mark = ">>\nstream\n"
		i := bytes.Index(rest, []byte(mark))
		length, err := strconv.Atoi(string(rest[:max(i, 0)]))
		if i < 0 || err != nil || i+len(mark)+length > len(rest) {
			w.b.Write(body)
			continue
		}
		i += len(mark)
		stream := rest[i : i+length]
		if bytes.Contains(stream, identityRange) {
			stream = bytes.Replace(stream, identityRange, identityBlocks, 1)
		}
		z.Reset()
		zw.Reset(&z)
		_, _ = zw.Write(stream)
		_ = zw.Close()
		fmt.Fprintf(&w.b, "<</Filter /FlateDecode /Length %d>>\nstream\n", z.Len())
		w.b.Write(z.Bytes())
		w.b.Write(rest[i+length:]) // "\nendstream\nendobj\n"
	}
	return nil
}
