package bib

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// RIS is the tagged format every reference manager imports and exports
// (Zotero, EndNote, Mendeley, Citavi, RefWorks). A record is lines
// "TY  - JOUR", one tag and value each, from TY to ER. It is flatter than
// the CSL data model: no markup, one date (no ranges), names only as
// "Family, Given, Suffix", and the meaning of a few tags (T2, A2, SN)
// depends on the record's type. The tables below are the one statement of
// that mapping, for the writer and the reader alike, after the RIS
// specification (RefMan 2011) and Zotero's RIS translator where they agree.

// risTypes maps CSL item types to RIS reference types. The first CSL type
// listed for a RIS type is the one the reader gives back.
var risTypes = []struct{ csl, ris string }{
	{"article-journal", "JOUR"},
	{"article-magazine", "MGZN"},
	{"article-newspaper", "NEWS"},
	{"book", "BOOK"},
	{"chapter", "CHAP"},
	{"paper-conference", "CPAPER"},
	{"report", "RPRT"},
	{"thesis", "THES"},
	{"webpage", "ELEC"},
	{"post-weblog", "BLOG"},
	{"legal_case", "CASE"},
	{"legislation", "STAT"},
	{"bill", "BILL"},
	{"regulation", "GOVDOC"},
	{"dataset", "DATA"},
	{"software", "COMP"},
	{"manuscript", "MANSCPT"},
	{"entry-encyclopedia", "ENCYC"},
	{"entry-dictionary", "DICT"},
	{"patent", "PAT"},
	{"map", "MAP"},
	{"motion_picture", "MPCT"},
	{"personal_communication", "PCOMM"},
	{"standard", "STAND"},
	{"pamphlet", "PAMP"},
	{"graphic", "ART"},
	{"speech", "SLIDE"},
	{"hearing", "HEAR"},
	{"periodical", "JFULL"},
	{"document", "GEN"},
}

// risReadOnly are RIS types other programs write that have no type of
// their own above: the CSL type they are read as.
var risReadOnly = map[string]string{
	"EDBOOK": "book", "EBOOK": "book", "ECHAP": "chapter", "CONF": "paper-conference",
	"SER": "book", "ABST": "article-journal", "INPR": "article-journal",
	"UNPB": "manuscript", "EJOUR": "article-journal", "ICOMM": "personal_communication",
	"CTLG": "book", "CHART": "graphic", "FIGURE": "figure", "MUSIC": "song",
	"SOUND": "song", "VIDEO": "motion_picture", "ADVS": "motion_picture",
	"WEB": "webpage", "AGGR": "dataset", "ANCIENT": "manuscript",
	"CLSWK": "book", "DBASE": "dataset", "LEGAL": "legislation", "MULTI": "motion_picture",
}

func risType(csl string) string {
	for _, t := range risTypes {
		if t.csl == csl {
			return t.ris
		}
	}
	return "GEN"
}

func cslTypeOfRIS(ris string) (string, bool) {
	for _, t := range risTypes {
		if t.ris == ris {
			return t.csl, true
		}
	}
	t, ok := risReadOnly[ris]
	return t, ok
}

// risFields are the CSL variables with a RIS tag of their own, in the
// order the writer writes them. container-title and the ISBN/ISSN pair
// depend on the type and are handled in code.
var risFields = []struct{ tag, csl string }{
	{"TI", "title"},
	{"ST", "title-short"},
	{"T3", "collection-title"},
	{"J2", "container-title-short"},
	{"ET", "edition"},
	{"VL", "volume"},
	{"IS", "issue"},
	{"M1", "number"},
	{"M3", "genre"},
	{"PB", "publisher"},
	{"CY", "publisher-place"},
	{"DO", "DOI"},
	{"UR", "URL"},
	{"LA", "language"},
	{"AB", "abstract"},
	{"N1", "note"},
	{"CN", "call-number"},
	{"AN", "archive_location"},
	{"DB", "archive"},
	{"OP", "original-title"},
}

// risNames are the name variables with a RIS tag.
var risNames = []struct{ tag, csl string }{
	{"AU", "author"},
	{"A2", "editor"},
	{"A3", "collection-editor"},
	{"A4", "translator"},
}

// risContainerTags are the tags that hold a record's container: a
// journal, a book for a chapter, a conference's proceedings, a website.
// The writer uses T2; older files use the others.
var risContainerTags = map[string]bool{"T2": true, "JO": true, "JF": true, "BT": true}

// isbnTypes are the types whose SN is an ISBN; for the others it is an ISSN.
var isbnTypes = map[string]bool{"book": true, "chapter": true, "report": true, "thesis": true,
	"entry-encyclopedia": true, "entry-dictionary": true, "paper-conference": true, "map": true}

// plainText drops the CSL rich-text markup RIS cannot hold.
var richTagRE = regexp.MustCompile(`</?(?:i|b|sc|sup|sub)>|<span class="nocase">|</span>`)

func risValue(s string) string {
	s = richTagRE.ReplaceAllString(s, "")
	// A value is one line: line breaks inside (an abstract's paragraphs)
	// become spaces, as Zotero writes them.
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", "\x00")), " ")
	return strings.ReplaceAll(s, "\x00", "\u00a0")
}

// WriteRIS writes items as RIS, one record each, lines ending CRLF as the
// specification asks. What RIS cannot hold is left out: markup, the
// second date of a range, name particles as separate parts, variables
// with no tag (see risFields).
func WriteRIS(items []*Item) []byte {
	b := bytes.NewBuffer([]byte{})
	line := func(tag, v string) {
		v = risValue(v)
		if v == "" {
			return
		}
		b.WriteString(tag + "  - " + v + "\r\n")
	}
	for i, it := range items {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString("TY  - " + risType(it.Type) + "\r\n")
		line("ID", it.ID)
		for _, n := range risNames {
			for _, name := range it.Names[n.csl] {
				line(n.tag, risName(name))
			}
		}
		for _, f := range risFields {
			line(f.tag, it.Get(f.csl))
		}
		line("T2", it.Get("container-title"))
		if sn := it.Get("ISBN"); sn != "" && isbnTypes[it.Type] {
			line("SN", sn)
		} else if sn := it.Get("ISSN"); sn != "" && !isbnTypes[it.Type] {
			line("SN", sn)
		}
		if p := it.Get("page"); p != "" {
			sp, ep, ok := strings.Cut(p, "-")
			if !ok {
				sp, ep, _ = strings.Cut(p, "–")
			}
			line("SP", strings.TrimSpace(sp))
			line("EP", strings.TrimSpace(ep))
		}
		if kw := it.Get("keyword"); kw != "" {
			for _, k := range strings.Split(kw, ",") {
				line("KW", strings.TrimSpace(k))
			}
		}
		if d, ok := it.Dates["issued"]; ok {
			writeRISDate(line, "PY", "DA", d)
		}
		if d, ok := it.Dates["accessed"]; ok && len(d.Parts) > 0 {
			line("Y2", risDate(d.Parts[0], ""))
		}
		b.WriteString("ER  - \r\n")
	}
	return b.Bytes()
}

// writeRISDate writes a date as PY (the year) and DA (year/month/day/),
// or, for a date that is only text, as DA's "other" part.
func writeRISDate(line func(tag, v string), py, da string, d Date) {
	if len(d.Parts) == 0 {
		if d.Literal != "" {
			line(da, "///"+d.Literal)
		}
		return
	}
	p := d.Parts[0]
	if p[0] != 0 {
		line(py, strconv.Itoa(p[0]))
	}
	if p[1] != 0 {
		line(da, risDate(p, ""))
	}
}

func risDate(p [3]int, other string) string {
	part := func(n, w int) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprintf("%0*d", w, n)
	}
	return part(p[0], 4) + "/" + part(p[1], 2) + "/" + part(p[2], 2) + "/" + other
}

// risName writes a name the way RIS readers split it back: "Family,
// Given, Suffix", a particle kept with the family name; a literal name (a
// body) as it is, with no comma, so it stays one name.
func risName(n Name) string {
	if n.Literal != "" {
		return strings.ReplaceAll(n.Literal, ",", "")
	}
	fam := n.Family
	if n.NonDroppingParticle != "" {
		fam = n.NonDroppingParticle + " " + fam
	}
	given := n.Given
	if n.DroppingParticle != "" {
		given = strings.TrimSpace(given + " " + n.DroppingParticle)
	}
	s := fam
	if given != "" || n.Suffix != "" {
		s += ", " + given
	}
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

var risLineRE = regexp.MustCompile(`^([A-Z][A-Z0-9])  -(?: (.*))?$`)

// ParseRIS reads a RIS file. Records without an ID tag get a key made from
// the first author's family name and the year ("ruhl2026", then
// "ruhl2026a"), since most programs export RIS without keys.
func ParseRIS(f *source.File) ([]*Item, source.Diags) {
	var ds source.Diags
	var items []*Item
	var keyAt []source.Span
	var cur *Item
	var start int
	var lastField string // the field a line without a tag continues
	var kws, notes []string
	var py, da string
	var pySpan source.Span
	var sp, ep string
	var sn string
	finish := func(end int) {
		if cur == nil {
			return
		}
		cur.Span = f.Range(start, end)
		if len(kws) > 0 {
			cur.Fields["keyword"] = strings.Join(kws, ", ")
		}
		if len(notes) > 0 {
			cur.Fields["note"] = strings.Join(notes, "\n")
		}
		switch {
		case sp != "" && ep != "" && ep != sp:
			cur.Fields["page"] = sp + "-" + ep
		case sp != "":
			cur.Fields["page"] = sp
		}
		if sn != "" {
			if isbnTypes[cur.Type] {
				cur.Fields["ISBN"] = sn
			} else {
				cur.Fields["ISSN"] = sn
			}
		}
		if d, ok := readRISDate(py, da); ok {
			cur.Dates["issued"] = d
		} else if py != "" || da != "" {
			ds.Warnf(pySpan, "ris-date", "a date that is not a RIS date (YYYY or YYYY/MM/DD/): %q", source.Printable(py+" "+da))
		}
		if len(cur.Fields) == 0 {
			cur.Fields = nil
		}
		if len(cur.Names) == 0 {
			cur.Names = nil
		}
		if len(cur.Dates) == 0 {
			cur.Dates = nil
		}
		items = append(items, cur)
		keyAt = append(keyAt, f.At(start))
		cur = nil
	}
	data := f.Data
	if hasUTF8BOM(data) {
		data = data[3:]
	}
	base := len(f.Data) - len(data)
	off := base
	for off < len(f.Data) {
		end := bytes.IndexByte(f.Data[off:], '\n')
		next := len(f.Data)
		if end >= 0 {
			next = off + end + 1
			end += off
		} else {
			end = len(f.Data)
		}
		raw := strings.TrimRight(string(f.Data[off:end]), "\r")
		at := f.Range(off, off+len(raw))
		m := risLineRE.FindStringSubmatch(raw)
		switch {
		case m == nil && strings.TrimSpace(raw) == "":
		case m == nil && cur != nil && lastField != "":
			// A line without a tag continues the value before it: some
			// programs wrap long abstracts.
			cur.Fields[lastField] = strings.TrimSpace(cur.Fields[lastField] + " " + strings.TrimSpace(raw))
		case m == nil:
			ds.Errorf(at, "ris-syntax", "expected a RIS line (two-character tag, two spaces, a hyphen): %q", source.Printable(truncate(raw, 40)))
		default:
			tag, v := m[1], strings.TrimSpace(m[2])
			lastField = ""
			if tag == "TY" {
				if cur != nil {
					ds.Errorf(at, "ris-syntax", "TY before the previous record's ER")
					finish(off)
				}
				cur = &Item{Fields: map[string]string{}, Names: map[string][]Name{}, Dates: map[string]Date{}}
				start = off
				kws, notes, py, da, sp, ep, sn = nil, nil, "", "", "", "", ""
				typ, ok := cslTypeOfRIS(v)
				if !ok {
					ds.Warnf(at, "ris-type", "unknown RIS type %q: read as a document", source.Printable(v))
					typ = "document"
				}
				cur.Type = typ
				break
			}
			if cur == nil {
				ds.Errorf(at, "ris-syntax", "%s outside a record: a record starts with TY", tag)
				break
			}
			if tag == "ER" {
				finish(off + len(raw))
				break
			}
			if v == "" {
				break
			}
			set := func(name string) {
				if _, dup := cur.Fields[name]; dup {
					return // the first value wins, as for BibTeX fields
				}
				cur.Fields[name] = v
				lastField = name
			}
			switch {
			case tag == "ID":
				cur.ID = v
			case tag == "KW":
				kws = append(kws, v)
			case tag == "N1":
				notes = append(notes, v)
			case tag == "PY" || tag == "Y1":
				py, pySpan = v, at
			case tag == "DA":
				da = v
				if pySpan.IsZero() {
					pySpan = at
				}
			case tag == "Y2":
				if d, ok := readRISDate("", v); ok {
					cur.Dates["accessed"] = d
				}
			case tag == "SP":
				sp = v
			case tag == "EP":
				ep = v
			case tag == "SN":
				sn = v
			case risContainerTags[tag]:
				set("container-title")
			case tag == "JA":
				set("container-title-short")
			case tag == "T1":
				set("title")
			case tag == "A1":
				cur.Names["author"] = append(cur.Names["author"], readRISName(v))
			case tag == "ED":
				cur.Names["editor"] = append(cur.Names["editor"], readRISName(v))
			default:
				if n := risNameVar(tag); n != "" {
					cur.Names[n] = append(cur.Names[n], readRISName(v))
					break
				}
				if fv := risFieldVar(tag); fv != "" {
					set(fv)
				}
				// Other tags (C1–C8, L1–L4, RP, ...) carry what the CSL
				// data model has no variable for; they are skipped.
			}
		}
		off = next
	}
	if cur != nil {
		ds.Errorf(f.At(start), "ris-syntax", "record not closed: no ER line before the end of the file")
		finish(len(f.Data))
	}
	// Keys are made once every record is read, so that a made key never
	// takes one a later record gives in its ID tag.
	taken := map[string]bool{}
	for _, it := range items {
		taken[it.ID] = true
	}
	for _, it := range items {
		if it.ID == "" {
			it.ID = risKey(it, taken)
			taken[it.ID] = true
		}
	}
	// Keys from ID tags may repeat; the reader reports them like the others.
	for i := range items {
		keyAt[i] = items[i].Span
		keyAt[i].End = keyAt[i].Start
	}
	return dedupe(items, keyAt, &ds), ds
}

func hasUTF8BOM(b []byte) bool { return len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func risNameVar(tag string) string {
	for _, n := range risNames {
		if n.tag == tag {
			return n.csl
		}
	}
	return ""
}

func risFieldVar(tag string) string {
	for _, f := range risFields {
		if f.tag == tag {
			return f.csl
		}
	}
	return ""
}

// readRISName splits "Family, Given, Suffix". A name without a comma is a
// body's name or a single name, kept whole as a literal.
func readRISName(s string) Name {
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) == 1 {
		return Name{Literal: parts[0]}
	}
	n := Name{Family: parts[0], Given: parts[1]}
	if len(parts) > 2 {
		n.Suffix = strings.Join(parts[2:], ", ")
	}
	return n
}

// readRISDate reads PY ("2015" or, in older files, "2015/12/23/") and DA
// ("2015/12/23/other"); DA's month and day refine PY's year.
func readRISDate(py, da string) (Date, bool) {
	if py == "" && da == "" {
		return Date{}, false
	}
	parse := func(s string) ([3]int, string, bool) {
		var p [3]int
		fs := strings.SplitN(s, "/", 4)
		for i := 0; i < 3 && i < len(fs); i++ {
			if fs[i] == "" {
				continue
			}
			n, err := strconv.Atoi(fs[i])
			if err != nil || n < 0 || (i == 0 && n > 9999) || (i == 1 && n > 16) || (i == 2 && n > 31) {
				return p, "", false
			}
			p[i] = n
		}
		other := ""
		if len(fs) == 4 {
			other = strings.TrimSpace(fs[3])
		}
		return p, other, true
	}
	var d [3]int
	var other string
	if py != "" {
		p, o, ok := parse(py)
		if !ok {
			return Date{}, false
		}
		d, other = p, o
	}
	if da != "" {
		p, o, ok := parse(da)
		if !ok {
			return Date{}, false
		}
		if d[0] == 0 || p[0] == d[0] {
			if p[0] != 0 {
				d = p
			}
		}
		if o != "" {
			other = o
		}
	}
	if d[0] == 0 {
		if other != "" {
			return Date{Literal: other}, true
		}
		return Date{}, false
	}
	if d[1] == 0 {
		d[2] = 0
	}
	return Date{Parts: [][3]int{d}}, true
}

// risKey makes a citation key for a record without an ID: the first
// author's (or editor's) family name and the year, lower-case ASCII
// letters and digits, with a letter added when it is taken.
func risKey(it *Item, taken map[string]bool) string {
	var stem string
	for _, role := range []string{"author", "editor"} {
		if ns := it.Names[role]; len(ns) > 0 {
			stem = ns[0].Family
			if stem == "" {
				stem = ns[0].Literal
			}
			break
		}
	}
	if stem == "" {
		stem = it.Get("title")
	}
	var b strings.Builder
	for _, r := range strings.ToLower(stem) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
		if b.Len() >= 20 {
			break
		}
	}
	if b.Len() == 0 {
		b.WriteString("ris")
	}
	if d, ok := it.Dates["issued"]; ok && len(d.Parts) > 0 && d.Parts[0][0] != 0 {
		b.WriteString(strconv.Itoa(d.Parts[0][0]))
	}
	key := b.String()
	if !taken[key] {
		return key
	}
	for c := 'a'; c <= 'z'; c++ {
		if k := key + string(c); !taken[k] {
			return k
		}
	}
	for n := 2; ; n++ {
		if k := key + "-" + strconv.Itoa(n); !taken[k] {
			return k
		}
	}
}
