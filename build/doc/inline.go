package doc

import "github.com/normpress/normpress/build/source"

// Inline is an inline node. The set is closed. Every inline read from a
// source carries the span it was read from, so that a renderer can report
// a problem with it (a glyph no font has) at its place; generated ones
// (a citation's formatted text, the digest's lists) have a zero span.
type Inline interface {
	Pos() source.Span
	inline()
}

// Text is a run of characters, already with smart punctuation applied.
type Text struct {
	Span  source.Span
	Value string
}

// Emph, Strong, Strike, Sup, Sub and SmallCaps format their children.
type (
	Emph struct {
		Span    source.Span
		Inlines []Inline
	}
	Strong struct {
		Span    source.Span
		Inlines []Inline
	}
	Strike struct {
		Span    source.Span
		Inlines []Inline
	}
	Sup struct {
		Span    source.Span
		Inlines []Inline
	}
	Sub struct {
		Span    source.Span
		Inlines []Inline
	}
	SmallCaps struct {
		Span    source.Span
		Inlines []Inline
	}
)

// Styled is a generic inline container with attributes (pandoc's Span).
type Styled struct {
	Span    source.Span
	Attr    Attr
	Inlines []Inline
}

// Code is inline code.
type Code struct {
	Span source.Span
	Text string
}

// SoftBreak is a line end inside a paragraph (a space when rendered).
type SoftBreak struct{ Span source.Span }

// LineBreak is a hard line break.
type LineBreak struct{ Span source.Span }

// Target is a place inside the site: a chapter of a publication and an
// anchor in it. Each renderer turns it into its own kind of link: a relative
// URL in HTML, a document-relative href in EPUB, a named destination in PDF.
type Target struct {
	Pub     string // publication ID
	Chapter string // chapter ID
	Anchor  string // element ID in the chapter; "" is the chapter's top
}

// Link is a hyperlink: either an external URL or an internal Target.
type Link struct {
	Span    source.Span
	URL     string  // external: https://…, mailto:…
	Target  *Target // internal; when set, URL is empty
	Title   string
	Inlines []Inline
}

// Image is an image inside running text (not alone in its paragraph).
type Image struct {
	Span  source.Span
	Asset *Asset
	Alt   string
	Title string
}

// RawInline is inline HTML, sanitized and well-formed; PDF leaves it out.
type RawInline struct {
	Span source.Span
	HTML string
}

// Note is a footnote: an inline that holds blocks, standing where its
// reference mark stands. [^id], ^[inline] and citations in running text under
// a note style all become Notes.
type Note struct {
	Span   source.Span
	Num    int    // set by xref: per chapter or per publication
	ID     string // anchor of the note text: "fn12"
	RefID  string // anchor of the reference mark: "fnref12"
	Blocks []Block
	// Auto is set for a note that a note style made around a citation.
	Auto bool
}

// CiteMode is pandoc's citation mode.
type CiteMode int

const (
	NormalCite     CiteMode = iota // [@key]
	AuthorInText                   // @key
	SuppressAuthor                 // [-@key]
)

// CiteItem is one work cited: [see @a, ch. 3].
type CiteItem struct {
	Span    source.Span // the @key
	Key     string
	Prefix  string // "see"
	Suffix  string // the part of the suffix that is not the locator
	Label   string // CSL locator type: "page", "chapter", "paragraph", …
	Locator string // "12", "45-47"
	Mode    CiteMode
}

// Cite is a citation: one or more items in one bracket, or a narrative
// citation. Text is filled by the citation processor; until then renderers
// show the keys.
type Cite struct {
	Span  source.Span
	Items []CiteItem
	Text  []Inline
	// InNote is set when the citation sits inside a footnote (so a note
	// style leaves it there instead of making a note of its own): by the
	// reader for a footnote's citations, by cite.PlaceNotes for those it
	// moves into notes.
	InNote bool
	// StartsNote is set by cite.PlaceNotes on a citation it moved into a
	// note of its own: its text begins the note, so its first letter is a
	// capital, as a sentence's is.
	StartsNote bool
	// NoteNum is the number of the note the citation appears in, for CSL
	// positions (ibid, near-note) and first-reference-note-number; set by the
	// resolver before formatting.
	NoteNum int
}

// XRefItem is one cross-reference: @sec:label, @norm:13c.
type XRefItem struct {
	Span   source.Span
	Kind   string // "sec", "fig", "tbl", "norm", "para"
	Label  string // "sec:scope", "norm:13c" — the full label as written
	Prefix string
	Suffix string
	// Capital is set for @Sec:x, which starts a sentence: "Section 4.2".
	Capital bool
	// Set by xref, unless a generator set Text already (the digest writes
	// "13(c)" where "norm" is said once before the list):
	Text   string  // "section 4.2", "figure 3", "norm 13(c)", "para. 12"
	Target *Target // where it points
	// End is where a range the item names ends (a subject index's
	// "4–7": para. 7), so that print can give the pages it spans; nil for
	// a single place.
	End *Target
}

// XRef is a cross-reference, bare (@sec:x) or bracketed ([see @sec:x; @tbl:y]).
type XRef struct {
	Span      source.Span
	Bracketed bool
	Items     []XRefItem
}

// Affixes gives the text to put before and after the item's Text, spaces
// included: "see " and ", above" or " and passim". A suffix that starts
// with punctuation follows the text directly, as pandoc keeps it.
func (it *XRefItem) Affixes() (before, after string) {
	if it.Prefix != "" {
		before = it.Prefix + " "
	}
	if it.Suffix != "" {
		after = it.Suffix
		if c := after[0]; c != ',' && c != ';' && c != '.' && c != ':' && c != ')' && c != ' ' {
			after = " " + after
		}
	}
	return before, after
}

// ItemSeparator is what stands between the items of a cross-reference with
// several targets, so that every renderer writes the same text.
const ItemSeparator = "; "

func (*Text) inline()      {}
func (*Emph) inline()      {}
func (*Strong) inline()    {}
func (*Strike) inline()    {}
func (*Sup) inline()       {}
func (*Sub) inline()       {}
func (*SmallCaps) inline() {}
func (*Styled) inline()    {}
func (*Code) inline()      {}
func (*SoftBreak) inline() {}
func (*LineBreak) inline() {}
func (*Link) inline()      {}
func (*Image) inline()     {}
func (*RawInline) inline() {}
func (*Note) inline()      {}
func (*Cite) inline()      {}
func (*XRef) inline()      {}

func (n *Text) Pos() source.Span      { return n.Span }
func (n *Emph) Pos() source.Span      { return n.Span }
func (n *Strong) Pos() source.Span    { return n.Span }
func (n *Strike) Pos() source.Span    { return n.Span }
func (n *Sup) Pos() source.Span       { return n.Span }
func (n *Sub) Pos() source.Span       { return n.Span }
func (n *SmallCaps) Pos() source.Span { return n.Span }
func (n *Styled) Pos() source.Span    { return n.Span }
func (n *Code) Pos() source.Span      { return n.Span }
func (n *SoftBreak) Pos() source.Span { return n.Span }
func (n *LineBreak) Pos() source.Span { return n.Span }
func (n *Link) Pos() source.Span      { return n.Span }
func (n *Image) Pos() source.Span     { return n.Span }
func (n *RawInline) Pos() source.Span { return n.Span }
func (n *Note) Pos() source.Span      { return n.Span }
func (n *Cite) Pos() source.Span      { return n.Span }
func (n *XRef) Pos() source.Span      { return n.Span }
