package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// labelTransformer works on paragraphs as they close, before their inlines
// are parsed, so that a trailing {#para:x} or a caption's ": " never
// reaches the text (where the typographer would already have split it). It
// runs after goldmark's table transformer, which may have turned the
// paragraph into a table.
type labelTransformer struct{}

// captionPara is a paragraph that captions the table before it.
type captionPara struct {
	para       *ast.Paragraph
	label      string
	start, end int
}

func (labelTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() == 0 {
		return
	}
	st := getState(pc)
	src := reader.Source()
	if _, ok := node.PreviousSibling().(*east.Table); ok {
		if cp := tableCaptionPara(node, src, st); cp != nil {
			st.captions = append(st.captions, cp)
			return
		}
	}
	if setextUnderline(reader) {
		return // a heading's attributes, for goldmark's heading parser
	}
	last := lines.At(lines.Len() - 1)
	at, a, ok, err := trailingAttrs(last.Value(src))
	if err != nil {
		if at > 0 && (src[last.Start+at-1] == ')' || src[last.Start+at-1] == ']') {
			return // an image's attributes: the figure parser reports them
		}
		st.errorf(last.Start+err.at, last.Start+err.at, "bad-attributes", "paragraph label: "+err.msg, "")
		return
	}
	if !ok {
		return
	}
	start := last.Start + at
	end := attrEnd(src, start, last.Stop)
	attached := start > last.Start && src[start-1] != ' ' && src[start-1] != '\t'
	switch kind := labelKind(a.ID); {
	case kind == "para":
	case attached && (src[start-1] == ')' || src[start-1] == ']'):
		return // an image's attributes, for the figure parser
	case kind != "":
		st.errorf(start, end, "stray-label", fmt.Sprintf("{#%s} at the end of a paragraph labels nothing", a.ID),
			strayHint(kind))
	default:
		return // braces that are text, such as {sic} or a formula
	}
	trimTrailing(node, src, start)
	if labelKind(a.ID) != "para" {
		return
	}
	if len(a.Classes) > 0 || len(a.KV) > 0 {
		st.warnf(start, end, "ignored-attribute", "a paragraph takes a label only; its classes and attributes are ignored", "")
	}
	if node.Lines().Len() == 0 {
		st.errorf(start, end, "stray-label", fmt.Sprintf("{#%s} labels an empty paragraph", a.ID), "")
		return
	}
	if st.paraLabels == nil {
		st.paraLabels = map[int]labelAttr{}
	}
	st.paraLabels[node.Lines().At(0).Start] = labelAttr{attr: a, start: start, end: end}
	node.SetAttributeString("id", []byte(a.ID))
}

func strayHint(kind string) string {
	switch kind {
	case "fig":
		return "a figure label follows its image directly: ![Caption](file.png){#fig:x}"
	case "tbl":
		return "a table label ends the caption line after the table: : Caption {#tbl:x}"
	case "sec":
		return "a section label ends its heading line: ## Heading {#sec:x}"
	}
	return ""
}

// attrEnd is the offset just after the '}' that ends the attribute block
// starting at start, within the line ending at stop.
func attrEnd(src []byte, start, stop int) int {
	if _, n, err := parseAttrs(src[start:stop]); err == nil {
		return start + n
	}
	return stop
}

// trimTrailing cuts the paragraph's last line at off, with the blanks
// before it, and drops the line when nothing is left of it.
func trimTrailing(node *ast.Paragraph, src []byte, off int) {
	lines := node.Lines()
	i := lines.Len() - 1
	seg := lines.At(i)
	stop := off
	for stop > seg.Start && (src[stop-1] == ' ' || src[stop-1] == '\t') {
		stop--
	}
	if stop <= seg.Start || len(bytes.TrimSpace(src[seg.Start:stop])) == 0 {
		lines.SetSliced(0, i)
		if i > 0 {
			// The line before is now the last: goldmark would have cut its
			// line end, which otherwise leaves a soft break at the end.
			prev := lines.At(i - 1)
			lines.Set(i-1, prev.TrimRightSpace(src))
		}
		node.SetLines(lines)
		return
	}
	lines.Set(i, text.NewSegment(seg.Start, stop))
}

// tableCaptionPara reads ": Caption {#tbl:x}" or "Table: Caption" after a
// table, as pandoc does, and cuts the marker and the attributes from the
// lines.
func tableCaptionPara(node *ast.Paragraph, src []byte, st *state) *captionPara {
	lines := node.Lines()
	first := lines.At(0)
	v := first.Value(src)
	lead := len(v) - len(bytes.TrimLeft(v, " \t"))
	rest := v[lead:]
	var marker int
	switch {
	case bytes.HasPrefix(rest, []byte("Table:")), bytes.HasPrefix(rest, []byte("table:")):
		marker = len("Table:")
	case bytes.HasPrefix(rest, []byte(":")):
		marker = 1
	default:
		return nil
	}
	if marker < len(rest) && rest[marker] != ' ' && rest[marker] != '\t' && rest[marker] != '\n' && rest[marker] != '\r' {
		return nil
	}
	cp := &captionPara{para: node, start: first.Start + lead}
	lastSeg := lines.At(lines.Len() - 1)
	cp.end = lastSeg.Stop
	for cp.end > cp.start && (src[cp.end-1] == '\n' || src[cp.end-1] == '\r' || src[cp.end-1] == ' ') {
		cp.end--
	}
	at, a, ok, err := trailingAttrs(lastSeg.Value(src))
	switch {
	case err != nil:
		st.errorf(lastSeg.Start+err.at, lastSeg.Start+err.at, "bad-attributes", "table caption: "+err.msg, "")
	case ok:
		start := lastSeg.Start + at
		end := attrEnd(src, start, lastSeg.Stop)
		switch kind := labelKind(a.ID); {
		case a.ID == "":
		case kind == "tbl":
			cp.label = a.ID
		default:
			st.errorf(start, end, "label-kind", fmt.Sprintf("table label %q must start with tbl:", a.ID),
				"{#tbl:"+strings.TrimPrefix(a.ID, kind+":")+"}")
		}
		if len(a.Classes) > 0 || len(a.KV) > 0 {
			st.warnf(start, end, "ignored-attribute", "a table caption takes a label only; its classes and attributes are ignored", "")
		}
		trimTrailing(node, src, start)
	}
	// Cut the marker from the first line (which may now be gone).
	lines = node.Lines()
	if lines.Len() > 0 {
		s := lines.At(0)
		if s.Start == first.Start {
			cut := first.Start + lead + marker
			if cut > s.Stop {
				cut = s.Stop
			}
			ns := text.NewSegment(cut, s.Stop)
			lines.Set(0, ns.TrimLeftSpace(src))
		}
	}
	return cp
}

// tableCaptionTransformer moves each caption paragraph, parsed into
// inlines by now, into its table as the first child.
type tableCaptionTransformer struct{}

func (tableCaptionTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := getState(pc)
	for _, cp := range st.captions {
		p := cp.para
		if p.Parent() == nil {
			continue
		}
		tbl, ok := p.PreviousSibling().(*east.Table)
		if !ok {
			continue
		}
		c := &tableCaption{Label: cp.label, Start: cp.start, End: cp.end}
		c.SetPos(cp.start)
		for n := p.FirstChild(); n != nil; {
			next := n.NextSibling()
			c.AppendChild(c, n)
			n = next
		}
		if fc := tbl.FirstChild(); fc != nil {
			tbl.InsertBefore(tbl, fc, c)
		} else {
			tbl.AppendChild(tbl, c)
		}
		p.Parent().RemoveChild(p.Parent(), p)
	}
	st.captions = nil
}

// captionSplitter runs before goldmark's table transformer: a "Table: …"
// line right under a table's rows would otherwise become one more row (a
// GFM table runs to the next blank line). It moves such a line into a
// paragraph of its own after the table-to-be, where labelTransformer takes
// it as the caption. (": …" needs no help: the definition-list parser
// already ends the table there.)
type captionSplitter struct{}

func (captionSplitter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	n := lines.Len()
	if n < 3 {
		return
	}
	src := reader.Source()
	if !isDelimiterRow(segValue(lines.At(1), src)) {
		return
	}
	for i := 2; i < n; i++ {
		v := bytes.TrimLeft(segValue(lines.At(i), src), " \t")
		if !bytes.HasPrefix(v, []byte("Table:")) && !bytes.HasPrefix(v, []byte("table:")) {
			continue
		}
		cap := ast.NewParagraph()
		for j := i; j < n; j++ {
			cap.Lines().Append(lines.At(j))
		}
		cap.SetPos(lines.At(i).Start)
		lines.SetSliced(0, i)
		node.SetLines(lines)
		node.Parent().InsertAfter(node.Parent(), node, cap)
		// The new paragraph is never closed, so no transformer sees it.
		st := getState(pc)
		if cp := tableCaptionPara(cap, src, st); cp != nil {
			st.captions = append(st.captions, cp)
		}
		return
	}
}

// isDelimiterRow says whether a line is a GFM table's |---|:-:| row.
func isDelimiterRow(b []byte) bool {
	b = bytes.TrimSpace(b)
	dash := false
	for _, c := range b {
		switch c {
		case '-':
			dash = true
		case '|', ':', ' ', '\t':
		default:
			return false
		}
	}
	return dash
}

// segValue is Segment.Value for a segment that is not addressable.
func segValue(seg text.Segment, src []byte) []byte { return seg.Value(src) }

// setextUnderline says whether the line that closes the paragraph is a
// setext heading's underline: then the paragraph is the heading's text.
func setextUnderline(reader text.Reader) bool {
	line, _ := reader.PeekLine()
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '=' && line[0] != '-' {
		return false
	}
	for _, c := range line {
		if c != line[0] {
			return false
		}
	}
	return true
}
