package pdf

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"github.com/normpress/normpress/build/numeral"

	"golang.org/x/image/font/sfnt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/normpress/normpress/build/doc"
)

// anchorPos is where a destination landed: a page index (from 0) and a y
// from the top of the page.
type anchorPos struct {
	page int
	y    float64
}

// locate records every destination's page and position. The first
// occurrence wins (a repeated table header repeats its anchors).
func (e *engine) locate(pages []page) map[string]anchorPos {
	out := map[string]anchorPos{}
	for pi := range pages {
		p := &pages[pi]
		for _, list := range [][]placed{p.items, p.notes} {
			for _, pl := range list {
				for _, a := range pl.it.anchors {
					if _, ok := out[a]; !ok {
						out[a] = anchorPos{page: pi, y: e.g.top + pl.y}
					}
				}
			}
		}
	}
	return out
}

// folios gives each page its label: roman in the front matter, arabic from
// the first page of the body. first is the index of that page (-1: none).
func folios(pages []page) (labels []string, first int) {
	first = -1
	for i, p := range pages {
		if p.run != nil && p.run.matter != doc.FrontMatter {
			first = i
			break
		}
	}
	labels = make([]string, len(pages))
	for i := range pages {
		if first >= 0 && i >= first {
			labels[i] = strconv.Itoa(i - first + 1)
		} else {
			labels[i], _ = numeral.Roman(i + 1)
		}
	}
	return labels, first
}

type drawer struct {
	e          *engine
	f          *fpdf.Fpdf
	curFace    face
	curSize    float64
	labels     []string
	anchors    map[string]anchorPos
	level      int // the last bookmark level, to keep the outline a tree
	registered [int(numFamilies) * 4]bool
	tj         textRun

	// Marked content (tags.go): the tag whose sequence is open (tagNone:
	// none), the elements of the current page's MCIDs, every page's
	// MCIDs, and the link annotations, written by tagwrite.go.
	cur    tagID
	mcids  []tagID
	pageMC [][]tagID
	annots []annot
	tree   *structTree
	inArt  bool // drawing an item that repeats (a table header): all artifact
	// fontNames maps fpdf's font names to the real PostScript names with
	// a subset tag, which the tail writes in their place.
	fontNames map[string]string
}

//go:embed icc/sRGB2014.icc
var srgbICC []byte

// subsetName is "ABCDEF+PostScriptName": the font's own name (from its
// name table; fpdf writes a made-up one) behind a tag that marks it as a
// subset, the tag derived from the font so that output is reproducible.
func subsetName(data []byte, fc face) string {
	name := ""
	if f, err := sfnt.Parse(data); err == nil {
		name, _ = f.Name(nil, sfnt.NameIDPostScript)
	}
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, name)
	if clean == "" {
		clean = "normpress-" + fc.fpdfFamily() + fc.fpdfStyle()
	}
	sum := sha256.Sum256(append([]byte(clean), data...))
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag) + "+" + clean
}

// tagNone: no marked-content sequence is open; tagHyph: a hyphen's own
// sequence is open.
const (
	tagNone tagID = -2
	tagHyph tagID = -3
)

// annot is a link annotation: where it is, where it goes, its Link.
type annot struct {
	page int
	rect [4]float64 // in PDF coordinates
	link int32
	tag  tagID
}

func (e *engine) draw(pages []page, anchors map[string]anchorPos, labels []string) ([]byte, *tagged, error) {
	g := &e.g
	pub := e.pub
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: g.pageW, Ht: g.pageH}})
	f.SetCatalogSort(true)
	t := time.Unix(e.opts.Epoch, 0).UTC()
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCompression(false) // compressed when the file is finished: catalog.go
	f.SetTitle(safe(pub.Title), true)
	if len(pub.Editors) > 0 {
		f.SetAuthor(safe(strings.Join(pub.Editors, "; ")), true)
	} else if len(pub.Contributors) > 0 {
		f.SetAuthor(safe(strings.Join(pub.Contributors, "; ")), true)
	}
	subject := pub.Description
	if subject == "" {
		subject = pub.Subtitle
	}
	f.SetSubject(safe(subject), true)
	f.SetKeywords(safe(strings.Join(pub.Keywords, ", ")), true)
	f.SetCreator("normpress", true)
	// PDF/A: the colours are sRGB (fpdf's DeviceRGB and DeviceGray).
	f.AddOutputIntent(fpdf.OutputIntentType{SubtypeIdent: fpdf.OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: "sRGB IEC61966-2.1", Info: "sRGB IEC61966-2.1", ICCProfile: srgbICC})
	if e.opts.Producer != "" {
		f.SetProducer(safe(e.opts.Producer), true)
	}

	// Images in order of first use, so that registration is deterministic.
	seen := map[string]bool{}
	for _, p := range pages {
		for _, list := range [][]placed{p.items, p.notes} {
			for _, pl := range list {
				for _, o := range pl.it.ops {
					if o.kind == opImage && !seen[o.img.name] {
						seen[o.img.name] = true
						f.RegisterImageOptionsReader(o.img.name, fpdf.ImageOptions{ImageType: o.img.typ}, bytes.NewReader(o.img.data))
					}
				}
			}
		}
	}
	if f.Err() {
		return nil, nil, f.Error()
	}

	d := &drawer{e: e, f: f, labels: labels, anchors: anchors, level: -1, cur: tagNone, tree: e.tags}
	// Faces are registered on first use while drawing: fpdf embeds every
	// registered face, used or not.

	for pi := range pages {
		d.page(pi, &pages[pi])
		if f.Err() {
			return nil, nil, f.Error()
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), d.taggedOut(), nil
}

// dest is where an internal link goes: its anchor, else the top of its
// chapter; ok is false when this PDF has neither.
func (d *drawer) dest(l linkDest) (anchorPos, bool) {
	pos, ok := d.anchors[l.key]
	if !ok {
		ch, _, _ := strings.Cut(l.key, "#")
		pos, ok = d.anchors[anchorKey(ch, "")]
	}
	return pos, ok
}

// mark makes t's content the open marked-content sequence: an /Artifact
// for t <= 0, else the element's role with the page's next MCID, which
// becomes a kid of the element (attached to the tree on first use).
func (d *drawer) mark(t tagID) {
	if d.e.opts.untagged {
		return
	}
	if d.inArt || t < 0 {
		t = 0
	}
	if t == d.cur {
		return
	}
	d.flushText()
	if d.cur != tagNone {
		d.f.RawWriteStr("EMC")
		d.cur = tagNone
	}
	if t == 0 {
		d.cur = t
		d.f.RawWriteStr("/Artifact BMC")
		return
	}
	d.openMC(t, "")
}

// openMC opens a sequence for t with a new MCID, closing the open one.
func (d *drawer) openMC(t tagID, props string) {
	d.flushText()
	if d.cur != tagNone {
		d.f.RawWriteStr("EMC")
	}
	d.cur = t
	mcid := len(d.mcids)
	d.mcids = append(d.mcids, t)
	el := d.tree.get(t)
	d.f.RawWriteStr("/" + el.role + "<</MCID " + strconv.Itoa(mcid) + props + ">>BDC")
	d.attach(t, skid{mcid: mcid, page: len(d.pageMC)})
}

// attach adds a kid to an element, attaching the element to its parent
// first if this is its first content: siblings come in reading order.
func (d *drawer) attach(t tagID, k skid) {
	el := d.tree.get(t)
	if !el.attached {
		el.attached = true
		el.page = len(d.pageMC)
		if el.parent > 0 {
			d.attach(el.parent, skid{elem: t})
		}
	}
	el.kids = append(el.kids, k)
}

// endPage closes the open sequence: marked content never spans pages.
func (d *drawer) endPage() {
	d.flushText()
	if d.cur != tagNone {
		d.f.RawWriteStr("EMC")
	}
	d.cur = tagNone
	if d.e.opts.untagged {
		d.mcids = nil
	}
	d.pageMC = append(d.pageMC, d.mcids)
	d.mcids = nil
}

func (d *drawer) font(fc face, size float64) {
	if fc == d.curFace && size == d.curSize {
		return
	}
	if !d.registered[fc] {
		d.f.AddUTF8FontFromBytes(fc.fpdfFamily(), fc.fpdfStyle(), d.e.fonts.faces[fc].data)
		d.registered[fc] = true
		if d.fontNames == nil {
			d.fontNames = map[string]string{}
		}
		d.fontNames["utf8"+fc.fpdfFamily()+fc.fpdfStyle()] = subsetName(d.e.fonts.faces[fc].data, fc)
	}
	d.f.SetFont(fc.fpdfFamily(), fc.fpdfStyle(), size)
	d.curFace, d.curSize = fc, size
}

func (d *drawer) page(pi int, p *page) {
	f, g := d.f, &d.e.g
	f.AddPage()
	d.curFace, d.curSize = 255, 0
	d.font(mkface(famSerif, 0), g.body)
	phys := pi + 1
	left := g.textLeft(phys)
	top := g.top
	d.tj.lastY = -1
	d.mark(0) // running heads and folios are artifacts
	if p.kind != pageBlank {
		// A blank page is blank: no mark, head or folio.
		d.consultationMark(left)
	}
	switch {
	case p.kind == pageText && !p.opening:
		d.runningHead(phys, p, left)
	case p.kind == pageText && p.opening:
		// A chapter opening: the folio at the foot, centred.
		d.plain(d.labels[pi], tstyle{fam: famSerif, size: g.headSize}, left+g.textW/2, top+g.textH+g.footGap, alignCenter)
	}
	for _, pl := range p.items {
		d.inArt = pl.repeat
		d.item(pl.it, left, top+pl.y, phys)
		d.inArt = false
	}
	d.mark(0)
	// A table broken by the page: close it with a rule.
	for i, pl := range p.items {
		if pl.it.tbl == nil || pl.it.tblEnd {
			continue
		}
		if i+1 < len(p.items) && p.items[i+1].it.tbl == pl.it.tbl {
			continue
		}
		var x0, x1 float64 = 1e9, 0
		for _, o := range pl.it.ops {
			if o.kind == opRule {
				x0, x1 = min(x0, o.x), max(x1, o.x+o.w)
			}
		}
		if x1 == 0 {
			x0, x1 = 0, g.textW
		}
		f.SetLineWidth(0.35)
		y := top + pl.y + pl.it.h
		f.Line(left+x0, y, left+x1, y)
	}
	if len(p.notes) > 0 {
		w := g.textW / 3
		if p.noteCont {
			w = g.textW
		}
		y := top + p.noteTop + p.noteStretch + g.noteSep/2
		d.mark(0)
		f.SetLineWidth(0.4)
		f.Line(left, y, left+w, y)
		for _, pl := range p.notes {
			d.item(pl.it, left, top+pl.y, phys)
		}
	}
	if d.e.pub.Consultation != nil && !d.e.opts.noLineNumbers && (p.kind == pageText || p.kind == pagePart) {
		d.lineNumbers(p, left, top, phys)
	}
	d.endPage()
}

// runningHead: on a verso the folio at the outer (left) edge and the
// publication's title; on a recto the chapter's title and the folio at the
// outer (right) edge.
func (d *drawer) runningHead(phys int, p *page, left float64) {
	g := &d.e.g
	y := g.top - g.headGap
	st := tstyle{fam: famSerif, size: g.headSize}
	it := st
	it.italic = true
	label := d.labels[phys-1]
	if phys%2 == 0 {
		d.plain(label, st, left, y, alignLeft)
		d.plain(d.e.pub.Title, it, left+g.textW/2, y, alignCenter)
		return
	}
	head := ""
	if p.run != nil {
		head = p.run.head
		if p.run.status != "" && head != "" {
			head = p.run.status + " \u00b7 " + head // kept when a long head is cut short
		}
	}
	if head != "" {
		d.plain(head, it, left+g.textW/2, y, alignCenter)
	}
	d.plain(label, st, left+g.textW, y, alignRight)
}

// plain draws a short string anchored at x by its left, centre or right.
func (d *drawer) plain(s string, st tstyle, x, y float64, a align) {
	rs, w := d.e.plainRuns(s, st)
	// A running head longer than the measure is cut short with an ellipsis.
	if max := d.e.g.textW * 0.8; w > max && a == alignCenter {
		for len(s) > 0 && w > max {
			r := []rune(s)
			s = string(r[:len(r)-1])
			rs, w = d.e.plainRuns(strings.TrimSpace(s)+"\u2026", st)
		}
	}
	switch a {
	case alignCenter:
		x -= w / 2
	case alignRight:
		x -= w
	}
	for _, r := range rs {
		d.drawRun(r, x, y)
		x += r.w
	}
}

func (d *drawer) drawRun(r run, x, y float64) {
	if r.tofu {
		d.flushText()
		d.f.SetLineWidth(0.4)
		d.f.Rect(x+0.05*r.size, y-0.68*r.size, r.w-0.1*r.size, 0.68*r.size, "D")
		return
	}
	d.text(r.face, r.size, x, y-r.rise, r.text)
}

func (d *drawer) item(it *vitem, left, top float64, phys int) {
	f, g := d.f, &d.e.g
	for _, m := range it.marks {
		lvl := min(m.level, d.level+1)
		f.Bookmark(safe(m.title), lvl, top)
		d.level = lvl
	}
	for _, o := range it.ops {
		x, y := left+o.x, top+o.y
		if o.kind != opLink {
			d.mark(o.tag)
		}
		switch o.kind {
		case opTofu, opRule, opFrame, opFill, opImage:
			d.flushText() // painted in order with the text around it
		}
		switch o.kind {
		case opText:
			if o.hyph && o.s == "-" && d.e.fonts.softHyphen(o.face) {
				// A hyphen the line break made is not part of the word
				// (ISO 32000-1 14.8.2.2.3): it is drawn as the soft
				// hyphen, U+00AD, which readers of the structure drop, in
				// the same marked content as the word's halves, so the
				// structure's text has the word whole.
				d.text(o.face, o.size, x, y, "\u00ad")
				continue
			}
			d.text(o.face, o.size, x, y, o.s)
			continue
		case opTofu:
			f.SetLineWidth(0.4)
			f.Rect(x, y, o.w, o.h, "D")
		case opRule:
			f.SetLineWidth(o.h)
			f.Line(x, y, x+o.w, y)
		case opFrame:
			f.SetLineWidth(o.size)
			f.Rect(x, y, o.w, o.h, "D")
		case opFill:
			gr := int(o.size * 255)
			f.SetFillColor(gr, gr, gr)
			f.Rect(x, y, o.w, o.h, "F")
			f.SetFillColor(0, 0, 0)
		case opImage:
			f.ImageOptions(o.img.name, x, y, o.w, o.h, false, fpdf.ImageOptions{ImageType: o.img.typ}, 0, "")
		case opLink:
			// A link is an annotation inside its Link element (an OBJR).
			// A link in a table header repeated on a later page works
			// there too: the repeat's text is an artifact, but its
			// annotation is one more OBJR of the same Link element.
			l := d.e.links[o.link]
			if o.tag <= 0 {
				break
			}
			if l.url == "" {
				if _, ok := d.dest(l); !ok {
					break
				}
			}
			H := g.pageH
			d.annots = append(d.annots, annot{page: len(d.pageMC), rect: [4]float64{x, H - y - o.h, x + o.w, H - y}, link: o.link, tag: o.tag})
			d.attach(o.tag, skid{annot: len(d.annots)})
		case opMarginNum:
			st := tstyle{fam: famSerif, size: o.size}
			if phys%2 == 1 {
				d.plain(o.s, st, left+g.textW+0.5*g.body, y, alignLeft)
			} else {
				d.plain(o.s, st, left-0.5*g.body, y, alignRight)
			}
		case opPageNum:
			label := "?"
			if pos, ok := d.anchors[o.s]; ok {
				label = d.labels[pos.page]
			}
			d.plain(label, tstyle{fam: o.face.family(), bold: o.face.style()&styBold != 0, size: o.size}, x, y, alignRight)
		}
	}
}

// safe makes a string fpdf can convert to UTF-16 itself (metadata,
// bookmarks): fpdf reads past the end of invalid UTF-8 and mangles
// characters outside the BMP, so both become U+FFFD.
func safe(s string) string {
	s = strings.ToValidUTF8(s, "\ufffd")
	for _, r := range s {
		if r > 0xFFFF {
			return strings.Map(func(r rune) rune {
				if r > 0xFFFF {
					return '\ufffd'
				}
				return r
			}, s)
		}
	}
	return s
}
