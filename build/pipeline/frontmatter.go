package pipeline

import (
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// checkFrontMatter is part of step 1: a chapter's title and abstract hold
// no citation and no cross-reference. They are printed where neither can
// work: the title in running heads, the contents, bookmarks and metadata;
// the abstract in the EPUB's and DOCX's description, the search index, the
// landing page and "Cite this", where a note cannot follow and a link has
// no page to land on. Before this check such a citation was never
// resolved: an unknown key passed, and the page showed the raw key.
func checkFrontMatter(s *doc.Site) source.Diags {
	var ds source.Diags
	for _, pub := range s.Pubs {
		for _, ch := range pub.Chapters {
			title := doc.Visitor{Inline: frontMatterCheck(&ds, "title",
				"a title is also printed where no note or link can follow it (running heads, contents, bookmarks, metadata): name the work in words there, and cite it in the text",
				"a title is also printed where a reference cannot point anywhere (running heads, bookmarks, metadata): write it out in words")}
			title.WalkInlines(ch.Title)
			abstract := doc.Visitor{Inline: frontMatterCheck(&ds, "abstract",
				"an abstract is also printed where no note or link can follow it (the EPUB's and DOCX's description, search, Cite this): name the work in words there, and cite it in the text",
				"an abstract is also printed where a reference cannot point anywhere (the EPUB's and DOCX's description, search): write it out in words, or move it into the text")}
			abstract.WalkBlocks(ch.Abstract)
		}
	}
	return ds
}

func frontMatterCheck(ds *source.Diags, where, citeHint, xrefHint string) func(doc.Inline) bool {
	return func(in doc.Inline) bool {
		switch n := in.(type) {
		case *doc.Cite:
			ds.Errorf(n.Span, "front-matter-citation", "a citation in the chapter's %s", where).WithHint("%s", citeHint)
			return false
		case *doc.XRef:
			ds.Errorf(n.Span, "front-matter-xref", "a cross-reference in the chapter's %s", where).WithHint("%s", xrefHint)
			return false
		}
		return true
	}
}
