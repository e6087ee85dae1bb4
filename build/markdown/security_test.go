package markdown

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// hostile are inputs that try to get script into the HTML or EPUB.
var hostile = []string{
	"<script>alert(1)</script>",
	"<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
	"<img src=x onerror=alert(1)>",
	"<div><img src=x onerror=alert(1)></div>",
	"<p onmouseover=\"alert(1)\">hover</p>",
	"<a href=\"javascript:alert(1)\">x</a>",
	"<div><a href=\"JaVaScRiPt:alert(1)\">x</a></div>",
	"<div><a href=\"java&#x09;script:alert(1)\">x</a></div>",
	"<svg onload=alert(1)><circle r=5 /></svg>",
	"<div><svg><script>alert(1)</script></svg></div>",
	"<iframe src=\"https://evil.example\"></iframe>",
	"<div><iframe srcdoc=\"<script>alert(1)</script>\"></iframe></div>",
	"<style>body{background:url(javascript:alert(1))}</style>",
	"<div style=\"background:url(javascript:alert(1))\">x</div>",
	"<object data=\"x.swf\"></object><embed src=\"x.swf\">",
	"<form action=\"javascript:alert(1)\"><input type=submit></form>",
	"<math><mtext><script>alert(1)</script></mtext></math>",
	"<table><tr><td background=\"javascript:alert(1)\">x</td></tr></table>",
	"<div>unclosed <b>bold",
	"<!-- <script>alert(1)</script> -->",
	"<div><!--><script>alert(1)</script>--></div>",
	"Text <img src=x onerror=alert(1)> and <span onclick=alert(1)>x</span>.",
	"[x](javascript:alert(1)) [y](  javascript:alert(1)) [z](<javascript:alert(1)>)",
	"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"[x](vbscript:msgbox(1)) <javascript:alert(1)>",
	"![x](javascript:alert(1)) ![y](data:image/svg+xml;base64,PHN2Zz4=)",
	"[ref]\n\n[ref]: javascript:alert(1)",
	"<details open ontoggle=alert(1)>x</details>",
	"<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>",
}

var (
	eventAttr = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	badTag    = regexp.MustCompile(`(?i)<\s*(script|iframe|svg|style|object|embed|form|math|img)\b`)
)

// TestHostileHTML: whatever the input, the model holds no script, no event
// handler, no dangerous URL, and raw HTML that is well-formed XML.
func TestHostileHTML(t *testing.T) {
	for _, in := range hostile {
		c, diags := ParseChapter(source.NewFile("chapters/x.md", []byte(fm+in+"\n")), Options{})
		checkSpans(t, c.Doc.Span.File, c, diags)
		doc.Visitor{
			Block: func(b doc.Block) bool {
				if r, ok := b.(*doc.RawHTML); ok {
					if eventAttr.MatchString(r.HTML) || badTag.MatchString(r.HTML) || strings.Contains(strings.ToLower(r.HTML), "javascript:") {
						t.Errorf("input %q kept %q", in, r.HTML)
					}
					if err := wellFormed(r.HTML); err != nil {
						t.Errorf("input %q gave raw HTML that is not well-formed XML: %v\n%s", in, err, r.HTML)
					}
				}
				return true
			},
			Inline: func(x doc.Inline) bool {
				switch n := x.(type) {
				case *doc.Link:
					if unsafeURL(n.URL) || strings.Contains(strings.ToLower(n.URL), "script:") {
						t.Errorf("input %q kept link %q", in, n.URL)
					}
				case *doc.RawInline:
					t.Errorf("input %q kept raw inline HTML %q", in, n.HTML)
				case *doc.Image:
					if urlScheme(n.Asset.Path) != "" {
						t.Errorf("input %q kept image %q", in, n.Asset.Path)
					}
				}
				return true
			},
		}.WalkBlocks(c.Doc.Blocks)
		dangerous := eventAttr.MatchString(in) || badTag.MatchString(in) || regexp.MustCompile(`(?i)(java|vb)script:|data:`).MatchString(in)
		if dangerous && len(diags) == 0 && !strings.HasPrefix(in, "<!--") {
			t.Errorf("input %q lost something without a warning", in)
		}
	}
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader("<root xmlns:epub=\"http://www.idpf.org/2007/ops\">" + s + "</root>"))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
