package cite

import (
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
)

// joinPunct merges punctuation where a formatted citation meets the text
// after it, as the processor does where its own parts meet: "See
// [@key]." after a citation that ends "(10 February 2026)." prints one full
// stop, as pandoc and citeproc-js do.
func joinPunct(pub *doc.Publication) {
	fix := func(ins []doc.Inline) {
		for i := 0; i+1 < len(ins); i++ {
			c, ok := ins[i].(*doc.Cite)
			if !ok || len(c.Text) == 0 {
				continue
			}
			t, ok := ins[i+1].(*doc.Text)
			if !ok || t.Value == "" {
				continue
			}
			start, size := utf8.DecodeRuneInString(t.Value)
			last := lastText(c.Text)
			if last == nil {
				continue
			}
			end := lastMark(last.Value)
			dropEnd, dropStart := csl.JoinPunct(end, start)
			if dropStart {
				t.Value = t.Value[size:]
			} else if dropEnd && strings.HasSuffix(last.Value, string(end)) {
				last.Value = strings.TrimSuffix(last.Value, string(end))
			}
		}
	}
	for _, ch := range pub.Chapters {
		doc.Visitor{Block: func(b doc.Block) bool {
			switch n := b.(type) {
			case *doc.Para:
				fix(n.Inlines)
			case *doc.Heading:
				fix(n.Inlines)
			}
			return true
		}, Inline: func(in doc.Inline) bool {
			if _, ok := in.(*doc.Cite); ok {
				return false
			}
			fix(doc.Children(in))
			return true
		}}.WalkBlocks(ch.Blocks)
	}
}

// lastText is the last text run of a citation, through links and
// formatting.
func lastText(ins []doc.Inline) *doc.Text {
	for i := len(ins) - 1; i >= 0; i-- {
		if t, ok := ins[i].(*doc.Text); ok {
			if t.Value != "" {
				return t
			}
			continue
		}
		if t := lastText(doc.Children(ins[i])); t != nil {
			return t
		}
	}
	return nil
}

// lastMark is the last character of s, looking through closing quotation
// marks: "“Title.”" ends in a full stop for the text that follows.
func lastMark(s string) rune {
	s = strings.TrimRight(s, "”’»›\"'")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
