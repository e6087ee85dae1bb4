// Package doctest builds document models for tests, in the manner of
// pandoc's Builder.hs: terse constructors that make a test read like the
// document it feeds, a note numberer that numbers as xref does, and Site,
// a resolved two-publication fixture with every node kind. Every package's
// tests build their documents with it, so that a change of the model is
// made in one place.
package doctest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// T is text; words separated by spaces stay one Text node.
func T(s string) doc.Inline { return &doc.Text{Value: s} }

// Ts is a sequence of one Text.
func Ts(s string) []doc.Inline { return []doc.Inline{T(s)} }

// Em is emphasis.
func Em(ins ...doc.Inline) doc.Inline { return &doc.Emph{Inlines: ins} }

// B is strong emphasis.
func B(ins ...doc.Inline) doc.Inline { return &doc.Strong{Inlines: ins} }

// Sp is a soft line break.
func Sp() doc.Inline { return &doc.SoftBreak{} }

// P is a paragraph.
func P(ins ...doc.Inline) *doc.Para { return &doc.Para{Inlines: ins} }

// NP is a numbered paragraph with its anchor "p<n>", as xref numbers it.
func NP(n int, ins ...doc.Inline) *doc.Para {
	return &doc.Para{Num: n, Attr: doc.Attr{ID: fmt.Sprintf("p%d", n)}, Inlines: ins}
}

// LP is an unnumbered paragraph with a label ("para:x"), as the reader
// makes it.
func LP(label string, ins ...doc.Inline) *doc.Para {
	return &doc.Para{Attr: doc.Attr{Label: label}, Inlines: ins}
}

// H is a heading with an anchor and a number ("" for none). An anchor
// that is a section label ("sec:x") is also its label, as the reader sets it.
func H(level int, id, num string, ins ...doc.Inline) *doc.Heading {
	h := &doc.Heading{Level: level, Attr: doc.Attr{ID: id}, Number: num, Inlines: ins}
	if strings.HasPrefix(id, "sec:") {
		h.Attr.Label = id
	}
	return h
}

// Link is an internal link.
func Link(pub, ch, anchor string, ins ...doc.Inline) doc.Inline {
	return &doc.Link{Target: &doc.Target{Pub: pub, Chapter: ch, Anchor: anchor}, Inlines: ins}
}

// URL is an external link.
func URL(u string, ins ...doc.Inline) doc.Inline { return &doc.Link{URL: u, Inlines: ins} }

// X is a resolved bare cross-reference with one item.
func X(text, pub, ch, anchor string) *doc.XRef {
	return &doc.XRef{Items: []doc.XRefItem{{Kind: kindOf(anchor), Text: text, Label: anchor, Target: &doc.Target{Pub: pub, Chapter: ch, Anchor: anchor}}}}
}

// Ref is an unresolved cross-reference as the reader makes it: one item per
// label; a label written with a capital ("Sec:x") starts a sentence.
func Ref(labels ...string) *doc.XRef {
	x := &doc.XRef{}
	for _, l := range labels {
		capital := false
		if l != "" && l[0] >= 'A' && l[0] <= 'Z' {
			capital = true
			l = strings.ToLower(l[:1]) + l[1:]
		}
		x.Items = append(x.Items, doc.XRefItem{Kind: kindOf(l), Label: l, Capital: capital})
	}
	return x
}

func kindOf(label string) string {
	if i := strings.IndexByte(label, ':'); i > 0 {
		return label[:i]
	}
	return ""
}

// C is an unformatted citation of keys, as the reader makes it.
func C(keys ...string) *doc.Cite {
	c := &doc.Cite{}
	for _, k := range keys {
		c.Items = append(c.Items, doc.CiteItem{Key: k})
	}
	return c
}

// Cite is a formatted citation of one key linked to its entry in the
// bibliography chapter of the publication pub ("" for the same one).
func Cite(pub, key string, text ...doc.Inline) *doc.Cite {
	return &doc.Cite{
		Items: []doc.CiteItem{{Key: key}},
		Text:  []doc.Inline{Link(pub, "bibliography", "ref-"+key, text...)},
	}
}

// Note is an unnumbered footnote, as the reader makes it.
func Note(bs ...doc.Block) *doc.Note { return &doc.Note{Blocks: bs} }

// Notes numbers notes as xref does, per chapter unless PerPublication is
// set, and adds each to the chapter last given to Chapter.
type Notes struct {
	PerPublication bool
	ch             *doc.Chapter
	n              int
}

// Chapter makes ch the chapter the next notes belong to.
func (ns *Notes) Chapter(ch *doc.Chapter) *doc.Chapter {
	ns.ch = ch
	if !ns.PerPublication {
		ns.n = 0
	}
	return ch
}

// N is the next numbered note.
func (ns *Notes) N(bs ...doc.Block) *doc.Note {
	ns.n++
	n := &doc.Note{Num: ns.n, ID: fmt.Sprintf("fn%d", ns.n), RefID: fmt.Sprintf("fnref%d", ns.n), Blocks: bs}
	if ns.ch != nil {
		ns.ch.Notes = append(ns.ch.Notes, n)
	}
	return n
}

// Auto is the next numbered note that a note style made around a citation.
func (ns *Notes) Auto(bs ...doc.Block) *doc.Note {
	n := ns.N(bs...)
	n.Auto = true
	return n
}

// AutoCite is a note style's note around a formatted citation of key.
func (ns *Notes) AutoCite(key string, text ...doc.Inline) *doc.Note {
	return ns.Auto(P(Cite("", key, text...), T(".")))
}

// PNG makes a small image with a pattern, so tests need no binary files.
func PNG(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{0x2b, 0x4c, 0x7e, 0xff}
			if (x/8+y/8)%2 == 0 {
				c = color.RGBA{0xe8, 0xe2, 0xd4, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding to memory cannot fail
	}
	return b.Bytes()
}
