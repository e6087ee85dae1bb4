package csl

import (
	"slices"
	"strings"
)

// Disambiguation (spec: Disambiguation). Cites are compared as they read
// in their first, locator-free form; a set of items whose cites read the
// same is made distinct by, in order: expanding given names, showing more
// names, the disambiguate="true" condition, and year-suffixes.

func (p *Processor) hasDisambiguateCondition() bool {
	found := false
	var walk func(es []element, seen map[*macro]bool)
	walk = func(es []element, seen map[*macro]bool) {
		for _, e := range es {
			if found {
				return
			}
			switch e := e.(type) {
			case *textEl:
				if e.macro != nil && !seen[e.macro] {
					seen[e.macro] = true
					walk(e.macro.kids, seen)
				}
			case *groupEl:
				walk(e.kids, seen)
			case *chooseEl:
				for _, b := range e.branches {
					if b.cond != nil && b.cond.disambiguate != 0 {
						found = true
					}
					walk(b.kids, seen)
				}
			case *namesEl:
				walk(e.substitute, seen)
			}
		}
	}
	walk(p.style.citation.kids, map[*macro]bool{})
	return found
}

// disambKey renders an item's cite in its first position without
// locator, as text.
func (p *Processor) disambKey(id string) string {
	ref := &citeRef{id: id}
	e := &ev{p: p, it: p.items[id], cite: ref, dis: p.dis[id], ysVar: p.style.citYearSuffixVar}
	return group(nil, e.elements(p.style.citation.kids)...).render().String()
}

// ambiguous groups ids whose keys are equal, keeping registry order.
func (p *Processor) ambiguous(ids []string) [][]string {
	byKey := map[string][]string{}
	var order []string
	for _, id := range ids {
		k := p.disambKey(id)
		if k == "" {
			continue
		}
		if _, ok := byKey[k]; !ok {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], id)
	}
	var groups [][]string
	for _, k := range order {
		if len(byKey[k]) > 1 {
			groups = append(groups, byKey[k])
		}
	}
	return groups
}

func (p *Processor) disambiguate() {
	for _, id := range p.registry {
		p.dis[id] = &itemDisamb{}
	}
	c := &p.style.cit
	cond := p.hasDisambiguateCondition()
	if !c.addNames && !c.addGivenname && !c.addYearSuffix && !cond {
		return
	}
	if c.addGivenname && c.givennameRule != "by-cite" {
		p.globalNameDisambiguation()
	}
	for _, g := range p.ambiguous(p.registry) {
		rest := g
		if c.addGivenname || c.addNames {
			rest = p.expandNames(rest)
		}
		if len(rest) > 1 && cond {
			for _, id := range rest {
				p.dis[id].condition = true
			}
			rest = flatten(p.ambiguous(rest))
		}
		if len(rest) > 1 && c.addYearSuffix {
			p.assignYearSuffixes(rest)
		}
	}
}

func flatten(gs [][]string) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g...)
	}
	return out
}

// stillAmbiguous returns the items of set whose keys are shared with
// another member.
func (p *Processor) stillAmbiguous(set []string) []string {
	return flatten(p.ambiguous(set))
}

// expandNames tries given-name expansion and more names on an ambiguous
// set and returns the items still ambiguous.
func (p *Processor) expandNames(set []string) []string {
	c := &p.style.cit
	maxNames := 0
	for _, id := range set {
		for _, ns := range p.items[id].names {
			if len(ns) > maxNames {
				maxNames = len(ns)
			}
		}
	}
	try := func() []string { return p.stillAmbiguous(set) }
	rest := set
	if c.addGivenname {
		rest = p.expandGiven(rest)
		if len(rest) < 2 {
			return rest
		}
	}
	if !c.addNames {
		return rest
	}
	// Add names one at a time to every member of the set until doing so
	// no longer helps.
	best := len(rest)
	bestN := 0
	base := map[string]int{}
	for _, id := range set {
		base[id] = p.dis[id].etAlNames
	}
	for n := 1; n <= maxNames; n++ {
		for _, id := range rest {
			if p.dis[id].etAlNames < n {
				p.dis[id].etAlNames = n
			}
		}
		if c.addGivenname {
			p.expandGiven(rest)
		}
		amb := try()
		if len(amb) < best {
			best, bestN = len(amb), n
		}
		if len(amb) == 0 {
			break
		}
	}
	// Keep the fewest names that reached the best result.
	for _, id := range rest {
		p.dis[id].etAlNames = base[id]
		if bestN > 0 {
			p.dis[id].etAlNames = bestN
		}
	}
	if bestN == 0 {
		for _, id := range rest {
			p.dis[id].etAlNames = base[id]
		}
	}
	amb := try()
	// Items that more names did not distinguish go back to the style's
	// et-al settings.
	if bestN > 0 {
		for _, id := range amb {
			_ = id
		}
	}
	return amb
}

// expandGiven adds initials, then full given names, to the names of an
// ambiguous set, one name position at a time, and returns what remains
// ambiguous (spec: by-cite).
func (p *Processor) expandGiven(set []string) []string {
	rest := p.stillAmbiguous(set)
	if len(rest) < 2 {
		return rest
	}
	for pos := 0; pos < 50 && len(rest) > 1; pos++ {
		any := false
		for level := 1; level <= 2 && len(rest) > 1; level++ {
			for _, id := range rest {
				n := p.nameAt(id, pos)
				if n == nil {
					continue
				}
				any = true
				d := p.dis[id]
				if d.givenHints == nil {
					d.givenHints = map[string]int{}
				}
				if d.givenHints[n.key] < level {
					d.givenHints[n.key] = level
				}
			}
			rest = p.stillAmbiguous(rest)
		}
		if !any {
			break
		}
	}
	return rest
}

// nameAt is the pos-th name of the first names variable an item's cite
// shows.
func (p *Processor) nameAt(id string, pos int) *name {
	it := p.items[id]
	for _, v := range []string{"author", "editor", "translator", "composer", "director", "container-author", "interviewer", "recipient"} {
		if ns := it.names[v]; len(ns) > 0 {
			if pos < len(ns) {
				return ns[pos]
			}
			return nil
		}
	}
	vars := make([]string, 0, len(it.names))
	for v := range it.names {
		vars = append(vars, v)
	}
	slices.Sort(vars)
	for _, v := range vars {
		if ns := it.names[v]; len(ns) > 0 && pos < len(ns) {
			return ns[pos]
		}
	}
	return nil
}

// globalNameDisambiguation expands names that share a family name with a
// different person anywhere in the document (givenname rules other than
// by-cite).
func (p *Processor) globalNameDisambiguation() {
	rule := p.style.cit.givennameRule
	byFamily := map[string][]*name{}
	for _, id := range p.registry {
		for _, ns := range p.items[id].names {
			for i, n := range ns {
				if strings.HasPrefix(rule, "primary-name") && i > 0 {
					continue
				}
				if n.literal != "" {
					continue
				}
				k := n.ndp + " " + n.family
				byFamily[k] = appendUnique(byFamily[k], n)
			}
		}
	}
	levels := map[string]int{}
	for _, ns := range byFamily {
		if len(ns) < 2 {
			continue
		}
		for _, n := range ns {
			level := 1
			for _, m := range ns {
				if m.key != n.key && initialsOf(m.given) == initialsOf(n.given) {
					level = 2
				}
			}
			if strings.HasSuffix(rule, "with-initials") {
				level = 1
			}
			levels[n.key] = level
		}
	}
	for _, id := range p.registry {
		p.dis[id].globalNames = levels
	}
}

func appendUnique(ns []*name, n *name) []*name {
	for _, m := range ns {
		if m.key == n.key {
			return ns
		}
	}
	return append(ns, n)
}

func initialsOf(given string) string {
	return initializeName(given, ".", true, false)
}

// assignYearSuffixes gives a, b, c … in bibliography order.
func (p *Processor) assignYearSuffixes(set []string) {
	pos := map[string]int{}
	for i, id := range p.bibOrder {
		pos[id] = i
	}
	sorted := slices.Clone(set)
	slices.SortStableFunc(sorted, func(a, b string) int { return pos[a] - pos[b] })
	for i, id := range sorted {
		p.dis[id].yearSuffix = i + 1
	}
}
