package csl

import "strings"

func (r *reader) elements(ns []*xnode, parent string) []element {
	var out []element
	for _, n := range ns {
		if e := r.element(n, parent); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func (r *reader) element(n *xnode, parent string) element {
	switch n.name {
	case "text":
		return r.text(n)
	case "number":
		r.attrs(n, with("variable", "form")...)
		e := &numberEl{base: base{n.off, r.formatting(n)}}
		e.variable, _ = n.attr("variable")
		e.form, _ = n.attr("form")
		switch e.form {
		case "", "numeric", "ordinal", "long-ordinal", "roman":
		default:
			r.badValue(n, "form", e.form)
		}
		if e.variable == "" {
			r.errAt(n.off, "csl-missing-attribute", "<number> needs a variable")
			return nil
		}
		return e
	case "label":
		return r.label(n)
	case "names":
		return r.names(n)
	case "date":
		return r.date(n, false)
	case "group":
		r.attrs(n, with()...)
		return &groupEl{base: base{n.off, r.formatting(n)}, kids: r.elements(n.kids, "group")}
	case "choose":
		return r.choose(n)
	}
	r.unknownElement(n, parent)
	return nil
}

func (r *reader) text(n *xnode) element {
	r.attrs(n, with("variable", "macro", "term", "value", "form", "plural")...)
	e := &textEl{base: base{n.off, r.formatting(n)}}
	e.variable, _ = n.attr("variable")
	e.term, _ = n.attr("term")
	e.value, e.hasValue = n.attr("value")
	e.form, _ = n.attr("form")
	if v, ok := n.attr("plural"); ok {
		e.plural = v == "true"
	}
	if m, ok := n.attr("macro"); ok {
		r.pending = append(r.pending, pendingMacro{e, m, attrOffset(r.f, n, "macro")})
	} else if e.variable == "" && e.term == "" && !e.hasValue {
		r.errAt(n.off, "csl-missing-attribute", "<text> needs a variable, macro, term or value")
		return nil
	}
	if e.term != "" {
		if _, ok := parseTermForm(e.form); !ok {
			r.badValue(n, "form", e.form)
		}
	}
	return e
}

func (r *reader) label(n *xnode) *labelEl {
	r.attrs(n, with("variable", "form", "plural")...)
	e := &labelEl{base: base{n.off, r.formatting(n)}, plural: "contextual"}
	e.variable, _ = n.attr("variable")
	e.form, _ = n.attr("form")
	if _, ok := parseTermForm(e.form); !ok {
		r.badValue(n, "form", e.form)
	}
	if v, ok := n.attr("plural"); ok {
		switch v {
		case "contextual", "always", "never":
			e.plural = v
		default:
			r.badValue(n, "plural", v)
		}
	}
	return e
}

func (r *reader) names(n *xnode) element {
	r.attrs(n, with("variable")...)
	e := &namesEl{base: base{n.off, r.formatting(n)}}
	v, _ := n.attr("variable")
	e.variables = strings.Fields(v)
	if len(e.variables) == 0 {
		r.errAt(n.off, "csl-missing-attribute", "<names> needs a variable")
	}
	e.bare = len(n.kids) == 0
	for _, k := range n.kids {
		switch k.name {
		case "name":
			r.attrs(k, append([]string{"form", "delimiter", "prefix", "suffix", "font-style",
				"font-variant", "font-weight", "text-decoration", "vertical-align"}, nameOptAttrs...)...)
			ne := &nameEl{off: k.off, opts: r.nameOpts(k), f: r.formatting(k)}
			ne.f.delimiter, ne.f.hasDelimiter = "", false
			for _, p := range k.kids {
				if p.name != "name-part" {
					r.unknownElement(p, "name")
					continue
				}
				r.attrs(p, "name", "prefix", "suffix", "font-style", "font-variant", "font-weight",
					"text-decoration", "vertical-align", "text-case")
				np := &namePart{f: r.formatting(p)}
				switch pn, _ := p.attr("name"); pn {
				case "given":
					ne.given = np
				case "family":
					ne.family = np
				default:
					r.badValue(p, "name", pn)
				}
			}
			e.name = ne
		case "et-al":
			r.attrs(k, "term", "prefix", "suffix", "font-style", "font-variant", "font-weight",
				"text-decoration", "vertical-align")
			ea := &etAlEl{term: "et-al", f: r.formatting(k)}
			if t, ok := k.attr("term"); ok && t != "" {
				ea.term = t
			}
			e.etAl = ea
		case "label":
			e.label = r.label(k)
			// The label precedes the names only when it stands before a
			// cs:name; with no cs:name it follows them, as in the
			// specification's "Doe (editor & translator)".
			e.labelBefore = e.name == nil && hasKid(n, "name")
		case "substitute":
			e.hasSubst = true
			e.substitute = r.elements(k.kids, "substitute")
		case "institution":
			// CSL-M: institutions render as literal names here.
			r.warnAt(k.off, "csl-unknown-element", "<institution> (CSL-M) is not supported; institutions render as names")
		default:
			r.unknownElement(k, "names")
		}
	}
	return e
}

func (r *reader) date(n *xnode, inLocale bool) *dateEl {
	r.attrs(n, with("variable", "form", "date-parts")...)
	e := &dateEl{base: base{n.off, r.formatting(n)}}
	e.variable, _ = n.attr("variable")
	e.form, _ = n.attr("form")
	switch e.form {
	case "", "text", "numeric":
	default:
		r.badValue(n, "form", e.form)
		e.form = ""
	}
	e.dateParts, _ = n.attr("date-parts")
	switch e.dateParts {
	case "":
		e.dateParts = "year-month-day"
	case "year-month-day", "year-month", "year":
	default:
		r.badValue(n, "date-parts", e.dateParts)
		e.dateParts = "year-month-day"
	}
	if !inLocale && e.variable == "" {
		r.errAt(n.off, "csl-missing-attribute", "<date> needs a variable")
	}
	for _, k := range n.kids {
		if k.name != "date-part" {
			r.unknownElement(k, "date")
			continue
		}
		r.attrs(k, "name", "form", "range-delimiter", "prefix", "suffix", "font-style", "font-variant",
			"font-weight", "text-decoration", "vertical-align", "text-case", "strip-periods")
		dp := datePart{f: r.formatting(k)}
		dp.name, _ = k.attr("name")
		switch dp.name {
		case "day", "month", "year":
		default:
			r.badValue(k, "name", dp.name)
			continue
		}
		dp.form, _ = k.attr("form")
		dp.rangeSep, dp.hasRange = k.attr("range-delimiter")
		e.parts = append(e.parts, dp)
	}
	return e
}

func (r *reader) choose(n *xnode) element {
	r.attrs(n)
	e := &chooseEl{base: base{off: n.off}}
	for i, k := range n.kids {
		switch k.name {
		case "if", "else-if":
			if (k.name == "if") != (i == 0) {
				r.warnAt(k.off, "csl-bad-structure", "<%s> out of place in <choose>", k.name)
			}
			e.branches = append(e.branches, branch{off: k.off, cond: r.condition(k), kids: r.elements(k.kids, k.name)})
		case "else":
			r.attrs(k)
			if i != len(n.kids)-1 {
				r.warnAt(k.off, "csl-bad-structure", "<else> must be the last branch of <choose>")
			}
			e.branches = append(e.branches, branch{off: k.off, kids: r.elements(k.kids, "else")})
		default:
			r.unknownElement(k, "choose")
		}
	}
	return e
}

func (r *reader) condition(n *xnode) *condition {
	r.attrs(n, "match", "disambiguate", "is-numeric", "is-uncertain-date", "locator", "position", "type", "variable")
	c := &condition{match: "all"}
	for _, a := range n.attrs {
		v := a.Value
		switch a.Name.Local {
		case "match":
			switch v {
			case "all", "any", "none":
				c.match = v
			default:
				r.badValue(n, "match", v)
			}
		case "disambiguate":
			if v == "true" {
				c.disambiguate = 1
			} else {
				c.disambiguate = -1
			}
		case "is-numeric":
			c.isNumeric = strings.Fields(v)
		case "is-uncertain-date":
			c.isUncertainDate = strings.Fields(v)
		case "locator":
			c.locator = strings.Fields(v)
		case "position":
			c.position = strings.Fields(v)
		case "type":
			c.types = strings.Fields(v)
		case "variable":
			c.variable = strings.Fields(v)
		}
	}
	return c
}

func hasKid(n *xnode, name string) bool {
	for _, k := range n.kids {
		if k.name == name {
			return true
		}
	}
	return false
}
