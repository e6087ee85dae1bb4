package csl

import (
	"slices"
	"strings"
)

// evCite makes an evaluator for a cite.
func (p *Processor) evCite(ref *citeRef) *ev {
	return &ev{p: p, it: p.items[ref.id], cite: ref, dis: p.dis[ref.id], ysVar: p.style.citYearSuffixVar}
}

// citeOut renders one cite with its document affixes.
func (p *Processor) citeOut(ref *citeRef, capFirst bool) *out {
	e := p.evCite(ref)
	body := group(nil, e.elements(p.style.citation.kids)...)
	if body == nil {
		return nil
	}
	if capFirst {
		body = capitalizeFirstTerm(body)
	}
	switch {
	case ref.authorOnly:
		body = onlyFirstNames(body)
	case ref.suppressAuthor:
		body = removeFirstNames(body)
	}
	if body == nil {
		return nil
	}
	o := tagged(&tag{kind: tagItem, itemID: ref.id, cite: ref}, body)
	if ref.prefix != "" || ref.suffix != "" {
		var pre, suf *out
		if ref.prefix != "" {
			pre = tagged(&tag{kind: tagAffix}, lit(parseMarkup(ref.prefix)))
		}
		if ref.suffix != "" {
			suf = tagged(&tag{kind: tagAffix}, lit(parseMarkup(ref.suffix)))
		}
		o = group(nil, pre, o, suf)
	}
	return o
}

// removeFirstNames drops the first names output (the author, or what
// substitutes for it): suppress-author.
func removeFirstNames(o *out) *out {
	done := false
	return o.transform(func(x *out) *out {
		if !done && x.kind == oTag && x.tag.kind == tagNames {
			done = true
			return nil
		}
		return x
	})
}

func onlyFirstNames(o *out) *out {
	var found *out
	o.walk(func(x *out) bool {
		if found != nil {
			return false
		}
		if x.kind == oTag && x.tag.kind == tagNames {
			found = x
			return false
		}
		return true
	})
	return found
}

func (p *Processor) renderCitation(ce *citationEntry) Rich {
	refs := ce.refs
	if len(p.style.citation.sort) > 0 && len(refs) > 1 {
		refs = p.sortCites(refs)
	}
	outs := make([]*out, 0, len(refs))
	for i, r := range refs {
		// In a note, a term that opens the citation starts a sentence:
		// "Ibid.", also after a prefix of more than one word that ends
		// one ("This has been said. Ibid.").
		capFirst := p.style.IsNote() && ((i == 0 && r.prefix == "") || endsSentence(r.prefix))
		if o := p.citeOut(r, capFirst); o != nil {
			outs = append(outs, o)
		}
	}
	if len(outs) == 0 {
		return nil
	}
	lf := p.style.citation.f
	// The layout's affixes go inside its font formatting, as in
	// citeproc-js: "<b>([1]–[3])</b>".
	affixes := &formatting{prefix: lf.prefix, suffix: lf.suffix, delimiter: lf.delimiter,
		hasDelimiter: lf.hasDelimiter, citeDelim: true}
	if allAuthorOnly(refs) {
		// A name that stands in running text ("as Doe argues") takes
		// neither the brackets of an in-text style nor a note's full stop.
		affixes.prefix, affixes.suffix = "", ""
	}
	lf.prefix, lf.suffix, lf.delimiter, lf.hasDelimiter = "", "", "", false
	var body *out
	if p.style.cit.collapse != "" || p.style.cit.hasCiteGroup {
		body = p.collapse(outs, affixes)
		affixes.delimiter, affixes.hasDelimiter = "", false
		body = &out{kind: oFmt, f: affixes, kids: []*out{body}}
	} else {
		body = &out{kind: oFmt, f: affixes, kids: outs}
	}
	if !lf.isZero() {
		body = &out{kind: oFmt, f: &lf, kids: []*out{body}}
	}
	r := body.renderPQ(p.loc.punctInQuote)
	return p.finish(r)
}

// finish localizes quotation marks, moving periods and commas inside them
// where the locale wants it.
func (p *Processor) finish(r Rich) Rich {
	if hasKind(r, KQuoted) {
		r = p.localizeQuotes(r, true)
	}
	if hasSuperscriptChar(r) {
		r = superscripts(r)
	}
	return r
}

func hasKind(r Rich, k Kind) bool {
	for _, n := range r {
		if n.Kind == k || hasKind(n.Kids, k) {
			return true
		}
	}
	return false
}

func hasSuperscriptChar(r Rich) bool {
	for _, n := range r {
		if n.Kind == KText {
			for _, c := range n.Text {
				if c >= 0xaa {
					if _, ok := superscriptBase[c]; ok {
						return true
					}
				}
			}
		} else if hasSuperscriptChar(n.Kids) {
			return true
		}
	}
	return false
}

func (p *Processor) localizeQuotes(r Rich, outer bool) Rich {
	var out Rich
	for _, n := range r {
		if n.Kind == KQuoted {
			oq, cq := "open-quote", "close-quote"
			if !outer {
				oq, cq = "open-inner-quote", "close-inner-quote"
			}
			o, _ := p.loc.term(oq, formLong, false)
			c, _ := p.loc.term(cq, formLong, false)
			if o == "" && c == "" {
				o, c = "“", "”"
				if !outer {
					o, c = "‘", "’"
				}
			}
			out = append(out, textNode(o))
			out = append(out, p.localizeQuotes(n.Kids, !outer)...)
			out = append(out, textNode(c))
			continue
		}
		if len(n.Kids) > 0 {
			kids := p.localizeQuotes(n.Kids, outer)
			c := *n
			c.Kids = kids
			out = append(out, &c)
			continue
		}
		out = append(out, n)
	}
	return out
}

func (p *Processor) renderBibliography() []Entry {
	l := p.style.bib
	outs := make([]*out, len(p.bibOrder))
	for i, id := range p.bibOrder {
		e := &ev{p: p, it: p.items[id], bib: true, dis: p.bibConfig(id), ysVar: p.style.bibYearSuffixVar}
		body := group(nil, e.elements(l.kids)...)
		outs[i] = body
	}
	if p.style.bibOpts.hasSubsequent {
		p.subsequentAuthorSubstitute(outs)
	}
	entries := make([]Entry, 0, len(outs))
	for i, body := range outs {
		if body == nil {
			continue
		}
		if p.style.bibOpts.secondFieldAlign != "" {
			body = secondFieldAlign(body)
		}
		lf := l.f
		// A layout suffix goes inside a trailing display block.
		body = &out{kind: oFmt, f: &lf, kids: []*out{body}}
		r := p.finish(moveSuffixIntoDisplay(body.renderPQ(p.loc.punctInQuote)))
		if r.IsEmpty() {
			continue
		}
		entries = append(entries, Entry{ID: p.bibOrder[i], Text: r})
	}
	return entries
}

// secondFieldAlign puts the first rendered part of an entry in a margin
// block and the rest beside it.
func secondFieldAlign(o *out) *out {
	for o.kind == oTag && len(o.kids) == 1 {
		o = o.kids[0]
	}
	if o.kind != oFmt || len(o.kids) < 2 || (o.f != nil && !o.f.isZero()) {
		return o
	}
	first := &out{kind: oFmt, f: &formatting{display: dispLeftMargin}, kids: []*out{o.kids[0]}}
	rest := &out{kind: oFmt, f: &formatting{display: dispRightInline}, kids: o.kids[1:]}
	return &out{kind: oFmt, kids: []*out{first, rest}}
}

// moveSuffixIntoDisplay: when an entry ends with a display block, text
// after it (the layout suffix) moves inside the block, as citeproc-js does.
func moveSuffixIntoDisplay(r Rich) Rich {
	n := len(r)
	if n == 0 {
		return r
	}
	lastDisp := -1
	for i := n - 1; i >= 0; i-- {
		if r[i].Kind == KDisplay {
			lastDisp = i
			break
		}
		if r[i].Kind != KText {
			return r
		}
	}
	if lastDisp < 0 {
		return r
	}
	// Text after the block moves into it, but trailing spaces, the
	// block's own included, stay after it (citeproc-js).
	tail := Rich(r[lastDisp+1:]).String()
	d := *r[lastDisp]
	kids := concat(d.Kids, plain(tail))
	trimmed := Rich(kids).trimRightFunc(func(c rune) bool { return c == ' ' })
	spaces := len(Rich(kids).String()) - len(trimmed.String())
	if tail == "" && spaces == 0 {
		return r
	}
	d.Kids = trimmed
	out := slices.Clone(r[:lastDisp])
	out = append(out, &d)
	if spaces > 0 {
		out = append(out, textNode(strings.Repeat(" ", spaces)))
	}
	return out
}

// capitalizeFirstTerm capitalizes a term when it is the first thing a cite
// prints.
func capitalizeFirstTerm(o *out) *out {
	path := []*out{}
	var find func(x *out) bool
	find = func(x *out) bool {
		if x == nil {
			return false
		}
		path = append(path, x)
		if x.kind == oLit {
			if !x.lit.IsEmpty() {
				return true
			}
		}
		for _, k := range x.kids {
			if !k.hasText() {
				continue
			}
			if find(k) {
				return true
			}
			break
		}
		path = path[:len(path)-1]
		return false
	}
	if !find(o) {
		return o
	}
	for _, x := range path {
		if x.kind == oTag && x.tag.kind == tagTerm {
			repl := &out{kind: oFmt, f: &formatting{textCase: tcCapitalizeFirst}, kids: []*out{x}}
			return replaceNode(o, x, repl)
		}
	}
	return o
}

// hasText reports whether an output would print anything, without
// rendering it.
func (o *out) hasText() bool {
	if o == nil {
		return false
	}
	if o.kind == oLit {
		return !o.lit.IsEmpty()
	}
	for _, k := range o.kids {
		if k.hasText() {
			return true
		}
	}
	return false
}

func allAuthorOnly(refs []*citeRef) bool {
	for _, r := range refs {
		if !r.authorOnly {
			return false
		}
	}
	return len(refs) > 0
}
