package pipeline

import (
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/epub/fontsubset"
	"github.com/normpress/normpress/build/pdf"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
)

// fonts turns a publication's fonts: section into the faces its renderers
// use (the PDF: the four serif faces and mono; the EPUB: the serif faces),
// each checked here, so
// that a file that cannot serve is an error at its line in the manifest
// rather than a warning without a place from deep inside a renderer.
func fonts(proj *project.Project, spec *project.Pub, ds *source.Diags) doc.Fonts {
	out := doc.Fonts{Data: map[string][]byte{}}
	use := func(s project.Str, dst *string) {
		if s.Value == "" {
			return
		}
		path, err := project.CleanPath("", s.Value)
		if err != nil {
			return // refused when the project was loaded
		}
		data, ok := proj.Blobs[path]
		if !ok {
			return // missing or unreadable: reported when loaded
		}
		if err := pdf.CheckFont(data); err != nil {
			ds.Errorf(s.Span, "bad-font", "font %s cannot be used: %v", s.Value, err).
				WithHint("give a TrueType (.ttf) file; an OpenType font with PostScript outlines (.otf) can be converted with FontForge or fonttools")
			return
		}
		if _, err := fontsubset.Subset(data, []rune("Aa0")); err != nil {
			ds.Errorf(s.Span, "bad-font", "font %s cannot be embedded in the EPUB: %v", s.Value, err)
			return
		}
		*dst = path
		out.Data[path] = data
	}
	f := spec.Fonts
	use(f.Serif.Regular, &out.Serif)
	use(f.Serif.Italic, &out.SerifItalic)
	use(f.Serif.Bold, &out.SerifBold)
	use(f.Serif.BoldItalic, &out.SerifBoldItalic)
	use(f.Mono.Regular, &out.Mono)
	// What no edition draws with is said, not silently dropped: the
	// editions set no text in a sans-serif face of the publication's own,
	// and their code in one monospaced face.
	for _, s := range []project.Str{f.Sans.Regular, f.Sans.Italic, f.Sans.Bold, f.Sans.BoldItalic} {
		if s.Value != "" {
			ds.Warnf(s.Span, "font-unused", "font %s is not used: no edition sets text in a sans-serif face of its own", s.Value).
				WithHint("remove the line; the serif faces set the text and the headings")
		}
	}
	for _, s := range []project.Str{f.Mono.Italic, f.Mono.Bold, f.Mono.BoldItalic} {
		if s.Value != "" {
			ds.Warnf(s.Span, "font-unused", "font %s is not used: code is set in the monospaced family's regular face", s.Value).
				WithHint("remove the line, or name the file as fonts.mono.regular")
		}
	}
	if len(out.Data) == 0 {
		out.Data = nil
	}
	return out
}
