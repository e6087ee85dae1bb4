// Package doc is the document model: the one thing every renderer sees.
//
// Readers (markdown, the digest generator, the citation processor) build it;
// xref numbers it and resolves references into it; the HTML, EPUB and PDF
// renderers only read it. Like pandoc's AST it is a closed set of block and
// inline node types; unlike pandoc's, nodes carry a source.Span so that a
// renderer can still report a problem (a glyph no font has) at its source.
//
// Numbers (sections, figures, tables, paragraphs, notes) are assigned once, in
// xref, and stored in the nodes; renderers read them and never count.
package doc

import (
	"image"

	"github.com/normpress/normpress/build/source"
)

// Site is everything one build renders: the publications in manifest order.
type Site struct {
	Title       string // the project's title, for the landing page
	Description string
	Lang        string
	// Terms are the words of the site's own pages (landing, search), in
	// the project's language; set in resolve.
	Terms *Terms
	Pubs  []*Publication
	// Languages groups the publications by language when they are in more
	// than one (the landing page has a section per language), the site's
	// own first; nil otherwise. Set by resolve.
	Languages []Language
	// Epoch is the build time from SOURCE_DATE_EPOCH (Unix seconds), the only
	// clock any renderer may read.
	Epoch int64
}

// Matter is the part of a book a chapter belongs to: folios, running heads,
// numbering and EPUB landmarks depend on it.
type Matter int

const (
	BodyMatter Matter = iota
	FrontMatter
	BackMatter
)

func (m Matter) String() string {
	switch m {
	case FrontMatter:
		return "front"
	case BackMatter:
		return "back"
	}
	return "body"
}

// Publication is one book: the commentary, the guidelines, a digest.
type Publication struct {
	Span         source.Span // its entry in the manifest; zero for generated ones
	ID           string      // file-name safe: "commentary"
	Title        string
	Short        string // short title for references from other publications: "Commentary"
	Subtitle     string
	Description  string
	Editors      []string
	Contributors []string
	Edition      string
	Date         string // as written in the manifest, ISO 8601 (2026-11-01)
	Lang         string // BCP 47: en-GB
	// Terms are every word the publication prints that its text does not,
	// in its language; set in resolve. Renderers take words from here only.
	Terms    *Terms
	License  string
	ISBN     string
	DOI      string
	Keywords []string
	// Consultation is set when the publication is a draft out for
	// comment: every edition says so, and the HTML edition offers
	// "Comment on this paragraph".
	Consultation *Consultation
	Cover        *Asset // nil: renderers make one from the metadata
	// Cite is how to cite the publication as a whole; set in resolve.
	Cite *HowToCite
	// Overview holds the figures the contents page charts (a digest's
	// entries per norm and per topic); nil for none.
	Overview *Overview
	// Moved are the released edition's paragraphs that now stand in
	// another chapter, set by the editions step of resolve.
	Moved []Moved
	// TranslationOf is the ID of the publication this one translates ("":
	// none). Editions are the work's other language editions, the
	// original first, set by resolve; nil for a work in one language.
	TranslationOf string
	Editions      []Edition

	Parts    []*Part    // non-empty when the body is divided into parts
	Chapters []*Chapter // all chapters in reading order, front to back

	// Assets are the images and other files the chapters use, sorted by Path.
	Assets []*Asset

	// Style names the citation style's class, for renderers that lay out
	// notes differently from in-text citations: "note" or "in-text".
	CiteClass string

	Options Options
}

// Part groups body chapters under a title ("Part I: Norms of restraint").
type Part struct {
	Span     source.Span // its entry in the manifest
	Title    string
	Number   string // "I", set by xref
	Chapters []*Chapter
}

// Options are the manifest's presentation choices that renderers read.
type Options struct {
	ParagraphNumbers bool   // number the body paragraphs of each chapter
	NoteNumbering    string // "chapter" (restart per chapter) or "publication"
	PageSize         string // "a4", "royal" (royal octavo), "b5"
	PageRefs         bool   // PDF cross-references add "p. 87"
	Fonts            Fonts
}

// Fonts names the faces a renderer uses. Empty fields mean the defaults
// (fonts that ship inside the binary through Go modules).
type Fonts struct {
	Serif, SerifItalic, SerifBold, SerifBoldItalic string // paths of TTF files, project-relative
	Sans, Mono                                     string
	// Data holds the loaded bytes of the files above, keyed by the same path.
	Data map[string][]byte
}

// Chapter is one Markdown file (or one generated page such as the digest's
// index by norm), rendered as one HTML page and one EPUB document.
type Chapter struct {
	Span     source.Span // the whole source file; zero for generated chapters
	ID       string      // unique in the publication, file-name safe: "13c", "foreword"
	Title    []Inline
	Short    string // plain-text title for running heads, TOC of small screens
	Number   string // "3", set by xref for numbered body chapters; "" otherwise
	Matter   Matter
	Part     *Part // nil outside parts
	Norm     *Norm // the norm the chapter comments on, shown at its head
	Authors  []string
	Abstract []Block
	Keywords []string
	Status   string
	Lang     string // when it differs from the publication's
	// Cite is how to cite the chapter; nil for generated chapters.
	Cite *HowToCite
	// Counterparts are the same chapter in the work's other language
	// editions, in the order of Publication.Editions; set by resolve.
	Counterparts []Counterpart

	Blocks []Block

	// Notes are the chapter's footnotes in reading order, numbered by xref.
	// Each also sits in the inline tree as the Note node it is.
	Notes []*Note
	// Kind says what generated the chapter ("", "bibliography", "digest-topic",
	// "digest-norms", "digest-authors"), so renderers can add landmarks.
	Kind string
}

// PlainTitle is the chapter title without markup.
func (c *Chapter) PlainTitle() string { return PlainText(c.Title) }

// Norm is an entry of the norm registry, a first-class object: chapters
// declare one, @norm:13c links to it.
type Norm struct {
	Span   source.Span
	ID     string // "13c"
	Label  string // "13(c)", as it is cited
	Title  string // the project's short title
	Text   string // the official text
	Source string // citation key of the document the text comes from
	// Chapter is the commentary chapter that declares the norm, per
	// publication ID; set by xref.
	Chapter map[string]*Chapter
}

// Asset is a file copied into the outputs (an image, a cover).
type Asset struct {
	Path      string // project-relative, slash-separated; also the name in outputs
	MediaType string // image/png, image/jpeg
	Data      []byte
	Width     int // pixels, for images
	Height    int
	// Pixels is the decoded image, decoded once by the pipeline (after its
	// header passed the size limit) for every renderer that draws pixels.
	Pixels image.Image
}

// Attr is pandoc's attribute triple (an id, classes and key-value pairs)
// plus the label a cross-reference names the node by. Every labelled node
// (Heading, Para, Table, Figure, Div) carries one, so that numbering and
// renderers read labels and anchors in one way.
type Attr struct {
	ID      string // the anchor in the rendered chapter
	Label   string // "sec:scope", "fig:map", "tbl:x", "para:y" as written; "" when unlabelled
	Classes []string
	KV      [][2]string
}

// HasClass reports whether a class is set.
func (a Attr) HasClass(c string) bool {
	for _, x := range a.Classes {
		if x == c {
			return true
		}
	}
	return false
}

// Get returns the value of a key.
func (a Attr) Get(k string) string {
	for _, kv := range a.KV {
		if kv[0] == k {
			return kv[1]
		}
	}
	return ""
}
