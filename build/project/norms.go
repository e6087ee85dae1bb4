package project

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Registry is the decoded norm registry.
type Registry struct {
	Source Str // citation key of the document the texts come from
	Norms  []*doc.Norm
	ByID   map[string]*doc.Norm
}

var normIDRE = regexp.MustCompile(`^([0-9]+)([a-z]+)$`)

// normLabel turns "13c" into "13(c)", the form in which the norms are cited.
func normLabel(id string) string {
	if m := normIDRE.FindStringSubmatch(id); m != nil {
		return m[1] + "(" + m[2] + ")"
	}
	return id
}

func decodeNorms(f *source.File) (*Registry, source.Diags) {
	var ds source.Diags
	r := &Registry{ByID: map[string]*doc.Norm{}}
	root := ParseYAML(f, f.Data, 0, &ds)
	if root == nil {
		if !ds.HasErrors() {
			ds.Errorf(f.At(0), "empty-registry", "the norm registry is empty")
		}
		return r, ds
	}
	d := &decoder{f: f, ds: &ds}
	d.mapping(root, "the norm registry", []field{
		{"source", d.setStr(&r.Source, "source")},
		{"norms", func(v *yaml.Node) {
			if v.Kind != yaml.SequenceNode {
				d.errorf(v, "yaml-type", "norms must be a list, found %s", kindName(v))
				return
			}
			for _, c := range v.Content {
				var id Str
				n := &doc.Norm{Span: d.span(c)}
				d.mapping(c, "a norm", []field{
					{"id", d.setStr(&id, "id")},
					{"title", d.setString(&n.Title, "title")},
					{"text", d.setString(&n.Text, "text")},
				}, "id", "title", "text")
				if id.Value == "" {
					continue
				}
				if !normIDRE.MatchString(id.Value) {
					ds.Errorf(id.Span, "bad-id", "norm id %q must be a paragraph number and a letter, as in 13c", id.Value)
					continue
				}
				if prev := r.ByID[id.Value]; prev != nil {
					ds.Errorf(id.Span, "duplicate-id", "duplicate norm id %q", id.Value).
						WithHint("first defined at %s", prev.Span.Position())
					continue
				}
				n.ID = id.Value
				n.Label = normLabel(id.Value)
				n.Text = strings.TrimSpace(n.Text)
				n.Source = r.Source.Value
				n.Chapter = map[string]*doc.Chapter{}
				r.Norms = append(r.Norms, n)
				r.ByID[n.ID] = n
			}
		}},
	}, "norms")
	for _, n := range r.Norms {
		n.Source = r.Source.Value
	}
	return r, ds
}
