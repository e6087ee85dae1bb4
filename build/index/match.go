package index

import (
	"strings"
	"unicode"

	"github.com/normpress/normpress/build/doc"
)

// A finder is one manifest term with the word sequences that find it.
type finder struct {
	e     *Entry
	forms [][]string
}

func newFinder(e *Entry, find []string) *finder {
	f := &finder{e: e}
	for _, s := range find {
		if w := words(s); len(w) > 0 {
			f.forms = append(f.forms, w)
		}
	}
	return f
}

// matcher finds every term in a text in one pass over its words: the
// forms are filed under their first word, so the cost grows with the text
// and not with the number of terms times the text (150 terms over a
// 300-page commentary).
type matcher struct {
	byFirst map[string][]form
	gen     int
}

type form struct {
	words []string
	e     *Entry
}

func newMatcher(fs []*finder) *matcher {
	m := &matcher{byFirst: map[string][]form{}}
	for _, f := range fs {
		for _, w := range f.forms {
			m.byFirst[w[0]] = append(m.byFirst[w[0]], form{w, f.e})
		}
	}
	return m
}

// find returns the entries whose forms occur in text, each once, in the
// order of their first occurrence.
func (m *matcher) find(text string) []*Entry {
	if len(m.byFirst) == 0 {
		return nil
	}
	ws := words(text)
	m.gen++ // entries found in this text carry the generation: no map per call
	var out []*Entry
	try := func(cand string, i int) {
		for _, f := range m.byFirst[cand] {
			if f.e.gen != m.gen && f.at(ws, i) {
				f.e.gen = m.gen
				out = append(out, f.e)
			}
		}
	}
	for i, w := range ws {
		// The word itself and, for a plural, its singular: the lookup is
		// by a form's first word.
		try(w, i)
		if s, ok := strings.CutSuffix(w, "ies"); ok && s != "" {
			try(s+"y", i)
		}
		if s, ok := strings.CutSuffix(w, "es"); ok && s != "" {
			try(s, i)
		}
		if s, ok := strings.CutSuffix(w, "s"); ok && s != "" {
			try(s, i)
		}
	}
	return out
}

// at reports whether the form stands at ws[i]. Every word must match,
// and the last may carry a plural ending ("infrastructures" finds
// "critical infrastructure"), as may a one-word form's only word.
func (f form) at(ws []string, i int) bool {
	if i+len(f.words) > len(ws) {
		return false
	}
	for k, w := range f.words {
		got := ws[i+k]
		if got == w {
			continue
		}
		if k == len(f.words)-1 && plural(w, got) {
			continue
		}
		return false
	}
	return true
}

func plural(sing, got string) bool {
	if got == sing+"s" || got == sing+"es" {
		return true
	}
	if s, ok := strings.CutSuffix(sing, "y"); ok && got == s+"ies" {
		return true
	}
	return false
}

// words splits text into lower-case words: letters and digits, with an
// apostrophe inside a word kept ("state's" loses its possessive ending)
// and hyphens splitting ("cyber-attack" is "cyber attack").
func words(s string) []string {
	out := make([]string, 0, len(s)/6)
	start, curly := -1, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		if curly {
			w = strings.ReplaceAll(w, "’", "'")
		}
		w = strings.ToLower(w)
		w = strings.TrimSuffix(w, "'s")
		w = strings.Trim(w, "'")
		if w != "" {
			out = append(out, w)
		}
		start, curly = -1, false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
		case (r == '\'' || r == '’') && start >= 0:
			curly = curly || r == '’'
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// blockText is the author's words in a block: text, emphasis, links and
// spans, without notes (their citations would index the titles of works
// cited), citations, cross-references or code.
func blockText(b doc.Block) string {
	var sb strings.Builder
	doc.Visitor{
		Block: func(b doc.Block) bool {
			sb.WriteByte('\n')
			return true
		},
		Inline: func(in doc.Inline) bool {
			switch n := in.(type) {
			case *doc.Text:
				sb.WriteString(n.Value)
			case *doc.SoftBreak, *doc.LineBreak:
				sb.WriteByte(' ')
			case *doc.Note, *doc.Cite, *doc.XRef, *doc.Code, *doc.RawInline:
				sb.WriteByte(' ')
				return false
			}
			return true
		},
	}.WalkBlocks([]doc.Block{b})
	return sb.String()
}
