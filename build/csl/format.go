package csl

import (
	"strings"
	"unicode"
)

// render turns the output tree into formatted text: delimiters between the
// non-empty parts, punctuation that collides at joins resolved as
// citeproc-js does, then the formatting attributes and affixes.
func (o *out) render() Rich {
	if o == nil {
		return nil
	}
	switch o.kind {
	case oLit:
		return o.lit
	case oTag:
		if len(o.kids) == 1 {
			return o.kids[0].render()
		}
	}
	pieces := make([]Rich, 0, len(o.kids)*2)
	var delim string
	if o.f != nil && o.f.hasDelimiter {
		delim = o.f.delimiter
	}
	for _, k := range o.kids {
		r := k.render()
		if r.IsEmpty() {
			continue
		}
		if delim != "" && len(pieces) > 0 {
			switch r.firstRune() {
			case ',', ';', '.':
				// A part that starts with punctuation takes no delimiter.
			default:
				pieces = append(pieces, plain(delim))
			}
		}
		pieces = append(pieces, r)
	}
	pieces = fixPunct(pieces)
	r := concat(pieces...)
	if o.f != nil {
		r = applyFormatting(o.f, r)
	}
	return r
}

func applyFormatting(f *formatting, r Rich) Rich {
	if r.IsEmpty() {
		return nil
	}
	if f.stripPeriods {
		r = r.mapText(func(s string) string { return strings.ReplaceAll(s, ".", "") })
	}
	inside := f.display != dispNone
	if inside {
		r = addAffixes(f, r)
	}
	switch f.fontStyle {
	case fsItalic, fsOblique:
		r = wrap(KItalic, r)
	case fsNormal:
		r = wrap(KRoman, r)
	}
	if f.textCase != tcNone {
		r = applyTextCase(r, f.textCase)
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
		r = addAffixes(f, r)
	}
	if f.display != dispNone {
		r = Rich{{Kind: KDisplay, Text: displayNames[f.display], Kids: r}}
	}
	return r
}

func addAffixes(f *formatting, r Rich) Rich {
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
	return concat(fixPunct(pieces)...)
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

func fixPunct(pieces []Rich) []Rich {
	if len(pieces) < 2 {
		return pieces
	}
	out := make([]Rich, 0, len(pieces))
	x := pieces[0]
	for i := 1; i < len(pieces); i++ {
		y := pieces[i]
		yStart := y.firstRune()
		xEnd := x.lastRune()
		if yStart == '.' {
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
	s := x.String()
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
func trimOne(r Rich, c rune) Rich {
	done := false
	return r.clone().trimLeftFunc(func(x rune) bool {
		if !done && x == c {
			done = true
			return true
		}
		return false
	})
}

func trimOneRight(r Rich, c rune) Rich {
	done := false
	return r.clone().trimRightFunc(func(x rune) bool {
		if !done && x == c {
			done = true
			return true
		}
		return false
	})
}
