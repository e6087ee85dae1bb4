package cite

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Scope is a reference list to fill with the works cited in some chapters:
// one chapter's "References", or the whole publication's bibliography.
type Scope struct {
	List     *doc.RefList
	Chapters []*doc.Chapter
	// Chapter is where the list stands, so citations can link to it.
	Chapter *doc.Chapter
}

// Options say what to format with.
type Options struct {
	Library *bib.Library
	Style   *csl.Style
	Locales *csl.Locales // nil: the bundled locales
	Lang    string
	// ResetPerChapter restarts positions in every chapter, so each
	// chapter cites a work in full the first time (OSCOLA, most books).
	ResetPerChapter bool
	// NoCite adds works to the publication's bibliography that no
	// chapter cites (pandoc's nocite); "*" adds every entry.
	NoCite []Key
	// Abbreviations are the citation-abbreviations list, or nil.
	Abbreviations csl.Abbreviations
}

// Key is a citation key as the manifest gives it.
type Key struct {
	Key  string
	Span source.Span
}

// cited is one citation in reading order, as the processor saw it.
type cited struct {
	cite       *doc.Cite
	ch         *doc.Chapter
	authorOnly bool // a narrative citation's name in running text
	startsNote bool // the first words of a footnote: "See …", not "see …"
	index      int  // the processor's citation index
}

// Format checks every cited key, formats every citation of the publication
// with the processor in reading order (so positions, ibid and
// disambiguation see the whole document), and fills the reference lists.
func Format(pub *doc.Publication, scopes []Scope, opts Options) source.Diags {
	var ds source.Diags
	lib := opts.Library
	known := func(key string, at source.Span) bool {
		if lib != nil && lib.ByID[key] != nil {
			return true
		}
		d := ds.Errorf(at, "unknown-citation-key", "unknown citation key %q", key)
		if lib != nil {
			if s := source.SuggestKey(key, lib.ByID); s != "" {
				d.WithHint("did you mean @%s?", s)
			}
		}
		return false
	}
	if opts.Style == nil || lib == nil {
		// No style: keys are still checked, citations keep their keys.
		forEachCite(pub, func(ch *doc.Chapter, c *doc.Cite) {
			for _, it := range c.Items {
				known(it.Key, it.Span)
			}
		})
		return ds
	}
	lookup := func(id string) *bib.Item { return lib.ByID[id] }
	locales := opts.Locales
	if locales == nil {
		// One set for every processor below: parsing a locale costs more
		// than formatting a reference list.
		locales = csl.NewLocales(nil)
	}
	popts := csl.Options{Lang: opts.Lang, Locales: locales, Links: true, Abbreviations: opts.Abbreviations}
	main := csl.NewProcessor(opts.Style, lookup, popts)
	// Author names in running text (narrative citations) come from a
	// second processor, so that they never count as a position.
	names := csl.NewProcessor(opts.Style, lookup, popts)
	note := opts.Style.IsNote()

	var all []*cited
	citedIn := map[*doc.Chapter][]string{}
	var last *doc.Chapter
	forEachCite(pub, func(ch *doc.Chapter, c *doc.Cite) {
		ok := true
		for _, it := range c.Items {
			ok = known(it.Key, it.Span) && ok
		}
		if !ok || len(c.Items) == 0 {
			return
		}
		for _, it := range c.Items {
			if !slices.Contains(citedIn[ch], it.Key) {
				citedIn[ch] = append(citedIn[ch], it.Key)
			}
		}
		if ch != last && opts.ResetPerChapter {
			main.ResetPositions()
		}
		last = ch
		narrative := c.Items[0].Mode == doc.AuthorInText
		if narrative && note && !c.InNote {
			// PlaceNotes left the name here and put the citation in a note.
			i, _ := names.AddCitation(citation(c, true, false))
			all = append(all, &cited{cite: c, ch: ch, authorOnly: true, index: i})
			return
		}
		if narrative && !note {
			// "Doe (2020, 12)": the name, then the rest in the style's brackets.
			i, _ := names.AddCitation(citation(c, true, false))
			all = append(all, &cited{cite: c, ch: ch, authorOnly: true, index: i})
			j, _ := main.AddCitation(citation(c, false, true))
			all = append(all, &cited{cite: c, ch: ch, index: j})
			return
		}
		i, _ := main.AddCitation(citation(c, false, false))
		all = append(all, &cited{cite: c, ch: ch, index: i, startsNote: c.StartsNote})
	})
	// Works no chapter cites (pandoc's nocite) join the registry after the
	// citations, so numeric styles number them last, and before anything
	// is rendered, so that disambiguation (2020a, 2020b) sees them in the
	// citations as in the bibliography.
	var nocite []string
	for _, k := range opts.NoCite {
		if k.Key == "*" {
			for _, it := range lib.Items {
				nocite = append(nocite, it.ID)
			}
			continue
		}
		if known(k.Key, k.Span) {
			nocite = append(nocite, k.Key)
		}
	}
	main.AddItems(nocite...)
	if len(nocite) > 0 && !hasPubList(scopes) {
		ds.Warnf(opts.NoCite[0].Span, "nocite-unlisted", "nocite: the publication has no bibliography of its own, so these works are listed nowhere").
			WithHint("set references: publication or both, or add a generate: bibliography chapter")
	}
	texts := main.Citations()
	nameTexts := names.Citations()

	// Where each work's entry is, for links from citations: the chapter's
	// own reference list if it has one, else the publication's.
	entryAt := map[*doc.Chapter]*doc.Chapter{}
	var pubList *doc.Chapter
	for _, s := range scopes {
		if len(s.Chapters) == 1 && s.Chapter == s.Chapters[0] {
			entryAt[s.Chapter] = s.Chapter
		} else if s.Chapter != nil {
			pubList = s.Chapter
		}
	}
	// Reference lists of cited works come from the main processor, so that
	// numeric styles number them as the citations do.
	bibByKey := map[string]csl.Entry{}
	var order []string
	for _, e := range main.Bibliography() {
		bibByKey[e.ID] = e
		order = append(order, e.ID)
	}
	for _, c := range all {
		at := orChapter(entryAt[c.ch], pubList)
		target := func(id string) *doc.Target {
			if _, ok := bibByKey[id]; !ok || at == nil {
				// A style without a bibliography, or one that leaves
				// the work out: nothing to link to.
				return nil
			}
			return &doc.Target{Pub: pub.ID, Chapter: at.ID, Anchor: "ref-" + id}
		}
		var ins []doc.Inline
		if c.authorOnly {
			ins = LinkedInlines(nameTexts[c.index], target)
		} else if texts[c.index].IsEmpty() {
			ds.Warnf(c.cite.Span, "empty-citation", "the style prints nothing for this citation of %s",
				keysOf(c.cite)).WithHint("the style has no form for this kind of work; check the entry's type and fields")
		} else {
			// Each work's part of a citation links to its entry.
			ins = LinkedInlines(texts[c.index], target)
		}
		if c.startsNote {
			capitalizeFirst(ins)
		}
		if c.cite.Text != nil && !c.authorOnly {
			// A narrative citation under an in-text style: name, then the rest.
			c.cite.Text = append(append(c.cite.Text, &doc.Text{Value: " "}), ins...)
			continue
		}
		c.cite.Text = ins
	}
	joinPunct(pub)

	for _, s := range scopes {
		keys := map[string]bool{}
		for _, ch := range s.Chapters {
			for _, k := range citedIn[ch] {
				keys[k] = true
			}
		}
		if !(len(s.Chapters) == 1 && s.Chapter == s.Chapters[0]) {
			// The publication's bibliography lists the works no chapter
			// cites too; a chapter's own list does not.
			for _, k := range nocite {
				keys[k] = true
			}
		}
		for _, k := range order {
			if keys[k] {
				s.List.Entries = append(s.List.Entries, entry(k, bibByKey[k], nil))
			}
		}
		numbered := len(s.List.Entries) > 0 && s.List.Entries[0].Label != ""
		s.List.Numbered, s.List.Hanging = numbered, !numbered
	}
	// A norm box names its source as a citation of the document with the
	// norm as its paragraph, formatted on its own: it is not a citation of
	// the text and counts as no position.
	for _, ch := range pub.Chapters {
		for _, b := range ch.Blocks {
			box, ok := b.(*doc.NormBox)
			if !ok || box.Source != nil || box.Norm == nil || box.Norm.Source == "" || lib.ByID[box.Norm.Source] == nil {
				continue
			}
			p := csl.NewProcessor(opts.Style, lookup, popts)
			p.AddCitation(csl.Citation{Items: []csl.CiteItem{{ID: box.Norm.Source, Label: "paragraph", Locator: box.Norm.Label}}})
			box.Source = Inlines(p.Citations()[0])
			capitalizeFirst(box.Source)
		}
	}
	// Lists with given keys (digest entries, further reading) are formatted
	// on their own: they are not citations and do not count as positions.
	for _, ch := range pub.Chapters {
		doc.Visitor{Block: func(b doc.Block) bool {
			rl, ok := b.(*doc.RefList)
			if !ok || len(rl.Entries) == 0 || rl.Entries[0].Key == "" || isScoped(rl, scopes) {
				return true
			}
			var keys []string
			for _, e := range rl.Entries {
				if known(e.Key, rl.Span) {
					keys = append(keys, e.Key)
				}
			}
			p := csl.NewProcessor(opts.Style, lookup, popts)
			p.AddItems(keys...)
			formatted := map[string]csl.Entry{}
			var sorted []string
			for _, e := range p.Bibliography() {
				formatted[e.ID] = e
				sorted = append(sorted, e.ID)
			}
			old := map[string]doc.RefEntry{}
			for _, e := range rl.Entries {
				old[e.Key] = e
			}
			rl.Entries = rl.Entries[:0]
			rl.Hanging = true
			for _, k := range sorted {
				e := entry(k, formatted[k], old[k].Inlines)
				e.ID = old[k].ID
				rl.Entries = append(rl.Entries, e)
			}
			return true
		}}.WalkBlocks(ch.Blocks)
	}
	return ds
}

func forEachCite(pub *doc.Publication, f func(ch *doc.Chapter, c *doc.Cite)) {
	for _, ch := range pub.Chapters {
		doc.Visitor{Inline: func(in doc.Inline) bool {
			if c, ok := in.(*doc.Cite); ok {
				f(ch, c)
				return false
			}
			return true
		}}.WalkBlocks(ch.Blocks)
	}
}

// citation turns a model citation into the processor's.
func citation(c *doc.Cite, authorOnly, suppressAuthor bool) csl.Citation {
	out := csl.Citation{NoteNumber: c.NoteNum}
	for _, it := range c.Items {
		ci := csl.CiteItem{
			ID:             it.Key,
			Locator:        it.Locator,
			Label:          it.Label,
			SuppressAuthor: it.Mode == doc.SuppressAuthor || suppressAuthor,
			AuthorOnly:     authorOnly,
		}
		if !authorOnly {
			if it.Prefix != "" {
				ci.Prefix = it.Prefix + " "
			}
			ci.Suffix = it.Suffix
			if r, _ := utf8.DecodeRuneInString(ci.Suffix); unicode.IsLetter(r) || unicode.IsDigit(r) {
				ci.Suffix = " " + ci.Suffix
			}
		}
		out.Items = append(out.Items, ci)
	}
	return out
}

// entry makes a reference list entry of a formatted one. A numeric style's
// label ("[3]") is the entry's left-margin display block (CSL's
// display="left-margin"): the entry keeps it as data, apart from the
// text, so that renderers can set it in a column.
func entry(key string, e csl.Entry, more []doc.Inline) doc.RefEntry {
	out := doc.RefEntry{Key: key, ID: "ref-" + key}
	r := e.Text
	if len(r) > 0 && r[0].Kind == csl.KDisplay && r[0].Text == "left-margin" {
		out.Label = strings.TrimSpace(csl.Rich(r[0].Kids).String())
		r = r[1:]
		if len(r) == 1 && r[0].Kind == csl.KDisplay && r[0].Text == "right-inline" {
			r = r[0].Kids
		}
	}
	out.Inlines = append(Inlines(r), more...)
	return out
}

func isScoped(rl *doc.RefList, scopes []Scope) bool {
	for _, s := range scopes {
		if s.List == rl {
			return true
		}
	}
	return false
}

func orChapter(a, b *doc.Chapter) *doc.Chapter {
	if a != nil {
		return a
	}
	return b
}

// capitalizeFirst upper-cases the first letter of the first text.
func capitalizeFirst(ins []doc.Inline) bool {
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok {
			r, size := utf8.DecodeRuneInString(t.Value)
			if r == utf8.RuneError {
				continue
			}
			t.Value = string(unicode.ToUpper(r)) + t.Value[size:]
			return true
		}
		if capitalizeFirst(doc.Children(in)) {
			return true
		}
	}
	return false
}

func keysOf(c *doc.Cite) string {
	var ks []string
	for _, it := range c.Items {
		ks = append(ks, "@"+it.Key)
	}
	return strings.Join(ks, ", ")
}

// hasPubList reports whether one of the lists is the publication's own
// (not a single chapter's references).
func hasPubList(scopes []Scope) bool {
	for _, s := range scopes {
		if !(len(s.Chapters) == 1 && s.Chapter == s.Chapters[0]) {
			return true
		}
	}
	return false
}
