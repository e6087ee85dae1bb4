package bib

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WriteBibTeX writes items as BibLaTeX (UTF-8, for biber), the inverse of
// ParseBibTeX where BibLaTeX has a field for a CSL variable. Variables it
// has no field for (archive, call-number, medium, ...) are left out, and
// CSL types without a BibLaTeX type (speech, interview, map, ...) become
// @misc. Names are written "von Last, Jr, First" when ParseBibTeX reads
// them back unchanged, else in biblatex's extended form
// (family=..., given=..., prefix=...).
func WriteBibTeX(items []*Item) []byte {
	b := bytes.NewBuffer([]byte{}) // an empty library is an empty file, not nil
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeEntry(b, it)
	}
	return b.Bytes()
}

type bibField struct{ name, value string }

func writeEntry(b *bytes.Buffer, it *Item) {
	typ, sub := biblatexType(it)
	var fs []bibField
	add := func(name, v string) {
		if v != "" {
			fs = append(fs, bibField{name, v})
		}
	}
	get := it.Get
	title := func(v string) string { return encodeLaTeX(v, true) }
	text := func(v string) string { return encodeLaTeX(v, false) }

	t, vol := get("title"), get("volume-title")
	container := get("container-title")
	switch {
	case vol != "" && typ == "book":
		add("title", title(vol))
		add("maintitle", title(t))
		t = ""
	case vol != "" && container != "":
		add("title", title(t))
		add("maintitle", title(container))
		add("booktitle", title(vol))
		container, t = "", ""
	}
	add("title", title(t))
	for _, m := range [][2]string{{"author", "author"}, {"editor", "editor"}, {"translator", "translator"}, {"container-author", "bookauthor"}} {
		add(m[1], writeNames(it.Names[m[0]]))
	}
	if d, ok := it.Dates["issued"]; ok {
		for _, f := range issuedFields(d) {
			add(f.name, f.value)
		}
	}
	switch {
	case container == "":
	case strings.HasPrefix(it.Type, "article") || it.Type == "periodical":
		add("journaltitle", title(container))
	case it.Type == "webpage" || it.Type == "post" || it.Type == "post-weblog":
		add("organization", text(container))
	default:
		add("booktitle", title(container))
	}
	add("shortjournal", title(get("container-title-short")))
	add("series", title(get("collection-title")))
	add("volume", text(get("volume")))
	add("volumes", text(get("number-of-volumes")))
	add("part", text(get("part-number")))
	if strings.HasPrefix(it.Type, "article") {
		add("number", text(get("issue")))
		add("eid", text(get("number")))
	} else {
		switch {
		case get("collection-number") != "" && get("collection-title") != "" && (typ == "book" || typ == "incollection" || typ == "inproceedings") && get("number") == "":
			add("number", text(get("collection-number")))
		default:
			add("number", text(get("number")))
		}
		add("issue", text(get("issue")))
	}
	add("pages", text(get("page")))
	add("pagetotal", text(get("number-of-pages")))
	add("edition", text(get("edition")))
	add("chapter", text(get("chapter-number")))
	add("version", text(get("version")))
	pub := "publisher"
	if typ == "report" || typ == "thesis" {
		pub = "institution"
	}
	add(pub, writeList(get("publisher")))
	add("location", writeList(get("publisher-place")))
	add("origpublisher", writeList(get("original-publisher")))
	add("origlocation", writeList(get("original-publisher-place")))
	add("venue", text(get("event-place")))
	add("eventtitle", title(get("event-title")))
	add("origtitle", title(get("original-title")))
	add("type", text(get("genre")))
	add("entrysubtype", sub)
	add("doi", verbatimValue(get("DOI")))
	add("url", verbatimValue(get("URL")))
	if d, ok := it.Dates["accessed"]; ok {
		add("urldate", formatEDTF(d))
	}
	if d, ok := it.Dates["original-date"]; ok {
		add("origdate", formatEDTF(d))
	}
	if d, ok := it.Dates["event-date"]; ok {
		add("eventdate", formatEDTF(d))
	}
	add("isbn", text(get("ISBN")))
	add("issn", text(get("ISSN")))
	add("pmid", verbatimValue(get("PMID")))
	add("pmcid", verbatimValue(get("PMCID")))
	add("langid", babelName(get("language")))
	add("pubstate", text(get("status")))
	add("shorttitle", title(get("title-short")))
	add("note", text(get("note")))
	add("annotation", text(get("annote")))
	add("abstract", text(get("abstract")))
	add("keywords", text(get("keyword")))

	b.WriteString("@" + typ + "{" + bibKey(it.ID))
	for _, f := range fs {
		b.WriteString(",\n  " + f.name + " = {" + f.value + "}")
	}
	b.WriteString("\n}\n")
}

// bibKey keeps a key BibTeX can read: bytes it cannot hold become '_'.
func bibKey(id string) string {
	id = strings.ToValidUTF8(id, "\uFFFD")
	if id == "" {
		return "_"
	}
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		if isKeyByte(id[i]) {
			b.WriteByte(id[i])
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func biblatexType(it *Item) (typ, subtype string) {
	switch it.Type {
	case "article-journal", "article":
		return "article", ""
	case "article-magazine":
		return "article", "magazine"
	case "article-newspaper":
		return "article", "newspaper"
	case "book":
		return "book", ""
	case "chapter":
		return "incollection", ""
	case "paper-conference":
		return "inproceedings", ""
	case "entry", "entry-dictionary", "entry-encyclopedia":
		return "inreference", ""
	case "pamphlet":
		return "booklet", ""
	case "webpage", "post", "post-weblog":
		return "online", ""
	case "report":
		return "report", ""
	case "thesis":
		return "thesis", ""
	case "manuscript":
		return "unpublished", ""
	case "patent":
		return "patent", ""
	case "periodical":
		return "periodical", ""
	case "dataset":
		return "dataset", ""
	case "software":
		return "software", ""
	case "legislation", "bill", "regulation":
		return "legislation", ""
	case "legal_case":
		return "jurisdiction", ""
	case "treaty":
		return "legal", ""
	case "standard":
		return "standard", ""
	case "personal_communication":
		return "letter", ""
	case "review", "review-book":
		return "review", ""
	case "motion_picture", "broadcast":
		return "video", ""
	case "song":
		return "audio", ""
	case "graphic", "figure":
		return "artwork", ""
	case "performance":
		return "performance", ""
	}
	return "misc", ""
}

// babelName is the babel language a CSL language tag reads back from.
func babelName(tag string) string {
	if tag == "" {
		return ""
	}
	for _, name := range []string{"english", "british", "french", "ngerman", "naustrian", "nswissgerman",
		"dutch", "spanish", "italian", "portuguese", "brazil", "russian", "ukrainian", "polish", "czech",
		"slovak", "slovene", "croatian", "serbian", "bulgarian", "romanian", "hungarian", "swedish",
		"danish", "norwegian", "nynorsk", "finnish", "estonian", "latvian", "lithuanian", "icelandic",
		"greek", "turkish", "hebrew", "arabic", "persian", "japanese", "chinese", "korean", "catalan",
		"basque", "galician", "latin", "vietnamese", "thai", "indonesian", "afrikaans", "welsh", "irish"} {
		if babelTag(name) == tag {
			return name
		}
	}
	return encodeLaTeX(tag, false)
}

// writeList writes a "; "-joined CSL text as a BibTeX literal list.
func writeList(s string) string {
	if s == "" {
		return ""
	}
	parts := strings.Split(s, "; ")
	for i, p := range parts {
		parts[i] = protectAnd(encodeLaTeX(p, false))
		if strings.Contains(p, ",") {
			// "Foo, Bar" is one institution: braced, no reader that takes
			// the field for names ("Last, First") splits it.
			parts[i] = "{" + parts[i] + "}"
		}
	}
	return strings.Join(parts, " and ")
}

// protectAnd braces a literal " and " so that it is not a list separator.
func protectAnd(s string) string {
	var b strings.Builder
	ws := strings.Split(s, " ")
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		if strings.EqualFold(w, "and") && i > 0 && i < len(ws)-1 {
			b.WriteString("{" + w + "}")
		} else {
			b.WriteString(w)
		}
	}
	return b.String()
}

func writeNames(ns []Name) string {
	parts := make([]string, 0, len(ns))
	for _, n := range ns {
		if s := writeName(n); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " and ")
}

func writeName(n Name) string {
	if n.IsOthers() {
		return "others"
	}
	if n.Literal != "" && n.Family == "" && n.Given == "" {
		return "{" + encodeLaTeX(n.Literal, false) + "}"
	}
	plain := func(s string) string {
		e := encodeLaTeX(s, false)
		if strings.ContainsAny(s, " ,~") || strings.EqualFold(s, "and") || strings.EqualFold(s, "others") {
			e = "{" + e + "}"
		}
		return e
	}
	var b strings.Builder
	if n.NonDroppingParticle != "" {
		b.WriteString(encodeLaTeX(n.NonDroppingParticle, false) + " ")
	}
	b.WriteString(plain(n.Family))
	if n.Suffix != "" {
		b.WriteString(", " + plain(n.Suffix))
	}
	if n.Given != "" || n.Suffix != "" {
		b.WriteString(", " + encodeLaTeX(n.Given, false))
	}
	s := b.String()
	want := Name{Family: n.Family, Given: n.Given, NonDroppingParticle: n.NonDroppingParticle,
		DroppingParticle: n.DroppingParticle, Suffix: n.Suffix}
	if got, ok := reparseName(s); ok && reflect.DeepEqual(got, want) {
		return s
	}
	// The short form would read back differently (a dropping particle, a
	// capitalised "Van", a given name with a comma): spell the parts out.
	var parts []string
	field := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"={"+encodeLaTeX(v, false)+"}")
		}
	}
	field("family", n.Family)
	field("given", n.Given)
	if n.NonDroppingParticle != "" {
		field("prefix", n.NonDroppingParticle)
		parts = append(parts, "useprefix=true")
	} else {
		field("prefix", n.DroppingParticle)
	}
	field("suffix", n.Suffix)
	return strings.Join(parts, ", ")
}

// reparseName reads one name the way ParseBibTeX will.
func reparseName(s string) (Name, bool) {
	c := &bibConv{}
	ok := true
	warn := func(int, string, ...any) { ok = false }
	decode := func(r textRange) string { return decodeLaTeX(s[r.start:r.end], false, nil) }
	n, good := c.bibName(s, textRange{0, len(s)}, decode, warn)
	return n, good && ok
}

// encodeLaTeX writes CSL rich text as LaTeX that decodeLaTeX reads back:
// the markup as commands, a nocase span as braces (in titles), the
// characters BibTeX treats specially escaped, dashes and curly quotes as
// TeX's ligatures. Other characters stay UTF-8, which biber reads. A
// straight apostrophe is written as one, and so reads back curly (’), as
// TeX and every CSL processor print it; "\textquotesingle{}" in every
// "General's" would make the file unreadable for one invisible change.
func encodeLaTeX(s string, title bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	open := 0 // tags open: a stray closing tag must not unbalance the braces
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if n, tag, ok := richTag(s[i:]); ok && (tag != "/" || open > 0) {
				if tag == "/" {
					open--
				} else {
					open++
				}
				switch tag {
				case "i":
					b.WriteString(`\textit{`)
				case "b":
					b.WriteString(`\textbf{`)
				case "sc":
					b.WriteString(`\textsc{`)
				case "sup":
					b.WriteString(`\textsuperscript{`)
				case "sub":
					b.WriteString(`\textsubscript{`)
				case "nocase":
					if title && open == 1 {
						// Only a top-level brace group protects case.
						b.WriteString("{")
					} else {
						b.WriteString(`\NoCaseChange{`)
					}
				case "/":
					b.WriteString("}")
				}
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{':
			b.WriteString(`\textbraceleft{}`)
		case '}':
			b.WriteString(`\textbraceright{}`)
		case '&', '%', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '\u00a0':
			b.WriteByte('~')
		case '–':
			b.WriteString("--")
		case '—':
			b.WriteString("---")
		case '-':
			if strings.HasPrefix(s[i+1:], "-") {
				b.WriteString("-{}")
			} else {
				b.WriteByte('-')
			}
		case '‘':
			b.WriteByte('`')
		case '’':
			b.WriteByte('\'')
		case '“':
			b.WriteString("``")
		case '”':
			b.WriteString("''")
		case '`':
			b.WriteString(`\textasciigrave{}`)
		case '?', '!':
			b.WriteRune(r)
			if strings.HasPrefix(s[i+1:], "`") || strings.HasPrefix(s[i+1:], "‘") {
				b.WriteString("{}")
			}
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	for ; open > 0; open-- {
		b.WriteByte('}')
	}
	return b.String()
}

// verbatimValue keeps a URL or identifier's braces balanced the only safe
// way: percent-encoded, which a URL means the same with.
func verbatimValue(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C").Replace(s)
}

// richTag recognises the CSL rich-text markup at the start of s: it
// returns the length of the tag and its name ("/" for any closing tag).
// Text that only looks like markup ("a < b") is not a tag.
func richTag(s string) (int, string, bool) {
	for _, t := range []struct{ tag, name string }{
		{"<i>", "i"}, {"<b>", "b"}, {"<sc>", "sc"}, {"<sup>", "sup"}, {"<sub>", "sub"},
		{`<span class="nocase">`, "nocase"}, {`<span style="font-variant:small-caps;">`, "sc"},
		{"</i>", "/"}, {"</b>", "/"}, {"</sc>", "/"}, {"</sup>", "/"}, {"</sub>", "/"}, {"</span>", "/"},
	} {
		if strings.HasPrefix(s, t.tag) {
			return len(t.tag), t.name, true
		}
	}
	return 0, "", false
}

// issuedFields writes the date of issue so that both BibTeX and BibLaTeX
// read it back as it was: a year, or a year and month, in the classic
// year and month fields (which every BibTeX style prints; a date field
// is BibLaTeX's only), anything finer in BibLaTeX's date (EDTF, with
// circa and seasons), and a date that is only text ("in press",
// "Spring 2020") as a year in braces, which the reader takes as text.
func issuedFields(d Date) []bibField {
	if len(d.Parts) == 0 {
		if d.Literal == "" {
			return nil
		}
		lit := encodeLaTeX(d.Literal, false)
		if _, ok := yearNumber(d.Literal); ok || !strings.ContainsAny(d.Literal, "0123456789") {
			return []bibField{{"year", lit}}
		}
		return []bibField{{"year", "{" + lit + "}"}}
	}
	if d.Season != 0 && d.Parts[0][1] == 0 {
		d.Parts = append([][3]int(nil), d.Parts...)
		d.Parts[0][1] = 12 + d.Season
	}
	if len(d.Parts) == 1 && !d.Circa && d.Parts[0][0] > 0 && d.Parts[0][2] == 0 && d.Parts[0][1] <= 12 {
		fs := []bibField{{"year", strconv.Itoa(d.Parts[0][0])}}
		if m := d.Parts[0][1]; m != 0 {
			fs = append(fs, bibField{"month", strconv.Itoa(m)})
		}
		return fs
	}
	return []bibField{{"date", formatEDTF(d)}}
}
