package pipeline

import (
	"strings"

	"github.com/normpress/normpress/build/csl"
	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/templates"
)

// styles parses each style a publication names once per build.
type styles struct {
	proj   *project.Project
	parsed map[string]*csl.Style
	cache  *parseCache // the session's, which keeps them between builds
}

// load finds a style by built-in name or by path, parses it and reports
// its problems at their place in the style file (or at the manifest entry
// when the style is not found).
func (s *styles) load(ref project.Str, ds *source.Diags) *csl.Style {
	name := ref.Value
	if name == "" {
		name = "chicago-notes"
	}
	if st, ok := s.parsed[name]; ok {
		return st
	}
	var f *source.File
	if strings.HasSuffix(name, ".csl") {
		path, err := project.CleanPath("", name)
		if err == nil {
			f = s.proj.Styles[path] // a missing file is reported by the loader
		}
	} else {
		data, ok := templates.Style(name)
		if !ok {
			ds.Errorf(ref.Span, "unknown-style", "unknown citation style %q", name).
				WithHint("built-in styles: %s; or give the path of a .csl file", strings.Join(templates.StyleNames(), ", "))
		} else {
			f = source.NewFile("templates/styles/"+name+".csl", data)
		}
	}
	var st *csl.Style
	if f != nil {
		var sds source.Diags
		st, sds = s.cache.style(f)
		ds.Add(sds...)
		if sds.HasErrors() {
			st = nil
		}
	}
	if s.parsed == nil {
		s.parsed = map[string]*csl.Style{}
	}
	s.parsed[name] = st
	return st
}
