package pipeline

import (
	"bytes"
	"crypto/sha256"
	"image"
	"maps"
	"slices"
	"sync"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/markdown"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/raster"
	"github.com/normpress/normpress/build/source"
)

// parseCache keeps every file's parse between the builds of a Session, by
// content: a file is parsed again only when its bytes (or the language
// it is parsed in) changed. The cached models are never handed out
// themselves, only copies (doc.Clone), because resolving changes a model.
// A nil *parseCache parses everything.
type parseCache struct {
	mu       sync.Mutex
	chapters map[string]*cachedChapter // by file name
	bibs     map[string]*cachedBib
	frags    map[fragKey]*cachedFragment
	// same records whether a records file's bytes equal the previous
	// build's, so that its fragments can be reused (their spans point
	// into it); data is the file as last seen.
	same map[*source.File]bool
	data map[string][]byte
	used map[fragKey]bool // fragments this build asked for
	// parsed counts the files and fragments parsed (not taken from the
	// cache) in the current build, for tests.
	parsed int

	// Also kept, by content: citation styles and decoded images.
	styles map[string]*cachedStyle
	images map[string]*cachedImage

	// locales are the CSL locales with the project's own locale files
	// added, kept while those files' bytes stay the same (localesKey):
	// the bundled files parsed and the terms merged on the first build
	// then serve every save after it.
	localesKey  string
	locales     *csl.Locales
	localeDiags source.Diags
}

type cachedStyle struct {
	data  []byte
	style *csl.Style
	ds    source.Diags
}

type cachedImage struct {
	data      []byte
	maxPixels int64
	info      raster.Info
	img       image.Image
}

type cachedChapter struct {
	data []byte
	lang string
	ch   *markdown.Chapter
	ds   source.Diags
}

type cachedBib struct {
	data  []byte
	items []*bib.Item
	ds    source.Diags
}

type fragKey struct {
	file, value, lang string
	start, indent     int
}

// fragment's fields are exported so that doc.Clone copies them (it copies
// unexported fields as they are).
type fragment struct {
	Blocks []doc.Block
	Assets []*markdown.AssetRef
}

type cachedFragment struct {
	fr fragment
	ds source.Diags
}

func newParseCache() *parseCache {
	return &parseCache{
		chapters: map[string]*cachedChapter{},
		bibs:     map[string]*cachedBib{},
		frags:    map[fragKey]*cachedFragment{},
		same:     map[*source.File]bool{},
		data:     map[string][]byte{},
		used:     map[fragKey]bool{},
		styles:   map[string]*cachedStyle{},
		images:   map[string]*cachedImage{},
	}
}

// style parses a citation style, or takes the parse kept for the same
// bytes. A parsed style is only read by the processors.
func (c *parseCache) style(f *source.File) (*csl.Style, source.Diags) {
	if c == nil {
		return csl.ParseStyle(f)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.styles[f.Name]; e != nil && bytes.Equal(e.data, f.Data) {
		return e.style, e.ds
	}
	st, ds := csl.ParseStyle(f)
	c.styles[f.Name] = &cachedStyle{data: f.Data, style: st, ds: ds}
	c.parsed++
	return st, ds
}

// image decodes an image that passed its checks, or takes the pixels
// kept for the same bytes (they are only read).
func (c *parseCache) image(path string, data []byte, maxPixels int64, info raster.Info) (image.Image, error) {
	if c == nil {
		return raster.Decode(data, info)
	}
	c.mu.Lock()
	e := c.images[path]
	c.mu.Unlock()
	if e != nil && e.maxPixels == maxPixels && e.info == info && bytes.Equal(e.data, data) {
		return e.img, nil
	}
	img, err := raster.Decode(data, info)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.images[path] = &cachedImage{data: data, maxPixels: maxPixels, info: info, img: img}
	c.mu.Unlock()
	return img, nil
}

func (c *parseCache) chapter(f *source.File, lang string, parse func() (*markdown.Chapter, source.Diags)) (*markdown.Chapter, source.Diags) {
	if c == nil {
		return parse()
	}
	c.mu.Lock()
	e := c.chapters[f.Name]
	c.mu.Unlock()
	if e == nil || e.lang != lang || !bytes.Equal(e.data, f.Data) {
		ch, ds := parse()
		e = &cachedChapter{data: f.Data, lang: lang, ch: ch, ds: ds}
		c.mu.Lock()
		c.chapters[f.Name] = e
		c.parsed++
		c.mu.Unlock()
	}
	return doc.Clone(e.ch), e.ds
}

func (c *parseCache) bib(f *source.File, parse func() ([]*bib.Item, source.Diags)) ([]*bib.Item, source.Diags) {
	if c == nil {
		return parse()
	}
	c.mu.Lock()
	e := c.bibs[f.Name]
	c.mu.Unlock()
	if e == nil || !bytes.Equal(e.data, f.Data) {
		items, ds := parse()
		e = &cachedBib{data: f.Data, items: items, ds: ds}
		c.mu.Lock()
		c.bibs[f.Name] = e
		c.parsed++
		c.mu.Unlock()
	}
	return doc.Clone(e.items), e.ds
}

// fragment is a digest record's summary or note. It is reused only when
// the whole records file is unchanged: its spans, and the positions of its
// diagnostics, are offsets into that file.
func (c *parseCache) fragment(t *project.Text, lang string, parse func() (fragment, source.Diags)) (fragment, source.Diags) {
	if c == nil {
		return parse()
	}
	f := t.Span.File
	name := ""
	if f != nil {
		name = f.Name
	}
	k := fragKey{file: name, value: t.Value, lang: lang, start: t.Start, indent: t.Indent}
	c.mu.Lock()
	same, known := c.same[f]
	if !known && f != nil {
		same = bytes.Equal(c.data[name], f.Data)
		c.same[f] = same
	}
	e := c.frags[k]
	c.used[k] = true
	c.mu.Unlock()
	if e == nil || !same {
		fr, ds := parse()
		e = &cachedFragment{fr: fr, ds: ds}
		c.mu.Lock()
		c.frags[k] = e
		c.parsed++
		c.mu.Unlock()
	}
	return doc.Clone(e.fr), e.ds
}

// begin starts a build: the files of the previous one are forgotten once
// this one has seen its own (end).
func (c *parseCache) begin() {
	if c == nil {
		return
	}
	c.parsed = 0
	c.same = map[*source.File]bool{}
	c.used = map[fragKey]bool{}
}

// end drops what the build that ends did not use, so that the cache holds
// one project's files, and notes the records files as they are now.
func (c *parseCache) end(p *project.Project) {
	if c == nil {
		return
	}
	names := map[string]bool{}
	for _, f := range p.Chapters {
		names[f.Name] = true
	}
	for _, f := range p.Bibs {
		names[f.Name] = true
	}
	for name := range c.chapters {
		if !names[name] {
			delete(c.chapters, name)
		}
	}
	for name := range c.bibs {
		if !names[name] {
			delete(c.bibs, name)
		}
	}
	for k := range c.frags {
		if !c.used[k] {
			delete(c.frags, k)
		}
	}
	c.data = map[string][]byte{}
	for f := range c.same {
		if f != nil {
			c.data[f.Name] = f.Data
		}
	}
}

// cslLocales gives the build's CSL locales: the built-in ones with the
// project's locale files added, with the problems those files have.
func (c *parseCache) cslLocales(p *project.Project) (*csl.Locales, source.Diags) {
	key := localesKey(p)
	if c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.locales != nil && c.localesKey == key {
			return c.locales, c.localeDiags
		}
	}
	l := csl.NewLocales(nil)
	var ds source.Diags
	for _, path := range slices.Sorted(maps.Keys(p.Locales)) {
		ds.Add(l.AddFile(p.Locales[path])...)
	}
	if c != nil {
		c.localesKey, c.locales, c.localeDiags = key, l, ds
	}
	return l, ds
}

// localesKey names the project's own locale files and their contents: a
// parse depends on them (locator terms in the text's language).
func localesKey(p *project.Project) string {
	if len(p.Locales) == 0 {
		return ""
	}
	h := sha256.New()
	for _, path := range slices.Sorted(maps.Keys(p.Locales)) {
		h.Write([]byte(path))
		h.Write([]byte{0})
		h.Write(p.Locales[path].Data)
		h.Write([]byte{0})
	}
	return string(h.Sum(nil))
}
