// Package html renders the HTML edition: for every publication a contents
// page and one page per chapter, inside the frame build/site provides
// (landing page, search, assets). It reads the resolved document model and
// renders its content through build/xhtml, the fragment renderer it shares
// with build/epub.
//
// Layout of the output folder (the site root):
//
//	index.html                  landing page: every publication, its downloads
//	search.html                 full-text search over all publications
//	<pub>/index.html            contents page
//	<pub>/<chapter>.html        one page per chapter
//	<pub>.pdf, <pub>.epub       written by the pipeline; linked with their sizes
//	assets/                     style, scripts, search index, covers, media
package html

import (
	"html/template"
	"slices"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/xhtml"
)

// File is one output file, its Path relative to the output root.
type File = site.File

// Download is a publication's PDF or EPUB, for the download links.
type Download = site.Download

// Options are what the pipeline knows beyond the model.
type Options struct {
	// Epoch is the build time (SOURCE_DATE_EPOCH). The pages carry no date
	// of their own today; it is here so that a future "built on" line
	// cannot reach for the clock.
	Epoch int64
	// Downloads are each publication's PDF and EPUB, by publication ID.
	Downloads map[string][]Download
	// BaseURL is where the site will be published, if known. The pages use
	// relative links only; it is kept for the pipeline's symmetry with EPUB.
	BaseURL string
	// Generator names the program in each page's generator meta element:
	// "normpress 1.2.0". Empty: "normpress".
	Generator string
	// PrintPages are each chapter's first and last page in the PDF, by
	// publication and chapter ID, when the build made the PDF: a chapter
	// page's citation metadata gives them.
	PrintPages map[string]map[string][2]string
	// Pages, when set, keeps chapter pages between builds (serve's
	// incremental rebuild): a page it has for the chapter is used as it
	// is, with the diagnostics its rendering gave, and every page
	// rendered is handed to it. It knows what a page's inputs are.
	Pages PageCache
	// DeferSearchIndex leaves out the search index (see
	// site.SearchIndexFile): serve makes it after the changed pages are
	// served.
	DeferSearchIndex bool
}

// PageCache keeps rendered chapter pages; see Options.Pages.
type PageCache interface {
	Get(pub *doc.Publication, ch *doc.Chapter) (data []byte, ds source.Diags, ok bool)
	Put(pub *doc.Publication, ch *doc.Chapter, data []byte, ds source.Diags)
}

// Render renders the whole site: landing page, search, and every
// publication's pages, with their assets. Files come in a fixed order.
func Render(s *doc.Site, opts Options) ([]File, source.Diags) {
	var diags source.Diags
	ts, err := site.ParseTemplates()
	if err != nil {
		diags.Errorf(source.Span{}, "html-template", "HTML templates: %v", err)
		return nil, diags
	}
	covers := map[string]site.Cover{}
	for _, pub := range s.Pubs {
		c, err := site.PubCover(pub)
		if err != nil {
			diags.Errorf(source.Span{}, "cover", "%s: cover: %v", pub.ID, err)
		}
		covers[pub.ID] = c
	}
	files, ds := site.Render(ts, s, covers, site.Options{Downloads: opts.Downloads, Generator: opts.Generator, DeferSearchIndex: opts.DeferSearchIndex})
	diags.Add(ds...)

	idx := newIndex(s)
	media := map[string]bool{}
	for _, pub := range s.Pubs {
		for _, a := range pub.Assets {
			if len(a.Data) == 0 || media[a.Path] {
				continue
			}
			media[a.Path] = true
			files = append(files, File{Path: site.MediaPath(a.Path), Data: a.Data})
		}
		if c := pub.Cover; c != nil && len(c.Data) > 0 && !media[c.Path] {
			media[c.Path] = true
			files = append(files, File{Path: site.MediaPath(c.Path), Data: c.Data})
		}
		p := &pubRenderer{site: s, pub: pub, ts: ts, idx: idx, cover: covers[pub.ID], opts: opts}
		fs, ds := p.render()
		files = append(files, fs...)
		diags.Add(ds...)
	}
	return files, diags
}

// index knows which chapters exist and the anchors in each, so that a
// link to anything else is rendered as text rather than as a broken link.
type index map[string]map[string]map[string]bool

func newIndex(s *doc.Site) index {
	ix := index{}
	for _, pub := range s.Pubs {
		ix[pub.ID] = map[string]map[string]bool{}
		for _, ch := range pub.Chapters {
			ix[pub.ID][ch.ID] = xhtml.Anchors(ch)
		}
	}
	return ix
}

type pubRenderer struct {
	site  *doc.Site
	pub   *doc.Publication
	ts    *site.Templates
	idx   index
	cover site.Cover
	opts  Options
	diags source.Diags
}

// xr makes the fragment renderer for one page of this publication; every
// publication page sits one folder below the root.
func (p *pubRenderer) xr(current string) *xhtml.Renderer {
	var comment func(*doc.Para) string
	if p.pub.Consultation != nil {
		for _, ch := range p.pub.Chapters {
			if ch.ID == current {
				comment = func(para *doc.Para) string { return p.commentHref(ch, para) }
			}
		}
	}
	var cite func(*doc.Para) string
	var alts func(*doc.Para) []xhtml.Counterpart
	for _, ch := range p.pub.Chapters {
		if ch.ID == current && ch.Cite != nil && len(ch.Cite.Pinpoint) > 0 {
			cite = func(*doc.Para) string { return "#" + citeID }
		}
		if ch.ID == current {
			alts = p.paraLinks(ch)
		}
	}
	return xhtml.New(xhtml.Options{
		Terms:        p.pub.Terms,
		Permalinks:   true,
		TableRegions: true,
		Comment:      comment,
		Cite:         cite,
		Counterparts: alts,
		Src:          func(a *doc.Asset) string { return site.Rel(1, site.MediaPath(a.Path)) },
		Link: func(t *doc.Target, at source.Span) (string, bool) {
			chs, ok := p.idx[t.Pub]
			anchors, chOK := chs[t.Chapter]
			if !ok || (t.Chapter != "" && !chOK) {
				p.diags.Warnf(at, "link-target", "link to %s/%s, a chapter that is not being built; the text is not linked", t.Pub, t.Chapter)
				return "", false
			}
			if t.Chapter != "" && t.Anchor != "" && !anchors[t.Anchor] {
				p.diags.Warnf(at, "link-anchor", "link to %s/%s#%s, an anchor that chapter does not have; the text is not linked", t.Pub, t.Chapter, t.Anchor)
				return "", false
			}
			if t.Chapter == "" {
				return site.Rel(1, site.ContentsPath(t.Pub)), true
			}
			if t.Pub == p.pub.ID {
				if t.Chapter == current && t.Anchor != "" {
					return "#" + site.Fragment(t.Anchor), true
				}
				h := site.Rel(0, t.Chapter+".html")
				if t.Anchor != "" {
					h += "#" + site.Fragment(t.Anchor)
				}
				return h, true
			}
			return site.ChapterHref(1, t.Pub, t.Chapter, t.Anchor), true
		},
	})
}

func (p *pubRenderer) lang() string {
	if p.pub.Lang != "" {
		return p.pub.Lang
	}
	return site.Lang(p.site.Lang)
}

func (p *pubRenderer) page(title string) site.Page {
	return site.Page{
		Lang: p.lang(), Title: title, Root: "../", SiteTitle: p.site.Title, Generator: generator(p.opts.Generator),
		Description: p.pub.Description,
		Banner:      p.banner(),
		Terms:       p.pub.Terms,
		Footer:      strings.Join(nonEmpty(p.pub.Title, p.pub.Edition, p.pub.License), " · "),
	}
}

func (p *pubRenderer) render() ([]File, source.Diags) {
	var files []File
	add := func(path, tmpl string, data any) {
		b, err := p.ts.Execute(tmpl, data)
		if err != nil {
			p.diags.Errorf(source.Span{}, "html-template", "%s: %v", path, err)
			return
		}
		files = append(files, File{Path: path, Data: b})
	}
	add(site.ContentsPath(p.pub.ID), "contents", p.contentsPage())
	for i, ch := range p.pub.Chapters {
		path := site.ChapterPath(p.pub.ID, ch.ID)
		pages := p.opts.Pages
		if pages != nil {
			if data, ds, ok := pages.Get(p.pub, ch); ok {
				files = append(files, File{Path: path, Data: data})
				p.diags.Add(ds...)
				continue
			}
		}
		n, m := len(files), len(p.diags)
		add(path, "chapter", p.chapterPage(i, ch))
		if pages != nil && len(files) > n {
			pages.Put(p.pub, ch, files[n].Data, slices.Clone(p.diags[m:]))
		}
	}
	files = append(files, p.citeFiles()...)
	files = append(files, p.goneChapters()...)
	return files, p.diags
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func html(s string) template.HTML { return site.HTML(s) }

func generator(g string) string {
	if g == "" {
		return "normpress"
	}
	return g
}
