package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// TestURLsKeepTheirPunctuation: smart punctuation never touches a web
// address, in running text, in a link's text, in a citation's affixes or
// in a title; the text around it still gets typographic quotes.
func TestURLsKeepTheirPunctuation(t *testing.T) {
	in := "---\ntitle: \"See https://example.org/it's and 'quotes'\"\n---\n" +
		"It's at https://example.org/don't--stop...x's, 'quoted' and www.example.org/a'b.\n\n" +
		"[https://example.org/l'x](https://example.org/l'x) [@doe, see https://example.org/c'd].\n"
	c, diags := ParseChapter(source.NewFile("chapters/x.md", []byte(in)), Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	title := doc.PlainText(c.Doc.Title)
	body := doc.BlocksText(c.Doc.Blocks)
	var suffix string
	doc.Visitor{Inline: func(x doc.Inline) bool {
		if ct, ok := x.(*doc.Cite); ok {
			suffix = ct.Items[0].Suffix
		}
		return true
	}}.WalkBlocks(c.Doc.Blocks)
	all := title + "\n" + body + "\n" + suffix
	for _, want := range []string{"https://example.org/it's", "https://example.org/don't--stop...x's", "www.example.org/a'b", "https://example.org/l'x", "https://example.org/c'd", "It’s", "‘quoted’", "‘quotes’"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q is missing from\n%s", want, all)
		}
	}
}

// TestLinkTargetsEncoded: a link's target is a valid URI in the model, so
// every output writes one (a space or <> raw in an href is an EPUBCheck
// error and a dead link in the PDF).
func TestLinkTargetsEncoded(t *testing.T) {
	in := fm + "[a](<https://example.org/a b>) [b](https://example.org/é%41) <https://example.org/x>\n"
	c, _ := ParseChapter(source.NewFile("chapters/x.md", []byte(in)), Options{})
	var got []string
	doc.Visitor{Inline: func(x doc.Inline) bool {
		if l, ok := x.(*doc.Link); ok {
			got = append(got, l.URL)
		}
		return true
	}}.WalkBlocks(c.Doc.Blocks)
	want := "https://example.org/a%20b https://example.org/%C3%A9%41 https://example.org/x"
	if strings.Join(got, " ") != want {
		t.Errorf("links %q, want %q", got, want)
	}
}

// TestEscapedAndFoldedPositions: a problem inside a title with escaped
// quotes or inside a folded abstract is reported where it is in the file,
// not shifted by the escapes or piled at the first line's end.
func TestEscapedAndFoldedPositions(t *testing.T) {
	in := "---\n" +
		"title: \"A \\\"quoted\\\" [x](javascript:1)\"\n" +
		"abstract: >\n" +
		"  First line\n" +
		"  and [y](javascript:2) here\n" +
		"---\n"
	_, diags := ParseChapter(source.NewFile("chapters/x.md", []byte(in)), Options{})
	var got []string
	for _, d := range diags.Sort() {
		p := d.Position()
		got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Col, d.Code))
	}
	want := []string{"2:22 unsafe-link", "5:7 unsafe-link"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("got %q, want %q", got, want)
	}
}
