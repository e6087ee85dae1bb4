package project

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/uri"
)

// ManifestName is the manifest's path inside the project folder.
const ManifestName = "normpress.yaml"

// Manifest is the decoded chapters/normpress.yaml.
type Manifest struct {
	File         *source.File
	Title        Str
	Description  string
	Lang         Str
	Norms        Str   // path of the norm registry
	Bibliography []Str // files every publication can cite
	Style        Str   // default citation style
	// Locales are CSL locale files that add or override the built-in ones.
	Locales []Str
	// Abbreviations is a citation-abbreviations file (JSON), as pandoc's.
	Abbreviations Str
	BaseURL       Str // where the HTML edition is published, for links from PDF/EPUB
	// MaxImagePixels refuses larger images before decoding them (0: the
	// default, raster.DefaultMaxPixels).
	MaxImagePixels int
	Consultation   *Consultation // defaults for build --consultation
	// Terms override the words every publication prints (terms: in the
	// manifest); a publication's own terms: win over them.
	Terms []Term
	Pubs  []*Pub
}

// Pub is one publication's entry in the manifest.
type Pub struct {
	Span         source.Span // the publication's mapping
	ID           Str
	Title        Str
	ShortTitle   string // for references from other publications: "Commentary"
	Subtitle     string
	Description  string
	Editors      []string
	Contributors []string
	Edition      string
	Date         Str
	Lang         Str
	License      string
	ISBN         string
	DOI          string
	Keywords     []string
	Cover        Str
	Style        Str
	Bibliography []Str
	// NoCite lists works for the bibliography that no chapter cites, as
	// pandoc's nocite: keys, or "*" for every entry of the bibliography.
	NoCite []Str

	References       Str // chapter | publication | both | none
	NoteNumbering    Str // chapter | publication
	Positions        Str // chapter | publication: where ibid/subsequent restart
	ParagraphNumbers bool
	FurtherReading   bool
	PageSize         Str
	PageRefs         bool
	Fonts            Fonts

	Front, Body, Back []Entry
	Digest            *Digest
	// Editions are the released editions, oldest first; the build compares
	// the current text with the last.
	Editions     []Edition
	Consultation *Consultation // a draft out for comment
	// TranslationOf is the id of the publication this one translates: the
	// two share chapter ids and labels, and each edition links to the
	// other's counterparts.
	TranslationOf Str
	Terms         []Term // words of this publication (see Manifest.Terms)
	// Index are the terms of the subject index found in the text by
	// themselves (generate: index places the chapter; marks in the
	// Markdown add more).
	Index []IndexTerm
}

// Term is one entry of a terms: mapping: a term's name ("figure") and the
// word the project wants for it. Names are checked in the resolve phase,
// which knows the terms.
type Term struct{ Key, Value Str }

func (d *decoder) terms(n *yaml.Node) []Term {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "yaml-type", "terms must be a mapping of term names to words, found %s", kindName(n))
		return nil
	}
	var out []Term
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key, ok := d.str(k, "a term name")
		if !ok {
			continue
		}
		if seen[key.Value] {
			d.errorf(k, "duplicate-key", "duplicate term %q", key.Value)
			continue
		}
		seen[key.Value] = true
		if val, ok := d.str(v, "the word for "+key.Value); ok {
			out = append(out, Term{Key: key, Value: val})
		}
	}
	return out
}

// Edition is a released edition: its name ("First edition"), date, and the
// paragraph register a build wrote for it, committed into the project.
type Edition struct {
	Span     source.Span
	Name     Str
	Date     Str
	Register Str
}

// Fonts are the font files a publication asks for.
type Fonts struct {
	Serif FontFamily
	Sans  FontFamily
	Mono  FontFamily
}

// FontFamily is up to four faces of one family.
type FontFamily struct {
	Regular, Italic, Bold, BoldItalic Str
}

// Entry is one item of front, body or back: a chapter file, a part with its
// chapters, or a generated chapter.
type Entry struct {
	Span     source.Span
	Chapter  Str   // a Markdown file
	Part     Str   // a part's title, with Chapters
	Chapters []Str // the part's chapters
	Generate Str   // "bibliography", "digest", "digest-norms", "digest-authors", "changes", "concordance", "index"
	Title    Str   // title of a generated chapter
}

// Digest configures a digest publication.
type Digest struct {
	Span    source.Span
	Year    int
	Entries Str // a folder of record files
	Topics  []Topic
}

// Topic is one chapter of a digest.
type Topic struct {
	ID    Str
	Title Str
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Generated chapter kinds a manifest may ask for.
var generateKinds = []string{"bibliography", "digest", "digest-norms", "digest-authors", "changes", "concordance", "index"}

func decodeManifest(f *source.File) (*Manifest, source.Diags) {
	var ds source.Diags
	m := &Manifest{File: f}
	root := ParseYAML(f, f.Data, 0, &ds)
	if root == nil {
		if !ds.HasErrors() {
			ds.Errorf(f.At(0), "empty-manifest", "the manifest is empty").
				WithHint("see the README's 'The project format' for what it holds")
		}
		return m, ds
	}
	d := &decoder{f: f, ds: &ds}
	d.mapping(root, "the manifest", []field{
		{"title", d.setStr(&m.Title, "title")},
		{"description", d.setString(&m.Description, "description")},
		{"lang", d.setStr(&m.Lang, "lang")},
		{"norms", d.setStr(&m.Norms, "norms")},
		{"bibliography", d.setStrList(&m.Bibliography, "bibliography")},
		{"style", d.setStr(&m.Style, "style")},
		{"locales", d.setStrList(&m.Locales, "locales")},
		{"citation-abbreviations", d.setStr(&m.Abbreviations, "citation-abbreviations")},
		{"base-url", func(v *yaml.Node) {
			d.setStr(&m.BaseURL, "base-url")(v)
			m.BaseURL.Value = uri.Encode(m.BaseURL.Value) // links are made from it in every output
		}},
		{"max-image-pixels", d.setInt(&m.MaxImagePixels, "max-image-pixels")},
		{"consultation", func(v *yaml.Node) { m.Consultation = d.consultation(v) }},
		{"terms", func(v *yaml.Node) { m.Terms = d.terms(v) }},
		{"publications", func(n *yaml.Node) {
			if n.Kind != yaml.SequenceNode {
				d.errorf(n, "yaml-type", "publications must be a list, found %s", kindName(n))
				return
			}
			for _, c := range n.Content {
				if p := d.pub(c); p != nil {
					m.Pubs = append(m.Pubs, p)
				}
			}
		}},
	}, "title", "publications")

	seen := map[string]*Pub{}
	for _, p := range m.Pubs {
		if p.ID.Value == "" {
			continue
		}
		if prev := seen[p.ID.Value]; prev != nil {
			ds.Errorf(p.ID.Span, "duplicate-id", "duplicate publication id %q", p.ID.Value).
				WithHint("first used at %s", prev.ID.Span.Position())
			continue
		}
		seen[p.ID.Value] = p
	}
	checkTranslations(m, seen, &ds)
	return m, ds
}

// checkTranslations holds translation-of to what linking editions needs:
// the original exists, is itself no translation (a chain has no one
// original to name), and is in another language.
func checkTranslations(m *Manifest, byID map[string]*Pub, ds *source.Diags) {
	lang := func(p *Pub) string {
		if p.Lang.Value != "" {
			return p.Lang.Value
		}
		return m.Lang.Value
	}
	for _, p := range m.Pubs {
		of := p.TranslationOf
		if of.Value == "" || byID[p.ID.Value] != p {
			continue
		}
		orig := byID[of.Value]
		switch {
		case orig == nil:
			d := ds.Errorf(of.Span, "unknown-publication", "translation-of: no publication %q in the manifest", of.Value)
			if s := source.SuggestKey(of.Value, byID); s != "" {
				d.WithHint("did you mean %s?", s)
			}
		case orig == p:
			ds.Errorf(of.Span, "translation-of-translation", "publication %q cannot be a translation of itself", of.Value)
		case orig.TranslationOf.Value != "":
			ds.Errorf(of.Span, "translation-of-translation", "%q is itself a translation (of %q): translate the original", of.Value, orig.TranslationOf.Value).
				WithHint("translation-of: %s", orig.TranslationOf.Value)
		case SameLanguage(lang(p), lang(orig)):
			l := lang(p)
			if l == "" {
				l = "the default language"
			}
			ds.Errorf(of.Span, "translation-same-lang", "a translation needs a language of its own: %q and its original %q are both in %s", p.ID.Value, of.Value, l).
				WithHint("give the translation its lang: fr-FR, for instance")
		}
	}
}

// SameLanguage reports whether two BCP 47 tags name one language for a
// reader: the same primary language and script (en-GB and en-US do; zh-Hans
// and zh-Hant do not). Empty is a language too: the default one.
func SameLanguage(a, b string) bool {
	pa, pb := strings.Split(strings.ToLower(a), "-"), strings.Split(strings.ToLower(b), "-")
	if pa[0] != pb[0] {
		return false
	}
	script := func(p []string) string {
		if len(p) > 1 && len(p[1]) == 4 {
			return p[1]
		}
		return ""
	}
	return script(pa) == script(pb)
}

func (d *decoder) pub(n *yaml.Node) *Pub {
	p := &Pub{Span: d.span(n)}
	ok := d.mapping(n, "a publication", []field{
		{"id", func(v *yaml.Node) {
			if s, ok := d.str(v, "id"); ok {
				if !idRE.MatchString(s.Value) {
					d.errorf(v, "bad-id", "publication id %q must be lower-case letters, digits and hyphens", s.Value).
						WithHint("it names the output files: %s.pdf, %s.epub", "commentary", "commentary")
				}
				p.ID = s
			}
		}},
		{"title", d.setStr(&p.Title, "title")},
		{"short-title", d.setString(&p.ShortTitle, "short-title")},
		{"subtitle", d.setString(&p.Subtitle, "subtitle")},
		{"description", d.setString(&p.Description, "description")},
		{"editors", d.setStrings(&p.Editors, "editors")},
		{"contributors", d.setStrings(&p.Contributors, "contributors")},
		{"edition", d.setString(&p.Edition, "edition")},
		{"date", func(v *yaml.Node) {
			if s, ok := d.str(v, "date"); ok {
				if !dateRE.MatchString(s.Value) {
					d.errorf(v, "bad-date", "date %q must be ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD", s.Value)
				}
				p.Date = s
			}
		}},
		{"lang", d.setStr(&p.Lang, "lang")},
		{"license", d.setString(&p.License, "license")},
		{"isbn", d.setString(&p.ISBN, "isbn")},
		{"doi", d.setString(&p.DOI, "doi")},
		{"keywords", d.setStrings(&p.Keywords, "keywords")},
		{"cover", d.setStr(&p.Cover, "cover")},
		{"style", d.setStr(&p.Style, "style")},
		{"bibliography", d.setStrList(&p.Bibliography, "bibliography")},
		{"nocite", d.setStrList(&p.NoCite, "nocite")},
		{"references", d.setOneOf(&p.References, "references", "chapter", "publication", "both", "none")},
		{"note-numbering", d.setOneOf(&p.NoteNumbering, "note-numbering", "chapter", "publication")},
		{"citation-positions", d.setOneOf(&p.Positions, "citation-positions", "chapter", "publication")},
		{"paragraph-numbers", d.setBool(&p.ParagraphNumbers, "paragraph-numbers")},
		{"further-reading", d.setBool(&p.FurtherReading, "further-reading")},
		{"pdf", func(v *yaml.Node) {
			d.mapping(v, "pdf", []field{
				{"page-size", d.setOneOf(&p.PageSize, "page-size", "royal", "a4", "b5")},
				{"page-refs", d.setBool(&p.PageRefs, "page-refs")},
			})
		}},
		{"fonts", func(v *yaml.Node) {
			fam := func(dst *FontFamily, what string) func(*yaml.Node) {
				return func(v *yaml.Node) {
					d.mapping(v, what, []field{
						{"regular", d.setStr(&dst.Regular, "regular")},
						{"italic", d.setStr(&dst.Italic, "italic")},
						{"bold", d.setStr(&dst.Bold, "bold")},
						{"bold-italic", d.setStr(&dst.BoldItalic, "bold-italic")},
					}, "regular")
				}
			}
			d.mapping(v, "fonts", []field{
				{"serif", fam(&p.Fonts.Serif, "fonts.serif")},
				{"sans", fam(&p.Fonts.Sans, "fonts.sans")},
				{"mono", fam(&p.Fonts.Mono, "fonts.mono")},
			})
		}},
		{"front", func(v *yaml.Node) { p.Front = d.entries(v, "front", false) }},
		{"body", func(v *yaml.Node) { p.Body = d.entries(v, "body", true) }},
		{"back", func(v *yaml.Node) { p.Back = d.entries(v, "back", false) }},
		{"digest", func(v *yaml.Node) { p.Digest = d.digest(v) }},
		{"editions", func(v *yaml.Node) { p.Editions = d.editions(v) }},
		{"consultation", func(v *yaml.Node) { p.Consultation = d.consultation(v) }},
		{"translation-of", d.setStr(&p.TranslationOf, "translation-of")},
		{"terms", func(v *yaml.Node) { p.Terms = d.terms(v) }},
		{"index", func(v *yaml.Node) { p.Index = d.index(v) }},
	}, "id", "title")
	if !ok {
		return nil
	}
	return p
}

var dateRE = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

func (d *decoder) entries(n *yaml.Node, what string, parts bool) []Entry {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "yaml-type", "%s must be a list, found %s", what, kindName(n))
		return nil
	}
	var out []Entry
	for _, c := range n.Content {
		e := Entry{Span: d.span(c)}
		switch c.Kind {
		case yaml.ScalarNode:
			if s, ok := d.str(c, what+" entry"); ok {
				e.Chapter = s
				out = append(out, e)
			}
			continue
		case yaml.MappingNode:
		default:
			d.errorf(c, "yaml-type", "a %s entry must be a chapter path or a mapping, found %s", what, kindName(c))
			continue
		}
		fields := []field{
			{"generate", d.setOneOf(&e.Generate, "generate", generateKinds...)},
			{"title", d.setStr(&e.Title, "title")},
		}
		if parts {
			fields = append(fields,
				field{"part", d.setStr(&e.Part, "part")},
				field{"chapters", d.setStrList(&e.Chapters, "chapters")})
		}
		d.mapping(c, "a "+what+" entry", fields)
		has := func(key string) bool {
			for i := 0; i < len(c.Content); i += 2 {
				if c.Content[i].Value == key {
					return true
				}
			}
			return false
		}
		if has("generate") && e.Generate.Value == "" {
			continue // its bad value is reported already
		}
		switch {
		case e.Part.Value != "" && e.Generate.Value != "":
			d.errorf(c, "bad-entry", "an entry is either a part or a generated chapter, not both")
		case e.Part.Value == "" && e.Generate.Value == "":
			if len(e.Chapters) > 0 {
				d.errorf(c, "missing-key", "a part needs a \"part\" title")
			} else {
				d.errorf(c, "bad-entry", "a %s entry needs %s", what, map[bool]string{true: `"part" and "chapters", or "generate"`, false: `"generate"`}[parts])
			}
			continue
		}
		out = append(out, e)
	}
	return out
}

func (d *decoder) editions(n *yaml.Node) []Edition {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "yaml-type", "editions must be a list, found %s", kindName(n))
		return nil
	}
	var out []Edition
	for _, c := range n.Content {
		e := Edition{Span: d.span(c)}
		ok := d.mapping(c, "an edition", []field{
			{"name", d.setStr(&e.Name, "name")},
			{"date", func(v *yaml.Node) {
				if s, ok := d.str(v, "date"); ok {
					if !dateRE.MatchString(s.Value) {
						d.errorf(v, "bad-date", "date %q must be ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD", s.Value)
					}
					e.Date = s
				}
			}},
			{"register", d.setStr(&e.Register, "register")},
		}, "name", "register")
		if ok && e.Register.Value != "" {
			out = append(out, e)
		}
	}
	return out
}

func (d *decoder) digest(n *yaml.Node) *Digest {
	g := &Digest{Span: d.span(n)}
	d.mapping(n, "digest", []field{
		{"year", d.setInt(&g.Year, "year")},
		{"entries", d.setStr(&g.Entries, "entries")},
		{"topics", func(v *yaml.Node) {
			if v.Kind != yaml.SequenceNode {
				d.errorf(v, "yaml-type", "topics must be a list, found %s", kindName(v))
				return
			}
			seen := map[string]bool{}
			for _, c := range v.Content {
				var t Topic
				d.mapping(c, "a topic", []field{
					{"id", d.setStr(&t.ID, "id")},
					{"title", d.setStr(&t.Title, "title")},
				}, "id", "title")
				if t.ID.Value == "" {
					continue
				}
				if !idRE.MatchString(t.ID.Value) {
					d.errorf(c, "bad-id", "topic id %q must be lower-case letters, digits and hyphens", t.ID.Value)
				}
				if seen[t.ID.Value] {
					d.ds.Errorf(t.ID.Span, "duplicate-id", "duplicate topic id %q", t.ID.Value)
					continue
				}
				seen[t.ID.Value] = true
				g.Topics = append(g.Topics, t)
			}
		}},
	}, "year", "entries", "topics")
	return g
}
