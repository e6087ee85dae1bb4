package xhtml

import (
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// Chapter writes what follows a chapter's title: the norm box, the
// abstract, and the text. The norm heads the chapter: an explicit norm box
// that opens the blocks is written before the abstract, and a chapter that
// declares a norm without one gets one made from the registry. Notes are
// written separately, by Notes, so that each edition places them.
func (r *Renderer) Chapter(b *strings.Builder, ch *doc.Chapter) {
	r.inBibliography = ch.Kind == "bibliography"
	defer func() { r.inBibliography = false }()
	blocks := ch.Blocks
	if nb, ok := first(blocks).(*doc.NormBox); ok {
		r.NormBox(b, nb.Norm, nb.Source)
		blocks = blocks[1:]
	} else if ch.Norm != nil {
		r.NormBox(b, ch.Norm, nil)
	}
	if len(ch.Abstract) > 0 {
		abstract := EscapeString(r.w(doc.TermAbstract))
		b.WriteString(`<section class="abstract" aria-label="` + abstract + `">` + "\n")
		b.WriteString(`<p class="abstract-label">` + abstract + `</p>` + "\n")
		r.Blocks(b, ch.Abstract)
		b.WriteString("</section>\n")
	}
	r.Blocks(b, blocks)
}

// TOCEntry is a heading of a chapter, for tables of contents.
type TOCEntry struct {
	Level  int    // the HTML level, 2–6
	ID     string // anchor
	Number string
	Title  string // plain text
	HTML   string // rendered inlines, notes left out
}

// Headings lists a chapter's headings that have anchors, in reading order,
// down to maxLevel. Headings inside divs (generated sections) count.
func (r *Renderer) Headings(ch *doc.Chapter, maxLevel int) []TOCEntry {
	var out []TOCEntry
	doc.Visitor{Block: func(bl doc.Block) bool {
		h, ok := bl.(*doc.Heading)
		if !ok {
			_, inDiv := bl.(*doc.Div)
			return inDiv
		}
		lvl := headingLevel(h.Level)
		if h.Attr.ID != "" && lvl <= maxLevel {
			out = append(out, TOCEntry{
				Level: lvl, ID: h.Attr.ID, Number: h.Number,
				Title: doc.PlainText(h.Inlines),
				HTML:  r.tocInlines(h.Inlines),
			})
		}
		return false
	}}.WalkBlocks(ch.Blocks)
	return out
}

// tocInlines renders heading text for a table of contents: formatting is
// kept, but links, notes and anchors are not (a TOC entry is itself a link,
// and ids must stay unique).
func (r *Renderer) tocInlines(ins []doc.Inline) string {
	var b strings.Builder
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch n := in.(type) {
			case *doc.Note:
			case *doc.Link:
				walk(n.Inlines)
			case *doc.Cite, *doc.XRef:
				Escape(&b, doc.PlainText([]doc.Inline{n}))
			case *doc.Emph:
				b.WriteString("<em>")
				walk(n.Inlines)
				b.WriteString("</em>")
			case *doc.Strong:
				b.WriteString("<strong>")
				walk(n.Inlines)
				b.WriteString("</strong>")
			case *doc.Code:
				b.WriteString("<code>")
				Escape(&b, n.Text)
				b.WriteString("</code>")
			case *doc.Text:
				Escape(&b, n.Value)
			case *doc.SoftBreak, *doc.LineBreak:
				b.WriteByte(' ')
			case *doc.Image, *doc.RawInline:
				Escape(&b, doc.PlainText([]doc.Inline{n}))
			default:
				walk(doc.Children(in))
			}
		}
	}
	walk(ins)
	return b.String()
}

// TOCTitle renders a chapter title for tables of contents and for the
// previous and next links: without notes or links. The chapter's own h1 uses
// InlinesString, so that a note mark in a title keeps its target.
func (r *Renderer) TOCTitle(ins []doc.Inline) string { return r.tocInlines(ins) }

// Anchors lists the element ids a chapter's page carries that the model
// set, so that an edition can check a link's fragment before writing it: a
// fragment that names no element is an EPUBCheck error (RSC-012) and a
// reader's dead end, so a link whose target has vanished (a reference list
// that left an entry out, a label on a block the chapter lost) becomes text
// with a warning instead.
func Anchors(ch *doc.Chapter) map[string]bool {
	ids := map[string]bool{}
	add := func(id string) {
		if id != "" {
			ids[id] = true
		}
	}
	v := doc.Visitor{
		Block: func(b doc.Block) bool {
			switch n := b.(type) {
			case *doc.Heading:
				add(n.Attr.ID)
			case *doc.Para:
				add(n.Attr.ID)
				for _, a := range n.Aliases {
					add(a.ID)
				}
			case *doc.Figure:
				add(n.Attr.ID)
			case *doc.Table:
				add(n.Attr.ID)
			case *doc.Div:
				add(n.Attr.ID)
			case *doc.RefList:
				for _, e := range n.Entries {
					add(e.ID)
				}
			}
			return true
		},
		Inline: func(in doc.Inline) bool {
			switch n := in.(type) {
			case *doc.Note:
				id, ref := noteIDs(n)
				add(id)
				add(ref)
			case *doc.Styled:
				add(n.Attr.ID)
			}
			return true
		},
	}
	v.WalkInlines(ch.Title)
	v.WalkBlocks(ch.Abstract)
	v.WalkBlocks(ch.Blocks)
	return ids
}
