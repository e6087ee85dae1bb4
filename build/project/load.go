// Package project loads a normpress project: the manifest, the norm registry,
// the digest records, and the bytes of every file they name. It is the load
// phase: it touches the file system and nothing else does, and it refuses any
// path that leaves the project folder.
package project

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// Project is everything loaded from the project folder.
type Project struct {
	fsys   fs.FS
	prefix string // prepended to file names in diagnostics: "chapters/"

	Manifest *Manifest
	Registry *Registry

	// Files read, by project-relative path. Chapters, bibliographies, styles
	// and digest records; the parse phase turns them into models.
	Chapters map[string]*source.File
	// Unread are the chapter files listed in the manifest that could not
	// be read (missing, unreadable), by path, with where they are listed:
	// what would have been defined in them is unknown.
	Unread  map[string]source.Span
	Bibs    map[string]*source.File
	Styles  map[string]*source.File // custom .csl files by path
	Locales map[string]*source.File // CSL locale files by path
	// Abbreviations is the citation-abbreviations file, or nil.
	Abbreviations *source.File
	// Registers are released editions' paragraph registers, by path.
	Registers map[string]*source.File
	// Records are the digest records per publication ID, in file order.
	Records map[string][]*Record
	// Binary files (fonts, covers), by path.
	Blobs map[string][]byte
}

// Options for Load.
type Options struct {
	// Prefix is how diagnostics name the project folder ("chapters/"), so
	// that a position can be opened from where the command runs.
	Prefix string
}

// Load reads a project from a folder on disk. It opens the folder as an
// os.Root, which refuses symbolic links that lead out of it.
func Load(dir string, opts Options) (*Project, source.Diags) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		var ds source.Diags
		ds.Errorf(source.NewFile(dir, nil).At(0), "no-project", "cannot open the project folder: %v", unwrapPathError(err)).
			WithHint("run normpress from the repository root, where %s/%s is", dir, ManifestName)
		return nil, ds
	}
	// The root stays open for the life of the process: a build reads images
	// after parsing, and serve rereads on change.
	return LoadFS(root.FS(), opts)
}

// LoadFS reads a project from any file system (tests use fstest.MapFS).
func LoadFS(fsys fs.FS, opts Options) (*Project, source.Diags) {
	p := &Project{
		fsys:      fsys,
		prefix:    opts.Prefix,
		Chapters:  map[string]*source.File{},
		Unread:    map[string]source.Span{},
		Bibs:      map[string]*source.File{},
		Styles:    map[string]*source.File{},
		Locales:   map[string]*source.File{},
		Registers: map[string]*source.File{},
		Records:   map[string][]*Record{},
		Blobs:     map[string][]byte{},
	}
	var ds source.Diags
	mf, ok := p.readText(ManifestName, source.Span{}, &ds)
	if !ok {
		return nil, ds
	}
	m, mds := decodeManifest(mf)
	ds.Add(mds...)
	p.Manifest = m

	if m.Norms.Value != "" {
		if f, ok := p.readRef(m.Norms, "", &ds); ok {
			r, rds := decodeNorms(f)
			ds.Add(rds...)
			p.Registry = r
		}
	}
	if p.Registry == nil {
		p.Registry = &Registry{ByID: nil}
	}
	for _, b := range m.Bibliography {
		p.loadBib(b, &ds)
	}
	p.loadStyle(m.Style, &ds)
	for _, l := range m.Locales {
		p.loadLocale(l, &ds)
	}
	if m.Abbreviations.Value != "" {
		if clean, ok := p.cleanRef(m.Abbreviations, "", &ds); ok {
			if f, ok := p.readText(clean, m.Abbreviations.Span, &ds); ok {
				p.Abbreviations = f
			}
		}
	}
	for _, pub := range m.Pubs {
		p.loadPub(pub, &ds)
	}
	return p, ds
}

func (p *Project) loadPub(pub *Pub, ds *source.Diags) {
	for _, b := range pub.Bibliography {
		p.loadBib(b, ds)
	}
	p.loadStyle(pub.Style, ds)
	seen := map[string]source.Span{}
	chapter := func(s Str) {
		clean, ok := p.cleanRef(s, "", ds)
		if !ok {
			return
		}
		if prev, dup := seen[clean]; dup {
			ds.Errorf(s.Span, "duplicate-chapter", "%s is listed twice in this publication", s.Value).
				WithHint("first listed at %s", prev.Position())
			return
		}
		seen[clean] = s.Span
		if _, done := p.Chapters[clean]; done {
			return
		}
		if _, failed := p.Unread[clean]; failed {
			return // reported once, where it was first listed
		}
		if !strings.HasSuffix(clean, ".md") {
			ds.Errorf(s.Span, "bad-chapter", "a chapter must be a Markdown file (.md), not %q", s.Value)
			return
		}
		if f, ok := p.readText(clean, s.Span, ds); ok {
			p.Chapters[clean] = f
		} else {
			p.Unread[clean] = s.Span
		}
	}
	for _, list := range [][]Entry{pub.Front, pub.Body, pub.Back} {
		for _, e := range list {
			if e.Chapter.Value != "" {
				chapter(e.Chapter)
			}
			for _, c := range e.Chapters {
				chapter(c)
			}
		}
	}
	for _, f := range []Str{pub.Cover, pub.Fonts.Serif.Regular, pub.Fonts.Serif.Italic, pub.Fonts.Serif.Bold,
		pub.Fonts.Serif.BoldItalic, pub.Fonts.Sans.Regular, pub.Fonts.Sans.Italic, pub.Fonts.Sans.Bold,
		pub.Fonts.Sans.BoldItalic, pub.Fonts.Mono.Regular, pub.Fonts.Mono.Italic, pub.Fonts.Mono.Bold, pub.Fonts.Mono.BoldItalic} {
		if f.Value == "" {
			continue
		}
		if clean, ok := p.cleanRef(f, "", ds); ok {
			if _, done := p.Blobs[clean]; !done {
				if data, ok := p.read(clean, f.Span, ds); ok {
					p.Blobs[clean] = data
				}
			}
		}
	}
	if pub.Digest != nil && pub.Digest.Entries.Value != "" {
		p.loadRecords(pub, ds)
	}
	for _, e := range pub.Editions {
		if clean, ok := p.cleanRef(e.Register, "", ds); ok {
			if _, done := p.Registers[clean]; !done {
				if f, ok := p.readText(clean, e.Register.Span, ds); ok {
					p.Registers[clean] = f
				}
			}
		}
	}
}

func (p *Project) loadBib(s Str, ds *source.Diags) {
	clean, ok := p.cleanRef(s, "", ds)
	if !ok {
		return
	}
	if _, done := p.Bibs[clean]; done {
		return
	}
	switch path.Ext(clean) {
	case ".bib", ".json", ".yaml", ".yml":
	default:
		ds.Errorf(s.Span, "bad-bibliography", "unknown bibliography format %q", path.Ext(clean)).
			WithHint("use BibTeX/BibLaTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml)")
		return
	}
	if f, ok := p.readText(clean, s.Span, ds); ok {
		p.Bibs[clean] = f
	}
}

// loadStyle reads a style given as a path; built-in names are left to the
// citation processor.
func (p *Project) loadStyle(s Str, ds *source.Diags) {
	if !strings.HasSuffix(s.Value, ".csl") {
		return
	}
	clean, ok := p.cleanRef(s, "", ds)
	if !ok {
		return
	}
	if _, done := p.Styles[clean]; done {
		return
	}
	if f, ok := p.readText(clean, s.Span, ds); ok {
		p.Styles[clean] = f
	}
}

// loadLocale reads a CSL locale file (locales-xx-XX.xml); the citation
// processor parses it.
func (p *Project) loadLocale(s Str, ds *source.Diags) {
	clean, ok := p.cleanRef(s, "", ds)
	if !ok {
		return
	}
	if path.Ext(clean) != ".xml" {
		ds.Errorf(s.Span, "bad-locale", "a CSL locale file is XML (locales-xx-XX.xml), not %q", path.Ext(clean))
		return
	}
	if f, ok := p.readText(clean, s.Span, ds); ok {
		p.Locales[clean] = f
	}
}

func (p *Project) loadRecords(pub *Pub, ds *source.Diags) {
	dir, ok := p.cleanRef(pub.Digest.Entries, "", ds)
	if !ok {
		return
	}
	entries, err := fs.ReadDir(p.fsys, dir)
	if err != nil {
		ds.Errorf(pub.Digest.Entries.Span, "missing-file", "cannot read the digest folder %s: %v", pub.Digest.Entries.Value, unwrapPathError(err))
		return
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() && (strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		ds.Warnf(pub.Digest.Entries.Span, "empty-digest", "the digest folder %s holds no .yaml records", pub.Digest.Entries.Value)
	}
	for _, n := range names {
		f, ok := p.readText(path.Join(dir, n), pub.Digest.Entries.Span, ds)
		if !ok {
			continue
		}
		recs, rds := decodeRecords(f)
		ds.Add(rds...)
		p.Records[pub.ID.Value] = append(p.Records[pub.ID.Value], recs...)
	}
}

// CleanPath resolves a path written in a file at dir (project-relative) to a
// clean project-relative path, and refuses one that leaves the project.
func CleanPath(dir, name string) (string, error) {
	if name == "" {
		return "", errors.New("empty path")
	}
	if strings.Contains(name, "\\") {
		return "", errors.New("use / in paths, not \\")
	}
	if path.IsAbs(name) {
		return "", errors.New("absolute paths are not allowed: paths are relative to the file that names them")
	}
	clean := path.Clean(path.Join(dir, name))
	if clean == ".." || strings.HasPrefix(clean, "../") || !fs.ValidPath(clean) {
		return "", errors.New("the path leaves the project folder")
	}
	return clean, nil
}

func (p *Project) cleanRef(s Str, dir string, ds *source.Diags) (string, bool) {
	clean, err := CleanPath(dir, s.Value)
	if err != nil {
		ds.Errorf(s.Span, "bad-path", "refused path %q: %v", s.Value, err)
		return "", false
	}
	return clean, true
}

func (p *Project) readRef(s Str, dir string, ds *source.Diags) (*source.File, bool) {
	clean, ok := p.cleanRef(s, dir, ds)
	if !ok {
		return nil, false
	}
	return p.readText(clean, s.Span, ds)
}

// readText reads a text file into a source.File named with the prefix.
func (p *Project) readText(name string, from source.Span, ds *source.Diags) (*source.File, bool) {
	data, ok := p.read(name, from, ds)
	if !ok {
		return nil, false
	}
	return source.NewFile(p.prefix+name, data), true
}

// Read reads a project file named at a source position (an image a chapter
// uses), reporting a missing file or a refused path there.
func (p *Project) Read(name string, from source.Span) ([]byte, source.Diags) {
	var ds source.Diags
	data, _ := p.read(name, from, &ds)
	return data, ds
}

func (p *Project) read(name string, from source.Span, ds *source.Diags) ([]byte, bool) {
	span := from
	if span.IsZero() {
		span = source.NewFile(p.prefix+name, nil).At(0)
	}
	// Stat before opening: opening a named pipe waits for a writer for
	// ever, and a device can be endless.
	fi, err := fs.Stat(p.fsys, name)
	if err == nil && !fi.Mode().IsRegular() {
		kind := "not a regular file"
		switch {
		case fi.IsDir():
			kind = "a folder, not a file"
		case fi.Mode()&fs.ModeNamedPipe != 0:
			kind = "a named pipe, not a regular file"
		case fi.Mode()&fs.ModeDevice != 0:
			kind = "a device, not a regular file"
		case fi.Mode()&fs.ModeSocket != 0:
			kind = "a socket, not a regular file"
		}
		ds.Errorf(span, "not-a-file", "cannot read %s: it is %s", p.prefix+name, kind)
		return nil, false
	}
	var data []byte
	if err == nil {
		data, err = fs.ReadFile(p.fsys, name)
	}
	if err == nil {
		return data, true
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d := ds.Errorf(span, "missing-file", "file not found: %s", p.prefix+name)
		if s := p.suggest(name); s != "" {
			d.WithHint("did you mean %s?", s)
		}
	case isEscape(err):
		ds.Errorf(span, "bad-path", "refused %s: a symbolic link leads out of the project folder", p.prefix+name)
	default:
		ds.Errorf(span, "read-error", "cannot read %s: %v", p.prefix+name, unwrapPathError(err))
	}
	return nil, false
}

// suggest finds a file in the same folder whose name is close.
func (p *Project) suggest(name string) string {
	dir, base := path.Split(name)
	d := strings.TrimSuffix(dir, "/")
	if d == "" {
		d = "."
	}
	entries, err := fs.ReadDir(p.fsys, d)
	if err != nil {
		return ""
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	best := source.Suggest(base, names)
	if best == "" {
		return ""
	}
	return p.prefix + dir + best
}

func isEscape(err error) bool {
	return err != nil && strings.Contains(err.Error(), "escapes from parent")
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
