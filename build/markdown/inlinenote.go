package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// inlineNoteParser marks each "^[" with an opener node. Its content is
// ordinary inline Markdown, parsed as usual; the inline-note transformer
// later finds the "]" that balances it among the following text and wraps
// everything between into an inlineNote. (An inline parser cannot parse
// nested inlines itself: goldmark's own link parser works the same way.)
type inlineNoteParser struct{}

func (inlineNoteParser) Trigger() []byte { return []byte{'^'} }

func (inlineNoteParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if seg.Padding != 0 || len(line) < 2 || line[1] != '[' {
		return nil
	}
	block.Advance(2)
	n := &inlineNoteOpen{Start: seg.Start}
	n.SetPos(seg.Start)
	st := getState(pc)
	st.noteOpeners = append(st.noteOpeners, n)
	return n
}

// inlineNoteTransformer closes the openers, the innermost (last) first so
// that an outer note sees an inner one as a single node.
type inlineNoteTransformer struct{}

func (inlineNoteTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := getState(pc)
	src := reader.Source()
	for i := len(st.noteOpeners) - 1; i >= 0; i-- {
		op := st.noteOpeners[i]
		if parent := op.Parent(); parent != nil {
			closeInlineNote(op, parent, src)
		}
	}
	st.noteOpeners = nil
}

func closeInlineNote(op *inlineNoteOpen, parent ast.Node, src []byte) {
	depth := 0
	for n := op.NextSibling(); n != nil; n = n.NextSibling() {
		t, ok := n.(*ast.Text)
		if !ok || t.IsRaw() {
			continue
		}
		seg := t.Segment
		for k := seg.Start; k < seg.Stop; k++ {
			switch src[k] {
			case '\\':
				k++
			case '[':
				depth++
			case ']':
				if depth > 0 {
					depth--
					continue
				}
				wrapInlineNote(op, parent, t, k)
				return
			}
		}
	}
	// Nothing closes it: it was text.
	parent.ReplaceChild(parent, op, ast.NewTextSegment(text.NewSegment(op.Start, op.Start+2)))
}

func wrapInlineNote(op *inlineNoteOpen, parent ast.Node, closer *ast.Text, at int) {
	note := &inlineNote{Start: op.Start, End: at + 1}
	note.SetPos(op.Start)
	for n := op.NextSibling(); n != nil && n != ast.Node(closer); {
		next := n.NextSibling()
		note.AppendChild(note, n)
		n = next
	}
	seg := closer.Segment
	if at > seg.Start {
		note.AppendChild(note, ast.NewTextSegment(text.NewSegment(seg.Start, at)))
	}
	parent.ReplaceChild(parent, op, note)
	closer.Segment = text.NewSegment(at+1, seg.Stop)
	if closer.Segment.IsEmpty() && !closer.SoftLineBreak() && !closer.HardLineBreak() {
		parent.RemoveChild(parent, closer)
	}
}
