package html

import (
	"bytes"
	"flag"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/doc/doctest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func fixture() (*doc.Site, Options) {
	s := doctest.Site(1767225600)
	return s, Options{Epoch: s.Epoch, Downloads: map[string][]Download{
		"commentary": {{Format: "PDF", Path: "commentary.pdf", Bytes: 1258291}, {Format: "EPUB", Path: "commentary.epub", Bytes: 348160}},
	}}
}

func renderFixture(t testing.TB) map[string][]byte {
	t.Helper()
	s, opts := fixture()
	files, diags := Render(s, opts)
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags.Err())
	}
	out := map[string][]byte{}
	for _, f := range files {
		if _, dup := out[f.Path]; dup {
			t.Errorf("%s written twice", f.Path)
		}
		out[f.Path] = f.Data
	}
	return out
}

func TestLayout(t *testing.T) {
	out := renderFixture(t)
	for _, p := range []string{
		"index.html", "search.html", "assets/normpress.css", "assets/normpress.js", "assets/search.js", "assets/search-index.js",
		"assets/covers/commentary.png", "assets/covers/guidelines.png", "assets/media/commentary/images/timeline.png",
		"commentary/index.html", "commentary/foreword.html", "commentary/13c.html", "commentary/bibliography.html",
		"guidelines/index.html", "guidelines/g13c.html",
	} {
		if _, ok := out[p]; !ok {
			t.Errorf("%s missing", p)
		}
	}
}

// TestLinks follows every link and image of every page: the file must be
// in the output (or be a download the pipeline writes beside it) and the
// fragment must be an id on the page. Nothing may point outside.
func TestLinks(t *testing.T) {
	out := renderFixture(t)
	ids := map[string]map[string]bool{}
	docs := map[string]*xhtml.Node{}
	for p, data := range out {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		n, err := xhtml.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		docs[p] = n
		ids[p] = map[string]bool{}
		walk(n, func(n *xhtml.Node) {
			if id := attrOf(n, "id"); id != "" {
				if ids[p][id] {
					t.Errorf("%s: duplicate id %q", p, id)
				}
				ids[p][id] = true
			}
		})
	}
	downloads := map[string]bool{"commentary.pdf": true, "commentary.epub": true}
	for p, n := range docs {
		walk(n, func(n *xhtml.Node) {
			for _, a := range []string{"href", "src"} {
				v := attrOf(n, a)
				if v == "" || n.Data == "a" && a == "src" {
					continue
				}
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: bad URL %q", p, v)
					continue
				}
				if u.Scheme != "" || u.Host != "" {
					if n.Data != "a" || u.Scheme != "https" {
						t.Errorf("%s: %s=%q leaves the site", p, a, v)
					}
					continue
				}
				target := p
				if u.Path != "" {
					target = path.Clean(path.Join(path.Dir(p), u.Path))
				}
				if _, ok := out[target]; !ok && !downloads[target] {
					t.Errorf("%s: %s=%q: %s is not in the output", p, a, v, target)
					continue
				}
				if u.Fragment != "" && !ids[target][u.Fragment] {
					t.Errorf("%s: %s=%q: no id %q in %s", p, a, v, u.Fragment, target)
				}
			}
		})
	}
}

func walk(n *xhtml.Node, f func(*xhtml.Node)) {
	if n.Type == xhtml.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attrOf(n *xhtml.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

func TestReproducible(t *testing.T) {
	a, b := renderFixture(t), renderFixture(t)
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for k := range a {
			if !yield(k) {
				return
			}
		}
	}) {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestPages(t *testing.T) {
	out := renderFixture(t)
	for _, tc := range []struct{ page, want string }{
		{"index.html", `<a href="commentary.pdf" download=""><span class="format">PDF</span> <span class="size">1.2 MB</span></a>`},
		{"index.html", `<span class="size">340 KB</span>`},
		{"commentary/index.html", `href="../commentary.epub"`},
		{"commentary/13c.html", `<a class="prev" rel="prev" href="13b.html">`},
		{"commentary/13c.html", `<a href="#fig:timeline">figure 1</a>`},
		{"commentary/13c.html", `<a href="bibliography.html#ref-schmitt-2017">`},
		{"commentary/13c.html", `<a href="../guidelines/g13c.html#sec:g13c-measures">measure 1</a>`},
		{"guidelines/g13c.html", `<a href="../commentary/13c.html#p2">commentary 13(c), para. 2</a>`},
		{"commentary/13c.html", `<a class="pnum" href="#p2" title="Paragraph 2">2</a>`},
		{"commentary/13c.html", `<li id="fn1" value="1">`},
		{"commentary/13c.html", `<p class="kicker">Part II: Territory · Chapter 3</p>`},
		{"commentary/13c.html", `<img src="../assets/media/commentary/images/timeline.png"`},
		{"commentary/13c.html", `<html lang="en-GB">`},
		{"commentary/13c.html", `<a href="13c.html" aria-current="page">`},
	} {
		if !strings.Contains(string(out[tc.page]), tc.want) {
			t.Errorf("%s lacks %s", tc.page, tc.want)
		}
	}
	golden(t, "commentary-13c.html", out["commentary/13c.html"])
	golden(t, "index.html", out["index.html"])
	golden(t, "commentary-index.html", out["commentary/index.html"])
}

func TestSearchIndex(t *testing.T) {
	js := string(renderFixture(t)["assets/search-index.js"])
	for _, want := range []string{`"commentary/13c.html#p2"`, `"guidelines/g13c.html#sec:g13c-measures"`, `"knowingly"`, `"commentary/13c.html#fn1"`} {
		if !strings.Contains(js, want) {
			t.Errorf("search index lacks %s", want)
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file; run go test -update and review the diff", name)
	}
}

func BenchmarkRender(b *testing.B) {
	s, opts := fixture()
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Render(s, opts); diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
}

// TestWriteSite writes the fixture site to $NORMPRESS_HTML_OUT, for looking
// at it in a browser; the browser tests use it too.
func TestWriteSite(t *testing.T) {
	dir := os.Getenv("NORMPRESS_HTML_OUT")
	if dir == "" {
		t.Skip("set NORMPRESS_HTML_OUT to write the fixture site")
	}
	writeSite(t, dir)
}

func writeSite(t testing.TB, dir string) {
	for p, data := range renderFixture(t) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMissingAnchor(t *testing.T) {
	s, opts := fixture()
	ch := s.Pubs[0].Chapters[3]
	ch.Blocks = append(ch.Blocks, doctest.P(doctest.Link("commentary", "bibliography", "ref-nobody", doctest.T("Nobody 2020"))))
	files, diags := Render(s, opts)
	var page string
	for _, f := range files {
		if f.Path == "commentary/13c.html" {
			page = string(f.Data)
		}
	}
	if !strings.Contains(page, "<p>Nobody 2020</p>") {
		t.Error("a link to a missing anchor is not plain text")
	}
	found := false
	for _, d := range diags {
		found = found || d.Code == "link-anchor"
	}
	if !found {
		t.Errorf("no link-anchor warning: %v", diags)
	}
}
