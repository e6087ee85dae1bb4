package csl

import "strings"

// HTML renders formatted text as citeproc-js does: <i>, <b>, <sup>, <sub>,
// styled spans, and nested styles flipped off ("flip-flop": italics inside
// italics become upright). Display blocks become the csl-block,
// csl-left-margin, csl-right-inline and csl-indent divs.
func (r Rich) HTML() string {
	var b strings.Builder
	writeHTML(&b, r, htmlCtx{})
	return b.String()
}

type htmlCtx struct {
	italic, bold, smallCaps bool
}

func writeHTML(b *strings.Builder, r Rich, c htmlCtx) {
	for _, n := range r {
		switch n.Kind {
		case KText:
			escapeHTML(b, n.Text)
		case KItalic:
			if c.italic {
				wrapHTML(b, `<span style="font-style:normal;">`, "</span>", n.Kids, htmlCtx{false, c.bold, c.smallCaps})
			} else {
				wrapHTML(b, "<i>", "</i>", n.Kids, htmlCtx{true, c.bold, c.smallCaps})
			}
		case KRoman:
			if c.italic {
				wrapHTML(b, `<span style="font-style:normal;">`, "</span>", n.Kids, htmlCtx{false, c.bold, c.smallCaps})
			} else {
				writeHTML(b, n.Kids, c)
			}
		case KBold:
			if c.bold {
				wrapHTML(b, `<span style="font-weight:normal;">`, "</span>", n.Kids, htmlCtx{c.italic, false, c.smallCaps})
			} else {
				wrapHTML(b, "<b>", "</b>", n.Kids, htmlCtx{c.italic, true, c.smallCaps})
			}
		case KNormalWeight:
			if c.bold {
				wrapHTML(b, `<span style="font-weight:normal;">`, "</span>", n.Kids, htmlCtx{c.italic, false, c.smallCaps})
			} else {
				writeHTML(b, n.Kids, c)
			}
		case KSmallCaps:
			if c.smallCaps {
				wrapHTML(b, `<span style="font-variant:normal;">`, "</span>", n.Kids, htmlCtx{c.italic, c.bold, false})
			} else {
				wrapHTML(b, `<span style="font-variant:small-caps;">`, "</span>", n.Kids, htmlCtx{c.italic, c.bold, true})
			}
		case KNormalVariant:
			if c.smallCaps {
				wrapHTML(b, `<span style="font-variant:normal;">`, "</span>", n.Kids, htmlCtx{c.italic, c.bold, false})
			} else {
				writeHTML(b, n.Kids, c)
			}
		case KUnderline:
			wrapHTML(b, `<span style="text-decoration:underline;">`, "</span>", n.Kids, c)
		case KNoDecoration:
			wrapHTML(b, `<span style="text-decoration:none;">`, "</span>", n.Kids, c)
		case KSup:
			wrapHTML(b, "<sup>", "</sup>", n.Kids, c)
		case KSub:
			wrapHTML(b, "<sub>", "</sub>", n.Kids, c)
		case KBaseline:
			wrapHTML(b, `<span style="baseline">`, "</span>", n.Kids, c)
		case KQuoted:
			wrapHTML(b, "“", "”", n.Kids, c)
		case KNoCase, KItem:
			writeHTML(b, n.Kids, c)
		case KNoDecor:
			style := ""
			if c.smallCaps {
				style += "font-variant:normal;"
			}
			if c.bold {
				style += "font-weight:normal;"
			}
			if c.italic {
				style += "font-style:normal;"
			}
			if style == "" {
				writeHTML(b, n.Kids, c)
			} else {
				wrapHTML(b, `<span style="`+style+`">`, "</span>", n.Kids, htmlCtx{})
			}
		case KLink:
			b.WriteString(`<a href="`)
			escapeHTML(b, strings.ReplaceAll(n.Text, `"`, "%22"))
			b.WriteString(`">`)
			writeHTML(b, n.Kids, c)
			b.WriteString("</a>")
		case KDisplay:
			// citeproc-js's exact whitespace around display blocks.
			switch n.Text {
			case "block":
				wrapHTML(b, "\n\n    <div class=\"csl-block\">", "</div>\n", n.Kids, c)
			case "left-margin":
				wrapHTML(b, "\n    <div class=\"csl-left-margin\">", "</div>", n.Kids, c)
			case "right-inline":
				wrapHTML(b, "<div class=\"csl-right-inline\">", "</div>\n  ", n.Kids, c)
			default:
				wrapHTML(b, "<div class=\"csl-"+n.Text+"\">", "</div>\n  ", n.Kids, c)
			}
		}
	}
}

func wrapHTML(b *strings.Builder, open, close string, kids Rich, c htmlCtx) {
	b.WriteString(open)
	writeHTML(b, kids, c)
	b.WriteString(close)
}

func escapeHTML(b *strings.Builder, s string) {
	for _, c := range s {
		switch c {
		case '&':
			b.WriteString("&#38;")
		case '<':
			b.WriteString("&#60;")
		case '>':
			b.WriteString("&#62;")
		default:
			b.WriteRune(c)
		}
	}
}

// BibliographyHTML wraps entries as citeproc-js's makeBibliography does.
func BibliographyHTML(entries []Entry) string {
	var b strings.Builder
	b.WriteString("<div class=\"csl-bib-body\">\n")
	for _, e := range entries {
		b.WriteString("  <div class=\"csl-entry\">")
		b.WriteString(e.Text.HTML())
		b.WriteString("</div>\n")
	}
	b.WriteString("</div>")
	return b.String()
}
