package csl

import "strings"

// Kind says what a Node of formatted text is.
type Kind uint8

// The kinds of Node. Roman, NormalWeight, NormalVariant and NoDecoration
// switch a style off inside a span that has it on ("flip-flop"), as CSL's
// font-style="normal" does inside italics.
const (
	KText Kind = iota
	KItalic
	KRoman
	KBold
	KNormalWeight
	KSmallCaps
	KNormalVariant
	KUnderline
	KNoDecoration
	KSup
	KSub
	KBaseline
	KQuoted // localized into quotation marks before the processor returns
	KNoCase // protects its text from text-case; invisible in output
	KDisplay
	KLink
	KNoDecor // rich-text <span class="nodecor">: every style in effect off
	// KItem marks the part of a citation that cites one item; Text is the
	// item's ID. It prints nothing of its own: renderers may link it to
	// the item's bibliography entry.
	KItem
)

// Node is one piece of formatted text: a run of characters (KText, in Text)
// or a span that formats its children. A KDisplay node holds its CSL display
// value ("block", "left-margin", "right-inline", "indent") in Text; a KLink
// node holds its URL in Text.
type Node struct {
	Kind Kind
	Text string
	Kids []*Node
}

// Rich is formatted text: the output of the processor, which every
// renderer reads through one of its conversions (HTML, plain text, doc
// inlines), so that citations look the same in every format.
type Rich []*Node

func textNode(s string) *Node { return &Node{Kind: KText, Text: s} }

func wrap(k Kind, r Rich) Rich {
	if len(r) == 0 {
		return nil
	}
	return Rich{{Kind: k, Kids: r}}
}

// textBox holds a one-run Rich in one allocation.
type textBox struct {
	n Node
	r [1]*Node
}

func plain(s string) Rich {
	if s == "" {
		return nil
	}
	b := &textBox{n: Node{Kind: KText, Text: s}}
	b.r[0] = &b.n
	return b.r[:]
}

// String is the text without formatting.
func (r Rich) String() string {
	var b strings.Builder
	r.writeText(&b)
	return b.String()
}

func (r Rich) writeText(b *strings.Builder) {
	for i, n := range r {
		if n.Kind == KText {
			b.WriteString(n.Text)
			continue
		}
		if n.Kind == KSup {
			// Plain text has no raised letters, but Unicode has many:
			// "n.º", "3ᵉ", "1ʳᵉ" stay what they are, as in citeproc-js's
			// text format.
			if s, ok := toSuperscript(Rich(n.Kids).String()); ok {
				b.WriteString(s)
				continue
			}
		}
		Rich(n.Kids).writeText(b)
		// In plain text a margin label ("[1]") and the entry beside it
		// need a space between them.
		if n.Kind == KDisplay && n.Text == "left-margin" && i+1 < len(r) {
			if next := Rich(r[i+1:]).firstRune(); next != 0 && next != ' ' {
				b.WriteByte(' ')
			}
		}
	}
}

// IsEmpty reports whether the text holds no characters.
func (r Rich) IsEmpty() bool {
	for _, n := range r {
		if n.Kind == KText {
			if n.Text != "" {
				return false
			}
		} else if !Rich(n.Kids).IsEmpty() {
			return false
		}
	}
	return true
}

// firstRune and lastRune look through formatting to the text's ends.
func (r Rich) firstRune() rune {
	for _, n := range r {
		if n.Kind == KText {
			if n.Text != "" {
				for _, c := range n.Text {
					return c
				}
			}
			continue
		}
		if n.Kind == KQuoted && !Rich(n.Kids).IsEmpty() {
			return '“'
		}
		if c := Rich(n.Kids).firstRune(); c != 0 {
			return c
		}
	}
	return 0
}

func (r Rich) lastRune() rune {
	for i := len(r) - 1; i >= 0; i-- {
		n := r[i]
		if n.Kind == KText {
			if n.Text != "" {
				return lastRuneOf(n.Text)
			}
			continue
		}
		if n.Kind == KQuoted && !Rich(n.Kids).IsEmpty() {
			return '”'
		}
		if c := Rich(n.Kids).lastRune(); c != 0 {
			return c
		}
	}
	return 0
}

func lastRuneOf(s string) rune {
	var last rune
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			for _, c := range s[i:] {
				last = c
				break
			}
			return last
		}
	}
	return 0
}

// clone copies the tree, so that edits at the edges do not reach text
// shared with other outputs.
func (r Rich) clone() Rich {
	if r == nil {
		return nil
	}
	out := make(Rich, len(r))
	for i, n := range r {
		c := *n
		c.Kids = Rich(n.Kids).clone()
		out[i] = &c
	}
	return out
}

// trimLeftFunc removes leading characters matching f from the first text
// run (through formatting), as citeproc-js does when punctuation collides.
func (r Rich) trimLeftFunc(f func(rune) bool) Rich {
	r = r.clone()
	trimLeftIn(r, f)
	return r
}

func trimLeftIn(r Rich, f func(rune) bool) bool {
	for _, n := range r {
		if n.Kind == KText {
			if n.Text == "" {
				continue
			}
			n.Text = strings.TrimLeftFunc(n.Text, f)
			if n.Text != "" {
				return true
			}
			continue
		}
		if n.Kind == KQuoted && !Rich(n.Kids).IsEmpty() {
			return true
		}
		if trimLeftIn(n.Kids, f) {
			return true
		}
	}
	return false
}

func (r Rich) trimRightFunc(f func(rune) bool) Rich {
	r = r.clone()
	trimRightIn(r, f)
	return r
}

func trimRightIn(r Rich, f func(rune) bool) bool {
	for i := len(r) - 1; i >= 0; i-- {
		n := r[i]
		if n.Kind == KText {
			if n.Text == "" {
				continue
			}
			n.Text = strings.TrimRightFunc(n.Text, f)
			if n.Text != "" {
				return true
			}
			continue
		}
		if n.Kind == KQuoted && !Rich(n.Kids).IsEmpty() {
			return true
		}
		if trimRightIn(n.Kids, f) {
			return true
		}
	}
	return false
}

// mapText applies f to every text run.
func (r Rich) mapText(f func(string) string) Rich {
	out := make(Rich, 0, len(r))
	for _, n := range r {
		c := *n
		if n.Kind == KText {
			c.Text = f(n.Text)
		} else {
			c.Kids = Rich(n.Kids).mapText(f)
		}
		out = append(out, &c)
	}
	return out
}

// concat joins pieces, merging nothing: the tree keeps its structure so
// that formatting at the edges stays where it was.
func concat(parts ...Rich) Rich {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		return nil
	}
	out := make(Rich, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
