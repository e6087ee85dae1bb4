package bib

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/yamlerr"
)

// CSL-YAML is CSL-JSON written as YAML, as pandoc reads it: a list of
// items, or a mapping whose "references" key holds the list (a pandoc
// metadata block). The yaml.v3 node tree gives every value its line and
// column; it is turned into the same nodes the JSON reader makes.

// ParseCSLYAML reads a CSL-YAML file.
func ParseCSLYAML(f *source.File) ([]*Item, source.Diags) {
	var ds source.Diags
	root, ok := parseYAMLRoot(f, &ds)
	if !ok {
		return nil, ds
	}
	conv := &yamlConv{f: f, ds: &ds, budget: 1 << 20}
	n := conv.node(root, 0)
	if n == nil {
		return nil, ds
	}
	var list *node
	switch n.kind {
	case nArray:
		list = n
	case nObject:
		for _, m := range n.members {
			if m.key == "references" {
				list = m.val
			}
		}
		if list == nil {
			if hasMember(n, "id") {
				list = &node{kind: nArray, off: n.off, elems: []*node{n}} // one item
			} else {
				ds.Errorf(f.At(n.off), "cslyaml-type", "expected a list of items or a references: key holding one").
					WithHint("pandoc's form is\nreferences:\n- id: key\n  type: book\n  ...")
				return nil, ds
			}
		}
		if list.kind == nNull {
			return nil, ds
		}
		if list.kind != nArray {
			ds.Errorf(f.At(list.off), "cslyaml-type", "references must be a list of items, found %s", (&cslReader{loose: true}).kindName(list))
			return nil, ds
		}
	case nNull:
		return nil, ds
	default:
		ds.Errorf(f.At(n.off), "cslyaml-type", "expected a list of items, found %s", (&cslReader{loose: true}).kindName(n))
		return nil, ds
	}
	r := newCSLReader(f, &ds, "cslyaml", true)
	return r.items(list.elems)
}

// parseYAMLRoot parses the first YAML document. A syntax error is put at
// its cause's line and column (package yamlerr). A panic in the library
// (it has had some on hostile input) is an error here, not a crash.
func parseYAMLRoot(f *source.File, ds *source.Diags) (root *yaml.Node, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			ds.Errorf(f.At(0), "cslyaml-syntax", "invalid YAML: %v", p)
			root, ok = nil, false
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(f.Data, &doc); err != nil {
		yamlerr.Report(ds, f, 0, f.Data, err, "cslyaml-syntax", "invalid YAML: ")
		return nil, false
	}
	if doc.Kind == 0 {
		return nil, false // empty file: no items
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, false
		}
		return doc.Content[0], true
	}
	return &doc, true
}

type yamlConv struct {
	f      *source.File
	ds     *source.Diags
	budget int // nodes left: aliases can make a small file expand hugely
}

func (c *yamlConv) off(n *yaml.Node) int { return c.f.Offset(n.Line, n.Column) }

func (c *yamlConv) node(n *yaml.Node, depth int) *node {
	c.budget--
	if c.budget < 0 {
		if c.budget == -1 {
			c.ds.Errorf(c.f.At(c.off(n)), "cslyaml-syntax", "the YAML expands to too many values (aliases?)")
		}
		return nil
	}
	if depth > maxDepth {
		c.ds.Errorf(c.f.At(c.off(n)), "cslyaml-syntax", "values nested more than %d deep", maxDepth)
		return nil
	}
	out := &node{off: c.off(n)}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		a := c.node(n.Alias, depth+1)
		if a == nil {
			return nil
		}
		cp := *a
		cp.off = out.off // diagnostics point at the use
		return &cp
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &node{kind: nNull, off: out.off}
		}
		return c.node(n.Content[0], depth+1)
	case yaml.SequenceNode:
		out.kind = nArray
		for _, e := range n.Content {
			if v := c.node(e, depth+1); v != nil {
				out.elems = append(out.elems, v)
			}
		}
	case yaml.MappingNode:
		out.kind = nObject
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			val := c.node(v, depth+1)
			if val == nil {
				continue
			}
			if k.Kind != yaml.ScalarNode {
				c.ds.Errorf(c.f.At(c.off(k)), "cslyaml-type", "a key must be text")
				continue
			}
			out.members = append(out.members, member{key: k.Value, off: c.off(k), val: val})
		}
	case yaml.ScalarNode:
		out.text = n.Value
		switch n.ShortTag() {
		case "!!null":
			out.kind = nNull
		case "!!bool":
			out.kind = nBool
			out.text = fmt.Sprint(strings.EqualFold(n.Value, "true") || strings.EqualFold(n.Value, "yes") || strings.EqualFold(n.Value, "on") || n.Value == "y" || n.Value == "Y")
		case "!!int", "!!float":
			out.kind = nNumber
		default:
			out.kind = nString
		}
	default:
		return nil
	}
	return out
}
