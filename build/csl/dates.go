package csl

import (
	"strconv"
	"strings"
	"unicode"
)

func (e *ev) date(d *dateEl) *out {
	var dv *dateValue
	if !e.suppressed[d.variable] {
		dv = e.it.dates[d.variable]
	}
	e.markVar(dv != nil)
	if dv == nil {
		return nil
	}
	if e.inSubst {
		e.suppress(d.variable)
	}
	f := d.f
	if e.sorting {
		if dv.literal != "" {
			return litText(dv.literal)
		}
		parts, _, _ := e.dateFormat(d)
		var use [3]bool
		for _, p := range parts {
			switch p.name {
			case "year":
				use[0] = true
			case "month":
				use[1] = true
			case "day":
				use[2] = true
			}
		}
		return tagged(&tag{kind: tagDate, date: dv}, litText(dateSortString(dv, use)))
	}
	var body *out
	if dv.literal != "" {
		body = lit(parseMarkup(dv.literal))
	} else {
		parts, delim, lf := e.dateFormat(d)
		if lf != nil {
			f = mergeDateFormatting(d.f, *lf)
		}
		body = e.renderDate(dv, parts, delim)
		if body == nil {
			// Only parts the date lacks were asked for: for group
			// suppression the variable is empty.
			e.varsSet--
			return nil
		}
	}
	body = group(nil, body, e.autoYearSuffix())
	return tagged(&tag{kind: tagDate, date: dv}, e.fmt(&f, body))
}

// mergeDateFormatting lets the locale's date format contribute its font
// attributes where the style's cs:date sets none.
func mergeDateFormatting(style, loc formatting) formatting {
	f := style
	if f.fontStyle == 0 {
		f.fontStyle = loc.fontStyle
	}
	if f.fontVariant == 0 {
		f.fontVariant = loc.fontVariant
	}
	if f.fontWeight == 0 {
		f.fontWeight = loc.fontWeight
	}
	if f.textCase == 0 {
		f.textCase = loc.textCase
	}
	f.hasDelimiter = false
	f.delimiter = ""
	return f
}

// dateFormat returns the date parts to render, in order, and the delimiter
// between them: the style's own parts, or the locale's format with the
// style's part attributes laid over it.
func (e *ev) dateFormat(d *dateEl) ([]datePart, string, *formatting) {
	if d.form == "" {
		return d.parts, d.f.delimiter, nil
	}
	ld := e.p.loc.dates[d.form]
	if ld == nil {
		return d.parts, d.f.delimiter, nil
	}
	var parts []datePart
	for _, lp := range ld.parts {
		switch d.dateParts {
		case "year":
			if lp.name != "year" {
				continue
			}
		case "year-month":
			if lp.name == "day" {
				continue
			}
		}
		p := lp
		for _, sp := range d.parts {
			if sp.name != lp.name {
				continue
			}
			if sp.form != "" {
				p.form = sp.form
			}
			if sp.hasRange {
				p.rangeSep, p.hasRange = sp.rangeSep, true
			}
			prefix, suffix := p.f.prefix, p.f.suffix
			f := sp.f
			if f.fontStyle == 0 {
				f.fontStyle = p.f.fontStyle
			}
			if f.fontVariant == 0 {
				f.fontVariant = p.f.fontVariant
			}
			if f.fontWeight == 0 {
				f.fontWeight = p.f.fontWeight
			}
			if f.textDecor == 0 {
				f.textDecor = p.f.textDecor
			}
			if f.vertAlign == 0 {
				f.vertAlign = p.f.vertAlign
			}
			if f.textCase == 0 {
				f.textCase = p.f.textCase
			}
			if !f.stripPeriods {
				f.stripPeriods = p.f.stripPeriods
			}
			f.prefix, f.suffix = prefix, suffix
			p.f = f
		}
		parts = append(parts, p)
	}
	lf := ld.f
	return parts, ld.f.delimiter, &lf
}

func (e *ev) renderDate(dv *dateValue, parts []datePart, delim string) *out {
	if len(dv.parts) == 0 {
		// A season or season text alone.
		if dv.season == 0 && dv.seasonT == "" {
			return nil
		}
		return e.joinParts(e.datePartsFor([3]int{}, dv, true, parts), delim)
	}
	d1 := dv.parts[0]
	if len(dv.parts) == 1 {
		return e.joinParts(e.datePartsFor(d1, dv, true, parts), delim)
	}
	d2 := dv.parts[1]
	if d2 == [3]int{} {
		// An open range: "2000–".
		first := e.joinParts(e.datePartsFor(d1, dv, true, parts), delim)
		if first == nil {
			return nil
		}
		sep := "–"
		for _, p := range parts {
			if p.name == "year" && p.hasRange {
				sep = p.rangeSep
			}
		}
		return group(nil, first, litText(sep))
	}
	// The largest part that differs decides where the range goes.
	largest := ""
	switch {
	case d1[0] != d2[0]:
		largest = "year"
	case d1[1] != d2[1]:
		largest = "month"
	case d1[2] != d2[2]:
		largest = "day"
	}
	if largest == "" {
		return e.joinParts(e.datePartsFor(d1, dv, true, parts), delim)
	}
	differs := func(name string) bool {
		switch largest {
		case "year":
			return true
		case "month":
			return name == "month" || name == "day"
		}
		return name == "day"
	}
	// Only rendered parts count: "2000" for a range within one year.
	anyDiff := false
	for _, p := range parts {
		if differs(p.name) && partValue(p.name, d1) != partValue(p.name, d2) {
			anyDiff = true
		}
	}
	if !anyDiff {
		return e.joinParts(e.datePartsFor(d1, dv, true, parts), delim)
	}
	sep := "–"
	for _, p := range parts {
		if p.name == largest && p.hasRange {
			sep = p.rangeSep
		}
	}
	// sames1, diffs, sames2 in the parts' order.
	i := 0
	for i < len(parts) && !differs(parts[i].name) {
		i++
	}
	j := i
	for j < len(parts) && differs(parts[j].name) {
		j++
	}
	same1 := e.datePartsFor(d1, dv, true, parts[:i])
	left := e.datePartsFor(d1, dv, true, parts[i:j])
	right := e.datePartsFor(d2, dv, false, parts[i:j])
	same2 := e.datePartsFor(d1, dv, true, parts[j:])
	dropLastSuffix(left)
	dropFirstPrefix(right)
	var kids []*out
	kids = append(kids, same1...)
	l := e.joinParts(left, delim)
	r := e.joinParts(right, delim)
	rng := group(nil, l, litText(sep), r)
	if rng != nil {
		kids = append(kids, rng)
	}
	kids = append(kids, same2...)
	res := e.joinParts(kids, delim)
	return res
}

func partValue(name string, d [3]int) int {
	switch name {
	case "year":
		return d[0]
	case "month":
		return d[1]
	}
	return d[2]
}

func dropLastSuffix(os []*out) {
	for i := len(os) - 1; i >= 0; i-- {
		if os[i] != nil {
			if os[i].kind == oFmt && os[i].f != nil && os[i].f.suffix != "" {
				f := *os[i].f
				f.suffix = ""
				c := *os[i]
				c.f = &f
				os[i] = &c
			}
			return
		}
	}
}

func dropFirstPrefix(os []*out) {
	for i, o := range os {
		if o != nil {
			if o.kind == oFmt && o.f != nil && o.f.prefix != "" {
				f := *o.f
				f.prefix = ""
				c := *o
				c.f = &f
				os[i] = &c
			}
			return
		}
	}
}

func (e *ev) joinParts(os []*out, delim string) *out {
	var f *formatting
	if delim != "" {
		f = &formatting{delimiter: delim, hasDelimiter: true}
	}
	return group(f, os...)
}

// datePartsFor renders each part of one date; a part the date lacks is
// nil, so that its affixes disappear with it.
func (e *ev) datePartsFor(d [3]int, dv *dateValue, first bool, parts []datePart) []*out {
	os := make([]*out, 0, len(parts))
	for _, p := range parts {
		var o *out
		switch p.name {
		case "year":
			if d[0] != 0 {
				o = e.yearPart(d[0], p.form)
			}
		case "month":
			switch {
			case d[1] != 0:
				o = e.monthPart(d[1], p)
			case first && dv.season != 0:
				s, _ := e.p.loc.term(twoDigit("season-", dv.season), formLong, false)
				o = litText(s)
			case first && dv.seasonT != "":
				o = litText(dv.seasonT)
			}
		case "day":
			if d[2] != 0 && d[1] != 0 && d[1] <= 12 {
				o = e.dayPart(d[2], d[1], p.form)
			}
		}
		if o != nil {
			f := p.f
			o = e.fmt(&f, o)
			os = append(os, o)
		}
	}
	return os
}

func (e *ev) yearPart(y int, form string) *out {
	if form == "short" {
		yy := y % 100
		if yy < 0 {
			yy = -yy
		}
		if yy < 10 {
			return litText("0" + strconv.Itoa(yy))
		}
		return litText(strconv.Itoa(yy))
	}
	switch {
	case y < 0:
		bc, _ := e.p.loc.term("bc", formLong, false)
		return litText(strconv.Itoa(-y) + bc)
	case y < 1000:
		ad, _ := e.p.loc.term("ad", formLong, false)
		return litText(strconv.Itoa(y) + ad)
	}
	return litText(strconv.Itoa(y))
}

func (e *ev) monthPart(m int, p datePart) *out {
	if m >= 13 {
		s, _ := e.p.loc.term(twoDigit("season-", m-12), formLong, false)
		return litText(s)
	}
	switch p.form {
	case "numeric":
		return litText(strconv.Itoa(m))
	case "numeric-leading-zeros":
		if m < 10 {
			return litText("0" + strconv.Itoa(m))
		}
		return litText(strconv.Itoa(m))
	}
	form := formLong
	if p.form == "short" {
		form = formShort
	}
	s, _ := e.p.loc.term(twoDigit("month-", m), form, false)
	return litText(s)
}

func (e *ev) dayPart(day, month int, form string) *out {
	switch form {
	case "numeric-leading-zeros":
		if day < 10 {
			return litText("0" + strconv.Itoa(day))
		}
		return litText(strconv.Itoa(day))
	case "ordinal":
		if e.p.loc.limitDayOrd && day != 1 {
			return litText(strconv.Itoa(day))
		}
		return litText(e.ordinal(day, e.p.loc.gender(twoDigit("month-", month))))
	}
	return litText(strconv.Itoa(day))
}

// autoYearSuffix is the year-suffix added after the first date of a cite
// or entry, when the layout does not place it itself.
func (e *ev) autoYearSuffix() *out {
	if e.dis == nil || e.dis.yearSuffix == 0 || e.ysVar || e.yearSuffixDone || e.sorting {
		return nil
	}
	e.yearSuffixDone = true
	return tagged(&tag{kind: tagYearSuffix, n: e.dis.yearSuffix}, litText(yearSuffix(e.dis.yearSuffix)))
}

// parseRawDate reads the date strings that CSL-JSON's "raw" and many
// exports use: ISO 8601 / EDTF ("2000-05-03", "2000-05/2001"), and
// English forms ("May 3, 2000", "3 May 2000", "Spring 2000").
func parseRawDate(s string) (*dateValue, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	dv := &dateValue{}
	if strings.HasSuffix(s, "~") || strings.HasSuffix(s, "?") {
		dv.circa = true
		s = strings.TrimRight(s, "~?")
	}
	var ranges []string
	if strings.Contains(s, "/") && !strings.Contains(s, " ") {
		ranges = strings.SplitN(s, "/", 2)
	} else if i := strings.Index(s, " - "); i > 0 {
		ranges = []string{s[:i], s[i+3:]}
	} else {
		ranges = []string{s}
	}
	for _, r := range ranges {
		d, season, ok := parseOneDate(strings.TrimSpace(r))
		if !ok {
			return nil, false
		}
		if season != 0 && dv.season == 0 {
			dv.season = season
		}
		dv.parts = append(dv.parts, d)
	}
	return dv, true
}

var monthNames = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
var seasonNames = []string{"spr", "sum", "aut", "win"}

func parseOneDate(s string) ([3]int, int, bool) {
	var d [3]int
	if s == "" || s == ".." {
		return d, 0, true
	}
	// ISO: yyyy, yyyy-mm, yyyy-mm-dd (EDTF allows a leading minus).
	if iso := strings.Split(s, "-"); len(iso) <= 3 && len(iso[0]) >= 1 && allDigits(iso[0]) && len(iso[0]) >= 3 {
		ok := true
		for i, p := range iso {
			n, err := strconv.Atoi(p)
			if err != nil {
				ok = false
				break
			}
			d[i] = n
		}
		if ok {
			if d[1] >= 21 && d[1] <= 24 {
				return [3]int{d[0]}, d[1] - 20, true
			}
			return d, 0, true
		}
		d = [3]int{}
	}
	words := strings.FieldsFunc(s, func(c rune) bool { return unicode.IsSpace(c) || c == ',' || c == '.' })
	season := 0
	for _, w := range words {
		lw := strings.ToLower(w)
		if n, err := strconv.Atoi(w); err == nil {
			if len(w) >= 3 || n > 31 {
				d[0] = n
			} else if d[2] == 0 {
				d[2] = n
			} else {
				return d, 0, false
			}
			continue
		}
		found := false
		for i, m := range monthNames {
			if len(lw) >= 3 && strings.HasPrefix(lw, m) {
				d[1] = i + 1
				found = true
			}
		}
		for i, m := range seasonNames {
			if len(lw) >= 3 && strings.HasPrefix(lw, m) {
				season = i + 1
				found = true
			}
		}
		if lw == "fall" {
			season, found = 3, true
		}
		if !found {
			return d, 0, false
		}
	}
	if d[0] == 0 {
		return d, 0, false
	}
	if d[1] == 0 {
		d[2] = 0
	}
	return d, season, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
