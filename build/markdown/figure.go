package markdown

import (
	"strconv"
	"strings"

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
	a, kvAt, n, err := parseAttrSpans(line)
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
	for i := range kvAt {
		kvAt[i][0] += seg.Start
		kvAt[i][1] += seg.Start
	}
	node := &figureAttrs{Start: seg.Start, End: seg.Start + n, Attr: a, KVAt: kvAt}
	node.SetPos(seg.Start)
	return node
}

// figureWidth reads a figure's width="60%" as the fraction 0.6 of the text
// width, and warns at the attribute (start–end) about anything else.
// Only percentages are accepted: a length in pixels or centimetres means
// different things on a PDF page, an e-reader and a browser window, and a
// share of the text width means the same in all three (it is what pandoc's
// LaTeX writer makes of a percentage too).
func (c *converter) figureWidth(v string, start, end int) float64 {
	num, ok := strings.CutSuffix(strings.TrimSpace(v), "%")
	num = strings.TrimSpace(num)
	f, err := strconv.ParseFloat(num, 64)
	switch {
	case !ok || err != nil || !decimal(num):
		c.warnf(start, end, "figure-width", "figure width %q is not a percentage; the figure keeps its default width", v).
			WithHint(`give the width as a percentage of the text width, such as width="60%%" (lengths in px, cm or em are not accepted)`)
		return 0
	case f <= 0 || f > 100:
		c.warnf(start, end, "figure-width", "figure width %q is outside the text width; the figure keeps its default width", v).
			WithHint(`give a percentage above 0%% and at most 100%%, such as width="60%%"`)
		return 0
	}
	return f / 100
}

// decimal reports whether s is digits with at most one decimal point (no
// sign, exponent, hexadecimal or "Inf", which ParseFloat would take).
func decimal(s string) bool {
	digits, points := 0, 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1
}
