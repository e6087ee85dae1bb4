package csl

// Cite grouping and collapsing (spec: Cite Grouping, Cite Collapsing):
// cites with the same names move together and, when the style collapses,
// print the names once ("Doe 2000, 2001"), year-suffixes alone ("2000a,
// b") or as ranges ("2000a–c"), and citation numbers as ranges ("1–3").

type citeInfo struct {
	o       *out
	item    *out // the tagItem node
	names   string
	affixed bool
	locator bool
	num     int
	date    string
	suffix  int
}

func findTag(o *out, k tagKind) *out {
	var found *out
	o.walk(func(x *out) bool {
		if found != nil {
			return false
		}
		if x.kind == oTag && x.tag.kind == k {
			found = x
			return false
		}
		return true
	})
	return found
}

func (p *Processor) citeInfos(items []*out) []citeInfo {
	infos := make([]citeInfo, len(items))
	for i, o := range items {
		ci := citeInfo{o: o}
		ci.item = findTag(o, tagItem)
		ci.affixed = findTag(o, tagAffix) != nil
		if ci.item != nil {
			ci.locator = ci.item.tag.cite.locator != ""
		}
		if n := findTag(o, tagNames); n != nil {
			ci.names = n.render().String()
			if ci.names == "" {
				ci.names = "\x00empty"
			}
		}
		if n := findTag(o, tagCitationNumber); n != nil {
			ci.num = n.tag.n
		}
		if d := findTag(o, tagDate); d != nil {
			ci.date = removeTag(d, tagYearSuffix).render().String()
		}
		if y := findTag(o, tagYearSuffix); y != nil {
			ci.suffix = y.tag.n
		}
		infos[i] = ci
	}
	return infos
}

func removeTag(o *out, k tagKind) *out {
	return o.transform(func(x *out) *out {
		if x.kind == oTag && x.tag.kind == k {
			return nil
		}
		return x
	})
}

// collapse joins the cites of a citation when the style groups or
// collapses them. As in citeproc-js, only adjacent cites with the same
// names group (the citation's sort brings them together), and the
// delimiter before each cite depends on whether it and the one before
// collapsed.
func (p *Processor) collapse(items []*out, lf *formatting) *out {
	delim := lf.delimiter
	c := &p.style.cit
	infos := p.citeInfos(items)
	if c.collapse == "citation-number" {
		return p.collapseNumbers(infos, delim)
	}
	groupDelim := delim
	switch {
	case c.hasCiteGroup:
		groupDelim = c.citeGroupDelim
	case !p.style.IsNote():
		groupDelim = ", "
	}
	ysDelim := delim
	switch {
	case c.hasYSDelim:
		ysDelim = c.yearSuffixDelim
	case c.hasCiteGroup:
		ysDelim = c.citeGroupDelim
	}
	if len(p.style.citation.sort) > 0 {
		// A sorted citation groups cites by their names, each group where
		// its first cite sorted (citeproc-js).
		var grouped []citeInfo
		used := make([]bool, len(infos))
		for i := range infos {
			if used[i] {
				continue
			}
			grouped = append(grouped, infos[i])
			used[i] = true
			if infos[i].names == "" {
				continue
			}
			for j := i + 1; j < len(infos); j++ {
				if !used[j] && infos[j].names == infos[i].names {
					grouped = append(grouped, infos[j])
					used[j] = true
				}
			}
		}
		infos = grouped
	}
	n := len(infos)
	coll := make([]bool, n)
	for i := 1; i < n; i++ {
		// Cites without names count as having the same (none), as in
		// citeproc-js: "(1965a, b)".
		coll[i] = infos[i].names == infos[i-1].names
	}
	yearSuffixMode := c.collapse == "year-suffix" || c.collapse == "year-suffix-ranged"
	// suffixOnly: the cite prints only its year-suffix ("2000a, b").
	suffixOnly := make([]bool, n)
	if yearSuffixMode {
		for i := 1; i < n; i++ {
			a, b := infos[i-1], infos[i]
			suffixOnly[i] = coll[i] && a.suffix > 0 && b.suffix > 0 && a.date == b.date &&
				!a.affixed && !b.affixed && !a.locator && !b.locator
		}
	}
	var kids []*out
	emitted := 0
	for i := 0; i < n; i++ {
		ci := infos[i]
		var body *out
		switch {
		case c.collapse == "":
			body = ci.o
		case suffixOnly[i]:
			body = yearSuffixOut(ci)
		case coll[i]:
			body = removeFirstNames(ci.o)
		default:
			body = ci.o
		}
		if c.collapse == "year-suffix-ranged" && suffixOnly[i] {
			// Three or more consecutive letters become a range: "a–e".
			j := i
			for j+1 < n && suffixOnly[j+1] && infos[j+1].suffix == infos[j].suffix+1 {
				j++
			}
			start := i
			if infos[i].suffix == infos[i-1].suffix+1 {
				start = i - 1
			}
			if j-start >= 2 {
				if start == i-1 {
					kids = append(kids, litText("–"), yearSuffixOut(infos[j]))
				} else {
					kids = append(kids, litText(ysDelim), yearSuffixOut(infos[i]), litText("–"), yearSuffixOut(infos[j]))
				}
				emitted++
				i = j
				continue
			}
		}
		if body == nil || body.render().IsEmpty() {
			continue
		}
		if emitted > 0 {
			var d string
			prevColl := i-1 == 0 || coll[i-1]
			switch {
			case suffixOnly[i]:
				d = ysDelim
			case c.collapse == "":
				if infos[i].names != "" && infos[i].names == infos[i-1].names {
					d = groupDelim
				} else {
					d = delim
				}
			case prevColl && !coll[i] && c.hasAfterCollapse:
				d = c.afterCollapse
			case coll[i] && infos[i-1].locator:
				d = delim
				if c.hasAfterCollapse {
					d = c.afterCollapse
				}
			case coll[i]:
				d = groupDelim
			default:
				d = delim
			}
			kids = append(kids, &out{kind: oLit, lit: plain(d)})
		}
		kids = append(kids, body)
		emitted++
	}
	return group(nil, kids...)
}

func yearSuffixOut(ci citeInfo) *out {
	if y := findTag(ci.o, tagYearSuffix); y != nil {
		return y
	}
	return ci.o
}

func (p *Processor) collapseNumbers(infos []citeInfo, delim string) *out {
	afterCollapse := delim
	if p.style.cit.hasAfterCollapse {
		afterCollapse = p.style.cit.afterCollapse
	}
	var kids []*out
	prevCollapsed := false
	i := 0
	for i < len(infos) {
		j := i
		for j+1 < len(infos) && infos[j].num > 0 && infos[j+1].num == infos[j].num+1 &&
			!infos[j].affixed && !infos[j+1].affixed && !infos[j].locator && !infos[j+1].locator {
			j++
		}
		if i > 0 {
			if prevCollapsed {
				kids = append(kids, litText(afterCollapse))
			} else {
				kids = append(kids, litText(delim))
			}
		}
		if j-i >= 2 {
			kids = append(kids, group(nil, infos[i].o, litText("–"), infos[j].o))
			prevCollapsed = true
		} else {
			for k := i; k <= j; k++ {
				if k > i {
					kids = append(kids, litText(delim))
				}
				kids = append(kids, infos[k].o)
			}
			prevCollapsed = false
		}
		i = j + 1
	}
	return group(nil, kids...)
}
