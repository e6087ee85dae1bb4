package bib

import "testing"

func TestDecodeLaTeX(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		title    bool
		want     string
	}{
		{"plain", "Cyber  Norms\n\tand Rules", false, "Cyber Norms and Rules"},
		{"umlaut braced", `M{\"u}ller`, false, "Müller"},
		{"umlaut bare", `M\"uller`, false, "Müller"},
		{"acute arg", `\'{e}t\'e`, false, "été"},
		{"caron", `Ma{\v{c}}{\'a}k`, false, "Mačák"},
		{"cedilla", `Fran{\c{c}}ois`, false, "François"},
		{"cedilla space", `Fran\c cois`, false, "François"},
		{"tilde", `R{\~o}igas`, false, "Rõigas"},
		{"dotless i", `Pe\~{n}a Nieto, \'{\i}`, false, "Peña Nieto, í"},
		{"ring and ogonek", `\aa ngstr\"om \k{a}`, false, "ångström ą"},
		{"hungarumlaut", `Erd\H{o}s`, false, "Erdős"},
		{"sharp s", `Stra\ss e`, false, "Straße"},
		{"sharp s braces", `Stra{\ss}e`, false, "Straße"},
		{"slashed o", `S{\o}ren {\O}stergaard`, false, "Søren Østergaard"},
		{"ligatures", `{\ae}{\AE}{\oe}\l\L`, false, "æÆœłŁ"},
		{"nfc", "Cafe\u0301", false, "Café"},
		{"en dash", "1998--2012", false, "1998–2012"},
		{"em dash", "a---b", false, "a—b"},
		{"hyphen", "Re-engaging", false, "Re-engaging"},
		{"nbsp", "2~March", false, "2\u00a0March"},
		{"escapes", `Policy \& Industry 50\% \$5 \#1 a\_b`, false, "Policy & Industry 50% $5 #1 a_b"},
		{"quotes", "``Digital'' `Peace' World's", false, "“Digital” ‘Peace’ World’s"},
		{"textit", `\textit{Tallinn Manual}`, false, "<i>Tallinn Manual</i>"},
		{"emph", `the \emph{jus ad bellum}`, false, "the <i>jus ad bellum</i>"},
		{"em declaration", `{\em Ibid.} p`, false, "<i>Ibid.</i> p"},
		{"textbf", `\textbf{bold}`, false, "<b>bold</b>"},
		{"textsc", `\textsc{OSCE}`, false, "<sc>OSCE</sc>"},
		{"superscript", `4\textsuperscript{th}`, false, "4<sup>th</sup>"},
		{"url", `see \url{https://a.org/~x_y%20}`, false, "see https://a.org/~x_y%20"},
		{"href", `\href{https://a.org}{the site}`, false, "the site"},
		{"math", `$H_2O$ and $\alpha^{2}$`, false, "H<sub>2</sub>O and α<sup>2</sup>"},
		{"nocase acronym", `The {UN GGE} Process`, true, `The <span class="nocase">UN GGE</span> Process`},
		{"zotero double braces", `{{GDPR}} and {{Internet}} law`, true, `<span class="nocase">GDPR</span> and <span class="nocase">Internet</span> law`},
		{"whole title protected", `{Cyber Peace}`, true, `<span class="nocase">Cyber Peace</span>`},
		{"special char not protected", `{\"O}sterreich`, true, "Österreich"},
		{"braces outside titles", `{UN} Doc`, false, "UN Doc"},
		{"nested protection once", `{The {UN} Charter}`, true, `<span class="nocase">The UN Charter</span>`},
		{"italic inside nocase", `{\textit{Ibid.}}`, true, "<i>Ibid.</i>"},
		{"nocase inside italic", `\textit{{UN} Doc}`, true, "<i>UN Doc</i>"},
		{"NoCaseChange", `\NoCaseChange{iPhone}`, false, `<span class="nocase">iPhone</span>`},
		{"noopsort", `{\noopsort{a}}Zeta`, false, "Zeta"},
		{"control space", `Mr.\ Smith`, false, "Mr. Smith"},
		{"enquote", `\enquote{norms}`, false, "“norms”"},
		{"empty accent", `\~{}`, false, "~"},
		{"unknown command keeps arg", `\foo{bar} baz`, false, "bar baz"},
		{"trailing backslash", `abc\`, false, "abc"},
		{"unbalanced", `{abc`, true, `<span class="nocase">abc</span>`},
		{"stray close", `abc}def`, false, "abcdef"},
		{"spaces trimmed", "  {\\em  x }  ", false, "<i>x</i>"},
		{"inverted marks", "?`Qu\\'e? !`Ay!", false, "¿Qué? ¡Ay!"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := decodeLaTeX(tc.in, tc.title, nil); got != tc.want {
				t.Errorf("decodeLaTeX(%q, %v) = %q, want %q", tc.in, tc.title, got, tc.want)
			}
		})
	}
}

func TestDecodeLaTeXWarnsUnknownCommand(t *testing.T) {
	var got []string
	var offs []int
	decodeLaTeX(`ab \frobnicate{x} \textit{y} \zap`, false, func(off int, name string) {
		got = append(got, name)
		offs = append(offs, off)
	})
	if len(got) != 2 || got[0] != "frobnicate" || got[1] != "zap" || offs[0] != 3 || offs[1] != 29 {
		t.Errorf("warnings = %v at %v, want [frobnicate zap] at [3 29]", got, offs)
	}
}

// TestEncodeLaTeX checks the writer's inverse: what it writes reads back.
func TestEncodeLaTeX(t *testing.T) {
	for _, tc := range []struct {
		in    string
		title bool
		want  string
		back  string // what reads back, when not in
	}{
		{"Policy & Industry 50% $5 #1 a_b", false, `Policy \& Industry 50\% \$5 \#1 a\_b`, ""},
		{"1998–2012 a—b", false, "1998--2012 a---b", ""},
		{"“Digital” ‘Peace’ World’s", false, "``Digital'' `Peace' World's", ""},
		{"General's", false, "General's", "General’s"},
		{`The <span class="nocase">UN</span> <i>Ibid.</i>`, true, `The {UN} \textit{Ibid.}`, ""},
		{"a { b } \\ c ~ ^", false, `a \textbraceleft{} b \textbraceright{} \textbackslash{} c \textasciitilde{} \textasciicircum{}`, ""},
		{"stray </i> tag", false, "stray </i> tag", ""},
		{"open <b>tag", false, `open \textbf{tag}`, "open <b>tag</b>"},
	} {
		got := encodeLaTeX(tc.in, tc.title)
		if got != tc.want {
			t.Errorf("encodeLaTeX(%q) = %q, want %q", tc.in, got, tc.want)
		}
		want := tc.back
		if want == "" {
			want = tc.in
		}
		if back := decodeLaTeX(got, tc.title, nil); back != want {
			t.Errorf("decodeLaTeX(encodeLaTeX(%q)) = %q, want %q", tc.in, back, want)
		}
	}
}
