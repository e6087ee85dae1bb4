package pdf

// The seam between layout and drawing for accessibility. Layout reads the
// model, so layout is where it is known which model node a piece of text
// belongs to: every op in the galley carries a tag, the structure element
// of that node (0: an artifact, such as a running head, a rule or a dot
// leader). The structure elements themselves (their role, parent, /Alt,
// /Lang, /ID) are made here, from the model, as layout walks it.
//
// Drawing is the one place that turns tags into marked content: the
// drawer opens a marked-content sequence with a fresh MCID whenever the
// tag changes, records the MCID as a kid of its element, and attaches the
// element to its parent the first time any of its content is drawn. So
// the tree's shape comes from the model and the order of siblings is the
// reading order of the content; an element with nothing drawn is left out.
// tagwrite.go then writes the elements, the parent tree and the link
// annotations into the finished file. Another drawing backend would plug
// in at the same seam: it gets ops with tags and the element table.

// tagID indexes structTree.elems; 0 is "artifact", 1 the Document.
type tagID int32

// tagArtifact marks an op as an artifact where tagItems would otherwise
// give it its block's tag (leaders, a table's repeated header).
const tagArtifact tagID = -1

type selem struct {
	role   string // a standard structure type (ISO 32000-1 14.8.4)
	parent tagID
	alt    string // /Alt (figures)
	lang   string // /Lang where it differs from its parent's
	id     string // /ID (notes)
	scope  string // /Scope of a TH: "Column" or "Row"

	// Set while drawing.
	attached bool
	page     int // the page of the first content (its /Pg), from 0
	kids     []skid
}

// skid is one kid of an element: a child element, a marked-content
// sequence on a page, or a link annotation.
type skid struct {
	elem  tagID
	mcid  int
	page  int
	annot int // index into drawer.annots + 1; 0 for none
}

// structTree holds the elements. It outlives a layout pass: paragraphs
// cached from one pass to the next keep their tags, so the same model
// node must give the same element in every pass.
type structTree struct {
	elems []selem
	idx   map[elemKey]tagID
}

type elemKey struct {
	node   any
	role   string
	parent tagID
	n      int
}

func newStructTree() *structTree {
	return &structTree{elems: []selem{{}, {role: "Document"}}, idx: map[elemKey]tagID{}}
}

// elem returns the element of role for a model node under parent, making
// it on first use. n tells apart several elements of one node (a list's
// items, a table's cells).
func (t *structTree) elem(node any, role string, parent tagID, n int) tagID {
	k := elemKey{node, role, parent, n}
	if id, ok := t.idx[k]; ok {
		return id
	}
	id := tagID(len(t.elems))
	t.elems = append(t.elems, selem{role: role, parent: parent})
	t.idx[k] = id
	return id
}

func (t *structTree) get(id tagID) *selem { return &t.elems[id] }

// tag makes an element under the current container (e.tag).
func (e *engine) tag(node any, role string, n int) tagID {
	return e.tags.elem(node, role, e.tagParent, n)
}

// within runs f with parent as the container of the elements f makes.
func (e *engine) within(parent tagID, f func()) {
	saved := e.tagParent
	e.tagParent = parent
	f()
	e.tagParent = saved
}

// tagOps gives every op of items without a tag the tag id: a block's
// lines belong to its element. Artifacts stay artifacts (artifact: true
// is kept by opRule etc. having a tag of 0 and kind not text).
func tagItems(items []vitem, id tagID) {
	for i := range items {
		for j := range items[i].ops {
			o := &items[i].ops[j]
			if o.tag == 0 && o.kind != opRule && o.kind != opFrame && o.kind != opFill && o.kind != opLink {
				o.tag = id
			}
		}
	}
}

// headingRole is the H1–H6 of a model heading level: a chapter's title is
// H1, a level-2 heading H2, and so on; level 7 and beyond stay H6.
func headingRole(level int) string {
	return "H" + string(rune('0'+min(max(level, 1), 6)))
}
