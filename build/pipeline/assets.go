package pipeline

import (
	"errors"
	"path"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/markdown"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/raster"
	"github.com/normpress/normpress/build/source"
)

// loadAssets reads and checks the images a chapter uses. Markdown names them
// relative to the file name it was given, which carries the project prefix.
func (st *pubState) loadAssets(proj *project.Project, refs []*markdown.AssetRef, ds *source.Diags, opts Options) {
	// Markdown cleans the paths it joins ("./chapters/a.md" names an image
	// "chapters/x.png"), so the prefix is compared cleaned too: --project
	// ./chapters, . or chapters/../chapters all name the same folder.
	prefix := ""
	if opts.Prefix != "" {
		if c := path.Clean(opts.Prefix); c != "." {
			prefix = c + "/"
		}
	}
	for _, ref := range refs {
		p := ref.Asset.Path
		if prefix != "" {
			if !strings.HasPrefix(p, prefix) {
				ds.Errorf(ref.Span, "bad-path", "refused image %q: the path leaves the project folder", p)
				continue
			}
			p = strings.TrimPrefix(p, prefix)
		} else if p == ".." || strings.HasPrefix(p, "../") {
			ds.Errorf(ref.Span, "bad-path", "refused image %q: the path leaves the project folder", p)
			continue
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
	bad := func(format string, args ...any) *source.Diag {
		st.assets[path] = nil
		return ds.Errorf(at, "bad-image", format, args...)
	}
	// The header first: the format from the bytes, the size before any
	// pixel is decoded, so a small file that declares a huge image costs
	// nothing.
	info, err := raster.Header(data, st.maxPixels)
	var tooLarge *raster.TooLargeError
	switch {
	case errors.Is(err, raster.ErrFormat):
		bad("%s is not a PNG or JPEG image", path).
			WithHint("convert it to PNG (diagrams) or JPEG (photographs)")
		return nil
	case errors.As(err, &tooLarge):
		bad("%s: %v", path, err).
			WithHint("scale it down, or raise max-image-pixels in %s", project.ManifestName)
		return nil
	case err != nil:
		bad("cannot decode %s: %v", path, err)
		return nil
	}
	if want := raster.ExtensionMismatch(path, info); want != "" {
		bad("%s is a %s image, but its name says otherwise", path, strings.ToUpper(info.Format)).
			WithHint("rename it %s: e-book readers and browsers go by the name", want)
		return nil
	}
	// Decoded once, here: every renderer that needs pixels uses these.
	img, err := st.cache.image(path, data, st.maxPixels, info)
	if err != nil {
		bad("cannot decode %s: %v", path, err)
		return nil
	}
	a.MediaType, a.Width, a.Height, a.Pixels = info.MediaType, info.Width, info.Height, img
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
