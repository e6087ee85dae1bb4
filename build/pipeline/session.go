package pipeline

import (
	"bytes"
	"maps"
	"slices"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/html"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/xhtml"
)

// A Session is a series of in-memory builds of one project, each reusing
// what the one before made where its inputs did not change: serve's
// rebuild after a save. A file is parsed again only when its bytes
// changed (a bibliography or the manifest too); the resolve phase runs
// on copies of the kept parses, because numbering, notes and citations
// depend on the whole publication; a chapter page is rendered again only
// when its inputs changed: its chapter as resolved, or what every page
// shows of the others (titles, numbers, parts, the anchors links may
// point to, the publication's metadata, the build's options).
//
// Each build's output is byte for byte what Build makes from the same
// sources and options (the tests hold it to that over series of edits).
type Session struct {
	opts   Options
	cache  *parseCache
	fp     *doc.Fingerprint
	pages  map[string]*cachedPage // by output path, from the last good build
	next   map[string]*cachedPage
	files  map[string][]byte // the last good build's output
	render []string          // chapter pages rendered by the current build
	// searchSite is the model the current build rendered, for its search
	// index (Finish); index is the last index made.
	searchSite *doc.Site
	index      []byte
}

type cachedPage struct {
	key  doc.Sum
	data []byte
	ds   source.Diags
}

// Update is a Session build's result and what it changed.
type Update struct {
	*Result
	// Changed lists the output paths whose bytes differ from the previous
	// good build's, added or removed ones included, sorted. After a
	// failed build it is empty: the previous output stands.
	Changed []string
	// Rendered lists the chapter pages this build rendered; every other
	// chapter page is the one kept from the build before.
	Rendered []string
	// Parsed counts the files (and digest texts) parsed; the rest were
	// copied from the parses kept.
	Parsed int
}

// NewSession starts a series of builds with opts, which must ask for an
// in-memory build (Memory).
func NewSession(opts Options) *Session {
	opts.Memory, opts.Write = true, false
	return &Session{opts: opts, cache: newParseCache(), fp: doc.NewFingerprint(), pages: map[string]*cachedPage{}}
}

// Build builds the project as it is now on disk, all but the search
// index, which Finish adds: the index covers every word of the site, and
// serve shows the changed page before it makes it.
func (s *Session) Build() *Update {
	s.next = map[string]*cachedPage{}
	s.render = nil
	s.searchSite = nil
	res := buildWith(s.opts, s)
	u := &Update{Result: res, Rendered: s.render, Parsed: s.cache.parsed}
	if !res.OK() || res.Files == nil {
		return u
	}
	s.pages = s.next
	for name, data := range res.Files {
		if old, ok := s.files[name]; !ok || !bytes.Equal(old, data) {
			u.Changed = append(u.Changed, name)
		}
	}
	for name := range s.files {
		if _, ok := res.Files[name]; !ok && name != site.SearchIndexPath {
			u.Changed = append(u.Changed, name)
		}
	}
	slices.Sort(u.Changed)
	s.files = res.Files
	return u
}

// Finish adds the search index to a good build's files (a new map: the
// one Build returned may be in use) and says whether it changed. A build
// without HTML has none.
func (s *Session) Finish(u *Update) (changed bool, err error) {
	if !u.OK() || u.Files == nil || s.searchSite == nil {
		return false, nil
	}
	f, err := site.SearchIndexFile(s.searchSite)
	s.searchSite = nil
	if err != nil {
		return false, err
	}
	files := maps.Clone(u.Files)
	files[f.Path] = f.Data
	u.Files = files
	changed = !bytes.Equal(s.index, f.Data)
	s.index = f.Data
	s.files = files
	return changed, nil
}

func (s *Session) parses() *parseCache {
	if s == nil {
		return nil
	}
	return s.cache
}

// pageCache works out every chapter page's inputs for the HTML renderer.
func (s *Session) pageCache(site *doc.Site, hopts html.Options) html.PageCache {
	// What every page shows of the site: a change here renders them all.
	d := s.fp.New()
	d.String(site.Title)
	d.String(site.Description)
	d.String(site.Lang)
	d.Value(site.Epoch)
	d.Value(hopts.Epoch)
	d.String(hopts.BaseURL)
	d.String(hopts.Generator)
	for _, id := range slices.Sorted(maps.Keys(hopts.Downloads)) {
		d.String(id)
		d.Value(hopts.Downloads[id])
	}
	type job struct {
		pub *doc.Publication
		ch  *doc.Chapter
	}
	var jobs []job
	for _, pub := range site.Pubs {
		d.Value(pub) // its metadata, parts, assets; chapters by ID
		for _, ch := range pub.Chapters {
			jobs = append(jobs, job{pub, ch})
		}
	}
	// A page's links are checked against the anchors of the chapters
	// they point to: those chapters' anchors are inputs of the page.
	keys := make([]doc.Sum, len(jobs))
	anchors := make([]doc.Sum, len(jobs))
	links := make([][]string, len(jobs))
	parallel(len(jobs), func(i int) {
		ch := jobs[i].ch
		seen := map[string]bool{}
		cd := s.fp.New()
		cd.Target = func(t *doc.Target) {
			if k := t.Pub + "/" + t.Chapter; !seen[k] {
				seen[k] = true
				links[i] = append(links[i], k)
			}
		}
		cd.Chapter(ch)
		keys[i] = cd.Sum()
		ad := s.fp.New()
		ad.Value(slices.Sorted(maps.Keys(xhtml.Anchors(ch))))
		anchors[i] = ad.Sum()
		slices.Sort(links[i])
	})
	byPath := map[string]doc.Sum{}
	for i, j := range jobs {
		byPath[pagePath(j.pub, j.ch)] = anchors[i]
	}
	for _, j := range jobs {
		ch := j.ch
		d.String(j.pub.ID)
		d.String(ch.ID)
		d.Value(ch.Title)
		d.String(ch.Short)
		d.String(ch.Number)
		d.Value(int(ch.Matter))
		d.String(ch.Kind)
		d.String(ch.Lang)
		d.String(ch.Status)
		d.Value(ch.Authors)
		if ch.Part != nil {
			d.Value(ch.Part)
		}
	}
	ctx := d.Sum()
	pc := &pageCache{s: s, keys: map[*doc.Chapter]doc.Sum{}}
	for i, j := range jobs {
		k := s.fp.New()
		k.Value(ctx)
		k.Value(keys[i])
		for _, l := range links[i] {
			a, ok := byPath[l]
			k.String(l)
			k.Value(ok)
			k.Value(a)
		}
		pc.keys[j.ch] = k.Sum()
	}
	return pc
}

type pageCache struct {
	s    *Session
	keys map[*doc.Chapter]doc.Sum
}

func pagePath(pub *doc.Publication, ch *doc.Chapter) string { return pub.ID + "/" + ch.ID }

func (c *pageCache) Get(pub *doc.Publication, ch *doc.Chapter) ([]byte, source.Diags, bool) {
	p := pagePath(pub, ch)
	e := c.s.pages[p]
	if e == nil || e.key != c.keys[ch] {
		return nil, nil, false
	}
	c.s.next[p] = e
	return e.data, e.ds, true
}

func (c *pageCache) Put(pub *doc.Publication, ch *doc.Chapter, data []byte, ds source.Diags) {
	p := pagePath(pub, ch)
	c.s.next[p] = &cachedPage{key: c.keys[ch], data: data, ds: ds}
	c.s.render = append(c.s.render, p)
}
