// Package edition gives numbered paragraphs an identity that survives
// edits, and compares an edition with the one released before it.
//
// A paragraph's identity is its label when it has one ({#para:x}); else
// the identity it had in the released edition, found by matching (see
// MatchItems); else a new one made from its chapter's other identities and
// its own first words ("p-states-should-not-knowingly"), which no other
// paragraph of the publication has had. The identity is the paragraph's
// anchor in every format, so a link to it survives renumbering; the old
// edition's number anchors ("#p12") become aliases on the paragraph's new
// place, so a link to an old number never silently lands on another
// paragraph.
//
// The pipeline calls Identify before numbering (xref keeps the anchors it
// finds) and Finish after, which writes the register and fills the
// "Changes in this edition" and concordance chapters.
package edition

import (
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Released is an edition committed to the project.
type Released struct {
	Name     string // "First edition"
	Date     string
	Register *Register
}

// Edition follows one publication's numbered paragraphs through a build.
type Edition struct {
	pub   *doc.Publication
	prev  *Released
	paras []para
	old   []*Item
	cur   []*Item
	m     *Match

	// Changes and Concordance are the generated chapters to fill, when the
	// manifest asks for them.
	Changes, Concordance *doc.Chapter
}

type para struct {
	p  *doc.Para
	ch *doc.Chapter
}

// Numbered reports whether a chapter's top-level paragraphs are numbered,
// as xref numbers them.
func Numbered(pub *doc.Publication, ch *doc.Chapter) bool {
	return pub.Options.ParagraphNumbers && ch.Matter == doc.BodyMatter && ch.Kind == ""
}

// Identify finds the publication's numbered paragraphs, matches them against
// the released edition (nil: none) and sets each one's ID.
func Identify(pub *doc.Publication, prev *Released) *Edition {
	e := &Edition{pub: pub, prev: prev}
	for _, ch := range pub.Chapters {
		if !Numbered(pub, ch) {
			continue
		}
		var path []string
		var levels []int
		for _, b := range ch.Blocks {
			switch n := b.(type) {
			case *doc.Heading:
				for len(levels) > 0 && levels[len(levels)-1] >= n.Level {
					levels, path = levels[:len(levels)-1], path[:len(path)-1]
				}
				levels = append(levels, n.Level)
				path = append(path, strings.Join(strings.Fields(doc.PlainText(n.Inlines)), " "))
			case *doc.Para:
				text := strings.Join(strings.Fields(doc.PlainText(n.Inlines)), " ")
				it := &Item{Label: n.Attr.Label, Chapter: ch.ID, Path: append([]string(nil), path...), Text: text, Hash: Hash(text)}
				it.Prepare()
				e.paras = append(e.paras, para{n, ch})
				e.cur = append(e.cur, it)
			}
		}
	}
	used := map[string]bool{}
	if prev != nil {
		for i := range prev.Register.Paragraphs {
			o := &prev.Register.Paragraphs[i]
			it := &Item{Label: o.Label, Chapter: o.Chapter, Path: o.Path, Text: o.Text, Hash: o.Hash}
			it.Prepare()
			e.old = append(e.old, it)
			used[o.ID] = true // an old identity is never given to another paragraph
		}
	}
	e.m = MatchItems(e.old, e.cur)
	for i, p := range e.paras {
		if p.p.Attr.Label != "" {
			used[p.p.Attr.Label] = true
		}
		_ = i
	}
	for i, p := range e.paras {
		switch {
		case p.p.Attr.Label != "":
			p.p.Attr.ID = p.p.Attr.Label
		case e.m.From[i] >= 0:
			p.p.Attr.ID = prev.Register.Paragraphs[e.m.From[i]].ID
		default:
			p.p.Attr.ID = newID(e.cur[i].words, used)
		}
		used[p.p.Attr.ID] = true
	}
	return e
}

// newID makes an identity from a paragraph's first words: readable in a
// URL, and unchanged by edits anywhere else.
func newID(words []string, used map[string]bool) string {
	var b strings.Builder
	b.WriteString("p")
	n := 0
	for _, w := range words {
		if n == 4 {
			break
		}
		var ascii strings.Builder
		for _, r := range foldRune(w) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				ascii.WriteRune(r)
			}
		}
		if ascii.Len() == 0 {
			continue
		}
		b.WriteString("-")
		b.WriteString(ascii.String())
		n++
	}
	id := b.String()
	if n == 0 {
		id = "p-x"
	}
	base := id
	for k := 2; used[id]; k++ {
		id = base + "-" + strconv.Itoa(k)
	}
	return id
}

// foldRune drops the accents of Latin letters that have them, so that an
// identity stays ASCII ("é" → "e"); other letters are left out.
func foldRune(w string) string { return accents.Replace(w) }

var accents = strings.NewReplacer("à", "a", "á", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ç", "c",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n",
	"ò", "o", "ó", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ù", "u", "ú", "u", "û", "u", "ü", "u",
	"ý", "y", "ÿ", "y", "ß", "ss", "æ", "ae", "œ", "oe")

// Register is the publication's register after numbering.
func (e *Edition) Register(edition string) *Register {
	r := &Register{Publication: e.pub.ID, Edition: edition, Paragraphs: []Entry{}}
	for i, p := range e.paras {
		it := e.cur[i]
		r.Paragraphs = append(r.Paragraphs, Entry{ID: p.p.Attr.ID, Label: p.p.Attr.Label, Chapter: p.ch.ID,
			Number: p.p.Num, Hash: it.Hash, Path: it.Path, Text: it.Text})
	}
	return r
}

// Finish runs after numbering: it sets the old edition's anchors on the
// paragraphs' new places, fills the generated chapters and warns about
// released paragraphs that vanished without a trace.
func (e *Edition) Finish() source.Diags {
	var ds source.Diags
	if e.prev == nil {
		return ds
	}
	old := e.prev.Register.Paragraphs
	t := e.pub.Terms
	edName := e.edName()
	for i, p := range e.paras {
		j := e.m.From[i]
		if j < 0 {
			continue
		}
		o := old[j]
		if o.Chapter != p.ch.ID {
			// Another page: the old chapter's page keeps the anchors.
			e.moved(o, i, edName)
			continue
		}
		note := ""
		if o.Number != p.p.Num {
			note = sayText(t, doc.TermEdWas, map[string]any{"old": strconv.Itoa(o.Number), "edition": edName})
		}
		p.p.Aliases = append(p.p.Aliases, doc.Alias{ID: "p" + strconv.Itoa(o.Number), Note: note})
		if o.ID != p.p.Attr.ID {
			p.p.Aliases = append(p.p.Aliases, doc.Alias{ID: o.ID, Note: note})
		}
	}
	for j, o := range old {
		if i := e.m.MergedInto[j]; i >= 0 && e.paras[i].ch.ID == o.Chapter {
			p := e.paras[i].p
			note := sayText(t, doc.TermEdPartOf, map[string]any{"old": strconv.Itoa(o.Number), "edition": edName, "n": strconv.Itoa(p.Num)})
			p.Aliases = append(p.Aliases, doc.Alias{ID: "p" + strconv.Itoa(o.Number), Note: note}, doc.Alias{ID: o.ID, Note: note})
		}
		if i := e.m.MergedInto[j]; i >= 0 && e.paras[i].ch.ID != o.Chapter {
			e.moved(o, i, edName)
		}
		if e.m.Removed(j) {
			ds.Warnf(o.span, "paragraph-vanished", "para. %d of the %s (%s) has vanished without a trace: “%s”",
				o.Number, edName, o.Chapter, firstWords(o.Text, 8)).About(o.Chapter).
				WithHint("if it was deleted on purpose, the changes chapter lists it as removed; if it moved or was rewritten beyond recognition, give both the same label ({#para:…})")
		}
	}
	if e.Changes != nil {
		e.Changes.Blocks = e.changes()
	}
	if e.Concordance != nil {
		e.Concordance.Blocks = e.concordance()
	}
	return ds
}

// moved records that released paragraph o now stands (whole, or merged
// into another) as paragraph i, in another chapter.
func (e *Edition) moved(o Entry, i int, edName string) {
	p := e.paras[i]
	ids := []string{"p" + strconv.Itoa(o.Number)}
	if o.ID != "" && o.ID != ids[0] {
		ids = append(ids, o.ID)
	}
	e.pub.Moved = append(e.pub.Moved, doc.Moved{
		From: o.Chapter, IDs: ids, Number: o.Number,
		To:   doc.Target{Pub: e.pub.ID, Chapter: p.ch.ID, Anchor: p.p.Attr.ID},
		Note: sayText(e.pub.Terms, doc.TermEdNowAt, map[string]any{"old": strconv.Itoa(o.Number), "edition": edName}) + " ",
		Now:  e.chapterName(p.ch.ID) + ", " + e.para(p.p.Num),
	})
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return strings.Join(f, " ")
	}
	return strings.Join(f[:n], " ") + " …"
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
