package epub

import (
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/paths"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/xhtml"
)

// chapterHref is a chapter's file, relative to OEBPS.
func chapterHref(id string) string { return "text/" + id + ".xhtml" }

// link resolves an internal target from the chapter file current: another
// file of this book, or the HTML edition of another publication when the
// base URL is known; otherwise no link at all rather than a broken one.
func (b *builder) link(current string) func(*doc.Target, source.Span) (string, bool) {
	return func(t *doc.Target, at source.Span) (string, bool) {
		frag := ""
		if t.Anchor != "" {
			frag = "#" + paths.Fragment(t.Anchor)
		}
		if t.Pub != b.pub.ID {
			if b.opts.BaseURL == "" {
				return "", false
			}
			base := strings.TrimSuffix(b.opts.BaseURL, "/") + "/"
			if t.Chapter == "" {
				return base + paths.Rel(0, paths.Contents(t.Pub)), true
			}
			return base + paths.Rel(0, paths.Chapter(t.Pub, t.Chapter)) + frag, true
		}
		if t.Chapter == "" {
			return "../nav.xhtml", true
		}
		if _, ok := b.chapters[t.Chapter]; !ok {
			b.diags.Warnf(at, "link-target", "link to %s/%s, a chapter that is not being built; the text is not linked", t.Pub, t.Chapter)
			return "", false
		}
		if t.Anchor != "" && !b.anchors[t.Chapter][t.Anchor] {
			b.diags.Warnf(at, "link-anchor", "link to %s/%s#%s, an anchor that chapter does not have; the text is not linked", t.Pub, t.Chapter, t.Anchor)
			return "", false
		}
		if t.Chapter == current && frag != "" {
			return frag, true
		}
		return paths.Rel(0, t.Chapter+".xhtml") + frag, true
	}
}

func (b *builder) chapter(ch *doc.Chapter) {
	r := xhtml.New(xhtml.Options{
		Terms: b.pub.Terms,
		EPUB:  true,
		Link:  b.link(ch.ID),
		Src:   func(a *doc.Asset) string { return "../" + mediaHref(a) },
	})
	var body, notes strings.Builder
	r.Chapter(&body, ch)
	r.Notes(&notes, ch.Notes)
	heading := r.InlinesString(ch.Title)
	b.diags.Add(r.Diags()...)

	lang := b.lang()
	if ch.Lang != "" {
		lang = ch.Lang
	}
	title := ch.Short
	if title == "" {
		title = ch.PlainTitle()
	}
	// epub:type and its ARIA role go together (Ace checks the pair). In a
	// bibliography chapter the chapter is the bibliography, and its
	// reference lists take no role of their own.
	typ, role := "", ""
	switch {
	case ch.Kind == "bibliography":
		typ, role = "bibliography", "doc-bibliography"
	case ch.Kind == "index":
		typ, role = "index", "doc-index"
	case ch.Matter == doc.BodyMatter:
		typ, role = "chapter", "doc-chapter"
	}
	var kicker []string
	if ch.Part != nil {
		kicker = append(kicker, ch.Part.Title)
	}
	if ch.Number != "" {
		kicker = append(kicker, b.pub.Terms.Cap(doc.TermChapter)+" "+ch.Number)
	}
	page := b.exec("chapter.xhtml", map[string]any{
		"Lang": lang, "Title": title, "Matter": ch.Matter.String(), "Type": typ, "Role": role,
		"Kicker": strings.Join(kicker, " · "), "Heading": heading,
		"Authors": strings.Join(ch.Authors, ", "),
		"Status":  b.pub.StatusNote(ch),
		"Body":    body.String(), "Notes": notes.String(),
	})
	id := b.chapters[ch.ID]
	b.add(id, chapterHref(ch.ID), "application/xhtml+xml", "", page)
	b.spine = append(b.spine, id)
}
