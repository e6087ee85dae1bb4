package pipeline

import (
	"fmt"
	"slices"
	"strings"

	"github.com/normpress/normpress/build/cite"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/edition"
	"github.com/normpress/normpress/build/howtocite"
	"github.com/normpress/normpress/build/paths"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/terms"
	"github.com/normpress/normpress/build/xref"
)

// resolve turns the loaded project into the finished model. It is the
// parse phase and then the resolve phase as explicit, ordered steps, each
// taking what the one before produced:
//
//  1. assemble: the publications from the manifest and the parsed files,
//     each with its words (Terms, from its language), with the generated
//     chapters (digest, indexes, bibliography), norm
//     boxes, further reading and empty reference lists;
//  2. place notes: under a note style every citation in running text
//     moves into a note of its own and knows that it starts it;
//  3. number: parts, chapters, sections, paragraphs, figures, tables and
//     notes get their numbers and anchors, every label its target, every
//     citation the number of its note;
//  4. format citations: with note numbers known (positions, ibid), the
//     citation processor writes every citation, fills the reference
//     lists (labels as data) and the norm boxes' source lines; then how
//     to cite each publication and chapter, in its own style;
//  5. cross-references: every @sec:, @fig:, @norm: … gets its text and
//     target, internal links their targets;
//     then the subject index is made from the numbered paragraphs;
//  6. editions: paragraph identities were taken in step 1 (xref keeps
//     them as anchors); with numbers known, a paragraph that moved since
//     the released edition gets its old anchors, the changes and
//     concordance chapters are filled and each publication's register is
//     made; a translation and its original learn each other's
//     counterpart chapters and anchors;
//  7. digest: the counts per publication (--json, the example's tests)
//     and the reference sections left empty dropped.
//
// The digest's own chapters are generated in step 1, because their
// paragraphs and notes are numbered with everything else.
func resolve(proj *project.Project, opts Options, cache *parseCache) (*doc.Site, []Stats, map[string][]byte, source.Diags) {
	var ds source.Diags
	m := proj.Manifest
	siteLang := orDefault(m.Lang.Value, "en")
	records := 0
	for _, rs := range proj.Records {
		records += len(rs)
	}
	opts.progress(fmt.Sprintf("parsing %d chapters, %d bibliographies, %d digest records", len(proj.Chapters), len(proj.Bibs), records))
	// One set of locales for the build (each file parsed once, on first
	// use), with the project's own locale files: the parse reads locators
	// in the text's language with them, step 4 formats citations. A
	// session keeps it from build to build.
	locales, lds := cache.cslLocales(proj)
	ds.Add(lds...)
	pr, pds := parse(proj, siteLang, locales, cache)
	pr.locales = locales
	ds.Add(pds...)
	opts.progress("resolving citations and cross-references")

	site, states := assemble(proj, pr, opts, &ds) // 1
	ds.Add(checkFrontMatter(site)...)
	placeNotes(states) // 2
	labels, xds := xref.Number(site, proj.Registry.ByID)
	ds.Add(xds...) // 3
	var abbrevs csl.Abbreviations
	if proj.Abbreviations != nil {
		var ads source.Diags
		abbrevs, ads = csl.ParseAbbreviations(proj.Abbreviations)
		ds.Add(ads...)
	}
	ds.Add(formatCitations(site, states, locales, m, abbrevs)...) // 4
	ds.Add(labels.Resolve()...)                                   // 5
	ds.Add(subjectIndexes(states)...)
	registers := map[string][]byte{} // 6
	for _, st := range states {
		ds.Add(st.ed.Finish()...)
		if st.pub.Options.ParagraphNumbers {
			registers[st.pub.ID] = st.ed.Register(st.pub.Edition).Marshal()
		}
	}
	ds.Add(edition.Translations(site)...)
	site.Languages = edition.Languages(site)
	editionURLs(site, m.BaseURL.Value)
	var stats []Stats // 7
	for _, st := range states {
		dropEmptyReferences(st)
		stats = append(stats, count(st))
	}
	return site, stats, registers, ds
}

// assemble is step 1: the site's publications in manifest order.
func assemble(proj *project.Project, pr *parsed, opts Options, ds *source.Diags) (*doc.Site, []*pubState) {
	m := proj.Manifest
	site := &doc.Site{Title: m.Title.Value, Description: m.Description, Lang: orDefault(m.Lang.Value, "en"), Epoch: opts.Epoch}
	site.Terms, _ = terms.For(site.Lang, pr.locales, overrides(m.Terms)) // its errors are the publications'
	if len(m.Pubs) == 0 {
		ds.Add(termDiags(site.Lang, pr.locales, m.Terms)...)
	}
	for _, id := range opts.Pubs {
		found := false
		for _, p := range m.Pubs {
			found = found || p.ID.Value == id
		}
		if !found {
			ds.Errorf(source.Span{File: m.File}, "unknown-publication", "no publication %q in the manifest", id)
		}
	}
	owner := map[string]*project.Pub{} // chapter file → the publication using it
	sty := &styles{proj: proj, cache: pr.cache}
	var states []*pubState
	for _, spec := range m.Pubs {
		if spec.ID.Value == "" {
			continue
		}
		st := assemblePub(proj, pr, spec, owner, sty, ds, opts)
		states = append(states, st)
		site.Pubs = append(site.Pubs, st.pub)
	}
	// Further reading: norm chapters list the digest entries on their norm.
	for _, st := range states {
		if !st.spec.FurtherReading {
			continue
		}
		for _, ch := range st.pub.Chapters {
			if ch.Norm == nil {
				continue
			}
			for _, other := range states {
				if other.digest != nil {
					ch.Blocks = append(ch.Blocks, other.digest.FurtherReading(ch.Norm, st.pub.Terms)...)
				}
			}
		}
	}
	// Paragraph identities, before numbering: xref keeps them as anchors.
	// Each publication's are its own: they are taken side by side.
	parallel(len(states), func(i int) {
		st := states[i]
		st.ed = edition.Identify(st.pub, st.released)
		st.ed.Changes, st.ed.Concordance = st.changes, st.concordance
	})
	return site, states
}

// pubTerms decides a publication's words: its language's, with the
// project's terms: and then its own.
func pubTerms(lang string, locales *csl.Locales, m *project.Manifest, spec *project.Pub, ds *source.Diags) *doc.Terms {
	t, tds := terms.For(lang, locales, overrides(m.Terms), overrides(spec.Terms))
	if m.Pubs[0] != spec {
		// The project's terms: are reported once, with the first publication.
		tds = slices.DeleteFunc(tds, func(d source.Diag) bool { return !inTerms(d.Span, spec.Terms) })
	}
	ds.Add(tds...)
	return t
}

func termDiags(lang string, locales *csl.Locales, list []project.Term) source.Diags {
	_, ds := terms.For(lang, locales, overrides(list))
	return ds
}

func inTerms(sp source.Span, list []project.Term) bool {
	for _, t := range list {
		if t.Key.Span == sp {
			return true
		}
	}
	return false
}

func overrides(list []project.Term) []terms.Override {
	out := make([]terms.Override, len(list))
	for i, t := range list {
		out[i] = terms.Override{Key: t.Key.Value, Value: t.Value.Value, Span: t.Key.Span}
	}
	return out
}

// placeNotes is step 2.
func placeNotes(states []*pubState) {
	for _, st := range states {
		if st.pub.CiteClass == "note" {
			for _, ch := range st.pub.Chapters {
				cite.PlaceNotes(ch)
			}
		}
	}
}

// formatCitations is step 4, with one set of locales for the build: each
// is parsed once, on first use. Each publication is formatted apart from
// the others (its own processor, library and style; the locales are safe
// for concurrent use), so they are formatted side by side; the problems
// come back in publication order.
func formatCitations(s *doc.Site, states []*pubState, locales *csl.Locales, m *project.Manifest, abbrevs csl.Abbreviations) source.Diags {
	per := make([]source.Diags, len(states))
	parallel(len(states), func(i int) {
		st := states[i]
		var nocite []cite.Key
		for _, k := range st.spec.NoCite {
			nocite = append(nocite, cite.Key{Key: k.Value, Span: k.Span})
		}
		per[i] = cite.Format(st.pub, st.scopes, cite.Options{
			Library: st.lib, Style: st.style, Lang: cslLang(st, m.Lang.Value), Locales: locales,
			ResetPerChapter: st.spec.Positions.Value != "publication",
			NoCite:          nocite,
			Abbreviations:   abbrevs,
		})
		howToCite(s, st, locales, m.BaseURL.Value, m.Lang.Value)
	})
	var ds source.Diags
	for _, d := range per {
		ds.Add(d...)
	}
	return ds
}

// howToCite ends step 4 for a publication: it and each chapter get the
// record a reader cites it by, formatted in the publication's style, with
// its address under base-url.
func howToCite(s *doc.Site, st *pubState, locales *csl.Locales, baseURL, projectLang string) {
	pub := st.pub
	url := func(ch *doc.Chapter) string {
		if baseURL == "" {
			return ""
		}
		rel := paths.Contents(pub.ID)
		if ch != nil {
			rel = paths.Chapter(pub.ID, ch.ID)
		}
		return strings.TrimSuffix(baseURL, "/") + "/" + rel
	}
	howtocite.Make(pub, howtocite.Options{Style: st.style, Locales: locales, Lang: cslLang(st, projectLang), Publisher: s.Title, URL: url})
}

// editionURLs gives each language edition its address under base-url,
// for the EPUB and PDF metadata that name a translation's original.
func editionURLs(s *doc.Site, baseURL string) {
	if baseURL == "" {
		return
	}
	for _, p := range s.Pubs {
		for i := range p.Editions {
			p.Editions[i].URL = strings.TrimSuffix(baseURL, "/") + "/" + paths.Contents(p.Editions[i].Pub)
		}
	}
}

// cslLang is the language citations are formatted in, as CSL 1.0.2 says:
// the publication's lang (its own, else the project's) wins; without one,
// "" lets the processor take the style's default-locale, then en-US.
func cslLang(st *pubState, projectLang string) string {
	return orDefault(st.spec.Lang.Value, projectLang)
}
