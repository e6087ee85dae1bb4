package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// tagged is what drawing leaves for the file's tail: the structure
// elements with their kids in reading order, each page's MCIDs and the
// link annotations (fpdf writes neither tags nor annotations that could
// be tagged: it inlines annotations in the page, and an OBJR needs an
// object of its own).
type tagged struct {
	tree   *structTree
	pageMC [][]tagID
	annots []annotOut
	fonts  map[string]string

	untagged bool // links only (Options.untagged)
}

// annotOut is a link annotation ready to write.
type annotOut struct {
	annot
	url      string
	destPage int     // for an internal link
	destY    float64 // in PDF coordinates
	contents string  // the destination in words (PDF/UA 7.18.5): a URL or "p. 12"
}

func (d *drawer) taggedOut() *tagged {
	t := &tagged{tree: d.tree, pageMC: d.pageMC, fonts: d.fontNames, untagged: d.e.opts.untagged}
	for _, a := range d.annots {
		l := d.e.links[a.link]
		out := annotOut{annot: a, url: l.url}
		// The destination in words, and only that: the link's own words
		// are its Link element's content already, and repeating them in
		// every annotation made a tenth of a tagged book's size.
		if l.url != "" {
			out.contents = l.url
		} else {
			pos, _ := d.dest(l)
			out.destPage, out.destY = pos.page, d.e.g.pageH-pos.y
			out.contents = d.e.words.page + " " + d.labels[pos.page]
		}
		t.annots = append(t.annots, out)
	}
	return t
}

// tagObjects numbers the objects the tail adds for the structure: the
// StructTreeRoot, the ParentTree, the IDTree, one per annotation and one
// per attached element, from first on.
type tagObjects struct {
	root, parentTree, idTree int
	annot                    []int
	elem                     []int   // by tagID: a slice, not a map (the writer looks up every kid and MCID)
	order                    []tagID // elements in object order
	next                     int     // the first number after them
}

func (t *tagged) number(first int) *tagObjects {
	o := &tagObjects{root: first, parentTree: first + 1, idTree: first + 2, elem: make([]int, len(t.tree.elems))}
	n := first + 3
	if t.untagged {
		o.root, o.parentTree, o.idTree, n = 0, 0, 0, first
	}
	for range t.annots {
		o.annot = append(o.annot, n)
		n++
	}
	var walk func(id tagID)
	walk = func(id tagID) {
		o.elem[id] = n
		o.order = append(o.order, id)
		n++
		for _, k := range t.tree.get(id).kids {
			if k.elem != 0 {
				walk(k.elem)
			}
		}
	}
	if t.tree.get(1).attached && !t.untagged {
		walk(1)
	}
	o.next = n
	return o
}

// pageExtra is what a page dictionary gains: its StructParents key, and
// its annotations with /Tabs /S (PDF/UA 7.18.3).
func (t *tagged) pageExtra(page int, o *tagObjects) string {
	var b strings.Builder
	if page < len(t.pageMC) && len(t.pageMC[page]) > 0 {
		fmt.Fprintf(&b, "/StructParents %d\n", page)
	}
	first := true
	for i, a := range t.annots {
		if a.page != page {
			continue
		}
		if first && t.untagged {
			b.WriteString("/Annots [")
			first = false
		} else if first {
			b.WriteString("/Tabs /S\n/Annots [")
			first = false
		} else {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d 0 R", o.annot[i])
	}
	if !first {
		b.WriteString("]\n")
	}
	return b.String()
}

// write packs the structure objects and annotations into w's object
// streams.
func (t *tagged) write(w *fileWriter, o *tagObjects, pageObj []int, lang string) {
	var b []byte
	ref := func(n int) {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " 0 R"...)
	}
	np := len(t.pageMC)
	if t.untagged {
		for i, a := range t.annots {
			b = t.annotDict(b[:0], a, -1, pageObj)
			w.packed(o.annot[i], b)
		}
		return
	}

	// The root, with the IDTree for the notes' /ID.
	b = fmt.Appendf(b[:0], "<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d /IDTree %d 0 R >>",
		o.elem[1], o.parentTree, np+len(t.annots), o.idTree)
	w.packed(o.root, b)

	// The parent tree: for each page with marked content, its MCIDs'
	// elements; for each annotation, its Link.
	b = append(b[:0], "<< /Nums ["...)
	for p, ids := range t.pageMC {
		if len(ids) == 0 {
			continue
		}
		b = append(b, '\n')
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, " ["...)
		for i, id := range ids {
			if i > 0 {
				b = append(b, ' ')
			}
			ref(o.elem[id])
		}
		b = append(b, ']')
	}
	for i, a := range t.annots {
		b = append(b, '\n')
		b = strconv.AppendInt(b, int64(np+i), 10)
		b = append(b, ' ')
		ref(o.elem[a.tag])
	}
	b = append(b, "\n] >>"...)
	w.packed(o.parentTree, b)

	type idRef struct {
		id  string
		obj int
	}
	var ids []idRef
	for _, id := range o.order {
		if el := t.tree.get(id); el.id != "" {
			ids = append(ids, idRef{el.id, o.elem[id]})
		}
	}
	slices.SortFunc(ids, func(a, c idRef) int { return strings.Compare(a.id, c.id) })
	b = append(b[:0], "<< /Names ["...)
	for _, r := range ids {
		b = append(b, pdfString(r.id)...)
		b = append(b, ' ')
		ref(r.obj)
		b = append(b, ' ')
	}
	b = append(b, "] >>"...)
	w.packed(o.idTree, b)

	for i, a := range t.annots {
		b = t.annotDict(b[:0], a, np+i, pageObj)
		w.packed(o.annot[i], b)
	}

	for _, id := range o.order {
		el := t.tree.get(id)
		parent := o.root
		if el.parent > 0 {
			parent = o.elem[el.parent]
		}
		b = append(b[:0], "<</S/"...)
		b = append(b, el.role...)
		b = append(b, "/P "...)
		ref(parent)
		// /Pg is the page of the MCIDs and OBJRs that do not name their
		// own: a container needs none.
		for _, k := range el.kids {
			if k.elem == 0 && (k.annot == 0 && k.page == el.page || k.annot != 0 && t.annots[k.annot-1].page == el.page) {
				b = append(b, "/Pg "...)
				ref(pageObj[el.page])
				break
			}
		}
		if id == 1 && lang != "" {
			b = append(b, "/Lang"+pdfString(lang)...)
		}
		if el.lang != "" {
			b = append(b, "/Lang"+pdfString(el.lang)...)
		}
		if el.alt != "" {
			b = append(b, "/Alt"+pdfString(el.alt)...)
		}
		if el.id != "" {
			b = append(b, "/ID"+pdfString(el.id)...)
		}
		if el.scope != "" {
			b = append(b, "/A<</O/Table/Scope/"+el.scope+">>"...)
		}
		b = append(b, "/K["...)
		for i, k := range el.kids {
			if i > 0 {
				b = append(b, ' ')
			}
			switch {
			case k.elem != 0:
				ref(o.elem[k.elem])
			case k.annot != 0:
				a := t.annots[k.annot-1]
				b = append(b, "<</Type/OBJR/Obj "...)
				ref(o.annot[k.annot-1])
				if a.page != el.page {
					b = append(b, "/Pg "...)
					ref(pageObj[a.page])
				}
				b = append(b, ">>"...)
			case k.page == el.page:
				b = strconv.AppendInt(b, int64(k.mcid), 10)
			default:
				b = append(b, "<</Type/MCR/Pg "...)
				ref(pageObj[k.page])
				b = append(b, "/MCID "...)
				b = strconv.AppendInt(b, int64(k.mcid), 10)
				b = append(b, ">>"...)
			}
		}
		b = append(b, "]>>"...)
		w.packed(o.elem[id], b)
	}
}

// annotDict appends a link annotation; key is its /StructParent (-1:
// none). Positions to a tenth of a point: a link's area needs no more.
func (t *tagged) annotDict(b []byte, a annotOut, key int, pageObj []int) []byte {
	b = fmt.Appendf(b, "<</Type/Annot/Subtype/Link/Rect[%.1f %.1f %.1f %.1f]/Border[0 0 0]/F 4", a.rect[0], a.rect[1], a.rect[2], a.rect[3])
	if key >= 0 {
		b = fmt.Appendf(b, "/StructParent %d/Contents%s", key, pdfString(a.contents))
	}
	if a.url != "" {
		b = append(b, "/A<</S/URI/URI"...)
		b = append(b, pdfASCII(a.url)...)
		b = append(b, ">>"...)
	} else {
		b = fmt.Appendf(b, "/Dest[%d 0 R/XYZ 0 %.1f null]", pageObj[a.destPage], a.destY)
	}
	return append(b, ">>"...)
}

// pdfASCII is a literal string of bytes (a URI is ASCII).
func pdfASCII(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`, "\n", `\n`)
	return "(" + r.Replace(s) + ")"
}
