package xhtml

import (
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	. "github.com/normpress/normpress/build/doc/doctest"
	"github.com/normpress/normpress/build/source"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// link resolves targets the way the HTML site does, enough to see them.
func link(t *doc.Target, _ source.Span) (string, bool) {
	if t.Pub == "guidelines" {
		return "", false
	}
	h := t.Chapter + ".html"
	if t.Anchor != "" {
		h += "#" + t.Anchor
	}
	return h, true
}

func render(opts Options, f func(r *Renderer, b *strings.Builder)) string {
	if opts.Link == nil {
		opts.Link = link
	}
	r := New(opts)
	var b strings.Builder
	f(r, &b)
	return b.String()
}

func TestInlines(t *testing.T) {
	note := &doc.Note{Num: 7, ID: "fn7", RefID: "fnref7", Blocks: []doc.Block{P(T("n"))}}
	for _, tc := range []struct {
		name string
		in   doc.Inline
		epub bool
		want string
	}{
		{"escape", T(`a < b & "c" > d`), false, "a &lt; b &amp; &quot;c&quot; &gt; d"},
		{"control characters", T("a\x00b\x1bc\xffd"), false, "a\uFFFDb\uFFFDc\uFFFDd"},
		{"emph", Em(T("x")), false, "<em>x</em>"},
		{"code", &doc.Code{Text: "<b>"}, false, "<code>&lt;b&gt;</code>"},
		{"line break", &doc.LineBreak{}, false, "<br/>"},
		{"styled lang", &doc.Styled{Attr: doc.Attr{ID: "s", Classes: []string{"k"}, KV: [][2]string{{"lang", "fr"}, {"onclick", "x()"}, {"n", "1"}}}, Inlines: []doc.Inline{T("y")}}, true,
			`<span id="s" class="k" lang="fr" xml:lang="fr" data-n="1">y</span>`},
		{"external link", URL("https://example.org/?a=1&b=2", T("x")), false, `<a href="https://example.org/?a=1&amp;b=2">x</a>`},
		{"javascript link dropped", URL("JavaScript:alert(1)", T("x")), false, `x`},
		{"internal link", Link("commentary", "13c", "p2", T("x")), false, `<a href="13c.html#p2">x</a>`},
		{"unlinkable target", Link("guidelines", "g13c", "", T("x")), false, `x`},
		{"noteref html", note, false, `<sup class="noteref-wrap"><a class="noteref" href="#fn7" id="fnref7" role="doc-noteref">7</a></sup>`},
		{"noteref epub", note, true, `<sup class="noteref-wrap"><a class="noteref" href="#fn7" id="fnref7" epub:type="noteref" role="doc-noteref">7</a></sup>`},
		{"cite unformatted", &doc.Cite{Items: []doc.CiteItem{{Key: "a"}, {Key: "b"}}}, false, `<span class="citation" data-cites="a b">[a; b]</span>`},
		{"xref items", &doc.XRef{Bracketed: true, Items: []doc.XRefItem{
			{Prefix: "see", Text: "section 1", Target: &doc.Target{Pub: "commentary", Chapter: "a", Anchor: "sec:x"}},
			{Text: "para. 2", Suffix: "below", Target: &doc.Target{Pub: "guidelines", Chapter: "b"}},
			{Label: "sec:unresolved"},
		}}, false, `<span class="xref">see <a href="a.html#sec:x">section 1</a>; para. 2 below; sec:unresolved</span>`},
		{"image without data", &doc.Image{Alt: "alt"}, false, `<span class="image-missing">alt</span>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(Options{EPUB: tc.epub}, func(r *Renderer, b *strings.Builder) { r.Inlines(b, []doc.Inline{tc.in}) })
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestBlocks(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   doc.Block
		opts Options
		want string
	}{
		{"numbered para", NP(12, T("x")), Options{}, `<p id="p12" class="numbered"><a class="pnum" href="#p12" title="Paragraph 12">12</a> x</p>` + "\n"},
		{"heading level clamped, permalink", &doc.Heading{Level: 9, Attr: doc.Attr{ID: "sec:a"}, Number: "1.2", Inlines: []doc.Inline{T("A")}}, Options{Permalinks: true},
			`<h6 id="sec:a"><span class="secnum">1.2</span> A <a class="permalink" href="#sec:a" aria-label="Link to this section: 1.2 A">#</a></h6>` + "\n"},
		{"tight list", &doc.List{Tight: true, Items: [][]doc.Block{{P(T("a"))}}}, Options{}, "<ul>\n<li>a</li>\n</ul>\n"},
		{"ordered start", &doc.List{Ordered: true, Start: 3, Items: [][]doc.Block{{P(T("a"))}}}, Options{}, "<ol start=\"3\">\n<li><p>a</p>\n</li>\n</ol>\n"},
		{"code block", &doc.CodeBlock{Lang: "go", Text: "a<b"}, Options{}, "<pre class=\"language-go\"><code>a&lt;b</code></pre>\n"},
		{"hostile code language", &doc.CodeBlock{Lang: `x" onload="y`, Text: ""}, Options{}, "<pre><code></code></pre>\n"},
		{"figure", &doc.Figure{Attr: doc.Attr{ID: "fig:a"}, Num: 2, Asset: &doc.Asset{Path: "i.png", Data: []byte{1}, Width: 3, Height: 4}, Alt: "alt", Caption: []doc.Inline{T("Cap")}}, Options{},
			`<figure id="fig:a"><img src="i.png" alt="alt" width="3" height="4"/><figcaption><span class="label">Figure 2.</span> Cap</figcaption></figure>` + "\n"},
		{"figure at a share of the text width", &doc.Figure{Asset: &doc.Asset{Path: "i.png", Data: []byte{1}, Width: 3, Height: 4}, Alt: "alt", Width: 0.6}, Options{},
			`<figure><img src="i.png" alt="alt" width="3" height="4" style="width:60%;height:auto"/></figure>` + "\n"},
		{"figure width with decimals", &doc.Figure{Asset: &doc.Asset{Path: "i.png", Data: []byte{1}}, Alt: "alt", Width: 0.335}, Options{},
			`<figure><img src="i.png" alt="alt" style="width:33.5%;height:auto"/></figure>` + "\n"},
		{"figure width out of range is the default", &doc.Figure{Asset: &doc.Asset{Path: "i.png", Data: []byte{1}}, Alt: "alt", Width: 1.5}, Options{},
			`<figure><img src="i.png" alt="alt"/></figure>` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(tc.opts, func(r *Renderer, b *strings.Builder) { r.Blocks(b, []doc.Block{tc.in}) })
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestChapterGolden renders every chapter of the fixture in both modes,
// checks that each is well-formed XML and compares with the golden files.
func TestChapterGolden(t *testing.T) {
	site := Site(0)
	for _, epub := range []bool{false, true} {
		for _, pub := range site.Pubs {
			for _, ch := range pub.Chapters {
				mode := "html"
				if epub {
					mode = "epub"
				}
				name := mode + "-" + pub.ID + "-" + ch.ID
				t.Run(name, func(t *testing.T) {
					got := render(Options{EPUB: epub, Permalinks: !epub}, func(r *Renderer, b *strings.Builder) {
						b.WriteString(`<body xmlns:epub="http://www.idpf.org/2007/ops">` + "\n")
						r.Chapter(b, ch)
						r.Notes(b, ch.Notes)
						b.WriteString("</body>\n")
					})
					wellFormed(t, got)
					golden(t, name, got)
				})
			}
		}
	}
}

func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff", name)
	}
}

func TestHeadings(t *testing.T) {
	ch := Site(0).Pubs[0].Chapters[3]
	var ids []string
	for _, h := range New(Options{}).Headings(ch, 3) {
		ids = append(ids, h.ID)
	}
	if got, want := strings.Join(ids, " "), "sec:13c-scope sec:13c-terms further-reading-13c"; got != want {
		t.Errorf("headings %q, want %q", got, want)
	}
}

// FuzzEscape checks that any text comes out as well-formed XML character data.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a<b", "\x00", "\xff\xfe", "&amp;", "\uFFFE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wellFormed(t, "<p a=\""+EscapeString(s)+"\">"+EscapeString(s)+"</p>")
	})
}

func TestRawHTML(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		kept     bool
	}{
		{"plain", `<p class="x">a <abbr title="t">b</abbr></p>`, true},
		{"epub type", `<span epub:type="pagebreak" id="pg1"/>`, true},
		{"script", `<p>a</p><script>alert(1)</script>`, false},
		{"uppercase script", `<SCRIPT>alert(1)</SCRIPT>`, false},
		{"event handler", `<img src="a.png" alt="" onerror="alert(1)"/>`, false},
		{"javascript url", `<a href=" javascript:alert(1)">x</a>`, false},
		{"protocol-relative", `<img src="//evil.example/x.png" alt=""/>`, false},
		{"iframe", `<iframe src="https://example.org"></iframe>`, false},
		{"not well-formed", `<p>a<br></p>`, false},
		{"named entity", `<p>&nbsp;</p>`, false},
		{"style url", `<p style="background:url(https://x)">a</p>`, false},
		{"remote image", `<img src="https://example.org/x.png" alt=""/>`, false},
		{"remote srcset", `<img src="a.png" srcset="a2.png 2x, https://x.org/b.png 3x" alt=""/>`, false},
		{"local image", `<img src="images/a.png" srcset="images/a2.png 2x" alt=""/>`, true},
		{"external link", `<a href="https://example.org/">x</a>`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := New(Options{})
			got := r.BlocksString([]doc.Block{&doc.RawHTML{HTML: tc.in}})
			if kept := strings.TrimSpace(got) == tc.in; kept != tc.kept {
				t.Errorf("kept=%v, want %v (output %q)", kept, tc.kept, got)
			}
			if !tc.kept && len(r.Diags()) != 1 {
				t.Errorf("want one warning, got %v", r.Diags())
			}
		})
	}
}

func BenchmarkChapter(b *testing.B) {
	ch := Site(0).Pubs[0].Chapters[3]
	b.ReportAllocs()
	for b.Loop() {
		r := New(Options{Link: link, Permalinks: true})
		var sb strings.Builder
		r.Chapter(&sb, ch)
		r.Notes(&sb, ch.Notes)
	}
}

// FuzzRawHTML: whatever raw HTML comes in, what goes out is well-formed
// and holds no script element or event handler.
func FuzzRawHTML(f *testing.F) {
	for _, s := range []string{`<p>a</p>`, `<script>x</script>`, `<img onerror="x" src="a"/>`, `<a href="javascript:x">y</a>`, `<p>&amp;</p>`, `<x:y xmlns:x="u"/>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := New(Options{})
		out := r.BlocksString([]doc.Block{&doc.RawHTML{HTML: s}})
		wellFormed(t, `<div xmlns:epub="http://www.idpf.org/2007/ops">`+out+`</div>`)
		d := xml.NewDecoder(strings.NewReader(`<div xmlns:epub="http://www.idpf.org/2007/ops">` + out + `</div>`))
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok {
				if strings.EqualFold(se.Name.Local, "script") {
					t.Fatalf("script kept: %q", out)
				}
				for _, a := range se.Attr {
					if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
						t.Fatalf("event handler kept: %q", out)
					}
				}
			}
		}
	})
}

func TestXRefAffixes(t *testing.T) {
	r := New(Options{Link: func(*doc.Target, source.Span) (string, bool) { return "x.html#a", true }})
	var b strings.Builder
	r.Inlines(&b, []doc.Inline{&doc.XRef{Items: []doc.XRefItem{
		{Prefix: "see", Text: "table 1", Suffix: ", above", Target: &doc.Target{}},
		{Text: "norm 13(c)", Suffix: "and passim", Target: &doc.Target{}},
	}}})
	want := `<span class="xref">see <a href="x.html#a">table 1</a>, above; <a href="x.html#a">norm 13(c)</a> and passim</span>`
	if got := b.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
