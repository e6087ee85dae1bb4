// Package markdown reads chapters: YAML front matter and a Markdown body,
// into the document model (package doc). It sits in the parse phase of the
// pipeline, after the project loader has read the files and before xref
// numbers and resolves what it produced.
//
// The Markdown is goldmark's CommonMark with tables, strikethrough,
// definition lists, footnotes, smart punctuation and heading attributes,
// plus our goldmark extension for pandoc's citations, cross-references,
// inline notes, and figure, table and paragraph labels. goldmark's AST is
// this package's input only: one walk turns it into doc nodes, each with its
// span in the file. Nothing here resolves labels, checks citation keys or
// reads image files; those are later phases.
package markdown

import (
	"path"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"github.com/yuin/goldmark"
)

// Chapter is a parsed chapter file.
type Chapter struct {
	// Doc has ID, Title, Authors, Abstract, Keywords, Status, Lang and
	// Blocks filled; Number, Part, Norm and Notes are left to later phases.
	Doc *doc.Chapter
	// NormID is the front matter's norm: as written ("13c"), resolved later.
	NormID   string
	NormSpan source.Span
	// Assets are the images the chapter refers to, in order of appearance,
	// one entry per reference.
	Assets []*AssetRef
}

// AssetRef is one reference to an image. Asset.Path is set (project
// relative, cleaned, slash-separated); the loader fills Data, MediaType,
// Width and Height. References to the same path share one *doc.Asset.
type AssetRef struct {
	Asset *doc.Asset
	Span  source.Span
}

// ParseChapter reads a chapter file: YAML front matter (optional, between
// "---" lines at the very top) and the Markdown body. It returns what it
// could build and every diagnostic.
func ParseChapter(f *source.File, opts Options) (*Chapter, source.Diags) {
	var diags source.Diags
	bad := checkUTF8(f, 0, len(f.Data), &diags)
	fm := splitFrontMatter(f.Data)
	m := decodeFrontMatter(f, fm, &diags)

	c := &doc.Chapter{
		Span:     f.Whole(),
		ID:       m.id,
		Authors:  m.authors,
		Keywords: m.keywords,
		Short:    m.short,
		Status:   m.status,
		Lang:     m.lang,
	}
	if c.ID == "" {
		c.ID = strings.TrimSuffix(path.Base(f.Name), ".md")
		if m.idSpan.IsZero() && !idPattern.MatchString(c.ID) {
			diags.Errorf(f.At(0), "bad-id", "chapter id %q (the file name) must be lower-case letters, digits and hyphens", c.ID).
				WithHint("rename the file or give the chapter an id: in its front matter")
		}
	}
	lang := opts.Lang
	if m.lang != "" {
		lang = m.lang
	}
	r := newReader(f, lang, opts.Locators, &diags)

	if m.title != nil {
		text, mp := scalarMapping(f, fm, m.title)
		c.Title = r.titleInlines(text, mp)
	} else if !m.broken && !m.titled {
		at := f.At(0)
		if fm.present {
			at = f.At(fm.open)
		}
		diags.Errorf(at, "missing-title", "the chapter has no title").
			WithHint("start the file with front matter:\n---\ntitle: The chapter's title\n---")
	}
	if m.abstract != nil {
		text, mp := scalarMapping(f, fm, m.abstract)
		c.Abstract = r.parse([]byte(text), mp, !utf8.ValidString(text))
	}
	body := f.Data[fm.bodyStart:]
	c.Blocks = r.parse(body, bodyMapper(f, fm.bodyStart), bad)
	return &Chapter{Doc: c, NormID: m.norm, NormSpan: m.normSpan, Assets: r.refs}, diags
}

// ParseFragment parses Markdown that sits inside another file, such as a
// digest record's "summary: |". text is the value; start is the offset in f
// of the value's first line and indent the bytes of indentation each of its
// lines had in f (for a block scalar, the start of the line after "|" and
// the block's indentation; for a value on the key's line, its first
// character and 0), so that every span maps back to its place in f.
func ParseFragment(f *source.File, text string, start, indent int, opts Options) ([]doc.Block, []*AssetRef, source.Diags) {
	var diags source.Diags
	r := newReader(f, opts.Lang, opts.Locators, &diags)
	b := []byte(text)
	blocks := r.parse(b, fragmentMapper(f, b, start, indent), !utf8.Valid(b))
	return blocks, r.refs, diags
}

// reader holds what the parses of one file share: the goldmark instance,
// the images seen, the diagnostics.
type reader struct {
	f      *source.File
	md     goldmark.Markdown
	quotes [4]string
	diags  *source.Diags
	assets map[string]*doc.Asset
	refs   []*AssetRef
	// locators are the locator labels of the text's language.
	locators []locatorTerm
}

func newReader(f *source.File, lang string, locators func(string) map[string]string, diags *source.Diags) *reader {
	r := &reader{
		f:      f,
		md:     New(Options{Lang: lang}),
		quotes: quotes(lang),
		diags:  diags,
		assets: map[string]*doc.Asset{},
	}
	if locators != nil {
		for term, label := range locators(lang) {
			r.locators = append(r.locators, locatorTerm{term, label})
		}
		sortTerms(r.locators)
	}
	return r
}

// titleInlines parses a title as Markdown. A title that Markdown would read
// as a block ("1. Introduction" is a list, "# x" a heading) is plain text.
func (r *reader) titleInlines(text string, mp *mapper) []doc.Inline {
	b := []byte(text)
	blocks := r.parse(b, mp, !utf8.Valid(b))
	if len(blocks) == 1 {
		if p, ok := blocks[0].(*doc.Para); ok {
			return p.Inlines
		}
	}
	return []doc.Inline{&doc.Text{Span: mp.at(0), Value: smartText(strings.Join(strings.Fields(text), " "), r.quotes)}}
}
