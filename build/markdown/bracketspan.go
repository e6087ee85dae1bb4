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
// "{.smallcaps lang=\"de\"}") and returns it with its length. Only a
// class or a lang makes a span: other text in braces stays text.
func spanAttr(s string) (doc.Attr, int, bool) {
	if !strings.HasPrefix(s, "{") {
		return doc.Attr{}, 0, false
	}
	end := strings.IndexByte(s, '}')
	if end < 0 || strings.ContainsAny(s[:end], "{\n") && strings.LastIndexByte(s[:end], '{') != 0 {
		return doc.Attr{}, 0, false
	}
	var a doc.Attr
	for _, f := range strings.Fields(s[1:end]) {
		switch {
		case strings.HasPrefix(f, ".") && len(f) > 1:
			a.Classes = append(a.Classes, f[1:])
		case strings.HasPrefix(f, "lang="):
			v := strings.Trim(f[len("lang="):], `"'`)
			if v == "" {
				return doc.Attr{}, 0, false
			}
			a.KV = append(a.KV, [2]string{"lang", v})
		default:
			return doc.Attr{}, 0, false
		}
	}
	if len(a.Classes) == 0 && len(a.KV) == 0 {
		return doc.Attr{}, 0, false
	}
	return a, end + 1, true
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
