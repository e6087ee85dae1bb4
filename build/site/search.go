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
	Lang  string // the publication's language: results in the reader's come first
	Where string // "Norm 13(c) › 3.1 Scope"
	Text  string
	// About is what the passage is about, weighted above its text: the
	// heading it starts at, or the chapter's title and keywords.
	About string
	// Tier ranks what kind of text matched before how well it matched:
	// an authored chapter's headings and text (TierText) above its notes
	// (TierNote) above generated indexes and lists — the bibliography,
	// the digest's entry lists and its indexes by norm and author
	// (TierList) — which repeat what the chapters say.
	Tier int
}

// The tiers of SearchDoc.
const (
	TierList = iota
	TierNote
	TierText
)

// Posting is one document holding a term, and the term's weight there:
// each occurrence in the text or the heading path counts 1, each in a
// heading, the chapter title or its keywords 3 more.
type Posting struct{ Doc, Weight int }

// headingWeight is the extra weight of a term in a heading, a chapter
// title or a chapter's keywords: what a passage is about.
const headingWeight = 3

// SearchIndex is the prebuilt index the search page loads as a script:
// a script, not JSON fetched at run time, because browsers refuse fetch()
// on file:// pages and the site must work opened from the disk.
type SearchIndex struct {
	Docs []SearchDoc
	// Terms maps each stem (a folded token run through the Snowball
	// stemmer of its publication's language) to the docs holding it, by
	// ascending doc.
	Terms map[string][]Posting
	// Forms maps each folded token whose stem differs from it to that
	// stem, so that the search script stems a query's words exactly as
	// the index was stemmed, in any language, without a stemmer of its
	// own. A form can have a stem in each language ("diligence" is
	// "dilig" in English, another in French): all are kept, so a query
	// finds the passages of every edition.
	Forms map[string][]string

	stem  func(string) string // the current publication's stemmer
	stems map[string]string   // its results so far
}

// BuildSearchIndex indexes every chapter of every publication.
func BuildSearchIndex(s *doc.Site) *SearchIndex {
	ix := &SearchIndex{Terms: map[string][]Posting{}, Forms: map[string][]string{}}
	caches := map[string]map[string]string{}
	for _, pub := range s.Pubs {
		lang := pub.Lang
		if lang == "" {
			lang = Lang(s.Lang)
		}
		ix.stem = Stemmer(lang)
		// One cache per stemmer: the forms map has one stem per form.
		key := snowballLang(lang)
		if caches[key] == nil {
			caches[key] = map[string]string{}
		}
		ix.stems = caches[key]
		for _, ch := range pub.Chapters {
			ix.addChapter(pub, ch)
		}
	}
	return ix
}

func (ix *SearchIndex) addChapter(pub *doc.Publication, ch *doc.Chapter) {
	pubLang, _, _ := strings.Cut(strings.ToLower(pub.Lang), "-")
	chTitle := ch.Short
	if chTitle == "" {
		chTitle = ch.PlainTitle()
	}
	// What an index or a list holds is said better in the chapters.
	tier := TierText
	if ch.Kind != "" {
		tier = TierList
	}
	// The chapter's head: its title, norm, abstract and keywords, which
	// say what the whole chapter is about.
	boost := strings.Join(append([]string{ch.PlainTitle()}, ch.Keywords...), "; ")
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
		ix.add(SearchDoc{URL: ChapterPath(pub.ID, ch.ID) + hash(anchor), Pub: pub.Title, Lang: pubLang, Where: w, Text: t, About: boost, Tier: tier})
		boost = ""
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
				t := tier
				tier = TierList
				for _, e := range n.Entries {
					flush()
					anchor = e.ID
					text.WriteString(doc.PlainText(e.Inlines) + " ")
				}
				flush()
				tier = t
				continue
			}
			if id != "" {
				flush()
				anchor = id
				if h, ok := b.(*doc.Heading); ok {
					section = strings.TrimSpace(h.Number + " " + doc.PlainText(h.Inlines))
					boost = doc.PlainText(h.Inlines)
				}
			}
			text.WriteString(blocksText([]doc.Block{b}))
		}
	}
	visit(ch.Blocks)
	flush()
	if tier == TierText {
		tier = TierNote
	}
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
	count := func(tok []byte, w int) {
		st := ix.stemOf(tok)
		// Postings grow in document order, so a repeat within this
		// document is always the last one.
		p := ix.Terms[st]
		if n := len(p); n > 0 && p[n-1].Doc == id {
			p[n-1].Weight += w
			return
		}
		ix.Terms[st] = append(p, Posting{id, w})
	}
	eachToken(d.Text+" "+d.Where+" "+d.Pub, func(tok []byte) { count(tok, 1) })
	eachToken(d.About, func(tok []byte) { count(tok, headingWeight) })
}

// stemOf stems a folded token, remembering the form for the script. The
// lookup by string(tok) allocates nothing; only a new form makes strings.
func (ix *SearchIndex) stemOf(tok []byte) string {
	if st, ok := ix.stems[string(tok)]; ok {
		return st
	}
	form := string(tok)
	st := ix.stem(form)
	ix.stems[form] = st
	if st != form && !slices.Contains(ix.Forms[form], st) {
		ix.Forms[form] = append(ix.Forms[form], st)
	}
	return st
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

// JS writes the index as a script that sets window.normpressSearch: each
// doc is [url, publication, where, text, tier, about]. Terms
// and forms are sorted, so the bytes are reproducible and the script can
// binary-search prefixes. Postings are flat [doc, weight, doc, weight, …].
func (ix *SearchIndex) JS() ([]byte, error) {
	// Publication titles are listed once and referred to by index: they
	// would otherwise repeat in every entry.
	var pubs, pubLangs []string
	pubIndex := map[[2]string]int{}
	docs := make([][6]any, len(ix.Docs))
	for i, d := range ix.Docs {
		k, ok := pubIndex[[2]string{d.Pub, d.Lang}]
		if !ok {
			k = len(pubs)
			pubIndex[[2]string{d.Pub, d.Lang}] = k
			pubs = append(pubs, d.Pub)
			pubLangs = append(pubLangs, d.Lang)
		}
		docs[i] = [6]any{d.URL, k, d.Where, d.Text, d.Tier, d.About}
	}
	terms := make([]string, 0, len(ix.Terms))
	for t := range ix.Terms {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	termIndex := make(map[string]int, len(terms))
	post := make([][]int, len(terms))
	for i, t := range terms {
		termIndex[t] = i
		for _, p := range ix.Terms[t] {
			post[i] = append(post[i], p.Doc, p.Weight)
		}
	}
	// One (form, stem) pair per entry, sorted by form: a form with stems
	// in two languages has two entries side by side.
	fs := make([]string, 0, len(ix.Forms))
	for f := range ix.Forms {
		fs = append(fs, f)
	}
	slices.Sort(fs)
	var forms []string
	var formStem []int
	for _, f := range fs {
		stems := slices.Clone(ix.Forms[f])
		slices.Sort(stems)
		for _, st := range stems {
			forms = append(forms, f)
			formStem = append(formStem, termIndex[st])
		}
	}
	body, err := json.Marshal(struct {
		Pubs     []string `json:"pubs"`
		PubLangs []string `json:"pubLangs"`
		Docs     [][6]any `json:"docs"`
		Terms    []string `json:"terms"`
		Post     [][]int  `json:"post"`
		Forms    []string `json:"forms"`
		FormStem []int    `json:"formStem"`
	}{pubs, pubLangs, docs, terms, post, forms, formStem})
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
