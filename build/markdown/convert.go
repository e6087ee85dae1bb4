package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// converter walks one goldmark AST into doc blocks.
type converter struct {
	r   *reader
	src []byte
	m   *mapper
	st  *state

	noteDepth int
	linkDepth int
	// lastEnd is where the last inline with a position ended, in the
	// parsed text: the place of those that have none.
	lastEnd   int
	usedNotes map[*east.Footnote]int // definition → offset of its reference
}

// parse runs goldmark on src and converts the result. bad says src holds
// bytes that are not UTF-8 (already reported): a copy with each such byte
// made NUL goes to goldmark instead, keeping every offset, and NUL becomes
// U+FFFD in the model as CommonMark asks for NUL itself.
func (r *reader) parse(src []byte, m *mapper, bad bool) []doc.Block {
	for i := 0; i < len(src); i++ {
		if src[i] == 0 {
			j := i
			for j < len(src) && src[j] == 0 {
				j++
			}
			*r.diags = append(*r.diags, source.Diag{Sev: source.Warning, Span: m.span(i, j), Code: "nul-character",
				Msg: "NUL character in the text; replaced by U+FFFD", Hint: "a NUL usually comes from a broken copy or export: delete it"})
			i = j
		}
	}
	if off, ok := tooDeep(src); !ok {
		*r.diags = append(*r.diags, source.Diag{Sev: source.Error, Span: m.span(off, off+1), Code: "too-deep",
			Msg:  fmt.Sprintf("block quotes and lists nest more than %d levels deep here; the text is not read", MaxNesting),
			Hint: "a nesting this deep is a mistake (a stray run of > or - markers): remove the extra markers"})
		return nil
	}
	if bad {
		src = nulInvalid(src)
	}
	st := &state{}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	c := &converter{r: r, src: src, m: m, st: st, usedNotes: map[*east.Footnote]int{}}
	blocks := c.blocks(root)
	for _, d := range st.diags {
		*r.diags = append(*r.diags, source.Diag{Sev: d.sev, Span: m.span(d.start, d.end), Code: d.code, Msg: d.msg, Hint: d.hint})
	}
	c.footnoteDiags()
	return blocks
}

// MaxNesting is how deep block quotes and list items may nest. Parsing
// time grows with the square of the depth (every line walks every open
// block), so a line of 100,000 "> " markers took a minute; real texts
// nest a handful of levels.
const MaxNesting = 100

// tooDeep finds the first line whose leading block quote and list markers
// open more than MaxNesting blocks, in one pass over src. It returns the
// offset of the marker that goes too deep. Nesting by indentation alone
// costs as many bytes as the square of its depth, so it cannot make the
// parse grow faster than its input and is not counted.
func tooDeep(src []byte) (int, bool) {
	for i := 0; i < len(src); {
		depth := 0
		j := i
		for j < len(src) && src[j] != '\n' {
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if j >= len(src) {
				break
			}
			k := j
			switch c := src[j]; {
			case c == '>':
				k = j + 1
			case c == '-' || c == '*' || c == '+':
				k = j + 1
			case c >= '0' && c <= '9':
				for k < len(src) && k-j < 9 && src[k] >= '0' && src[k] <= '9' {
					k++
				}
				if k < len(src) && (src[k] == '.' || src[k] == ')') {
					k++
				} else {
					k = j
				}
			}
			if k == j || src[j] != '>' && k < len(src) && src[k] != ' ' && src[k] != '\t' && src[k] != '\n' {
				break // not a marker: the line's text begins
			}
			if depth++; depth > MaxNesting {
				return j, false
			}
			j = k
		}
		for j < len(src) && src[j] != '\n' {
			j++
		}
		i = j + 1
	}
	return 0, true
}

func nulInvalid(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); {
		r, size := decodeRune(src[i:])
		if r < 0 {
			out = append(out, 0)
			i++
			continue
		}
		out = append(out, src[i:i+size]...)
		i += size
	}
	return out
}

func (c *converter) span(start, end int) source.Span { return c.m.span(start, end) }

func (c *converter) errorf(start, end int, code, format string, args ...any) *source.Diag {
	return c.r.diags.Errorf(c.span(start, end), code, format, args...)
}

func (c *converter) warnf(start, end int, code, format string, args ...any) *source.Diag {
	return c.r.diags.Warnf(c.span(start, end), code, format, args...)
}

// line is the 1-based line of a parsed-text offset, for messages that
// point back at an earlier place.
func (c *converter) line(off int) int { return c.span(off, off).Position().Line }

func (c *converter) blocks(parent ast.Node) []doc.Block {
	var out []doc.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if b := c.block(n); b != nil {
			out = append(out, b)
		}
	}
	return out
}

func (c *converter) block(n ast.Node) doc.Block {
	switch n := n.(type) {
	case *ast.Paragraph:
		return c.paragraph(n)
	case *ast.TextBlock:
		// A tight list item's text; List.Tight tells renderers.
		p := &doc.Para{Span: c.blockSpan(n), Inlines: c.inlines(n)}
		c.paraLabel(p, n)
		if len(p.Inlines) == 0 && p.Attr.Label == "" {
			return nil
		}
		return p
	case *ast.Heading:
		return c.heading(n)
	case *ast.ThematicBreak:
		pos := max(n.Pos(), 0)
		return &doc.Rule{Span: c.span(pos, lineEnd(c.src, pos))}
	case *ast.CodeBlock:
		return &doc.CodeBlock{Span: c.blockSpan(n), Text: c.linesText(n.Lines())}
	case *ast.FencedCodeBlock:
		cb := &doc.CodeBlock{Span: c.blockSpan(n), Text: c.linesText(n.Lines())}
		if n.Info != nil {
			info := c.clean(unescape(n.Info.Value(c.src)))
			if f := strings.Fields(info); len(f) > 0 {
				cb.Lang = strings.TrimPrefix(f[0], ".")
			}
		}
		return cb
	case *ast.Blockquote:
		return &doc.BlockQuote{Span: c.blockSpan(n), Blocks: c.blocks(n)}
	case *ast.List:
		l := &doc.List{Span: c.blockSpan(n), Ordered: n.IsOrdered(), Start: n.Start, Tight: n.IsTight}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, c.blocks(it))
		}
		return l
	case *ast.HTMLBlock:
		return c.htmlBlock(n)
	case *ast.LinkReferenceDefinition:
		if lbl := string(n.Label); strings.HasPrefix(lbl, "@") || strings.HasPrefix(lbl, "-@") {
			pos := max(n.Pos(), 0)
			c.warnf(pos, pos+len(lbl)+2, "cite-link-definition",
				"[%s]: at the start of a line is a link definition, not a citation; it is dropped", lbl).
				WithHint("put text before the citation on that line, or join it to the line above")
		}
		return nil
	case *east.Table:
		return c.table(n)
	case *east.DefinitionList:
		return c.defList(n)
	case *east.FootnoteList, *east.Footnote:
		return nil // notes enter the model where they are referenced
	}
	return nil
}

// blockSpan covers a block: from goldmark's position to the end of its last
// line (for containers, of their last descendant).
func (c *converter) blockSpan(n ast.Node) source.Span {
	start := n.Pos()
	if start < 0 {
		if l := n.Lines(); l.Len() > 0 {
			start = l.At(0).Start
		} else {
			start = 0
		}
	}
	end := blockEnd(n, c.src)
	if end < start {
		end = start
	}
	return c.span(start, end)
}

func blockEnd(n ast.Node, src []byte) int {
	end := -1
	for n != nil && n.Type() == ast.TypeBlock {
		if l := n.Lines(); l.Len() > 0 {
			end = max(end, l.At(l.Len()-1).Stop)
		}
		if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
			end = max(end, h.ClosureLine.Stop)
		}
		if end >= 0 && n.LastChild() == nil {
			break
		}
		if lc := n.LastChild(); lc != nil && lc.Type() == ast.TypeBlock {
			n = lc
			continue
		}
		if end < 0 {
			end = n.Pos()
		}
		break
	}
	for end > 0 && end <= len(src) && (src[end-1] == '\n' || src[end-1] == '\r') {
		end--
	}
	return end
}

// linesText joins a code block's lines, with LF line ends.
func (c *converter) linesText(lines *text.Segments) string {
	var b strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(c.src)
		if bytes.HasSuffix(v, []byte("\r\n")) {
			b.Write(v[:len(v)-2])
			b.WriteByte('\n')
			continue
		}
		b.Write(v)
	}
	return c.clean(b.String())
}

// clean makes a raw string safe for the model: NUL (and so any byte that
// was not UTF-8) becomes U+FFFD.
func (c *converter) clean(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

func (c *converter) paragraph(n *ast.Paragraph) doc.Block {
	if fig := c.figure(n); fig != nil {
		return fig
	}
	p := &doc.Para{Span: c.blockSpan(n), Inlines: c.inlines(n)}
	c.paraLabel(p, n)
	if len(p.Inlines) == 0 && p.Attr.Label == "" {
		return nil
	}
	return p
}

func (c *converter) paraLabel(p *doc.Para, n ast.Node) {
	if l := n.Lines(); l.Len() > 0 {
		if la, ok := c.st.paraLabels[l.At(0).Start]; ok {
			p.Attr.Label = la.attr.ID
			c.checkLabel(p.Attr.Label, la.start, la.end)
		}
	}
}

// checkLabel reports a label that @kind:… could never reach.
func (c *converter) checkLabel(label string, start, end int) {
	if !referable(label) {
		c.errorf(start, end, "bad-label", "label %q cannot be referred to: after the prefix use letters, digits, - and _", label)
	}
}

func (c *converter) heading(n *ast.Heading) doc.Block {
	h := &doc.Heading{Span: c.blockSpan(n), Level: n.Level, Inlines: c.inlines(n)}
	for _, a := range n.Attributes() {
		name := string(a.Name)
		switch name {
		case "id":
			h.Attr.ID = attrString(a.Value)
		case "class":
			h.Attr.Classes = append(h.Attr.Classes, strings.Fields(attrString(a.Value))...)
		default:
			h.Attr.KV = append(h.Attr.KV, [2]string{name, attrString(a.Value)})
		}
	}
	start, end := max(n.Pos(), 0), blockEnd(n, c.src)
	if id := h.Attr.ID; id != "" {
		if l := n.Lines(); l.Len() > 0 {
			// Point at the attribute block rather than at the '#'.
			seg := l.At(l.Len() - 1)
			le := lineEnd(c.src, seg.Start)
			if i := bytes.LastIndexByte(c.src[seg.Start:le], '{'); i >= 0 {
				start, end = seg.Start+i, le
			}
		}
		switch kind := labelKind(id); kind {
		case "sec":
			h.Attr.Label = id
			c.checkLabel(id, start, end)
		case "":
		default:
			c.warnf(start, end, "label-kind", "heading label %q looks like a %s: label; a heading's label starts with sec:", id, kind)
		}
	}
	// goldmark leaves an attribute block it cannot parse in the text.
	if l := n.Lines(); l.Len() > 0 {
		seg := l.At(l.Len() - 1)
		if at, _, ok, err := trailingAttrs(seg.Value(c.src)); ok || err != nil {
			pos := seg.Start + at
			d := c.errorf(pos, lineEnd(c.src, pos), "bad-attributes", "heading attributes could not be read")
			if err != nil {
				d.Msg += ": " + err.msg
			} else {
				d.Hint = `heading attributes follow goldmark's syntax: quote values, {#sec:x width="50%"}`
			}
		}
	}
	return h
}

func lineEnd(src []byte, off int) int {
	for off < len(src) && src[off] != '\n' && src[off] != '\r' {
		off++
	}
	return off
}

// attrString turns a goldmark attribute value (bytes, a number, a bool, a
// list) into text.
func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = attrString(x)
		}
		return strings.Join(parts, " ")
	case parser.Attributes:
		return ""
	}
	return fmt.Sprint(v)
}

func (c *converter) table(n *east.Table) doc.Block {
	t := &doc.Table{Span: c.blockSpan(n)}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignLeft:
			t.Align = append(t.Align, doc.AlignLeft)
		case east.AlignCenter:
			t.Align = append(t.Align, doc.AlignCenter)
		case east.AlignRight:
			t.Align = append(t.Align, doc.AlignRight)
		default:
			t.Align = append(t.Align, doc.AlignDefault)
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *tableCaption:
			t.Caption = c.inlines(ch)
			t.Attr.Label = ch.Label
			if t.Attr.Label != "" {
				c.checkLabel(t.Attr.Label, ch.Start, ch.End)
			}
			if t.Span.End < c.m.off(ch.End) {
				t.Span.End = c.m.off(ch.End)
			}
		case *east.TableHeader, *east.TableRow:
			var row doc.Row
			for cell := ch.FirstChild(); cell != nil; cell = cell.NextSibling() {
				row = append(row, doc.Cell{Inlines: c.inlines(cell)})
			}
			if _, head := ch.(*east.TableHeader); head {
				t.Head = append(t.Head, row)
			} else {
				t.Body = append(t.Body, row)
			}
		}
	}
	return t
}

func (c *converter) defList(n *east.DefinitionList) doc.Block {
	dl := &doc.DefList{Span: c.blockSpan(n)}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *east.DefinitionTerm:
			dl.Items = append(dl.Items, doc.DefItem{Term: c.inlines(ch)})
		case *east.DefinitionDescription:
			if len(dl.Items) == 0 {
				dl.Items = append(dl.Items, doc.DefItem{})
			}
			last := &dl.Items[len(dl.Items)-1]
			last.Defs = append(last.Defs, c.blocks(ch))
		}
	}
	return dl
}

func (c *converter) htmlBlock(n *ast.HTMLBlock) doc.Block {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(c.src))
	}
	sp := c.blockSpan(n)
	clean, removed := sanitizeHTML(c.clean(b.String()))
	if len(removed) > 0 {
		c.r.diags.Warnf(sp, "raw-html", "raw HTML: removed %s", strings.Join(removed, ", ")).
			WithHint("raw HTML may not carry scripts, event handlers, frames, styles or images")
	}
	if strings.TrimSpace(clean) == "" {
		return nil
	}
	return &doc.RawHTML{Span: sp, HTML: strings.TrimRight(clean, "\n")}
}

// footnoteDiags reports definitions that are repeated or never used.
func (c *converter) footnoteDiags() {
	first := map[string]*east.Footnote{}
	for _, def := range c.st.footDefs {
		label := string(def.Ref)
		pos := max(def.Pos(), 0)
		end := pos + len(label) + 3
		if f, dup := first[label]; dup {
			c.errorf(pos, end, "duplicate-footnote", "footnote [^%s] is defined twice (first at line %d)", label, c.line(max(f.Pos(), 0)))
			continue
		}
		first[label] = def
		if _, used := c.usedNotes[def]; !used {
			c.warnf(pos, end, "unused-footnote", "footnote [^%s] is never referred to", label)
		}
	}
}
