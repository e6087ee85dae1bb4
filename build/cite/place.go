// Package cite places and formats citations: under a note style it moves
// every citation that stands in running text into a footnote of its own
// (before notes are numbered), and after numbering it checks every key
// against the bibliography and fills the citations' text and the reference
// lists.
package cite

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
)

// PlaceNotes wraps every citation in running text in an automatic note, as
// a note style asks; citations already inside a footnote stay there. The note
// mark goes after adjacent punctuation ("text [@a]." reads "text.¹"), and the
// space before the citation is dropped.
func PlaceNotes(ch *doc.Chapter) {
	doc.Rewriter{
		Enter: func(n any) bool {
			switch n.(type) {
			case *doc.Note: // a note's own citations stay in it
				return false
			case *doc.Heading, *doc.Figure, *doc.Link, *doc.Cite:
				// A note mark in a heading, a figure's caption or a
				// link's text would be an anchor inside another.
				return false
			}
			return true
		},
		Inlines: placeInlines,
	}.Blocks(ch.Blocks)
}

// placeInlines wraps the citations of one sequence; the rewriter has done
// the sequences inside it (emphasis, small caps, …) already.
func placeInlines(ins []doc.Inline) []doc.Inline {
	out := make([]doc.Inline, 0, len(ins))
	for i := 0; i < len(ins); i++ {
		switch n := ins[i].(type) {
		case *doc.Cite:
			inNote := doc.Inline(n)
			if len(n.Items) > 0 && n.Items[0].Mode == doc.AuthorInText {
				// "As @doe argues": the name stays in the text, the
				// citation goes into the note.
				full := &doc.Cite{Span: n.Span, Items: slices.Clone(n.Items), InNote: true, StartsNote: true}
				for i := range full.Items {
					full.Items[i].Mode = doc.NormalCite
				}
				out = append(out, n)
				inNote = full
				note := &doc.Note{Span: n.Span, Auto: true, Blocks: []doc.Block{&doc.Para{Span: n.Span, Inlines: []doc.Inline{inNote}}}}
				if i+1 < len(ins) {
					if t, ok := ins[i+1].(*doc.Text); ok {
						if p := leadingPunct(t.Value); p != "" {
							out = appendText(out, p)
							t.Value = t.Value[len(p):]
						}
					}
				}
				out = append(out, note)
				continue
			}
			n.InNote, n.StartsNote = true, true
			note := &doc.Note{Span: n.Span, Auto: true, Blocks: []doc.Block{&doc.Para{Span: n.Span, Inlines: []doc.Inline{inNote}}}}
			// Drop the space before the mark.
			if k := len(out) - 1; k >= 0 {
				if t, ok := out[k].(*doc.Text); ok {
					t.Value = strings.TrimRight(t.Value, " ")
					if t.Value == "" {
						out = out[:k]
					}
				} else if _, ok := out[k].(*doc.SoftBreak); ok {
					out = out[:k]
				}
			}
			// Move punctuation that follows to before the mark.
			if i+1 < len(ins) {
				if t, ok := ins[i+1].(*doc.Text); ok {
					p := leadingPunct(t.Value)
					if p != "" {
						out = appendText(out, p)
						t.Value = t.Value[len(p):]
					}
				}
			}
			out = append(out, note)
		default:
			out = append(out, n)
		}
	}
	// Texts emptied by moving punctuation are dropped.
	clean := out[:0]
	for _, in := range out {
		if t, ok := in.(*doc.Text); ok && t.Value == "" {
			continue
		}
		clean = append(clean, in)
	}
	return clean
}

func leadingPunct(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(".,;:!?", r) {
			break
		}
		i += size
	}
	return s[:i]
}

func appendText(out []doc.Inline, s string) []doc.Inline {
	if k := len(out) - 1; k >= 0 {
		if t, ok := out[k].(*doc.Text); ok {
			t.Value += s
			return out
		}
	}
	return append(out, &doc.Text{Value: s})
}
