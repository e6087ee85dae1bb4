// Package index makes a publication's subject index: the generated chapter
// that lists terms with paragraph locators ("due diligence, 13(c) 3, 7–9").
// It runs in the resolve phase, after numbering (locators are paragraph
// numbers and anchors), and writes the index chapter's blocks, so that
// every renderer shows the same entries and only the PDF adds pages.
//
// Terms come from two places: marks in the Markdown ([due diligence]{.index},
// with entry= and sort= when the text is not the entry) and the manifest's
// index: list, whose terms the build finds in the text by itself.
package index

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Term is one term of the manifest's list.
type Term struct {
	Span    source.Span // the term in the manifest: "never found" points here
	Entry   string      // "due diligence" or "due diligence!knowledge"
	Find    []string    // words that locate it; empty: the entry's last level
	Sort    string      // sort key of the entry's last level, when not its text
	See     string      // an entry to look under instead ("cyber operation")
	SeeAlso []string
}

// Kind is the XRefItem.Kind of a locator: the PDF adds the page to these.
const Kind = "index"

// Sep separates an entry from a sub-entry in entry= and the manifest.
const Sep = "!"

// locator is one place a term stands: a numbered paragraph of a chapter,
// or a chapter as a whole (one without numbered paragraphs).
type locator struct {
	ch     int // the chapter's position in the publication
	num    int // paragraph number; 0 for the chapter as a whole
	anchor string
}

// Entry is a heading of the index or a sub-entry under one.
type Entry struct {
	Text    string
	Sort    string
	ID      string // anchor in the index chapter
	See     []string
	SeeAlso []string
	Subs    []*Entry
	locs    map[locator]bool
	key     string
	span    source.Span // the manifest term that asked for it, if any
	found   bool        // a manifest term found in the text or marked
	wanted  bool        // listed in the manifest
	parent  *Entry
	seeSpan source.Span
	gen     int // the matcher's last text that found it
}

// index is what Build collects before it writes blocks.
type index struct {
	pub     *doc.Publication
	byKey   map[string]*Entry
	top     []*Entry
	coll    *collate.Collator
	ds      source.Diags
	chapter map[*doc.Chapter]int
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// entry returns the entry for "a" or "a!b", making it (and its heading)
// when new.
func (ix *index) entry(path string) *Entry {
	head, sub, hasSub := strings.Cut(path, Sep)
	head, sub = strings.TrimSpace(head), strings.TrimSpace(sub)
	h := ix.byKey[fold(head)]
	if h == nil {
		h = &Entry{Text: head, key: fold(head), locs: map[locator]bool{}}
		ix.byKey[h.key] = h
		ix.top = append(ix.top, h)
	}
	if !hasSub || sub == "" {
		return h
	}
	k := h.key + Sep + fold(sub)
	s := ix.byKey[k]
	if s == nil {
		s = &Entry{Text: sub, key: k, locs: map[locator]bool{}, parent: h}
		ix.byKey[k] = s
		h.Subs = append(h.Subs, s)
	}
	return s
}

// Build fills the index chapter ch of pub from the marks in its chapters
// and the manifest's terms. A term that is never found, and a see or see
// also that names no entry, are warnings at the term's position.
func Build(pub *doc.Publication, ch *doc.Chapter, terms []Term) source.Diags {
	ix := &index{pub: pub, byKey: map[string]*Entry{}, coll: collator(pub.Lang), chapter: map[*doc.Chapter]int{}}
	for i, c := range pub.Chapters {
		ix.chapter[c] = i
	}
	// Manifest terms first: their spelling and sort keys win over a mark's.
	var finders []*finder
	for _, t := range terms {
		e := ix.entry(t.Entry)
		e.span, e.wanted = t.Span, true
		if t.Sort != "" {
			e.Sort = t.Sort
		}
		if t.See != "" {
			e.See = append(e.See, t.See)
			e.seeSpan = t.Span
			continue
		}
		e.SeeAlso = append(e.SeeAlso, t.SeeAlso...)
		if len(t.SeeAlso) > 0 {
			e.seeSpan = t.Span
		}
		find := t.Find
		if len(find) == 0 {
			find = []string{e.Text}
		}
		finders = append(finders, newFinder(e, find))
	}
	m := newMatcher(finders)
	numbered := pub.Options.ParagraphNumbers
	for _, c := range pub.Chapters {
		if c.Kind != "" || c == ch {
			continue // generated chapters: indexes, bibliography, digest
		}
		ix.scanChapter(c, m, numbered)
	}
	for _, e := range ix.top {
		for _, x := range append([]*Entry{e}, e.Subs...) {
			if x.wanted && !x.found && len(x.See) == 0 {
				ix.ds.Warnf(x.span, "index-term-unused", "index term %q is never found in the text of %s", x.pathText(), pub.ID).
					WithHint("give the words that find it under find:, mark a passage with [words]{.index entry=%q}, or remove it", x.pathText())
			}
		}
	}
	ix.checkSee()
	ix.sort()
	ch.Blocks = ix.blocks(ch)
	return ix.ds
}

func (e *Entry) pathText() string {
	if e.parent != nil {
		return e.parent.Text + Sep + e.Text
	}
	return e.Text
}

// scanChapter finds the manifest's terms and the marks in one chapter. A
// locator is the numbered paragraph a passage stands in or follows (a
// list or quotation after para. 12 is found at 12); a chapter without
// numbered paragraphs is located as a whole. The manifest's terms are
// found only in numbered text when the publication numbers paragraphs
// (front matter and the list of abbreviations would only add noise), and
// anywhere otherwise; marks count wherever they are.
func (ix *index) scanChapter(c *doc.Chapter, m *matcher, numbered bool) {
	ci := ix.chapter[c]
	hasNums := false
	for _, b := range c.Blocks {
		if p, ok := b.(*doc.Para); ok && p.Num > 0 {
			hasNums = true
			break
		}
	}
	whole := locator{ch: ci}
	cur := whole
	if hasNums {
		cur = locator{ch: ci, num: -1}
	}
	for _, b := range c.Blocks {
		if p, ok := b.(*doc.Para); ok && p.Num > 0 {
			cur = locator{ch: ci, num: p.Num, anchor: p.Attr.ID}
		}
		loc := cur
		if loc.num < 0 {
			loc = whole // before the first numbered paragraph: the chapter
		}
		// Marks, wherever they are (in notes too: the paragraph that calls
		// the note is their place).
		doc.Visitor{Inline: func(in doc.Inline) bool {
			if s, ok := in.(*doc.Styled); ok && s.Attr.HasClass("index") {
				ix.mark(s, loc)
			}
			return true
		}}.WalkBlocks([]doc.Block{b})
		switch b.(type) {
		case *doc.Heading, *doc.Div, *doc.NormBox, *doc.RefList, *doc.Figure, *doc.CodeBlock, *doc.RawHTML:
			continue // titles, generated sections and apparatus are not searched
		}
		if numbered && (!hasNums || loc.num == 0) {
			continue
		}
		for _, e := range m.find(blockText(b)) {
			e.locs[loc] = true
			e.found = true
		}
	}
}

func (ix *index) mark(s *doc.Styled, loc locator) {
	path := s.Attr.Get("entry")
	if path == "" {
		path = strings.Join(strings.Fields(doc.PlainText(s.Inlines)), " ")
	}
	if strings.TrimSpace(strings.ReplaceAll(path, Sep, "")) == "" {
		ix.ds.Warnf(s.Span, "index-term-unused", "an index mark with no text and no entry= is left out")
		return
	}
	e := ix.entry(path)
	if k := s.Attr.Get("sort"); k != "" && e.Sort == "" {
		e.Sort = k
	}
	e.locs[loc] = true
	e.found = true
}

// checkSee holds every see and see also to an entry of the index.
func (ix *index) checkSee() {
	check := func(e *Entry, list []string) []string {
		var kept []string
		for _, s := range list {
			k := fold(s)
			if hd, sub, ok := strings.Cut(s, Sep); ok {
				k = fold(hd) + Sep + fold(sub)
			}
			t := ix.byKey[k]
			if t == nil || t == e || len(t.See) > 0 || !t.hasContent() {
				ix.ds.Warnf(e.span, "index-see", "index term %q: see %q names no entry of the index", e.pathText(), s).
					WithHint("see and see also point to another term of the index that has locators")
				continue
			}
			kept = append(kept, s)
		}
		return kept
	}
	for _, e := range ix.top {
		for _, x := range append([]*Entry{e}, e.Subs...) {
			x.See = check(x, x.See)
			x.SeeAlso = check(x, x.SeeAlso)
		}
	}
}

func (e *Entry) hasContent() bool {
	if len(e.locs) > 0 {
		return true
	}
	for _, s := range e.Subs {
		if len(s.locs) > 0 {
			return true
		}
	}
	return false
}

// sort orders entries and sub-entries by the language's collation of their
// sort keys; equal keys (a capital and a small letter) fall back to the
// text, so the order never depends on the input's.
func (ix *index) sort() {
	cmp := func(a, b *Entry) int {
		if c := ix.coll.CompareString(a.sortKey(), b.sortKey()); c != 0 {
			return c
		}
		return strings.Compare(a.Text, b.Text)
	}
	kept := ix.top[:0]
	for _, e := range ix.top {
		subs := e.Subs[:0]
		for _, s := range e.Subs {
			if len(s.locs) > 0 || len(s.See) > 0 {
				subs = append(subs, s)
			}
		}
		e.Subs = subs
		slices.SortFunc(e.Subs, cmp)
		if len(e.locs) > 0 || len(e.See) > 0 || len(e.Subs) > 0 {
			kept = append(kept, e)
		}
	}
	ix.top = kept
	slices.SortFunc(ix.top, cmp)
}

func (e *Entry) sortKey() string {
	if e.Sort != "" {
		return e.Sort
	}
	return e.Text
}

func collator(lang string) *collate.Collator {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return collate.New(tag, collate.IgnoreCase)
}

// letter is the group an entry is listed under: its sort key's first
// letter without accents, in capitals ("É" under E); "#" for digits and
// signs.
func letter(s string) string {
	for _, r := range norm.NFD.String(s) {
		if unicode.IsLetter(r) {
			r = unicode.ToUpper(r)
			if l, ok := ligature[r]; ok {
				return l
			}
			return string(r)
		}
		if unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return "#"
		}
	}
	return "#"
}

// ligature are letters that collate as their first letter but that no
// decomposition reduces to it: œuvre is listed under O.
var ligature = map[rune]string{'Œ': "O", 'Æ': "A", 'Ø': "O", 'Ł': "L", 'Đ': "D", 'ẞ': "S", 'Ĳ': "I"}

// ranges groups a chapter's paragraph numbers into runs: 3, 4, 5 and 9
// become [3 5] and [9 9].
func ranges(nums []int) [][2]int {
	var out [][2]int
	for _, n := range nums {
		if k := len(out); k > 0 && out[k-1][1]+1 == n {
			out[k-1][1] = n
			continue
		}
		out = append(out, [2]int{n, n})
	}
	return out
}

func rangeText(r [2]int) string {
	if r[0] == r[1] {
		return strconv.Itoa(r[0])
	}
	return strconv.Itoa(r[0]) + "\u2013" + strconv.Itoa(r[1])
}
