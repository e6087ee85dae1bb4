package doc

import "strings"

// Children returns the inline children of a container inline, or nil.
func Children(in Inline) []Inline {
	switch n := in.(type) {
	case *Emph:
		return n.Inlines
	case *Strong:
		return n.Inlines
	case *Strike:
		return n.Inlines
	case *Sup:
		return n.Inlines
	case *Sub:
		return n.Inlines
	case *SmallCaps:
		return n.Inlines
	case *Styled:
		return n.Inlines
	case *Link:
		return n.Inlines
	case *Cite:
		return n.Text
	}
	return nil
}

// Visitor is called for every block and inline in reading order. Returning
// false from a call skips that node's children. Either func may be nil.
type Visitor struct {
	Block  func(b Block) bool
	Inline func(in Inline) bool
}

// WalkBlocks visits blocks and everything inside them, in reading order:
// a note's blocks are visited where the note's mark stands.
func (v Visitor) WalkBlocks(bs []Block) {
	for _, b := range bs {
		v.walkBlock(b)
	}
}

func (v Visitor) walkBlock(b Block) {
	if v.Block != nil && !v.Block(b) {
		return
	}
	switch n := b.(type) {
	case *Para:
		v.WalkInlines(n.Inlines)
	case *Heading:
		v.WalkInlines(n.Inlines)
	case *BlockQuote:
		v.WalkBlocks(n.Blocks)
	case *List:
		for _, it := range n.Items {
			v.WalkBlocks(it)
		}
	case *DefList:
		for _, it := range n.Items {
			v.WalkInlines(it.Term)
			for _, d := range it.Defs {
				v.WalkBlocks(d)
			}
		}
	case *Table:
		v.WalkInlines(n.Caption)
		for _, rows := range [][]Row{n.Head, n.Body} {
			for _, r := range rows {
				for _, c := range r {
					v.WalkInlines(c.Inlines)
				}
			}
		}
	case *Figure:
		v.WalkInlines(n.Caption)
	case *Div:
		v.WalkBlocks(n.Blocks)
	case *NormBox:
		v.WalkInlines(n.Source)
	case *RefList:
		for _, e := range n.Entries {
			v.WalkInlines(e.Inlines)
		}
	}
}

// WalkInlines visits inlines and their children; a note's blocks count as
// its children.
func (v Visitor) WalkInlines(ins []Inline) {
	for _, in := range ins {
		if v.Inline != nil && !v.Inline(in) {
			continue
		}
		if n, ok := in.(*Note); ok {
			v.WalkBlocks(n.Blocks)
			continue
		}
		v.WalkInlines(Children(in))
	}
}

// PlainText flattens inlines to text: breaks become spaces, notes vanish,
// citations and cross-references give their text (or keys before resolution).
func PlainText(ins []Inline) string {
	var b strings.Builder
	writePlain(&b, ins)
	return b.String()
}

func writePlain(b *strings.Builder, ins []Inline) {
	for _, in := range ins {
		switch n := in.(type) {
		case *Text:
			b.WriteString(n.Value)
		case *Code:
			b.WriteString(n.Text)
		case *SoftBreak, *LineBreak:
			b.WriteByte(' ')
		case *Note, *RawInline:
		case *Image:
			b.WriteString(n.Alt)
		case *Cite:
			if n.Text != nil {
				writePlain(b, n.Text)
				continue
			}
			for i, it := range n.Items {
				if i > 0 {
					b.WriteString("; ")
				}
				b.WriteString(it.Key)
			}
		case *XRef:
			for i, it := range n.Items {
				if i > 0 {
					b.WriteString(ItemSeparator)
				}
				before, after := it.Affixes()
				b.WriteString(before)
				if it.Text != "" {
					b.WriteString(it.Text)
				} else {
					b.WriteString(it.Label)
				}
				b.WriteString(after)
			}
		default:
			writePlain(b, Children(in))
		}
	}
}

// BlocksText flattens blocks to text with a space between blocks, list
// items and table cells (search indexes, word counts, descriptions).
func BlocksText(bs []Block) string {
	var b strings.Builder
	sep := func() {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
	}
	Visitor{
		Block: func(bl Block) bool {
			switch n := bl.(type) {
			case *Para:
				sep()
				b.WriteString(PlainText(n.Inlines))
				return false
			case *Heading:
				sep()
				b.WriteString(PlainText(n.Inlines))
				return false
			case *CodeBlock:
				sep()
				b.WriteString(n.Text)
			case *Table:
				for _, rows := range [][]Row{n.Head, n.Body} {
					for _, r := range rows {
						for _, c := range r {
							sep()
							b.WriteString(PlainText(c.Inlines))
						}
					}
				}
				return false
			case *DefList:
				for _, it := range n.Items {
					sep()
					b.WriteString(PlainText(it.Term))
					for _, d := range it.Defs {
						sep()
						b.WriteString(BlocksText(d))
					}
				}
				return false
			}
			return true
		},
		Inline: func(in Inline) bool { return false },
	}.WalkBlocks(bs)
	return b.String()
}
