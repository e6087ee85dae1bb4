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
	// Abbreviations give short forms to variables printed with
	// form="short" whose items have none (citation-abbreviations).
	Abbreviations Abbreviations
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
