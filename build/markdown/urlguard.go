package markdown

import (
	"github.com/normpress/normpress/build/uri"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// urlGuard keeps smart punctuation out of web addresses in running text:
// the typographer would make the apostrophe of https://example.org/it's a
// ’, the -- of a path an en dash and ... an ellipsis, and the address
// would no longer lead anywhere. It runs before the typographer on the
// characters the typographer replaces; when one lies inside an address it
// takes the rest of the address as plain text.
type urlGuard struct{}

func (g urlGuard) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(g, 9000)))
}

func (urlGuard) Trigger() []byte { return []byte{'\'', '"', '-', '.'} }

// maxURLBack bounds how far back an address's start is looked for, so a
// long run of dashes costs linear time, not quadratic.
const maxURLBack = 2048

func (urlGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	src := block.Source()
	pos := seg.Start
	// The word the character is in: back to a blank.
	from := pos
	for from > 0 && pos-from < maxURLBack {
		c := src[from-1]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		from--
	}
	if from == pos {
		return nil
	}
	to := pos + len(line)
	if to-pos > maxURLBack {
		to = pos + maxURLBack
	}
	for _, sp := range uri.Spans(string(src[from:to])) {
		start, end := from+sp[0], from+sp[1]
		if start < pos && pos < end {
			block.Advance(end - pos)
			return ast.NewTextSegment(text.NewSegment(pos, end))
		}
	}
	return nil
}
