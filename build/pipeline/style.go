package pipeline

import (
	"bytes"
	"encoding/xml"

	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
)

// builtinClasses are the built-in styles and whether they cite in notes.
var builtinClasses = map[string]string{
	"chicago-notes": "note",
	"author-date":   "in-text",
	"numeric":       "in-text",
}

// citeClass says whether a style cites in notes or in the text. A style
// file's class is the class attribute of its root element.
func citeClass(style project.Str, proj *project.Project, ds *source.Diags) string {
	name := style.Value
	if name == "" {
		return "note"
	}
	if c, ok := builtinClasses[name]; ok {
		return c
	}
	path, err := project.CleanPath("", name)
	f := proj.Styles[path]
	if err != nil || f == nil {
		if len(name) < 4 || name[len(name)-4:] != ".csl" {
			d := ds.Errorf(style.Span, "unknown-style", "unknown citation style %q", name)
			d.WithHint("built-in styles: chicago-notes, author-date, numeric; or give the path of a .csl file")
		}
		return "note"
	}
	dec := xml.NewDecoder(bytes.NewReader(f.Data))
	for {
		tok, err := dec.Token()
		if err != nil {
			ds.Errorf(f.At(int(dec.InputOffset())), "bad-style", "cannot read the style: %v", err)
			return "note"
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "class" {
					return a.Value
				}
			}
			ds.Errorf(f.At(0), "bad-style", "the style has no class attribute (note or in-text)")
			return "note"
		}
	}
}
