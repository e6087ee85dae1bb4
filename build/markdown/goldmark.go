package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Options set up the Markdown reader.
type Options struct {
	// Lang is the BCP 47 language of the text ("en-GB", "de"): it picks the
	// quotation marks smart punctuation makes. A chapter's own lang: wins.
	Lang string
	// RawHTML makes New's HTML renderer pass raw HTML through unchanged, as
	// the CommonMark suite expects. The document model never does: there,
	// raw HTML is always sanitized.
	RawHTML bool
	// Locators gives the locator labels of a language ("S." → "page",
	// "Rn." → "paragraph"), so that citations written in the text's
	// language have locators as English ones do (nil: English only).
	Locators func(lang string) map[string]string
}

// New returns the goldmark.Markdown that ParseChapter uses: CommonMark with
// tables, strikethrough, definition lists, footnotes, smart punctuation in
// UTF-8 and heading attributes, plus our citations, cross-references,
// inline notes, figure, table and paragraph labels. Its HTML renderer
// writes XHTML (EPUB needs <br/>) and renders our nodes plainly; the
// renderers of normpress read the document model instead.
func New(opts Options) goldmark.Markdown {
	ropts := []renderer.Option{html.WithXHTML()}
	if opts.RawHTML {
		ropts = append(ropts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(append(baseExtensions(opts.Lang), Extension{})...),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(ropts...),
	)
}

// baseExtensions are goldmark's own extensions as we configure them. Not
// extension.GFM: its table (with align= attributes, an EPUBCheck error) took
// precedence over ours, and its linkify is not wanted. Not extension.CJK: it
// panics on some input (see the notes). Footnotes come from Extension, which
// keeps goldmark's definition parser and replaces the rest.
func baseExtensions(lang string) []goldmark.Extender {
	return []goldmark.Extender{
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignStyle)),
		extension.Strikethrough,
		extension.DefinitionList,
		extension.NewTypographer(extension.WithTypographicSubstitutions(substitutions(lang))),
		openingQuote{left: quotes(lang)[2]},
		urlGuard{},
	}
}

// plain returns goldmark configured as New without our extension (and
// with goldmark's own footnote extension instead), for comparison in the
// CommonMark test.
func plain(opts Options) goldmark.Markdown {
	ropts := []renderer.Option{html.WithXHTML()}
	if opts.RawHTML {
		ropts = append(ropts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(append(baseExtensions(opts.Lang), extension.Footnote)...),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(ropts...),
	)
}

// Extension is our syntax as a goldmark extension. Priorities: lower runs
// first; goldmark's code span parser is 100, its link parser 200.
type Extension struct{}

// Extend implements goldmark.Extender.
func (Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(
			util.Prioritized(extension.NewFootnoteBlockParser(), 999),
		),
		parser.WithInlineParsers(
			util.Prioritized(footnoteRefParser{}, 99), // owns "[^" before citations
			util.Prioritized(citeParser{}, 150),       // before links
			util.Prioritized(inlineNoteParser{}, 151),
			util.Prioritized(figureAttrParser{}, 152),
		),
		parser.WithParagraphTransformers(
			util.Prioritized(captionSplitter{}, 150),  // before tables (200)
			util.Prioritized(labelTransformer{}, 300), // after tables
		),
		parser.WithASTTransformers(
			util.Prioritized(inlineNoteTransformer{}, 100),
			util.Prioritized(tableCaptionTransformer{}, 200),
			util.Prioritized(footnoteTransformer{}, 999),
		),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
		util.Prioritized(htmlRenderer{}, 400),
	))
}

// quotes are the quotation marks of a language: left and right double,
// left and right single.
func quotes(lang string) [4]string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "de", "cs", "sk", "sl", "lt", "is":
		return [4]string{"„", "“", "‚", "‘"}
	case "fr":
		return [4]string{"«\u202f", "\u202f»", "‹\u202f", "\u202f›"}
	case "es", "it", "pt", "ca", "el", "nb", "no", "nn":
		return [4]string{"«", "»", "“", "”"}
	case "ru", "uk", "be":
		return [4]string{"«", "»", "„", "“"}
	case "pl", "hu", "ro", "hr":
		return [4]string{"„", "”", "‚", "’"}
	case "sv", "fi":
		return [4]string{"”", "”", "’", "’"}
	case "da":
		return [4]string{"»", "«", "›", "‹"}
	}
	return [4]string{"“", "”", "‘", "’"}
}

// substitutions are the typographer's replacements, in UTF-8: its
// defaults are HTML entities, which are fatal in EPUB's XHTML.
func substitutions(lang string) map[extension.TypographicPunctuation]string {
	q := quotes(lang)
	return map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote:  q[0],
		extension.RightDoubleQuote: q[1],
		extension.LeftSingleQuote:  q[2],
		extension.RightSingleQuote: q[3],
		extension.Apostrophe:       "’",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.LeftAngleQuote:   "«",
		extension.RightAngleQuote:  "»",
	}
}
