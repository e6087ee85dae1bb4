// Package docx renders a publication as a Word document (WordprocessingML in
// an OPC zip package), the edition reviewers work in during a consultation.
//
// It is a renderer like html, epub and pdf: it reads only the document model
// (doc) and never imports another renderer. What makes it more than an
// export is the way back: every paragraph it writes carries a hidden
// bookmark ("_NP12"), and a custom XML part lists, for each bookmark, the
// publication, chapter, paragraph number and source file and line. Word and
// LibreOffice keep both when a reviewer comments and tracks changes, so
// ReadReview (review.go) can put each comment back on its paragraph.
//
// The package is written with archive/zip and strings: WordprocessingML is
// a small, stable vocabulary for what the model holds, and the Go modules
// that write DOCX either pull in much more than this needs or lack
// footnotes and bookmarks.
package docx

import (
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Options for Render.
type Options struct {
	// Epoch is SOURCE_DATE_EPOCH: the package's dates and zip times.
	Epoch int64
	// BaseURL is where the HTML edition is published. Links into another
	// publication go there; without it they are text, never broken links.
	BaseURL string
	// Producer names the application in the document properties.
	Producer string
	// Publisher is the project's title.
	Publisher string
}

// Render writes the publication as a .docx file.
func Render(pub *doc.Publication, opts Options) ([]byte, source.Diags) {
	w := newWriter(pub, opts)
	w.document()
	files := w.parts()
	data, err := writeZip(files, opts.Epoch)
	if err != nil {
		w.diags.Errorf(source.Span{}, "docx", "cannot write %s.docx: %v", pub.ID, err)
		return nil, w.diags
	}
	return data, w.diags
}

// writer holds the state of one rendering: the parts being built and the
// numbers (footnotes, relationships, bookmarks) that must be unique in them.
type writer struct {
	pub   *doc.Publication
	opts  Options
	diags source.Diags

	body      strings.Builder // word/document.xml's w:body
	notes     strings.Builder // word/footnotes.xml's footnotes
	out       *strings.Builder
	noteID    int
	bookmark  int    // w:id of bookmarks
	rels      relSet // word/document.xml's relationships
	noteRels  relSet // word/footnotes.xml's
	media     []media
	mediaByAs map[*doc.Asset]int
	lists     []listDef // numbering instances, in order of use
	drawing   int       // wp:docPr ids

	// anchors holds the bookmark names of every anchor in the publication,
	// so a link is only written to a place that exists.
	anchors map[doc.Target]bool
	chapter *doc.Chapter
	lang    string // the current chapter's language, when not the publication's

	// Source map: one entry per paragraph written.
	smap     []Entry
	ctx      Entry // what the next paragraph maps to
	lastNum  int   // last numbered paragraph in the chapter, for context
	inNote   int   // note number while writing a footnote's paragraphs
	listLvl  int
	quoteLvl int

	pendingNum    string   // numPr for the next paragraph: a list item's first
	pendingAnchor []string // anchors to set on the next paragraph
	written       map[doc.Target]bool
	inLink        bool // inside a w:hyperlink, which cannot nest
	open          []openMark
}

type rel struct {
	id, typ, target string
	external        bool
}

// relSet is one part's relationships.
type relSet struct {
	list  []rel
	byKey map[string]string // typ+" "+target → id
}

func (s *relSet) add(typ, target string, external bool) string {
	key := typ + " " + target
	if id, ok := s.byKey[key]; ok {
		return id
	}
	if s.byKey == nil {
		s.byKey = map[string]string{}
	}
	id := "rId" + strconv.Itoa(len(s.list)+1)
	s.list = append(s.list, rel{id: id, typ: typ, target: target, external: external})
	s.byKey[key] = id
	return id
}

// partRels is the relationship set of the part being written.
func (w *writer) partRels() *relSet {
	if w.out == &w.notes {
		return &w.noteRels
	}
	return &w.rels
}

type media struct {
	name string // word/media/image1.png
	data []byte
	ct   string
}

type listDef struct {
	ordered bool
	start   int
}

func newWriter(pub *doc.Publication, opts Options) *writer {
	w := &writer{pub: pub, opts: opts, mediaByAs: map[*doc.Asset]int{}, anchors: map[doc.Target]bool{}, written: map[doc.Target]bool{}}
	w.out = &w.body
	// Fixed relationships first, so their ids never move.
	w.addRel(relStyles, "styles.xml")
	w.addRel(relSettings, "settings.xml")
	w.addRel(relNumbering, "numbering.xml")
	w.addRel(relFootnotes, "footnotes.xml")
	w.addRel(relFooter, "footer1.xml")
	w.addRel(relCustomXML, "../customXml/item1.xml")
	w.collectAnchors()
	return w
}

func (w *writer) addRel(typ, target string) string { return w.rels.add(typ, target, false) }

// externalRel returns the relationship id of an external hyperlink in the
// part being written, one per distinct URL.
func (w *writer) externalRel(url string) string { return w.partRels().add(relHyperlink, url, true) }

// collectAnchors records every place a link can point to: chapters, and
// the ids of headings, paragraphs, figures, tables, notes and references.
func (w *writer) collectAnchors() {
	for _, ch := range w.pub.Chapters {
		add := func(id string) {
			if id != "" {
				w.anchors[doc.Target{Pub: w.pub.ID, Chapter: ch.ID, Anchor: id}] = true
			}
		}
		add("")
		w.anchors[doc.Target{Pub: w.pub.ID, Chapter: ch.ID}] = true
		v := doc.Visitor{Block: func(b doc.Block) bool {
			switch n := b.(type) {
			case *doc.Heading:
				add(n.Attr.ID)
			case *doc.Para:
				add(n.Attr.ID)
			case *doc.Figure:
				add(n.Attr.ID)
			case *doc.Table:
				add(tableAnchor(n))
			case *doc.Div:
				add(n.Attr.ID)
			case *doc.RefList:
				for _, e := range n.Entries {
					add(e.ID)
				}
			}
			return true
		}, Inline: func(in doc.Inline) bool {
			if n, ok := in.(*doc.Styled); ok {
				add(n.Attr.ID)
			}
			return true
		}}
		v.WalkBlocks(ch.Abstract)
		v.WalkBlocks(ch.Blocks)
		if ch.Norm != nil {
			add("norm-" + ch.Norm.ID)
		}
	}
}
