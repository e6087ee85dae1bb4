package cite

import (
	"strings"

	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/uri"
)

// The conversion of the citation processor's formatted text into the
// document model lives here, in the resolve phase, so that csl depends on
// bib and its own types only and the model is built in one direction.

// style is the formatting in effect on a run of text once flip-flops are
// resolved.
type style struct {
	italic, bold, smallCaps, underline bool
	sup, sub                           bool
	link                               string
	item                               string
	display                            string
}

type run struct {
	text string
	st   style
}

// Inlines converts formatted text into the document model, so that the
// HTML, EPUB and PDF renderers show a citation the same way. Nested
// italics that CSL turns upright are resolved here: the model only has
// "on" styles. A display block becomes a doc.Styled with the class
// "csl-left-margin", "csl-right-inline", "csl-block" or "csl-indent".
func Inlines(r csl.Rich) []doc.Inline { return LinkedInlines(r, nil) }

// LinkedInlines is Inlines with each cited item's part of a citation made
// a link to the target the function returns for the item's ID (its
// bibliography entry); nil targets and a nil function make no links. A
// URL or DOI link inside keeps its own target.
func LinkedInlines(r csl.Rich, target func(itemID string) *doc.Target) []doc.Inline {
	var runs []run
	collectStyled(r, style{}, &runs)
	return buildInlines(linkURLPrefixes(runs), target)
}

// linkURLPrefixes takes a link's URL prefix printed just before it into the
// link: a style writes prefix="https://doi.org/" before a DOI, whose link
// text is the bare DOI, and a reader expects the whole address to be the
// link.
func linkURLPrefixes(runs []run) []run {
	for i := 1; i < len(runs); i++ {
		cur, prev := &runs[i], &runs[i-1]
		if cur.st.link == "" || prev.st.link != "" || !strings.HasSuffix(cur.st.link, cur.text) {
			continue
		}
		pre := strings.TrimSuffix(cur.st.link, cur.text)
		if pre == "" || !strings.HasSuffix(prev.text, pre) {
			continue
		}
		prev.text = strings.TrimSuffix(prev.text, pre)
		cur.text = pre + cur.text
	}
	out := runs[:0]
	for _, r := range runs {
		if r.text != "" {
			out = append(out, r)
		}
	}
	return out
}

func collectStyled(r csl.Rich, st style, runs *[]run) {
	for _, n := range r {
		s := st
		switch n.Kind {
		case csl.KText:
			if n.Text != "" {
				if k := len(*runs); k > 0 && (*runs)[k-1].st == st {
					(*runs)[k-1].text += n.Text
				} else {
					*runs = append(*runs, run{n.Text, st})
				}
			}
			continue
		case csl.KItalic:
			s.italic = !st.italic
		case csl.KRoman:
			s.italic = false
		case csl.KBold:
			s.bold = !st.bold
		case csl.KNormalWeight:
			s.bold = false
		case csl.KSmallCaps:
			s.smallCaps = !st.smallCaps
		case csl.KNormalVariant:
			s.smallCaps = false
		case csl.KUnderline:
			s.underline = true
		case csl.KNoDecoration:
			s.underline = false
		case csl.KNoDecor:
			s.italic, s.bold, s.smallCaps, s.underline = false, false, false, false
		case csl.KSup:
			s.sup, s.sub = true, false
		case csl.KSub:
			s.sub, s.sup = true, false
		case csl.KBaseline:
			s.sup, s.sub = false, false
		case csl.KLink:
			s.link = n.Text
			s.item = "" // no link inside a link
		case csl.KItem:
			s.item = n.Text
		case csl.KDisplay:
			s.display = n.Text
		case csl.KQuoted:
			collectStyled(csl.Rich{{Kind: csl.KText, Text: "“"}}, st, runs)
			collectStyled(n.Kids, st, runs)
			collectStyled(csl.Rich{{Kind: csl.KText, Text: "”"}}, st, runs)
			continue
		}
		collectStyled(n.Kids, s, runs)
	}
}

// buildInlines nests runs: the outermost wrappers (display, link) group
// the longest stretches, then the font styles.
func buildInlines(runs []run, target func(string) *doc.Target) []doc.Inline {
	type layer struct {
		key  func(style) any
		make func(style, []doc.Inline) doc.Inline
	}
	layers := []layer{
		{func(s style) any { return s.display }, func(s style, in []doc.Inline) doc.Inline {
			if s.display == "" {
				return nil
			}
			return &doc.Styled{Attr: doc.Attr{Classes: []string{"csl-" + s.display}}, Inlines: in}
		}},
		{func(s style) any { return s.item }, func(s style, in []doc.Inline) doc.Inline {
			if s.item == "" || target == nil {
				return nil
			}
			if t := target(s.item); t != nil {
				return &doc.Link{Target: t, Inlines: in}
			}
			return nil
		}},
		{func(s style) any { return s.link }, func(s style, in []doc.Inline) doc.Inline {
			if s.link == "" {
				return nil
			}
			return &doc.Link{URL: uri.Encode(s.link), Inlines: in}
		}},
		{func(s style) any { return s.sup }, func(s style, in []doc.Inline) doc.Inline {
			if !s.sup {
				return nil
			}
			return &doc.Sup{Inlines: in}
		}},
		{func(s style) any { return s.sub }, func(s style, in []doc.Inline) doc.Inline {
			if !s.sub {
				return nil
			}
			return &doc.Sub{Inlines: in}
		}},
		{func(s style) any { return s.bold }, func(s style, in []doc.Inline) doc.Inline {
			if !s.bold {
				return nil
			}
			return &doc.Strong{Inlines: in}
		}},
		{func(s style) any { return s.italic }, func(s style, in []doc.Inline) doc.Inline {
			if !s.italic {
				return nil
			}
			return &doc.Emph{Inlines: in}
		}},
		{func(s style) any { return s.smallCaps }, func(s style, in []doc.Inline) doc.Inline {
			if !s.smallCaps {
				return nil
			}
			return &doc.SmallCaps{Inlines: in}
		}},
		{func(s style) any { return s.underline }, func(s style, in []doc.Inline) doc.Inline {
			if !s.underline {
				return nil
			}
			return &doc.Styled{Attr: doc.Attr{Classes: []string{"underline"}}, Inlines: in}
		}},
	}
	var build func(runs []run, level int) []doc.Inline
	build = func(runs []run, level int) []doc.Inline {
		if level == len(layers) {
			out := make([]doc.Inline, 0, len(runs))
			for _, r := range runs {
				out = append(out, &doc.Text{Value: r.text})
			}
			return out
		}
		l := layers[level]
		var out []doc.Inline
		i := 0
		for i < len(runs) {
			j := i
			k := l.key(runs[i].st)
			for j < len(runs) && l.key(runs[j].st) == k {
				j++
			}
			inner := build(runs[i:j], level+1)
			if w := l.make(runs[i].st, inner); w != nil {
				out = append(out, w)
			} else {
				out = append(out, inner...)
			}
			i = j
		}
		return out
	}
	return build(runs, 0)
}
