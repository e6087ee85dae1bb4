package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/yuin/goldmark/ast"
)

// image converts an image in running text.
func (c *converter) image(b *inlineBuilder, n *ast.Image) {
	alt := c.inlines(n)
	start, end := imageSpan(n, c.src)
	a := c.asset(n.Destination, start, end)
	if a == nil {
		b.addAll(alt)
		return
	}
	img := &doc.Image{Span: c.span(start, end), Asset: a, Alt: doc.PlainText(alt)}
	if n.Title != nil {
		img.Title = c.clean(unescape(n.Title))
	}
	if img.Alt == "" {
		c.warnf(start, end, "missing-alt", "image %s has no alternative text", a.Path).
			WithHint("describe it between the brackets: ![A map of …](%s)", a.Path)
	}
	b.add(img)
}

// imageSpan covers "![…](…)": goldmark gives the start; the end is the
// ')' or ']' after the last child, found in the source.
func imageSpan(n *ast.Image, src []byte) (int, int) {
	start := max(n.Pos(), 0)
	end := start
	if next := n.NextSibling(); next != nil {
		switch x := next.(type) {
		case *figureAttrs:
			end = x.Start
		case *ast.Text:
			end = x.Segment.Start
		}
	}
	if end <= start {
		end = lineEnd(src, start)
	}
	return start, end
}

// asset resolves an image's path against the chapter's folder. A remote or
// escaping path is an error and gives no asset.
func (c *converter) asset(dest []byte, start, end int) *doc.Asset {
	raw := strings.TrimSpace(c.clean(unescape(dest)))
	if raw == "" {
		c.errorf(start, end, "image-path", "image has no file name")
		return nil
	}
	if urlScheme(raw) != "" || strings.HasPrefix(raw, "//") {
		c.errorf(start, end, "image-path", "image %q is not a file in the project", shorten(raw)).
			WithHint("save the image in the project and give its path relative to this file")
		return nil
	}
	p := raw
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
		c.errorf(start, end, "image-path", "image path %q must be relative, with / between folders", shorten(raw))
		return nil
	}
	full := path.Clean(path.Join(path.Dir(c.r.f.Name), p))
	if full == ".." || strings.HasPrefix(full, "../") {
		c.errorf(start, end, "image-path", "image path %q leaves the project", shorten(raw))
		return nil
	}
	a, ok := c.r.assets[full]
	if !ok {
		a = &doc.Asset{Path: full}
		c.r.assets[full] = a
	}
	c.r.refs = append(c.r.refs, &AssetRef{Asset: a, Span: c.span(start, end)})
	return a
}

// figure makes a doc.Figure of a paragraph that holds one image and, at
// most, its attribute block.
func (c *converter) figure(p *ast.Paragraph) doc.Block {
	var img *ast.Image
	var fa *figureAttrs
	for ch := p.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Image:
			if img != nil || fa != nil {
				return nil
			}
			img = ch
		case *figureAttrs:
			if img == nil || fa != nil {
				return nil
			}
			fa = ch
		case *ast.Text:
			if len(strings.TrimSpace(string(ch.Segment.Value(c.src)))) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	if img == nil {
		return nil
	}
	start, end := imageSpan(img, c.src)
	caption := c.inlines(img)
	fig := &doc.Figure{Span: c.blockSpan(p), Caption: caption, Alt: doc.PlainText(caption)}
	if fa != nil {
		c.figureAttrs(fig, fa)
	}
	fig.Asset = c.asset(img.Destination, start, end)
	if fig.Asset == nil {
		return &doc.Para{Span: fig.Span, Inlines: caption}
	}
	if fig.Alt == "" && !fig.Decorative {
		c.warnf(start, end, "missing-alt", "figure %s has no caption or alternative text", fig.Asset.Path).
			WithHint("write the caption between the brackets: ![A map of …](%s)", fig.Asset.Path)
	}
	return fig
}

func (c *converter) figureAttrs(fig *doc.Figure, fa *figureAttrs) {
	a := fa.Attr
	switch kind := labelKind(a.ID); {
	case a.ID == "":
	case kind == "fig":
		fig.Attr.Label = a.ID
		c.checkLabel(a.ID, fa.Start, fa.End)
	default:
		c.errorf(fa.Start, fa.End, "label-kind", "figure label %q must start with fig:", a.ID).
			WithHint("{#fig:%s}", strings.TrimPrefix(a.ID, kind+":"))
	}
	var ignored []string
	for _, cl := range a.Classes {
		ignored = append(ignored, "."+cl)
	}
	for i, kv := range a.KV {
		switch kv[0] {
		case "alt":
			fig.Alt = kv[1]
			fig.Decorative = kv[1] == ""
		case "width":
			start, end := fa.Start, fa.End
			if i < len(fa.KVAt) {
				start, end = fa.KVAt[i][0], fa.KVAt[i][1]
			}
			fig.Width = c.figureWidth(kv[1], start, end)
		default:
			ignored = append(ignored, kv[0])
		}
	}
	if len(ignored) > 0 {
		// doc.Figure has no attributes yet: say so rather than drop silently.
		c.warnf(fa.Start, fa.End, "ignored-attribute", "figure attributes %s are not supported yet and are ignored", strings.Join(ignored, ", "))
	}
}
