package pipeline

import (
	"bytes"
	"image"
	_ "image/jpeg" // the image formats every renderer accepts
	_ "image/png"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/markdown"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
)

// loadAssets reads and checks the images a chapter uses. Markdown names them
// relative to the file name it was given, which carries the project prefix.
func (st *pubState) loadAssets(proj *project.Project, refs []*markdown.AssetRef, ds *source.Diags, opts Options) {
	for _, ref := range refs {
		p := ref.Asset.Path
		if opts.Prefix != "" {
			if !strings.HasPrefix(p, opts.Prefix) {
				ds.Errorf(ref.Span, "bad-path", "refused image %q: the path leaves the project folder", p)
				continue
			}
			p = strings.TrimPrefix(p, opts.Prefix)
		}
		if a := st.asset(proj, p, ref.Span, ds); a != nil {
			*ref.Asset = *a
		}
	}
}

// asset reads one image, once per publication, and checks that it decodes:
// fpdf panics on a truncated PNG, and a reader's browser shows a broken icon,
// so a bad image is an error at the place that uses it.
func (st *pubState) asset(proj *project.Project, path string, at source.Span, ds *source.Diags) *doc.Asset {
	if a, ok := st.assets[path]; ok {
		return a
	}
	data, rds := proj.Read(path, at)
	ds.Add(rds...)
	if data == nil {
		st.assets[path] = nil
		return nil
	}
	a := &doc.Asset{Path: path, Data: data}
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		a.MediaType = "image/png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		a.MediaType = "image/jpeg"
	default:
		ds.Errorf(at, "bad-image", "%s is not a PNG or JPEG image", path).
			WithHint("convert it to PNG (diagrams) or JPEG (photographs)")
		st.assets[path] = nil
		return nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		ds.Errorf(at, "bad-image", "cannot decode %s: %v", path, err)
		st.assets[path] = nil
		return nil
	}
	b := img.Bounds()
	a.Width, a.Height = b.Dx(), b.Dy()
	st.assets[path] = a
	st.pub.Assets = insertSorted(st.pub.Assets, a)
	return a
}

func insertSorted(as []*doc.Asset, a *doc.Asset) []*doc.Asset {
	i := 0
	for i < len(as) && as[i].Path < a.Path {
		i++
	}
	return append(as[:i], append([]*doc.Asset{a}, as[i:]...)...)
}
