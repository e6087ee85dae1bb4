package csl

import (
	"slices"
	"strconv"
	"strings"
)

// Disambiguation (spec: Disambiguation), done the way citeproc-js does it,
// because the test suite records citeproc-js's choices. Every registered
// item's cite is rendered as text in its subsequent form without locator;
// items whose cites read the same form a set, which is worked on with an
// ambiguity configuration per item: how many names each name list shows,
// how far each name is expanded (given-name levels) and how many
// disambiguate="true" conditions hold, then year-suffixes.

// ambigConfig is how an item's cite is made distinct.
type ambigConfig struct {
	names        []int   // per name list rendered: names shown
	givens       [][]int // per name list and name: 0 short, 1 initials, 2 full
	yearSuffix   int     // 1 is "a"; 0 none
	disambiguate int     // disambiguate="true" conditions that test true
}

func (c *ambigConfig) clone() *ambigConfig {
	if c == nil {
		return nil
	}
	d := &ambigConfig{names: slices.Clone(c.names), yearSuffix: c.yearSuffix, disambiguate: c.disambiguate}
	d.givens = make([][]int, len(c.givens))
	for i, g := range c.givens {
		d.givens[i] = slices.Clone(g)
	}
	return d
}

// pad gives every shown name a given-name level.
func (c *ambigConfig) pad() {
	for len(c.givens) < len(c.names) {
		c.givens = append(c.givens, nil)
	}
	for i, n := range c.names {
		for len(c.givens[i]) < n {
			c.givens[i] = append(c.givens[i], 0)
		}
	}
}

// nameTrace records a name list as a render showed it.
type nameTrace struct {
	total, shown int
	levels       []int
}

type seenName struct {
	n   *name
	pos int
}

// nameLevel is how far a name is expanded: the style's form, raised by
// the item's disambiguation and, with disambiguate-add-givenname, by
// clashes with other names of the same family (citeproc-js's name
// registry).
func (e *ev) nameLevel(spec *namesSpec, n *name, k, j int) int {
	o := spec.opts
	initials := o.set&noInitializeWith != 0 && (o.set&noInitialize == 0 || o.initialize)
	level := 2
	switch {
	case o.form == "short":
		level = 0
	case initials:
		level = 1
	}
	if e.bib || e.sortKey != nil || n.literal != "" {
		return level
	}
	c := &e.p.style.cit
	byCite := c.givennameRule == "by-cite"
	if byCite && e.dis != nil && k < len(e.dis.givens) && j < len(e.dis.givens[k]) && e.dis.givens[k][j] > level {
		level = e.dis.givens[k][j]
	}
	// Under by-cite, expansion is only what the cite's disambiguation
	// asked for.
	if !c.addGivenname || byCite {
		return level
	}
	if strings.HasPrefix(c.givennameRule, "primary-name") && j > 0 {
		return level
	}
	fam := e.p.nameReg[e.p.nameRegKey(e.it.id, n)]
	if fam == nil {
		return level
	}
	switch c.givennameRule {
	case "all-names-with-initials", "primary-name-with-initials":
		if len(fam) > 1 {
			level = 1
		} else {
			level = 0
		}
	default:
		if len(fam) > 1 {
			level = 1
		}
		if len(fam[givenInitials(n.given)]) > 1 || (len(fam) > 1 && !initials) {
			level = 2
		}
	}
	return level
}

func normNamePart(s string) string {
	s = strings.ReplaceAll(s, ".", " ")
	return strings.TrimRight(strings.Join(strings.Fields(s), " "), " ")
}

func givenInitials(given string) string {
	return initializeName(normNamePart(given), ".", true, false)
}

// nameRegKey is a name's family key: per item under the by-cite rule,
// where only names within one cite can clash.
func (p *Processor) nameRegKey(itemID string, n *name) string {
	k := normNamePart(strings.TrimSpace(n.ndp + " " + n.family))
	if p.style.cit.givennameRule == "by-cite" {
		k = itemID + "\x00" + k
	}
	return k
}

// buildNameRegistry records, for every family name in the citations, the
// distinct initials and given names it comes with.
func (p *Processor) buildNameRegistry() {
	p.nameReg = map[string]map[string]map[string]bool{}
	primary := strings.HasPrefix(p.style.cit.givennameRule, "primary-")
	for _, id := range p.registry {
		var seen []seenName
		e := &ev{p: p, it: p.items[id], cite: &citeRef{id: id, position: posSubsequent, nearNote: true},
			ysVar: p.style.citYearSuffixVar, seen: &seen}
		e.elements(p.style.citation.kids)
		for _, s := range seen {
			if s.n.literal != "" || (primary && s.pos > 0) {
				continue
			}
			k := p.nameRegKey(id, s.n)
			fam := p.nameReg[k]
			if fam == nil {
				fam = map[string]map[string]bool{}
				p.nameReg[k] = fam
			}
			ik := givenInitials(s.n.given)
			if fam[ik] == nil {
				fam[ik] = map[string]bool{}
			}
			fam[ik][normNamePart(s.n.given)] = true
		}
	}
}

// ambigCite renders an item's cite as disambiguation compares it, and
// what its name lists showed.
func (p *Processor) ambigCite(id string, cfg *ambigConfig) (string, []nameTrace) {
	var trace []nameTrace
	e := &ev{p: p, it: p.items[id], cite: &citeRef{id: id, position: posSubsequent, nearNote: true},
		dis: cfg, ysVar: p.style.citYearSuffixVar, trace: &trace}
	return group(nil, e.elements(p.style.citation.kids)...).render().String(), trace
}

func configFromTrace(t []nameTrace) *ambigConfig {
	c := &ambigConfig{}
	for _, nt := range t {
		c.names = append(c.names, nt.shown)
		c.givens = append(c.givens, slices.Clone(nt.levels))
	}
	return c
}

func countDisambiguateConditions(es []element, seen map[*macro]bool) int {
	n := 0
	for _, e := range es {
		switch e := e.(type) {
		case *textEl:
			if e.macro != nil && !seen[e.macro] {
				seen[e.macro] = true
				n += countDisambiguateConditions(e.macro.kids, seen)
			}
		case *groupEl:
			n += countDisambiguateConditions(e.kids, seen)
		case *chooseEl:
			for _, b := range e.branches {
				if b.cond != nil && b.cond.disambiguate == 1 {
					n++
				}
				n += countDisambiguateConditions(b.kids, seen)
			}
		case *namesEl:
			n += countDisambiguateConditions(e.substitute, seen)
		}
	}
	return n
}

type disMode uint8

const (
	modeNames disMode = iota
	modeExtraText
	modeYears
)

func (p *Processor) disambiguate() {
	p.dis = map[string]*ambigConfig{}
	c := &p.style.cit
	if c.addGivenname && c.givennameRule != "by-cite" {
		p.buildNameRegistry()
	}
	var modes []disMode
	if c.addNames || (c.addGivenname && c.givennameRule == "by-cite") {
		modes = append(modes, modeNames)
	}
	maxCond := countDisambiguateConditions(p.style.citation.kids, map[*macro]bool{})
	if maxCond > 0 {
		modes = append(modes, modeExtraText)
	}
	if c.addYearSuffix {
		modes = append(modes, modeYears)
	}
	if len(modes) == 0 {
		return
	}
	byKey := map[string][]string{}
	var order []string
	for _, id := range p.registry {
		k, _ := p.ambigCite(id, nil)
		if k == "" {
			continue
		}
		if _, ok := byKey[k]; !ok {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], id)
	}
	for _, k := range order {
		if ids := byKey[k]; len(ids) > 1 {
			d := &disambiguator{p: p, modes: modes, maxCond: maxCond}
			d.run(ids)
		}
	}
}

// disambiguator works on one set of items whose cites read the same.
type disambiguator struct {
	p       *Processor
	modes   []disMode
	maxCond int

	lists       []disList
	base        *ambigConfig
	better      *ambigConfig
	maxNames    map[string][]int
	item        string
	partners    []string
	nonpartners []string
	clashes     [2]int
	modeIndex   int
	namesMax    int
	namesetsMax int
	givensMax   int
	gnameset    int
	gname       int
	initGivens  bool
}

type disList struct {
	cfg   *ambigConfig
	items []string
}

func (d *disambiguator) register(id string, cfg *ambigConfig) {
	d.p.dis[id] = cfg.clone()
}

func (d *disambiguator) run(ids []string) {
	p := d.p
	d.maxNames = map[string][]int{}
	for _, id := range ids {
		_, trace := p.ambigCite(id, nil)
		cfg := configFromTrace(trace)
		var totals []int
		for _, t := range trace {
			totals = append(totals, t.total)
		}
		d.maxNames[id] = totals
		if d.base == nil {
			d.base = cfg
			d.better = cfg.clone()
			continue
		}
		if len(cfg.names) < len(d.base.names) {
			d.base = cfg
		}
		// Within name lists, the longer of the two throughout.
		for i := range cfg.names {
			if i < len(d.base.names) && cfg.names[i] > d.base.names[i] {
				d.base.names[i] = cfg.names[i]
				d.base.givens[i] = slices.Clone(cfg.givens[i])
				d.better.names = slices.Clone(d.base.names)
				d.better.givens = d.base.clone().givens
			}
		}
	}
	d.better.givens = d.base.clone().givens
	d.base.pad()
	d.better.pad()
	// Items with fewer names first, as citeproc-js orders them (it compares
	// the name counts as strings).
	sorted := slices.Clone(ids)
	slices.SortStableFunc(sorted, func(a, b string) int {
		if c := strings.Compare(joinInts(d.maxNames[a]), joinInts(d.maxNames[b])); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	d.lists = []disList{{d.base, sorted}}
	d.item = sorted[0]
	d.namesMax = -1
	if m := d.maxNames[d.item]; len(m) > 0 {
		d.namesMax = m[0]
	}
	d.namesetsMax = len(d.base.names) - 1
	d.givensMax = -1
	if p.style.cit.addGivenname && p.style.cit.givennameRule == "by-cite" {
		d.givensMax = 2
	}
	d.initGivens = true
	for guard := 0; len(d.lists) > 0 && guard < 10000; guard++ {
		d.gnameset, d.gname = 0, 0
		d.clashes = [2]int{1, 0}
		for steps := 0; len(d.lists) > 0 && len(d.lists[0].items) > 0 && steps < 1000; steps++ {
			ismax := d.increment()
			d.scan(d.lists[0])
			d.evalScan(ismax)
		}
		if len(d.lists) > 0 {
			d.lists = d.lists[1:]
		}
	}
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}

func (d *disambiguator) at(c *ambigConfig, i, j int) (int, bool) {
	if i < len(c.givens) && j < len(c.givens[i]) {
		return c.givens[i][j], true
	}
	return 0, false
}

// increment moves the forward-only counter one step: the current name's
// given-name level, then one more name, then the next name list.
func (d *disambiguator) increment() bool {
	if d.initGivens {
		d.initGivens = false
		return false
	}
	b := d.base
	switch d.modes[d.modeIndex] {
	case modeNames:
		addNames := d.p.style.cit.addNames
		incNames := d.givensMax < 0
		incNamesets := false
		if d.givensMax >= 0 {
			if v, ok := d.at(b, d.gnameset, d.gname); ok && v < d.givensMax {
				b.givens[d.gnameset][d.gname]++
			} else {
				incNames = true
			}
		}
		if incNames {
			if addNames {
				if d.gname < d.namesMax {
					for len(b.names) <= d.gnameset {
						b.names = append(b.names, 0)
					}
					b.names[d.gnameset]++
					d.gname++
				} else {
					incNamesets = true
				}
			} else {
				incNamesets = true
			}
		}
		if incNamesets && d.gnameset < d.namesetsMax {
			d.gnameset++
			b.names[d.gnameset] = 1
			d.gname = 0
		}
		b.pad()
		condA := d.namesetsMax == -1 || d.gnameset == d.namesetsMax
		condB := !addNames || d.namesMax < 0 || d.gname == d.namesMax
		condC := d.givensMax < 0
		if !condC {
			v, ok := d.at(b, d.gnameset, d.gname)
			condC = !ok || v == d.givensMax
		}
		return condA && condB && condC
	}
	return false
}

func (d *disambiguator) scan(l disList) {
	d.item = l.items[0]
	itemCite, _ := d.p.ambigCite(d.item, d.base)
	d.partners = []string{d.item}
	d.nonpartners = nil
	clashes := 0
	for _, other := range l.items[1:] {
		c, _ := d.p.ambigCite(other, d.base)
		if c == itemCite {
			clashes++
			d.partners = append(d.partners, other)
		} else {
			d.nonpartners = append(d.nonpartners, other)
		}
	}
	d.clashes[0], d.clashes[1] = d.clashes[1], clashes
}

func (d *disambiguator) evalScan(ismax bool) {
	switch d.modes[d.modeIndex] {
	case modeNames:
		d.disNames(ismax)
	case modeExtraText:
		d.disExtraText()
		return
	case modeYears:
		d.disYears()
	}
	if ismax {
		if d.modeIndex < len(d.modes)-1 {
			d.modeIndex++
		} else if len(d.lists) > 1 {
			d.lists[1] = disList{d.base, nil}
		} else {
			d.lists = append(d.lists, disList{d.base, nil})
		}
	}
}

// captureStep keeps the step just taken, which helped.
func (d *disambiguator) captureStep() {
	if d.givensMax >= 0 {
		if v, ok := d.at(d.base, d.gnameset, d.gname); ok {
			if len(d.better.givens) < len(d.base.givens) {
				d.better.givens = d.base.clone().givens
			}
			for len(d.better.givens[d.gnameset]) <= d.gname {
				d.better.givens[d.gnameset] = append(d.better.givens[d.gnameset], 0)
			}
			d.better.givens[d.gnameset][d.gname] = v
		}
	}
	for len(d.better.names) <= d.gnameset {
		d.better.names = append(d.better.names, 0)
	}
	if d.gnameset < len(d.base.names) {
		d.better.names[d.gnameset] = d.base.names[d.gnameset]
	}
}

func (d *disambiguator) disNames(ismax bool) {
	switch {
	case d.clashes[1] == 0 && len(d.nonpartners) == 1:
		d.captureStep()
		d.register(d.nonpartners[0], d.better)
		d.register(d.partners[0], d.better)
		d.lists[0] = disList{d.better, nil}
	case d.clashes[1] == 0:
		d.captureStep()
		d.register(d.partners[0], d.better)
		d.lists[0] = disList{d.better, d.nonpartners}
		if len(d.nonpartners) > 0 {
			d.initGivens = true
		}
	case len(d.nonpartners) == 1:
		d.captureStep()
		d.register(d.nonpartners[0], d.better)
		d.lists[0] = disList{d.better, d.partners}
	case d.clashes[1] < d.clashes[0]:
		d.captureStep()
		d.lists[0] = disList{d.better, d.partners}
		d.lists = append(d.lists, disList{d.better, d.nonpartners})
	default:
		if ismax {
			d.lists[0] = disList{d.better, d.nonpartners}
			d.lists = append(d.lists, disList{d.better, d.partners})
			if d.modeIndex == len(d.modes)-1 {
				for _, id := range d.partners {
					d.register(id, d.better)
				}
				d.lists[0] = disList{d.better, nil}
			}
		}
	}
}

// disExtraText raises the number of disambiguate="true" conditions that
// hold until the cites differ or none are left.
func (d *disambiguator) disExtraText() {
	l := d.lists[0]
	cfg := l.cfg.clone()
	rest := l.items
	for level := 1; level <= d.maxCond && len(rest) > 1; level++ {
		cfg.disambiguate = level
		byText := map[string][]string{}
		for _, id := range rest {
			t, _ := d.p.ambigCite(id, cfg)
			byText[t] = append(byText[t], id)
		}
		var still []string
		for _, id := range rest {
			t, _ := d.p.ambigCite(id, cfg)
			if len(byText[t]) == 1 {
				d.register(id, cfg)
			} else {
				still = append(still, id)
			}
		}
		rest = still
	}
	for _, id := range rest {
		if len(rest) < len(l.items) {
			// The conditions told some apart: those still alike keep
			// what the conditions added (citeproc-js), so the added
			// title does not vanish from just the cites it could not
			// settle.
			d.register(id, cfg)
		} else {
			d.register(id, l.cfg)
		}
	}
	if len(rest) > 1 && d.modeIndex < len(d.modes)-1 {
		// What the conditions could not tell apart goes on to the next
		// method, with the conditions on (they may add the date).
		d.modeIndex++
		keep := l.cfg.clone()
		keep.disambiguate = d.maxCond
		d.lists[0] = disList{keep, rest}
		d.clashes = [2]int{1, 1}
		return
	}
	d.lists[0] = disList{d.better, nil}
}

// disYears gives year-suffixes in bibliography order.
func (d *disambiguator) disYears() {
	l := d.lists[0]
	var tokens []string
	if d.clashes[1] != 0 {
		tokens = slices.Clone(l.items)
	}
	pos := map[string]int{}
	for i, id := range d.p.bibOrder {
		pos[id] = i
	}
	slices.SortStableFunc(tokens, func(a, b string) int { return pos[a] - pos[b] })
	for i, id := range tokens {
		cfg := l.cfg.clone()
		cfg.yearSuffix = i + 1
		d.register(id, cfg)
	}
	d.lists[0] = disList{d.better, nil}
}

// bibConfig is what the bibliography takes from disambiguation: the names
// added (when the style adds names) and the year-suffix.
func (p *Processor) bibConfig(id string) *ambigConfig {
	c := p.dis[id]
	if c == nil {
		return nil
	}
	b := &ambigConfig{yearSuffix: c.yearSuffix, disambiguate: c.disambiguate}
	if p.style.cit.addNames {
		b.names = slices.Clone(c.names)
	}
	return b
}
