package project

import (
	"bytes"

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
//
// A long list is decoded one record at a time (see splitRecords): yaml.v3's
// node tree costs about ten bytes per input byte, and held for a whole 50 MB
// file it made memory grow with the file instead of with one record.
func decodeRecords(f *source.File) ([]*Record, source.Diags) {
	return decodeRecordsIn(f, batchBytes)
}

// decodeRecordsIn decodes the records in parses of at least batch bytes.
func decodeRecordsIn(f *source.File, batch int) ([]*Record, source.Diags) {
	chunks := splitRecords(f.Data, batch)
	if len(chunks) < 2 {
		return decodeWhole(f)
	}
	var out []*Record
	var ds source.Diags
	for _, c := range chunks {
		var cds source.Diags
		root := ParseYAML(f, f.Data[c[0]:c[1]], c[0], &cds)
		if cds.HasErrors() || root == nil || root.Kind != yaml.SequenceNode {
			// Report as the whole file reads, in case the split misread
			// something the parser sees differently.
			return decodeWhole(f)
		}
		recs, rds := decodeRecordNodes(f, c[0], root)
		out = append(out, recs...)
		ds = append(ds, rds...)
	}
	return out, ds
}

func decodeWhole(f *source.File) ([]*Record, source.Diags) {
	var ds source.Diags
	root := ParseYAML(f, f.Data, 0, &ds)
	if root == nil {
		if !ds.HasErrors() {
			ds.Errorf(f.At(0), "empty-record", "the digest record file is empty")
		}
		return nil, ds
	}
	recs, rds := decodeRecordNodes(f, 0, root)
	return recs, append(ds, rds...)
}

// splitRecords cuts a block-style top-level list into its items: each
// starts with "- " (or "-" alone) at the start of a line. Nothing inside an
// item can start a line with a dash in column 1: its keys, block scalars and
// continuation lines are indented. Anything else (a mapping, a flow list,
// several documents, a tab, a line in column 1 that is not an item or a
// comment) is not split: nil.
func splitRecords(data []byte, size int) [][2]int {
	var out [][2]int
	start := -1
	for off := 0; off < len(data); {
		end := off
		for end < len(data) && data[end] != '\n' {
			end++
		}
		line := data[off:end]
		next := end + 1
		switch {
		case len(line) == 0 || line[0] == ' ' || line[0] == '#' || line[0] == '\r':
		case line[0] == '-' && (len(line) == 1 || line[1] == ' ' || line[1] == '\r'):
			if start >= 0 {
				out = append(out, [2]int{start, off})
			} else if hasContent(data[:off]) {
				return nil
			}
			start = off
		default:
			return nil
		}
		off = next
	}
	if start < 0 {
		return nil
	}
	return batch(append(out, [2]int{start, len(data)}), size)
}

// batchBytes is how much YAML one parse reads at least: a parser costs a
// few kilobytes to set up, too much to pay per record.
const batchBytes = 64 << 10

// batch joins neighbouring items into runs of size bytes or more.
func batch(items [][2]int, size int) [][2]int {
	out := items[:0]
	for _, it := range items {
		if n := len(out); n > 0 && out[n-1][1]-out[n-1][0] < size {
			out[n-1][1] = it[1]
			continue
		}
		out = append(out, it)
	}
	return out
}

// hasContent reports whether b holds anything but blanks and comments
// (a byte-order mark, a directive or a "---" mean: do not split).
func hasContent(b []byte) bool {
	for _, l := range bytes.Split(b, []byte("\n")) {
		l = bytes.TrimRight(l, " \r")
		if len(l) > 0 && l[0] != '#' {
			return true
		}
	}
	return false
}

// decodeRecordNodes decodes the records in root, YAML text that starts at
// byte base of f.
func decodeRecordNodes(f *source.File, base int, root *yaml.Node) ([]*Record, source.Diags) {
	var ds source.Diags
	d := &decoder{f: f, base: base, ds: &ds}
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
