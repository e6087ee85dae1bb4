package pdf

import "github.com/normpress/normpress/build/doc"

// The layout pass turns the publication into one galley: a vertical list
// of items (lines, spaces, rows, figures) whose contents are drawing
// operations at positions relative to the item. The pager then cuts the
// galley into pages, and only then does anything reach fpdf. Keeping
// layout and drawing apart is what lets the table of contents and "p. 87"
// know their page numbers before a single page is drawn.

type opKind uint8

const (
	opText      opKind = iota // s at (x, y baseline) in face/size
	opTofu                    // a hollow box where a glyph is missing
	opRule                    // a horizontal rule at y of width w, thickness h
	opFrame                   // a stroked rectangle
	opFill                    // a filled rectangle, grey level in size (0–1)
	opImage                   // img at x, y, w, h
	opLink                    // a link area
	opMarginNum               // a paragraph number in the outer margin, baseline y
	opPageNum                 // a TOC page number, right edge at x; s is the anchor key
	opMark                    // nothing drawn: an empty marked-content sequence that keeps tag's element (an empty table cell) in the tree
)

type op struct {
	kind       opKind
	face       face
	x, y, w, h float64
	size       float64
	s          string
	link       int32
	img        *imageInfo
	// tag is the structure element the op belongs to (tags.go); 0 or
	// tagArtifact: an artifact.
	tag tagID
	// hyph marks the hyphen drawn at a hyphenated line end: text
	// extraction leaves it out (ActualText).
	hyph bool
	// raised marks text off its line's baseline (a superscript, a note
	// mark, a subscript): it does not make a line of its own when a
	// consultation draft numbers its lines.
	raised bool
}

// brkKind is a page break demanded before an item.
type brkKind uint8

const (
	brkNone  brkKind = iota
	brkPage          // a new page
	brkRecto         // a new right-hand page, with a blank verso if needed
)

// pageKind marks items that are whole pages of their own.
type pageKind uint8

const (
	pageText pageKind = iota
	pageBlank
	pageTitle   // title page: no head, no folio
	pageImprint // title verso
	pagePart    // a part's title page
)

// chapterRun is what the running heads and folios need to know about the
// stretch of pages an item starts.
type chapterRun struct {
	head   string // recto head: the chapter's short title
	matter doc.Matter
	// status marks a chapter of a consultation draft that is not final
	// ("Draft", "Under review") beside its running head; "" otherwise.
	status string
}

type bookmark struct {
	title string
	level int
}

type vitem struct {
	h     float64
	space bool    // discardable vertical space: dropped at a page top
	keep  bool    // no page break directly after this item
	brk   brkKind // a page break before this item
	whole pageKind
	ops   []op
	notes []*noteBox
	// anchors are link destinations ("chapter#anchor") at the item's top.
	anchors []string
	marks   []bookmark
	// head is the repeated header of the table this row continues; tbl
	// identifies the table, so the drawer can close it at a page end.
	head    []vitem
	tbl     *int
	tblEnd  bool // the table's last row, which draws its own closing rule
	run     *chapterRun
	opening bool // a chapter's first item: no running head on its page
	hyph    bool // a line that ends with a hyphen (or a compound's own)
	// float marks a figure, which may move to the top of the next page
	// when it does not fit, the text going on around it.
	float bool
	// stat is what the typographic report needs of a line (typo.go).
	stat lineStat
}

// noteBox is a footnote laid out as lines at the foot of a page.
type noteBox struct {
	lines []vitem
}

func (n *noteBox) height() float64 {
	h := 0.0
	for i := range n.lines {
		h += n.lines[i].h
	}
	return h
}

// shift moves an item's operations right by dx.
func shiftOps(ops []op, dx, dy float64) {
	for i := range ops {
		ops[i].x += dx
		ops[i].y += dy
	}
}

// merge glues items into one unbreakable item (a figure with its caption,
// a framed box), keeping their notes, anchors and bookmarks.
func merge(items []vitem) vitem {
	var out vitem
	y := 0.0
	for _, it := range items {
		for _, o := range it.ops {
			o.y += y
			out.ops = append(out.ops, o)
		}
		out.notes = append(out.notes, it.notes...)
		out.anchors = append(out.anchors, it.anchors...)
		out.marks = append(out.marks, it.marks...)
		y += it.h
	}
	out.h = y
	return out
}

func space(h float64) vitem { return vitem{h: h, space: true} }
