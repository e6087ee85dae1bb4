package site

import (
	"html/template"
	"io/fs"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site/cover"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/templates"
)

// Options are what the pipeline knows beyond the model.
type Options struct {
	// Downloads are each publication's PDF and EPUB, by publication ID.
	Downloads map[string][]Download
	// Generator names the program for the generator meta element.
	Generator string
	// DeferSearchIndex leaves the search index out, for the caller to
	// make with SearchIndexFile when it has time (serve serves the
	// changed pages first).
	DeferSearchIndex bool
}

// SearchIndexPath is where the search page finds its index.
const SearchIndexPath = "assets/search-index.js"

// SearchIndexFile is the search index Render makes for s.
func SearchIndexFile(s *doc.Site) (File, error) {
	js, err := BuildSearchIndex(s).JS()
	return File{Path: SearchIndexPath, Data: js}, err
}

// Cover is a publication's cover image as the site shows it.
type Cover struct {
	Path          string // relative to the output root
	Data          []byte
	Width, Height int
}

// PubCover returns the manifest's cover or draws one from the metadata.
func PubCover(pub *doc.Publication) (Cover, error) {
	if pub.Cover != nil && len(pub.Cover.Data) > 0 {
		return Cover{Path: MediaPath(pub.Cover.Path), Data: pub.Cover.Data, Width: pub.Cover.Width, Height: pub.Cover.Height}, nil
	}
	data, err := cover.PNG(pub, cover.WebWidth)
	if err != nil {
		return Cover{}, err
	}
	return Cover{Path: CoverPath(pub.ID), Data: data, Width: cover.WebWidth, Height: cover.Height(cover.WebWidth)}, nil
}

type landingPub struct {
	Href                                       template.URL
	Title, Subtitle, Byline, Description, Lang string
	Read                                       string // "Read online", in the publication's language
	Cover                                      template.URL
	CoverW, CoverH                             int
	Downloads                                  []DownloadLink
	// Editions are the publication in other languages; Sub says the card
	// sits under a language's heading (its title is one level down).
	Editions []Alternate
	Sub      bool
}

type landingPage struct {
	Page
	Pubs []landingPub
	// Groups, when the publications are in more than one language, are
	// the cards by language, under headings in each language's own name.
	Groups []landingGroup
}

type landingGroup struct {
	Lang, Name, ID string
	Pubs           []landingPub
}

// Render writes the parts of the site that span publications: the landing
// page, the search page and its index, the shared assets and the covers.
// covers must hold PubCover's result for every publication.
func Render(ts *Templates, s *doc.Site, covers map[string]Cover, opts Options) ([]File, source.Diags) {
	var diags source.Diags
	var files []File
	lp := landingPage{Page: Page{
		Lang: Lang(s.Lang), Title: s.Title, Description: s.Description, SiteTitle: s.Title,
		Footer: s.Description, Generator: gen(opts.Generator), Terms: s.Terms,
	}}
	built := map[string]bool{}
	for _, pub := range s.Pubs {
		built[pub.ID] = true
	}
	cards := map[string]landingPub{}
	for _, pub := range s.Pubs {
		c := covers[pub.ID]
		lang := ""
		if pub.Lang != "" && pub.Lang != Lang(s.Lang) {
			lang = pub.Lang
		}
		card := landingPub{
			Href: template.URL(Rel(0, ContentsPath(pub.ID))), Title: pub.Title, Subtitle: pub.Subtitle,
			Byline: pub.Byline(), Description: pub.Description, Lang: lang, Read: pub.Terms.Get(doc.TermReadOnline),
			Cover: template.URL(Rel(0, c.Path)), CoverW: c.Width, CoverH: c.Height,
			Downloads: DownloadLinks(0, opts.Downloads[pub.ID], pub.Terms),
		}
		for _, e := range pub.Editions {
			if built[e.Pub] {
				card.Editions = append(card.Editions, Alternate{Href: template.URL(Rel(0, ContentsPath(e.Pub))), Lang: e.Lang, Text: e.Read})
			}
		}
		lp.Pubs = append(lp.Pubs, card)
		cards[pub.ID] = card
	}
	lp.Groups = languageGroups(s.Languages, cards)
	add := func(path, tmpl string, data any) {
		b, err := ts.Execute(tmpl, data)
		if err != nil {
			diags.Errorf(source.Span{}, "html-template", "%s: %v", path, err)
			return
		}
		files = append(files, File{Path: path, Data: b})
	}
	add("index.html", "landing", lp)
	add("search.html", "search", Page{Lang: Lang(s.Lang), Title: s.Terms.Get(doc.TermSearch) + " · " + s.Title, SiteTitle: s.Title, Footer: s.Description, SearchPage: true, Generator: gen(opts.Generator), Terms: s.Terms})

	if !opts.DeferSearchIndex {
		if f, err := SearchIndexFile(s); err != nil {
			diags.Errorf(source.Span{}, "search-index", "search index: %v", err)
		} else {
			files = append(files, f)
		}
	}
	assets, err := Assets()
	if err != nil {
		diags.Errorf(source.Span{}, "html-assets", "%v", err)
	}
	files = append(files, assets...)
	for _, pub := range s.Pubs {
		if c := covers[pub.ID]; c.Path == CoverPath(pub.ID) {
			files = append(files, File{Path: c.Path, Data: c.Data})
		}
	}
	return files, diags
}

// languageGroups are the landing page's sections, one per language with
// a publication being built; nil when that leaves fewer than two.
func languageGroups(langs []doc.Language, cards map[string]landingPub) []landingGroup {
	var out []landingGroup
	for _, l := range langs {
		g := landingGroup{Lang: l.Lang, Name: l.Name, ID: "lang-" + strings.ToLower(l.Lang)}
		for _, id := range l.Pubs {
			if c, ok := cards[id]; ok {
				c.Sub = true
				g.Pubs = append(g.Pubs, c)
			}
		}
		if len(g.Pubs) > 0 {
			out = append(out, g)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// Assets are the stylesheet, scripts and icons of templates/assets, copied
// under assets/ in lexical order.
func Assets() ([]File, error) {
	var files []File
	err := fs.WalkDir(templates.FS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		b, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: p, Data: b})
		return nil
	})
	return files, err
}

// HTML marks a fragment that build/xhtml rendered (and so escaped) as safe
// for the templates.
func HTML(s string) template.HTML { return template.HTML(s) }

func gen(g string) string {
	if g == "" {
		return "normpress"
	}
	return g
}

// Lang is the language a page declares: the manifest's, or English when
// it names none, since a page without lang fails WCAG 3.1.1.
func Lang(l string) string {
	if l == "" {
		return "en"
	}
	return l
}
