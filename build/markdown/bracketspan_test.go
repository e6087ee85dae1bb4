package markdown

import (
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// [texte]{lang=fr} is a span in another language, with that language's
// quotation marks; other text in brackets and braces stays text.
func TestBracketSpans(t *testing.T) {
	for _, c := range []struct{ name, lang, src, want string }{
		{"lang", "en-GB", `The duty of [diligence raisonnable]{lang=fr} applies.`,
			"Para\n  Text \"The duty of \"\n  Styled {lang=\"fr\"}\n    Text \"diligence raisonnable\"\n  Text \" applies.\""},
		{"french quotes", "en-GB", `He said [un "devoir" de l'État]{lang=fr}, and "more".`,
			"Para\n  Text \"He said \"\n  Styled {lang=\"fr\"}\n    Text \"un «\\u202fdevoir\\u202f» de l’État\"\n  Text \", and “more”.\""},
		{"german quotes", "en-GB", `[die "Sorgfalt"]{lang=de}`,
			"Para\n  Styled {lang=\"de\"}\n    Text \"die „Sorgfalt“\""},
		{"emphasis inside", "en-GB", `[*en* passant]{lang=fr}`,
			"Para\n  Styled {lang=\"fr\"}\n    Emph\n      Text \"en\"\n    Text \" passant\""},
		{"class", "en-GB", `[UN]{.smallcaps}`,
			"Para\n  Styled {.smallcaps}\n    Text \"UN\""},
		{"index mark", "en-GB", `The [due diligence]{.index} rule.`,
			"Para\n  Text \"The \"\n  Styled {.index}\n    Text \"due diligence\"\n  Text \" rule.\""},
		{"index entry and sort", "en-GB", `[States' duty]{.index entry="diligence, due!States' duty" sort="diligence"} holds.`,
			"Para\n  Styled {.index entry=\"diligence, due!States’ duty\" sort=\"diligence\"}\n    Text \"States’ duty\"\n  Text \" holds.\""},
		{"index entry single quotes", "en-GB", `[x]{.index entry='a "b"'}`,
			"Para\n  Styled {.index entry=\"a “b”\"}\n    Text \"x\""},
		{"invisible index mark", "en-GB", `Text.[]{.index entry="attribution"}`,
			"Para\n  Text \"Text.\"\n  Styled {.index entry=\"attribution\"}"},
		{"entry needs .index", "en-GB", `[x]{entry="y"}`,
			"Para\n  Text \"[x]{entry=“y”}\""},
		{"not a span", "en-GB", `A [bracket]{not attributes} and a set {x}.`,
			"Para\n  Text \"A [bracket]{not attributes} and a set {x}.\""},
		{"no brace", "en-GB", `A [bracket] alone.`,
			"Para\n  Text \"A [bracket] alone.\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := source.NewFile("c.md", []byte("---\ntitle: T\nlang: "+c.lang+"\n---\n\n"+c.src+"\n"))
			ch, ds := ParseChapter(f, Options{Lang: c.lang})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			got := strings.TrimSpace(DumpBlocks(ch.Doc.Blocks))
			got = stripSpans(got)
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			checkSpans(t, f, ch, ds)
		})
	}
	f := source.NewFile("c.md", []byte("---\ntitle: T\n---\n\n[x]{lang=not_a_tag!}\n"))
	_, ds := ParseChapter(f, Options{Lang: "en"})
	if !strings.Contains(ds.Err().Error(), "c.md:5:1: error: lang \"not_a_tag!\" is not a BCP 47") {
		t.Errorf("diags: %v", ds)
	}
}

// stripSpans drops the dump's " @l:c-l:c" positions.
func stripSpans(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if k := strings.LastIndex(l, " @"); k >= 0 && strings.Count(l[k:], ":") == 2 && !strings.Contains(l[k:], "\"") {
			lines[i] = l[:k]
		}
	}
	return strings.Join(lines, "\n")
}
