package csl

// Cite grouping and collapsing (spec: Cite Grouping, Cite Collapsing):
// cites with the same names move together and, when the style collapses,
// print the names once ("Doe 2000, 2001"), year-suffixes alone ("2000a,
// b") or as ranges ("2000a–c"), and citation numbers as ranges ("1–3").

type citeInfo struct {
	o        *out
	item     *out // the tagItem node
	names    string
	affixed  bool
	locator  bool
	num      int
	date     string
	suffix   int
	suffixes int
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

func countTag(o *out, k tagKind) int {
	n := 0
	o.walk(func(x *out) bool {
		if x.kind == oTag && x.tag.kind == k {
			n++
		}
		return true
	})
	return n
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

func (p *Processor) collapse(items []*out, lf *formatting) *out {
	delim := lf.delimiter
	c := &p.style.cit
	infos := p.citeInfos(items)
	if c.collapse == "citation-number" {
		return p.collapseNumbers(infos, delim)
	}
	// Group cites by their names, keeping the place of each group's first
	// cite.
	var groups [][]citeInfo
	for _, ci := range infos {
		placed := false
		if ci.names != "" {
			for gi, g := range groups {
				if g[0].names == ci.names {
					groups[gi] = append(groups[gi], ci)
					placed = true
					break
				}
			}
		}
		if !placed {
			groups = append(groups, []citeInfo{ci})
		}
	}
	groupDelim := ", "
	if c.hasCiteGroup {
		groupDelim = c.citeGroupDelim
	}
	afterCollapse := delim
	if c.hasAfterCollapse {
		afterCollapse = c.afterCollapse
	}
	ysDelim := delim
	if c.hasYSDelim {
		ysDelim = c.yearSuffixDelim
	}
	var kids []*out
	prevCollapsed := false
	for gi, g := range groups {
		if gi > 0 {
			if prevCollapsed {
				kids = append(kids, litText(afterCollapse))
			} else {
				kids = append(kids, litText(delim))
			}
		}
		collapsed := len(g) > 1
		if c.collapse == "" {
			var gk []*out
			for i, ci := range g {
				if i > 0 {
					gk = append(gk, litText(groupDelim))
				}
				gk = append(gk, ci.o)
			}
			kids = append(kids, group(nil, gk...))
			prevCollapsed = false
			continue
		}
		var gk []*out
		for i := 0; i < len(g); i++ {
			ci := g[i]
			if i == 0 {
				gk = append(gk, ci.o)
				continue
			}
			prev := g[i-1]
			if (c.collapse == "year-suffix" || c.collapse == "year-suffix-ranged") &&
				ci.suffix > 0 && prev.suffix > 0 && ci.date == prev.date && !ci.affixed && !ci.locator && !prev.locator {
				// Collect a run of suffixes on the same year.
				j := i
				for j+1 < len(g) && g[j+1].suffix > 0 && g[j+1].date == ci.date && !g[j+1].affixed && !g[j+1].locator {
					j++
				}
				run := g[i-1 : j+1]
				var sk []*out
				if c.collapse == "year-suffix-ranged" {
					sk = suffixRanges(run[1:], run[0].suffix, ysDelim)
				} else {
					for k, r := range run[1:] {
						if k > 0 {
							sk = append(sk, litText(ysDelim))
						}
						sk = append(sk, yearSuffixOut(r))
					}
				}
				gk = append(gk, litText(ysDelim))
				gk = append(gk, sk...)
				i = j
				continue
			}
			gk = append(gk, litText(groupDelim), removeFirstNames(ci.o))
		}
		kids = append(kids, group(nil, gk...))
		prevCollapsed = collapsed
	}
	return group(nil, kids...)
}

func yearSuffixOut(ci citeInfo) *out {
	if y := findTag(ci.o, tagYearSuffix); y != nil {
		return y
	}
	return ci.o
}

// suffixRanges renders year-suffixes following first, turning three or
// more consecutive letters into a range.
func suffixRanges(run []citeInfo, first int, delim string) []*out {
	var sk []*out
	prev := first
	i := 0
	for i < len(run) {
		j := i
		for j+1 < len(run) && run[j+1].suffix == run[j].suffix+1 {
			j++
		}
		if i > 0 {
			sk = append(sk, litText(delim))
		}
		startsRange := run[i].suffix == prev+1 && i == 0
		_ = startsRange
		if j-i >= 1 {
			sk = append(sk, yearSuffixOut(run[i]), litText("–"), yearSuffixOut(run[j]))
		} else {
			sk = append(sk, yearSuffixOut(run[i]))
		}
		prev = run[j].suffix
		i = j + 1
	}
	return sk
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
