// Package paths is the address scheme of the HTML edition: where each
// chapter page, contents page, image and citation record lives in the
// output folder, and how an anchor is written after '#'.
//
// It is the one place that knows the scheme, so the PDF and the EPUB can
// link into the web edition without importing the site renderer (the
// renderers never import each other), and the resolve phase can give a
// publication its address for "how to cite".
package paths

import (
	"fmt"
	"net/url"
	"strings"
)

// Chapter is where a chapter's page lives, relative to the output root.
func Chapter(pub, chapter string) string { return pub + "/" + chapter + ".html" }

// Contents is a publication's contents page.
func Contents(pub string) string { return pub + "/index.html" }

// Media is where an image from the sources is copied: under assets/,
// shared by the publications that use it, at its project path so that two
// images never collide.
func Media(assetPath string) string { return "assets/media/" + assetPath }

// Cover is a publication's cover image on the site.
func Cover(pub string) string { return "assets/covers/" + pub + ".png" }

// Cite is where a chapter's bibliographic record is offered in one
// format (ext "bib", "ris", "json"); for chapter "" it is the whole
// publication's. No chapter is called "index", since that name is the
// contents page's.
func Cite(pub, chapter, ext string) string {
	if chapter == "" {
		chapter = "index"
	}
	return pub + "/cite/" + chapter + "." + ext
}

// Rel makes a path relative to the output root usable from a page at
// depth levels below it, escaping each segment for a URL.
func Rel(depth int, path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Repeat("../", depth) + strings.Join(segs, "/")
}

// ChapterHref links from a page at depth to a place in a chapter.
func ChapterHref(depth int, pub, chapter, anchor string) string {
	h := Rel(depth, Chapter(pub, chapter))
	if anchor != "" {
		h += "#" + Fragment(anchor)
	}
	return h
}

// Fragment escapes an element id for use after '#': ids are the
// resolver's labels and slugs, which may hold ':' (valid in a fragment)
// but, from a hand-written label, also characters that are not.
func Fragment(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~:@!$'()*+,;=/?", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
