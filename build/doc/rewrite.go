package doc

// Rewriter rewrites a document in place, beside Visitor, which only reads
// it. Each sequence of inlines is handed to Inlines after the sequences
// inside its nodes have been rewritten (bottom-up, as pandoc's walk), and
// Inlines returns the sequence to put in its place. Resolve steps use it
// to replace nodes (a citation by a note around it) without each writing
// a partial walk of its own.
type Rewriter struct {
	// Enter is asked before the rewriter descends into a block or an
	// inline (a Block or an Inline); false leaves everything inside it
	// as it is. Nil enters everything.
	Enter func(node any) bool
	// Inlines returns the replacement of a sequence of inlines: a
	// paragraph's, a heading's, a table cell's or caption's, a term's, a
	// container inline's children.
	Inlines func(ins []Inline) []Inline
}

// Blocks rewrites every inline sequence in bs and the blocks inside them.
func (r Rewriter) Blocks(bs []Block) {
	for _, b := range bs {
		r.block(b)
	}
}

func (r Rewriter) enter(n any) bool { return r.Enter == nil || r.Enter(n) }

func (r Rewriter) block(b Block) {
	if !r.enter(b) {
		return
	}
	switch n := b.(type) {
	case *Para:
		n.Inlines = r.Sequence(n.Inlines)
	case *Heading:
		n.Inlines = r.Sequence(n.Inlines)
	case *BlockQuote:
		r.Blocks(n.Blocks)
	case *List:
		for _, it := range n.Items {
			r.Blocks(it)
		}
	case *DefList:
		for i := range n.Items {
			n.Items[i].Term = r.Sequence(n.Items[i].Term)
			for _, d := range n.Items[i].Defs {
				r.Blocks(d)
			}
		}
	case *Table:
		n.Caption = r.Sequence(n.Caption)
		for _, rows := range [][]Row{n.Head, n.Body} {
			for _, row := range rows {
				for i := range row {
					row[i].Inlines = r.Sequence(row[i].Inlines)
				}
			}
		}
	case *Figure:
		n.Caption = r.Sequence(n.Caption)
	case *Div:
		r.Blocks(n.Blocks)
	case *NormBox:
		n.Source = r.Sequence(n.Source)
	case *RefList:
		for i := range n.Entries {
			n.Entries[i].Inlines = r.Sequence(n.Entries[i].Inlines)
		}
	}
}

// Sequence rewrites the inlines inside each of ins, then ins itself, and
// returns the result. A nil sequence stays nil (an absent caption).
func (r Rewriter) Sequence(ins []Inline) []Inline {
	if ins == nil {
		return nil
	}
	for _, in := range ins {
		if !r.enter(in) {
			continue
		}
		switch n := in.(type) {
		case *Emph:
			n.Inlines = r.Sequence(n.Inlines)
		case *Strong:
			n.Inlines = r.Sequence(n.Inlines)
		case *Strike:
			n.Inlines = r.Sequence(n.Inlines)
		case *Sup:
			n.Inlines = r.Sequence(n.Inlines)
		case *Sub:
			n.Inlines = r.Sequence(n.Inlines)
		case *SmallCaps:
			n.Inlines = r.Sequence(n.Inlines)
		case *Styled:
			n.Inlines = r.Sequence(n.Inlines)
		case *Link:
			n.Inlines = r.Sequence(n.Inlines)
		case *Cite:
			n.Text = r.Sequence(n.Text)
		case *Note:
			r.Blocks(n.Blocks)
		}
	}
	if r.Inlines == nil {
		return ins
	}
	return r.Inlines(ins)
}
