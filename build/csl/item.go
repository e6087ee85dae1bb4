package csl

import (
	"strings"
	"unicode"

	"github.com/normpress/normpress/build/bib"
)

// itemData is a bibliography item prepared once for rendering: names with
// particles split off, dates checked, rich text parsed on first use.
type itemData struct {
	src    *bib.Item
	id     string
	typ    string
	fields map[string]string
	names  map[string][]*name
	dates  map[string]*dateValue
	rich   map[string]Rich // parsed field markup, filled lazily
	// english is whether title case may apply (spec: only English items).
	english bool
	turkish bool
}

// name is a personal or institutional name ready for formatting.
type name struct {
	family, given      string
	dropping, ndp      string
	suffix             string
	commaSuffix        bool
	staticOrdering     bool
	literal            string
	institution        bool
	romanesque         bool // Latin, Greek or Cyrillic script: parts joined by spaces
	src                *bib.Name
	key                string // identity for disambiguation
	hasParsedParticles bool
}

type dateValue struct {
	parts   [][3]int // one or two dates
	season  int
	seasonT string
	circa   bool
	literal string
}

func newItemData(it *bib.Item, localeLang string) *itemData {
	d := &itemData{src: it, id: it.ID, typ: it.Type, fields: it.Fields}
	if d.fields == nil {
		d.fields = map[string]string{}
	}
	if len(it.Names) > 0 {
		d.names = make(map[string][]*name, len(it.Names))
		for v, list := range it.Names {
			ns := make([]*name, 0, len(list))
			for i := range list {
				ns = append(ns, newName(&list[i]))
			}
			d.names[v] = ns
		}
	}
	if len(it.Dates) > 0 {
		d.dates = make(map[string]*dateValue, len(it.Dates))
		for v, dt := range it.Dates {
			if dv := newDateValue(dt); dv != nil {
				d.dates[v] = dv
			}
		}
	}
	d.noteVariables()
	lang := d.fields["language"]
	if lang == "" {
		lang = localeLang
	}
	d.english = isEnglish(lang)
	if l := strings.ToLower(d.fields["language"]); strings.HasPrefix(l, "tr") || strings.HasPrefix(l, "az") {
		d.turkish = true
	}
	return d
}

func isEnglish(lang string) bool {
	if lang == "" {
		return true
	}
	l := strings.ToLower(lang)
	return l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

func newName(n *bib.Name) *name {
	nm := &name{
		family: strings.TrimSpace(n.Family), given: strings.TrimSpace(n.Given),
		dropping: strings.TrimSpace(n.DroppingParticle), ndp: strings.TrimSpace(n.NonDroppingParticle),
		suffix: strings.TrimSpace(n.Suffix), commaSuffix: n.CommaSuffix, staticOrdering: n.StaticOrdering,
		literal: n.Literal, institution: n.IsInstitution, src: n,
	}
	parse := n.ParseNames == nil || *n.ParseNames
	if nm.literal == "" && nm.family != "" && nm.given == "" && nm.ndp == "" && nm.dropping == "" && n.IsInstitution {
		nm.literal = nm.family
		nm.family = ""
	}
	if parse && nm.literal == "" {
		nm.splitParticles()
	}
	nm.romanesque = isRomanesque(nm.family + nm.given + nm.literal)
	nm.key = nm.literal + "\x00" + nm.family + "\x00" + nm.given + "\x00" + nm.ndp + "\x00" + nm.dropping + "\x00" + nm.suffix
	return nm
}

// splitParticles moves lowercase particles out of the family and given
// names, as citeproc-js does for CSL-JSON input: "van Gogh" has the
// non-dropping particle "van", "Jean de" the dropping particle "de".
func (n *name) splitParticles() {
	if n.ndp == "" && n.family != "" {
		// A family name in double quotes is protected.
		if strings.HasPrefix(n.family, "\"") && strings.HasSuffix(n.family, "\"") && len(n.family) > 1 {
			n.family = n.family[1 : len(n.family)-1]
		} else {
			words := strings.Split(n.family, " ")
			i := 0
			for i < len(words)-1 && isParticle(words[i]) {
				i++
			}
			if i > 0 {
				n.ndp = strings.Join(words[:i], " ")
				n.family = strings.Join(words[i:], " ")
				// "de’ Frinkle": a particle ending in an apostrophe keeps
				// the space that followed it.
				if strings.HasSuffix(n.ndp, "’") || strings.HasSuffix(n.ndp, "'") {
					n.ndp += " "
				}
			}
			// "al-One": a lowercase particle joined by a hyphen.
			if n.ndp == "" {
				if j := strings.Index(n.family, "-"); j > 0 && j < len(n.family)-1 && isParticle(n.family[:j]) {
					rest := n.family[j+1:]
					if r := []rune(rest); len(r) > 0 && unicode.IsUpper(r[0]) {
						n.ndp = n.family[:j+1]
						n.family = rest
					}
				}
			}
			// d'Alembert: a particle fused by an apostrophe.
			if n.ndp == "" {
				if j := strings.IndexAny(n.family, "'’"); j > 0 && j < len(n.family)-3 {
					head := n.family[:j]
					if isParticle(head) {
						size := len(string([]rune(n.family[j:])[0]))
						n.ndp = n.family[:j+size]
						n.family = n.family[j+size:]
					}
				}
			}
		}
	}
	if n.dropping == "" && n.given != "" {
		words := strings.Split(n.given, " ")
		i := len(words)
		for i > 1 && isParticle(words[i-1]) {
			i--
		}
		if i < len(words) {
			n.dropping = strings.Join(words[i:], " ")
			n.given = strings.Join(words[:i], " ")
		}
	}
	// "John, Jr." in the given name carries a suffix; "John,! Jr." one
	// that keeps its comma in display ("John Doe, Jr.").
	if n.suffix == "" {
		if i := strings.Index(n.given, ","); i > 0 {
			suf := strings.TrimSpace(n.given[i+1:])
			comma := strings.HasPrefix(suf, "!")
			suf = strings.TrimSpace(strings.TrimPrefix(suf, "!"))
			if suf != "" && !strings.Contains(suf, " ") {
				n.suffix = suf
				n.given = strings.TrimSpace(n.given[:i])
				n.commaSuffix = comma
			}
		}
	}
}

// isParticle reports whether a word is a lowercase name particle: all its
// letters lowercase and at least one letter.
func isParticle(w string) bool {
	if w == "" {
		return false
	}
	letters := 0
	for _, c := range w {
		if unicode.IsLetter(c) {
			if !unicode.IsLower(c) {
				return false
			}
			letters++
		} else if c != '\'' && c != '’' && c != '-' && c != '.' {
			return false
		}
	}
	return letters > 0
}

// isRomanesque reports whether a name is written in a script whose name
// parts are separated by spaces (CSL: "romanesque" names).
func isRomanesque(s string) bool {
	for _, c := range s {
		if c < 0x80 {
			continue
		}
		switch {
		case unicode.In(c, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Hebrew, unicode.Arabic,
			unicode.Thai, unicode.Armenian, unicode.Georgian, unicode.Devanagari, unicode.Lm, unicode.Mn):
		case unicode.IsLetter(c):
			return false
		}
	}
	return true
}

func newDateValue(d bib.Date) *dateValue {
	dv := &dateValue{season: d.Season, seasonT: d.SeasonText, circa: d.Circa, literal: d.Literal}
	for _, p := range d.Parts {
		dv.parts = append(dv.parts, p)
	}
	if len(dv.parts) == 0 && dv.literal == "" && d.Raw != "" {
		if parsed, ok := parseRawDate(d.Raw); ok {
			dv.parts = parsed.parts
			dv.circa = dv.circa || parsed.circa
			if dv.season == 0 {
				dv.season = parsed.season
			}
		} else {
			dv.literal = d.Raw
		}
	}
	// Months 13–16 and 21–24 are seasons (CSL-JSON conventions), kept in
	// the month as 13–16 so that ranges between seasons work; other
	// impossible months are dropped.
	for i := range dv.parts {
		m := dv.parts[i][1]
		switch {
		case m >= 13 && m <= 24:
			dv.parts[i][1] = (m-13)%4 + 13
			dv.parts[i][2] = 0
		case m > 24 || m < 0:
			dv.parts[i][1] = 0
			dv.parts[i][2] = 0
		}
		if dv.parts[i][2] < 0 || dv.parts[i][2] > 31 {
			dv.parts[i][2] = 0
		}
	}
	if len(dv.parts) > 0 && dv.season != 0 && dv.parts[0][1] == 0 {
		dv.parts[0][1] = 12 + dv.season
	}
	if len(dv.parts) > 0 && dv.parts[0][1] >= 13 {
		dv.season = 0
	}
	// A range whose two ends are equal is one date.
	if len(dv.parts) > 1 && dv.parts[1] == dv.parts[0] {
		dv.parts = dv.parts[:1]
	}
	if len(dv.parts) > 2 {
		dv.parts = dv.parts[:2]
	}
	if len(dv.parts) == 0 && dv.literal == "" && dv.season == 0 && dv.seasonT == "" {
		return nil
	}
	return dv
}

// field returns a standard or number variable's value.
func (d *itemData) field(v string) string {
	if s, ok := d.fields[v]; ok {
		return s
	}
	return ""
}

// noteVariables reads variables that Zotero users put in the note (the
// "Extra" field), one "variable: value" per line at its start: dates
// ("original-date: 1850"), names ("editor: Doe || Jane") and fields the
// item lacks. Known variables only; a real note is left alone.
func (d *itemData) noteVariables() {
	note := d.fields["note"]
	if note == "" || !strings.Contains(note, ":") {
		return
	}
	var rest []string
	changed := false
	for _, line := range strings.Split(note, "\n") {
		k, v, ok := strings.Cut(line, ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || v == "" || !isNoteVariable(k) {
			rest = append(rest, line)
			continue
		}
		switch {
		case isDateVar(k):
			if d.dates[k] == nil {
				if dv, ok := parseRawDate(v); ok {
					if d.dates == nil {
						d.dates = map[string]*dateValue{}
					}
					d.dates[k] = dv
				}
			}
		case isNameVar(k):
			family, given, _ := strings.Cut(v, "||")
			n := newName(&bib.Name{Family: strings.TrimSpace(family), Given: strings.TrimSpace(given)})
			if d.names == nil {
				d.names = map[string][]*name{}
			}
			d.names[k] = append(d.names[k], n)
		default:
			if d.fields[k] == "" {
				if !changed {
					d.fields = copyFields(d.fields)
				}
				d.fields[k] = v
			}
		}
		changed = true
	}
	if changed {
		d.fields = copyFields(d.fields)
		d.fields["note"] = strings.TrimSpace(strings.Join(rest, "\n"))
	}
}

func copyFields(m map[string]string) map[string]string {
	c := make(map[string]string, len(m)+2)
	for k, v := range m {
		c[k] = v
	}
	return c
}

func isNoteVariable(k string) bool {
	return isDateVar(k) || isNameVar(k) || standardVars[k]
}

var standardVars = map[string]bool{
	"abstract": true, "annote": true, "archive": true, "archive_collection": true, "archive_location": true,
	"archive-place": true, "authority": true, "call-number": true, "chapter-number": true,
	"citation-label": true, "collection-number": true, "collection-title": true, "collection-title-short": true,
	"container-title": true, "container-title-short": true, "dimensions": true, "division": true, "DOI": true,
	"edition": true, "event": true, "event-title": true, "event-place": true, "genre": true, "ISBN": true,
	"ISSN": true, "issue": true, "jurisdiction": true, "keyword": true, "language": true, "license": true,
	"medium": true, "number": true, "number-of-pages": true, "number-of-volumes": true,
	"original-publisher": true, "original-publisher-place": true, "original-title": true, "page": true,
	"part-number": true, "part-title": true, "PMCID": true, "PMID": true, "printing-number": true,
	"publisher": true, "publisher-place": true, "references": true, "reviewed-genre": true,
	"reviewed-title": true, "scale": true, "section": true, "source": true, "status": true,
	"supplement-number": true, "title": true, "title-short": true, "URL": true, "version": true,
	"volume": true, "volume-title": true, "volume-title-short": true,
}
