package index

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/normpress/normpress/build/doc"
)

// Classes of the index chapter's blocks; the renderers style them (a
// hanging indent, sub-entries indented, the PDF ragged right).
const (
	ClassIndex = "subject-index" // the Div holding the whole index
	ClassEntry = "index-entry"   // one entry with its sub-entries
	ClassSubs  = "index-subs"    // the sub-entries of an entry
)

// blocks writes the index: a heading per letter, then each entry as a
// Div (anchor of see references) holding its line and its sub-entries.
func (ix *index) blocks(ch *doc.Chapter) []doc.Block {
	ids := map[string]int{}
	id := func(s string) string {
		base := "ix-" + slug(s)
		ids[base]++
		if n := ids[base]; n > 1 {
			return base + "-" + strconv.Itoa(n)
		}
		return base
	}
	for _, e := range ix.top {
		e.ID = id(e.Text)
		for _, s := range e.Subs {
			s.ID = id(e.Text + " " + s.Text)
		}
	}
	var out []doc.Block
	group := ""
	for _, e := range ix.top {
		if l := letter(e.sortKey()); l != group {
			group = l
			out = append(out, &doc.Heading{Level: 2, Attr: doc.Attr{ID: "ix--" + slug(l), Classes: []string{"unnumbered"}},
				Inlines: []doc.Inline{&doc.Text{Value: l}}})
		}
		div := &doc.Div{Attr: doc.Attr{ID: e.ID, Classes: []string{ClassEntry}},
			Blocks: []doc.Block{&doc.Para{Inlines: ix.line(ch, e)}}}
		if len(e.Subs) > 0 {
			var subs []doc.Block
			for _, s := range e.Subs {
				subs = append(subs, &doc.Div{Attr: doc.Attr{ID: s.ID, Classes: []string{ClassEntry}},
					Blocks: []doc.Block{&doc.Para{Inlines: ix.line(ch, s)}}})
			}
			div.Blocks = append(div.Blocks, &doc.Div{Attr: doc.Attr{Classes: []string{ClassSubs}}, Blocks: subs})
		}
		out = append(out, div)
	}
	return []doc.Block{&doc.Div{Attr: doc.Attr{Classes: []string{ClassIndex}}, Blocks: out}}
}

// line is an entry's text: the term, its locators chapter by chapter
// ("due diligence, 13(c) 3, 7–9; 13(f) 2"), then "See also …"; or the
// term and "See …" for an entry that only sends the reader on.
func (ix *index) line(ch *doc.Chapter, e *Entry) []doc.Inline {
	t := ix.pub.Terms
	ins := []doc.Inline{&doc.Text{Value: e.Text}}
	if len(e.See) > 0 {
		ins = append(ins, &doc.Text{Value: ". "})
		return append(ins, ix.seeList(ch, doc.Capitalize(t.Get(doc.TermSee)), e.See)...)
	}
	locs := slices.Collect(func(yield func(locator) bool) {
		for l := range e.locs {
			if !yield(l) {
				return
			}
		}
	})
	slices.SortFunc(locs, func(a, b locator) int {
		if a.ch != b.ch {
			return a.ch - b.ch
		}
		return a.num - b.num
	})
	for i := 0; i < len(locs); {
		j := i
		for j < len(locs) && locs[j].ch == locs[i].ch {
			j++
		}
		c := ix.pub.Chapters[locs[i].ch]
		if i == 0 {
			ins = append(ins, &doc.Text{Value: ", "})
		} else {
			ins = append(ins, &doc.Text{Value: "; "})
		}
		ins = append(ins, ix.chapterLocators(c, locs[i:j])...)
		i = j
	}
	if len(e.SeeAlso) > 0 {
		ins = append(ins, &doc.Text{Value: ". "})
		ins = append(ins, ix.seeList(ch, doc.Capitalize(t.Get(doc.TermSeeAlso)), e.SeeAlso)...)
	}
	return ins
}

// chapterLocators are one chapter's locators: its name, then its
// paragraph numbers with consecutive ones as a range, each linked to its
// first paragraph ("13(c) 3, 7–9"); a chapter located as a whole is its
// name, linked to its top.
func (ix *index) chapterLocators(c *doc.Chapter, locs []locator) []doc.Inline {
	name := chapterName(c)
	var nums []int
	anchor := map[int]string{}
	for _, l := range locs {
		if l.num > 0 {
			nums = append(nums, l.num)
			anchor[l.num] = l.anchor
		}
	}
	if len(nums) == 0 {
		return []doc.Inline{ix.xref(name, c, "")}
	}
	ins := []doc.Inline{&doc.Text{Value: name + "\u00a0"}}
	for k, r := range ranges(nums) {
		if k > 0 {
			ins = append(ins, &doc.Text{Value: ", "})
		}
		x := ix.xref(rangeText(r), c, anchor[r[0]])
		if r[1] > r[0] {
			x.Items[0].End = &doc.Target{Pub: ix.pub.ID, Chapter: c.ID, Anchor: anchor[r[1]]}
		}
		ins = append(ins, x)
	}
	return ins
}

func (ix *index) xref(text string, c *doc.Chapter, anchor string) *doc.XRef {
	return &doc.XRef{Items: []doc.XRefItem{{Kind: Kind, Text: text,
		Target: &doc.Target{Pub: ix.pub.ID, Chapter: c.ID, Anchor: anchor}}}}
}

// chapterName is how a locator names a chapter: a norm chapter by its
// norm ("13(c)"), a numbered chapter by its number, another by its short
// title.
func chapterName(c *doc.Chapter) string {
	switch {
	case c.Norm != nil:
		return c.Norm.Label
	case c.Number != "":
		return c.Number
	case c.Short != "":
		return c.Short
	}
	return c.PlainTitle()
}

// seeList is "See also territory; sovereignty", each name linked to its
// entry, in italics as indexes set the words of a cross-reference.
func (ix *index) seeList(ch *doc.Chapter, word string, names []string) []doc.Inline {
	ins := []doc.Inline{&doc.Emph{Inlines: []doc.Inline{&doc.Text{Value: word}}}, &doc.Text{Value: " "}}
	for i, n := range names {
		if i > 0 {
			ins = append(ins, &doc.Text{Value: "; "})
		}
		k := fold(n)
		if hd, sub, ok := strings.Cut(n, Sep); ok {
			k = fold(hd) + Sep + fold(sub)
		}
		t := ix.byKey[k]
		shown := t.Text
		if t.parent != nil {
			shown = t.parent.Text + ": " + t.Text
		}
		ins = append(ins, &doc.Link{Target: &doc.Target{Pub: ix.pub.ID, Chapter: ch.ID, Anchor: t.ID},
			Inlines: []doc.Inline{&doc.Text{Value: shown}}})
	}
	return ins
}

// slug makes an anchor of a term: ASCII letters and digits (accents
// dropped), words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}
