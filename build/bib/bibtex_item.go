package bib

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/source"
)

// ParseBibTeX reads a BibTeX or BibLaTeX file as Zotero, Better BibTeX and
// JabRef export it. Every entry becomes an item in the CSL data model;
// every problem is reported at its place and reading goes on with the next
// entry. Unknown fields are ignored; unknown entry types are read as
// "document" with a warning.
func ParseBibTeX(f *source.File) ([]*Item, source.Diags) {
	var ds source.Diags
	sc := newBibScanner(f, &ds)
	sc.scan()
	sc.resolveInheritance()
	c := &bibConv{f: f, ds: &ds, tex: sc.tex}
	if bad := invalidUTF8(f.Data); bad >= 0 {
		// Older JabRef and BibTeX tools write Latin-1 ("% Encoding:
		// ISO8859_1"); read it as such rather than as replacement marks.
		ds.Warnf(f.At(bad), "bibtex-encoding", "the file is not UTF-8: read as Latin-1").
			WithHint("save the file as UTF-8 to be sure of its accented letters")
	}
	items := make([]*Item, 0, len(sc.entries))
	var keys []source.Span
	for _, e := range sc.entries {
		if e.invalid || e.key == "" {
			continue
		}
		items = append(items, c.item(e))
		keys = append(keys, f.At(e.keyOff))
	}
	return dedupe(items, keys, &ds), ds
}

type bibConv struct {
	f   *source.File
	ds  *source.Diags
	tex map[string]texMacro // the file's own commands, from @preamble
}

// invalidUTF8 is the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

func newItem(id string) *Item {
	return &Item{ID: id, Fields: make(map[string]string, 12), Names: map[string][]Name{}, Dates: map[string]Date{}}
}

// text decodes a field's LaTeX. title says whether braces protect case.
func (c *bibConv) text(fl *rawField, title bool) string {
	if fl == nil {
		return ""
	}
	return c.decodeRange(fl.val, fl.val.raw(), textRange{0, len(fl.val.raw())}, title)
}

func (c *bibConv) decodeRange(v value, raw string, r textRange, title bool) string {
	text := raw[r.start:r.end]
	expanded, changed := expandTeXMacros(text, c.tex)
	return decodeLaTeX(expanded, title, func(off int, name string) {
		if changed {
			// An offset in the expansion is not one in the file: point
			// at the value.
			off = 0
		}
		c.ds.Warnf(c.f.At(v.fileOff(r.start+off)), "latex-command", "unknown LaTeX command \\%s: its argument is kept as text", name)
	})
}

// verbatim is a field biber reads as it stands (url, doi, eprint): white
// space trimmed, and the escapes JabRef writes into URLs ("\_", "\%")
// undone, since a URL never holds a backslash.
func verbatim(fl *rawField) string {
	if fl == nil {
		return ""
	}
	s := latin1Fix(strings.TrimSpace(fl.val.raw()))
	if strings.HasPrefix(s, "\\url{") && strings.HasSuffix(s, "}") {
		s = s[len("\\url{") : len(s)-1]
	}
	if strings.Contains(s, "\\") {
		r := strings.NewReplacer(`\_`, "_", `\%`, "%", `\&`, "&", `\#`, "#", `\~`, "~", `\$`, "$", `{\textasciitilde}`, "~", `\textasciitilde{}`, "~")
		s = r.Replace(s)
	}
	return s
}

func (c *bibConv) item(e *rawEntry) *Item {
	it := newItem(latin1Fix(e.key))
	it.Span = c.f.Range(e.start, e.end)
	it.Type = c.cslType(e)
	get := e.field
	set := func(name, v string) {
		if v != "" && it.Fields[name] == "" {
			it.Fields[name] = v
		}
	}

	// Titles. A subtitle joins its title with ": ", an addon with ". ".
	title := func(prefix string) string {
		t := c.text(get(prefix+"title"), true)
		if sub := c.text(get(prefix+"subtitle"), true); sub != "" {
			t = joinTitle(t, ": ", sub)
		}
		if add := c.text(get(prefix+"titleaddon"), true); add != "" {
			t = joinTitle(t, ". ", add)
		}
		return t
	}
	main := title("main")
	book := title("book")
	journal := title("journal")
	if journal == "" {
		journal = c.text(get("journal"), true)
	}
	set("title", title(""))
	switch {
	case book != "" && main != "":
		set("container-title", main)
		set("volume-title", book)
	case book != "":
		set("container-title", book)
	case main != "" && isContained(it.Type):
		set("container-title", main)
	case main != "":
		// A volume of a multi-volume work: the work's title is the title,
		// the volume's its volume-title.
		if t := it.Fields["title"]; t != "" {
			it.Fields["volume-title"] = t
		}
		it.Fields["title"] = main
	}
	set("container-title", journal)
	set("title-short", c.text(get("shorttitle"), true))
	set("container-title-short", c.text(get("shortjournal"), true))
	set("container-title-short", c.text(get("journalabbrev"), true))
	set("collection-title", c.text(get("series"), true))
	set("original-title", c.text(get("origtitle"), true))
	set("event-title", c.text(get("eventtitle"), true))
	set("reviewed-title", c.text(get("reviewedtitle"), true))

	// Numbers. biblatex's number is an article's issue and a series
	// volume's number in the series; elsewhere the item's own number.
	number := c.text(get("number"), false)
	switch {
	case strings.HasPrefix(it.Type, "article"):
		set("issue", number)
		set("issue", c.text(get("issue"), false))
	case get("series") != nil && (it.Type == "book" || it.Type == "chapter" || it.Type == "paper-conference"):
		set("collection-number", number)
	default:
		set("number", number)
		set("issue", c.text(get("issue"), false))
	}
	set("number", c.text(get("eid"), false))
	set("volume", c.text(get("volume"), false))
	set("number-of-volumes", c.text(get("volumes"), false))
	set("part-number", c.text(get("part"), false))
	set("page", c.text(get("pages"), false))
	set("number-of-pages", c.text(get("pagetotal"), false))
	set("edition", c.text(get("edition"), false))
	set("chapter-number", c.text(get("chapter"), false))
	set("version", c.text(get("version"), false))

	// Publisher and place. Lists ("A and B") are joined with "; ".
	for _, f := range []string{"publisher", "institution", "school"} {
		set("publisher", c.list(get(f)))
	}
	if org := c.list(get("organization")); org != "" {
		if it.Type == "webpage" {
			// On @online, biblatex's organization is who runs the site,
			// which CSL styles print as the container title.
			set("container-title", org)
		} else {
			set("publisher", org)
		}
	}
	if hp := get("howpublished"); hp != nil {
		if u := verbatim(hp); strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			set("URL", u)
		} else {
			set("publisher", c.text(hp, false))
		}
	}
	set("publisher-place", c.list(get("location")))
	set("publisher-place", c.list(get("address")))
	set("original-publisher", c.list(get("origpublisher")))
	set("original-publisher-place", c.list(get("origlocation")))
	set("event-place", c.text(get("venue"), false))
	set("genre", c.genre(e))

	// Identifiers and links.
	set("DOI", cleanDOI(verbatim(get("doi"))))
	set("URL", verbatim(get("url")))
	set("ISBN", c.text(get("isbn"), false))
	set("ISSN", c.text(get("issn"), false))
	set("PMID", verbatim(get("pmid")))
	set("PMCID", verbatim(get("pmcid")))
	c.eprint(e, set)

	// Notes and language.
	note := c.text(get("note"), false)
	if add := c.text(get("addendum"), false); add != "" {
		note = joinTitle(note, ". ", add)
	}
	set("note", note)
	set("annote", c.text(get("annotation"), false))
	set("annote", c.text(get("annote"), false))
	set("language", c.language(e))
	set("status", c.pubstate(e))

	// Names.
	for _, m := range [][2]string{
		{"author", "author"}, {"editor", "editor"}, {"translator", "translator"},
		{"bookauthor", "container-author"}, {"holder", "author"},
	} {
		if fl := get(m[0]); fl != nil && len(it.Names[m[1]]) == 0 {
			if ns := c.names(fl); len(ns) > 0 {
				it.Names[m[1]] = ns
			}
		}
	}

	// Dates.
	if d, ok := c.issued(e); ok {
		it.Dates["issued"] = d
	}
	for _, m := range [][2]string{{"urldate", "accessed"}, {"origdate", "original-date"}, {"eventdate", "event-date"}} {
		if fl := get(m[0]); fl != nil {
			if d, ok := c.date(fl); ok {
				it.Dates[m[1]] = d
			}
		}
	}
	return it
}

// joinTitle joins two parts unless the first already ends in punctuation
// that does the joining ("What Is X? A Study").
func joinTitle(a, sep, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	plain := strings.TrimRight(a, "</>abcdefghijklmnopqrstuvwxyz\"= ")
	if strings.HasSuffix(a, "?") || strings.HasSuffix(a, "!") || strings.HasSuffix(a, ".") || strings.HasSuffix(a, ":") ||
		(plain != a && (strings.HasSuffix(plain, "?") || strings.HasSuffix(plain, "!") || strings.HasSuffix(plain, "."))) {
		return a + " " + b
	}
	return a + sep + b
}

func isContained(t string) bool {
	switch t {
	case "chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary", "entry":
		return true
	}
	return false
}

// list reads a literal list ("Springer and Kluwer") as one text.
func (c *bibConv) list(fl *rawField) string {
	if fl == nil {
		return ""
	}
	raw := fl.val.raw()
	var parts []string
	for _, r := range splitNames(raw) {
		if s := c.decodeRange(fl.val, raw, trimRange(raw, r), false); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

func (c *bibConv) names(fl *rawField) []Name {
	raw := fl.val.raw()
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	var out []Name
	warn := func(off int, format string, args ...any) {
		c.ds.Warnf(c.f.At(fl.val.fileOff(off)), "bibtex-name", format, args...)
	}
	decode := func(r textRange) string { return c.decodeRange(fl.val, raw, r, false) }
	for _, r := range splitNames(raw) {
		if n, ok := c.bibName(raw, r, decode, warn); ok {
			out = append(out, n)
		}
	}
	return out
}

func cleanDOI(s string) string {
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:"} {
		if strings.HasPrefix(s, p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	return s
}

// eprint maps biblatex's eprint to the CSL variable that holds it, or to a
// URL when CSL has none (arXiv, JSTOR, handles).
func (c *bibConv) eprint(e *rawEntry, set func(string, string)) {
	id := verbatim(e.field("eprint"))
	if id == "" {
		return
	}
	kind := strings.ToLower(verbatim(e.field("eprinttype")))
	if kind == "" {
		kind = strings.ToLower(verbatim(e.field("archiveprefix")))
	}
	switch kind {
	case "arxiv":
		set("URL", "https://arxiv.org/abs/"+id)
		set("number", "arXiv:"+id)
	case "pubmed", "pmid":
		set("PMID", id)
	case "pmcid", "pmc":
		set("PMCID", id)
	case "doi":
		set("DOI", cleanDOI(id))
	case "jstor":
		set("URL", "https://www.jstor.org/stable/"+id)
	case "hdl", "handle":
		set("URL", "https://hdl.handle.net/"+id)
	case "googlebooks":
		set("URL", "https://books.google.com/books?id="+id)
	case "ssrn":
		set("URL", "https://papers.ssrn.com/abstract="+id)
	default:
		set("number", id)
	}
}

// genre is the type field, with biblatex's localisation keys
// ("phdthesis") spelt out, or the kind implied by the BibTeX entry type.
func (c *bibConv) genre(e *rawEntry) string {
	t := c.text(e.field("type"), false)
	switch strings.ToLower(t) {
	case "phdthesis":
		return "PhD thesis"
	case "mathesis", "mastersthesis":
		return "Master's thesis"
	case "candthesis":
		return "Candidate thesis"
	case "techreport":
		return "Technical report"
	case "resreport":
		return "Research report"
	case "software":
		return "Computer software"
	case "datacd":
		return "CD-ROM"
	case "audiocd":
		return "Audio CD"
	case "":
	default:
		return t
	}
	switch e.typ {
	case "phdthesis":
		return "PhD thesis"
	case "mastersthesis":
		return "Master's thesis"
	case "techreport":
		return "Technical report"
	}
	return ""
}

// pubstate spells out biblatex's publication-state keys ("inpress").
func (c *bibConv) pubstate(e *rawEntry) string {
	s := c.text(e.field("pubstate"), false)
	switch s {
	case "inpress":
		return "in press"
	case "inpreparation":
		return "in preparation"
	}
	return s
}

// cslType maps the entry type, as pandoc and Zotero do.
func (c *bibConv) cslType(e *rawEntry) string {
	sub := strings.ToLower(strings.TrimSpace(e.field("entrysubtype").textOrEmpty()))
	switch e.typ {
	case "article":
		switch sub {
		case "magazine":
			return "article-magazine"
		case "newspaper":
			return "article-newspaper"
		}
		return "article-journal"
	case "book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
		"reference", "mvreference", "manual":
		return "book"
	case "inbook", "bookinbook", "suppbook", "incollection", "suppcollection":
		return "chapter"
	case "inproceedings", "conference":
		return "paper-conference"
	case "inreference":
		return "entry-encyclopedia"
	case "booklet":
		return "pamphlet"
	case "online", "electronic", "www":
		return "webpage"
	case "misc":
		if e.field("url") != nil || urlIn(e.field("howpublished")) {
			return "webpage"
		}
		return "document"
	case "report", "techreport":
		return "report"
	case "thesis", "mastersthesis", "phdthesis":
		return "thesis"
	case "unpublished":
		return "manuscript"
	case "patent":
		return "patent"
	case "periodical", "suppperiodical":
		return "periodical"
	case "dataset":
		return "dataset"
	case "software", "code":
		return "software"
	case "legislation":
		return "legislation"
	case "jurisdiction":
		return "legal_case"
	case "legal":
		return "treaty"
	case "standard":
		return "standard"
	case "letter", "letters":
		return "personal_communication"
	case "review":
		return "review"
	case "movie", "video":
		return "motion_picture"
	case "music", "audio":
		return "song"
	case "artwork", "image":
		return "graphic"
	case "performance":
		return "performance"
	case "interview":
		return "interview"
	case "map":
		return "map"
	case "speech":
		return "speech"
	}
	c.ds.Warnf(c.f.At(e.typOff), "bibtex-entry-type", "unknown entry type @%s: read as a document", e.typ).
		WithHint("BibLaTeX types include @article, @book, @incollection, @inproceedings, @report, @thesis, @online, @misc")
	return "document"
}

func (fl *rawField) textOrEmpty() string {
	if fl == nil {
		return ""
	}
	return fl.val.raw()
}

func urlIn(fl *rawField) bool {
	if fl == nil {
		return false
	}
	s := verbatim(fl)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// language maps babel language names (langid, as Zotero and biblatex write
// them) to the BCP 47 tags CSL uses; a tag stays as it is.
func (c *bibConv) language(e *rawEntry) string {
	s := strings.TrimSpace(c.text(e.field("langid"), false))
	if s == "" {
		lang := c.text(e.field("language"), false)
		s, _, _ = strings.Cut(lang, " and ")
		s = strings.TrimSpace(s)
	}
	if s == "" {
		return ""
	}
	if tag := babelTag(strings.ToLower(s)); tag != "" {
		return tag
	}
	return s
}

func babelTag(name string) string {
	switch name {
	case "english", "american", "usenglish", "canadian":
		return "en-US"
	case "british", "ukenglish", "australian", "newzealand":
		return "en-GB"
	case "french", "francais", "acadian", "canadien":
		return "fr-FR"
	case "german", "ngerman", "germanb":
		return "de-DE"
	case "austrian", "naustrian":
		return "de-AT"
	case "swissgerman", "nswissgerman":
		return "de-CH"
	case "dutch":
		return "nl-NL"
	case "spanish":
		return "es-ES"
	case "italian":
		return "it-IT"
	case "portuguese", "portuges":
		return "pt-PT"
	case "brazil", "brazilian":
		return "pt-BR"
	case "russian":
		return "ru-RU"
	case "ukrainian":
		return "uk-UA"
	case "polish":
		return "pl-PL"
	case "czech":
		return "cs-CZ"
	case "slovak":
		return "sk-SK"
	case "slovene", "slovenian":
		return "sl-SI"
	case "croatian":
		return "hr-HR"
	case "serbian":
		return "sr-RS"
	case "bulgarian":
		return "bg-BG"
	case "romanian":
		return "ro-RO"
	case "hungarian", "magyar":
		return "hu-HU"
	case "swedish":
		return "sv-SE"
	case "danish":
		return "da-DK"
	case "norwegian", "norsk", "bokmal":
		return "nb-NO"
	case "nynorsk":
		return "nn-NO"
	case "finnish":
		return "fi-FI"
	case "estonian":
		return "et-EE"
	case "latvian":
		return "lv-LV"
	case "lithuanian":
		return "lt-LT"
	case "icelandic":
		return "is-IS"
	case "greek":
		return "el-GR"
	case "turkish":
		return "tr-TR"
	case "hebrew":
		return "he-IL"
	case "arabic":
		return "ar"
	case "persian", "farsi":
		return "fa-IR"
	case "japanese":
		return "ja-JP"
	case "chinese":
		return "zh-CN"
	case "korean":
		return "ko-KR"
	case "catalan":
		return "ca-AD"
	case "basque":
		return "eu"
	case "galician":
		return "gl-ES"
	case "latin":
		return "la"
	case "vietnamese":
		return "vi-VN"
	case "thai":
		return "th-TH"
	case "indonesian", "bahasa":
		return "id-ID"
	case "afrikaans":
		return "af-ZA"
	case "welsh":
		return "cy-GB"
	case "irish":
		return "ga-IE"
	}
	return ""
}

// issued reads date, or year with month and day.
func (c *bibConv) issued(e *rawEntry) (Date, bool) {
	if fl := e.field("date"); fl != nil {
		return c.date(fl)
	}
	var ms monthSpec
	mf := e.field("month")
	if mf != nil {
		ms, _ = c.month(mf)
	}
	month := ms.from
	yf := e.field("year")
	if yf == nil {
		if mf != nil {
			c.ds.Warnf(c.f.At(mf.nameOff), "bibtex-date", "month without a year is ignored")
		}
		return Date{}, false
	}
	y := strings.TrimSpace(c.text(yf, false))
	if y == "" {
		return Date{}, false
	}
	var d Date
	if n, ok := yearNumber(y); ok {
		d.Parts = [][3]int{{n, 0, 0}}
	} else if r, err := parseEDTF(yearRange(y)); err == nil && len(r.Parts) == 2 && r.Parts[0][1] == 0 && r.Parts[1][1] == 0 {
		d = r // "2020/2021", "2020--2021"
	} else {
		if strings.ContainsAny(y, "0123456789") && !wholeBraced(yf.val.raw()) {
			// Digits that make no year are a slip ("20x1"), not a status.
			c.ds.Errorf(c.f.At(yf.val.contentStart()), "bibtex-date", "year %q is not a year", y).
				WithHint("write the year in digits, a range such as 2020--2021, a status such as {in press}, or text to print as it stands in double braces, {{Spring 2020}}")
		}
		// "in press", "forthcoming", "n.d.": text a style prints as it is.
		return Date{Literal: y}, true
	}
	if month != 0 && len(d.Parts) == 1 && ms.to != 0 {
		// "April-May 1986": a range of months in one year.
		d.Parts = [][3]int{{d.Parts[0][0], ms.from, 0}, {d.Parts[0][0], ms.to, 0}}
		return d, true
	}
	if month != 0 {
		d.Parts[0][1] = month
		if ms.day != 0 && len(d.Parts) == 1 && e.field("day") == nil {
			if ms.day <= daysIn(month, d.Parts[0][0]) {
				d.Parts[0][2] = ms.day
			} else {
				c.ds.Errorf(c.f.At(mf.val.contentStart()), "bibtex-date", "month %q: %s %d has no day %d", strings.TrimSpace(c.text(mf, false)), monthNames[month-1], d.Parts[0][0], ms.day)
			}
		}
		if df := e.field("day"); df != nil {
			day, err := strconv.Atoi(strings.TrimSpace(c.text(df, false)))
			if err != nil || day < 1 || day > daysIn(month, d.Parts[0][0]) {
				c.ds.Errorf(c.f.At(df.val.contentStart()), "bibtex-date", "day %q is not a day of %s %d", strings.TrimSpace(df.val.raw()), monthNames[month-1], d.Parts[0][0])
			} else if len(d.Parts) == 1 {
				d.Parts[0][2] = day
			}
		}
		if len(d.Parts) == 2 {
			d.Parts[1][1] = 0
		}
	}
	return d, true
}

// wholeBraced reports whether a value is one brace group, "{Spring
// 2020}": text its writer protected on purpose, which is taken as it
// stands.
func wholeBraced(raw string) bool {
	raw = strings.TrimSpace(raw)
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' {
		return false
	}
	depth := 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != len(raw)-1 {
				return false
			}
		}
	}
	return depth == 0
}

// dashesToSlash turns the dashes of a range into EDTF's slash.
func dashesToSlash(s string) string {
	if strings.Contains(s, "–") || strings.Contains(s, "—") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "–", "/"), "—", "/")
	}
	return s
}

// yearRange turns the ways people write a range of years ("2020--2021",
// which decodes to an en dash, "2020-2021", and the abbreviated "1968--90"
// BibTeX's own example file has) into EDTF's "2020/2021".
func yearRange(s string) string {
	s = dashesToSlash(s)
	if a, b, ok := strings.Cut(s, "-"); ok && len(a) == 4 && len(b) == 4 {
		s = a + "/" + b
	}
	if a, b, ok := strings.Cut(s, "/"); ok && len(a) == 4 && len(b) >= 1 && len(b) < 4 && allDigits(a) && allDigits(b) {
		if full := a[:4-len(b)] + b; full > a {
			return a + "/" + full
		}
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// yearNumber reads "2020", "-44", and "2020a" (a disambiguating letter
// some exports keep; the processor adds its own).
func yearNumber(s string) (int, bool) {
	if len(s) > 1 && s[len(s)-1] >= 'a' && s[len(s)-1] <= 'z' {
		s = s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n != 0 && !strings.HasPrefix(s, "+")
}

// monthSpec is what a BibTeX month field says: a month, or a range of
// months in the year (to), and perhaps a day.
type monthSpec struct{ from, to, day int }

// month reads a month field. Besides a month's name, abbreviation or
// number, classic .bib files (xampl.bib among them) write what BibTeX's
// standard styles print as it stands: a day with the month, "10~" # jan
// ("10 January", or "January 10"), and a range, apr # "-" # may ("April-May")
// or nov # ", " # dec.
func (c *bibConv) month(fl *rawField) (monthSpec, bool) {
	s := strings.TrimSpace(strings.ReplaceAll(c.text(fl, false), "\u00a0", " "))
	if ms, ok := parseMonthSpec(s); ok {
		return ms, true
	}
	c.ds.Errorf(c.f.At(fl.val.contentStart()), "bibtex-date", "month %q is not a month", s).
		WithHint("write a macro (jan … dec), a number 1–12, an English month name, a day and a month (\"10~\" # jan) or a range (apr # \"-\" # may)")
	return monthSpec{}, false
}

func parseMonthSpec(s string) (monthSpec, bool) {
	if m, ok := monthNumber(s); ok {
		return monthSpec{from: m}, true
	}
	// A range: two months with a dash, a slash, a comma or "and" between.
	for _, sep := range []string{"--", "-", "–", "—", "/", ",", " and ", " & "} {
		a, b, ok := strings.Cut(s, sep)
		if !ok {
			continue
		}
		m1, ok1 := monthNumber(a)
		m2, ok2 := monthNumber(b)
		if ok1 && ok2 && m1 < m2 {
			return monthSpec{from: m1, to: m2}, true
		}
		if ok1 || ok2 {
			return monthSpec{}, false
		}
	}
	// A day and a month, either way round: "10 January", "January 10".
	f := strings.Fields(s)
	if len(f) == 2 {
		for _, o := range [][2]int{{0, 1}, {1, 0}} {
			day, err := strconv.Atoi(strings.TrimSuffix(f[o[0]], ","))
			m, ok := monthNumber(strings.TrimSuffix(f[o[1]], ","))
			if err == nil && ok && day >= 1 && day <= 31 {
				return monthSpec{from: m, day: day}, true
			}
		}
	}
	return monthSpec{}, false
}

func (c *bibConv) date(fl *rawField) (Date, bool) {
	// EDTF's circa mark "~" is TeX's tie, which decodes to a no-break space.
	s := strings.TrimSpace(strings.ReplaceAll(c.text(fl, false), "\u00a0", "~"))
	// "2020--2021" decodes to an en dash, and Zotero writes ranges with one.
	s = dashesToSlash(s)
	d, err := parseEDTF(s)
	if err != nil {
		c.ds.Errorf(c.f.At(fl.val.contentStart()), "bibtex-date", "%s %q: %v", fl.name, strings.TrimSpace(fl.val.raw()), err).
			WithHint("BibLaTeX dates are YYYY, YYYY-MM, YYYY-MM-DD, or a range such as 2020/2021")
		return Date{}, false
	}
	return d, true
}
