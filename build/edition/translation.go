package edition

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
)

// Translations links the language editions of each work, after numbering
// (the anchors are known then): every publication that translates another
// learns the work's other editions, and every chapter its counterparts —
// the chapter with the same ID in each other edition — with the anchors
// that correspond. A translation shares its original's chapter IDs, labels
// and paragraph numbering, so a labelled section, paragraph, figure or
// table corresponds by its label and a numbered paragraph without one by
// its number. What has no counterpart gets no link; a translation chapter
// that differs from its original is one warning listing the differences.
//
// The project loader has already refused an unknown original, a chain of
// translations and a translation in its original's language; such a
// publication is left unlinked here.
func Translations(s *doc.Site) source.Diags {
	var ds source.Diags
	byID := map[string]*doc.Publication{}
	for _, p := range s.Pubs {
		byID[p.ID] = p
	}
	var works [][]*doc.Publication // each: the original, then its translations in manifest order
	index := map[string]int{}
	for _, p := range s.Pubs {
		o := byID[p.TranslationOf]
		if p.TranslationOf == "" || o == nil || o == p || o.TranslationOf != "" {
			continue
		}
		i, ok := index[o.ID]
		if !ok {
			i = len(works)
			index[o.ID] = i
			works = append(works, []*doc.Publication{o})
		}
		works[i] = append(works[i], p)
	}
	for _, w := range works {
		for _, p := range w {
			p.Editions = nil
			for _, q := range w {
				if q != p {
					p.Editions = append(p.Editions, editionOf(q, q == w[0]))
				}
			}
		}
		for _, p := range w {
			for _, ch := range p.Chapters {
				ch.Counterparts = nil
				for _, q := range w {
					if q == p {
						continue
					}
					if c := chapterByID(q, ch.ID); c != nil {
						ch.Counterparts = append(ch.Counterparts, doc.Counterpart{
							Edition: editionOf(q, q == w[0]), Chapter: c.ID, Anchors: correspond(ch, c).anchors,
						})
					}
				}
			}
		}
		orig := w[0]
		for _, tr := range w[1:] {
			ds.Add(compare(orig, tr)...)
		}
	}
	return ds
}

func editionOf(p *doc.Publication, original bool) doc.Edition {
	e := doc.Edition{Pub: p.ID, Lang: p.Lang, Title: p.Title, Read: readIn(p), Original: original}
	switch {
	case p.ISBN != "":
		e.Identifier = "urn:isbn:" + strings.NewReplacer("-", "", " ", "").Replace(p.ISBN)
	case p.DOI != "":
		e.Identifier = "https://doi.org/" + p.DOI
	}
	return e
}

func chapterByID(p *doc.Publication, id string) *doc.Chapter {
	for _, c := range p.Chapters {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// compare warns, once per chapter of the translation, about what in the
// chapter and its original has no counterpart in the other.
func compare(orig, tr *doc.Publication) source.Diags {
	var ds source.Diags
	for _, ch := range tr.Chapters {
		o := chapterByID(orig, ch.ID)
		if o == nil {
			if ch.Matter == doc.BodyMatter && ch.Kind == "" {
				ds.Warnf(ch.Span, "translation-mismatch", "chapter %q of %s has no counterpart in its original %s: no chapter there has the id %q", ch.ID, tr.ID, orig.ID, ch.ID).
					WithHint("a translated chapter takes its original's id: name the file alike or set id: in the front matter")
			}
			continue
		}
		c := correspond(ch, o)
		if len(c.onlyHere) == 0 && len(c.onlyThere) == 0 {
			continue
		}
		var parts []string
		if len(c.onlyThere) > 0 {
			parts = append(parts, fmt.Sprintf("the original (%s/%s) has %s, which this translation lacks", orig.ID, o.ID, describe(c.onlyThere)))
		}
		if len(c.onlyHere) > 0 {
			parts = append(parts, fmt.Sprintf("this translation has %s, which the original (%s/%s) lacks", describe(c.onlyHere), orig.ID, o.ID))
		}
		ds.Warnf(ch.Span, "translation-mismatch", "%s; no link to a counterpart is offered for these", strings.Join(parts, ", and ")).
			WithHint("a translation keeps its original's labels and numbered paragraphs: one paragraph for each, with the same {#…} labels")
	}
	return ds
}

// correspondence is what two counterpart chapters share and what they do
// not, seen from the first.
type correspondence struct {
	anchors map[string]string // anchor here → anchor there
	// onlyHere and onlyThere are keys (see nodes) without a counterpart.
	onlyHere, onlyThere []string
}

// correspond pairs the anchors of chapter a with those of chapter b.
func correspond(a, b *doc.Chapter) correspondence {
	na, nb := nodes(a), nodes(b)
	c := correspondence{anchors: map[string]string{}}
	for k, x := range na {
		if y, ok := nb[k]; ok {
			if x != "" && y != "" {
				c.anchors[x] = y
			}
		} else {
			c.onlyHere = append(c.onlyHere, k)
		}
	}
	for k := range nb {
		if _, ok := na[k]; !ok {
			c.onlyThere = append(c.onlyThere, k)
		}
	}
	sortKeys(c.onlyHere)
	sortKeys(c.onlyThere)
	return c
}

// nodes are the anchors of a chapter's labelled nodes and numbered
// paragraphs, by key: "l:" and the label, or "n:" and the number of a
// numbered paragraph without a label.
func nodes(ch *doc.Chapter) map[string]string {
	out := map[string]string{}
	add := func(a doc.Attr, num int) {
		switch {
		case a.Label != "":
			out["l:"+a.Label] = a.ID
		case num > 0:
			out["n:"+strconv.Itoa(num)] = a.ID
		}
	}
	doc.Visitor{Block: func(b doc.Block) bool {
		switch n := b.(type) {
		case *doc.Heading:
			add(n.Attr, 0)
		case *doc.Para:
			add(n.Attr, n.Num)
		case *doc.Figure:
			add(n.Attr, 0)
		case *doc.Table:
			add(n.Attr, 0)
		case *doc.Div:
			add(n.Attr, 0)
		}
		return true
	}}.WalkBlocks(ch.Blocks)
	return out
}

func sortKeys(ks []string) {
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a[:2] != b[:2] {
			return a[:2] < b[:2] // labels first, then paragraph numbers
		}
		if a[:2] == "n:" {
			x, _ := strconv.Atoi(a[2:])
			y, _ := strconv.Atoi(b[2:])
			return x < y
		}
		return a < b
	})
}

// describe lists keys as a reader reads them: "sec:x, para:y and paras. 12–14".
func describe(ks []string) string {
	var labels []string
	var nums []int
	for _, k := range ks {
		if strings.HasPrefix(k, "l:") {
			labels = append(labels, k[2:])
		} else {
			n, _ := strconv.Atoi(k[2:])
			nums = append(nums, n)
		}
	}
	var parts []string
	for _, l := range labels {
		parts = append(parts, "{#"+l+"}")
	}
	if len(nums) > 0 {
		what := "para. "
		if len(nums) > 1 {
			what = "paras. "
		}
		parts = append(parts, what+ranges(nums))
	}
	return joinAnd(parts, "and")
}

// ranges writes sorted numbers with runs collapsed: "3, 7–9".
func ranges(ns []int) string {
	var out []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		switch {
		case j == i:
			out = append(out, strconv.Itoa(ns[i]))
		case j == i+1:
			out = append(out, strconv.Itoa(ns[i]), strconv.Itoa(ns[j]))
		default:
			out = append(out, strconv.Itoa(ns[i])+"–"+strconv.Itoa(ns[j]))
		}
		i = j + 1
	}
	return strings.Join(out, ", ")
}

// readIn is a link to edition p in its own language's words ("Lire en
// français"), so that a reader who needs it can read it: its term
// read-in-language, or its title (which is in that language too) when its
// language has no such words.
func readIn(p *doc.Publication) string {
	if p.Terms != nil {
		if w := p.Terms.Get(doc.TermReadIn); w != "" {
			return w
		}
	}
	return p.Title
}

// Languages groups the site's publications by language (en-GB and en-US
// are one: a reader of one reads the other), the site's language first,
// then in the order the manifest first uses each; nil when all are in one.
func Languages(s *doc.Site) []doc.Language {
	var out []doc.Language
	find := func(lang string) int {
		for i, l := range out {
			if project.SameLanguage(l.Lang, lang) {
				return i
			}
		}
		return -1
	}
	for _, p := range s.Pubs {
		i := find(p.Lang)
		if i < 0 {
			i = len(out)
			out = append(out, doc.Language{Lang: p.Lang, Name: languageName(p)})
		}
		out[i].Pubs = append(out[i].Pubs, p.ID)
	}
	if len(out) < 2 {
		return nil
	}
	if i := find(s.Lang); i > 0 {
		l := out[i]
		out = append(out[:i:i], out[i+1:]...)
		out = append([]doc.Language{l}, out...)
	}
	return out
}

// languageName is the name of p's language in itself ("Français"), for
// headings over the publications in it: its term language-name, or the
// tag when its language has none.
func languageName(p *doc.Publication) string {
	if p.Terms != nil {
		if w := p.Terms.Get(doc.TermLanguageName); w != "" {
			return w
		}
	}
	return p.Lang
}
