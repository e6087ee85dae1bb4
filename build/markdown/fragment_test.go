package markdown

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"gopkg.in/yaml.v3"
)

// TestParseFragment parses a digest record's summary the way the loader
// will: the YAML value, where its first line starts and its indentation;
// diagnostics and spans land on the record file's own lines.
func TestParseFragment(t *testing.T) {
	record := "key: schmitt-2017\r\ntopics: [due-diligence]\r\nsummary: |\r\n    The editor's summary, citing [@doe, p. 4]\r\n    and a missing note.[^x]\r\n\r\n    ![A chart](../img/chart.png)\r\nnote: x\r\n"
	f := source.NewFile("chapters/digest/2025/schmitt.yaml", []byte(record))
	var root yaml.Node
	if err := yaml.Unmarshal(f.Data, &root); err != nil {
		t.Fatal(err)
	}
	m := root.Content[0]
	var v *yaml.Node
	for i := 0; i < len(m.Content); i += 2 {
		if m.Content[i].Value == "summary" {
			v = m.Content[i+1]
		}
	}
	// The block scalar's text starts on the line after "|", indented 4,
	// as build/project's digest decoder gives it.
	start := f.Offset(v.Line+1, 1)
	blocks, assets, diags := ParseFragment(f, v.Value, start, 4, Options{Lang: "en"})
	checkSpans(t, f, &Chapter{Doc: &doc.Chapter{Blocks: blocks}, Assets: assets}, diags)
	if got, want := diagList(diags), []string{"5:24 error undefined-footnote"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	var cite *doc.Cite
	doc.Visitor{Inline: func(in doc.Inline) bool {
		if c, ok := in.(*doc.Cite); ok {
			cite = c
		}
		return true
	}}.WalkBlocks(blocks)
	if cite == nil {
		t.Fatal("no citation")
	}
	if p := cite.Items[0].Span.Position(); p.Line != 4 || p.Col != 35 {
		t.Errorf("citation key at %d:%d, want 4:35", p.Line, p.Col)
	}
	if len(assets) != 1 || assets[0].Asset.Path != "chapters/digest/img/chart.png" {
		t.Fatalf("assets %v", assets)
	}
	if p := assets[0].Span.Position(); p.Line != 7 || p.Col != 5 {
		t.Errorf("image at %d:%d, want 7:5", p.Line, p.Col)
	}
	if fig, ok := blocks[1].(*doc.Figure); !ok || fig.Asset != assets[0].Asset {
		t.Errorf("second block %T is not the figure of the asset", blocks[1])
	}
}

// TestSharedAssets: the same path twice gives the same *doc.Asset, and
// every reference is listed in order.
func TestSharedAssets(t *testing.T) {
	in := fm + "![A](img/a.png) text ![B](./img/../img/a.png)\n\n![C](img/c.png)\n\n![D](img/a.png)\n"
	c, diags := ParseChapter(source.NewFile("chapters/x/ch.md", []byte(in)), Options{})
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	var paths []string
	for _, a := range c.Assets {
		paths = append(paths, a.Asset.Path)
	}
	want := []string{"chapters/x/img/a.png", "chapters/x/img/a.png", "chapters/x/img/c.png", "chapters/x/img/a.png"}
	if !slices.Equal(paths, want) {
		t.Fatalf("assets %q, want %q", paths, want)
	}
	if c.Assets[0].Asset != c.Assets[1].Asset || c.Assets[0].Asset != c.Assets[3].Asset {
		t.Error("the same path gave different assets")
	}
}

// TestConcurrent parses chapters on many goroutines at once, as the
// pipeline does; run with -race. Same input, same model.
func TestConcurrent(t *testing.T) {
	data := corpus(20000)
	want := Dump(mustParse(t, data))
	var wg sync.WaitGroup
	out := make([]string, 8)
	for i := range out {
		wg.Go(func() {
			c, _ := ParseChapter(source.NewFile("chapters/bench.md", data), Options{Lang: "en-GB"})
			out[i] = Dump(c)
		})
	}
	wg.Wait()
	for i, got := range out {
		if got != want {
			t.Errorf("parse %d differs", i)
		}
	}
}

func mustParse(t *testing.T, data []byte) *Chapter {
	t.Helper()
	c, diags := ParseChapter(source.NewFile("chapters/bench.md", data), Options{Lang: "en-GB"})
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	return c
}

// TestTitleThatLooksLikeABlock: "1. Introduction" stays a title.
func TestTitleThatLooksLikeABlock(t *testing.T) {
	for _, title := range []string{"1. Introduction", "# Hash", "- dash -- and quotes \"x\""} {
		in := "---\ntitle: '" + strings.ReplaceAll(title, "'", "''") + "'\n---\n"
		c, diags := ParseChapter(source.NewFile("chapters/x.md", []byte(in)), Options{})
		if diags.HasErrors() {
			t.Fatal(diagText(diags))
		}
		got := c.Doc.PlainTitle()
		want := smartText(title, quotes("en"))
		if got != want {
			t.Errorf("title %q became %q, want %q", title, got, want)
		}
	}
}
