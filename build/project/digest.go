package project

import (
	"gopkg.in/yaml.v3"

	"github.com/normpress/normpress/build/source"
)

// Record is one digest entry: a work, what it is about, and the editor's
// words on it.
type Record struct {
	Span    source.Span // the record's mapping
	Key     Str         // citation key
	Topics  []Str
	Norms   []Str
	Summary Text // Markdown
	Note    Text // Markdown, optional
}

// Text is a YAML string that holds Markdown, with what a Markdown parser
// needs to map positions in the value back to the file: block scalars drop
// each line's indentation, so Start is the offset of the value's first line
// and Indent the bytes of indentation removed from every line.
type Text struct {
	Value  string
	Span   source.Span
	Start  int
	Indent int
}

func (d *decoder) text(n *yaml.Node, what string) (Text, bool) {
	s, ok := d.str(n, what)
	if !ok {
		return Text{}, false
	}
	t := Text{Value: s.Value, Span: s.Span, Start: s.Span.Start}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		// The value starts on the line after the indicator; its indentation
		// is the leading spaces of that line.
		line := d.f.Position(s.Span.Start).Line + 1
		off := d.f.Offset(line, 1)
		t.Start = off
		for off+t.Indent < len(d.f.Data) && d.f.Data[off+t.Indent] == ' ' {
			t.Indent++
		}
	} else if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		t.Start++ // past the opening quote
	}
	return t, true
}

func (d *decoder) setText(dst *Text, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if t, ok := d.text(n, what); ok {
			*dst = t
		}
	}
}

// decodeRecords reads a record file: one mapping, or a list of them.
func decodeRecords(f *source.File) ([]*Record, source.Diags) {
	var ds source.Diags
	root := ParseYAML(f, f.Data, 0, &ds)
	if root == nil {
		if !ds.HasErrors() {
			ds.Errorf(f.At(0), "empty-record", "the digest record file is empty")
		}
		return nil, ds
	}
	d := &decoder{f: f, ds: &ds}
	nodes := []*yaml.Node{root}
	if root.Kind == yaml.SequenceNode {
		nodes = root.Content
	}
	var out []*Record
	for _, n := range nodes {
		r := &Record{Span: d.span(n)}
		ok := d.mapping(n, "a digest record", []field{
			{"key", d.setStr(&r.Key, "key")},
			{"topics", d.setStrList(&r.Topics, "topics")},
			{"norms", d.setStrList(&r.Norms, "norms")},
			{"summary", d.setText(&r.Summary, "summary")},
			{"note", d.setText(&r.Note, "note")},
		}, "key", "topics", "summary")
		if ok && r.Key.Value != "" {
			out = append(out, r)
		}
	}
	return out, ds
}
