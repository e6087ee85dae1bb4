package csl

import (
	"strings"
	"unicode"
)

// render turns the output tree into formatted text: delimiters between the
// non-empty parts, punctuation that collides at joins resolved as
// citeproc-js does, then the formatting attributes and affixes.
func (o *out) render() Rich { return o.renderPQ(false) }

// renderPQ renders; with pq, a period or comma that follows a closing
// quotation mark at a join moves inside it (the locale's
// punctuation-in-quote). Punctuation inside one piece of text, as written
// in a field or an affix, stays where it is, as in citeproc-js.
func (o *out) renderPQ(pq bool) Rich {
	if o == nil {
		return nil
	}
	switch o.kind {
	case oLit:
		return o.lit
	case oTag:
		if len(o.kids) == 1 {
			r := o.kids[0].renderPQ(pq)
			if o.tag.kind == tagItem && !r.IsEmpty() {
				return Rich{{Kind: KItem, Text: o.tag.itemID, Kids: r}}
			}
			return r
		}
	case oFmt:
		if o.f == nil && len(o.kids) == 1 {
			return o.kids[0].renderPQ(pq)
		}
	}
	var buf [12]Rich
	pieces := buf[:0]
	var delim string
	if o.f != nil && o.f.hasDelimiter {
		delim = o.f.delimiter
	}
	for _, k := range o.kids {
		r := k.renderPQ(pq)
		if r.IsEmpty() {
			continue
		}
		if delim != "" && len(pieces) > 0 {
			switch r.firstRune() {
			case ',', ';', '.':
				// A part that starts with punctuation takes no delimiter.
			default:
				d := delim
				if o.f.citeDelim {
					// Between cites, a delimiter's punctuation yields to
					// punctuation that ends the cite before (a suffix's
					// comma).
					if pieces[len(pieces)-1].lastRune() == ',' {
						d = strings.TrimLeft(d, ",;.:")
					}
				}
				pieces = append(pieces, plain(d))
			}
		}
		pieces = append(pieces, r)
	}
	if len(pieces) == 0 {
		return nil
	}
	var r Rich
	if len(pieces) == 1 {
		r = pieces[0]
	} else {
		pieces = fixPunct(pieces, pq)
		r = concat(pieces...)
	}
	if o.f != nil {
		r = applyFormatting(o.f, r, pq)
	}
	return r
}

func applyFormatting(f *formatting, r Rich, pq bool) Rich {
	if r.IsEmpty() {
		return nil
	}
	if f.stripPeriods {
		r = r.mapText(func(s string) string { return strings.ReplaceAll(s, ".", "") })
	}
	inside := f.display != dispNone
	if inside {
		r = addAffixes(f, r, pq)
	}
	switch f.fontStyle {
	case fsItalic, fsOblique:
		r = wrap(KItalic, r)
	case fsNormal:
		r = wrap(KRoman, r)
	}
	if f.textCase != tcNone {
		r = applyTextCase(r, f.textCase, f.turkish)
	}
	switch f.fontVariant {
	case fvSmallCaps:
		r = wrap(KSmallCaps, r)
	case fvNormal:
		r = wrap(KNormalVariant, r)
	}
	switch f.fontWeight {
	case fwBold:
		r = wrap(KBold, r)
	case fwNormal, fwLight:
		r = wrap(KNormalWeight, r)
	}
	switch f.textDecor {
	case tdUnderline:
		r = wrap(KUnderline, r)
	case tdNoDecoration:
		r = wrap(KNoDecoration, r)
	}
	switch f.vertAlign {
	case vaSup:
		r = wrap(KSup, r)
	case vaSub:
		r = wrap(KSub, r)
	case vaBaseline:
		r = wrap(KBaseline, r)
	}
	if f.quotes {
		r = wrap(KQuoted, r)
	}
	if !inside {
		r = addAffixes(f, r, pq)
	}
	if f.display != dispNone {
		r = Rich{{Kind: KDisplay, Text: displayNames[f.display], Kids: r}}
	}
	return r
}

func addAffixes(f *formatting, r Rich, pq bool) Rich {
	if f.prefix == "" && f.suffix == "" {
		return r
	}
	pieces := make([]Rich, 0, 3)
	if f.prefix != "" {
		pieces = append(pieces, plain(f.prefix))
	}
	pieces = append(pieces, r)
	if f.suffix != "" {
		pieces = append(pieces, plain(f.suffix))
	}
	return concat(fixPunct(pieces, pq)...)
}

type punctRule uint8

const (
	keepBoth punctRule = iota
	keepFirst
	keepSecond
)

// punctRules is citeproc-js's table for two punctuation marks that meet
// where output parts join (src/queue.js): keep the first, the second or
// both.
func punctRules(a, b rune) punctRule {
	if a == b {
		switch a {
		case '!', '?', '.', ':', ';', ',':
			return keepFirst
		case ' ':
			return keepSecond
		}
		return keepBoth
	}
	switch a {
	case '!':
		switch b {
		case '.', ':':
			return keepFirst
		}
	case '?':
		switch b {
		case '.', ':':
			return keepFirst
		}
	case ':':
		switch b {
		case '!', '?':
			return keepSecond
		case '.':
			return keepFirst
		}
	case ';':
		switch b {
		case '!', '?':
			return keepSecond
		case ':', '.':
			return keepFirst
		}
	case ' ':
		switch b {
		case ',', '.':
			return keepSecond
		}
	}
	return keepBoth
}

func isQuoteLike(c rune) bool {
	return c == '"' || c == '\'' || c == '”' || c == '’' || c == '»' || c == '›' || c == '」'
}

func fixPunct(pieces []Rich, pq bool) []Rich {
	if len(pieces) < 2 || !needsPunctFix(pieces, pq) {
		return pieces
	}
	out := make([]Rich, 0, len(pieces))
	x := pieces[0]
	for i := 1; i < len(pieces); i++ {
		y := pieces[i]
		yStart := y.firstRune()
		// Periods, commas, question and exclamation marks move inside
		// closing quotation marks (American usage; citeproc-js). Colons
		// and semicolons stay outside.
		for pq && isInQuotePunct(yStart) && endsWithQuotedNode(x) {
			x = moveIntoQuote(x, yStart)
			y = trimOne(y, yStart)
			yStart = y.firstRune()
		}
		if y.IsEmpty() {
			continue
		}
		xEnd := x.lastRune()
		if yStart == '.' || (pq && isPunct(yStart)) {
			if q := lastBeforeQuote(x); q != 0 {
				xEnd = q
			}
		}
		switch punctRules(xEnd, yStart) {
		case keepFirst:
			y2 := y.trimLeftFunc(func(c rune) bool { return c == yStart })
			if yStart == ' ' {
				y2 = y.trimLeftFunc(func(c rune) bool { return c == ' ' })
			} else {
				y2 = trimOne(y, yStart)
			}
			y = y2
		case keepSecond:
			x = trimOneRight(x, xEnd)
			if xEnd == ' ' && isPunct(yStart) {
				// "1996. " + ". UNGA", "2016, " + ".": with the space
				// gone the two marks meet, and meet as marks do.
				switch e := x.lastRune(); punctRules(e, yStart) {
				case keepFirst:
					y = trimOne(y, yStart)
					if y.firstRune() == ' ' {
						// "1996." + " UNGA" keeps its one space.
					} else if !y.IsEmpty() {
						x = concat(x, plain(" "))
					}
				case keepSecond:
					x = trimOneRight(x, e)
				case keepBoth:
					if e == ',' && yStart == '.' {
						// "2016, " + ".": a comma that waited for more
						// text gives way to the full stop that ends.
						x = trimOneRight(x, e)
					}
				}
			}
			// "“colon”:" + "!": the colon goes and the mark moves in.
			for pq && isInQuotePunct(yStart) && endsWithQuotedNode(x) {
				x = moveIntoQuote(x, yStart)
				y = trimOne(y, yStart)
				yStart = y.firstRune()
			}
		}
		if yStart != ' ' && y.firstRune() == ' ' && x.lastRune() == ' ' {
			// "“Title,” " + ", " lost its comma: one space is enough.
			y = trimOne(y, ' ')
		}
		if !y.IsEmpty() {
			out = append(out, x)
			x = y
		}
	}
	out = append(out, x)
	return out
}

// lastBeforeQuote is the last character before closing quotation marks at
// the end of x, when x ends with one; for "Title." + "." the period inside
// the quotes already ends the sentence.
func lastBeforeQuote(x Rich) rune {
	s := tailText(x, 32)
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if s == "" {
		return 0
	}
	end := lastRuneOf(s)
	if !isQuoteLike(end) && !endsWithQuotedNode(x) {
		return 0
	}
	t := strings.TrimRightFunc(s, func(c rune) bool { return unicode.IsSpace(c) || isQuoteLike(c) })
	if t == "" {
		return 0
	}
	return lastRuneOf(t)
}

// tailText is at least the last n bytes of the text (more when a run is
// longer), read from the end without building the whole string.
func tailText(r Rich, n int) string {
	var parts []string
	total := 0
	var walk func(r Rich) bool
	walk = func(r Rich) bool {
		for i := len(r) - 1; i >= 0; i-- {
			nd := r[i]
			if nd.Kind == KText {
				parts = append(parts, nd.Text)
				total += len(nd.Text)
			} else {
				if nd.Kind == KQuoted && !Rich(nd.Kids).IsEmpty() {
					parts = append(parts, "”")
					total += len("”")
				}
				if walk(nd.Kids) {
					return true
				}
			}
			if total >= n {
				return true
			}
		}
		return false
	}
	walk(r)
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	return b.String()
}

func endsWithQuotedNode(r Rich) bool {
	for i := len(r) - 1; i >= 0; i-- {
		n := r[i]
		if n.Kind == KText {
			if n.Text == "" {
				continue
			}
			return false
		}
		if n.Kind == KQuoted {
			return !Rich(n.Kids).IsEmpty()
		}
		return endsWithQuotedNode(n.Kids)
	}
	return false
}

// trimOne removes one leading c from the first text run.
func trimOne(r Rich, c rune) Rich { return r.trimLeftFunc(once(c)) }

// trimOneRight removes one trailing c from the last text run.
func trimOneRight(r Rich, c rune) Rich { return r.trimRightFunc(once(c)) }

// once matches c the first time only, so a trim removes one character.
func once(c rune) func(rune) bool {
	done := false
	return func(x rune) bool {
		if !done && x == c {
			done = true
			return true
		}
		return false
	}
}

// moveIntoQuote puts c at the end of the quotation that ends x, unless the
// quotation already ends with that mark (or a period meets ? or !).
func moveIntoQuote(x Rich, c rune) Rich {
	x = x.clone()
	var last *Node
	var find func(r Rich) bool
	find = func(r Rich) bool {
		for i := len(r) - 1; i >= 0; i-- {
			n := r[i]
			if n.Kind == KText {
				if n.Text == "" {
					continue
				}
				return false
			}
			if n.Kind == KQuoted && !Rich(n.Kids).IsEmpty() {
				last = n
				// A quotation ending in another: the inner one takes the
				// mark ("This is ‘The One.’").
				find(n.Kids)
				return true
			}
			return find(n.Kids)
		}
		return false
	}
	if !find(x) {
		return x
	}
	end := Rich(last.Kids).lastRune()
	switch punctRules(end, c) {
	case keepFirst:
		return x
	case keepSecond:
		last.Kids = trimOneRight(last.Kids, end)
	}
	last.Kids = append(last.Kids, textNode(string(c)))
	return x
}

func isInQuotePunct(c rune) bool { return c == '.' || c == ',' || c == '!' || c == '?' }

func isPunct(c rune) bool { return strings.ContainsRune(".,;:!?", c) }

// superscripts turns Unicode superscript letters ("1ʳᵉ", "2.ª") into
// superscript spans of the base letters, as citeproc-js does, so that
// fonts without those characters still show them.
func superscripts(r Rich) Rich {
	var out Rich
	for _, n := range r {
		if n.Kind != KText {
			if len(n.Kids) > 0 {
				c := *n
				c.Kids = superscripts(n.Kids)
				n = &c
			}
			out = append(out, n)
			continue
		}
		if !strings.ContainsFunc(n.Text, func(c rune) bool { _, ok := superscriptBase[c]; return ok }) {
			out = append(out, n)
			continue
		}
		start := 0
		for i, c := range n.Text {
			base, ok := superscriptBase[c]
			if !ok {
				continue
			}
			if i > start {
				out = append(out, textNode(n.Text[start:i]))
			}
			out = append(out, &Node{Kind: KSup, Kids: Rich{textNode(base)}})
			start = i + len(string(c))
		}
		if start < len(n.Text) {
			out = append(out, textNode(n.Text[start:]))
		}
	}
	return out
}

var superscriptBase = map[rune]string{
	'ª': "a", '²': "2", '³': "3", '¹': "1", 'º': "o", 'ʰ': "h", 'ʱ': "ɦ", 'ʲ': "j", 'ʳ': "r", 'ʴ': "ɹ",
	'ʵ': "ɻ", 'ʶ': "ʁ", 'ʷ': "w", 'ʸ': "y", 'ˠ': "ɣ", 'ˡ': "l", 'ˢ': "s", 'ˣ': "x", 'ˤ': "ʕ",
	'ᴬ': "A", 'ᴭ': "Æ", 'ᴮ': "B", 'ᴰ': "D", 'ᴱ': "E", 'ᴲ': "Ǝ", 'ᴳ': "G", 'ᴴ': "H", 'ᴵ': "I",
	'ᴶ': "J", 'ᴷ': "K", 'ᴸ': "L", 'ᴹ': "M", 'ᴺ': "N", 'ᴼ': "O", 'ᴽ': "Ȣ", 'ᴾ': "P", 'ᴿ': "R",
	'ᵀ': "T", 'ᵁ': "U", 'ᵂ': "W", 'ᵃ': "a", 'ᵄ': "ɐ", 'ᵅ': "ɑ", 'ᵆ': "ᴂ", 'ᵇ': "b", 'ᵈ': "d",
	'ᵉ': "e", 'ᵊ': "ə", 'ᵋ': "ɛ", 'ᵌ': "ɜ", 'ᵍ': "g", 'ᵏ': "k", 'ᵐ': "m", 'ᵑ': "ŋ", 'ᵒ': "o",
	'ᵓ': "ɔ", 'ᵔ': "ᴖ", 'ᵕ': "ᴗ", 'ᵖ': "p", 'ᵗ': "t", 'ᵘ': "u", 'ᵙ': "ᴝ", 'ᵚ': "ɯ", 'ᵛ': "v",
	'ᵜ': "ᴥ", 'ᵝ': "β", 'ᵞ': "γ", 'ᵟ': "δ", 'ᵠ': "φ", 'ᵡ': "χ", '⁰': "0", 'ⁱ': "i", '⁴': "4",
	'⁵': "5", '⁶': "6", '⁷': "7", '⁸': "8", '⁹': "9", '⁺': "+", '⁻': "−", '⁼': "=", '⁽': "(",
	'⁾': ")", 'ⁿ': "n", '℠': "SM", '™': "TM", '㆒': "一", '㆓': "二", '㆔': "三", '㆕': "四",
	'㆖': "上", '㆗': "中", '㆘': "下", '㆙': "甲", '㆚': "乙", '㆛': "丙", '㆜': "丁", '㆝': "天",
	'㆞': "地", '㆟': "人", 'ˀ': "ʔ", 'ˁ': "ʕ", 'ۥ': "و", 'ۦ': "ي",
}

// superscriptOf is superscriptBase the other way round. Where two
// characters raise the same letter, the ordinal indicators ª and º win
// ("n.º"), as the characters Spanish and Portuguese write.
var superscriptOf = func() map[string]rune {
	m := make(map[string]rune, len(superscriptBase))
	for c, base := range superscriptBase {
		if old, ok := m[base]; ok && (old == 'ª' || old == 'º' || old < c) {
			continue
		}
		m[base] = c
	}
	return m
}()

// toSuperscript writes s in Unicode superscript characters; false when
// one of its characters has none.
func toSuperscript(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	var b strings.Builder
	for _, c := range s {
		sc, ok := superscriptOf[string(c)]
		if !ok {
			return "", false
		}
		b.WriteRune(sc)
	}
	return b.String(), true
}

// needsPunctFix reports whether any join of pieces needs attention, so
// that the common case allocates nothing.
func needsPunctFix(pieces []Rich, pq bool) bool {
	for i := 1; i < len(pieces); i++ {
		a, b := pieces[i-1].lastRune(), pieces[i].firstRune()
		if b == '.' || (pq && isPunct(b)) {
			return true
		}
		if punctRules(a, b) != keepBoth {
			return true
		}
	}
	return false
}

// JoinPunct says what happens where a citation's last mark (end) meets
// the first mark of the text after it (start), as at any join inside a
// citation: "… 2026)." + "." keeps one full stop (dropStart), "…;" + "."
// keeps the semicolon, "… ed" + "." keeps both. end is the last mark
// before any closing quotation marks.
func JoinPunct(end, start rune) (dropEnd, dropStart bool) {
	if !isPunct(start) {
		return false, false
	}
	switch punctRules(end, start) {
	case keepFirst:
		return false, true
	case keepSecond:
		return true, false
	}
	return false, false
}
