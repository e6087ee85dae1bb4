// Package xref is the resolve phase for labels: it numbers parts, chapters,
// sections, paragraphs, figures, tables and notes, gives every target an
// anchor, and resolves cross-references (@sec:x, @norm:13c, @para:x …) across
// chapters and publications into text and links.
//
// Numbers are assigned here, once, and stored in the model: renderers read
// them and never count for themselves.
package xref

import (
	"github.com/normpress/normpress/build/numeral"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// target is something a label names.
type target struct {
	kind   string // sec, fig, tbl, para
	label  string
	span   source.Span
	pub    *doc.Publication
	ch     *doc.Chapter
	anchor string
	number string // "3.2", "1", "12"; "" when unnumbered
	title  string // a heading's text, for unnumbered sections
}

type resolver struct {
	site   *doc.Site
	norms  map[string]*doc.Norm
	labels map[string]*target
	// local holds a translation's labels, by publication ID: they repeat
	// its original's (that is how counterparts are found), so they are
	// seen from inside the translation only, and shadow the original's
	// there.
	local map[string]map[string]*target
	ds    source.Diags
}

// Resolve numbers the whole site and then resolves its cross-references:
// Number followed by Labels.Resolve, for callers with nothing to do in
// between. norms is the registry by id.
func Resolve(site *doc.Site, norms map[string]*doc.Norm) source.Diags {
	l, ds := Number(site, norms)
	return append(ds, l.Resolve()...)
}

// Labels is what numbering found: every label's target, numbered and
// anchored, for Resolve.
type Labels struct{ r *resolver }

// Number assigns every number and anchor in the site (parts, chapters,
// sections, paragraphs, figures, tables, notes) and registers every label.
// Citations must already sit in their notes (a note style's automatic notes
// are numbered with the author's own); after it, each citation knows the
// number of its note.
func Number(site *doc.Site, norms map[string]*doc.Norm) (*Labels, source.Diags) {
	r := &resolver{site: site, norms: norms, labels: map[string]*target{}, local: map[string]map[string]*target{}}
	// Originals first: a translated chapter takes its original's number.
	for _, pub := range site.Pubs {
		if pub.TranslationOf == "" {
			r.number(pub)
		}
	}
	for _, pub := range site.Pubs {
		if pub.TranslationOf != "" {
			r.number(pub)
		}
	}
	ds := r.ds
	r.ds = nil
	return &Labels{r}, ds
}

// Resolve fills every cross-reference's text and target and turns
// internal links into targets.
func (l *Labels) Resolve() source.Diags {
	r := l.r
	for _, pub := range r.site.Pubs {
		for _, ch := range pub.Chapters {
			r.resolveChapter(pub, ch)
		}
	}
	ds := r.ds
	r.ds = nil
	return ds
}

func (r *resolver) define(t *target) {
	labels := r.labels
	if t.pub.TranslationOf != "" {
		if r.local[t.pub.ID] == nil {
			r.local[t.pub.ID] = map[string]*target{}
		}
		labels = r.local[t.pub.ID]
	}
	if prev, ok := labels[t.label]; ok {
		d := r.ds.Errorf(t.span, "duplicate-label", "duplicate label %q", t.label)
		if p := prev.span.Position(); p.File != "" {
			d.WithHint("first defined at %s", p)
		}
		return
	}
	labels[t.label] = t
}

// originalNum is the number of a figure or table: in a translation, its
// original's when that has the label (a partial translation keeps the
// original's numbers), else the count so far.
func (r *resolver) originalNum(pub *doc.Publication, label string, count int) int {
	if t := r.labels[label]; pub.TranslationOf != "" && label != "" && t != nil && t.pub.ID == pub.TranslationOf {
		if n, err := strconv.Atoi(t.number); err == nil {
			return n
		}
	}
	return count
}

// lookup finds the target a label names from inside pub: its own when pub
// is a translation that has it, else the project's.
func (r *resolver) lookup(pub *doc.Publication, label string) *target {
	if t := r.local[pub.ID][label]; t != nil {
		return t
	}
	return r.labels[label]
}

// number assigns every number and anchor in a publication and registers its
// labels.
func (r *resolver) number(pub *doc.Publication) {
	for i, part := range pub.Parts {
		part.Number = upperRoman(i + 1)
	}
	// A translation keeps its original's chapter numbers (and so section
	// numbers), even when it has only some of the chapters yet.
	var original map[string]string
	for _, p := range r.site.Pubs {
		if p.ID == pub.TranslationOf && p != pub {
			original = map[string]string{}
			for _, ch := range p.Chapters {
				original[ch.ID] = ch.Number
			}
		}
	}
	chapterNum, figNum, tblNum, noteNum := 0, 0, 0, 0
	for _, ch := range pub.Chapters {
		if ch.Matter == doc.BodyMatter && ch.Kind == "" {
			chapterNum++
			ch.Number = strconv.Itoa(chapterNum)
			if n := original[ch.ID]; n != "" {
				ch.Number = n
			}
		}
		if pub.Options.NoteNumbering != "publication" {
			noteNum = 0
		}
		anchors := map[string]bool{}
		unique := func(id string) string {
			base, n := id, 1
			for anchors[id] {
				id = base + "-" + strconv.Itoa(n)
				n++
			}
			anchors[id] = true
			return id
		}
		// Headings: numbered below the chapter's number, levels counted from
		// the shallowest heading in the chapter.
		minLevel := 0
		doc.Visitor{Block: func(b doc.Block) bool {
			if h, ok := b.(*doc.Heading); ok && (minLevel == 0 || h.Level < minLevel) {
				minLevel = h.Level
			}
			return true
		}}.WalkBlocks(ch.Blocks)
		counters := make([]int, 7)
		paraNum := 0
		numberParas := pub.Options.ParagraphNumbers && ch.Matter == doc.BodyMatter && ch.Kind == ""
		topLevel := map[doc.Block]bool{}
		for _, b := range ch.Blocks {
			topLevel[b] = true
		}
		doc.Visitor{
			Block: func(b doc.Block) bool {
				switch n := b.(type) {
				case *doc.Heading:
					depth := min(max(n.Level-minLevel, 0), len(counters)-1)
					unnumbered := n.Attr.HasClass("unnumbered") || n.Attr.HasClass("-")
					if ch.Number != "" && !unnumbered {
						counters[depth]++
						for i := depth + 1; i < len(counters); i++ {
							counters[i] = 0
						}
						parts := []string{ch.Number}
						for i := 0; i <= depth; i++ {
							parts = append(parts, strconv.Itoa(counters[i]))
						}
						n.Number = strings.Join(parts, ".")
					}
					if n.Attr.ID == "" {
						n.Attr.ID = unique(slug(doc.PlainText(n.Inlines)))
					} else {
						anchors[n.Attr.ID] = true
					}
					if n.Attr.Label != "" {
						r.define(&target{kind: "sec", label: n.Attr.Label, span: n.Span, pub: pub, ch: ch,
							anchor: n.Attr.ID, number: n.Number, title: doc.PlainText(n.Inlines)})
					}
				case *doc.Para:
					if numberParas && topLevel[b] {
						paraNum++
						n.Num = paraNum
						n.Attr.ID = unique(orDefault(n.Attr.ID, "p"+strconv.Itoa(paraNum))) // edition may have set an identity
					} else if n.Attr.Label != "" {
						n.Attr.ID = unique(n.Attr.Label)
					}
					if n.Attr.Label != "" {
						num := ""
						if n.Num > 0 {
							num = strconv.Itoa(n.Num)
						}
						r.define(&target{kind: "para", label: n.Attr.Label, span: n.Span, pub: pub, ch: ch, anchor: n.Attr.ID, number: num})
					}
				case *doc.Figure:
					if n.Attr.Label != "" || len(n.Caption) > 0 {
						figNum++
						n.Num = r.originalNum(pub, n.Attr.Label, figNum)
					}
					n.Attr.ID = unique(orDefault(n.Attr.Label, "fig-"+strconv.Itoa(figNum)))
					if n.Attr.Label != "" {
						r.define(&target{kind: "fig", label: n.Attr.Label, span: n.Span, pub: pub, ch: ch, anchor: n.Attr.ID, number: strconv.Itoa(n.Num)})
					}
				case *doc.Table:
					if n.Attr.Label != "" || len(n.Caption) > 0 {
						tblNum++
						n.Num = r.originalNum(pub, n.Attr.Label, tblNum)
					}
					n.Attr.ID = unique(orDefault(n.Attr.Label, "tbl-"+strconv.Itoa(tblNum)))
					if n.Attr.Label != "" {
						r.define(&target{kind: "tbl", label: n.Attr.Label, span: n.Span, pub: pub, ch: ch, anchor: n.Attr.ID, number: strconv.Itoa(n.Num)})
					}
				case *doc.RefList:
					for i := range n.Entries {
						if n.Entries[i].ID != "" {
							anchors[n.Entries[i].ID] = true
						}
					}
				}
				return true
			},
		}.WalkBlocks(ch.Blocks)

		// Notes in reading order; citations learn the number of the note they
		// stand in (the reader and cite.PlaceNotes said whether they do).
		ch.Notes = ch.Notes[:0]
		var walk func(ins []doc.Inline, note *doc.Note)
		var walkBlocks func(bs []doc.Block, note *doc.Note)
		walk = func(ins []doc.Inline, note *doc.Note) {
			for _, in := range ins {
				switch n := in.(type) {
				case *doc.Note:
					noteNum++
					n.Num = noteNum
					n.ID = unique("fn" + strconv.Itoa(noteNum))
					n.RefID = unique("fnref" + strconv.Itoa(noteNum))
					ch.Notes = append(ch.Notes, n)
					walkBlocks(n.Blocks, n)
				case *doc.Cite:
					if note != nil {
						n.NoteNum = note.Num
					}
				default:
					walk(doc.Children(in), note)
				}
			}
		}
		walkBlocks = func(bs []doc.Block, note *doc.Note) {
			doc.Visitor{
				Block: func(b doc.Block) bool { return true },
				Inline: func(in doc.Inline) bool {
					walk([]doc.Inline{in}, note)
					return false
				},
			}.WalkBlocks(bs)
		}
		walkBlocks(ch.Blocks, nil)
	}
}

// resolveChapter fills cross-references and internal links.
func (r *resolver) resolveChapter(pub *doc.Publication, ch *doc.Chapter) {
	var blockSpan source.Span
	doc.Visitor{
		Block: func(b doc.Block) bool {
			if s := b.Pos(); !s.IsZero() {
				blockSpan = s
			}
			return true
		},
		Inline: func(in doc.Inline) bool {
			switch n := in.(type) {
			case *doc.XRef:
				for i := range n.Items {
					r.resolveItem(pub, ch, &n.Items[i])
				}
			case *doc.Link:
				if strings.HasPrefix(n.URL, "#") && n.Target == nil {
					r.resolveLink(pub, ch, n, blockSpan)
				}
			}
			return true
		},
	}.WalkBlocks(ch.Blocks)
}

func (r *resolver) resolveItem(pub *doc.Publication, ch *doc.Chapter, it *doc.XRefItem) {
	// A generated reference (the digest's list of norms) may bring its own
	// wording; it still gets its target and its checks here.
	if preset := it.Text; preset != "" {
		defer func() { it.Text = preset }()
	}
	if it.Kind == "norm" {
		id := strings.TrimPrefix(it.Label, "norm:")
		n := r.norms[id]
		if n == nil {
			d := r.ds.Errorf(it.Span, "unknown-norm", "unknown norm %q", id)
			if s := source.SuggestKey(id, r.norms); s != "" {
				d.WithHint("did you mean @norm:%s?", s)
			}
			it.Text = pub.Terms.Get(doc.TermNorm) + " " + id
			return
		}
		it.Text = capital(pub.Terms.Get(doc.TermNorm)+" "+n.Label, it.Capital)
		if c := r.normChapter(n, pub); c != nil {
			it.Target = &doc.Target{Pub: c.pub, Chapter: c.ch}
		}
		return
	}
	t := r.lookup(pub, it.Label)
	if t == nil {
		d := r.ds.Errorf(it.Span, "unknown-label", "unknown label %q", it.Label).About(it.Label)
		if s := source.SuggestKey(it.Label, r.labels); s != "" {
			d.WithHint("did you mean @%s?", s)
		}
		it.Text = "??" // never printed: an error stops the build
		return
	}
	if t.kind != it.Kind {
		r.ds.Errorf(it.Span, "label-kind", "%q is a %s label, not a %s label", it.Label, kindName(t.kind), kindName(it.Kind))
	}
	it.Text = capital(r.text(t, pub, ch), it.Capital)
	it.Target = &doc.Target{Pub: t.pub.ID, Chapter: t.ch.ID, Anchor: t.anchor}
}

type normTarget struct{ pub, ch string }

// normChapter is where @norm:x links: the chapter on the norm in the citing
// publication, else in the first publication that has one.
func (r *resolver) normChapter(n *doc.Norm, pub *doc.Publication) *normTarget {
	if c := n.Chapter[pub.ID]; c != nil {
		return &normTarget{pub.ID, c.ID}
	}
	for _, p := range r.site.Pubs {
		if c := n.Chapter[p.ID]; c != nil {
			return &normTarget{p.ID, c.ID}
		}
	}
	return nil
}

func (r *resolver) resolveLink(pub *doc.Publication, ch *doc.Chapter, l *doc.Link, at source.Span) {
	label := strings.TrimPrefix(l.URL, "#")
	if t := r.lookup(pub, label); t != nil {
		l.Target = &doc.Target{Pub: t.pub.ID, Chapter: t.ch.ID, Anchor: t.anchor}
		l.URL = ""
		return
	}
	// A plain anchor in the same chapter (a heading's slug) is fine too.
	found := false
	doc.Visitor{Block: func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok && h.Attr.ID == label {
			found = true
		}
		return !found
	}}.WalkBlocks(ch.Blocks)
	if found {
		l.Target = &doc.Target{Pub: pub.ID, Chapter: ch.ID, Anchor: label}
		l.URL = ""
		return
	}
	r.ds.Errorf(at, "unknown-label", "link to unknown anchor %q", l.URL)
}

// text is how a reference to t reads from chapter ch of pub.
func (r *resolver) text(t *target, pub *doc.Publication, ch *doc.Chapter) string {
	other := t.pub != pub
	w := pub.Terms // the citing publication's words
	quote := func(s string) string { return w.Get(doc.TermOpenQuote) + s + w.Get(doc.TermCloseQuote) }
	prefix := ""
	if other {
		prefix = orDefault(t.pub.Short, t.pub.Title) + ", "
	}
	switch t.kind {
	case "sec":
		if t.number != "" {
			return prefix + w.Get(doc.TermSection) + " " + t.number
		}
		return prefix + quote(t.title)
	case "fig":
		return prefix + w.Get(doc.TermFigure) + " " + t.number
	case "tbl":
		return prefix + w.Get(doc.TermTable) + " " + t.number
	case "para":
		para := w.Get(doc.TermPara) + " " + t.number
		if t.number == "" {
			para = quote(t.ch.Short)
			if t.ch == ch {
				return w.Get(doc.TermParaAbove)
			}
			return orDefault(t.pub.Short, t.pub.Title) + ", " + para
		}
		if t.ch == ch {
			return para
		}
		short := orDefault(t.pub.Short, t.pub.Title)
		switch {
		case t.ch.Norm != nil:
			return short + " " + t.ch.Norm.Label + ", " + para
		case t.ch.Number != "":
			return prefix + w.Get(doc.TermChapter) + " " + t.ch.Number + ", " + para
		default:
			return short + ", " + t.ch.Short + ", " + para
		}
	}
	return t.label
}

func kindName(k string) string {
	switch k {
	case "sec":
		return "section"
	case "fig":
		return "figure"
	case "tbl":
		return "table"
	case "para":
		return "paragraph"
	}
	return k
}

func capital(s string, c bool) string {
	if !c || s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// slug makes an anchor from a heading's text: lower-case ASCII letters and
// digits joined by hyphens, so that URLs stay readable and portable.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(foldAccents(s)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	if c := b.String()[0]; c >= '0' && c <= '9' {
		return "s-" + b.String() // ids read better starting with a letter
	}
	return b.String()
}

// upperRoman numbers parts: "Part IV".
func upperRoman(n int) string {
	r, ok := numeral.Roman(n)
	if !ok {
		return strconv.Itoa(n)
	}
	return strings.ToUpper(r)
}
