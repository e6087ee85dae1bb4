package epub

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site/cover"
	"github.com/normpress/normpress/build/source"
)

// mediaHref is where an asset lives in the container, relative to OEBPS.
func mediaHref(a *doc.Asset) string {
	segs := strings.Split(a.Path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return "media/" + strings.Join(segs, "/")
}

func (b *builder) media() {
	for i, a := range b.pub.Assets {
		if len(a.Data) == 0 {
			continue
		}
		if a.MediaType != "image/png" && a.MediaType != "image/jpeg" && a.MediaType != "image/gif" && a.MediaType != "image/svg+xml" && a.MediaType != "image/webp" {
			b.diags.Warnf(source.Span{}, "epub-media", "%s: %s has media type %q, which EPUB reading systems need not support", b.pub.ID, a.Path, a.MediaType)
		}
		b.files["OEBPS/"+unescaped(mediaHref(a))] = a.Data
		b.manifest = append(b.manifest, item{ID: fmt.Sprintf("img%03d", i+1), Href: mediaHref(a), MediaType: a.MediaType})
	}
}

func unescaped(href string) string {
	s, err := url.PathUnescape(href)
	if err != nil {
		return href
	}
	return s
}

// cover adds the cover image (the manifest's, or one drawn from the
// metadata) and a cover page that shows it first in the spine.
func (b *builder) cover() {
	var data []byte
	href, mt := "media/cover.png", "image/png"
	if c := b.pub.Cover; c != nil && len(c.Data) > 0 {
		data, mt = c.Data, c.MediaType
		href = "media/cover" + ext(c.Path)
	} else {
		var err error
		if data, err = cover.PNG(b.pub, cover.EPUBWidth); err != nil {
			b.diags.Errorf(source.Span{}, "cover", "%s: cover: %v", b.pub.ID, err)
			return
		}
	}
	b.add("cover-image", href, mt, "cover-image", data)
	page := b.exec("cover.xhtml", map[string]string{"Lang": b.lang(), "Src": href, "Alt": b.pub.Terms.Get(doc.TermCover) + ": " + b.pub.Title,
		"Cover": b.pub.Terms.Get(doc.TermCover)})
	b.add("cover", "cover.xhtml", "application/xhtml+xml", "", page)
	b.spine = append(b.spine, "cover")
}

func ext(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 && !strings.Contains(p[i:], "/") {
		return strings.ToLower(p[i:])
	}
	return ".png"
}
