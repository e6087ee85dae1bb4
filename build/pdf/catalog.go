package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
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
}

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
	rootOff := offs[root]
	obj := string(data[rootOff:xrefOff])
	prefix := fmt.Sprintf("%d 0 obj\n<<\n", root)
	if !strings.HasPrefix(obj, prefix) || !strings.HasSuffix(obj, "\n>>\nendobj\n") {
		return nil, errors.New("pdf: unexpected catalog object")
	}
	dict := strings.TrimSuffix(strings.TrimPrefix(obj, prefix), "\n>>\nendobj\n")

	var b bytes.Buffer
	b.Grow(len(data))
	if err := compressStreams(&b, data[:rootOff], offs[:root]); err != nil {
		return nil, err
	}
	offs[root] = b.Len()
	b.WriteString(prefix)
	b.WriteString(dict)
	if x.lang != "" {
		b.WriteString("\n/Lang " + pdfString(x.lang))
	}
	if x.labels != "" {
		b.WriteString("\n/PageLabels " + x.labels)
	}
	b.WriteString("\n/ViewerPreferences << /DisplayDocTitle true >>")
	total := n
	if x.xmp != nil {
		fmt.Fprintf(&b, "\n/Metadata %d 0 R", n)
		total++
	}
	b.WriteString("\n>>\nendobj\n")
	if x.xmp != nil {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n", n, len(x.xmp))
		b.Write(x.xmp)
		b.WriteString("\nendstream\nendobj\n")
	}
	newXref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", total)
	for i := 1; i < total; i++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offs[i])
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", total, root, info, newXref)
	return b.Bytes(), nil
}

// pdfString writes a literal string; non-ASCII text goes as UTF-16BE.
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`, "\n", `\n`)
		return "(" + r.Replace(s) + ")"
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

// compressStreams copies the objects before the catalog, compressing every
// stream fpdf left uncompressed (the page contents), and updates offs.
func compressStreams(b *bytes.Buffer, data []byte, offs []int) error {
	// Objects in file order; 0 is the free entry.
	order := make([]int, 0, len(offs))
	for i := 1; i < len(offs); i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, c int) int { return offs[a] - offs[c] })
	if len(order) == 0 {
		b.Write(data)
		return nil
	}
	b.Write(data[:offs[order[0]]]) // the header
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	var z bytes.Buffer
	for k, num := range order {
		start, end := offs[num], len(data)
		if k+1 < len(order) {
			end = offs[order[k+1]]
		}
		if start > end || end > len(data) {
			return errors.New("pdf: objects overlap")
		}
		obj := data[start:end]
		offs[num] = b.Len()
		head := fmt.Sprintf("%d 0 obj\n<</Length ", num)
		if !bytes.HasPrefix(obj, []byte(head)) {
			b.Write(obj)
			continue
		}
		rest := obj[len(head):]
		const mark = ">>\nstream\n"
		i := bytes.Index(rest, []byte(mark))
		length, err := strconv.Atoi(string(rest[:max(i, 0)]))
		if i < 0 || err != nil || i+len(mark)+length > len(rest) {
			b.Write(obj)
			continue
		}
		i += len(mark)
		stream := rest[i : i+length]
		z.Reset()
		zw.Reset(&z)
		_, _ = zw.Write(stream)
		_ = zw.Close()
		fmt.Fprintf(b, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", num, z.Len())
		b.Write(z.Bytes())
		b.Write(rest[i+length:]) // "\nendstream\nendobj\n"
	}
	return nil
}
