package markdown

import (
	"github.com/normpress/normpress/build/source"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
)

// stateKey finds a parse's state in goldmark's parser.Context. Context keys
// are goldmark's own package-level counter: made once, as goldmark's
// extensions make theirs, because each new key widens every context.
var stateKey = parser.NewContextKey()

// state is what one parse collects beside goldmark's AST: the diagnostics
// found while goldmark runs (in offsets of the parsed bytes, mapped to the
// file later) and the footnote definitions before goldmark-style bookkeeping
// drops the unused ones.
type state struct {
	diags []rawDiag

	footScanned bool
	footList    *east.FootnoteList
	footByLabel map[string]*east.Footnote // the first definition of each label
	footDefs    []*east.Footnote          // every definition, in document order

	noteOpeners []*inlineNoteOpen

	citeBuf  []byte
	citeOffs []int
	captions []*captionPara
	// paraLabels are keyed by the offset of the paragraph's first line: a
	// tight list turns its paragraphs into new TextBlock nodes.
	paraLabels map[int]labelAttr
}

// rawDiag is a diagnostic in parsed-text offsets.
type rawDiag struct {
	sev        source.Severity
	start, end int
	code, msg  string
	hint       string
}

func (s *state) errorf(start, end int, code, msg, hint string) {
	s.diags = append(s.diags, rawDiag{source.Error, start, end, code, msg, hint})
}

func (s *state) warnf(start, end int, code, msg, hint string) {
	s.diags = append(s.diags, rawDiag{source.Warning, start, end, code, msg, hint})
}

// getState returns the parse's state, making one when goldmark runs without
// ParseChapter (New() used on its own).
func getState(pc parser.Context) *state {
	if v, ok := pc.Get(stateKey).(*state); ok {
		return v
	}
	s := &state{}
	pc.Set(stateKey, s)
	return s
}

// labelAttr is an attribute block found at the end of a paragraph.
type labelAttr struct {
	attr       attrs
	start, end int // the braces in the parsed text
}
