package csl

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"encoding/json"
	"io/fs"
	"strings"
	"sync"

	"github.com/normpress/normpress/build/source"
)

//go:generate go run ../../cmd/csllocales -from ../../../shared/testdata/csl/locales-all -notice locales/README.md -out locales/locales.zip

// Every locale of the CSL locales repository, compressed (about a quarter
// of their 1.7 MB), with its licence notice (locales/README.md).
//
//go:embed locales/locales.zip
var localesZip []byte

// bundledLocales reads the archive once, on first use.
var bundledLocales = sync.OnceValue(func() fs.FS {
	zr, err := zip.NewReader(bytes.NewReader(localesZip), int64(len(localesZip)))
	if err != nil {
		panic("csl: the embedded locales archive is damaged: " + err.Error())
	}
	return zr
})

// Locales loads CSL locale files: from an optional folder first, then
// from the ones built into the binary. Parsed files are kept, so one
// Locales can serve many processors; it is safe for concurrent use.
type Locales struct {
	dir     fs.FS
	mu      sync.Mutex
	cache   map[string]*Locale
	diags   source.Diags
	primary map[string]string
	// user are locale files a project or a user supplies, by language;
	// their terms and dates come before the bundled file's.
	user map[string]*Locale
	// Merged chains, made once and kept, since merging copies a few
	// hundred terms and a build asks thousands of times (a processor per
	// norm box and per "Cite this", a term per word of every
	// publication): by language for Term, by style and language for
	// processors, and the locator labels by language. AddFile clears
	// them. A merged locale is never changed once made.
	termLocs map[string]*locale
	resolved map[resolvedKey]*locale
	locators map[string][]LocatorTerm
}

type resolvedKey struct {
	style *Style
	lang  string
}

// memo returns the value kept in m under key, or makes it (outside the
// lock, since making it reads locale files, which takes the lock) and
// keeps it. Two goroutines may both make it; the first one kept wins, so
// every caller gets the same value.
func memo[K comparable, V any](l *Locales, m *map[K]V, key K, build func() V) V {
	l.mu.Lock()
	if v, ok := (*m)[key]; ok {
		l.mu.Unlock()
		return v
	}
	l.mu.Unlock()
	v := build()
	l.mu.Lock()
	defer l.mu.Unlock()
	if old, ok := (*m)[key]; ok {
		return old
	}
	if *m == nil {
		*m = map[K]V{}
	}
	if len(*m) >= 256 {
		// serve keeps one Locales for a session, and a style edited and
		// parsed again is a new key: a bound keeps what a long session
		// holds small.
		clear(*m)
	}
	(*m)[key] = v
	return v
}

// AddFile reads a locale file a user supplies (a project's locales:, bib
// --locale). Its language is its xml:lang; its terms, dates and options
// take precedence over the built-in locale of that language, which still
// supplies what it leaves out, and a language CSL has no locale for gets
// one. Problems are returned with their line and column; a file with
// errors is not used.
func (l *Locales) AddFile(f *source.File) source.Diags {
	loc, ds := ParseLocale(f)
	if loc == nil || ds.HasErrors() {
		return ds
	}
	if loc.Lang == "" {
		ds.Errorf(f.At(0), "csl-locale-lang", "the locale file has no xml:lang: it is not known which language it is for").
			WithHint(`write <locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="fr-FR">`)
		return ds
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.user == nil {
		l.user = map[string]*Locale{}
	}
	l.user[l.normalizeLang(loc.Lang)] = loc
	l.termLocs, l.resolved, l.locators = nil, nil, nil
	return ds
}

// NewLocales makes a loader. dir, when not nil, holds extra
// "locales-xx-XX.xml" files (and optionally "locales.json") that take
// precedence over the bundled ones.
func NewLocales(dir fs.FS) *Locales {
	l := &Locales{dir: dir, cache: map[string]*Locale{}}
	l.primary = readPrimaryDialects(bundledLocales(), "locales.json")
	if dir != nil {
		for k, v := range readPrimaryDialects(dir, "locales.json") {
			l.primary[k] = v
		}
	}
	return l
}

func readPrimaryDialects(fsys fs.FS, path string) map[string]string {
	m := map[string]string{}
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return m
	}
	var v struct {
		Primary map[string]string `json:"primary-dialects"`
	}
	if json.Unmarshal(data, &v) == nil {
		for k, d := range v.Primary {
			m[k] = d
		}
	}
	return m
}

// Diags are the problems found in locale files read so far.
func (l *Locales) Diags() source.Diags {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append(source.Diags(nil), l.diags...)
}

// Has reports whether a locale file for the tag exists.
func (l *Locales) Has(tag string) bool { return l.userFile(tag) != nil || l.file(tag) != nil }

func (l *Locales) userFile(tag string) *Locale {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.user[tag]
}

func (l *Locales) file(tag string) *Locale {
	l.mu.Lock()
	defer l.mu.Unlock()
	if loc, ok := l.cache[tag]; ok {
		return loc
	}
	name := "locales-" + tag + ".xml"
	var data []byte
	var path string
	if l.dir != nil && fs.ValidPath(name) {
		if b, err := fs.ReadFile(l.dir, name); err == nil {
			data, path = b, name
		}
	}
	if data == nil && fs.ValidPath(name) {
		if b, err := fs.ReadFile(bundledLocales(), name); err == nil {
			data, path = b, "locales/"+name
		}
	}
	var loc *Locale
	if data != nil {
		var ds source.Diags
		loc, ds = ParseLocale(source.NewFile(path, data))
		l.diags = append(l.diags, ds...)
	}
	l.cache[tag] = loc
	return loc
}

// normalizeLang turns "fr" into its primary dialect "fr-FR" and fixes the
// case of a tag ("en-us" → "en-US").
func (l *Locales) normalizeLang(lang string) string {
	lang = strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")
	parts := strings.Split(lang, "-")
	parts[0] = strings.ToLower(parts[0])
	if len(parts) > 1 && len(parts[1]) == 2 {
		parts[1] = strings.ToUpper(parts[1])
	}
	lang = strings.Join(parts, "-")
	if len(parts) == 1 {
		if p, ok := l.primary[lang]; ok {
			return p
		}
	}
	return lang
}

// resolve builds the merged locale for a style and an output language,
// following the spec's fallback: in-style locales for the dialect, the
// language and no language; then the locale files for the dialect, its
// primary dialect, and en-US.
func (l *Locales) resolve(s *Style, lang string) *locale {
	return memo(l, &l.resolved, resolvedKey{s, lang}, func() *locale { return l.merge(s, lang) })
}

func (l *Locales) merge(s *Style, lang string) *locale {
	lang = l.normalizeLang(lang)
	base := strings.Split(lang, "-")[0]
	var chain []*Locale
	add := func(pred func(string) bool) {
		for _, sl := range s.locales {
			if pred(sl.Lang) {
				chain = append(chain, sl)
			}
		}
	}
	add(func(t string) bool { return t != "" && l.normalizeTag(t) == lang })
	add(func(t string) bool { return t != "" && !strings.Contains(t, "-") && strings.ToLower(t) == base })
	add(func(t string) bool { return t == "" })
	fileLang := lang
	if u := l.userFile(lang); u != nil {
		chain = append(chain, u)
	}
	if f := l.file(lang); f != nil {
		chain = append(chain, f)
	} else if l.userFile(lang) == nil {
		fileLang = ""
	}
	if p, ok := l.primary[base]; ok && p != lang {
		if u := l.userFile(p); u != nil {
			chain = append(chain, u)
		}
		if f := l.file(p); f != nil {
			chain = append(chain, f)
			if fileLang == "" {
				fileLang = p
			}
		}
	}
	if lang != "en-US" {
		if u := l.userFile("en-US"); u != nil {
			chain = append(chain, u)
		}
		if f := l.file("en-US"); f != nil {
			chain = append(chain, f)
		}
	}
	m := mergeLocales(chain)
	if fileLang == "" {
		fileLang = "en-US"
		if base != "" && l.file(lang) == nil {
			// An unknown language renders in English.
			fileLang = "en-US"
		}
	}
	m.lang = fileLang
	if l.Has(lang) {
		m.lang = lang
	}
	return m
}

func (l *Locales) normalizeTag(t string) string {
	t = strings.ReplaceAll(t, "_", "-")
	parts := strings.Split(t, "-")
	parts[0] = strings.ToLower(parts[0])
	if len(parts) > 1 && len(parts[1]) == 2 {
		parts[1] = strings.ToUpper(parts[1])
	}
	return strings.Join(parts, "-")
}
