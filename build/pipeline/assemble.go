package pipeline

import (
	"strings"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/cite"
	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/digest"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/edition"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
)

// pubState is what the resolve phase keeps per publication besides the model.
type pubState struct {
	pub     *doc.Publication
	spec    *project.Pub
	lib     *bib.Library
	style   *csl.Style
	scopes  []cite.Scope
	digest  *digest.Digest
	assets  map[string]*doc.Asset
	refSecs []refSection // per-chapter "References" sections, dropped when empty
	// released is the edition the current text is compared with (nil:
	// none); ed follows the numbered paragraphs; changes and concordance
	// are the generated chapters to fill once paragraphs are numbered.
	released             *edition.Released
	ed                   *edition.Edition
	changes, concordance *doc.Chapter
	// index is the subject index to fill once paragraphs are numbered.
	index *doc.Chapter
	// maxPixels is the manifest's image size limit (0: the default).
	maxPixels int64
	// cache is the session's (nil: none), which keeps decoded images.
	cache *parseCache
}

type refSection struct {
	ch      *doc.Chapter
	heading *doc.Heading
	list    *doc.RefList
}

func assemblePub(proj *project.Project, pr *parsed, spec *project.Pub, owner map[string]*project.Pub, sty *styles, ds *source.Diags, opts Options) *pubState {
	m := proj.Manifest
	pub := &doc.Publication{
		Span:         spec.Span,
		ID:           spec.ID.Value,
		Title:        spec.Title.Value,
		Short:        orDefault(spec.ShortTitle, shortTitle(spec.Title.Value)),
		Subtitle:     spec.Subtitle,
		Description:  spec.Description,
		Editors:      spec.Editors,
		Contributors: spec.Contributors,
		Edition:      spec.Edition,
		Date:         spec.Date.Value,
		Lang:         orDefault(spec.Lang.Value, orDefault(m.Lang.Value, "en")),
		License:      spec.License,
		ISBN:         spec.ISBN,
		DOI:          spec.DOI,
		Keywords:     spec.Keywords,
		Options: doc.Options{
			ParagraphNumbers: spec.ParagraphNumbers,
			NoteNumbering:    orDefault(spec.NoteNumbering.Value, "chapter"),
			PageSize:         orDefault(spec.PageSize.Value, "royal"),
			PageRefs:         spec.PageRefs,
		},
	}
	pub.Terms = pubTerms(pub.Lang, pr.locales, m, spec, ds)
	pub.Consultation = consultation(spec, m, opts, ds)
	pub.Options.Fonts = fonts(proj, spec, ds)
	pub.TranslationOf = spec.TranslationOf.Value
	st := &pubState{pub: pub, spec: spec, assets: map[string]*doc.Asset{}, maxPixels: int64(m.MaxImagePixels), cache: pr.cache}
	style := spec.Style
	if style.Value == "" {
		style = m.Style
	}
	st.style = sty.load(style, ds)
	pub.CiteClass = "note"
	if st.style != nil {
		pub.CiteClass = st.style.Class()
	}

	bibs := append(append([]project.Str{}, m.Bibliography...), spec.Bibliography...)
	lib, lds := library(bibs, pr)
	ds.Add(lds...)
	st.lib = lib

	if spec.Digest != nil {
		var topics []digest.Topic
		for _, t := range spec.Digest.Topics {
			topics = append(topics, digest.Topic{ID: t.ID.Value, Title: t.Title.Value})
		}
		entries, eds := digestEntries(pr.records[pub.ID], lib, spec.Digest.Topics, proj.Registry)
		ds.Add(eds...)
		st.digest = &digest.Digest{Pub: pub, Year: spec.Digest.Year, Topics: topics, Entries: entries, Norms: proj.Registry.Norms, Lang: pub.Lang}
		st.digest.Sort()
		for _, r := range pr.records[pub.ID] {
			if r != nil {
				st.loadAssets(proj, r.assets, ds, opts)
			}
		}
	}

	if n := len(spec.Editions); n > 0 {
		st.released = released(proj, spec, spec.Editions[n-1], ds)
	}

	references := orDefault(spec.References.Value, "publication")
	ids := map[string]source.Span{}
	add := func(ch *doc.Chapter, matter doc.Matter, part *doc.Part, at source.Span) {
		ch.Matter = matter
		ch.Part = part
		if prev, dup := ids[ch.ID]; dup {
			ds.Errorf(at, "duplicate-id", "two chapters of %s have the id %q", pub.ID, ch.ID).
				WithHint("the first is at %s; set a different id: in the front matter", prev.Position())
			return
		}
		ids[ch.ID] = at
		if part != nil {
			part.Chapters = append(part.Chapters, ch)
		}
		pub.Chapters = append(pub.Chapters, ch)
	}
	chapterFile := func(s project.Str, matter doc.Matter, part *doc.Part) {
		path, err := project.CleanPath("", s.Value)
		if err != nil {
			return // reported by the loader
		}
		c := pr.chapters[path]
		if c == nil {
			return // missing or unreadable: reported already
		}
		if prev := owner[path]; prev != nil {
			ds.Errorf(s.Span, "shared-chapter", "%s is already a chapter of %s", s.Value, prev.ID.Value).
				WithHint("a chapter belongs to one publication; cross-reference it instead")
			return
		}
		owner[path] = spec
		ch := c.Doc
		if ch.Short == "" {
			ch.Short = ch.PlainTitle()
		}
		if c.NormID != "" {
			n := proj.Registry.ByID[c.NormID]
			switch {
			case n == nil:
				d := ds.Errorf(c.NormSpan, "unknown-norm", "unknown norm %q", c.NormID)
				if s := source.SuggestKey(c.NormID, proj.Registry.ByID); s != "" {
					d.WithHint("did you mean %s?", s)
				}
			case n.Chapter[pub.ID] != nil:
				ds.Errorf(c.NormSpan, "duplicate-norm-chapter", "norm %s already has a chapter in %s: %s", n.Label, pub.ID, n.Chapter[pub.ID].ID)
			default:
				n.Chapter[pub.ID] = ch
				ch.Norm = n
				ch.Blocks = append([]doc.Block{normBox(n, c.NormSpan)}, ch.Blocks...)
			}
		}
		st.loadAssets(proj, c.Assets, ds, opts)
		if references == "chapter" || references == "both" {
			rs := refSection{ch: ch,
				heading: &doc.Heading{Level: 2, Attr: doc.Attr{ID: "references", Classes: []string{"unnumbered"}}, Inlines: text(pub.Terms.Get(doc.TermReferences))},
				list:    &doc.RefList{}}
			ch.Blocks = append(ch.Blocks, rs.heading, rs.list)
			st.refSecs = append(st.refSecs, rs)
			st.scopes = append(st.scopes, cite.Scope{List: rs.list, Chapters: []*doc.Chapter{ch}, Chapter: ch})
		}
		add(ch, matter, part, s.Span)
	}
	var bibChapters []*doc.Chapter
	generated := func(e project.Entry, matter doc.Matter) {
		kind := e.Generate.Value
		title := e.Title.Value
		if strings.HasPrefix(kind, "digest") && st.digest == nil {
			ds.Errorf(e.Generate.Span, "no-digest", "generate: %s needs a digest section in this publication", kind)
			return
		}
		switch kind {
		case "bibliography":
			title = orDefault(title, pub.Terms.Get(doc.TermBibliography))
			ch := &doc.Chapter{ID: "bibliography", Title: text(title), Short: title, Kind: "bibliography",
				Blocks: []doc.Block{&doc.RefList{Span: e.Span}}}
			bibChapters = append(bibChapters, ch)
			add(ch, matter, nil, e.Span)
		case "digest":
			for _, ch := range st.digest.TopicChapters(matter) {
				add(ch, matter, nil, e.Span)
			}
		case "digest-norms":
			title = orDefault(title, pub.Terms.Get(doc.TermIndexByNorm))
			add(st.digest.NormIndex("index-norms", title, matter), matter, nil, e.Span)
		case "digest-authors":
			title = orDefault(title, pub.Terms.Get(doc.TermIndexByAuthor))
			add(st.digest.AuthorIndex("index-authors", title, matter), matter, nil, e.Span)
		case "changes", "concordance":
			if st.released == nil {
				ds.Errorf(e.Generate.Span, "no-edition", "generate: %s needs a released edition to compare with", kind).
					WithHint("list it under editions: in this publication, with the register its build wrote")
				return
			}
			ch := &doc.Chapter{ID: kind, Kind: kind}
			if kind == "changes" {
				title = orDefault(title, pub.Terms.Get(doc.TermChanges))
				st.changes = ch
			} else {
				title = orDefault(title, pub.Terms.Get(doc.TermConcordance))
				st.concordance = ch
			}
			ch.Title, ch.Short = text(title), title
			add(ch, matter, nil, e.Span)
		case "index":
			// Not "index": that is the publication's contents page on the web.
			title = orDefault(title, pub.Terms.Get(doc.TermIndex))
			ch := &doc.Chapter{ID: "subject-index", Kind: "index", Title: text(title), Short: title}
			if st.index != nil {
				ds.Errorf(e.Generate.Span, "duplicate-chapter", "generate: index is listed twice in %s", pub.ID)
				return
			}
			st.index = ch
			add(ch, matter, nil, e.Span)
		}
	}
	for _, group := range []struct {
		entries []project.Entry
		matter  doc.Matter
	}{{spec.Front, doc.FrontMatter}, {spec.Body, doc.BodyMatter}, {spec.Back, doc.BackMatter}} {
		for _, e := range group.entries {
			switch {
			case e.Chapter.Value != "":
				chapterFile(e.Chapter, group.matter, nil)
			case e.Part.Value != "":
				part := &doc.Part{Span: e.Span, Title: e.Part.Value}
				pub.Parts = append(pub.Parts, part)
				for _, c := range e.Chapters {
					chapterFile(c, group.matter, part)
				}
			case e.Generate.Value != "":
				generated(e, group.matter)
			}
		}
	}
	if st.digest != nil {
		pub.Overview = st.digest.Overview()
	}
	if references != "none" && references != "chapter" {
		for _, ch := range bibChapters {
			st.scopes = append(st.scopes, cite.Scope{List: ch.Blocks[0].(*doc.RefList), Chapters: pub.Chapters, Chapter: ch})
		}
	}
	if spec.Cover.Value != "" {
		if path, err := project.CleanPath("", spec.Cover.Value); err == nil {
			pub.Cover = st.asset(proj, path, spec.Cover.Span, ds)
		}
	}
	return st
}

// released loads the register of the edition a publication is compared
// with.
func released(proj *project.Project, spec *project.Pub, e project.Edition, ds *source.Diags) *edition.Released {
	path, err := project.CleanPath("", e.Register.Value)
	if err != nil {
		return nil // reported by the loader
	}
	f := proj.Registers[path]
	if f == nil {
		return nil // missing: reported by the loader
	}
	reg, rds := edition.ParseRegister(f)
	ds.Add(rds...)
	if reg == nil {
		return nil
	}
	if reg.Publication != spec.ID.Value {
		ds.Errorf(e.Register.Span, "wrong-register", "%s is the register of %q, not of %s", e.Register.Value, reg.Publication, spec.ID.Value)
		return nil
	}
	return &edition.Released{Name: e.Name.Value, Date: e.Date.Value, Register: reg}
}

// normBox heads a norm chapter with the norm's official text. Where it
// comes from is formatted by the citation processor (cite.Format), as a
// citation of the source with the norm as its paragraph.
func normBox(n *doc.Norm, at source.Span) *doc.NormBox {
	return &doc.NormBox{Span: at, Norm: n}
}

func dropEmptyReferences(st *pubState) {
	for _, rs := range st.refSecs {
		if len(rs.list.Entries) > 0 {
			continue
		}
		kept := rs.ch.Blocks[:0]
		for _, b := range rs.ch.Blocks {
			if b != rs.heading && b != doc.Block(rs.list) {
				kept = append(kept, b)
			}
		}
		rs.ch.Blocks = kept
	}
}

// shortTitle is the first words of a title up to a colon or " on ", for
// references from other publications ("Commentary").
func shortTitle(t string) string {
	if i := strings.IndexAny(t, ":—"); i > 0 {
		t = t[:i]
	}
	if i := strings.Index(t, " on "); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

func text(s string) []doc.Inline { return []doc.Inline{&doc.Text{Value: s}} }

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// consultation marks a publication as a draft out for comment: when its
// manifest entry has a consultation block, or for every publication built
// with --consultation, which takes the manifest's top-level block for
// publications without their own.
func consultation(spec *project.Pub, m *project.Manifest, opts Options, ds *source.Diags) *doc.Consultation {
	c := spec.Consultation
	if c == nil && opts.Consultation && wants(opts.Pubs, spec.ID.Value) {
		c = m.Consultation
		if c == nil {
			ds.Errorf(spec.Span, "no-consultation", "--consultation: publication %q has no consultation block and the manifest has none", spec.ID.Value).
				WithHint("add consultation: {deadline: YYYY-MM-DD, email: …} to the manifest or to the publication")
			return nil
		}
	}
	if c == nil {
		return nil
	}
	return &doc.Consultation{Deadline: c.Deadline.Value, Email: c.Email.Value, Form: c.Form.Value}
}
