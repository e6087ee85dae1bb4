package markdown

import (
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Node kinds of our goldmark extension. Kinds are goldmark's package-level
// registry, made once, as its own extensions make theirs.
var (
	kindCite           = ast.NewNodeKind("NormpressCite")
	kindFootnoteRef    = ast.NewNodeKind("NormpressFootnoteRef")
	kindInlineNoteOpen = ast.NewNodeKind("NormpressInlineNoteOpen")
	kindInlineNote     = ast.NewNodeKind("NormpressInlineNote")
	kindFigureAttrs    = ast.NewNodeKind("NormpressFigureAttrs")
	kindTableCaption   = ast.NewNodeKind("NormpressTableCaption")
)

// citeNode is a citation or a cross-reference: one bracket or one narrative
// @key. Offsets are in the parsed text.
type citeNode struct {
	ast.BaseInline
	Start, End int
	Bracketed  bool
	Items      []citeItem
	// Invalid is set for a bracket that mixes citations and
	// cross-references: it was reported and stays as its text.
	Invalid bool
}

type citeItem struct {
	Start, End int // the @key
	Key        string
	Prefix     string
	Suffix     string
	Label      string
	Locator    string
	Mode       doc.CiteMode
	Kind       string // "" for a citation; "sec", "fig", "tbl", "norm", "para"
	Capital    bool
}

func (n *citeNode) Kind() ast.NodeKind { return kindCite }
func (n *citeNode) Dump(src []byte, level int) {
	keys := make([]string, len(n.Items))
	for i, it := range n.Items {
		keys[i] = it.Key
	}
	ast.DumpHelper(n, src, level, map[string]string{"Keys": strings.Join(keys, ";")}, nil)
}

// footnoteRef is [^label]. Def is nil when no definition has the label.
type footnoteRef struct {
	ast.BaseInline
	Start, End int
	Label      string
	Def        *east.Footnote // its Index is the order of first use
}

func (n *footnoteRef) Kind() ast.NodeKind { return kindFootnoteRef }
func (n *footnoteRef) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.Label}, nil)
}

// inlineNoteOpen is a "^[" waiting for its "]"; the inline-note transformer
// replaces it by an inlineNote or, when nothing closes it, by its text.
type inlineNoteOpen struct {
	ast.BaseInline
	Start int
}

func (n *inlineNoteOpen) Kind() ast.NodeKind         { return kindInlineNoteOpen }
func (n *inlineNoteOpen) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// inlineNote is ^[…]; its children are the note's inlines.
type inlineNote struct {
	ast.BaseInline
	Start, End int // "^[" through "]"
}

func (n *inlineNote) Kind() ast.NodeKind         { return kindInlineNote }
func (n *inlineNote) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// figureAttrs is the attribute block right after an image.
type figureAttrs struct {
	ast.BaseInline
	Start, End int
	Attr       attrs
	KVAt       [][2]int // source offsets of each key=value, parallel to Attr.KV
}

func (n *figureAttrs) Kind() ast.NodeKind         { return kindFigureAttrs }
func (n *figureAttrs) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// tableCaption is the first child of a table that has a caption paragraph.
type tableCaption struct {
	ast.BaseBlock
	Label      string
	Start, End int // the caption paragraph
}

func (n *tableCaption) Kind() ast.NodeKind         { return kindTableCaption }
func (n *tableCaption) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// htmlRenderer renders our nodes for New(): a custom kind without a
// renderer makes goldmark panic.
type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCite, renderCite)
	reg.Register(kindFootnoteRef, renderFootnoteRef)
	reg.Register(kindInlineNoteOpen, renderInlineNoteOpen)
	reg.Register(kindInlineNote, renderInlineNote)
	reg.Register(kindFigureAttrs, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
	reg.Register(kindTableCaption, renderTableCaption)
}

func renderCite(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*citeNode)
	text := util.EscapeHTML(src[n.Start:n.End])
	if n.Invalid {
		_, _ = w.Write(text)
		return ast.WalkSkipChildren, nil
	}
	class := "citation"
	if len(n.Items) > 0 && n.Items[0].Kind != "" {
		class = "xref"
	}
	keys := make([]string, len(n.Items))
	for i, it := range n.Items {
		keys[i] = it.Key
	}
	_, _ = w.WriteString(`<span class="` + class + `" data-keys="`)
	_, _ = w.Write(util.EscapeHTML([]byte(strings.Join(keys, " "))))
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(text)
	_, _ = w.WriteString(`</span>`)
	return ast.WalkSkipChildren, nil
}

func renderFootnoteRef(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*footnoteRef)
	if n.Def == nil {
		_, _ = w.Write(util.EscapeHTML(src[n.Start:n.End]))
		return ast.WalkSkipChildren, nil
	}
	// The same markup goldmark's footnote extension writes, so that its
	// list renderer's back links match.
	num := strconv.Itoa(n.Def.Index)
	_, _ = w.WriteString(`<sup id="fnref:` + num + `"><a href="#fn:` + num +
		`" class="footnote-ref" role="doc-noteref">` + num + `</a></sup>`)
	return ast.WalkSkipChildren, nil
}

func renderInlineNoteOpen(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("^[")
	}
	return ast.WalkContinue, nil
}

func renderInlineNote(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<span class="footnote" role="doc-footnote">`)
	} else {
		_, _ = w.WriteString(`</span>`)
	}
	return ast.WalkContinue, nil
}

func renderTableCaption(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<caption>")
	} else {
		_, _ = w.WriteString("</caption>\n")
	}
	return ast.WalkContinue, nil
}
