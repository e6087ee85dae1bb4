package edition

import (
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// maxDiffCells bounds the word diff's table (old words × new words); a
// paragraph pair larger than that shows the old text struck and the new
// text inserted whole.
const maxDiffCells = 1 << 20

// WordDiff marks the changes from old to new word by word: deleted words
// as doc.Strike (<del> in HTML), inserted words as a doc.Styled with the
// class "ins". Words are split at white space, so punctuation changes with
// its word.
func WordDiff(oldText, newText string) []doc.Inline {
	a, b := strings.Fields(oldText), strings.Fields(newText)
	var out []doc.Inline
	emit := func(kind byte, words []string) {
		if len(words) == 0 {
			return
		}
		s := strings.Join(words, " ")
		if len(out) > 0 {
			out = append(out, &doc.Text{Value: " "})
		}
		switch kind {
		case '=':
			out = append(out, &doc.Text{Value: s})
		case '-':
			out = append(out, &doc.Strike{Inlines: []doc.Inline{&doc.Text{Value: s}}})
		case '+':
			out = append(out, &doc.Styled{Attr: doc.Attr{Classes: []string{"ins"}}, Inlines: []doc.Inline{&doc.Text{Value: s}}})
		}
	}
	// Common prefix and suffix first: most edits touch a few words.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	emit('=', a[:pre])
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) > maxDiffCells {
		emit('-', ma)
		emit('+', mb)
	} else {
		// Longest common subsequence, then a walk that groups runs.
		n, m := len(ma), len(mb)
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		var kind byte
		var run []string
		push := func(k byte, w string) {
			if k != kind {
				emit(kind, run)
				run, kind = nil, k
			}
			run = append(run, w)
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && ma[i] == mb[j]:
				push('=', ma[i])
				i++
				j++
			case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
				// Deletions before insertions within a changed stretch.
				if i < n && lcs[i+1][j] == lcs[i][j] {
					push('-', ma[i])
					i++
				} else {
					push('+', mb[j])
					j++
				}
			default:
				push('-', ma[i])
				i++
			}
		}
		emit(kind, run)
	}
	emit('=', a[len(a)-suf:])
	return out
}
