package pipeline

import (
	"maps"
	"slices"
	"strings"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/digest"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/markdown"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
)

// parsed is the parse phase's output: models of every file, by path.
type parsed struct {
	chapters map[string]*markdown.Chapter
	bibs     map[string][]*bib.Item
	records  map[string][]*parsedRecord // by publication ID
	// cache is the session's (nil: none): the resolve phase takes styles,
	// locales and decoded images from it too.
	cache *parseCache
	// locales are the build's CSL locales: the terms step takes words
	// from them.
	locales *csl.Locales
}

type parsedRecord struct {
	rec     *project.Record
	summary []doc.Block
	note    []doc.Block
	assets  []*markdown.AssetRef
}

// parse reads every chapter, bibliography and digest record on its own
// goroutine. Each result goes into its own slot; diagnostics are gathered in
// path order afterwards, so output never depends on scheduling.
//
// With a cache (serve), a file whose content is what it was in the
// previous build is not parsed again: the resolve phase gets a copy of its
// earlier parse, which it may change as it likes.
func parse(p *project.Project, lang string, locales *csl.Locales, cache *parseCache) (*parsed, source.Diags) {
	mdOpts := markdown.Options{Lang: lang, Locators: func(lang string) map[string]string {
		m := map[string]string{}
		for _, t := range locales.LocatorTerms(lang) {
			m[t.Term] = t.Label
		}
		return m
	}}
	// A kept parse is good for the same language and the same locale
	// files (they give the locator terms).
	env := lang + "\x00" + localesKey(p)
	out := &parsed{
		chapters: map[string]*markdown.Chapter{},
		bibs:     map[string][]*bib.Item{},
		records:  map[string][]*parsedRecord{},
		cache:    cache,
	}
	type job struct {
		run func() source.Diags
	}
	var jobs []job
	chPaths := slices.Sorted(maps.Keys(p.Chapters))
	chOut := make([]*markdown.Chapter, len(chPaths))
	for i, path := range chPaths {
		jobs = append(jobs, job{func() source.Diags {
			f := p.Chapters[path]
			c, ds := cache.chapter(f, env, func() (*markdown.Chapter, source.Diags) {
				return markdown.ParseChapter(f, mdOpts)
			})
			chOut[i] = c
			return ds
		}})
	}
	bibPaths := slices.Sorted(maps.Keys(p.Bibs))
	bibOut := make([][]*bib.Item, len(bibPaths))
	for i, path := range bibPaths {
		jobs = append(jobs, job{func() source.Diags {
			f := p.Bibs[path]
			items, ds := cache.bib(f, func() ([]*bib.Item, source.Diags) {
				items, ds := bib.Parse(f)
				for _, it := range items {
					deriveShortTitle(it)
				}
				return items, ds
			})
			bibOut[i] = items
			return ds
		}})
	}
	pubIDs := slices.Sorted(maps.Keys(p.Records))
	recOut := make([][]*parsedRecord, len(pubIDs))
	for i, id := range pubIDs {
		recs := p.Records[id]
		recOut[i] = make([]*parsedRecord, len(recs))
		for j, r := range recs {
			jobs = append(jobs, job{func() source.Diags {
				pr := &parsedRecord{rec: r}
				var all source.Diags
				for _, t := range []struct {
					text *project.Text
					dst  *[]doc.Block
				}{{&r.Summary, &pr.summary}, {&r.Note, &pr.note}} {
					if t.text.Value == "" {
						continue
					}
					fr, ds := cache.fragment(t.text, env, func() (fragment, source.Diags) {
						blocks, assets, ds := markdown.ParseFragment(t.text.Span.File, t.text.Value, t.text.Start, t.text.Indent, mdOpts)
						return fragment{blocks, assets}, ds
					})
					blocks, assets := fr.Blocks, fr.Assets
					*t.dst = blocks
					pr.assets = append(pr.assets, assets...)
					all.Add(ds...)
				}
				recOut[i][j] = pr
				return all
			}})
		}
	}
	diags := make([]source.Diags, len(jobs))
	parallel(len(jobs), func(i int) { diags[i] = jobs[i].run() })
	var ds source.Diags
	for _, d := range diags {
		ds.Add(d...)
	}
	for i, path := range chPaths {
		if chOut[i] != nil {
			out.chapters[path] = chOut[i]
		}
	}
	for i, path := range bibPaths {
		out.bibs[path] = bibOut[i]
	}
	for i, id := range pubIDs {
		out.records[id] = recOut[i]
	}
	return out, ds
}

// library joins the bibliography files a publication may cite.
func library(files []project.Str, pr *parsed) (*bib.Library, source.Diags) {
	var items []*bib.Item
	seen := map[string]bool{}
	for _, f := range files {
		path, err := project.CleanPath("", f.Value)
		if err != nil || seen[path] {
			continue
		}
		seen[path] = true
		items = append(items, pr.bibs[path]...)
	}
	return bib.NewLibrary(items)
}

// digestEntries turns parsed records into the generator's entries, checking
// keys, topics and norms.
func digestEntries(recs []*parsedRecord, lib *bib.Library, topics []project.Topic, reg *project.Registry) ([]*digest.Entry, source.Diags) {
	var ds source.Diags
	topicIDs := map[string]bool{}
	for _, t := range topics {
		topicIDs[t.ID.Value] = true
	}
	seen := map[string]source.Span{}
	var out []*digest.Entry
	for _, pr := range recs {
		if pr == nil {
			continue
		}
		r := pr.rec
		e := &digest.Entry{Span: r.Span, Key: r.Key.Value, KeySpan: r.Key.Span, Summary: pr.summary, Note: pr.note}
		if prev, dup := seen[e.Key]; dup {
			ds.Errorf(r.Key.Span, "duplicate-entry", "the digest already has an entry for %q", e.Key).
				WithHint("first at %s", prev.Position())
			continue
		}
		seen[e.Key] = r.Key.Span
		e.Item = lib.ByID[e.Key]
		if e.Item == nil {
			d := ds.Errorf(r.Key.Span, "unknown-citation-key", "unknown citation key %q", e.Key)
			if s := source.SuggestKey(e.Key, lib.ByID); s != "" {
				d.WithHint("did you mean %s?", s)
			}
			// The entry cannot be printed, but its topics and norms are
			// faults of their own: report them too, in the same run.
		}
		for _, t := range r.Topics {
			if !topicIDs[t.Value] {
				d := ds.Errorf(t.Span, "unknown-topic", "unknown topic %q", t.Value)
				if s := source.SuggestKey(t.Value, topicIDs); s != "" {
					d.WithHint("did you mean %s? Topics are declared in the manifest's digest section", s)
				}
				continue
			}
			e.Topics = append(e.Topics, t.Value)
		}
		for _, n := range r.Norms {
			norm := reg.ByID[n.Value]
			if norm == nil {
				d := ds.Errorf(n.Span, "unknown-norm", "unknown norm %q", n.Value)
				if s := source.SuggestKey(n.Value, reg.ByID); s != "" {
					d.WithHint("did you mean %s?", s)
				}
				continue
			}
			e.Norms = append(e.Norms, norm)
		}
		if e.Item != nil {
			out = append(out, e)
		}
	}
	return out, ds
}

// deriveShortTitle gives an item without a short title the part of its
// title before the colon, as pandoc's citeproc does: short notes then read
// "Lahmann, Unilateral Remedies to Cyber Operations, 112" instead of
// repeating a thirty-word title. An explicit title-short (BibTeX
// shorttitle) always wins, and a colon inside markup is left alone.
func deriveShortTitle(it *bib.Item) {
	title := it.Fields["title"]
	if title == "" || it.Fields["title-short"] != "" {
		return
	}
	i := strings.Index(title, ": ")
	if i <= 0 {
		return
	}
	short := strings.TrimSpace(title[:i])
	if strings.Count(short, "<") != 2*strings.Count(short, "</") {
		return
	}
	it.Fields["title-short"] = short
}
