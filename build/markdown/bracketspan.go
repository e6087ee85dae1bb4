package markdown

import (
	"strings"

	"github.com/normpress/normpress/build/doc"
	"golang.org/x/text/language"
)

// bracketSpans makes pandoc's bracketed spans, [texte]{lang=fr} and
// [text]{.smallcaps}, into doc.Styled. goldmark leaves a [ … ] that is no
// link as text, so the spans are found in the converted inlines of one
// container: an opening '[' in a text, and later, in the same list, a
// text starting "]{" with an attribute block that reads. Text inside a
// span in another language gets that language's quotation marks.
func (c *converter) bracketSpans(ins []doc.Inline) []doc.Inline {
	if !hasBracketSpan(ins) {
		return ins
	}
	type open struct{ item, at int }
	var stack []open
	for i := 0; i < len(ins); i++ {
		t, ok := ins[i].(*doc.Text)
		if !ok {
			continue
		}
		for j := 0; j < len(t.Value); j++ {
			switch t.Value[j] {
			case '\\':
				j++
			case '[':
				stack = append(stack, open{i, j})
			case ']':
				if len(stack) == 0 {
					continue
				}
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				attr, n, ok := spanAttr(t.Value[j+1:])
				if !ok {
					continue
				}
				if lang := attr.Get("lang"); lang != "" {
					if _, err := language.Parse(lang); err != nil {
						c.r.diags.Errorf(t.Span, "bad-lang", "lang %q is not a BCP 47 language tag", lang).WithHint("for example en-GB, fr, de-CH")
						continue
					}
				}
				ins = c.wrapSpan(ins, o.item, o.at, i, j, j+1+n, attr)
				// Start again: the list changed. Spans are few.
				return c.bracketSpans(ins)
			}
		}
	}
	return ins
}

func hasBracketSpan(ins []doc.Inline) bool {
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok && strings.Contains(t.Value, "]{") {
			return true
		}
	}
	return false
}

// spanAttr reads an attribute block at the start of s ("{lang=fr}",
// "{.smallcaps lang=\"de\"}", `{.index entry="diligence, due!knowledge"}`)
// and returns it with its length. Only a class or a lang makes a span, and
// entry= and sort= only with .index (they say how the index lists the
// mark): other text in braces stays text.
func spanAttr(s string) (doc.Attr, int, bool) {
	if !strings.HasPrefix(s, "{") {
		return doc.Attr{}, 0, false
	}
	end := closingBrace(s)
	if end < 0 || strings.ContainsAny(s[:end], "\n") {
		return doc.Attr{}, 0, false
	}
	var a doc.Attr
	indexKV := false
	for rest := strings.TrimSpace(s[1:end]); rest != ""; rest = strings.TrimSpace(rest) {
		f, n := attrField(rest)
		if n == 0 {
			return doc.Attr{}, 0, false
		}
		rest = rest[n:]
		key, val, isKV := strings.Cut(f, "=")
		switch {
		case strings.HasPrefix(f, ".") && len(f) > 1 && !isKV:
			a.Classes = append(a.Classes, f[1:])
		case isKV && (key == "lang" || key == "entry" || key == "sort"):
			v := unquote(val)
			if strings.TrimSpace(v) == "" {
				return doc.Attr{}, 0, false
			}
			a.KV = append(a.KV, [2]string{key, v})
			indexKV = indexKV || key != "lang"
		default:
			return doc.Attr{}, 0, false
		}
	}
	if len(a.Classes) == 0 && len(a.KV) == 0 || indexKV && !a.HasClass("index") {
		return doc.Attr{}, 0, false
	}
	return a, end + 1, true
}

// closingBrace is the index of the '}' that ends the block opened at s[0],
// skipping braces inside quoted values; -1 when there is none or another
// block opens first.
func closingBrace(s string) int {
	closer := ""
	for i := 1; i < len(s); i++ {
		if closer != "" {
			if strings.HasPrefix(s[i:], closer) {
				i += len(closer) - 1
				closer = ""
			}
			continue
		}
		if c, n := openQuote(s[i:]); n > 0 {
			closer = c
			i += n - 1
			continue
		}
		switch s[i] {
		case '{':
			return -1
		case '}':
			return i
		}
	}
	return -1
}

// openQuote says whether s starts with a quotation mark and which one
// closes it. The typographer has already made "x" into “x” and 'x' into
// ‘x’, so the curly pairs count too; an apostrophe (’) inside a value
// closes nothing but a ‘.
func openQuote(s string) (closer string, n int) {
	for _, q := range [][2]string{{`"`, `"`}, {"'", "'"}, {"“", "”"}, {"‘", "’"}, {"”", "”"}} {
		if strings.HasPrefix(s, q[0]) {
			return q[1], len(q[0])
		}
	}
	return "", 0
}

// attrField is the first field of s: up to a space outside quotes.
func attrField(s string) (string, int) {
	closer := ""
	for i := 0; i < len(s); i++ {
		if closer != "" {
			if strings.HasPrefix(s[i:], closer) {
				i += len(closer) - 1
				closer = ""
			}
			continue
		}
		if c, n := openQuote(s[i:]); n > 0 {
			closer = c
			i += n - 1
			continue
		}
		if s[i] == ' ' || s[i] == '\t' {
			return s[:i], i
		}
	}
	if closer != "" {
		return "", 0
	}
	return s, len(s)
}

func unquote(v string) string {
	if c, n := openQuote(v); n > 0 && len(v) >= n+len(c) && strings.HasSuffix(v, c) {
		return v[n : len(v)-len(c)]
	}
	return v
}

// wrapSpan replaces what lies between the '[' at ins[from].Value[fromAt]
// and the ']' at ins[to].Value[toAt] by a Styled, dropping the brackets
// and the attribute block (which ends at ins[to].Value[attrEnd]).
func (c *converter) wrapSpan(ins []doc.Inline, from, fromAt, to, toAt, attrEnd int, attr doc.Attr) []doc.Inline {
	ft, tt := ins[from].(*doc.Text), ins[to].(*doc.Text)
	var inner []doc.Inline
	if from == to {
		if s := ft.Value[fromAt+1 : toAt]; s != "" {
			inner = append(inner, &doc.Text{Span: ft.Span, Value: s})
		}
	} else {
		if s := ft.Value[fromAt+1:]; s != "" {
			inner = append(inner, &doc.Text{Span: ft.Span, Value: s})
		}
		inner = append(inner, ins[from+1:to]...)
		if s := tt.Value[:toAt]; s != "" {
			inner = append(inner, &doc.Text{Span: tt.Span, Value: s})
		}
	}
	if lang := attr.Get("lang"); lang != "" {
		inner = c.requote(inner, quotes(lang))
	}
	sp := ft.Span
	if !tt.Span.IsZero() && tt.Span.End > sp.End {
		sp.End = tt.Span.End
	}
	out := append([]doc.Inline{}, ins[:from]...)
	if s := ft.Value[:fromAt]; s != "" {
		out = append(out, &doc.Text{Span: ft.Span, Value: s})
	}
	out = append(out, &doc.Styled{Span: sp, Attr: attr, Inlines: inner})
	if s := tt.Value[attrEnd:]; s != "" {
		out = append(out, &doc.Text{Span: tt.Span, Value: s})
	}
	return append(out, ins[to+1:]...)
}

// requote gives text in another language its own quotation marks: the
// typographer wrote the chapter's.
func (c *converter) requote(ins []doc.Inline, q [4]string) []doc.Inline {
	have := c.r.quotes
	if have == q {
		return ins
	}
	var pairs []string
	for i := range have {
		// ’ is also the apostrophe (l’État): it stays.
		if have[i] != q[i] && have[i] != "’" {
			pairs = append(pairs, have[i], q[i])
		}
	}
	rep := strings.NewReplacer(pairs...)
	var walk func(ins []doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch n := in.(type) {
			case *doc.Text:
				n.Value = rep.Replace(n.Value)
			default:
				if kids := doc.Children(in); kids != nil {
					walk(kids)
				}
			}
		}
	}
	walk(ins)
	return ins
}
