package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// fm is front matter with a title, for inputs that test the body.
const fm = "---\ntitle: T\n---\n"

// TestDiagnostics has one case per diagnostic code. Each expectation is
// "line:col severity code", the position the user's editor shows
// (1-based, columns in characters).
func TestDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"invalid-utf8", fm + "ab\xffc and é\xc3\n", []string{"4:3 error invalid-utf8", "4:11 error invalid-utf8"}},
		{"front-matter unclosed", "---\ntitle: T\n", []string{"1:1 error front-matter"}},
		{"front-matter syntax", "---\ntitle: [a\nid: x\n---\n", []string{"3:1 error front-matter"}}, // where ] or , was due
		{"front-matter indentation", "---\ntitle: T\nabstract: >\n  folded\n bad\n---\n", []string{"5:2 error front-matter"}},
		{"front-matter colon", "---\ntitle: Norms: a commentary\n---\n", []string{"2:13 error front-matter"}},
		{"front-matter not UTF-8", "---\ntitle: caf\xe9\n---\n", []string{"2:11 error invalid-utf8"}},
		{"front-matter not a mapping", "---\n- a\n---\n", []string{"2:1 error front-matter"}},
		{"unknown-key", "---\ntitle: T\nauthor: X\n---\n", []string{"3:1 error unknown-key"}},
		{"duplicate-key", "---\ntitle: T\ntitle: U\n---\n", []string{"3:1 error duplicate-key"}},
		{"missing-title", "---\nid: x\n---\nBody.\n", []string{"1:1 error missing-title"}},
		{"missing-title empty", "---\ntitle: \"\"\n---\n", []string{"2:8 error missing-title"}},
		{"missing-title null", "---\ntitle:\nid: x\n---\n", []string{"2:7 error missing-title"}},
		{"bad-id", "---\ntitle: T\nid: Norm_13\n---\n", []string{"3:5 error bad-id"}},
		{"bad-id from file name", "---\ntitle: T\n---\n", nil},
		{"bad-status", "---\ntitle: T\nstatus: done\n---\n", []string{"3:9 error bad-status"}},
		{"bad-lang", "---\ntitle: T\nlang: english!\n---\n", []string{"3:7 error bad-lang"}},
		{"wrong-type", "---\ntitle: T\nkeywords: due diligence\nauthors: {a: b}\n---\n", []string{"3:11 error wrong-type", "4:10 error wrong-type"}},
		{"wrong-type after wide characters", "---\ntitle: T\nkeywords: [é, ü, [x]]\n---\n", []string{"3:18 error wrong-type"}},
		{"mixed-cite-xref", fm + "See [@sec:a; @doe].\n", []string{"4:5 error mixed-cite-xref"}},
		{"citation-too-long", fm + "See [@doe, p. 1; " + strings.Repeat("and more\n", 101) + "@roe].\n", []string{"4:5 warning citation-too-long"}},
		{"citation over 12 lines is fine", fm + "See [@doe, p. 1; " + strings.Repeat("and more\n", 40) + "@roe].\n", nil},
		{"xref-suppress", fm + "See [-@sec:a].\n", []string{"4:6 warning xref-suppress"}},
		{"bad-attributes figure", fm + "![Map](m.png){#fig:m width=}\n", []string{"4:28 error bad-attributes"}},
		{"bad-attributes paragraph", fm + "Text. {#para:x .}\n", []string{"4:16 error bad-attributes"}},
		{"bad-attributes heading", fm + "## Scope {#sec:s width=50%}\n", []string{"4:10 error bad-attributes"}},
		{"stray-label", fm + "Text {#tbl:x}\n", []string{"4:6 error stray-label"}},
		{"ignored-attribute", fm + "![Map](m.png){#fig:m .wide}\n", []string{"4:14 warning ignored-attribute"}},
		{"figure-width pixels", fm + "![Map](m.png){#fig:m width=\"300px\" alt=x}\n", []string{"4:22 warning figure-width"}},
		{"figure-width above the text width", fm + "![Map](m.png){width=150%}\n", []string{"4:15 warning figure-width"}},
		{"figure-width percent", fm + "![Map](m.png){width=60% height=\"50%\"}\n", []string{"4:14 warning ignored-attribute"}},
		{"label-kind figure", fm + "![Map](m.png){#tbl:m}\n", []string{"4:14 error label-kind"}},
		{"label-kind heading", fm + "## Scope {#fig:s}\n", []string{"4:10 warning label-kind"}},
		{"bad-label", fm + "## Scope {#sec:s.}\n", []string{"4:10 error bad-label"}},
		{"cite-link-definition", fm + "Text.\n\n[@doe]: https://example.org\n", []string{"6:1 warning cite-link-definition"}},
		{"raw-html", fm + "<div onclick=\"x()\">a</div>\n", []string{"4:1 warning raw-html"}},
		{"inline-html", fm + "A <font color=red>b</font>.\n", []string{"4:3 warning inline-html"}},
		{"inline-html unclosed", fm + "A <sup>b.\n", []string{"4:3 warning inline-html"}},
		{"unsafe-link", fm + "A [link](javascript:alert(1)).\n", []string{"4:3 warning unsafe-link"}},
		{"image-path remote", fm + "![x](https://e.org/x.png)\n", []string{"4:1 error image-path"}},
		{"image-path escape", fm + "Text ![x](../../../x.png)\n", []string{"4:6 error image-path"}},
		{"missing-alt", fm + "![](x.png)\n", []string{"4:1 warning missing-alt"}},
		{"decorative image: alt=\"\" is no omission", fm + "![](x.png){alt=\"\"}\n", nil},
		{"undefined-footnote", fm + "Text.[^nope]\n", []string{"4:6 error undefined-footnote"}},
		{"footnote-reused", fm + "A.[^n] B.[^n]\n\n[^n]: Note.\n", []string{"4:10 error footnote-reused"}},
		{"nested-note", fm + "A.[^n]\n\n[^n]: Note ^[inner].\n", []string{"6:12 error nested-note"}},
		{"empty-note", fm + "A.^[]\n", []string{"4:3 warning empty-note"}},
		{"duplicate-footnote", fm + "A.[^n]\n\n[^n]: One.\n\n[^n]: Two.\n", []string{"8:1 error duplicate-footnote"}},
		{"unused-footnote", fm + "A.\n\n[^n]: Never used.\n", []string{"6:1 warning unused-footnote"}},
		{"tabs count as one column", fm + "x\t[^a] y\n", []string{"4:3 error undefined-footnote"}},
		{"crlf", "---\r\ntitle: T\r\nfoo: 1\r\n---\r\n\r\nA\r\nb [^x]\r\n", []string{"3:1 error unknown-key", "7:3 error undefined-footnote"}},
		{"bom", "\xEF\xBB\xBF---\ntitle: T\n---\n[^x] and [^y]\n", []string{"4:1 error undefined-footnote", "4:10 error undefined-footnote"}},
		{"bom without front matter", "\xEF\xBB\xBF[^x]\n", []string{"1:1 error missing-title", "1:1 error undefined-footnote"}},
		{"wide characters", fm + "Über Ärger [^x]\n", []string{"4:12 error undefined-footnote"}},
		{"abstract block scalar", "---\ntitle: T\nabstract: |\n  First [^x].\n\n  Second [^y].\n---\n", []string{"4:9 error undefined-footnote", "6:10 error undefined-footnote"}},
		{"title", "---\ntitle: \"A [^x] title\"\n---\n", []string{"2:11 error undefined-footnote"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := "chapters/x.md"
			if strings.HasPrefix(tc.name, "bad-id from") {
				name = "chapters/Bad Name.md"
				tc.want = []string{"1:1 error bad-id"}
			}
			f := source.NewFile(name, []byte(tc.in))
			c, diags := ParseChapter(f, Options{})
			checkSpans(t, f, c, diags)
			got := diagList(diags)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got  %q\nwant %q\n%s", got, want, diagText(diags))
			}
		})
	}
}

func diagList(diags source.Diags) []string {
	var out []string
	for _, d := range diags {
		p := d.Position()
		out = append(out, fmt.Sprintf("%d:%d %s %s", p.Line, p.Col, d.Sev, d.Code))
	}
	slices.Sort(out)
	return out
}

func diagText(diags source.Diags) string {
	var b strings.Builder
	for _, d := range diags.Sort() {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// TestDiagnosticCodes checks that every code the package can report has a
// case above, so a new kind cannot slip in untested.
func TestDiagnosticCodes(t *testing.T) {
	codes := []string{
		"invalid-utf8", "front-matter", "unknown-key", "duplicate-key", "missing-title", "bad-id",
		"bad-status", "bad-lang", "wrong-type", "mixed-cite-xref", "xref-suppress", "bad-attributes",
		"stray-label", "ignored-attribute", "figure-width", "label-kind", "bad-label", "cite-link-definition",
		"raw-html", "inline-html", "unsafe-link", "image-path", "missing-alt", "undefined-footnote",
		"footnote-reused", "nested-note", "empty-note", "duplicate-footnote", "unused-footnote", "citation-too-long",
	}
	src := readSources(t)
	for _, c := range codes {
		if !strings.Contains(src, `"`+c+`"`) {
			t.Errorf("code %q is listed but never reported", c)
		}
	}
	// And the other way: every quoted code in a report call is listed.
	for _, m := range codePattern.FindAllStringSubmatch(src, -1) {
		if !slices.Contains(codes, m[1]) {
			t.Errorf("code %q is reported but has no test case", m[1])
		}
	}
}

var codePattern = regexp.MustCompile(`(?:Errorf|Warnf|errorf|warnf)\([^"]*"([a-z0-9-]+)"`)

func readSources(t *testing.T) string {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	var b strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}
