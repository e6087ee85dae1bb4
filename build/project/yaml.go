package project

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/yamlerr"
)

// Strict YAML decoding with positions. yaml.v3's struct decoding reports
// unknown keys and wrong types as strings without columns, so every document
// is walked as a yaml.Node tree instead: each key and value knows its line
// and column, and every problem is reported, not just the first.

// ParseYAML parses a YAML document into its root node. A syntax error is
// reported where its cause is (see package yamlerr).
func ParseYAML(f *source.File, data []byte, base int, ds *source.Diags) *yaml.Node {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		yamlerr.Report(ds, f, base, data, err, "yaml-syntax", "invalid YAML: ")
		return nil
	}
	if root.Kind == 0 {
		return nil // empty document
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		return root.Content[0]
	}
	return &root
}

// decoder carries the file and the offset of the YAML text in it.
type decoder struct {
	f    *source.File
	base int // byte offset of line 1, column 1 of the YAML text in f
	ds   *source.Diags
}

func (d *decoder) span(n *yaml.Node) source.Span {
	if n == nil {
		return d.f.At(d.base)
	}
	startLine := d.f.Position(d.base).Line
	return d.f.LineCol(startLine+n.Line-1, n.Column)
}

func (d *decoder) errorf(n *yaml.Node, code, format string, args ...any) *source.Diag {
	return d.ds.Errorf(d.span(n), code, format, args...)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return "a scalar"
	}
	return "nothing"
}

// field is one key a mapping may hold, and what to do with its value.
type field struct {
	name string
	set  func(v *yaml.Node)
}

// mapping decodes a mapping node: known keys call their setter, unknown keys
// and duplicates are errors, and required keys that are missing are reported
// at the mapping.
func (d *decoder) mapping(n *yaml.Node, what string, fields []field, required ...string) bool {
	if n == nil {
		return false
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "yaml-type", "%s must be a mapping, found %s", what, kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		var fd *field
		for j := range fields {
			if fields[j].name == key {
				fd = &fields[j]
				break
			}
		}
		if fd == nil {
			diag := d.errorf(k, "unknown-key", "unknown key %q in %s", key, what)
			if s := source.Suggest(key, fieldNames(fields)); s != "" {
				diag.WithHint("did you mean %q?", s)
			} else {
				diag.WithHint("known keys: %s", strings.Join(fieldNames(fields), ", "))
			}
			continue
		}
		if seen[key] {
			d.errorf(k, "duplicate-key", "duplicate key %q in %s", key, what)
			continue
		}
		seen[key] = true
		fd.set(v)
	}
	for _, r := range required {
		if !seen[r] {
			d.errorf(n, "missing-key", "%s needs %q", what, r)
		}
	}
	return true
}

// Str is a string value with the span it came from.
type Str struct {
	Value string
	Span  source.Span
}

func (d *decoder) str(n *yaml.Node, what string) (Str, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, "yaml-type", "%s must be a string, found %s", what, kindName(n))
		return Str{Span: d.span(n)}, false
	}
	return Str{Value: n.Value, Span: d.span(n)}, true
}

func (d *decoder) setStr(dst *Str, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if s, ok := d.str(n, what); ok {
			*dst = s
		}
	}
}

func (d *decoder) setString(dst *string, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if s, ok := d.str(n, what); ok {
			*dst = s.Value
		}
	}
}

func (d *decoder) setBool(dst *bool, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
			var b bool
			if err := n.Decode(&b); err == nil {
				*dst = b
				return
			}
		}
		d.errorf(n, "yaml-type", "%s must be true or false, found %q", what, n.Value)
	}
}

func (d *decoder) setInt(dst *int, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
			if v, err := strconv.Atoi(n.Value); err == nil {
				*dst = v
				return
			}
		}
		d.errorf(n, "yaml-type", "%s must be a whole number, found %s", what, describe(n))
	}
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return fmt.Sprintf("%q", n.Value)
	}
	return kindName(n)
}

// setOneOf decodes a string that must be one of a few words.
func (d *decoder) setOneOf(dst *Str, what string, allowed ...string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		s, ok := d.str(n, what)
		if !ok {
			return
		}
		for _, a := range allowed {
			if s.Value == a {
				*dst = s
				return
			}
		}
		d.errorf(n, "yaml-value", "%s must be one of %s, found %q", what, strings.Join(allowed, ", "), s.Value)
	}
}

// strList accepts a list of strings, or one string as a list of one (as
// pandoc accepts `author: Name`).
func (d *decoder) strList(n *yaml.Node, what string) []Str {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []Str{{Value: n.Value, Span: d.span(n)}}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "yaml-type", "%s must be a list of strings, found %s", what, kindName(n))
		return nil
	}
	out := make([]Str, 0, len(n.Content))
	for _, c := range n.Content {
		if s, ok := d.str(c, what+" item"); ok {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) setStrList(dst *[]Str, what string) func(*yaml.Node) {
	return func(n *yaml.Node) { *dst = d.strList(n, what) }
}

func (d *decoder) setStrings(dst *[]string, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		for _, s := range d.strList(n, what) {
			*dst = append(*dst, s.Value)
		}
	}
}

// Values returns the plain strings of a list.
func Values(ss []Str) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Value
	}
	return out
}

func fieldNames(fields []field) []string {
	names := make([]string, len(fields))
	for j, f := range fields {
		names[j] = f.name
	}
	return names
}
