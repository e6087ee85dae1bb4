package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseMarkup reads the rich text allowed in CSL-JSON fields (citeproc-js
// "markup"): <i>, <b>, <sc>, <sup>, <sub>, <span class="nocase">, small-caps
// spans, and quotation marks, which become KQuoted spans so that nested
// quotes flip between the locale's outer and inner marks. A straight
// apostrophe inside a word becomes a typographic one. Markup that does not
// pair up stays as text.
func parseMarkup(s string) Rich {
	if s == "" {
		return nil
	}
	// French spacing inside guillemets becomes a narrow no-break space,
	// as citeproc-js does; guillemets are not parsed as quotation marks.
	if strings.Contains(s, "« ") || strings.Contains(s, " »") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "« ", "«\u202f"), " »", "\u202f»")
	}
	if !strings.ContainsAny(s, "<\"'“”‘’") {
		return plain(s)
	}
	p := markupParser{}
	p.stack = []*mframe{{}}
	i := 0
	for i < len(s) {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch c {
		case '<':
			if k, n, closing, ok := matchTag(s[i:]); ok {
				if closing {
					p.close(k, s[i:i+n])
				} else {
					p.open(k, s[i:i+n])
				}
				i += n
				continue
			}
		case '"':
			// A closing quote never follows a space: in
			// ‘"Positive Obligations " of State’ the quotes stay as typed.
			prevSpace := unicode.IsSpace(prevRune(s, i))
			if p.has(mqDouble) && !p.opensAt(s, i, size) && !prevSpace {
				p.close(mqDouble, "\"")
				i += size
				continue
			}
			if p.opensAt(s, i, size) {
				p.open(mqDouble, "\"")
				i += size
				continue
			}
			if p.has(mqDouble) && !prevSpace {
				p.close(mqDouble, "\"")
				i += size
				continue
			}
		case '“':
			p.open(mqCurlyDouble, "“")
			i += size
			continue
		case '”':
			if p.has(mqCurlyDouble) {
				p.close(mqCurlyDouble, "”")
				i += size
				continue
			}
		case '\'', '‘', '’':
			prev := prevRune(s, i)
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			wordBefore := unicode.IsLetter(prev) || unicode.IsDigit(prev)
			wordAfter := unicode.IsLetter(next) || unicode.IsDigit(next)
			if wordBefore && wordAfter {
				p.text("’")
				i += size
				continue
			}
			if c != '‘' && p.has(mqSingle) && !wordAfter {
				p.close(mqSingle, string(c))
				i += size
				continue
			}
			if c != '’' && !wordBefore && next != 0 && !unicode.IsSpace(next) && !strings.ContainsRune("'’‘\"", next) {
				p.open(mqSingle, string(c))
				i += size
				continue
			}
			if c == '\'' {
				p.text("’")
				i += size
				continue
			}
		}
		p.text(s[i : i+size])
		i += size
	}
	// Unclosed spans become text again.
	for len(p.stack) > 1 {
		p.flattenTop()
	}
	return p.stack[0].kids
}

func prevRune(s string, i int) rune {
	if i == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

type mkind uint8

const (
	mqDouble mkind = iota + 1
	mqCurlyDouble
	mqSingle
	mItalic
	mBold
	mSmallCaps
	mSup
	mSub
	mNoCase
	mNoDecor
	mSpan // a span we do not understand: its content stays, the tag goes
)

type mframe struct {
	kind mkind
	open string
	kids Rich
}

type markupParser struct {
	stack []*mframe
}

func (p *markupParser) top() *mframe { return p.stack[len(p.stack)-1] }

func (p *markupParser) text(s string) {
	t := p.top()
	if n := len(t.kids); n > 0 && t.kids[n-1].Kind == KText {
		t.kids[n-1].Text += s
		return
	}
	t.kids = append(t.kids, textNode(s))
}

func (p *markupParser) open(k mkind, raw string) {
	p.stack = append(p.stack, &mframe{kind: k, open: raw})
}

func (p *markupParser) has(k mkind) bool {
	for _, f := range p.stack[1:] {
		if f.kind == k {
			return true
		}
	}
	return false
}

// opensAt: a straight double quote opens when it does not follow a word
// character and a non-space follows it.
func (p *markupParser) opensAt(s string, i, size int) bool {
	prev := prevRune(s, i)
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	if next == 0 || unicode.IsSpace(next) {
		return false
	}
	return prev == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{-–—/", prev) || (prev == '>' && !p.has(mqDouble))
}

func (p *markupParser) close(k mkind, raw string) {
	idx := -1
	for i := len(p.stack) - 1; i >= 1; i-- {
		f := p.stack[i]
		isSpan := strings.HasPrefix(f.open, "<span")
		if (k == mSpan && isSpan) || (k != mSpan && f.kind == k && !isSpan) {
			idx = i
			break
		}
	}
	if idx < 0 {
		if k == mqSingle {
			p.text("’")
		} else {
			p.text(raw)
		}
		return
	}
	for len(p.stack)-1 > idx {
		p.flattenTop()
	}
	f := p.top()
	p.stack = p.stack[:len(p.stack)-1]
	var kind Kind
	switch f.kind {
	case mqDouble, mqCurlyDouble, mqSingle:
		kind = KQuoted
	case mItalic:
		kind = KItalic
	case mBold:
		kind = KBold
	case mSmallCaps:
		kind = KSmallCaps
	case mSup:
		kind = KSup
	case mSub:
		kind = KSub
	case mNoCase:
		kind = KNoCase
	case mNoDecor:
		kind = KNoDecor
	case mSpan:
		t := p.top()
		t.kids = append(t.kids, f.kids...)
		return
	}
	t := p.top()
	t.kids = append(t.kids, &Node{Kind: kind, Kids: f.kids})
}

// flattenTop turns an unclosed span back into its opening text and
// content.
func (p *markupParser) flattenTop() {
	f := p.top()
	p.stack = p.stack[:len(p.stack)-1]
	open := f.open
	switch f.kind {
	case mqSingle:
		if open == "'" {
			// An unpaired straight single quote is an apostrophe ("’09").
			open = "’"
		}
	case mSpan:
		open = ""
	}
	if open != "" {
		p.text(open)
	}
	t := p.top()
	for _, k := range f.kids {
		if k.Kind == KText && len(t.kids) > 0 && t.kids[len(t.kids)-1].Kind == KText {
			t.kids[len(t.kids)-1].Text += k.Text
			continue
		}
		t.kids = append(t.kids, k)
	}
}

// matchTag recognizes the tags of CSL rich text at the start of s.
func matchTag(s string) (k mkind, n int, closing, ok bool) {
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return 0, 0, false, false
	}
	tag := s[:end+1]
	switch tag {
	case "<i>":
		return mItalic, len(tag), false, true
	case "</i>":
		return mItalic, len(tag), true, true
	case "<b>":
		return mBold, len(tag), false, true
	case "</b>":
		return mBold, len(tag), true, true
	case "<sc>":
		return mSmallCaps, len(tag), false, true
	case "</sc>":
		return mSmallCaps, len(tag), true, true
	case "<sup>":
		return mSup, len(tag), false, true
	case "</sup>":
		return mSup, len(tag), true, true
	case "<sub>":
		return mSub, len(tag), false, true
	case "</sub>":
		return mSub, len(tag), true, true
	case "</span>":
		return mSpan, len(tag), true, true
	}
	if strings.HasPrefix(tag, "<span ") {
		attrs := strings.ReplaceAll(tag, " ", "")
		switch {
		case strings.Contains(attrs, `class="nocase"`):
			return mNoCase, len(tag), false, true
		case strings.Contains(attrs, `class="nodecor"`):
			return mNoDecor, len(tag), false, true
		case strings.Contains(attrs, "font-variant:small-caps"):
			return mSmallCaps, len(tag), false, true
		case strings.Contains(attrs, "font-style:italic"):
			return mItalic, len(tag), false, true
		case strings.Contains(attrs, "font-weight:bold"):
			return mBold, len(tag), false, true
		}
		return mSpan, len(tag), false, true
	}
	return 0, 0, false, false
}
