package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// figureAttrParser reads the attribute block right after an image,
// ![caption](map.png){#fig:map width="60%"}. It returns a node rather than
// setting the attributes alone, because an inline parser that returns nil
// has its input rewound and the block would stay as text.
type figureAttrParser struct{}

func (figureAttrParser) Trigger() []byte { return []byte{'{'} }

func (figureAttrParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	img, ok := parent.LastChild().(*ast.Image)
	if !ok {
		return nil
	}
	if c := block.PrecendingCharacter(); c != ')' && c != ']' {
		return nil
	}
	line, seg := block.PeekLine()
	if seg.Padding != 0 {
		return nil
	}
	a, n, err := parseAttrs(line)
	if err != nil {
		if looksLikeAttrs(line) {
			getState(pc).errorf(seg.Start+err.at, seg.Start+err.at, "bad-attributes",
				"image attributes: "+err.msg, "")
		}
		return nil
	}
	block.Advance(n)
	// For the HTML of New(); the model takes them from the node.
	if a.ID != "" {
		img.SetAttributeString("id", []byte(a.ID))
	}
	for _, kv := range a.KV {
		img.SetAttributeString(kv[0], []byte(kv[1]))
	}
	node := &figureAttrs{Start: seg.Start, End: seg.Start + n, Attr: a}
	node.SetPos(seg.Start)
	return node
}
