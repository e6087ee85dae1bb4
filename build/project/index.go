package project

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// IndexTerm is one entry of a publication's index: list, a term of the
// subject index that the build finds in the text by itself. Term is the
// entry as printed, a sub-entry after "!" ("due diligence!knowledge");
// Find are the words that locate it (default: the entry's last level);
// See sends the reader to another entry instead of giving locators;
// SeeAlso adds cross-references after them.
type IndexTerm struct {
	Term    Str // its span is where "never found" points
	Find    []Str
	Sort    Str
	See     Str
	SeeAlso []Str
}

// index reads index: as a list of terms, each a string or a mapping.
func (d *decoder) index(n *yaml.Node) []IndexTerm {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "yaml-type", "index must be a list of terms, found %s", kindName(n))
		return nil
	}
	var out []IndexTerm
	seen := map[string]Str{}
	for _, c := range n.Content {
		var t IndexTerm
		switch c.Kind {
		case yaml.ScalarNode:
			s, ok := d.str(c, "an index term")
			if !ok {
				continue
			}
			t.Term = s
		case yaml.MappingNode:
			d.mapping(c, "an index term", []field{
				{"term", d.setStr(&t.Term, "term")},
				{"find", d.setStrList(&t.Find, "find")},
				{"sort", d.setStr(&t.Sort, "sort")},
				{"see", d.setStr(&t.See, "see")},
				{"see-also", d.setStrList(&t.SeeAlso, "see-also")},
			}, "term")
			if t.Term.Value == "" {
				continue
			}
		default:
			d.errorf(c, "yaml-type", "an index term must be a string or a mapping, found %s", kindName(c))
			continue
		}
		if strings.TrimSpace(strings.ReplaceAll(t.Term.Value, "!", "")) == "" {
			d.ds.Errorf(t.Term.Span, "bad-index-term", "index term %q is empty", t.Term.Value)
			continue
		}
		key := strings.ToLower(t.Term.Value)
		if prev, dup := seen[key]; dup {
			d.ds.Errorf(t.Term.Span, "duplicate-key", "index term %q is listed twice", t.Term.Value).
				WithHint("first at %s; list every word that finds it under find:", prev.Span.Position())
			continue
		}
		seen[key] = t.Term
		out = append(out, t)
	}
	return out
}
