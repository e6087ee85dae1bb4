package pdf

import (
	"bytes"
	"testing"

	"github.com/normpress/normpress/build/doc"
	. "github.com/normpress/normpress/build/doc/doctest"
)

// FuzzRenderText puts arbitrary text everywhere text can go: no input may
// make the renderer fail (the recover at the package edge would turn a
// panic into a pdf-internal error, which this treats as a failure).
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{"", "plain", lorem, "中文 😀 \u00ad\u200b\u2011", "https://a.b/c%20d", "\x00\x1b\ufeff", "a\u0301\u0308", "(\\)", "\U0010FFFF"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := &Notes{}
		pub := &doc.Publication{ID: "p", Title: s, Subtitle: s, Editors: []string{s}, Lang: "en-GB", Keywords: []string{s},
			Options: doc.Options{PageRefs: true, PageSize: "b5"}}
		ch := b.Chapter(&doc.Chapter{ID: "c", Number: "1", Title: []doc.Inline{T(s)}, Short: s})
		ch.Blocks = []doc.Block{
			H(2, "h", "1.1", T(s)),
			NP(1, T(s), b.N(P(T(s))), T(s), X(s, "", "c", "h")),
			&doc.Table{Head: []doc.Row{{{Inlines: []doc.Inline{T(s)}}}}, Body: []doc.Row{{{Inlines: []doc.Inline{T(s)}}}}},
			&doc.CodeBlock{Text: s},
			&doc.List{Items: [][]doc.Block{{P(T(s))}}},
		}
		pub.Chapters = []*doc.Chapter{ch}
		res, diags := Render(pub, Options{Epoch: 1, Producer: s})
		for _, d := range diags {
			if d.Code == "pdf-internal" || d.Code == "pdf-write" {
				t.Fatalf("%q: %v", s, d)
			}
		}
		if !bytes.HasPrefix(res.Data, []byte("%PDF-")) {
			t.Fatalf("%q: no PDF", s)
		}
	})
}
