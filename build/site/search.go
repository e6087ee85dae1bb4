package site

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/normpress/normpress/build/doc"
)

// SearchDoc is one searchable unit: a paragraph, a heading with what
// follows up to the next anchor, a note. Results link to its anchor.
type SearchDoc struct {
	URL   string // relative to the output root
	Pub   string // the publication's title
	Where string // "Norm 13(c) › 3.1 Scope"
	Text  string
}

// SearchIndex is the prebuilt index the search page loads as a script:
// a script, not JSON fetched at run time, because browsers refuse fetch()
// on file:// pages and the site must work opened from the disk.
type SearchIndex struct {
	Docs []SearchDoc
	// Terms maps each folded token to the docs containing it, ascending.
	Terms map[string][]int
}

// BuildSearchIndex indexes every chapter of every publication.
func BuildSearchIndex(s *doc.Site) *SearchIndex {
	ix := &SearchIndex{Terms: map[string][]int{}}
	for _, pub := range s.Pubs {
		for _, ch := range pub.Chapters {
			ix.addChapter(pub, ch)
		}
	}
	return ix
}

func (ix *SearchIndex) addChapter(pub *doc.Publication, ch *doc.Chapter) {
	chTitle := ch.Short
	if chTitle == "" {
		chTitle = ch.PlainTitle()
	}
	where := chTitle
	anchor, section := "", ""
	var text strings.Builder
	flush := func() {
		t := strings.Join(strings.Fields(text.String()), " ")
		text.Reset()
		if t == "" {
			return
		}
		w := where
		if section != "" {
			w += " › " + section
		}
		ix.add(SearchDoc{URL: ChapterPath(pub.ID, ch.ID) + hash(anchor), Pub: pub.Title, Where: w, Text: t})
	}
	text.WriteString(ch.PlainTitle() + " ")
	if ch.Norm != nil {
		text.WriteString(ch.Norm.Text + " ")
	}
	text.WriteString(blocksText(ch.Abstract))
	var visit func(bs []doc.Block)
	visit = func(bs []doc.Block) {
		for _, b := range bs {
			id := ""
			switch n := b.(type) {
			case *doc.Heading:
				id = n.Attr.ID
			case *doc.Para:
				id = n.Attr.ID
			case *doc.Figure:
				id = n.Attr.ID
			case *doc.Table:
				id = n.Attr.ID
			case *doc.Div:
				visit(n.Blocks)
				continue
			case *doc.RefList:
				for _, e := range n.Entries {
					flush()
					anchor = e.ID
					text.WriteString(doc.PlainText(e.Inlines) + " ")
				}
				continue
			}
			if id != "" {
				flush()
				anchor = id
				if h, ok := b.(*doc.Heading); ok {
					section = strings.TrimSpace(h.Number + " " + doc.PlainText(h.Inlines))
				}
			}
			text.WriteString(blocksText([]doc.Block{b}))
		}
	}
	visit(ch.Blocks)
	flush()
	for _, n := range ch.Notes {
		anchor = n.ID
		text.WriteString(blocksText(n.Blocks))
		flush()
	}
}

func hash(anchor string) string {
	if anchor == "" {
		return ""
	}
	return "#" + fragment(anchor)
}

func (ix *SearchIndex) add(d SearchDoc) {
	id := len(ix.Docs)
	ix.Docs = append(ix.Docs, d)
	eachToken(d.Text+" "+d.Where+" "+d.Pub, func(tok []byte) {
		// Postings grow in document order, so a repeat within this
		// document is always the last one. The lookup by string(tok)
		// allocates nothing; only a new term makes a string.
		p, ok := ix.Terms[string(tok)]
		switch {
		case !ok:
			ix.Terms[string(tok)] = []int{id}
		case p[len(p)-1] != id:
			ix.Terms[string(tok)] = append(p, id)
		}
	})
}

// Tokens folds text for search, as search.js folds the query: decomposed,
// marks stripped, lower-cased, split at anything not a letter or digit.
// ASCII, most of any English text, takes a fast path; only other letters
// are decomposed, one at a time.
func Tokens(s string) []string {
	var out []string
	eachToken(s, func(tok []byte) { out = append(out, string(tok)) })
	return out
}

// eachToken calls f with each token of s; f must not keep the slice.
func eachToken(s string, f func(tok []byte)) {
	var cur []byte
	end := func() {
		if len(cur) > 0 {
			f(cur)
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				cur = append(cur, c)
			case c >= 'A' && c <= 'Z':
				cur = append(cur, c+'a'-'A')
			default:
				end()
			}
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			for _, d := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, d) {
					cur = utf8.AppendRune(cur, unicode.ToLower(d))
				}
			}
		default:
			end()
		}
	}
	end()
}

// JS writes the index as a script that sets window.normpressSearch. Terms
// are sorted (encoding/json sorts map keys), so the bytes are reproducible
// and the script can binary-search prefixes.
func (ix *SearchIndex) JS() ([]byte, error) {
	// Publication titles are listed once and referred to by index: they
	// would otherwise repeat in every entry.
	var pubs []string
	pubIndex := map[string]int{}
	docs := make([][4]any, len(ix.Docs))
	for i, d := range ix.Docs {
		k, ok := pubIndex[d.Pub]
		if !ok {
			k = len(pubs)
			pubIndex[d.Pub] = k
			pubs = append(pubs, d.Pub)
		}
		docs[i] = [4]any{d.URL, k, d.Where, d.Text}
	}
	terms := make([]string, 0, len(ix.Terms))
	for t := range ix.Terms {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	post := make([][]int, len(terms))
	for i, t := range terms {
		post[i] = ix.Terms[t]
	}
	body, err := json.Marshal(struct {
		Pubs  []string `json:"pubs"`
		Docs  [][4]any `json:"docs"`
		Terms []string `json:"terms"`
		Post  [][]int  `json:"post"`
	}{pubs, docs, terms, post})
	if err != nil {
		return nil, err
	}
	out := []byte("window.normpressSearch=")
	out = append(out, body...)
	return append(out, ";\n"...), nil
}

// blocksText flattens blocks for the index: every paragraph, list item,
// table cell, definition and code block followed by a space, so that words
// from neighbouring blocks never run together; notes are left out (they
// are indexed on their own).
func blocksText(bs []doc.Block) string {
	var b strings.Builder
	doc.Visitor{Block: func(bl doc.Block) bool {
		switch n := bl.(type) {
		case *doc.Para:
			b.WriteString(doc.PlainText(n.Inlines) + " ")
		case *doc.Heading:
			b.WriteString(doc.PlainText(n.Inlines) + " ")
		case *doc.CodeBlock:
			b.WriteString(n.Text + " ")
		case *doc.Figure:
			b.WriteString(doc.PlainText(n.Caption) + " ")
		case *doc.DefList:
			for _, it := range n.Items {
				b.WriteString(doc.PlainText(it.Term) + " ")
				b.WriteString(blocksText(slices.Concat(it.Defs...)))
			}
		case *doc.Table:
			b.WriteString(doc.PlainText(n.Caption) + " ")
			for _, rows := range [][]doc.Row{n.Head, n.Body} {
				for _, r := range rows {
					for _, c := range r {
						b.WriteString(doc.PlainText(c.Inlines) + " ")
					}
				}
			}
		case *doc.NormBox:
			if n.Norm != nil {
				b.WriteString(n.Norm.Text + " ")
			}
		case *doc.RefList:
			for _, e := range n.Entries {
				b.WriteString(doc.PlainText(e.Inlines) + " ")
			}
		default:
			return true // containers: their blocks are visited
		}
		return false
	}}.WalkBlocks(bs)
	return b.String()
}
