package bib

import (
	"strings"

	"github.com/normpress/normpress/build/source"
)

// The BibTeX scanner reads the file's syntax into raw entries: entry type,
// key and fields whose values are still LaTeX, with @string macros
// expanded. Meaning (names, dates, CSL fields) comes afterwards, in
// bibtex_item.go, so that crossref can copy raw fields between entries
// first.
//
// Recovery follows BibTeX and biber: text between entries is a comment,
// and after a malformed entry reading resumes at the next line that starts
// with '@'. A brace left open is found the same way: a line that starts a
// new entry ("@book{") inside a field value means the value's brace was
// never closed, and the error points at that brace, not at the end of the
// file.

// seg is a piece of a field value's text and where it sits in the file.
// A value made of "a" # macro # {b} has one seg per piece; a macro's segs
// point at its @string definition.
type seg struct {
	text string
	off  int
}

// value is a field value: its pieces, and the expression's place.
type value struct {
	segs       []seg
	start, end int
}

func (v value) raw() string {
	if len(v.segs) == 1 {
		return v.segs[0].text
	}
	var b strings.Builder
	for _, s := range v.segs {
		b.WriteString(s.text)
	}
	return b.String()
}

// fileOff maps an offset in raw() back into the file.
func (v value) fileOff(i int) int {
	for _, s := range v.segs {
		if i <= len(s.text) {
			return s.off + i
		}
		i -= len(s.text)
	}
	return v.end
}

// contentStart is where the value's text begins (after its brace or quote).
func (v value) contentStart() int {
	if len(v.segs) > 0 {
		return v.segs[0].off
	}
	return v.start
}

type rawField struct {
	name    string // lower case
	nameOff int
	val     value
}

type rawEntry struct {
	typ     string // lower case
	typOff  int
	key     string
	keyOff  int
	fields  []rawField
	start   int // the '@'
	end     int // after the closing delimiter
	invalid bool
}

func (e *rawEntry) field(name string) *rawField {
	for i := range e.fields {
		if e.fields[i].name == name {
			return &e.fields[i]
		}
	}
	return nil
}

type bibScanner struct {
	f       *source.File
	s       []byte
	i       int
	ds      *source.Diags
	macros  map[string]value
	tex     map[string]texMacro // LaTeX commands defined in @preamble
	entries []*rawEntry
	xdata   map[string]*rawEntry
}

func newBibScanner(f *source.File, ds *source.Diags) *bibScanner {
	sc := &bibScanner{f: f, s: f.Data, ds: ds, macros: map[string]value{}, tex: map[string]texMacro{}, xdata: map[string]*rawEntry{}}
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		// BibTeX's standard styles define the month macros as the full
		// names; the month field reads them back into numbers.
		sc.macros[m] = value{segs: []seg{{text: monthNames[i], off: -1}}, start: -1, end: -1}
	}
	return sc
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func (sc *bibScanner) errorf(off int, code, format string, args ...any) *source.Diag {
	return sc.ds.Errorf(sc.f.At(off), code, format, args...)
}

func (sc *bibScanner) scan() {
	if len(sc.s) >= 3 && sc.s[0] == 0xEF && sc.s[1] == 0xBB && sc.s[2] == 0xBF {
		sc.i = 3
	}
	for {
		at := sc.nextAt(sc.i)
		if at < 0 {
			return
		}
		sc.i = at + 1
		lineStart := sc.atLineStart(at)
		for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
			sc.i++
		}
		typOff := sc.i
		typ := strings.ToLower(sc.ident())
		if typ == "" {
			if lineStart {
				sc.errorf(typOff, "bibtex-syntax", "expected an entry type after '@'")
			}
			continue
		}
		sc.skipSpace()
		if sc.i >= len(sc.s) || (sc.s[sc.i] != '{' && sc.s[sc.i] != '(') {
			if lineStart && typ != "comment" {
				sc.errorf(sc.i, "bibtex-syntax", "expected '{' after @%s", typ)
			}
			continue
		}
		switch typ {
		case "comment":
			sc.skipComment()
		case "preamble":
			sc.preamble(at)
		case "string":
			sc.stringDef(at)
		default:
			e := sc.entry(at, typ, typOff)
			if e.typ == "xdata" {
				if e.key != "" {
					sc.xdata[e.key] = e
				}
				continue
			}
			sc.entries = append(sc.entries, e)
		}
	}
}

// nextAt finds the next '@' that is not on a line commented out with '%'.
func (sc *bibScanner) nextAt(from int) int {
	for i := from; i < len(sc.s); i++ {
		switch sc.s[i] {
		case '@':
			return i
		case '%':
			if sc.atLineStart(i) {
				for i < len(sc.s) && sc.s[i] != '\n' {
					i++
				}
			}
		}
	}
	return -1
}

// atLineStart reports whether only blanks precede offset i on its line.
func (sc *bibScanner) atLineStart(i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch sc.s[j] {
		case ' ', '\t', '\r':
			continue
		case '\n':
			return true
		}
		if j == 2 && sc.s[0] == 0xEF && sc.s[1] == 0xBB && sc.s[2] == 0xBF {
			return true
		}
		return false
	}
	return true
}

// entryStartAt reports whether a new entry ("@type{" or "@type(") begins at
// the first non-blank of the line that starts at i.
func (sc *bibScanner) entryStartAt(i int) (int, bool) {
	for i < len(sc.s) && (sc.s[i] == ' ' || sc.s[i] == '\t') {
		i++
	}
	if i >= len(sc.s) || sc.s[i] != '@' {
		return 0, false
	}
	j := i + 1
	for j < len(sc.s) && (sc.s[j] == ' ' || sc.s[j] == '\t') {
		j++
	}
	k := j
	for k < len(sc.s) && isLetter(sc.s[k]) {
		k++
	}
	if k == j {
		return 0, false
	}
	for k < len(sc.s) && (sc.s[k] == ' ' || sc.s[k] == '\t') {
		k++
	}
	return i, k < len(sc.s) && (sc.s[k] == '{' || sc.s[k] == '(')
}

// nextEntryLine finds the next line after i that starts an entry, or the
// end of the file: where reading resumes after a malformed entry.
func (sc *bibScanner) nextEntryLine(i int) int {
	for ; i < len(sc.s); i++ {
		if sc.s[i] == '\n' {
			if at, ok := sc.entryStartAt(i + 1); ok {
				return at
			}
		}
	}
	return len(sc.s)
}

// skipSpace skips white space and '%' comments, which biber allows
// between fields.
func (sc *bibScanner) skipSpace() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			sc.i++
		case '%':
			for sc.i < len(sc.s) && sc.s[sc.i] != '\n' {
				sc.i++
			}
		default:
			return
		}
	}
}

// isIdentByte is a byte BibTeX allows in entry types, field and macro
// names: anything printable but its delimiters.
func isIdentByte(c byte) bool {
	if c <= ' ' || c == 0x7f {
		return false
	}
	switch c {
	case '"', '#', '%', '\'', '(', ')', ',', '=', '{', '}', '@', '\\':
		return false
	}
	return true
}

func (sc *bibScanner) ident() string {
	start := sc.i
	for sc.i < len(sc.s) && isIdentByte(sc.s[sc.i]) {
		sc.i++
	}
	return string(sc.s[start:sc.i])
}

func closer(open byte) byte {
	if open == '(' {
		return ')'
	}
	return '}'
}

// skipComment skips a balanced @comment body. An unbalanced one skips just
// the word, as BibTeX does, and the text after it is ignored as any text
// between entries is.
func (sc *bibScanner) skipComment() {
	open := sc.s[sc.i]
	cl := closer(open)
	depth := 0
	for j := sc.i; j < len(sc.s); j++ {
		switch sc.s[j] {
		case open:
			depth++
		case cl:
			depth--
			if depth == 0 {
				sc.i = j + 1
				return
			}
		}
	}
}

func (sc *bibScanner) preamble(at int) {
	cl := closer(sc.s[sc.i])
	sc.i++
	sc.skipSpace()
	v, ok := sc.valueExpr()
	if !ok {
		return
	}
	readTeXMacros(v.raw(), sc.tex)
	sc.skipSpace()
	if sc.i < len(sc.s) && sc.s[sc.i] == cl {
		sc.i++
		return
	}
	sc.errorf(sc.i, "bibtex-syntax", "expected '%c' to close @preamble", cl).WithHint("the @preamble starts at %s", sc.f.Position(at))
	sc.i = sc.nextEntryLine(sc.i)
}

// stringDef reads @string{name = value}, or several separated by commas.
func (sc *bibScanner) stringDef(at int) {
	cl := closer(sc.s[sc.i])
	sc.i++
	for {
		sc.skipSpace()
		name := strings.ToLower(sc.ident())
		if name == "" {
			sc.errorf(sc.i, "bibtex-syntax", "expected a macro name in @string")
			sc.i = sc.nextEntryLine(sc.i)
			return
		}
		sc.skipSpace()
		if sc.i >= len(sc.s) || sc.s[sc.i] != '=' {
			sc.errorf(sc.i, "bibtex-syntax", "expected '=' after @string name %q", name)
			sc.i = sc.nextEntryLine(sc.i)
			return
		}
		sc.i++
		sc.skipSpace()
		v, ok := sc.valueExpr()
		if !ok {
			return
		}
		sc.macros[name] = v
		sc.skipSpace()
		if sc.i < len(sc.s) && sc.s[sc.i] == ',' {
			sc.i++
			sc.skipSpace()
			if sc.i < len(sc.s) && sc.s[sc.i] == cl {
				sc.i++
				return
			}
			continue
		}
		if sc.i < len(sc.s) && sc.s[sc.i] == cl {
			sc.i++
			return
		}
		sc.errorf(sc.i, "bibtex-syntax", "expected '%c' to close @string", cl).WithHint("the @string starts at %s", sc.f.Position(at))
		sc.i = sc.nextEntryLine(sc.i)
		return
	}
}

func isKeyByte(c byte) bool {
	if c <= ' ' || c == 0x7f {
		return false
	}
	switch c {
	case ',', '{', '}', '(', ')', '"', '=', '#', '%', '\\', '@':
		return false
	}
	return true
}

// entry reads @type{key, field = value, ...}; sc.i is at the opening
// delimiter.
func (sc *bibScanner) entry(at int, typ string, typOff int) *rawEntry {
	e := &rawEntry{typ: typ, typOff: typOff, start: at, fields: make([]rawField, 0, 16)}
	cl := closer(sc.s[sc.i])
	sc.i++
	sc.skipSpace()
	e.keyOff = sc.i
	for sc.i < len(sc.s) && isKeyByte(sc.s[sc.i]) {
		sc.i++
	}
	e.key = string(sc.s[e.keyOff:sc.i])
	keyEnd := sc.i
	sc.skipSpace()
	switch {
	case sc.i < len(sc.s) && sc.s[sc.i] == '=':
		// "@book{title = ...": the key is missing and this is a field.
		sc.errorf(e.keyOff, "bibtex-syntax", "missing citation key in @%s", typ)
		sc.i = e.keyOff
		e.key = ""
		e.invalid = true
	case e.key == "":
		sc.errorf(e.keyOff, "bibtex-syntax", "missing citation key in @%s", typ)
		e.invalid = true
		if sc.i < len(sc.s) && sc.s[sc.i] == ',' {
			sc.i++
		}
	case sc.i < len(sc.s) && sc.s[sc.i] == ',':
		sc.i++
	case sc.i < len(sc.s) && sc.s[sc.i] == cl:
		sc.i++
		e.end = sc.i
		return e
	default:
		sc.errorf(keyEnd, "bibtex-syntax", "expected ',' after citation key %q", e.key)
		if sc.i >= len(sc.s) || !isIdentByte(sc.s[sc.i]) {
			sc.i = sc.nextEntryLine(sc.i)
			e.end = sc.i
			return e
		}
	}
	lastEnd := sc.i
	for {
		sc.skipSpace()
		if sc.i >= len(sc.s) {
			sc.errorf(lastEnd, "bibtex-syntax", "missing '%c' to close @%s{%s", cl, typ, e.key).WithHint("the entry starts at %s", sc.f.Position(at))
			e.end = len(sc.s)
			return e
		}
		c := sc.s[sc.i]
		if c == cl {
			sc.i++
			e.end = sc.i
			return e
		}
		if _, ok := sc.entryStartAt(sc.i); ok && sc.atLineStart(sc.i) {
			sc.errorf(lastEnd, "bibtex-syntax", "missing '%c' to close @%s{%s", cl, typ, e.key).
				WithHint("the entry starts at %s; if its last line is there, a '{' in a field above is left open", sc.f.Position(at))
			e.end = lastEnd
			return e
		}
		nameOff := sc.i
		name := strings.ToLower(sc.ident())
		if name == "" {
			sc.errorf(sc.i, "bibtex-syntax", "expected a field name, found %s", describeByte(sc.s, sc.i))
			return sc.abandon(e)
		}
		sc.skipSpace()
		if sc.i >= len(sc.s) || sc.s[sc.i] != '=' {
			sc.errorf(sc.i, "bibtex-syntax", "expected '=' after field name %q", name)
			return sc.abandon(e)
		}
		sc.i++
		sc.skipSpace()
		v, ok := sc.valueExpr()
		if !ok {
			e.end = sc.i
			return e
		}
		if prev := e.field(name); prev != nil {
			sc.ds.Warnf(sc.f.At(nameOff), "bibtex-duplicate-field", "field %q repeated in @%s{%s; the first is kept", name, typ, e.key).
				WithHint("first given at %s", sc.f.Position(prev.nameOff))
		} else {
			e.fields = append(e.fields, rawField{name: name, nameOff: nameOff, val: v})
		}
		lastEnd = v.end
		sc.skipSpace()
		if sc.i < len(sc.s) && sc.s[sc.i] == ',' {
			sc.i++
			continue
		}
		if sc.i < len(sc.s) && sc.s[sc.i] != cl && isIdentByte(sc.s[sc.i]) && sc.s[sc.i] != '@' {
			// Most likely a forgotten comma between two fields: say so and
			// read on as if it were there.
			sc.errorf(lastEnd, "bibtex-syntax", "missing ',' after field %q", name)
		}
	}
}

// abandon gives up on the rest of an entry: reading resumes at the next
// line that starts an entry. The fields read so far are kept, so that
// citations of the entry do not also fail.
func (sc *bibScanner) abandon(e *rawEntry) *rawEntry {
	sc.i = sc.nextEntryLine(sc.i)
	e.end = sc.i
	return e
}

func describeByte(s []byte, i int) string {
	if i >= len(s) {
		return "the end of the file"
	}
	switch s[i] {
	case '\n', '\r':
		return "the end of the line"
	}
	return "'" + string(s[i]) + "'"
}

// valueExpr reads a value: pieces joined by '#'. On a syntax error it
// reports it, moves to where reading resumes, and returns false.
func (sc *bibScanner) valueExpr() (value, bool) {
	v := value{start: sc.i}
	for {
		if sc.i >= len(sc.s) {
			sc.errorf(sc.i, "bibtex-syntax", "expected a value, found the end of the file")
			return v, false
		}
		c := sc.s[sc.i]
		switch {
		case c == '{' || c == '"':
			s, ok := sc.delimited(c)
			if !ok {
				return v, false
			}
			v.segs = append(v.segs, s)
		case c >= '0' && c <= '9':
			start := sc.i
			for sc.i < len(sc.s) && sc.s[sc.i] >= '0' && sc.s[sc.i] <= '9' {
				sc.i++
			}
			v.segs = append(v.segs, seg{text: string(sc.s[start:sc.i]), off: start})
		case isIdentByte(c):
			start := sc.i
			name := sc.ident()
			m, ok := sc.macros[strings.ToLower(name)]
			if !ok {
				d := sc.errorf(start, "unknown-string-macro", "unknown @string macro %q", name)
				if s := sc.suggestMacro(strings.ToLower(name)); s != "" {
					d.WithHint("did you mean %q? A literal value needs braces: {%s}", s, name)
				} else {
					d.WithHint("define it with @string{%s = {...}} before this entry, or write the value in braces: {%s}", name, name)
				}
				v.segs = append(v.segs, seg{text: "", off: start})
			} else {
				for _, s := range m.segs {
					if s.off < 0 {
						s.off = start // a built-in macro points at its use
					}
					v.segs = append(v.segs, s)
				}
			}
		default:
			sc.errorf(sc.i, "bibtex-syntax", "expected a value in braces, quotes, a number or a macro name, found %s", describeByte(sc.s, sc.i))
			sc.i = sc.nextEntryLine(sc.i)
			return v, false
		}
		v.end = sc.i
		sc.skipSpace()
		if sc.i < len(sc.s) && sc.s[sc.i] == '#' {
			sc.i++
			sc.skipSpace()
			continue
		}
		return v, true
	}
}

// suggestMacro finds a defined macro close to a misspelt one. The month
// macros are offered only for a name that starts like them: "cpu" is not
// a misspelt "apr".
func (sc *bibScanner) suggestMacro(name string) string {
	var user, months []string
	for k, v := range sc.macros {
		if v.start < 0 {
			months = append(months, k)
		} else {
			user = append(user, k)
		}
	}
	if s := source.Suggest(name, user); s != "" {
		return s
	}
	if s := source.Suggest(name, months); s != "" && s[0] == name[0] {
		return s
	}
	return ""
}

// delimited reads {...} or "..." with balanced braces.
func (sc *bibScanner) delimited(open byte) (seg, bool) {
	start := sc.i
	depth := 0
	if open == '{' {
		depth = 1
	}
	for j := start + 1; j < len(sc.s); j++ {
		switch sc.s[j] {
		case '\\':
			// BibTeX ends a quoted value at \" (M\"uller needs braces);
			// reading on is what the writer meant. Braces count even when
			// escaped, as in BibTeX, so \{ and \} come in pairs.
			if open == '"' && j+1 < len(sc.s) && sc.s[j+1] == '"' {
				j++
			}
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && open == '{' {
				sc.i = j + 1
				return seg{text: string(sc.s[start+1 : j]), off: start + 1}, true
			}
			if depth < 0 {
				sc.errorf(j, "bibtex-syntax", "unbalanced '}' in a quoted value")
				sc.i = sc.nextEntryLine(j)
				return seg{}, false
			}
		case '"':
			if open == '"' && depth == 0 {
				sc.i = j + 1
				return seg{text: string(sc.s[start+1 : j]), off: start + 1}, true
			}
		case '\n':
			if at, ok := sc.entryStartAt(j + 1); ok {
				sc.unclosed(start, open)
				sc.i = at
				return seg{}, false
			}
		}
	}
	sc.unclosed(start, open)
	sc.i = len(sc.s)
	return seg{}, false
}

func (sc *bibScanner) unclosed(start int, open byte) {
	if open == '"' {
		sc.errorf(start, "bibtex-syntax", "unclosed '\"': the value never ends")
		return
	}
	sc.errorf(start, "bibtex-syntax", "unclosed '{': the value never ends").
		WithHint("every '{' in a value needs a matching '}'")
}
