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
}

// annotOut is a link annotation ready to write.
type annotOut struct {
	annot
	url      string
	destPage int     // for an internal link
	destY    float64 // in PDF coordinates
	contents string  // the destination in words (PDF/UA 7.18.5)
}

func (d *drawer) taggedOut() *tagged {
	t := &tagged{tree: d.tree, pageMC: d.pageMC, fonts: d.fontNames}
	for _, a := range d.annots {
		l := d.e.links[a.link]
		out := annotOut{annot: a, url: l.url}
		words := d.tree.get(a.tag).desc
		if l.url != "" {
			out.contents = l.url
			if words != "" && words != l.url {
				out.contents = words + " (" + l.url + ")"
			}
		} else {
			pos, _ := d.dest(l)
			out.destPage, out.destY = pos.page, d.e.g.pageH-pos.y
			out.contents = strings.TrimSpace(words + " (" + d.e.words.page + "\u00a0" + d.labels[pos.page] + ")")
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
	elem                     map[tagID]int
	order                    []tagID // elements in object order
	next                     int     // the first number after them
}

func (t *tagged) number(first int) *tagObjects {
	o := &tagObjects{root: first, parentTree: first + 1, idTree: first + 2, elem: map[tagID]int{}}
	n := first + 3
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
	if t.tree.get(1).attached {
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
		if first {
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

// write appends the structure objects and annotations; offs gets each
// object's offset by number.
func (t *tagged) write(b *strings.Builder, base int, o *tagObjects, pageObj []int, offs map[int]int, lang string) {
	obj := func(n int) {
		offs[n] = base + b.Len()
		fmt.Fprintf(b, "%d 0 obj\n", n)
	}
	pg := func(p int) string { return strconv.Itoa(pageObj[p]) + " 0 R" }
	np := len(t.pageMC)

	// The root, with the IDTree for the notes' /ID.
	obj(o.root)
	fmt.Fprintf(b, "<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d /IDTree %d 0 R >>\nendobj\n",
		o.elem[1], o.parentTree, np+len(t.annots), o.idTree)

	// The parent tree: for each page with marked content, its MCIDs'
	// elements; for each annotation, its Link.
	obj(o.parentTree)
	b.WriteString("<< /Nums [")
	for p, ids := range t.pageMC {
		if len(ids) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n%d [", p)
		for i, id := range ids {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(b, "%d 0 R", o.elem[id])
		}
		b.WriteString("]")
	}
	for i, a := range t.annots {
		fmt.Fprintf(b, "\n%d %d 0 R", np+i, o.elem[a.tag])
	}
	b.WriteString("\n] >>\nendobj\n")

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
	obj(o.idTree)
	b.WriteString("<< /Names [")
	for _, r := range ids {
		fmt.Fprintf(b, "%s %d 0 R ", pdfString(r.id), r.obj)
	}
	b.WriteString("] >>\nendobj\n")

	for i, a := range t.annots {
		obj(o.annot[i])
		fmt.Fprintf(b, "<< /Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] /F 4 /StructParent %d /Contents %s ",
			a.rect[0], a.rect[1], a.rect[2], a.rect[3], np+i, pdfString(a.contents))
		if a.url != "" {
			fmt.Fprintf(b, "/A << /S /URI /URI %s >>", pdfASCII(a.url))
		} else {
			fmt.Fprintf(b, "/Dest [%s /XYZ 0 %.2f null]", pg(a.destPage), a.destY)
		}
		b.WriteString(" >>\nendobj\n")
	}

	for _, id := range o.order {
		el := t.tree.get(id)
		obj(o.elem[id])
		parent := o.root
		if el.parent > 0 {
			parent = o.elem[el.parent]
		}
		fmt.Fprintf(b, "<< /Type /StructElem /S /%s /P %d 0 R /Pg %s", el.role, parent, pg(el.page))
		if id == 1 && lang != "" {
			b.WriteString(" /Lang " + pdfString(lang))
		}
		if el.lang != "" {
			b.WriteString(" /Lang " + pdfString(el.lang))
		}
		if el.alt != "" {
			b.WriteString(" /Alt " + pdfString(el.alt))
		}
		if el.id != "" {
			b.WriteString(" /ID " + pdfString(el.id))
		}
		if el.scope != "" {
			b.WriteString(" /A << /O /Table /Scope /" + el.scope + " >>")
		}
		b.WriteString(" /K [")
		for i, k := range el.kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch {
			case k.elem != 0:
				fmt.Fprintf(b, "%d 0 R", o.elem[k.elem])
			case k.annot != 0:
				a := t.annots[k.annot-1]
				fmt.Fprintf(b, "<< /Type /OBJR /Obj %d 0 R /Pg %s >>", o.annot[k.annot-1], pg(a.page))
			case k.page == el.page:
				b.WriteString(strconv.Itoa(k.mcid))
			default:
				fmt.Fprintf(b, "<< /Type /MCR /Pg %s /MCID %d >>", pg(k.page), k.mcid)
			}
		}
		b.WriteString("] >>\nendobj\n")
	}
}

// pdfASCII is a literal string of bytes (a URI is ASCII).
func pdfASCII(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`, "\n", `\n`)
	return "(" + r.Replace(s) + ")"
}
