package markdown

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// citeParser reads pandoc's citations and our cross-references:
// [see @a, p. 12; @b], [-@a], narrative @a and @a [p. 12], and the same
// with sec:, fig:, tbl:, norm: and para: keys. It runs after the footnote
// reference parser (which owns "[^") and before goldmark's link parser, and
// gives up on a bracket that is a link's text: [@x](url), or [@x][ref]
// where ref is defined.
type citeParser struct{}

func (citeParser) Trigger() []byte { return []byte{'[', '@'} }

// Limits on a bracket that spans lines: an unclosed '[' in a long paragraph
// must not make every later '[' scan to the paragraph's end. They are far
// above any real citation (a footnote's bracket of twenty works with
// locators and comments is some 2,000 bytes); a bracket with a citation
// key that reaches them is reported, never silently left as text whose
// keys read as narrative citations.
const (
	maxCiteLines = 100
	maxCiteBytes = 16000
)

func (p citeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if seg.Padding != 0 || len(line) == 0 {
		return nil
	}
	if line[0] == '@' {
		return parseNarrative(parent, block, line, seg)
	}
	return parseBracket(block, pc, line, seg)
}

// narrativeMayFollow says which characters may stand before a narrative
// @key: none that could be part of a word or an address, so doe@example.org
// and foo\+@bar stay text. Not '[' either: "[@x](url)" is a link's text and
// "\[@x]" literal; "^[@x]" is let through by its opener.
func narrativeMayFollow(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '(', '*', '_', '~', '"', '\'', '“', '‘', '«', '„', '‚', '—', '–', '/':
		return true
	}
	return false
}

func parseNarrative(parent ast.Node, block text.Reader, line []byte, seg text.Segment) ast.Node {
	_, inNote := parent.LastChild().(*inlineNoteOpen)
	if !inNote && !narrativeMayFollow(block.PrecendingCharacter()) {
		return nil
	}
	n := scanKey(line[1:])
	if n == 0 {
		return nil
	}
	item := newItem(keyText(line[1:1+n]), seg.Start, seg.Start+1+n)
	item.Mode = doc.AuthorInText
	end := 1 + n
	// pandoc: "@doe99 [p. 33]" gives a narrative citation a locator.
	if end+1 < len(line) && line[end] == ' ' && line[end+1] == '[' {
		if c := closeOnLine(line, end+1); c > 0 && !followedByLink(line, c) {
			inner := line[end+2 : c]
			if len(inner) > 0 && inner[0] != '^' && findKey(inner, 0, len(inner)) < 0 {
				item.setSuffix(cleanText(inner))
				end = c + 1
			}
		}
	}
	block.Advance(end)
	node := &citeNode{Start: seg.Start, End: seg.Start + end, Items: []citeItem{item}}
	node.SetPos(seg.Start)
	return node
}

// closeOnLine finds the ']' that closes the '[' at open on the same line.
func closeOnLine(line []byte, open int) int {
	depth := 0
	for i := open + 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return i
			}
			depth--
		case '`':
			return -1
		}
	}
	return -1
}

func followedByLink(line []byte, close int) bool {
	return close+1 < len(line) && (line[close+1] == '(' || line[close+1] == '[')
}

// tooLong reports a bracket that holds a citation key but reached the
// limits before it closed.
func tooLong(st *state, buf []byte, seg text.Segment) {
	if findKey(buf, 0, len(buf)) < 0 {
		return
	}
	st.warnf(seg.Start, seg.Start+1, "citation-too-long",
		fmt.Sprintf("this bracket holds a citation but is not closed within %d lines or %d bytes: it is left as text", maxCiteLines, maxCiteBytes),
		"close the bracket with ], or split the citation")
}

func parseBracket(block text.Reader, pc parser.Context, line []byte, seg text.Segment) ast.Node {
	if len(line) < 2 {
		return nil
	}
	savedLine, savedSeg := block.Position()
	restore := func() ast.Node {
		block.SetPosition(savedLine, savedSeg)
		return nil
	}
	// Gather the bracket's content, and where each byte sits in the source,
	// in buffers the parse reuses: most brackets are not citations.
	st := getState(pc)
	buf, offs := st.citeBuf[:0], st.citeOffs[:0]
	defer func() { st.citeBuf, st.citeOffs = buf[:0], offs[:0] }()
	cur, curSeg := line, seg
	k := 1
	depth := 0
	for lines := 0; ; lines++ {
		for ; k < len(cur); k++ {
			c := cur[k]
			switch c {
			case '\\':
				if k+1 < len(cur) && cur[k+1] != '\n' {
					buf = append(buf, c, cur[k+1])
					offs = append(offs, absOff(curSeg, k), absOff(curSeg, k+1))
					k++
					continue
				}
			case '`':
				return restore() // code spans keep their @s
			case '[':
				depth++
			case ']':
				if depth == 0 {
					goto closed
				}
				depth--
			}
			buf = append(buf, c)
			offs = append(offs, absOff(curSeg, k))
			if len(buf) > maxCiteBytes {
				tooLong(st, buf, seg)
				return restore()
			}
		}
		if lines >= maxCiteLines {
			tooLong(st, buf, seg)
			return restore()
		}
		block.AdvanceLine()
		cur, curSeg = block.PeekLine()
		if cur == nil {
			return restore()
		}
		k = 0
	}
closed:
	closeLine, _ := block.Position()
	closeAbs := absOff(curSeg, k)
	if k+1 < len(cur) {
		switch cur[k+1] {
		case '(':
			return restore()
		case '[':
			ref := buf
			if c := closeOnLine(cur, k+1); c > k+2 {
				ref = cur[k+2 : c]
			}
			if _, ok := pc.Reference(util.ToLinkReference(ref)); ok {
				return restore()
			}
		}
	}
	items, ok := parseItems(buf, offs)
	if !ok {
		return restore()
	}
	node := &citeNode{Start: seg.Start, End: closeAbs + 1, Bracketed: true, Items: items}
	node.SetPos(seg.Start)
	cites, xrefs := 0, 0
	for _, it := range items {
		if it.Kind == "" {
			cites++
		} else {
			xrefs++
		}
	}
	if cites > 0 && xrefs > 0 {
		node.Invalid = true
		getState(pc).errorf(node.Start, node.End, "mixed-cite-xref",
			"a bracket mixes citations and cross-references",
			"write them as two brackets: [see @sec:x] [@key]")
	}
	for _, it := range items {
		if it.Kind != "" && it.Mode == doc.SuppressAuthor {
			getState(pc).warnf(it.Start-1, it.End, "xref-suppress",
				"'-' before a cross-reference means nothing and is ignored", "")
		}
	}
	block.SetPosition(closeLine, text.NewSegment(closeAbs+1, curSeg.Stop))
	return node
}

// absOff is the source offset of byte k of a line that PeekLine returned;
// padding (a tab's columns) is not in the source.
func absOff(seg text.Segment, k int) int {
	if k < seg.Padding {
		return seg.Start
	}
	return seg.Start + k - seg.Padding
}

// parseItems splits a bracket's content at ';' into items, each a prefix,
// a key and a suffix; every item needs a key, else the bracket is text.
func parseItems(buf []byte, offs []int) ([]citeItem, bool) {
	var items []citeItem
	start := 0
	depth := 0
	for i := 0; i <= len(buf); i++ {
		if i < len(buf) {
			switch buf[i] {
			case '\\':
				i++
				continue
			case '[':
				depth++
				continue
			case ']':
				depth--
				continue
			case ';':
				if depth != 0 {
					continue
				}
			default:
				continue
			}
		}
		it, ok := parseItem(buf, offs, start, i)
		if !ok {
			return nil, false
		}
		items = append(items, it)
		start = i + 1
	}
	return items, len(items) > 0
}

func parseItem(buf []byte, offs []int, start, end int) (citeItem, bool) {
	at := findKey(buf, start, end)
	if at < 0 {
		return citeItem{}, false
	}
	n := scanKey(buf[at+1 : end])
	suppress := at > start && buf[at-1] == '-'
	prefixEnd := at
	if suppress {
		prefixEnd--
	}
	keyEnd := offs[at+n] + 1
	it := newItem(keyText(buf[at+1:at+1+n]), offs[at], keyEnd)
	if suppress {
		it.Mode = doc.SuppressAuthor
	}
	it.Prefix = strings.TrimSpace(cleanText(buf[start:prefixEnd]))
	it.setSuffix(cleanText(buf[at+1+n : end]))
	return it, true
}

// findKey finds the '@' of the first key in buf[start:end] that stands at
// the item's start or after a space (or after '-' there).
func findKey(buf []byte, start, end int) int {
	for i := start; i < end; i++ {
		if buf[i] == '\\' {
			i++
			continue
		}
		if buf[i] != '@' {
			continue
		}
		j := i
		if j > start && buf[j-1] == '-' {
			j--
		}
		if j > start && !isBlankByte(buf[j-1]) {
			continue
		}
		if scanKey(buf[i+1:end]) > 0 {
			return i
		}
	}
	return -1
}

func isBlankByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func newItem(key string, start, end int) citeItem {
	it := citeItem{Start: start, End: end, Key: key}
	if kind, capital := xrefKind(key); kind != "" {
		it.Kind, it.Capital = kind, capital
		if capital {
			it.Key = kind + key[len(kind):]
		}
	}
	return it
}

// setSuffix stores a suffix; a citation's is split into locator and rest.
func (it *citeItem) setSuffix(s string) {
	s = strings.TrimRight(s, " ")
	if it.Kind != "" {
		it.Suffix = strings.TrimLeft(s, " ")
		return
	}
	it.Label, it.Locator, it.Suffix = splitLocator(s)
	it.Suffix = strings.TrimRight(it.Suffix, " ")
	if strings.TrimSpace(it.Suffix) == "" {
		it.Suffix = ""
	}
}

// cleanText turns raw Markdown text (a citation's prefix or suffix) into
// plain text: escapes and entities resolved, line ends and runs of blanks
// made one space. Smart punctuation comes later, with the language.
func cleanText(b []byte) string {
	s := unescape(b)
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			space = true
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	if space {
		sb.WriteByte(' ')
	}
	return sb.String()
}

// unescape resolves backslash escapes and entity references as goldmark's
// HTML writer does, without escaping anything for HTML.
func unescape(b []byte) string {
	if !needsUnescape(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			sb.WriteByte(b[i+1])
			i++
		case c == 0:
			sb.WriteRune(utf8.RuneError)
		case c == '&':
			if r, n := entity(b[i:]); n > 0 {
				sb.WriteString(r)
				i += n - 1
			} else {
				sb.WriteByte(c)
			}
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

func needsUnescape(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c == '&' || c == 0 {
			return true
		}
	}
	return false
}

// entity decodes an entity reference at the start of b ("&amp;", "&#123;",
// "&#x7B;") and returns its text and length, or 0.
func entity(b []byte) (string, int) {
	if len(b) < 3 || b[0] != '&' {
		return "", 0
	}
	if b[1] == '#' {
		i := 2
		base := 10
		if i < len(b) && (b[i] == 'x' || b[i] == 'X') {
			base = 16
			i++
		}
		start := i
		v := 0
		for i < len(b) && i-start < 8 {
			d := hexVal(b[i])
			if d < 0 || d >= base {
				break
			}
			v = v*base + d
			i++
		}
		if i == start || i >= len(b) || b[i] != ';' || (base == 10 && i-start > 7) || (base == 16 && i-start > 6) {
			return "", 0
		}
		r := rune(v)
		if r == 0 || r > unicode.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
			r = utf8.RuneError
		}
		return string(r), i + 1
	}
	i := 1
	for i < len(b) && isAlnumByte(b[i]) {
		i++
	}
	if i == 1 || i >= len(b) || b[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(b[1:i]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
