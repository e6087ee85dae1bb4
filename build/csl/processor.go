package csl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/normpress/normpress/build/bib"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Position is where a cite stands relative to earlier cites of its item
// (spec: Choose, position).
type Position int

const (
	PositionFirst Position = iota
	PositionSubsequent
	PositionIbid
	PositionIbidWithLocator
)

// CiteItem is one work cited in a citation.
type CiteItem struct {
	ID             string
	Locator        string // "12", "45-47"
	Label          string // locator type: "page" (default), "chapter", "paragraph", …
	Prefix, Suffix string // may hold CSL rich-text markup
	SuppressAuthor bool   // "(2000)" for "Doe (2000)"
	AuthorOnly     bool   // "Doe" alone

	// Position and NearNote are read only when the citation has
	// FixedPositions: callers that track positions themselves (as word
	// processor plugins do) set them.
	Position Position
	NearNote bool
}

// Citation is one citation: the cites in one bracket, or one footnote's
// worth for note styles.
type Citation struct {
	Items []CiteItem
	// NoteNumber is the footnote the citation sits in (note styles); 0 for
	// citations in running text.
	NoteNumber int
	// FixedPositions takes positions from the items instead of computing
	// them from the citations before.
	FixedPositions bool
}

// Entry is one formatted bibliography entry.
type Entry struct {
	ID   string
	Text Rich
}

// Options configure a Processor.
type Options struct {
	// Lang is the output language ("en-GB"); empty uses the style's
	// default-locale, then en-US.
	Lang string
	// Locales supplies locale files; nil uses the bundled ones.
	Locales *Locales
	// Links makes URL and DOI variables links.
	Links bool
}

// Processor formats citations and a bibliography in one style for one
// document. Register every citation in reading order with AddCitation, then
// read Citations and Bibliography: disambiguation (which can change earlier
// citations when later ones are added) and positions are computed over the
// whole document. A Processor is not safe for concurrent use.
type Processor struct {
	style  *Style
	loc    *locale
	opts   Options
	lookup func(string) *bib.Item
	coll   *collate.Collator
	// collBuf holds collation keys; they are never written twice.
	collBuf collate.Buffer

	items    map[string]*itemData
	registry []string
	inReg    map[string]bool
	cites    []*citationEntry
	resetAt  map[int]bool

	// caches of text that renders repeat: parsed name parts and initials
	markupCache   map[string]Rich
	initialsCache map[string]string

	prepared bool
	citeNum  map[string]int
	bibOrder []string
	dis      map[string]*ambigConfig
	nameReg  map[string]map[string]map[string]bool
	rendered []Rich
}

type citationEntry struct {
	c    Citation
	refs []*citeRef
}

// NewProcessor makes a processor for a style. lookup finds items by
// citation key.
func NewProcessor(s *Style, lookup func(id string) *bib.Item, opts Options) *Processor {
	locs := opts.Locales
	if locs == nil {
		locs = NewLocales(nil)
	}
	lang := opts.Lang
	if lang == "" {
		lang = s.defaultLocale
	}
	if lang == "" {
		lang = "en-US"
	}
	loc := locs.resolve(s, lang)
	tag, err := language.Parse(loc.lang)
	if err != nil {
		tag = language.AmericanEnglish
	}
	return &Processor{
		style: s, loc: loc, opts: opts, lookup: lookup,
		coll:  collate.New(tag, collate.IgnoreCase),
		items: map[string]*itemData{}, inReg: map[string]bool{}, resetAt: map[int]bool{},
	}
}

// Style is the processor's style.
func (p *Processor) Style() *Style { return p.style }

func (p *Processor) item(id string) *itemData {
	if d, ok := p.items[id]; ok {
		return d
	}
	it := p.lookup(id)
	if it == nil {
		return nil
	}
	d := newItemData(it, p.loc.lang)
	p.items[id] = d
	return d
}

func (p *Processor) register(id string) bool {
	if p.item(id) == nil {
		return false
	}
	if !p.inReg[id] {
		p.inReg[id] = true
		p.registry = append(p.registry, id)
	}
	return true
}

// AddItems registers items for the bibliography without citing them
// (nocite). Unknown keys are returned in an error; the others are added.
func (p *Processor) AddItems(ids ...string) error {
	p.prepared = false
	var unknown []string
	for _, id := range ids {
		if !p.register(id) {
			unknown = append(unknown, id)
		}
	}
	return unknownErr(unknown)
}

func unknownErr(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return fmt.Errorf("unknown citation key %s", strings.Join(quoteAll(ids), ", "))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// AddCitation registers the next citation in reading order and returns its
// index. Cites of unknown keys are left out and named in the error.
func (p *Processor) AddCitation(c Citation) (int, error) {
	p.prepared = false
	var unknown []string
	ce := &citationEntry{c: c}
	for _, ci := range c.Items {
		if !p.register(ci.ID) {
			unknown = append(unknown, ci.ID)
			continue
		}
		ce.refs = append(ce.refs, &citeRef{
			id: ci.ID, locator: strings.TrimSpace(ci.Locator), label: ci.Label,
			prefix: ci.Prefix, suffix: ci.Suffix,
			suppressAuthor: ci.SuppressAuthor, authorOnly: ci.AuthorOnly,
			position: int(ci.Position), nearNote: ci.NearNote, noteNumber: c.NoteNumber,
		})
	}
	p.cites = append(p.cites, ce)
	return len(p.cites) - 1, unknownErr(unknown)
}

// ResetPositions makes the next citation start afresh: every item cited
// after it is "first" again (OSCOLA restarts full references per chapter).
func (p *Processor) ResetPositions() {
	p.prepared = false
	p.resetAt[len(p.cites)] = true
}

// Cite registers a citation and returns it formatted. Later citations may
// change how it should read (disambiguation); a document that knows all
// its citations should use AddCitation and Citations instead.
func (p *Processor) Cite(c Citation) Rich {
	i, _ := p.AddCitation(c)
	return p.Citations()[i]
}

// Citations returns every registered citation, formatted, in order.
func (p *Processor) Citations() []Rich {
	p.prepare()
	if p.rendered == nil {
		p.rendered = make([]Rich, len(p.cites))
		for i, ce := range p.cites {
			p.rendered[i] = p.renderCitation(ce)
		}
	}
	return p.rendered
}

// Bibliography returns the entries of every registered item, sorted and
// formatted; nil when the style has no bibliography.
func (p *Processor) Bibliography() []Entry {
	p.prepare()
	if p.style.bib == nil {
		return nil
	}
	return p.renderBibliography()
}

func (p *Processor) citationNumber(id string) int { return p.citeNum[id] }

// prepare computes what depends on the whole document: citation numbers,
// bibliography order, positions and disambiguation.
func (p *Processor) prepare() {
	if p.prepared {
		return
	}
	p.prepared = true
	p.rendered = nil
	p.citeNum = make(map[string]int, len(p.registry))
	for i, id := range p.registry {
		p.citeNum[id] = i + 1
	}
	p.dis = map[string]*ambigConfig{}
	p.bibOrder = slices.Clone(p.registry)
	if p.style.bib != nil && len(p.style.bib.sort) > 0 {
		p.bibOrder = p.sortIDs(p.registry, p.style.bib.sort, true)
		if !sortsByCitationNumber(p.style.bib.sort) {
			for i, id := range p.bibOrder {
				p.citeNum[id] = i + 1
			}
		}
	}
	p.computePositions()
	p.disambiguate()
}

// sortsByCitationNumber: a bibliography sorted by citation-number keeps
// the numbers of citation order (and may reverse them).
func sortsByCitationNumber(keys []sortKey) bool {
	return len(keys) > 0 && keys[0].variable == "citation-number"
}

// computePositions assigns first, subsequent, ibid and near-note as
// citeproc-js does: in a note style, citations in running text and in
// notes are followed separately, and "the citation before" a note's first
// cite is every cite in the previous note, which must be a single cite of
// the same item for ibid.
func (p *Processor) computePositions() {
	lastNote := map[string]int{}
	firstNote := map[string]int{}
	var prevCites [2][]*citeRef // per stream: in text, in notes
	prevNote := [2]int{-1, -1}
	var noteCites []*citeRef // cites so far in the current note
	for ci, ce := range p.cites {
		if p.resetAt[ci] {
			clear(lastNote)
			clear(firstNote)
			prevCites = [2][]*citeRef{}
			prevNote = [2]int{-1, -1}
			noteCites = nil
		}
		stream := 0
		if p.style.IsNote() && ce.c.NoteNumber > 0 {
			stream = 1
		}
		if ce.c.FixedPositions {
			for _, r := range ce.refs {
				if _, ok := firstNote[r.id]; !ok {
					firstNote[r.id] = ce.c.NoteNumber
				}
				lastNote[r.id] = ce.c.NoteNumber
			}
			prevCites[stream] = ce.refs
			continue
		}
		// The cites that count as "the citation before" this one.
		before := prevCites[stream]
		if stream == 1 {
			if prevNote[1] == ce.c.NoteNumber {
				before = noteCites
			} else {
				noteCites = nil
			}
		}
		for i, r := range ce.refs {
			r.noteNumber = ce.c.NoteNumber
			fn, seen := firstNote[r.id]
			if !seen {
				r.position = posFirst
				r.firstNote = 0
				firstNote[r.id] = ce.c.NoteNumber
				lastNote[r.id] = ce.c.NoteNumber
				continue
			}
			r.firstNote = fn
			r.position = posSubsequent
			var prev *citeRef
			if i > 0 {
				prev = ce.refs[i-1]
			} else if len(before) == 1 {
				prev = before[0]
			}
			if prev != nil && prev.id == r.id {
				switch {
				case prev.locator == "" && r.locator == "":
					r.position = posIbid
				case prev.locator == "":
					r.position = posIbidWithLocator
				case r.locator == "":
					r.position = posSubsequent
				case prev.locator == r.locator && locatorLabel(prev.label) == locatorLabel(r.label):
					r.position = posIbid
				default:
					r.position = posIbidWithLocator
				}
			}
			if ln, ok := lastNote[r.id]; ok && ce.c.NoteNumber > 0 && ln > 0 {
				r.nearNote = ce.c.NoteNumber-ln <= p.style.cit.nearNoteDistance
			}
			lastNote[r.id] = ce.c.NoteNumber
		}
		if stream == 1 {
			noteCites = append(noteCites, ce.refs...)
			prevCites[1] = noteCites
			prevNote[1] = ce.c.NoteNumber
		} else {
			prevCites[0] = ce.refs
		}
	}
}

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

// markup parses name parts once per processor; Rich values are never
// changed in place, so they can be shared.
func (p *Processor) markup(s string) Rich {
	if r, ok := p.markupCache[s]; ok {
		return r
	}
	if p.markupCache == nil {
		p.markupCache = map[string]Rich{}
	}
	r := parseMarkup(s)
	p.markupCache[s] = r
	return r
}

func (p *Processor) initials(given, with string, normalizeOnly bool) string {
	k := given + "\x00" + with
	if normalizeOnly {
		k += "\x00n"
	}
	if s, ok := p.initialsCache[k]; ok {
		return s
	}
	if p.initialsCache == nil {
		p.initialsCache = map[string]string{}
	}
	s := initializeName(given, with, p.style.initHyphen, normalizeOnly)
	p.initialsCache[k] = s
	return s
}

// endsSentence: a prefix of more than one word that ends with a full stop,
// perhaps inside quotation marks ("He said “Please work.” ").
func endsSentence(prefix string) bool {
	if !strings.HasSuffix(prefix, " ") || strings.Count(prefix, " ") < 2 {
		return false
	}
	t := strings.TrimRight(prefix, " \"'”’»")
	return strings.HasSuffix(t, ".")
}
