package main

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// manifest is what the corpus generator needs of normpress.yaml, with the
// nodes it edits. The pipeline's own decoder (build/project) checks the
// rest when the corpus is validated with normpress check.
type manifest struct {
	lang, style  string
	bibliography []string
	pubs         []*pubNodes
}

type pubNodes struct {
	id, title, lang, style string
	bibliography           []string
	digest                 bool
	chapters               []string              // Markdown files in front, body, back order
	listChapters           map[string][]string   // the same by list
	lists                  map[string]*yaml.Node // "front", "body", "back"
	original               map[string][]*yaml.Node
}

var listKeys = []string{"front", "body", "back"}

func readManifest(doc *yaml.Node) (*manifest, error) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the manifest is not a mapping")
	}
	m := &manifest{}
	top := doc.Content[0]
	m.lang = scalar(top, "lang")
	m.style = scalar(top, "style")
	m.bibliography = scalars(value(top, "bibliography"))
	pubs := value(top, "publications")
	if pubs == nil || pubs.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("publications: not a list")
	}
	for _, pn := range pubs.Content {
		if pn.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("line %d: a publication is not a mapping", pn.Line)
		}
		p := &pubNodes{
			id: scalar(pn, "id"), title: scalar(pn, "title"), lang: scalar(pn, "lang"), style: scalar(pn, "style"),
			bibliography: scalars(value(pn, "bibliography")),
			digest:       value(pn, "digest") != nil,
			lists:        map[string]*yaml.Node{},
			listChapters: map[string][]string{},
			original:     map[string][]*yaml.Node{},
		}
		for _, key := range listKeys {
			l := value(pn, key)
			if l == nil {
				continue
			}
			if l.Kind != yaml.SequenceNode {
				return nil, fmt.Errorf("line %d: %s is not a list", l.Line, key)
			}
			p.lists[key] = l
			p.original[key] = append([]*yaml.Node(nil), l.Content...)
			for _, e := range l.Content {
				switch {
				case e.Kind == yaml.ScalarNode:
					p.listChapters[key] = append(p.listChapters[key], e.Value)
				case e.Kind == yaml.MappingNode && value(e, "chapters") != nil:
					p.listChapters[key] = append(p.listChapters[key], scalars(value(e, "chapters"))...)
				}
			}
			p.chapters = append(p.chapters, p.listChapters[key]...)
		}
		m.pubs = append(m.pubs, p)
	}
	return m, nil
}

// chapters are the Markdown files of every publication, each once, in
// manifest order.
func (m *manifest) chapters() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range m.pubs {
		for _, c := range p.chapters {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// appendCopies adds copies 2…n of each list's chapters after the originals:
// a chapter path becomes its copy's path, a part becomes a part of copies
// with the copy's number in its title, and generated chapters are not
// repeated (a publication has one bibliography and one digest).
func (m *manifest) appendCopies(n int) {
	for _, p := range m.pubs {
		for _, key := range listKeys {
			l := p.lists[key]
			if l == nil {
				continue
			}
			for k := 2; k <= n; k++ {
				for _, e := range p.original[key] {
					switch {
					case e.Kind == yaml.ScalarNode:
						l.Content = append(l.Content, str(copyPath(e.Value, k)))
					case e.Kind == yaml.MappingNode && value(e, "chapters") != nil:
						part := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
						if t := value(e, "part"); t != nil {
							part.Content = append(part.Content, str("part"), str(t.Value+" (copy "+strconv.Itoa(k)+")"))
						}
						chs := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
						for _, c := range value(e, "chapters").Content {
							chs.Content = append(chs.Content, str(copyPath(c.Value, k)))
						}
						part.Content = append(part.Content, str("chapters"), chs)
						l.Content = append(l.Content, part)
					}
				}
			}
		}
	}
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// value is the node under key in mapping n, or nil.
func value(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func scalar(n *yaml.Node, key string) string {
	if v := value(n, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

func scalars(n *yaml.Node) []string {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind == yaml.ScalarNode {
			out = append(out, c.Value)
		}
	}
	return out
}
