package bib

import (
	"slices"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// Reading CSL items from JSON or YAML nodes. The two formats share the
// data model and this reader; they differ in their diagnostic codes
// ("csljson-type", "cslyaml-type") and in that YAML scalars are untyped
// text to their authors (title: 1984 is a title, not a number), so a YAML
// scalar is accepted wherever text is.

type cslReader struct {
	f      *source.File
	ds     *source.Diags
	code   string // "csljson" or "cslyaml"
	loose  bool   // YAML: any scalar reads as text
	warned map[string]bool
}

func newCSLReader(f *source.File, ds *source.Diags, code string, loose bool) *cslReader {
	return &cslReader{f: f, ds: ds, code: code, loose: loose, warned: map[string]bool{}}
}

func (r *cslReader) errorf(off int, code, format string, args ...any) *source.Diag {
	return r.ds.Errorf(r.f.At(off), r.code+"-"+code, format, args...)
}

func (r *cslReader) warnf(off int, code, format string, args ...any) *source.Diag {
	return r.ds.Warnf(r.f.At(off), r.code+"-"+code, format, args...)
}

func (r *cslReader) objectWord() string {
	if r.loose {
		return "a mapping"
	}
	return "an object"
}

func (r *cslReader) kindName(n *node) string {
	if r.loose {
		switch n.kind {
		case nArray:
			return "a list"
		case nObject:
			return "a mapping"
		}
	}
	return n.kind.String()
}

func (r *cslReader) items(nodes []*node) ([]*Item, source.Diags) {
	items := make([]*Item, 0, len(nodes))
	var keys []source.Span
	for _, n := range nodes {
		if it, idOff := r.item(n); it != nil {
			items = append(items, it)
			keys = append(keys, r.f.At(idOff))
		}
	}
	return dedupe(items, keys, r.ds), *r.ds
}

// scalarText reads a text value: a string, or for YAML any scalar.
func (r *cslReader) scalarText(key string, n *node) (string, bool) {
	switch {
	case n.kind == nString:
		return n.text, true
	case n.kind == nNull:
		return "", false
	case r.loose && n.isScalar():
		return n.text, true
	}
	r.errorf(n.off, "type", "%s must be a string, found %s", key, r.kindName(n))
	return "", false
}

// item reads one item; it also returns where its id is, for duplicates.
func (r *cslReader) item(n *node) (*Item, int) {
	if n.kind != nObject {
		r.errorf(n.off, "type", "an item must be %s, found %s", r.objectWord(), r.kindName(n))
		return nil, 0
	}
	idOff := n.off
	it := newItem("")
	end := n.end
	if end <= n.off {
		end = nodeEnd(n)
	}
	it.Span = r.f.Range(n.off, end)
	seen := map[string]int{}
	hasID, hasType := false, false
	for _, m := range n.members {
		if prev, dup := seen[m.key]; dup {
			r.warnf(m.off, "duplicate-field", "key %q repeated in an item; the first is kept", m.key).
				WithHint("first given at %s", r.f.Position(prev))
			continue
		}
		seen[m.key] = m.off
		key := m.key
		if alias := legacyAlias(key); alias != "" {
			if _, both := seen[alias]; both || hasMember(n, alias) {
				continue // the CSL 1.0.2 name wins
			}
			key = alias
		}
		v := m.val
		switch key {
		case "id":
			switch {
			case v.kind == nString || v.kind == nNumber || r.loose && v.isScalar() && v.kind != nNull:
				it.ID = v.text
				hasID = it.ID != ""
				idOff = v.off
			default:
				r.errorf(v.off, "type", "id must be a string or a number, found %s", r.kindName(v))
			}
			continue
		case "type":
			if s, ok := r.scalarText("type", v); ok && s != "" {
				hasType = true
				it.Type = s
				if !isCSLType(s) {
					d := r.warnf(v.off, "item-type", "unknown CSL item type %q", s)
					if sug := source.Suggest(s, cslTypeNames()); sug != "" {
						d.WithHint("did you mean %q?", sug)
					}
				}
			}
			continue
		case "categories", "custom":
			continue
		}
		switch cslVarKind(key) {
		case varName:
			if ns := r.names(key, v); len(ns) > 0 {
				it.Names[key] = ns
			}
		case varDate:
			if d, ok := r.date(key, v); ok {
				it.Dates[key] = d
			}
		case varNumber:
			switch {
			case v.kind == nString || v.kind == nNumber || r.loose && v.isScalar() && v.kind != nNull:
				if v.text != "" {
					it.Fields[key] = v.text
				}
			case v.kind == nNull:
			default:
				r.errorf(v.off, "type", "%s must be a string or a number, found %s", key, r.kindName(v))
			}
		case varStandard:
			if s, ok := r.scalarText(key, v); ok && s != "" {
				it.Fields[key] = s
			}
		default:
			// Processors ignore variables they do not know; keep the value
			// (a later CSL version may define it) and say so once a file.
			if v.isScalar() && v.kind != nNull && v.text != "" {
				it.Fields[key] = v.text
			}
			if !quietKey(key) && !r.warned[key] {
				r.warned[key] = true
				d := r.warnf(m.off, "unknown-field", "%q is not a CSL variable: processors ignore it", key)
				if sug := source.Suggest(key, cslVarNames()); sug != "" {
					d.WithHint("did you mean %q?", sug)
				}
			}
		}
	}
	if !hasID {
		r.errorf(n.off, "missing-id", "item has no id: it cannot be cited")
		return nil, 0
	}
	if !hasType {
		r.errorf(n.off, "missing-type", "item %q has no type", it.ID).
			WithHint("CSL needs one, e.g. \"type\": \"book\"; it is read as a document")
		it.Type = "document"
	}
	return it, idOff
}

func hasMember(n *node, key string) bool {
	return slices.ContainsFunc(n.members, func(m member) bool { return m.key == key })
}

// nodeEnd estimates where a value ends, for an item's span: the start of
// its last descendant's text. JSON items end at their closing brace, which
// follows.
func nodeEnd(n *node) int {
	end := n.off + len(n.text)
	for _, e := range n.elems {
		end = max(end, nodeEnd(e))
	}
	for _, m := range n.members {
		end = max(end, nodeEnd(m.val))
	}
	return end
}

func (r *cslReader) names(key string, v *node) []Name {
	if v.kind == nNull {
		return nil
	}
	if v.kind != nArray {
		d := r.errorf(v.off, "type", "%s must be a list of names, found %s", key, r.kindName(v))
		if v.kind == nObject {
			d.WithHint("put the name in a list: [ {...} ]")
		}
		return nil
	}
	var out []Name
	for _, e := range v.elems {
		if e.kind != nObject {
			d := r.errorf(e.off, "type", "a name in %s must be %s with family and given (or literal), found %s", key, r.objectWord(), r.kindName(e))
			if e.kind == nString {
				d.WithHint("write {\"family\": ..., \"given\": ...}, or {\"literal\": %q} for an institution", e.text)
			}
			continue
		}
		var n Name
		for _, m := range e.members {
			switch m.key {
			case "family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal":
				s, ok := r.scalarText(m.key, m.val)
				if !ok {
					continue
				}
				switch m.key {
				case "family":
					n.Family = s
				case "given":
					n.Given = s
				case "dropping-particle":
					n.DroppingParticle = s
				case "non-dropping-particle":
					n.NonDroppingParticle = s
				case "suffix":
					n.Suffix = s
				case "literal":
					n.Literal = s
				}
			case "comma-suffix", "static-ordering", "parse-names", "isInstitution":
				b, ok := r.boolish(m.key, m.val)
				if !ok {
					continue
				}
				switch m.key {
				case "comma-suffix":
					n.CommaSuffix = b
				case "static-ordering":
					n.StaticOrdering = b
				case "parse-names":
					n.ParseNames = &b
				case "isInstitution":
					n.IsInstitution = b
				}
			default:
				d := r.warnf(m.off, "unknown-field", "%q is not a part of a CSL name: ignored", m.key)
				if sug := source.Suggest(m.key, []string{"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "comma-suffix", "static-ordering", "literal", "parse-names"}); sug != "" {
					d.WithHint("did you mean %q?", sug)
				}
			}
		}
		if n == (Name{}) {
			r.warnf(e.off, "name", "empty name in %s: ignored", key)
			continue
		}
		out = append(out, n)
	}
	return out
}

// boolish reads the flags CSL-JSON gives as booleans, strings or numbers.
func (r *cslReader) boolish(key string, v *node) (bool, bool) {
	switch v.kind {
	case nBool:
		return v.text == "true", true
	case nNumber:
		return v.text != "0", true
	case nString:
		switch strings.ToLower(v.text) {
		case "true", "1", "yes":
			return true, true
		case "false", "0", "no", "":
			return false, true
		}
	}
	r.errorf(v.off, "type", "%s must be true or false, found %s", key, r.kindName(v))
	return false, false
}

func (r *cslReader) date(key string, v *node) (Date, bool) {
	switch v.kind {
	case nNull:
		return Date{}, false
	case nString:
		return r.dateString(key, v, v.text)
	case nNumber:
		if r.loose {
			return r.dateString(key, v, v.text) // issued: 2021
		}
	case nObject:
		if hasMember(v, "date-parts") || hasMember(v, "raw") || hasMember(v, "literal") || hasMember(v, "season") || hasMember(v, "circa") || !r.loose {
			return r.dateObject(key, v)
		}
		return r.dateFields(key, []*node{v}) // pandoc-citeproc's {year: 2015, month: 3}
	case nArray:
		if r.loose {
			return r.dateFields(key, v.elems)
		}
	}
	r.errorf(v.off, "type", "%s must be a date (%s with date-parts, or an EDTF string such as \"2021-05-28\"), found %s", key, r.objectWord(), r.kindName(v))
	return Date{}, false
}

// dateString reads "2021-05-28", "2020/2021", or looser text.
func (r *cslReader) dateString(key string, v *node, s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, false
	}
	d, err := parseEDTF(s)
	if err == nil {
		return d, true
	}
	if d, ok := parseLooseDate(s); ok {
		return d, true
	}
	r.errorf(v.off, "date", "%s %q is not a date: %v", key, s, err).
		WithHint("use an EDTF date (2021, 2021-05, 2021-05-28, 2020/2021), or {\"literal\": %q} for text", s)
	return Date{Literal: s}, true
}

func (r *cslReader) dateObject(key string, v *node) (Date, bool) {
	var d Date
	for _, m := range v.members {
		switch m.key {
		case "date-parts":
			d.Parts = r.dateParts(key, m.val)
		case "season":
			switch {
			case m.val.kind == nNumber || m.val.kind == nString || r.loose && m.val.isScalar():
				if n, err := strconv.Atoi(strings.TrimSpace(m.val.text)); err == nil && n >= 1 && n <= 4 {
					d.Season = n
				} else if n, ok := seasonNumber(m.val.text); ok {
					d.Season = n
				} else if m.val.text != "" {
					d.SeasonText = m.val.text
				}
			default:
				r.errorf(m.val.off, "type", "season must be a number 1–4 or a text, found %s", r.kindName(m.val))
			}
		case "circa":
			if b, ok := r.boolish("circa", m.val); ok {
				d.Circa = b
			}
		case "literal":
			if s, ok := r.scalarText("literal", m.val); ok {
				d.Literal = s
			}
		case "raw":
			if s, ok := r.scalarText("raw", m.val); ok {
				d.Raw = s
			}
		default:
			d := r.warnf(m.off, "unknown-field", "%q is not a part of a CSL date: ignored", m.key)
			if sug := source.Suggest(m.key, []string{"date-parts", "season", "circa", "literal", "raw"}); sug != "" {
				d.WithHint("did you mean %q?", sug)
			}
		}
	}
	if len(d.Parts) == 0 && d.Raw != "" {
		if p, ok := parseLooseDate(d.Raw); ok {
			d.Parts = p.Parts
			d.Circa = d.Circa || p.Circa
		} else if d.Literal == "" {
			// citeproc-js prints an unreadable raw date as it stands.
			r.warnf(v.off, "date", "%s: raw date %q could not be read: printed as it stands", key, d.Raw)
			d.Literal = d.Raw
		}
	}
	if d.IsZero() {
		return Date{}, false
	}
	return d, true
}

// dateParts reads [[y, m, d], [y, m, d]] with numbers or strings.
func (r *cslReader) dateParts(key string, v *node) [][3]int {
	if v.kind != nArray {
		r.errorf(v.off, "type", "date-parts must be a list of one or two dates, found %s", r.kindName(v))
		return nil
	}
	if len(v.elems) > 2 {
		r.errorf(v.elems[2].off, "date", "date-parts holds at most two dates (a range)")
	}
	var out [][3]int
	for i, e := range v.elems[:min(2, len(v.elems))] {
		if e.kind != nArray {
			r.errorf(e.off, "type", "a date in date-parts must be a list [year, month, day], found %s", r.kindName(e))
			return nil
		}
		if len(e.elems) > 3 {
			r.errorf(e.elems[3].off, "date", "a date has at most three parts: year, month, day")
		}
		var p [3]int
		for j, x := range e.elems[:min(3, len(e.elems))] {
			if x.kind != nNumber && x.kind != nString && !(r.loose && x.isScalar()) {
				r.errorf(x.off, "type", "a date part must be a number, found %s", r.kindName(x))
				return nil
			}
			t := strings.TrimSpace(x.text)
			if t == "" {
				continue // "" marks an open end, as 0 does
			}
			n, err := strconv.Atoi(t)
			if err != nil {
				r.errorf(x.off, "date", "date part %q is not a whole number", x.text)
				return nil
			}
			p[j] = n
		}
		if p[1] >= 21 && p[1] <= 24 && p[2] == 0 {
			p[1] -= 8
		}
		if err := checkParts(p); err != nil {
			// Point at the part that is wrong: the day if the month is one.
			at := e.off
			if len(e.elems) > 2 && p[1] >= 1 && p[1] <= 16 {
				at = e.elems[2].off
			} else if len(e.elems) > 1 {
				at = e.elems[1].off
			}
			r.errorf(at, "date", "%s: %v", key, err)
			return nil
		}
		if i == 0 && p == [3]int{} {
			if len(v.elems) == 1 {
				return nil // [[]] or [[""]]: no date
			}
			r.errorf(e.off, "date", "%s: a range needs a start", key)
			return nil
		}
		if i == 1 && p != [3]int{} && dateKey(p) < dateKey(out[0]) {
			r.errorf(e.off, "date", "%s: the range ends before it starts", key)
			return nil
		}
		out = append(out, p)
	}
	return out
}

// dateFields reads the older pandoc form: {year, month, day, season} or a
// list of two of them.
func (r *cslReader) dateFields(key string, elems []*node) (Date, bool) {
	var d Date
	for _, e := range elems[:min(2, len(elems))] {
		if e.kind != nObject {
			r.errorf(e.off, "type", "a date must be %s, found %s", r.objectWord(), r.kindName(e))
			return Date{}, false
		}
		var p [3]int
		for _, m := range e.members {
			idx := map[string]int{"year": 0, "month": 1, "day": 2, "season": 1}[m.key]
			switch m.key {
			case "year", "month", "day", "season":
				n, err := strconv.Atoi(strings.TrimSpace(m.val.text))
				if err != nil || !m.val.isScalar() {
					if m.key == "season" {
						if sn, ok := seasonNumber(m.val.text); ok {
							p[1] = 12 + sn
							continue
						}
					}
					r.errorf(m.val.off, "date", "%s must be a whole number, found %q", m.key, m.val.text)
					return Date{}, false
				}
				if m.key == "season" {
					if n < 1 || n > 4 {
						r.errorf(m.val.off, "date", "season must be 1–4, found %d", n)
						return Date{}, false
					}
					n += 12
				}
				p[idx] = n
			case "circa":
				if b, ok := r.boolish("circa", m.val); ok {
					d.Circa = b
				}
			case "literal":
				d.Literal = m.val.text
			default:
				r.warnf(m.off, "unknown-field", "%q is not a part of a date: ignored", m.key)
			}
		}
		if err := checkParts(p); err != nil {
			r.errorf(e.off, "date", "%s: %v", key, err)
			return Date{}, false
		}
		if len(d.Parts) == 1 && p != ([3]int{}) && dateKey(p) < dateKey(d.Parts[0]) {
			r.errorf(e.off, "date", "%s: the range ends before it starts", key)
			return Date{}, false
		}
		if p != ([3]int{}) {
			d.Parts = append(d.Parts, p)
		}
	}
	return d, !d.IsZero()
}
