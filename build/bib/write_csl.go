package bib

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Writers for `normpress bib --to`: the same items as CSL-JSON or
// CSL-YAML, byte for byte the same on every run. Keys come in one order:
// id, type, then the variables alphabetically (ignoring case), so a diff
// between two exports shows what changed, not how a map was walked.

// itemKeys lists an item's variables in output order.
func itemKeys(it *Item) []string {
	var keys []string
	for k, v := range it.Fields {
		if v != "" && k != "id" && k != "type" {
			keys = append(keys, k)
		}
	}
	for k, ns := range it.Names {
		if len(ns) > 0 {
			keys = append(keys, k)
		}
	}
	for k, d := range it.Dates {
		if !d.IsZero() {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(keys)
}

// WriteCSLJSON writes items as a CSL-JSON array, two-space indented, one
// name and one date per line.
func WriteCSLJSON(items []*Item) []byte {
	var b bytes.Buffer
	if len(items) == 0 {
		return []byte("[]\n")
	}
	b.WriteString("[\n")
	for i, it := range items {
		b.WriteString("  {\n")
		b.WriteString(`    "id": `)
		jsonString(&b, it.ID)
		b.WriteString(",\n")
		b.WriteString(`    "type": `)
		jsonString(&b, it.Type)
		for _, k := range itemKeys(it) {
			b.WriteString(",\n    ")
			jsonString(&b, k)
			b.WriteString(": ")
			switch {
			case len(it.Names[k]) > 0:
				b.WriteString("[\n")
				for j, n := range it.Names[k] {
					b.WriteString("      ")
					jsonName(&b, n)
					if j < len(it.Names[k])-1 {
						b.WriteByte(',')
					}
					b.WriteByte('\n')
				}
				b.WriteString("    ]")
			case !it.Dates[k].IsZero():
				jsonDate(&b, it.Dates[k])
			default:
				jsonString(&b, it.Fields[k])
			}
		}
		b.WriteString("\n  }")
		if i < len(items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// jsonString writes s quoted, escaping only what JSON requires: "<i>"
// stays readable (encoding/json would write \u003ci\u003e).
func jsonString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&0xf])
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\ufffd`)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}

type kv struct {
	key string
	val any // string, bool, int
}

func nameFields(n Name) []kv {
	var out []kv
	add := func(k, v string) {
		if v != "" {
			out = append(out, kv{k, v})
		}
	}
	add("family", n.Family)
	add("given", n.Given)
	add("dropping-particle", n.DroppingParticle)
	add("non-dropping-particle", n.NonDroppingParticle)
	add("suffix", n.Suffix)
	if n.CommaSuffix {
		out = append(out, kv{"comma-suffix", true})
	}
	if n.StaticOrdering {
		out = append(out, kv{"static-ordering", true})
	}
	add("literal", n.Literal)
	if n.IsInstitution {
		out = append(out, kv{"isInstitution", true})
	}
	if n.ParseNames != nil {
		out = append(out, kv{"parse-names", *n.ParseNames})
	}
	return out
}

func jsonName(b *bytes.Buffer, n Name) {
	b.WriteByte('{')
	for i, f := range nameFields(n) {
		if i > 0 {
			b.WriteString(", ")
		}
		jsonString(b, f.key)
		b.WriteString(": ")
		jsonScalar(b, f.val)
	}
	b.WriteByte('}')
}

func jsonScalar(b *bytes.Buffer, v any) {
	switch v := v.(type) {
	case string:
		jsonString(b, v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	}
}

// dateParts trims a date's missing trailing parts; an open end is [0].
func dateParts(p [3]int) []int {
	switch {
	case p[2] != 0:
		return p[:]
	case p[1] != 0:
		return p[:2]
	}
	return p[:1]
}

func dateFields(d Date) []kv {
	var out []kv
	if d.Circa {
		out = append(out, kv{"circa", true})
	}
	if d.Literal != "" {
		out = append(out, kv{"literal", d.Literal})
	}
	if d.Raw != "" {
		out = append(out, kv{"raw", d.Raw})
	}
	if d.Season != 0 {
		out = append(out, kv{"season", d.Season})
	} else if d.SeasonText != "" {
		out = append(out, kv{"season", d.SeasonText})
	}
	return out
}

func jsonDate(b *bytes.Buffer, d Date) {
	b.WriteByte('{')
	sep := ""
	if len(d.Parts) > 0 {
		b.WriteString(`"date-parts": [`)
		for i, p := range d.Parts {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('[')
			for j, n := range dateParts(p) {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(strconv.Itoa(n))
			}
			b.WriteByte(']')
		}
		b.WriteByte(']')
		sep = ", "
	}
	for _, f := range dateFields(d) {
		b.WriteString(sep)
		sep = ", "
		jsonString(b, f.key)
		b.WriteString(": ")
		jsonScalar(b, f.val)
	}
	b.WriteByte('}')
}

// WriteCSLYAML writes items as pandoc's CSL-YAML: a references: list,
// names and dates in flow style on one line.
func WriteCSLYAML(items []*Item) []byte {
	list := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range items {
		m := &yaml.Node{Kind: yaml.MappingNode}
		add := func(k string, v *yaml.Node) { m.Content = append(m.Content, yamlStr(k), v) }
		add("id", yamlStr(it.ID))
		add("type", yamlStr(it.Type))
		for _, k := range itemKeys(it) {
			switch {
			case len(it.Names[k]) > 0:
				seq := &yaml.Node{Kind: yaml.SequenceNode}
				for _, n := range it.Names[k] {
					seq.Content = append(seq.Content, yamlMap(nameFields(n)))
				}
				add(k, seq)
			case !it.Dates[k].IsZero():
				add(k, yamlDate(it.Dates[k]))
			default:
				add(k, yamlStr(it.Fields[k]))
			}
		}
		list.Content = append(list.Content, m)
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{yamlStr("references"), list}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		// Encoding a tree of strings, booleans and integers cannot fail;
		// an error here is a bug, and an empty list is the safe output.
		return []byte("references: []\n")
	}
	_ = enc.Close()
	return b.Bytes()
}

func yamlStr(s string) *yaml.Node {
	// yaml.v3 refuses to write bytes that are not UTF-8.
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: strings.ToValidUTF8(s, "\uFFFD")}
}

func yamlScalar(v any) *yaml.Node {
	switch v := v.(type) {
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
	case string:
		return yamlStr(v)
	}
	return yamlStr("")
}

func yamlMap(fs []kv) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	for _, f := range fs {
		m.Content = append(m.Content, yamlStr(f.key), yamlScalar(f.val))
	}
	return m
}

func yamlDate(d Date) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	if len(d.Parts) > 0 {
		outer := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, p := range d.Parts {
			inner := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, n := range dateParts(p) {
				inner.Content = append(inner.Content, yamlScalar(n))
			}
			outer.Content = append(outer.Content, inner)
		}
		m.Content = append(m.Content, yamlStr("date-parts"), outer)
	}
	for _, f := range dateFields(d) {
		m.Content = append(m.Content, yamlStr(f.key), yamlScalar(f.val))
	}
	return m
}
