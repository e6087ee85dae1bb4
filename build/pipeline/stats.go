package pipeline

import (
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// count gathers a publication's counts for --json.
func count(st *pubState) Stats {
	pub := st.pub
	s := Stats{ID: pub.ID, Title: pub.Title, Chapters: len(pub.Chapters)}
	refs := map[string]bool{}
	for _, ch := range pub.Chapters {
		s.Footnotes += len(ch.Notes)
		doc.Visitor{
			Block: func(b doc.Block) bool {
				if rl, ok := b.(*doc.RefList); ok {
					for _, e := range rl.Entries {
						refs[e.Key] = true
					}
				}
				return true
			},
			Inline: func(in doc.Inline) bool {
				switch n := in.(type) {
				case *doc.Text:
					s.Words += len(strings.Fields(n.Value))
				case *doc.Cite:
					s.Citations += len(n.Items)
					return false
				case *doc.XRef:
					s.CrossRefs += len(n.Items)
				}
				return true
			},
		}.WalkBlocks(ch.Blocks)
	}
	s.References = len(refs)
	if st.digest != nil {
		s.Entries = len(st.digest.Entries)
	}
	return s
}
