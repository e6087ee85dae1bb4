package csl

// subsequentAuthorSubstitute replaces the names of an entry that repeats
// the names of the entry before it ("———. 2001."), as the bibliography's
// subsequent-author-substitute and its rule say.
func (p *Processor) subsequentAuthorSubstitute(outs []*out) {
	sub := p.style.bibOpts.subsequentSub
	rule := p.style.bibOpts.subsequentRule
	var prevNames []*name
	var prevText string
	havePrev := false
	for i, o := range outs {
		if o == nil {
			havePrev = false
			continue
		}
		nt := findTag(o, tagNames)
		if nt == nil {
			havePrev = false
			continue
		}
		names := renderedNames(nt)
		text := namesOnlyText(nt)
		if !havePrev {
			prevNames, prevText, havePrev = names, text, true
			continue
		}
		r := rule
		if len(names) == 0 || len(prevNames) == 0 {
			r = "complete-all"
		}
		var replaced *out
		switch r {
		case "complete-all":
			if text == prevText && (len(names) > 0) == (len(prevNames) > 0) {
				replaced = replaceNames(nt, sub, -1, true)
			}
		case "complete-each":
			if text == prevText {
				replaced = replaceNames(nt, sub, -1, false)
			}
		case "partial-each", "partial-first":
			k := 0
			for k < len(names) && k < len(prevNames) && names[k].key == prevNames[k].key {
				k++
			}
			if k > 0 {
				if r == "partial-first" {
					k = 1
				}
				replaced = replaceNames(nt, sub, k, false)
			}
		}
		if replaced != nil {
			outs[i] = replaceNode(o, nt, replaced)
			continue
		}
		prevNames, prevText = names, text
	}
}

// namesOnlyText is the rendered names without their label.
func namesOnlyText(nt *out) string {
	return nt.transform(func(x *out) *out {
		if x.kind == oTag && x.tag.kind == tagNamesLabel {
			return nil
		}
		return x
	}).render().String()
}

// replaceNames substitutes the first count names (all when count < 0).
// With whole, the name list becomes the substitute once, separators and
// all; a names output without names (a substituted title) is replaced
// entirely.
func replaceNames(nt *out, sub string, count int, whole bool) *out {
	if len(renderedNames(nt)) == 0 {
		if sub == "" {
			return &out{kind: oTag, tag: nt.tag, kids: nil}
		}
		return tagged(nt.tag, litText(sub))
	}
	seen := 0
	res := nt.transform(func(x *out) *out {
		if x.kind != oTag {
			return x
		}
		switch x.tag.kind {
		case tagName:
			seen++
			if whole {
				if seen == 1 {
					return tagged(x.tag, litText(sub))
				}
				return nil
			}
			if count < 0 || seen <= count {
				return tagged(x.tag, litText(sub))
			}
		case tagNameSep:
			if whole {
				return nil
			}
		}
		return x
	})
	if res == nil {
		return &out{kind: oTag, tag: nt.tag}
	}
	return res
}

func replaceNode(root, old, repl *out) *out {
	if root == old {
		return repl
	}
	if len(root.kids) == 0 {
		return root
	}
	c := *root
	c.kids = make([]*out, len(root.kids))
	for i, k := range root.kids {
		c.kids[i] = replaceNode(k, old, repl)
	}
	return &c
}

// renderedNames are the names a names output shows, in order.
func renderedNames(nt *out) []*name {
	var ns []*name
	nt.walk(func(x *out) bool {
		if x.kind == oTag && x.tag.kind == tagName {
			ns = append(ns, x.tag.name)
			return false
		}
		return true
	})
	return ns
}
