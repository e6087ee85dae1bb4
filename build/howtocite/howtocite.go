// Package howtocite tells a reader how to cite the publication they are
// reading: for the publication and each of its chapters, a record in the
// CSL data model made from the manifest's metadata (editors, chapter
// authors, edition, date, ISBN, DOI, the address under base-url), that
// record formatted in the publication's own style as a reference-list
// entry and as a citation at a paragraph, and the record written as
// BibTeX, RIS and CSL-JSON for reference managers.
//
// It is a step of the resolve phase, after the publication's citations
// are formatted; it uses a processor of its own per record, so that the
// publication's bibliography (its numbering, its disambiguation) never
// sees these records and no two records disambiguate against each other.
package howtocite

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/cite"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
)

// Options are what the records are made and formatted with.
type Options struct {
	Style   *csl.Style // nil: records only, no formatted entry
	Locales *csl.Locales
	Lang    string
	// Publisher is the body that publishes the publication: the site's
	// title ("Cyber Norms Commentary Project").
	Publisher string
	// URL is the absolute address of a chapter's page, or of the
	// publication's contents page for a nil chapter; "" when the build
	// has no base-url.
	URL func(ch *doc.Chapter) string
}

// slot stands for the paragraph number in a pinpoint citation. It is a
// number, so that a style that treats numeric and other locators apart
// (label plurals, is-numeric tests) treats it as a paragraph number; the
// digits are ones no paragraph of a publication reaches.
const slot = "987654321"

// Make sets the publication's HowToCite and that of each chapter written
// by hand (generated chapters, a bibliography or an index, are not works
// a reader cites).
func Make(pub *doc.Publication, opts Options) {
	book := BookItem(pub, opts)
	pub.Cite = howTo(pub, nil, book, opts)
	for _, ch := range pub.Chapters {
		if ch.Span.IsZero() {
			continue
		}
		ch.Cite = howTo(pub, ch, ChapterItem(pub, ch, opts), opts)
	}
}

func howTo(pub *doc.Publication, ch *doc.Chapter, it *bib.Item, opts Options) *doc.HowToCite {
	h := &doc.HowToCite{Records: Records(it)}
	if opts.Style == nil {
		return h
	}
	lookup := func(id string) *bib.Item {
		if id == it.ID {
			return it
		}
		return nil
	}
	popts := csl.Options{Lang: opts.Lang, Locales: opts.Locales, Links: true}
	p := csl.NewProcessor(opts.Style, lookup, popts)
	if err := p.AddItems(it.ID); err != nil {
		return h
	}
	if es := p.Bibliography(); len(es) == 1 {
		h.Entry = cite.Inlines(es[0].Text)
	}
	if !numbered(pub, ch) {
		return h
	}
	// A fresh processor, so the citation is a first one: a note style
	// cites in full, an author-date style as (Author year, para. N).
	q := csl.NewProcessor(opts.Style, lookup, popts)
	if _, err := q.AddCitation(csl.Citation{Items: []csl.CiteItem{{ID: it.ID, Locator: slot, Label: "paragraph"}}, NoteNumber: 1}); err != nil {
		return h
	}
	if cs := q.Citations(); len(cs) == 1 {
		ins := cite.Inlines(cs[0])
		if strings.Contains(doc.PlainText(ins), slot) {
			h.Pinpoint, h.Slot = ins, slot
		}
	}
	return h
}

// numbered reports whether a chapter (or, for nil, any chapter of the
// publication) has numbered paragraphs to cite.
func numbered(pub *doc.Publication, ch *doc.Chapter) bool {
	chs := pub.Chapters
	if ch != nil {
		chs = []*doc.Chapter{ch}
	}
	found := false
	v := doc.Visitor{Block: func(b doc.Block) bool {
		if p, ok := b.(*doc.Para); ok && p.Num > 0 {
			found = true
		}
		return !found
	}}
	for _, c := range chs {
		v.WalkBlocks(c.Blocks)
	}
	return found
}

// Records writes a record in the formats reference managers import.
func Records(it *bib.Item) []doc.CiteRecord {
	items := []*bib.Item{it}
	return []doc.CiteRecord{
		{Format: "BibTeX", Ext: "bib", MediaType: "application/x-bibtex", Data: bib.WriteBibTeX(items)},
		{Format: "RIS", Ext: "ris", MediaType: "application/x-research-info-systems", Data: bib.WriteRIS(items)},
		{Format: "CSL-JSON", Ext: "json", MediaType: "application/vnd.citationstyles.csl+json", Data: bib.WriteCSLJSON(items)},
	}
}

// BookItem is the publication as a CSL book.
func BookItem(pub *doc.Publication, opts Options) *bib.Item {
	it := &bib.Item{ID: pub.ID, Type: "book", Fields: map[string]string{}, Names: map[string][]bib.Name{}, Dates: map[string]bib.Date{}}
	set := func(k, v string) {
		if v != "" {
			it.Fields[k] = v
		}
	}
	set("title", title(pub))
	set("abstract", pub.Description)
	setCommon(it, pub, opts)
	if opts.URL != nil {
		set("URL", opts.URL(nil))
	}
	return tidy(it)
}

// ChapterItem is a chapter as a CSL chapter of the publication: its own
// authors and title, the publication's editors, edition, date, publisher
// and identifiers.
func ChapterItem(pub *doc.Publication, ch *doc.Chapter, opts Options) *bib.Item {
	it := &bib.Item{ID: pub.ID + "-" + ch.ID, Type: "chapter", Fields: map[string]string{}, Names: map[string][]bib.Name{}, Dates: map[string]bib.Date{}}
	set := func(k, v string) {
		if v != "" {
			it.Fields[k] = v
		}
	}
	set("title", ch.PlainTitle())
	set("container-title", title(pub))
	set("chapter-number", ch.Number)
	for _, a := range ch.Authors {
		it.Names["author"] = append(it.Names["author"], Name(a))
	}
	setCommon(it, pub, opts)
	if ch.Lang != "" {
		it.Fields["language"] = ch.Lang
	}
	if len(ch.Keywords) > 0 {
		set("keyword", strings.Join(ch.Keywords, ", "))
	}
	if opts.URL != nil {
		set("URL", opts.URL(ch))
	}
	return tidy(it)
}

func setCommon(it *bib.Item, pub *doc.Publication, opts Options) {
	set := func(k, v string) {
		if v != "" {
			it.Fields[k] = v
		}
	}
	for _, e := range pub.Editors {
		it.Names["editor"] = append(it.Names["editor"], Name(e))
	}
	set("edition", Edition(pub.Edition))
	set("publisher", opts.Publisher)
	set("ISBN", pub.ISBN)
	set("DOI", pub.DOI)
	set("language", pub.Lang)
	if d, ok := date(pub.Date); ok {
		it.Dates["issued"] = d
	}
}

func title(pub *doc.Publication) string {
	if pub.Subtitle == "" {
		return pub.Title
	}
	return pub.Title + ": " + pub.Subtitle
}

func tidy(it *bib.Item) *bib.Item {
	if len(it.Names) == 0 {
		it.Names = nil
	}
	if len(it.Dates) == 0 {
		it.Dates = nil
	}
	return it
}

// date reads the manifest's ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD).
func date(iso string) (bib.Date, bool) {
	var p [3]int
	for i, s := range strings.SplitN(iso, "-", 3) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return bib.Date{}, false
		}
		p[i] = n
	}
	if p[0] == 0 {
		return bib.Date{}, false
	}
	return bib.Date{Parts: [][3]int{p}}, true
}

var ordinals = map[string]string{"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
	"sixth": "6", "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10"}

// Edition turns the manifest's "Second edition" or "2nd edition" into the
// number CSL wants ("2"), which each style and locale then writes its
// own way ("2nd ed.", "2e éd."); other wording is kept as it is.
func Edition(s string) string {
	f := strings.Fields(strings.ToLower(s))
	switch {
	case len(f) == 0:
		return ""
	case len(f) == 1:
	case len(f) == 2 && (f[1] == "edition" || f[1] == "ed." || f[1] == "ed"):
	default:
		return s
	}
	if n, ok := ordinals[f[0]]; ok {
		return n
	}
	digits := strings.TrimRightFunc(f[0], unicode.IsLetter) // "2nd" → "2"
	if n, err := strconv.Atoi(digits); err == nil && n > 0 {
		return strconv.Itoa(n)
	}
	return s
}

// particles are the lower-case words that join a family name ("van der
// Meer", "de Gaulle"), kept with it as CSL's non-dropping particle.
var particles = map[string]bool{"van": true, "von": true, "der": true, "den": true, "de": true,
	"del": true, "della": true, "di": true, "da": true, "du": true, "la": true, "le": true, "ter": true, "ten": true}

// Name reads a name as the manifest writes it, "Given Family": a body's
// name ("Working Group 13(c)") stays whole; a person's last word is the
// family name, with any lower-case particles before it.
func Name(s string) bib.Name {
	s = strings.TrimSpace(s)
	if doc.IsBodyName(s) {
		return bib.Name{Literal: s, IsInstitution: true}
	}
	f := strings.Fields(s)
	if len(f) < 2 {
		return bib.Name{Literal: s}
	}
	i := len(f) - 1
	for i > 1 && particles[f[i-1]] {
		i--
	}
	n := bib.Name{Given: strings.Join(f[:i], " "), Family: f[len(f)-1]}
	if i < len(f)-1 {
		n.NonDroppingParticle = strings.Join(f[i:len(f)-1], " ")
	}
	return n
}
