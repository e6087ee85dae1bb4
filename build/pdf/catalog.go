package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/hex"
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

	var b bytes.Buffer
	b.Grow(len(data) + len(data)/4)
	if err := compressStreams(&b, data[:rootOff], offs[:root], pageHook); err != nil {
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
	if x.xmp != nil {
		fmt.Fprintf(&b, "\n/Metadata %d 0 R", meta)
	}
	if x.tags != nil {
		fmt.Fprintf(&b, "\n/MarkInfo << /Marked true >>\n/StructTreeRoot %d 0 R", tobj.root)
	}
	b.WriteString("\n>>\nendobj\n")
	all := make([]int, total)
	copy(all, offs)
	if x.xmp != nil {
		all[meta] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n", meta, len(x.xmp))
		b.Write(x.xmp)
		b.WriteString("\nendstream\nendobj\n")
	}
	if x.tags != nil {
		if len(pageObj) != len(x.tags.pageMC) {
			return nil, fmt.Errorf("pdf: %d page objects for %d pages drawn", len(pageObj), len(x.tags.pageMC))
		}
		var sb strings.Builder
		more := map[int]int{}
		x.tags.write(&sb, b.Len(), tobj, pageObj, more, x.lang)
		for k, v := range more {
			all[k] = v
		}
		b.WriteString(sb.String())
	}
	// The file identifier PDF/A asks for (6.1.3), from the content, so
	// that the same input gives the same file.
	sum := md5.Sum(b.Bytes())
	id := hex.EncodeToString(sum[:])
	newXref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", total)
	for i := 1; i < total; i++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", all[i])
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n", total, root, info, id, id, newXref)
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
func compressStreams(b *bytes.Buffer, data []byte, offs []int, hook func(num int, obj []byte) []byte) error {
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
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) {
		return errors.New("pdf: no header")
	}
	b.WriteString(header)
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
			if hook != nil {
				if out := hook(num, obj); out != nil {
					obj = out
				}
			}
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
