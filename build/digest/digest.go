// Package digest generates the research digest's chapters from its records:
// one chapter per topic, an index by norm and an index by author, and the
// "Further reading" sections that norm chapters of other publications add.
// It runs in the resolve phase, after the records' Markdown is parsed and
// before cross-references are numbered, so that everything it makes is
// numbered and linked like written text.
package digest

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Entry is one parsed record.
type Entry struct {
	Span    source.Span // the record
	Key     string
	KeySpan source.Span
	Topics  []string
	Norms   []*doc.Norm
	Summary []doc.Block
	Note    []doc.Block
	Item    *bib.Item
}

// Topic is a chapter of the digest.
type Topic struct {
	ID, Title string
}

// Digest is everything the generator needs for one digest publication.
type Digest struct {
	Pub     *doc.Publication
	Year    int
	Topics  []Topic
	Entries []*Entry
	Norms   []*doc.Norm // the registry, in order
	Lang    string

	primary map[string]string // entry key → the topic chapter that holds it in full
}

// Anchor is the element id of an entry in its topic chapter.
func Anchor(key string) string { return "digest-" + key }

// Sort orders entries as a reader looks them up: by first author (or
// title), then year, then title, with the publication language's collation.
func (d *Digest) Sort() {
	col := collator(d.Lang)
	slices.SortStableFunc(d.Entries, func(a, b *Entry) int {
		if c := col.CompareString(sortName(a.Item), sortName(b.Item)); c != 0 {
			return c
		}
		if c := strings.Compare(year(a.Item), year(b.Item)); c != 0 {
			return c
		}
		return col.CompareString(a.Item.Get("title"), b.Item.Get("title"))
	})
	d.primary = map[string]string{}
	for _, e := range d.Entries {
		if len(e.Topics) > 0 {
			d.primary[e.Key] = e.Topics[0]
		}
	}
}

func collator(lang string) *collate.Collator {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return collate.New(tag, collate.Loose)
}

func sortName(it *bib.Item) string {
	for _, role := range []string{"author", "editor"} {
		if ns := it.Names[role]; len(ns) > 0 {
			return nameKey(ns[0])
		}
	}
	return it.Get("title")
}

func nameKey(n bib.Name) string {
	if n.Literal != "" {
		return n.Literal
	}
	return strings.TrimSpace(n.NonDroppingParticle+" "+n.Family) + ", " + n.Given
}

func year(it *bib.Item) string {
	if d, ok := it.Dates["issued"]; ok && len(d.Parts) > 0 && d.Parts[0][0] != 0 {
		return strconv.Itoa(d.Parts[0][0])
	}
	return ""
}

// TopicChapters makes one chapter per topic. An entry is given in full under
// its first topic and listed with a link under its others.
func (d *Digest) TopicChapters(matter doc.Matter) []*doc.Chapter {
	var out []*doc.Chapter
	for _, t := range d.Topics {
		ch := &doc.Chapter{ID: t.ID, Title: text(t.Title), Short: t.Title, Matter: matter, Kind: "digest-topic"}
		var also []*Entry
		for _, e := range d.Entries {
			if !slices.Contains(e.Topics, t.ID) {
				continue
			}
			if d.primary[e.Key] != t.ID {
				also = append(also, e)
				continue
			}
			ch.Blocks = append(ch.Blocks, d.entryBlock(e))
		}
		if len(also) > 0 {
			ch.Blocks = append(ch.Blocks,
				&doc.Heading{Level: 2, Attr: doc.Attr{Classes: []string{"unnumbered"}}, Inlines: text(d.Pub.Terms.Get(doc.TermAlsoOnTopic))},
				d.entryList(also))
		}
		out = append(out, ch)
	}
	return out
}

// entryBlock is one entry in full: the work's title as a heading, its
// reference (formatted later by the citation processor), the norms it
// concerns, the summary and the editor's note.
func (d *Digest) entryBlock(e *Entry) doc.Block {
	title := e.Item.Get("title")
	if title == "" {
		title = e.Key
	}
	blocks := []doc.Block{
		&doc.Heading{Span: e.Span, Level: 2, Attr: doc.Attr{ID: Anchor(e.Key), Classes: []string{"unnumbered"}}, Inlines: text(plainTitle(title))},
		&doc.RefList{Span: e.KeySpan, Entries: []doc.RefEntry{{Key: e.Key, ID: "ref-" + e.Key}}},
	}
	if len(e.Norms) > 0 || len(e.Topics) > 1 {
		var ins []doc.Inline
		if len(e.Norms) > 0 {
			ins = append(ins, &doc.Strong{Inlines: text(d.Pub.Terms.Cap(map[bool]doc.Term{true: doc.TermNorm, false: doc.TermNorms}[len(e.Norms) == 1]) + ":")}, &doc.Text{Value: " "}, normRefs(e))
		}
		blocks = append(blocks, &doc.Para{Inlines: ins})
	}
	blocks = append(blocks, e.Summary...)
	if len(e.Note) > 0 {
		note := []doc.Block{&doc.Para{Inlines: []doc.Inline{&doc.Strong{Inlines: text(d.Pub.Terms.Get(doc.TermEditorsNote))}}}}
		blocks = append(blocks, &doc.Div{Attr: doc.Attr{Classes: []string{"editor-note"}}, Blocks: append(note, e.Note...)})
	}
	return &doc.Div{Span: e.Span, Attr: doc.Attr{Classes: []string{"digest-entry"}}, Blocks: blocks}
}

func normRefs(e *Entry) doc.Inline {
	x := &doc.XRef{}
	for _, n := range e.Norms {
		x.Items = append(x.Items, doc.XRefItem{Span: e.Span, Kind: "norm", Label: "norm:" + n.ID, Text: n.Label})
	}
	return x
}

// entryList lists entries as links to their full text.
func (d *Digest) entryList(es []*Entry) doc.Block {
	l := &doc.List{Tight: true}
	for _, e := range es {
		l.Items = append(l.Items, []doc.Block{&doc.Para{Inlines: d.entryLink(e)}})
	}
	return l
}

// entryLink reads "Author, Title (Year)" and links to the entry.
func (d *Digest) entryLink(e *Entry) []doc.Inline {
	var ins []doc.Inline
	if a := authorsShort(e.Item); a != "" {
		ins = append(ins, &doc.Text{Value: a + ", "})
	}
	ins = append(ins, &doc.Link{
		Target:  &doc.Target{Pub: d.Pub.ID, Chapter: d.primary[e.Key], Anchor: Anchor(e.Key)},
		Inlines: []doc.Inline{&doc.Emph{Inlines: text(plainTitle(orKey(e)))}},
	})
	if y := year(e.Item); y != "" {
		ins = append(ins, &doc.Text{Value: " (" + y + ")"})
	}
	return ins
}

func orKey(e *Entry) string {
	if t := e.Item.Get("title"); t != "" {
		return t
	}
	return e.Key
}

// NormIndex lists the entries by norm, in registry order.
func (d *Digest) NormIndex(id, title string, matter doc.Matter) *doc.Chapter {
	ch := &doc.Chapter{ID: id, Title: text(title), Short: title, Matter: matter, Kind: "digest-norms"}
	for _, n := range d.Norms {
		var es []*Entry
		for _, e := range d.Entries {
			if slices.Contains(e.Norms, n) {
				es = append(es, e)
			}
		}
		if len(es) == 0 {
			continue
		}
		ch.Blocks = append(ch.Blocks,
			&doc.Heading{Level: 2, Attr: doc.Attr{ID: "norm-" + n.ID, Classes: []string{"unnumbered"}},
				Inlines: text(d.Pub.Terms.Cap(doc.TermNorm) + " " + n.Label + ": " + n.Title)},
			d.entryList(es))
	}
	return ch
}

// AuthorIndex lists every author and editor with their entries, sorted by
// family name with the language's collation.
func (d *Digest) AuthorIndex(id, title string, matter doc.Matter) *doc.Chapter {
	ch := &doc.Chapter{ID: id, Title: text(title), Short: title, Matter: matter, Kind: "digest-authors"}
	byName := map[string][]*Entry{}
	display := map[string]string{}
	for _, e := range d.Entries {
		for _, role := range []string{"author", "editor"} {
			for _, n := range e.Item.Names[role] {
				k := nameKey(n)
				if !slices.Contains(byName[k], e) {
					byName[k] = append(byName[k], e)
				}
				display[k] = inverted(n)
			}
		}
	}
	names := make([]string, 0, len(byName))
	for k := range byName {
		names = append(names, k)
	}
	col := collator(d.Lang)
	slices.SortFunc(names, func(a, b string) int {
		if c := col.CompareString(a, b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	dl := &doc.DefList{}
	for _, k := range names {
		item := doc.DefItem{Term: text(display[k])}
		for _, e := range byName[k] {
			item.Defs = append(item.Defs, []doc.Block{&doc.Para{Inlines: d.entryLink(e)}})
		}
		dl.Items = append(dl.Items, item)
	}
	if len(dl.Items) > 0 {
		ch.Blocks = append(ch.Blocks, dl)
	}
	return ch
}

// FurtherReading is the section a norm chapter ends with: the references of
// the digest entries on its norm, each followed by a link to its summary.
// The references are formatted later, with the chapter's other citations.
func (d *Digest) FurtherReading(n *doc.Norm, t *doc.Terms) []doc.Block {
	var es []*Entry
	for _, e := range d.Entries {
		if slices.Contains(e.Norms, n) {
			es = append(es, e)
		}
	}
	if len(es) == 0 {
		return nil
	}
	rl := &doc.RefList{}
	for _, e := range es {
		rl.Entries = append(rl.Entries, doc.RefEntry{
			Key: e.Key,
			ID:  "further-" + e.Key,
			// The processor puts the formatted reference before these.
			Inlines: []doc.Inline{&doc.Text{Value: " "}, &doc.Link{
				Target:  &doc.Target{Pub: d.Pub.ID, Chapter: d.primary[e.Key], Anchor: Anchor(e.Key)},
				Inlines: text(t.Fill(doc.TermSummaryIn, "pub", short(d.Pub))),
			}},
		})
	}
	return []doc.Block{
		&doc.Heading{Level: 2, Attr: doc.Attr{ID: "further-reading", Classes: []string{"unnumbered"}}, Inlines: text(t.Get(doc.TermFurtherReading))},
		rl,
	}
}

func authorsShort(it *bib.Item) string {
	ns := it.Names["author"]
	if len(ns) == 0 {
		ns = it.Names["editor"]
	}
	fam := func(n bib.Name) string {
		if n.Literal != "" {
			return n.Literal
		}
		return strings.TrimSpace(n.NonDroppingParticle + " " + n.Family)
	}
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return fam(ns[0])
	case 2:
		return fam(ns[0]) + " and " + fam(ns[1])
	}
	return fam(ns[0]) + " et al."
}

func inverted(n bib.Name) string {
	if n.Literal != "" {
		return n.Literal
	}
	family := strings.TrimSpace(n.NonDroppingParticle + " " + n.Family)
	given := strings.TrimSpace(n.Given + " " + n.DroppingParticle)
	if given == "" {
		return family
	}
	s := family + ", " + given
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

func text(s string) []doc.Inline { return []doc.Inline{&doc.Text{Value: s}} }

// plainTitle drops CSL rich-text markup from a title (<i>, <span
// class="nocase">) for headings and links, and turns straight double
// quotes into typographic ones, as the citation processor does in the
// formatted reference below the heading.
func plainTitle(s string) string {
	s = curlQuotes(s)
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func short(p *doc.Publication) string {
	if p.Short != "" {
		return p.Short
	}
	return p.Title
}

// curlQuotes pairs straight double quotes: an opening one where a word
// starts, a closing one elsewhere.
func curlQuotes(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	var b strings.Builder
	prev := ' '
	for _, r := range s {
		if r == '"' {
			if prev == ' ' || prev == '(' || prev == '[' || prev == '\u2014' {
				r = '\u201c'
			} else {
				r = '\u201d'
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// Overview counts the entries per norm (every norm of the registry, in its
// order, so a norm no one wrote on shows as none) and per topic (an entry
// counts under each of its topics), for the chart on the contents page.
// Call it once the publication's chapters are in place: a count links to
// where its entries are listed, when the publication has that chapter.
func (d *Digest) Overview() *doc.Overview {
	normIndex := ""
	topics := map[string]bool{}
	for _, ch := range d.Pub.Chapters {
		switch ch.Kind {
		case "digest-norms":
			normIndex = ch.ID
		case "digest-topic":
			topics[ch.ID] = true
		}
	}
	perNorm := doc.Series{ID: "per-norm", Title: d.Pub.Terms.Get(doc.TermEntriesPerNorm)}
	for _, n := range d.Norms {
		c := doc.Count{Label: n.Label, Title: n.Title}
		for _, e := range d.Entries {
			if slices.Contains(e.Norms, n) {
				c.N++
			}
		}
		if c.N > 0 && normIndex != "" {
			c.Target = &doc.Target{Pub: d.Pub.ID, Chapter: normIndex, Anchor: "norm-" + n.ID}
		}
		perNorm.Rows = append(perNorm.Rows, c)
	}
	perTopic := doc.Series{ID: "per-topic", Title: d.Pub.Terms.Get(doc.TermEntriesPerTopic)}
	for _, t := range d.Topics {
		c := doc.Count{Label: t.Title}
		for _, e := range d.Entries {
			if slices.Contains(e.Topics, t.ID) {
				c.N++
			}
		}
		if topics[t.ID] {
			c.Target = &doc.Target{Pub: d.Pub.ID, Chapter: t.ID}
		}
		perTopic.Rows = append(perTopic.Rows, c)
	}
	return &doc.Overview{Series: []doc.Series{perNorm, perTopic}}
}
