package markdown

import (
	"slices"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// footnoteRefParser reads [^label]. It replaces goldmark's footnote link
// parser (whose definitions block parser we keep) because that one turns an
// undefined [^label] into plain text with nothing left to report, and counts
// a second use as fine, where a legal commentary never repeats a note mark.
type footnoteRefParser struct{}

func (footnoteRefParser) Trigger() []byte { return []byte{'[', '!'} }

func (footnoteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if seg.Padding != 0 {
		return nil
	}
	i := 0
	bang := len(line) > 0 && line[0] == '!'
	if bang {
		i = 1
	}
	if i+2 >= len(line) || line[i] != '[' || line[i+1] != '^' {
		return nil
	}
	j := i + 2
	for ; j < len(line) && line[j] != ']'; j++ {
		switch line[j] {
		case ' ', '\t', '\n', '\r', '[', '^':
			return nil
		}
	}
	if j >= len(line) || j == i+2 {
		return nil
	}
	label := string(line[i+2 : j])
	st := getState(pc)
	def := st.footnote(parent, label)
	end := j + 1
	if def == nil && end < len(line) && (line[end] == '(' || line[end] == '[') {
		return nil // [^x](url) without a note [^x] is a link
	}
	if bang {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1)))
	}
	block.Advance(end)
	ref := &footnoteRef{Start: seg.Start + i, End: seg.Start + end, Label: label, Def: def}
	ref.SetPos(ref.Start)
	if def != nil && def.Index < 0 {
		st.footList.Count++
		def.Index = st.footList.Count
	}
	return ref
}

// footnote returns the first definition with the label. Inline parsing
// starts when every block is closed, so the first call can collect all
// definitions at once.
func (s *state) footnote(from ast.Node, label string) *east.Footnote {
	if !s.footScanned {
		root := from
		for root.Parent() != nil {
			root = root.Parent()
		}
		s.scanFootnotes(root)
	}
	return s.footByLabel[label]
}

func (s *state) scanFootnotes(root ast.Node) {
	if s.footScanned {
		return
	}
	s.footScanned = true
	s.footByLabel = map[string]*east.Footnote{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.FootnoteList:
			if s.footList == nil {
				s.footList = n
			}
		case *east.Footnote:
			s.footDefs = append(s.footDefs, n)
			if _, dup := s.footByLabel[string(n.Ref)]; !dup {
				s.footByLabel[string(n.Ref)] = n
			}
		}
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// footnoteTransformer does what goldmark's footnote transformer does for
// the HTML of New() (unused definitions out, back links in, the list at the
// end in order of first use), after the state has kept every definition
// for the unused-footnote warning.
type footnoteTransformer struct{}

func (footnoteTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := getState(pc)
	st.scanFootnotes(doc)
	list := st.footList
	if list == nil || list.Parent() == nil {
		return
	}
	for n := list.FirstChild(); n != nil; {
		next := n.NextSibling()
		def, ok := n.(*east.Footnote)
		if !ok || def.Index < 0 {
			list.RemoveChild(list, n)
		} else {
			container := ast.Node(def)
			if last := def.LastChild(); last != nil && ast.IsParagraph(last) {
				container = last
			}
			back := east.NewFootnoteBacklink(def.Index)
			back.RefCount = 1
			container.AppendChild(container, back)
		}
		n = next
	}
	// Not ast.SortChildren: an insertion sort, quadratic on a chapter's
	// 1,500 notes already in order.
	var defs []*east.Footnote
	for n := list.FirstChild(); n != nil; n = n.NextSibling() {
		defs = append(defs, n.(*east.Footnote))
	}
	slices.SortStableFunc(defs, func(a, b *east.Footnote) int { return a.Index - b.Index })
	list.RemoveChildren(list)
	for _, d := range defs {
		list.AppendChild(list, d)
	}
	list.Parent().RemoveChild(list.Parent(), list)
	if list.HasChildren() {
		doc.AppendChild(doc, list)
	}
}
