package pdf

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/index"
	"github.com/normpress/normpress/build/pdf/hyphen"
	lb "github.com/normpress/normpress/build/pdf/linebreak"
)

// run is text in one face at one size: the unit fpdf draws.
type run struct {
	text   string
	face   face
	size   float64
	rise   float64
	w      float64
	link   int32
	strike bool
	tofu   bool
	tag    tagID // the run's structure element; 0: the paragraph's
	hyph   bool  // a hyphen at a hyphenation point
}

// boxInfo is what an item of the paragraph carries beside its width.
type boxInfo struct {
	runs   []run
	note   *doc.Note // a footnote mark: the note goes on the page of this box
	anchor string    // a destination at this point ("chapter#anchor")
}

// tstyle is the inline style while walking a paragraph's inlines.
type tstyle struct {
	fam          family
	bold, italic bool
	size, rise   float64
	link         int32
	strike       bool
	smallcaps    bool
	nohyph       bool
	url          bool // the text is a URL: break after / . - without a hyphen
	nonotes      bool // leave footnote marks out (contents entries)
	tag          tagID
	// lang is set inside a span in another language ([texte]{lang=fr}):
	// its words break with that language's patterns (hyph; nil: not at
	// all, for a language without patterns).
	lang string
	hyph *hyphen.Patterns
}

func (s tstyle) face() face {
	st := 0
	if s.bold {
		st |= styBold
	}
	if s.italic {
		st |= styItalic
	}
	return mkface(s.fam, st)
}

// para collects the items of one paragraph for the line breaker.
type para struct {
	e     *engine
	items []lb.Item
	info  []boxInfo
	base  tstyle
	tag   tagID // the element the paragraph's runs belong to
}

func (e *engine) newPara(base tstyle) *para {
	p := &para{e: e, base: base}
	// Item lists are reused: a book sets thousands of paragraphs, and a
	// note's paragraphs are set while their caller's list is still in use,
	// so the free lists form a stack.
	if n := len(e.free); n > 0 {
		b := e.free[n-1]
		e.free = e.free[:n-1]
		p.items, p.info = b.items[:0], b.info[:0]
	}
	return p
}

// release returns a paragraph's lists once its lines are made.
func (e *engine) release(p *para) {
	clear(p.info) // drop references to runs and notes
	e.free = append(e.free, paraBuf{p.items, p.info})
	p.items, p.info = nil, nil
}

type paraBuf struct {
	items []lb.Item
	info  []boxInfo
}

func (p *para) push(it lb.Item, bi boxInfo) {
	p.items = append(p.items, it)
	p.info = append(p.info, bi)
}

func (p *para) glue(st tstyle) {
	if n := len(p.items); n == 0 || p.items[n-1].Kind == lb.Glue {
		return
	}
	f := st.face()
	if f.family() == famMono {
		f = mkface(famSerif, f.style())
	}
	w := p.e.fonts.width(f, " ", st.size)
	p.push(lb.Item{Kind: lb.Glue, Width: w, Stretch: w / 2, Shrink: w / 3}, boxInfo{})
}

// finish ends the paragraph: TeX's \parfillskip and a forced break.
const lastWordPenalty = 1000

func (p *para) finish() {
	for n := len(p.items); n > 0 && p.items[n-1].Kind == lb.Glue; n = len(p.items) {
		p.items, p.info = p.items[:n-1], p.info[:n-1]
	}
	// The last word is not hyphenated, its stub would make a last line
	// of a few letters, unless nothing else fits (a word wider than a
	// narrow table column): a penalty of 1000 outweighs any line short of
	// TeX's \hbadness. (A break in a URL or after a dash, which adds no
	// hyphen, still may come.)
	for i := len(p.items) - 1; i >= 0 && p.items[i].Kind != lb.Glue && !p.e.opts.noHyphenRules; i-- {
		if it := &p.items[i]; it.Kind == lb.Penalty && it.Flagged {
			it.Penalty = max(it.Penalty, lastWordPenalty)
		}
	}
	p.push(lb.Item{Kind: lb.Penalty, Penalty: lb.Inf}, boxInfo{})
	p.push(lb.Item{Kind: lb.Glue, Stretch: 1e5}, boxInfo{})
	p.push(lb.Item{Kind: lb.Penalty, Penalty: -lb.Inf}, boxInfo{})
}

func (p *para) inlines(ins []doc.Inline, st tstyle) {
	for _, in := range ins {
		p.inline(in, st)
	}
}

func (p *para) inline(in doc.Inline, st tstyle) {
	e := p.e
	switch n := in.(type) {
	case *doc.Text:
		e.checkText(n, st.face())
		saved := e.inText
		e.inText = !n.Span.IsZero()
		p.text(n.Value, st)
		e.inText = saved
	case *doc.Emph:
		st.italic = !st.italic
		p.inlines(n.Inlines, st)
	case *doc.Strong:
		st.bold = true
		p.inlines(n.Inlines, st)
	case *doc.Strike:
		st.strike = true
		p.inlines(n.Inlines, st)
	case *doc.Sup:
		st.rise += 0.35 * st.size
		st.size *= 0.7
		st.nohyph = true
		p.inlines(n.Inlines, st)
	case *doc.Sub:
		st.rise -= 0.15 * st.size
		st.size *= 0.7
		st.nohyph = true
		p.inlines(n.Inlines, st)
	case *doc.SmallCaps:
		st.smallcaps = true
		p.inlines(n.Inlines, st)
	case *doc.Styled:
		if n.Attr.HasClass("smallcaps") || n.Attr.HasClass("small-caps") {
			st.smallcaps = true
		}
		if lang := attrLang(n.Attr); lang != "" {
			// Text in another language: a Span with its own /Lang.
			st.tag = e.tags.elem(n, "Span", p.parentTag(st), 0)
			e.tags.get(st.tag).lang = lang
			st.lang, st.hyph = lang, hyphen.Lang(lang)
		}
		p.anchor(n.Attr.ID)
		p.inlines(n.Inlines, st)
	case *doc.Code:
		st.fam = famMono
		st.size *= 0.9
		st.nohyph = true
		p.text(n.Text, st)
	case *doc.SoftBreak:
		p.glue(st)
	case *doc.LineBreak:
		p.push(lb.Item{Kind: lb.Penalty, Penalty: lb.Inf}, boxInfo{})
		p.push(lb.Item{Kind: lb.Glue, Stretch: 1e5}, boxInfo{})
		p.push(lb.Item{Kind: lb.Penalty, Penalty: -lb.Inf}, boxInfo{})
	case *doc.Link:
		if n.Target != nil {
			st.link = e.targetLink(n.Target)
		} else if n.URL != "" {
			st.link = e.link(linkDest{url: n.URL})
		}
		plain := doc.PlainText(n.Inlines)
		if st.link != 0 {
			st = p.linkTag(n, 0, st)
		}
		if looksLikeURL(plain) {
			st.url = true
			st.nohyph = true
		}
		p.inlines(n.Inlines, st)
	case *doc.Image:
		alt := n.Alt
		if alt == "" {
			alt = n.Title
		}
		if alt != "" {
			p.text("["+alt+"]", st)
		}
	case *doc.RawInline:
		// HTML has no meaning on paper.
	case *doc.Note:
		if !st.nonotes {
			p.noteMark(n, st)
		}
	case *doc.Cite:
		if n.Text != nil {
			p.inlines(n.Text, st)
			return
		}
		keys := make([]string, len(n.Items))
		for i, it := range n.Items {
			keys[i] = it.Key
		}
		p.text("["+strings.Join(keys, "; ")+"]", st)
	case *doc.XRef:
		p.xref(n, st)
	}
}

// parentTag is the element inline content in st belongs to.
func (p *para) parentTag(st tstyle) tagID {
	if st.tag != 0 {
		return st.tag
	}
	return p.tag
}

// linkTag puts the link's content in a Link element.
func (p *para) linkTag(node any, n int, st tstyle) tstyle {
	st.tag = p.e.tags.elem(node, "Link", p.parentTag(st), n)
	return st
}

// attrLang is a lang="…" attribute.
func attrLang(a doc.Attr) string {
	for _, kv := range a.KV {
		if kv[0] == "lang" || kv[0] == "xml:lang" {
			return kv[1]
		}
	}
	return ""
}

func looksLikeURL(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "doi:")
}

func (p *para) anchor(id string) {
	if id == "" {
		return
	}
	p.push(lb.Item{Kind: lb.Box}, boxInfo{anchor: anchorKey(p.e.chapter.ID, id)})
}

func (p *para) xref(x *doc.XRef, st tstyle) {
	for i, it := range x.Items {
		if i > 0 {
			p.text(doc.ItemSeparator, st)
		}
		before, after := it.Affixes()
		if before != "" {
			p.text(before, st)
		}
		text := it.Text
		if text == "" {
			text = it.Label
		}
		lst := st
		lst.link = p.e.targetLink(it.Target)
		if lst.link != 0 {
			lst = p.linkTag(x, i, lst)
		}
		p.text(text, lst)
		if it.Kind == index.Kind && it.Target != nil {
			// A subject index's locator: the paragraph numbers every
			// format shows, and in print the page they stand on.
			// A range gives the pages it spans: "4–7 (pp. 28–29)".
			word, pages := p.e.words.page, p.e.pageRef(it.Target)
			if it.End != nil {
				if last := p.e.pageRef(it.End); last != pages {
					word, pages = p.e.words.pages, pages+"\u2013"+last
				}
			}
			p.text("\u00a0("+word+"\u00a0"+pages+")", lst)
		} else if p.e.pub.Options.PageRefs && it.Target != nil && (it.Target.Pub == "" || it.Target.Pub == p.e.pub.ID) {
			p.text(", "+p.e.words.page+"\u00a0"+p.e.pageRef(it.Target), lst)
		}
		if after != "" {
			p.text(after, st)
		}
	}
}

// pageRef is the page label of a target from the previous layout pass;
// in the first pass a placeholder of typical width holds the room.
func (e *engine) pageRef(t *doc.Target) string {
	e.refsUsed++
	k := anchorKey(t.Chapter, t.Anchor)
	if l, ok := e.pageRefs[k]; ok {
		return l
	}
	if l, ok := e.pageRefs[anchorKey(t.Chapter, "")]; ok && e.pageRefs != nil {
		return l
	}
	e.missing = true
	return "00"
}

func (p *para) noteMark(n *doc.Note, st tstyle) {
	ms := st
	ms.rise += 0.36 * st.size
	ms.size *= 0.66
	ms.bold, ms.italic, ms.fam = false, false, famSerif
	ms.link = p.e.link(linkDest{key: anchorKey(p.e.chapter.ID, n.ID)})
	// The mark is a Reference to the Note, and a link to it.
	ms.tag = p.e.tags.elem(n, "Reference", p.parentTag(st), 0)
	ms = p.linkTag(n, 0, ms)
	runs := p.runs(strconv.Itoa(n.Num), ms)
	w := 0.0
	for _, r := range runs {
		w += r.w
	}
	bi := boxInfo{runs: runs, note: n}
	if n.RefID != "" {
		bi.anchor = anchorKey(p.e.chapter.ID, n.RefID)
	}
	p.push(lb.Item{Kind: lb.Box, Width: w}, bi)
}

// text splits text into words and spaces and words into boxes at their
// hyphenation points.
func (p *para) text(s string, st tstyle) {
	start := -1
	for i, r := range s {
		if isSpace(r) {
			if start >= 0 {
				p.word(s[start:i], st)
				start = -1
			}
			p.glue(st)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		p.word(s[start:], st)
	}
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u2028', '\u2029':
		return true
	}
	return false
}

// brk is a place inside a word where a line may end.
type brk struct {
	at      int  // byte offset: the break comes before s[at:]
	hyphen  bool // draw a hyphen (a hyphenation point) or not (after a dash)
	flagged bool // counts as a hyphenated line without drawing a hyphen
	penalty float64
}

func (p *para) word(w string, st tstyle) {
	if !st.url && (strings.Contains(w, "://") || strings.HasPrefix(w, "www.")) {
		st.url, st.nohyph = true, true // a URL in plain text breaks like a linked one
	}
	var brks []brk
	prev := rune(0)
	letters := -1 // start of the current run of letters
	flush := func(end int) {
		if letters < 0 {
			return
		}
		pats := p.e.lang
		if st.lang != "" {
			pats = st.hyph
		}
		if !st.nohyph && end-letters >= 5 && pats != nil {
			lw := w[letters:end]
			if caps(lw) < 2 {
				for _, pos := range p.e.hyphenateWith(pats, lw) {
					brks = append(brks, brk{at: letters + runeOffset(lw, pos), hyphen: true, penalty: 50})
				}
			}
		}
		letters = -1
	}
	for i, r := range w {
		if i > 0 && i < len(w) {
			switch {
			case prev == '\u00ad':
				brks = append(brks, brk{at: i, hyphen: true, penalty: 50})
			case prev == '-' && unicode.IsLetter(r):
				// A compound's own hyphen: a line ending there looks
				// hyphenated, so it counts towards the limit (flagged), but
				// draws nothing more.
				brks = append(brks, brk{at: i, penalty: 50, flagged: true})
			case (prev == '\u2013' || prev == '\u2014') && unicode.IsLetter(r):
				brks = append(brks, brk{at: i, penalty: 50})
			case prev == '\u200b':
				brks = append(brks, brk{at: i})
			case st.url:
				if pen, ok := urlBreak(prev, r); ok {
					brks = append(brks, brk{at: i, penalty: pen})
				}
			}
		}
		if unicode.IsLetter(r) {
			if letters < 0 {
				letters = i
			}
		} else {
			flush(i)
		}
		prev = r
	}
	flush(len(w))
	sortBrks(brks)
	at := 0
	for _, b := range brks {
		if b.at <= at || b.at >= len(w) {
			continue
		}
		p.box(w[at:b.at], st)
		hw := 0.0
		var hr []run
		if b.hyphen {
			hr = p.runs("-", st)
			hw = hr[0].w
			for i := range hr {
				hr[i].hyph = true
			}
		}
		p.push(lb.Item{Kind: lb.Penalty, Width: hw, Penalty: b.penalty, Flagged: b.hyphen || b.flagged}, boxInfo{runs: hr})
		at = b.at
	}
	p.box(w[at:], st)
}

func sortBrks(b []brk) {
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && b[j].at < b[j-1].at; j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

func caps(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

func (p *para) box(s string, st tstyle) {
	if s == "" {
		return
	}
	runs := p.runs(s, st)
	if len(runs) == 0 {
		return
	}
	w := 0.0
	for _, r := range runs {
		w += r.w
	}
	p.push(lb.Item{Kind: lb.Box, Width: w}, boxInfo{runs: runs})
}

// glueItem is a fixed space (after a heading's number).
func glueItem(w float64) lb.Item { return lb.Item{Kind: lb.Glue, Width: w} }

// urlBreak tells whether a URL or DOI may break between prev and r, and at
// what penalty: never with a hyphen, after a slash (or a double slash, or
// the scheme's colon), before a dot, a comma, a hyphen, an underscore, a
// question mark, a number sign, a tilde or a percent escape, so that the
// punctuation that starts a line shows it is not the sentence's; before
// or after an equals sign or an ampersand (The Chicago Manual of Style,
// 14.18).
func urlBreak(prev, r rune) (float64, bool) {
	switch {
	case r == '/' || prev == 0:
		return 0, false // "//" and "/" stay with what comes before
	case prev == '/' || prev == ':':
		return 100, true
	case prev == '.' || prev == ',' || prev == '-' || prev == '_' || prev == '?' || prev == '#' || prev == '~' || prev == '%':
		return 0, false // the punctuation goes to the next line with what follows
	case r == '.' || r == ',' || r == '-' || r == '_' || r == '?' || r == '#' || r == '~':
		return 100, true
	case r == '%':
		return 150, true // before an escape: "…International%20Law…"
	case r == '=' || r == '&' || prev == '=' || prev == '&':
		return 100, true
	}
	return 0, false
}
