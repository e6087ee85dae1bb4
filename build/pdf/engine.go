package pdf

import (
	"fmt"
	"golang.org/x/text/unicode/bidi"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/paths"
	"github.com/normpress/normpress/build/pdf/hyphen"
	"github.com/normpress/normpress/build/source"
)

// engine holds one rendering's state. Nothing in it outlives Render.
type engine struct {
	pub   *doc.Publication
	opts  Options
	g     geometry
	fonts *fontSet
	words words

	diags  source.Diags
	report bool // diagnostics are collected in the first layout pass only
	warned map[string]bool

	hyphCache map[string][]int // lang + "\x00" + word → break points
	// links are the link targets, indexed by the int32 in runs and ops;
	// entry 0 is "no link".
	links   []linkDest
	linkIdx map[linkDest]int32

	// pageRefs are the page labels of anchors from the previous layout
	// pass (nil in the first), for ", p. 87".
	pageRefs map[string]string
	missing  bool // a page reference was not known yet: lay out again
	refsUsed int  // page references set so far
	// paraCache keeps paragraphs without page references from one layout
	// pass to the next: only those with references can change.
	paraCache map[paraKey][]vitem

	chapter *doc.Chapter
	span    source.Span // the block being laid out, for diagnostics
	// inText is set while a source Text node is laid out: its characters
	// were checked, each at its own position, by checkText.
	inText bool
	// afterNormBox lays out the chapter's abstract right after its norm
	// box (book.go).
	afterNormBox func() []vitem
	lang         *hyphen.Patterns
	images       map[*doc.Asset]*imageInfo
	tables       int
	free         []paraBuf

	// tags are the structure elements (tags.go), kept across passes like
	// links; tagParent is the container new elements go into, chapterTag
	// the current chapter's Sect (where its notes go).
	tags       *structTree
	tagParent  tagID
	chapterTag tagID
}

// linkDest is where a link goes: an anchor key in this PDF, or a URL.
type linkDest struct {
	key string
	url string
}

func newEngine(pub *doc.Publication, opts Options, fonts *fontSet) *engine {
	e := &engine{
		pub:       pub,
		opts:      opts,
		g:         pageGeometry(pub.Options.PageSize),
		fonts:     fonts,
		words:     wordsFor(pub.Terms),
		warned:    map[string]bool{},
		hyphCache: map[string][]int{},
		links:     []linkDest{{}},
		linkIdx:   map[linkDest]int32{},
		images:    map[*doc.Asset]*imageInfo{},
		paraCache: map[paraKey][]vitem{},
		tags:      newStructTree(),
		tagParent: 1,
	}
	return e
}

func (e *engine) link(d linkDest) int32 {
	if i, ok := e.linkIdx[d]; ok {
		return i
	}
	i := int32(len(e.links))
	e.links = append(e.links, d)
	e.linkIdx[d] = i
	return i
}

// anchorKey names a destination inside this PDF.
func anchorKey(chapter, anchor string) string { return chapter + "#" + anchor }

// targetLink turns a model target into a link: inside this publication a
// destination, in another one the HTML edition when there is one, else no
// link at all (never a broken one).
func (e *engine) targetLink(t *doc.Target) int32 {
	if t == nil {
		return 0
	}
	if t.Pub == "" || t.Pub == e.pub.ID {
		return e.link(linkDest{key: anchorKey(t.Chapter, t.Anchor)})
	}
	if e.opts.BaseURL == "" {
		return 0
	}
	// The HTML edition's own paths (package paths), as the EPUB links them.
	u := strings.TrimSuffix(e.opts.BaseURL, "/") + "/"
	if t.Chapter == "" {
		u += paths.Rel(0, paths.Contents(t.Pub))
	} else {
		u += paths.ChapterHref(0, t.Pub, t.Chapter, t.Anchor)
	}
	return e.link(linkDest{url: u})
}

// warnGlyph reports a character no face can draw in generated text (a
// citation, a running head, a title): at the block it sits in, else at
// the publication's entry in the manifest, never without a place. A
// source Text node's characters are reported by checkText instead.
func (e *engine) warnGlyph(r rune) {
	if e.inText {
		return
	}
	at := e.span
	if at.IsZero() {
		at = e.pub.Span
	}
	e.warnGlyphAt(r, at)
}

func (e *engine) warnGlyphAt(r rune, at source.Span) {
	if !e.report {
		return
	}
	k := fmt.Sprintf("%p:%d:%d", at.File, at.Start, r)
	if e.warned[k] {
		return
	}
	e.warned[k] = true
	e.diags.Warnf(at, "pdf-missing-glyph", "no font can draw %U %q; the PDF shows an empty box in its place", r, string(r)).
		WithHint("configure a font that has it under fonts: in the manifest, or replace the character")
}

// checkText reports, at the character's own line and column, what the
// PDF cannot draw in a source text: a character no face has, and text
// written right to left (Arabic, Hebrew …), which fpdf neither reorders
// nor shapes, so it would come out reversed and unjoined. The HTML and
// EPUB editions show both correctly; the warning says the PDF does not,
// instead of drawing it wrong in silence.
func (e *engine) checkText(n *doc.Text, want face) {
	if !e.report || n.Span.IsZero() {
		return
	}
	k := 0
	rtl := false
	for _, r := range n.Value {
		switch {
		case r == '\u00ad' || r == '\u200b' || isInvisible(r) || r < ' ' || (r >= 0x7f && r < 0xa0) || r == '\u2011':
		default:
			ok := false
			if r <= 0xFFFF {
				_, ok = e.fonts.pick(want, r)
			}
			if !ok {
				e.warnGlyphAt(r, runeSpan(n.Span, k))
			}
		}
		if !rtl && isRightToLeft(r) {
			rtl = true
			at := runeSpan(n.Span, k)
			e.diags.Warnf(at, "pdf-rtl", "right-to-left text: the PDF draws it unshaped and in left-to-right order").
				WithHint("the HTML and EPUB editions show it correctly; in the PDF, give it as an image or leave it out of the print edition")
		}
		k++
	}
}

// isRightToLeft reports a character of a right-to-left script (Unicode
// bidirectional class R or AL).
func isRightToLeft(r rune) bool {
	if r < 0x0590 {
		return false
	}
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// runeSpan is the place of the k-th character of a text node: its span's
// start moved k characters on in the source. Escapes and smart quotes can
// make the source longer than the text, so the place can fall a little
// early; it never leaves the span.
func runeSpan(sp source.Span, k int) source.Span {
	data := sp.File.Data
	i := sp.Start
	for ; k > 0 && i < sp.End && i < len(data); k-- {
		_, size := utf8.DecodeRune(data[i:])
		i += size
	}
	if i > sp.End {
		i = sp.End
	}
	return sp.File.At(i)
}

// hyphenateWith is hyphenate with a span's own patterns; a word in a
// language other than the chapter's is rare and not cached.
func (e *engine) hyphenateWith(p *hyphen.Patterns, word string) []int {
	if p != e.lang {
		return p.Points(word, 2, 3)
	}
	return e.hyphenate(word)
}

// hyphenate returns the rune positions where word may break, cached per
// word: a book repeats its vocabulary thousands of times.
func (e *engine) hyphenate(word string) []int {
	if e.lang == nil {
		return nil
	}
	k := word
	if pts, ok := e.hyphCache[k]; ok {
		return pts
	}
	pts := e.lang.Points(word, 2, 3)
	e.hyphCache[k] = pts
	return pts
}

func (e *engine) setLang(tag string) {
	p := hyphen.Lang(tag)
	if p != e.lang {
		clear(e.hyphCache)
	}
	e.lang = p
}

type paraKey struct {
	p     *doc.Para
	c     ctx
	first bool
}

// overfull reports a line that sticks out into the margin: a word too long
// to break (a URL without a link, a long compound) in too narrow a column.
func (e *engine) overfull(by float64) {
	if !e.report {
		return
	}
	k := fmt.Sprintf("%p:%d:overfull", e.span.File, e.span.Start)
	if e.warned[k] {
		return
	}
	e.warned[k] = true
	e.diags.Warnf(e.span, "pdf-overfull", "a line of this block is %.1f pt too wide for the PDF's measure and runs into the margin", by).
		WithHint("allow a break: a soft hyphen (U+00AD) in a long word, or a link around a long URL")
}
