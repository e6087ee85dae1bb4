package doc

import "github.com/normpress/normpress/build/source"

// Block is a block-level node. The set is closed: the method is unexported.
type Block interface {
	Pos() source.Span
	block()
}

// Para is a paragraph. Body paragraphs of a commentary chapter are numbered.
type Para struct {
	Span source.Span
	Num  int  // paragraph number in its chapter; 0 = not numbered
	Attr Attr // Label "para:state-practice" when labelled; ID, the anchor (see below)
	// Attr.ID is the anchor. A numbered paragraph's is its identity, which
	// survives renumbering (build/edition sets it: the label, or
	// "p-states-should-not-knowingly"); xref sets "p12" only when nothing
	// did, and the label for a labelled paragraph that is not numbered.
	Inlines []Inline
	// Aliases are anchors the paragraph also answers to: the number it had
	// in the released edition ("p12") and identities it absorbed, so that
	// old links land here.
	Aliases []Alias
}

// Alias is another anchor of a paragraph, with a note for the reader who
// arrives by it: "was para. 12 in the first edition" ("" when nothing
// changed).
type Alias struct {
	ID   string
	Note string
}

// Heading is a section heading. Level 1 is the chapter title level; the
// chapter's own title lives in Chapter.Title, so body headings start at 2
// by convention but any level is accepted.
type Heading struct {
	Span    source.Span
	Level   int
	Attr    Attr   // Label "sec:scope" when labelled; ID is the anchor: the label or a generated slug
	Number  string // "4.2", set by xref; "" for unnumbered headings
	Inlines []Inline
}

// BlockQuote is a quotation.
type BlockQuote struct {
	Span   source.Span
	Blocks []Block
}

// List is a bullet or ordered list.
type List struct {
	Span    source.Span
	Ordered bool
	Start   int // first number of an ordered list
	Tight   bool
	Items   [][]Block
}

// DefList is a definition list (the list of abbreviations).
type DefList struct {
	Span  source.Span
	Items []DefItem
}

// DefItem is one term and its definitions.
type DefItem struct {
	Term []Inline
	Defs [][]Block
}

// CodeBlock is preformatted text.
type CodeBlock struct {
	Span source.Span
	Lang string
	Text string
}

// Rule is a thematic break.
type Rule struct{ Span source.Span }

// Align is a table column's alignment.
type Align int

const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a table with an optional caption and label ("tbl:norms").
type Table struct {
	Span    source.Span
	Attr    Attr // Label "tbl:legal-bases"; ID, the anchor, set by xref (the label when there is one)
	Num     int  // set by xref when the table has a caption
	Caption []Inline
	Align   []Align // one per column
	Head    []Row
	Body    []Row
}

// Row is a table row.
type Row []Cell

// Cell is a table cell. GFM cells hold inline content only.
type Cell struct {
	Inlines []Inline
}

// Figure is an image with a caption, made from an image alone in its
// paragraph: ![caption](img.png){#fig:label}.
type Figure struct {
	Span    source.Span
	Attr    Attr // Label "fig:timeline"; ID, the anchor, set by xref
	Num     int  // set by xref
	Asset   *Asset
	Alt     string // text alternative; the caption's plain text unless given
	Caption []Inline
	// Width is the image's width as a fraction of the text width, in
	// (0, 1]: 0.6 for {width="60%"}. 0 leaves the size to the renderer
	// (the PDF fits the image to the measure without enlarging a small
	// bitmap much; HTML and EPUB show it at its natural size, never
	// wider than the text).
	Width float64
	// Decorative is an image given alt="": it carries no information, and
	// accessible outputs leave it out (a PDF artifact, an empty HTML alt).
	Decorative bool
}

// RawHTML is a block of HTML from the Markdown source, already sanitized
// and serialized as well-formed XHTML by the reader. PDF leaves it out.
type RawHTML struct {
	Span source.Span
	HTML string
}

// Div is a generic container with attributes: generated sections (further
// reading, a digest entry) use it with a class.
type Div struct {
	Span   source.Span
	Attr   Attr
	Blocks []Block
}

// NormBox shows a norm's official text at a chapter's head.
type NormBox struct {
	Span source.Span
	Norm *Norm
	// Source is the citation of the document the text comes from, formatted
	// by the citation processor (or plain text before it runs).
	Source []Inline
}

// RefList is a formatted reference list (per chapter or consolidated).
type RefList struct {
	Span    source.Span
	Title   string // "References", "Bibliography"; "" = no heading of its own
	Entries []RefEntry
	// Hanging is set for styles that indent the second line (most author-date
	// and notes styles); Numbered styles put Label in a left column.
	Hanging  bool
	Numbered bool
}

// RefEntry is one formatted bibliography entry.
type RefEntry struct {
	Key     string // the citation key
	ID      string // anchor: "ref-schmitt-2017"; citations link to it
	Label   string // "[12]" for numeric styles with a left margin
	Inlines []Inline
}

func (b *Para) Pos() source.Span       { return b.Span }
func (b *Heading) Pos() source.Span    { return b.Span }
func (b *BlockQuote) Pos() source.Span { return b.Span }
func (b *List) Pos() source.Span       { return b.Span }
func (b *DefList) Pos() source.Span    { return b.Span }
func (b *CodeBlock) Pos() source.Span  { return b.Span }
func (b *Rule) Pos() source.Span       { return b.Span }
func (b *Table) Pos() source.Span      { return b.Span }
func (b *Figure) Pos() source.Span     { return b.Span }
func (b *RawHTML) Pos() source.Span    { return b.Span }
func (b *Div) Pos() source.Span        { return b.Span }
func (b *NormBox) Pos() source.Span    { return b.Span }
func (b *RefList) Pos() source.Span    { return b.Span }

func (*Para) block()       {}
func (*Heading) block()    {}
func (*BlockQuote) block() {}
func (*List) block()       {}
func (*DefList) block()    {}
func (*CodeBlock) block()  {}
func (*Rule) block()       {}
func (*Table) block()      {}
func (*Figure) block()     {}
func (*RawHTML) block()    {}
func (*Div) block()        {}
func (*NormBox) block()    {}
func (*RefList) block()    {}
