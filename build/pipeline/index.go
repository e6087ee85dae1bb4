package pipeline

import (
	"github.com/normpress/normpress/build/index"
	"github.com/normpress/normpress/build/source"
)

// subjectIndexes fills each publication's subject index (generate: index)
// from its numbered paragraphs, its marks and its manifest's index: terms.
// It needs the paragraphs' numbers and anchors, so it follows numbering.
func subjectIndexes(states []*pubState) source.Diags {
	var ds source.Diags
	for _, st := range states {
		if st.index == nil {
			if len(st.spec.Index) > 0 {
				ds.Warnf(st.spec.Index[0].Term.Span, "no-index", "publication %s lists index terms but has no generate: index", st.pub.ID).
					WithHint("add - generate: index to its back matter")
			}
			continue
		}
		terms := make([]index.Term, len(st.spec.Index))
		for i, t := range st.spec.Index {
			terms[i] = index.Term{Span: t.Term.Span, Entry: t.Term.Value, Sort: t.Sort.Value, See: t.See.Value}
			for _, f := range t.Find {
				terms[i].Find = append(terms[i].Find, f.Value)
			}
			for _, f := range t.SeeAlso {
				terms[i].SeeAlso = append(terms[i].SeeAlso, f.Value)
			}
		}
		ds.Add(index.Build(st.pub, st.index, terms)...)
	}
	return ds
}
