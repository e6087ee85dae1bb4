package csl

// out is the intermediate output of rendering one cite or entry: a tree of
// literal rich text, formatted groups and tagged parts. Tags mark what
// later passes need to find again (names for substitution and collapsing,
// dates and year-suffixes for collapsing, the item for suppress-author),
// and formatting is applied only when the tree becomes Rich, after those
// passes.
type out struct {
	kind outKind
	lit  Rich        // oLit
	f    *formatting // oFmt; nil means a plain sequence
	tag  *tag        // oTag
	kids []*out
}

type outKind uint8

const (
	oLit outKind = iota
	oFmt
	oTag
)

type tagKind uint8

const (
	tagItem tagKind = iota
	tagName
	tagNames
	tagDate
	tagYearSuffix
	tagCitationNumber
	tagTerm
	tagLocator
	tagAffix      // an item's prefix or suffix from the document
	tagNameSep    // a delimiter, "and" or "et al." between names
	tagNamesLabel // the label of a name list
	tagLabel      // a cs:label
)

type tag struct {
	kind tagKind
	// tagItem
	itemID string
	cite   *citeRef
	// tagName
	name *name
	// tagNames
	variable string
	names    []*name
	namesEl  *namesEl
	// tagDate
	date *dateValue
	// tagYearSuffix, tagCitationNumber
	n int
}

func lit(r Rich) *out {
	if len(r) == 0 {
		return nil
	}
	return &out{kind: oLit, lit: r}
}

// litBox holds a literal output and its text in one allocation: renders
// make many of them.
type litBox struct {
	o out
	n Node
	r [1]*Node
}

func litText(s string) *out {
	if s == "" {
		return nil
	}
	b := &litBox{n: Node{Kind: KText, Text: s}}
	b.r[0] = &b.n
	b.o = out{kind: oLit, lit: b.r[:]}
	return &b.o
}

// group builds a formatted sequence of the non-nil outputs; nil when none.
func group(f *formatting, kids ...*out) *out {
	n := 0
	for _, k := range kids {
		if k != nil {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if n == len(kids) {
		if n == 1 && (f == nil || f.isZero()) {
			return kids[0]
		}
		if f != nil && f.isZero() {
			f = nil
		}
		return &out{kind: oFmt, f: f, kids: kids}
	}
	ks := make([]*out, 0, n)
	for _, k := range kids {
		if k != nil {
			ks = append(ks, k)
		}
	}
	if len(ks) == 1 && (f == nil || f.isZero()) {
		return ks[0]
	}
	if f != nil && f.isZero() {
		f = nil
	}
	return &out{kind: oFmt, f: f, kids: ks}
}

// spaceOut joins name parts. Outputs are never changed once made, so one
// value serves every render.
var spaceOut = litText(" ")

func sepOut(s string) *out { return tagged(&tag{kind: tagNameSep}, litText(s)) }

type tagBox struct {
	o out
	k [1]*out
}

func tagged(t *tag, o *out) *out {
	if o == nil {
		return nil
	}
	b := &tagBox{}
	b.k[0] = o
	b.o = out{kind: oTag, tag: t, kids: b.k[:]}
	return &b.o
}

// walk visits every node in document order; returning false skips a
// node's children.
func (o *out) walk(f func(*out) bool) {
	if o == nil {
		return
	}
	if !f(o) {
		return
	}
	for _, k := range o.kids {
		k.walk(f)
	}
}

// transform rebuilds the tree bottom-up through f.
func (o *out) transform(f func(*out) *out) *out {
	if o == nil {
		return nil
	}
	if len(o.kids) > 0 {
		c := *o
		c.kids = make([]*out, 0, len(o.kids))
		for _, k := range o.kids {
			if k2 := k.transform(f); k2 != nil {
				c.kids = append(c.kids, k2)
			}
		}
		if len(c.kids) == 0 {
			return nil
		}
		o = &c
	}
	return f(o)
}

// plainText is the output's text without formatting or affixes' effects on
// punctuation: used to compare cites for disambiguation and collapsing.
func (o *out) plainText() string {
	if o == nil {
		return ""
	}
	return o.render().String()
}

// lastRune is the last character an output prints, its suffix included,
// found without rendering it.
func (o *out) lastRune() rune {
	if o == nil {
		return 0
	}
	if o.kind == oLit {
		return o.lit.lastRune()
	}
	if o.f != nil && o.f.suffix != "" && o.hasText() {
		return lastRuneOf(o.f.suffix)
	}
	for i := len(o.kids) - 1; i >= 0; i-- {
		if c := o.kids[i].lastRune(); c != 0 {
			return c
		}
	}
	return 0
}
