package pipeline

import (
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/index"
)

// chapterCounts are one chapter's counts.
type chapterCounts struct {
	Words, Citations, CrossRefs, Notes, Explanatory int
	Keys                                            map[string]bool // works in its reference lists
}

// countChapter counts a chapter. Under a note style a narrative citation
// ("as @doe argues") is a name in the text and the citation in its note:
// it counts once.
func countChapter(ch *doc.Chapter, noteStyle bool) chapterCounts {
	c := chapterCounts{Notes: len(ch.Notes), Keys: map[string]bool{}}
	for _, n := range ch.Notes {
		if !n.Auto {
			c.Explanatory++
		}
	}
	doc.Visitor{
		Block: func(b doc.Block) bool {
			if rl, ok := b.(*doc.RefList); ok {
				for _, e := range rl.Entries {
					c.Keys[e.Key] = true
				}
				return false // formatted references are not the author's words
			}
			return true
		},
		Inline: func(in doc.Inline) bool {
			switch n := in.(type) {
			case *doc.Text:
				c.Words += len(strings.Fields(n.Value))
			case *doc.Cite:
				if !(noteStyle && !n.InNote && len(n.Items) > 0 && n.Items[0].Mode == doc.AuthorInText) {
					c.Citations += len(n.Items)
				}
				return false
			case *doc.XRef:
				for _, it := range n.Items {
					if it.Kind != index.Kind { // a subject index's locators are no author's references
						c.CrossRefs++
					}
				}
			}
			return true
		},
	}.WalkBlocks(ch.Blocks)
	return c
}

// count gathers a publication's counts for --json.
func count(st *pubState) Stats {
	pub := st.pub
	s := Stats{ID: pub.ID, Title: pub.Title, Chapters: len(pub.Chapters)}
	refs := map[string]bool{}
	for _, ch := range pub.Chapters {
		c := countChapter(ch, pub.CiteClass == "note")
		s.Words += c.Words
		s.Footnotes += c.Notes
		s.Citations += c.Citations
		s.CrossRefs += c.CrossRefs
		for k := range c.Keys {
			refs[k] = true
		}
	}
	s.References = len(refs)
	if st.digest != nil {
		s.Entries = len(st.digest.Entries)
	}
	return s
}
