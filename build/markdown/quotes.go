package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// openingQuote corrects goldmark's typographer, which takes a ' before t,
// e, n or l for an elision ('twas, 'em) and so writes ’effective control’
// for 'effective control'. It runs just before the typographer and makes
// such a quote an opening one, leaving true elisions to the typographer.
type openingQuote struct{ left string }

func (o openingQuote) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(o, 9990)))
}

func (openingQuote) Trigger() []byte { return []byte{'\''} }

func (o openingQuote) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 2 {
		return nil
	}
	before := block.PrecendingCharacter()
	if !unicode.IsSpace(before) && !strings.ContainsRune("([{“‘«„‚—–/", before) {
		return nil
	}
	next, _ := utf8.DecodeRune(line[1:])
	if !strings.ContainsRune("tenlTENL", next) || isElision(line[1:]) {
		return nil
	}
	if !closesLater(line[1:]) {
		return nil
	}
	n := ast.NewString([]byte(o.left))
	n.SetCode(true)
	block.Advance(1)
	return n
}

// isElision recognises the words the typographer's rule was made for.
func isElision(b []byte) bool {
	end := 0
	for end < len(b) && (b[end] >= 'a' && b[end] <= 'z' || b[end] >= 'A' && b[end] <= 'Z') {
		end++
	}
	switch strings.ToLower(string(b[:end])) {
	case "tis", "twas", "twill", "twould", "til", "em", "n", "neath", "nuff", "lo":
		return true
	}
	return false
}

// closesLater says whether a ' that could close a quotation follows on the
// line: one after a letter and not before one (an apostrophe, as in
// "State's", is between letters).
func closesLater(b []byte) bool {
	for i := 1; i < len(b); i++ {
		if b[i] != '\'' {
			continue
		}
		prev, _ := utf8.DecodeLastRune(b[:i])
		next, _ := utf8.DecodeRune(b[i+1:])
		if !unicode.IsSpace(prev) && !unicode.IsLetter(next) && !unicode.IsDigit(next) {
			return true
		}
	}
	return false
}
