package bib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// LaTeX in BibTeX field values is decoded into CSL rich text: Unicode
// (NFC) for accents and symbols, <i>, <b>, <sc>, <sup>, <sub> for the
// formatting commands, and <span class="nocase"> for the braces that
// protect case in titles, which is how citeproc-js and pandoc read such
// values, so the processor's title and sentence case leave "{GDPR}" alone.
//
// The decoder is a small recursive reader, not a TeX engine: it knows the
// commands reference managers export and reports any other command once,
// keeping its argument as text.

// inl is one piece of decoded text: a run of characters (tag "") or a
// formatted span.
type inl struct {
	tag  string // "", "i", "b", "sc", "sup", "sub", "nocase"
	text string
	kids []inl
}

type latexDecoder struct {
	s     string
	i     int
	title bool                       // top-level brace groups protect case
	warn  func(off int, name string) // an unknown command at offset off of s
}

// decodeLaTeX turns a BibTeX value (delimiters already stripped) into CSL
// rich text. title says whether brace groups protect case. warn, if not
// nil, hears of unknown commands with their offset in s.
func decodeLaTeX(s string, title bool, warn func(off int, name string)) string {
	if !needsDecoding(s) {
		return norm.NFC.String(latin1Fix(collapseSpace(s)))
	}
	d := &latexDecoder{s: s, title: title, warn: warn}
	kids := d.seq(0, false)
	kids = trimInl(kids)
	var b strings.Builder
	writeInl(&b, kids)
	return norm.NFC.String(latin1Fix(b.String()))
}

// latin1Fix reads each byte that is not UTF-8 as the Latin-1 character it
// codes: a .bib file saved as Latin-1 (older JabRef, "% Encoding:
// ISO8859_1") keeps its accented letters. The file gets one warning.
func latin1Fix(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(rune(s[i]))
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsDecoding reports whether s has anything the decoder would change
// beyond white space: most values in a Zotero export are plain text.
func needsDecoding(s string) bool {
	return strings.ContainsAny(s, "{}\\$~-`'")
}

// collapseSpace turns every run of white space into one space and trims
// the ends, as TeX does.
func collapseSpace(s string) string {
	clean := len(s) == 0 || !isSpace(s[0]) && !isSpace(s[len(s)-1])
	for i := 0; clean && i < len(s); i++ {
		if c := s[i]; c == '\t' || c == '\n' || c == '\r' || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			clean = false
		}
	}
	if clean {
		return s // the common case, without a copy
	}
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(s[i])
	}
	return b.String()
}

// seq reads inline content until the end of s or, inside a group, the
// closing brace, which it consumes. depth counts the enclosing groups.
func (d *latexDecoder) seq(depth int, math bool) []inl {
	var out []inl
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, inl{text: text.String()})
			text.Reset()
		}
	}
	add := func(n ...inl) {
		flush()
		out = append(out, n...)
	}
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '}':
			d.i++
			if depth > 0 {
				flush()
				return out
			}
			// A stray closing brace (a name part cut at a comma): drop it.
		case c == '{':
			d.i++
			protect := d.title && depth == 0 && !math && !strings.HasPrefix(d.s[d.i:], "\\")
			kids := d.seq(depth+1, math)
			if protect && hasText(kids) {
				add(inl{tag: "nocase", kids: kids})
			} else {
				add(kids...)
			}
		case c == '\\':
			add(d.command(depth, math)...)
		case c == '$' && !math:
			d.i++
			add(d.math()...)
		case c == '$' && math:
			// The end of math mode is found by math(); a lone '$' here
			// belongs to an unbalanced group: leave it.
			flush()
			return out
		case math && (c == '^' || c == '_'):
			d.i++
			tag := "sup"
			if c == '_' {
				tag = "sub"
			}
			add(inl{tag: tag, kids: d.arg(depth, true)})
		case math && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			d.i++ // TeX ignores spaces in math
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			d.i++
			text.WriteByte(' ')
		case c == '~':
			d.i++
			text.WriteString("\u00a0")
		case c == '-' && !math:
			n := 0
			for d.i < len(d.s) && d.s[d.i] == '-' {
				n++
				d.i++
			}
			switch n {
			case 2:
				text.WriteString("–")
			case 3:
				text.WriteString("—")
			default:
				text.WriteString(strings.Repeat("-", n))
			}
		case c == '`' && !math:
			if strings.HasPrefix(d.s[d.i:], "``") {
				d.i += 2
				text.WriteString("“")
			} else {
				d.i++
				text.WriteString("‘")
			}
		case c == '\'':
			if math {
				d.i++
				text.WriteString("′")
			} else if strings.HasPrefix(d.s[d.i:], "''") {
				d.i += 2
				text.WriteString("”")
			} else {
				d.i++
				text.WriteString("’")
			}
		case (c == '?' || c == '!') && strings.HasPrefix(d.s[d.i+1:], "`") && !math:
			d.i += 2
			if c == '?' {
				text.WriteString("¿")
			} else {
				text.WriteString("¡")
			}
		default:
			// Bytes as they are: one that is not UTF-8 is read as Latin-1
			// at the end.
			_, size := utf8.DecodeRuneInString(d.s[d.i:])
			text.WriteString(d.s[d.i : d.i+size])
			d.i += size
		}
	}
	flush()
	return out
}

// rest reads the remainder of the current group for a declaration such as
// \em, which applies up to the group's end. It leaves the closing brace for
// the caller.
func (d *latexDecoder) rest(depth int, math bool) []inl {
	if depth == 0 {
		return d.seq(0, math)
	}
	kids := d.seq(depth, math)
	d.i-- // give the closing brace back to the enclosing seq
	if d.i < 0 || d.i >= len(d.s) || d.s[d.i] != '}' {
		d.i++ // the group ended at the end of the input
	}
	return kids
}

// math reads up to the closing '$'.
func (d *latexDecoder) math() []inl {
	end := strings.IndexByte(d.s[d.i:], '$')
	if end < 0 {
		return d.seq(0, true)
	}
	sub := &latexDecoder{s: d.s[:d.i+end], i: d.i, warn: d.warn}
	kids := sub.seq(0, true)
	d.i += end + 1
	return kids
}

// arg reads one macro argument: a group, a command or one character.
func (d *latexDecoder) arg(depth int, math bool) []inl {
	for d.i < len(d.s) && isSpace(d.s[d.i]) {
		d.i++
	}
	if d.i >= len(d.s) {
		return nil
	}
	switch d.s[d.i] {
	case '{':
		d.i++
		return d.seq(depth+1, math)
	case '\\':
		return d.command(depth, math)
	case '}':
		return nil
	}
	r, size := utf8.DecodeRuneInString(d.s[d.i:])
	d.i += size
	return []inl{{text: string(r)}}
}

// rawArg reads a group verbatim (\url), or one word when there is no group.
func (d *latexDecoder) rawArg() string {
	for d.i < len(d.s) && isSpace(d.s[d.i]) {
		d.i++
	}
	if d.i >= len(d.s) || d.s[d.i] != '{' {
		start := d.i
		for d.i < len(d.s) && !isSpace(d.s[d.i]) && d.s[d.i] != '}' {
			d.i++
		}
		return d.s[start:d.i]
	}
	depth := 0
	start := d.i + 1
	for ; d.i < len(d.s); d.i++ {
		switch d.s[d.i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				d.i++
				return d.s[start : d.i-1]
			}
		}
	}
	return d.s[start:]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// command reads a control sequence at d.i (the backslash) and what it takes.
func (d *latexDecoder) command(depth int, math bool) []inl {
	start := d.i
	d.i++
	if d.i >= len(d.s) {
		return nil
	}
	var name string
	if isLetter(d.s[d.i]) {
		j := d.i
		for j < len(d.s) && isLetter(d.s[j]) {
			j++
		}
		name = d.s[d.i:j]
		d.i = j
		for d.i < len(d.s) && isSpace(d.s[d.i]) {
			d.i++ // TeX eats the spaces after a control word
		}
	} else {
		r, size := utf8.DecodeRuneInString(d.s[d.i:])
		name = string(r)
		d.i += size
	}

	if mark, ok := accentMark(name); ok {
		return []inl{{text: accent(mark, name, flatten(d.arg(depth, math)))}}
	}
	if math && mathOperator(name) {
		// The control word ate the space after it; math mode ignores
		// the source's spaces anyway, so the spacing is TeX's.
		if afterOrdinary(d.s, start) {
			return []inl{{text: " " + name + " "}}
		}
		return []inl{{text: name + " "}}
	}
	if math {
		if s, ok := mathSymbol(name); ok {
			return []inl{{text: s}}
		}
	}
	if s, ok := textSymbol(name); ok {
		return []inl{{text: s}}
	}
	switch name {
	case "textit", "emph", "mkbibemph", "mkbibitalic", "textsl", "mathit":
		return []inl{{tag: "i", kids: d.arg(depth, math)}}
	case "textbf", "mkbibbold", "mathbf", "boldsymbol":
		return []inl{{tag: "b", kids: d.arg(depth, math)}}
	case "textsc":
		return []inl{{tag: "sc", kids: d.arg(depth, math)}}
	case "textsuperscript", "mkbibsuperscript":
		return []inl{{tag: "sup", kids: d.arg(depth, math)}}
	case "textsubscript", "mkbibsubscript":
		return []inl{{tag: "sub", kids: d.arg(depth, math)}}
	case "NoCaseChange", "nocase":
		return []inl{{tag: "nocase", kids: d.arg(depth, math)}}
	case "textup", "textmd", "textrm", "textnormal", "textsf", "texttt", "mbox", "hbox",
		"text", "mathrm", "mathsf", "mathtt", "mathnormal", "ensuremath", "textlatin",
		"MakeUppercase", "MakeLowercase", "uppercase", "lowercase", "textenglish",
		"textfrench", "textgerman", "textspanish", "textitalian", "textrussian",
		"textgreek", "textdutch", "mkbibacro":
		kids := d.arg(depth, math)
		switch name {
		case "MakeUppercase", "uppercase":
			return []inl{{text: strings.ToUpper(flatten(kids))}}
		case "MakeLowercase", "lowercase":
			return []inl{{text: strings.ToLower(flatten(kids))}}
		}
		return kids
	case "url", "nolinkurl", "path", "doi":
		return []inl{{text: d.rawArg()}}
	case "href":
		d.rawArg()
		return d.arg(depth, math)
	case "enquote", "mkbibquote", "textquote":
		return append(append([]inl{{text: "“"}}, d.arg(depth, math)...), inl{text: "”"})
	case "foreignlanguage", "textcolor":
		d.rawArg()
		return d.arg(depth, math)
	case "nopunct", "isdot", "unspace", "bibrangedash", "addabbrvspace", "addnbspace", "addspace",
		"addcomma", "adddot", "addperiod", "addcolon", "addsemicolon":
		// BibLaTeX's punctuation commands, which legal .bib files (the
		// OSCOLA examples) put in titles.
		switch name {
		case "addcomma":
			return []inl{{text: ","}}
		case "adddot", "addperiod":
			return []inl{{text: "."}}
		case "addcolon":
			return []inl{{text: ":"}}
		case "addsemicolon":
			return []inl{{text: ";"}}
		case "addabbrvspace", "addspace":
			return []inl{{text: " "}}
		case "addnbspace":
			return []inl{{text: "\u00a0"}}
		case "bibrangedash":
			return []inl{{text: "–"}}
		}
		return nil
	case "noopsort", "sortnoop", "SortNoop", "noop", "hyphenation", "label", "index":
		d.rawArg()
		return nil
	case "em", "it", "itshape", "sl", "slshape":
		return []inl{{tag: "i", kids: d.rest(depth, math)}}
	case "bf", "bfseries":
		return []inl{{tag: "b", kids: d.rest(depth, math)}}
	case "sc", "scshape":
		return []inl{{tag: "sc", kids: d.rest(depth, math)}}
	case "bibstring", "bibsstring":
		return []inl{{text: d.rawArg()}}
	case "selectlanguage":
		d.rawArg()
		return nil
	case "rm", "normalfont", "upshape", "mdseries", "sffamily", "ttfamily", "tt", "sf",
		"relax", "protect", "null", "unskip", "ignorespaces", "xspace", "leavevmode",
		"nobreak", "allowbreak", "linebreak", "newline", "smallskip", "medskip",
		"bigskip", "displaystyle", "left", "right", "big", "Big":
		return nil
	}
	if d.warn != nil {
		d.warn(start, name)
	}
	if d.i < len(d.s) && d.s[d.i] == '{' {
		return d.arg(depth, math)
	}
	return nil
}

// accentMark gives the combining character a TeX accent command adds.
func accentMark(name string) (rune, bool) {
	switch name {
	case "`":
		return '\u0300', true
	case "'":
		return '\u0301', true
	case "^":
		return '\u0302', true
	case "~":
		return '\u0303', true
	case "=":
		return '\u0304', true
	case "u":
		return '\u0306', true
	case ".":
		return '\u0307', true
	case "\"":
		return '\u0308', true
	case "r":
		return '\u030A', true
	case "H":
		return '\u030B', true
	case "v":
		return '\u030C', true
	case "d":
		return '\u0323', true
	case "c":
		return '\u0327', true
	case "k":
		return '\u0328', true
	case "b":
		return '\u0331', true
	case "t":
		return '\u0361', true
	}
	return 0, false
}

// accent puts mark on the first character of base. With nothing to put it
// on, the accent stands for itself, as \~{} does in TeX.
func accent(mark rune, name, base string) string {
	if base == "" {
		switch name {
		case "~", "^", "`":
			return name
		case "'":
			return "´"
		case "\"":
			return "¨"
		case "=":
			return "¯"
		case ".":
			return "˙"
		}
		return ""
	}
	r, size := utf8.DecodeRuneInString(base)
	switch r {
	case 'ı': // \'{\i}: the dot goes, the accent takes its place
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	return string(r) + string(mark) + base[size:]
}

// textSymbol gives the character a text-mode command without arguments
// stands for.
func textSymbol(name string) (string, bool) {
	switch name {
	case "ss":
		return "ß", true
	case "SS":
		return "SS", true
	case "o":
		return "ø", true
	case "O":
		return "Ø", true
	case "aa":
		return "å", true
	case "AA":
		return "Å", true
	case "ae":
		return "æ", true
	case "AE":
		return "Æ", true
	case "oe":
		return "œ", true
	case "OE":
		return "Œ", true
	case "l":
		return "ł", true
	case "L":
		return "Ł", true
	case "i":
		return "ı", true
	case "j":
		return "ȷ", true
	case "dh":
		return "ð", true
	case "DH":
		return "Ð", true
	case "th":
		return "þ", true
	case "TH":
		return "Þ", true
	case "ng":
		return "ŋ", true
	case "NG":
		return "Ŋ", true
	case "dj":
		return "đ", true
	case "DJ":
		return "Đ", true
	case "&", "%", "$", "#", "_", "{", "}":
		return name, true
	case " ", "\\", "\n", "\t", "\r", "quad", "qquad", "enspace":
		return " ", true
	case ",", "thinspace":
		return "\u202f", true
	case ";", ":", "!", "@", "/", "-", "allowhyphens", "kern":
		return "", true
	case "textbackslash":
		return "\\", true
	case "textbraceleft":
		return "{", true
	case "textbraceright":
		return "}", true
	case "textasciigrave":
		return "`", true
	case "ldots", "dots", "textellipsis":
		return "…", true
	case "textendash":
		return "–", true
	case "textemdash":
		return "—", true
	case "textquoteleft":
		return "‘", true
	case "textquoteright":
		return "’", true
	case "textquotedblleft":
		return "“", true
	case "textquotedblright":
		return "”", true
	case "textquotesingle":
		return "'", true
	case "textquotedbl":
		return "\"", true
	case "guillemotleft", "guillemetleft", "flqq":
		return "«", true
	case "guillemotright", "guillemetright", "frqq":
		return "»", true
	case "guilsinglleft", "flq":
		return "‹", true
	case "guilsinglright", "frq":
		return "›", true
	case "glqq", "quotedblbase":
		return "„", true
	case "grqq":
		return "“", true
	case "glq", "quotesinglbase":
		return "‚", true
	case "grq":
		return "‘", true
	case "S", "textsection":
		return "§", true
	case "P", "textparagraph":
		return "¶", true
	case "copyright", "textcopyright":
		return "©", true
	case "textregistered":
		return "®", true
	case "texttrademark":
		return "™", true
	case "textdegree":
		return "°", true
	case "pounds", "textsterling":
		return "£", true
	case "euro", "texteuro", "EUR":
		return "€", true
	case "textyen":
		return "¥", true
	case "textdollar":
		return "$", true
	case "textasciitilde":
		return "~", true
	case "textasciicircum":
		return "^", true
	case "textbar":
		return "|", true
	case "textless":
		return "<", true
	case "textgreater":
		return ">", true
	case "textunderscore":
		return "_", true
	case "textperiodcentered":
		return "·", true
	case "textbullet":
		return "•", true
	case "dag", "textdagger":
		return "†", true
	case "ddag", "textdaggerdbl":
		return "‡", true
	case "textordfeminine":
		return "ª", true
	case "textordmasculine":
		return "º", true
	case "textexclamdown":
		return "¡", true
	case "textquestiondown":
		return "¿", true
	case "hyphen", "texthyphen":
		return "-", true
	case "slash":
		return "/", true
	case "nobreakspace", "nbsp":
		return "\u00a0", true
	case "LaTeX":
		return "LaTeX", true
	case "LaTeXe":
		return "LaTeX2ε", true
	case "TeX":
		return "TeX", true
	case "BibTeX":
		return "BibTeX", true
	case "textnumero":
		return "№", true
	case "textminus":
		return "−", true
	case "textmu":
		return "µ", true
	case "textonehalf":
		return "½", true
	case "textonequarter":
		return "¼", true
	case "textthreequarters":
		return "¾", true
	case "texttimes":
		return "×", true
	}
	return "", false
}

// mathSymbol gives the character a math-mode command stands for.
func mathSymbol(name string) (string, bool) {
	const greek = "alpha α beta β gamma γ delta δ epsilon ϵ varepsilon ε zeta ζ eta η theta θ vartheta ϑ iota ι kappa κ lambda λ mu μ nu ν xi ξ pi π varpi ϖ rho ρ varrho ϱ sigma σ varsigma ς tau τ upsilon υ phi ϕ varphi φ chi χ psi ψ omega ω Gamma Γ Delta Δ Theta Θ Lambda Λ Xi Ξ Pi Π Sigma Σ Upsilon Υ Phi Φ Psi Ψ Omega Ω"
	const ops = "times × pm ± mp ∓ cdot ⋅ cdots ⋯ leq ≤ le ≤ geq ≥ ge ≥ neq ≠ ne ≠ approx ≈ equiv ≡ sim ∼ simeq ≃ propto ∝ infty ∞ to → rightarrow → leftarrow ← Rightarrow ⇒ Leftarrow ⇐ leftrightarrow ↔ circ ∘ prime ′ partial ∂ nabla ∇ sum ∑ prod ∏ int ∫ sqrt √ in ∈ notin ∉ subset ⊂ supset ⊃ cup ∪ cap ∩ forall ∀ exists ∃ emptyset ∅ ell ℓ hbar ℏ ast ∗ star ⋆ div ÷ langle ⟨ rangle ⟩ mid ∣ vert | ll ≪ gg ≫ degree °"
	for _, table := range []string{greek, ops} {
		f := strings.Fields(table)
		for i := 0; i+1 < len(f); i += 2 {
			if f[i] == name {
				return f[i+1], true
			}
		}
	}
	switch name {
	case "{", "}", "%", "&", "$", "#", "_":
		return name, true
	case ",", ";", ":", " ", "quad", "qquad":
		return " ", true
	case "!":
		return "", true // a negative thin space
	}
	return "", false
}

// mathOperator reports whether a command is a named operator (\log,
// \max ...), which TeX sets upright with a thin space on each side that
// meets an ordinary symbol.
func mathOperator(name string) bool {
	switch name {
	case "log", "ln", "lg", "exp", "sin", "cos", "tan", "sec", "csc", "cot", "arcsin",
		"arccos", "arctan", "sinh", "cosh", "tanh", "max", "min", "sup", "inf", "lim",
		"liminf", "limsup", "det", "dim", "ker", "deg", "gcd", "hom", "arg", "Pr", "bmod", "mod":
		return true
	}
	return false
}

// afterOrdinary reports whether what comes before s[i] in math is an
// ordinary symbol (a letter, digit or closing bracket), skipping
// spaces and spacing commands, which math mode ignores or which do not
// change that.
func afterOrdinary(s string, i int) bool {
	for i > 0 {
		c := s[i-1]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i--
		case i >= 2 && s[i-2] == '\\' && (c == '!' || c == ',' || c == ';' || c == ':'):
			i -= 2
		default:
			return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ')' || c == ']'
		}
	}
	return false
}

// flatten is the text of decoded content without its formatting.
func flatten(kids []inl) string {
	var b strings.Builder
	var walk func([]inl)
	walk = func(ns []inl) {
		for _, n := range ns {
			b.WriteString(n.text)
			walk(n.kids)
		}
	}
	walk(kids)
	return b.String()
}

func hasText(kids []inl) bool {
	for _, k := range kids {
		if strings.TrimSpace(k.text) != "" || hasText(k.kids) {
			return true
		}
	}
	return false
}

// trimInl collapses white space across the pieces and trims both ends, so
// that "{\em  A} b" and "A b" space alike.
func trimInl(kids []inl) []inl {
	space := true // at the start, a space is dropped
	var walk func([]inl) []inl
	walk = func(ns []inl) []inl {
		out := ns[:0]
		for _, n := range ns {
			if n.tag == "" {
				var b strings.Builder
				for i := 0; i < len(n.text); i++ {
					if n.text[i] == ' ' {
						if space {
							continue
						}
						space = true
					} else {
						space = false
					}
					b.WriteByte(n.text[i])
				}
				n.text = b.String()
				if n.text == "" {
					continue
				}
			} else {
				n.kids = walk(n.kids)
				if len(n.kids) == 0 {
					continue
				}
			}
			out = append(out, n)
		}
		return out
	}
	kids = walk(kids)
	trimEnd(kids)
	return dropEmpty(kids)
}

// trimEnd removes one trailing space from the last text piece.
func trimEnd(kids []inl) {
	if len(kids) == 0 {
		return
	}
	last := &kids[len(kids)-1]
	if last.tag == "" {
		last.text = strings.TrimSuffix(last.text, " ")
		return
	}
	trimEnd(last.kids)
}

func dropEmpty(kids []inl) []inl {
	out := kids[:0]
	for _, n := range kids {
		if n.tag == "" && n.text == "" {
			continue
		}
		if n.tag != "" {
			n.kids = dropEmpty(n.kids)
			if len(n.kids) == 0 {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

func writeInl(b *strings.Builder, kids []inl) {
	for _, n := range kids {
		switch n.tag {
		case "":
			b.WriteString(n.text)
		case "nocase":
			b.WriteString(`<span class="nocase">`)
			writeInl(b, n.kids)
			b.WriteString("</span>")
		default:
			b.WriteString("<" + n.tag + ">")
			writeInl(b, n.kids)
			b.WriteString("</" + n.tag + ">")
		}
	}
}

// firstLetterCase reports the case of the first letter of decoded text:
// +1 upper, -1 lower, 0 none.
func firstLetterCase(s string) int {
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return 1
		}
		if unicode.IsLower(r) {
			return -1
		}
	}
	return 0
}
