// Package site is the frame of the HTML edition that every page shares:
// where each page and asset lives in the output folder, the page templates
// and their common parts, the stylesheet and scripts, the landing page and
// the offline search index. build/html renders the publications' pages into
// this frame; the landing page and the index are here because they span all
// publications.
//
// Everything a page refers to is relative to it, so the site works opened
// from the file system and served from any path, and no page makes a
// request outside the output folder.
package site

import (
	"strings"
	"time"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/paths"
)

// File is one output file; Path is relative to the output root and
// slash-separated.
type File struct {
	Path string
	Data []byte
}

// Download is a publication's PDF or EPUB beside the site, for its links.
type Download struct {
	Format string // "PDF", "EPUB"
	Path   string // relative to the output root: "commentary.pdf"
	Bytes  int64
}

// The page addresses are build/paths' scheme, which the PDF and the EPUB
// share; these names stay for the site's templates and the HTML renderer.

// ChapterPath is where a chapter's page lives.
func ChapterPath(pub, chapter string) string { return paths.Chapter(pub, chapter) }

// ContentsPath is a publication's contents page.
func ContentsPath(pub string) string { return paths.Contents(pub) }

// MediaPath is where an image from the sources is copied.
func MediaPath(assetPath string) string { return paths.Media(assetPath) }

// CoverPath is a publication's cover image on the site.
func CoverPath(pub string) string { return paths.Cover(pub) }

// Rel makes a path relative to the output root usable from a page at
// depth levels below it, escaping each segment for a URL.
func Rel(depth int, path string) string { return paths.Rel(depth, path) }

// ChapterHref links from a page at depth to a place in a chapter.
func ChapterHref(depth int, pub, chapter, anchor string) string {
	return paths.ChapterHref(depth, pub, chapter, anchor)
}

func fragment(id string) string { return paths.Fragment(id) }

// Fragment escapes an element id for use after '#'.
func Fragment(id string) string { return paths.Fragment(id) }

// HumanSize writes a file size as English readers expect it on a
// download link: "1.2 MB", "340 KB" (doc.Terms.Size in other languages).
func HumanSize(n int64) string { return (*doc.Terms)(nil).Size(n) }

// HumanDate writes an ISO date (2026-11-01) as English readers expect it:
// "1 November 2026", or "November 1, 2026" for en-US. Other languages and
// partial dates keep the ISO form, which every reader understands.
func HumanDate(iso, lang string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil || !strings.HasPrefix(strings.ToLower(lang), "en") {
		return iso
	}
	if strings.EqualFold(lang, "en-US") {
		return t.Format("January 2, 2006")
	}
	return t.Format("2 January 2006")
}

// CitePath is where a chapter's bibliographic record is offered in one
// format; for chapter "" it is the whole publication's.
func CitePath(pub, chapter, ext string) string { return paths.Cite(pub, chapter, ext) }
