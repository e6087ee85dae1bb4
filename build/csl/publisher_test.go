package csl

import (
	"strings"
	"testing"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/source"
)

// The tests in this file hold the processor to what a law publisher's
// editor checks: the expected strings follow the CSL 1.0.2 specification
// and, where it leaves room, what citeproc-js prints. Each is checked in
// plain text and in HTML.

// miniStyle wraps a citation layout and a bibliography layout (either may
// be empty) in a style of the given class.
func miniStyle(t *testing.T, class, lang, extra, citation, bibliography string) *Style {
	t.Helper()
	if lang == "" {
		lang = "en-US"
	}
	var b strings.Builder
	b.WriteString(`<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="` + class + `" default-locale="` + lang + `">
<info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>` + extra)
	b.WriteString(`<citation>` + citation + `</citation>`)
	if bibliography != "" {
		b.WriteString(`<bibliography>` + bibliography + `</bibliography>`)
	}
	b.WriteString(`</style>`)
	s, ds := ParseStyle(source.NewFile("t.csl", []byte(b.String())))
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	return s
}

func miniItems(t *testing.T, js string) func(string) *bib.Item {
	t.Helper()
	items, err := readCSLJSON([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*bib.Item{}
	for _, it := range items {
		byID[it.ID] = it
	}
	return func(id string) *bib.Item { return byID[id] }
}

// checkRich compares formatted text with the expected plain text and HTML.
func checkRich(t *testing.T, what string, r Rich, text, html string) {
	t.Helper()
	if got := r.String(); got != text {
		t.Errorf("%s text:\n got %q\nwant %q", what, got, text)
	}
	if got := r.HTML(); got != html {
		t.Errorf("%s html:\n got %q\nwant %q", what, got, html)
	}
}

// bibOf renders the bibliography entries of ids, one per line.
func bibOf(t *testing.T, s *Style, lookup func(string) *bib.Item, lang string, ids ...string) []Entry {
	t.Helper()
	p := NewProcessor(s, lookup, Options{Lang: lang})
	if err := p.AddItems(ids...); err != nil {
		t.Fatal(err)
	}
	return p.Bibliography()
}

// TestPunctuationWhereAffixesMeet (class 1): where affixes, delimiters and
// empty fields meet, two marks collapse as CSL's punctuation table says
// (citeproc-js queue.js): "Title. " then the layout's "." is one full
// stop, also across the space the first affix ends with; ",," is one
// comma; a comma left waiting by an empty last field gives way to the
// layout's full stop.
func TestPunctuationWhereAffixesMeet(t *testing.T) {
	lookup := miniItems(t, `[
{"id": "a", "type": "legislation", "title": "Resolution 51/210", "genre": "", "issued": {"date-parts": [[1996]]}, "authority": "UNGA"},
{"id": "b", "type": "article-newspaper", "title": "Ciberseguridad", "container-title": "El País", "issued": {"date-parts": [[2013, 5, 2]]}},
{"id": "c", "type": "report", "title": "State of the Art", "issued": {"date-parts": [[2016]]}}
]`)
	for _, tc := range []struct {
		name, lang, layout string
		id, text, html     string
	}{
		{"empty field before the layout's period", "", `<layout suffix="."><text variable="title" suffix=". "/><text variable="genre"/></layout>`,
			"a", "Resolution 51/210.", "Resolution 51/210."},
		{"suffix with a space meets a prefix", "", `<layout suffix="."><date variable="issued" suffix=". "><date-part name="year"/></date><text variable="authority" prefix=". "/></layout>`,
			"a", "1996. UNGA.", "1996. UNGA."},
		{"quoted title, comma suffix, comma delimiter", "de-DE", `<layout suffix="."><group delimiter=", "><text variable="title" quotes="true" suffix=", "/><text variable="container-title" font-style="italic"/></group></layout>`,
			"b", "„Ciberseguridad“, El País.", "„Ciberseguridad“, <i>El País</i>."},
		{"quoted title, comma inside the quotes", "en-US", `<layout suffix="."><group delimiter=", "><text variable="title" quotes="true" suffix=", "/><text variable="container-title" font-style="italic"/></group></layout>`,
			"b", "“Ciberseguridad,” El País.", "“Ciberseguridad,” <i>El País</i>."},
		{"comma waiting for an empty field", "", `<layout suffix="."><text variable="title" suffix=", "/><date variable="issued" suffix=", "><date-part name="year"/></date><text variable="URL"/></layout>`,
			"c", "State of the Art, 2016.", "State of the Art, 2016."},
	} {
		s := miniStyle(t, "in-text", tc.lang, "", `<layout><text variable="title"/></layout>`, tc.layout)
		es := bibOf(t, s, lookup, tc.lang, tc.id)
		if len(es) != 1 {
			t.Fatalf("%s: %d entries", tc.name, len(es))
		}
		checkRich(t, tc.name, es[0].Text, tc.text, tc.html)
	}
}

// TestSuperscriptsInText (class 3): the text output keeps raised letters
// as the Unicode superscript characters that exist for them (citeproc-js's
// text format does the same); HTML raises the base letters with <sup>.
// A raised run with a character Unicode cannot raise stays as it is.
func TestSuperscriptsInText(t *testing.T) {
	lookup := miniItems(t, `[
{"id": "a", "type": "book", "title": "Droit international public", "edition": "3", "issued": {"date-parts": [[2019]]}},
{"id": "b", "type": "legislation", "title": "Lei n.º 109/2009", "issued": {"date-parts": [[2009]]}},
{"id": "c", "type": "book", "title": "Mass", "note": "x", "issued": {"date-parts": [[2001]]}}
]`)
	for _, tc := range []struct {
		name, lang, layout string
		id, text, html     string
	}{
		{"French ordinal edition", "fr-FR", `<layout><text variable="title" suffix=", "/><number variable="edition" form="ordinal"/><text term="edition" form="short" prefix=" "/></layout>`,
			"a", "Droit international public, 3ᵉ éd.", "Droit international public, 3<sup>e</sup> éd."},
		{"ordinal indicator in the data", "", `<layout><text variable="title"/></layout>`,
			"b", "Lei n.º 109/2009", "Lei n.<sup>o</sup> 109/2009"},
		{"raised by the style", "", `<layout><text variable="title"/><text value="2" vertical-align="sup"/><text value=" kg" /><text value="x+y" vertical-align="sup"/></layout>`,
			"c", "Mass² kgˣ⁺ʸ", "Mass<sup>2</sup> kg<sup>x+y</sup>"},
		{"no superscript form", "", `<layout><text variable="title"/><text value="Q" vertical-align="sup"/></layout>`,
			"c", "MassQ", "Mass<sup>Q</sup>"},
	} {
		s := miniStyle(t, "in-text", tc.lang, "", `<layout><text variable="title"/></layout>`, tc.layout)
		es := bibOf(t, s, lookup, tc.lang, tc.id)
		if len(es) != 1 {
			t.Fatalf("%s: %d entries", tc.name, len(es))
		}
		checkRich(t, tc.name, es[0].Text, tc.text, tc.html)
	}
}

// TestLabelWithoutName (class 2): the position of cs:label relative to
// cs:name decides the order (CSL 1.0.2, "Label in cs:names"); a names
// element with a label and no cs:name prints the names, then the label, as
// the specification's example "Doe (editor & translator)" does.
func TestLabelWithoutName(t *testing.T) {
	lookup := miniItems(t, `[
{"id": "a", "type": "chapter", "title": "The Ethos of Science", "container-title": "The Sociology of Science",
 "editor": [{"family": "Storer", "given": "Norman W."}], "issued": {"date-parts": [[1973]]}},
{"id": "b", "type": "book", "title": "Theory",
 "editor": [{"family": "Doe", "given": "John"}], "translator": [{"family": "Doe", "given": "John"}], "issued": {"date-parts": [[1990]]}}
]`)
	for _, tc := range []struct {
		name, layout   string
		id, text, html string
	}{
		{"label only", `<layout suffix="."><group delimiter=": "><text term="in" text-case="capitalize-first"/><names variable="editor"><label form="short" prefix=", "/></names></group></layout>`,
			"a", "In: Norman W. Storer, ed.", "In: Norman W. Storer, ed."},
		{"label before a name", `<layout suffix="."><names variable="editor"><label form="verb" suffix=" "/><name/></names></layout>`,
			"a", "edited by Norman W. Storer.", "edited by Norman W. Storer."},
		{"label after a name", `<layout suffix="."><names variable="editor"><name/><label form="short" prefix=", "/></names></layout>`,
			"a", "Norman W. Storer, ed.", "Norman W. Storer, ed."},
		{"the specification's example", `<layout><names variable="editor translator" delimiter="; "><label prefix=" (" suffix=")"/></names></layout>`,
			"b", "John Doe (editor & translator)", "John Doe (editor &#38; translator)"},
	} {
		s := miniStyle(t, "in-text", "", "", `<layout><text variable="title"/></layout>`, tc.layout)
		es := bibOf(t, s, lookup, "", tc.id)
		if len(es) != 1 {
			t.Fatalf("%s: %d entries", tc.name, len(es))
		}
		checkRich(t, tc.name, es[0].Text, tc.text, tc.html)
	}
}

// TestSubstitutedVariableSuppressed (class 4): "Substituted variables are
// suppressed in the rest of the output to prevent duplication" (CSL 1.0.2,
// Substitute), whatever form the rest of the output asks for: a title that
// stands for a missing author, long or short, is not printed again.
func TestSubstitutedVariableSuppressed(t *testing.T) {
	lookup := miniItems(t, `[
{"id": "a", "type": "report", "title": "Report of the Group of Governmental Experts", "title-short": "GGE Report",
 "number": "A/70/174", "issued": {"date-parts": [[2015]]}}
]`)
	macros := `<macro name="author"><names variable="author"><name/><substitute><names variable="editor"/><text variable="title" form="short"/></substitute></names></macro>
<macro name="author-long"><names variable="author"><name/><substitute><text variable="title"/></substitute></names></macro>`
	for _, tc := range []struct {
		name, layout string
		text, html   string
	}{
		{"short title for the author, short title after", `<layout suffix="."><group delimiter=", "><text macro="author"/><text variable="title" form="short" font-style="italic"/><text variable="number"/></group></layout>`,
			"GGE Report, A/70/174.", "GGE Report, A/70/174."},
		{"short title for the author, long title after", `<layout suffix="."><group delimiter=", "><text macro="author"/><text variable="title" font-style="italic"/><text variable="number"/></group></layout>`,
			"GGE Report, A/70/174.", "GGE Report, A/70/174."},
		{"long title for the author, short title after", `<layout suffix="."><group delimiter=", "><text macro="author-long"/><text variable="title" form="short" font-style="italic"/><text variable="number"/></group></layout>`,
			"Report of the Group of Governmental Experts, A/70/174.", "Report of the Group of Governmental Experts, A/70/174."},
	} {
		s := miniStyle(t, "note", "", macros, tc.layout, "")
		p := NewProcessor(s, lookup, Options{})
		got := p.Cite(Citation{Items: []CiteItem{{ID: "a"}}})
		checkRich(t, tc.name, got, tc.text, tc.html)
	}
}

// TestDocumentNumberNotARange (class 5): a label is plural when "the
// variable content ... contains multiple numbers", and content counts as
// numbers only when it is numeric (CSL 1.0.2, Label and is-numeric): a
// document number with words or more hyphens in it ("No. 24-62",
// "CR-2024-62", "24-62-1") is one number, printed as written under a
// singular label; a numeric range or list ("24-62", "185 & 186") is
// plural and takes an en dash, as citeproc-js prints it.
func TestDocumentNumberNotARange(t *testing.T) {
	layout := `<layout><group delimiter=" "><label variable="number" form="short" text-case="capitalize-first"/><number variable="number"/></group><text value="; "/><group delimiter=" "><label variable="number" form="short"/><text variable="number" font-style="italic"/></group></layout>`
	s := miniStyle(t, "note", "", "", layout, "")
	for _, tc := range []struct{ number, text, html string }{
		{"No. 24-62", "No. No. 24-62; no. No. 24-62", "No. No. 24-62; no. <i>No. 24-62</i>"},
		{"CR-2024-62", "No. CR-2024-62; no. CR-2024-62", "No. CR-2024-62; no. <i>CR-2024-62</i>"},
		{"24-62-1", "No. 24-62-1; no. 24-62-1", "No. 24-62-1; no. <i>24-62-1</i>"},
		{"PC.DEC/1106", "No. PC.DEC/1106; no. PC.DEC/1106", "No. PC.DEC/1106; no. <i>PC.DEC/1106</i>"},
		{"24-62", "Nos. 24–62; nos. 24–62", "Nos. 24–62; nos. <i>24–62</i>"},
		{"185 & 186", "Nos. 185 & 186; nos. 185 & 186", "Nos. 185 &#38; 186; nos. <i>185 &#38; 186</i>"},
	} {
		lookup := miniItems(t, `[{"id": "a", "type": "report", "title": "T", "number": "`+tc.number+`"}]`)
		p := NewProcessor(s, lookup, Options{})
		checkRich(t, tc.number, p.Cite(Citation{Items: []CiteItem{{ID: "a"}}}), tc.text, tc.html)
	}
}

// TestDisambiguateConditionKept (class 6): a cs:choose with
// disambiguate="true" is rendered for cites that are still ambiguous
// after the earlier methods (CSL 1.0.2, Disambiguation, step 3). When it
// tells some cites apart but not all, the ones it could not settle keep
// the added title too (citeproc-js), and year-suffixes, when the style
// asks for them, then finish the work.
func TestDisambiguateConditionKept(t *testing.T) {
	lookup := miniItems(t, `[
{"id": "a", "type": "report", "author": [{"family": "Doe", "given": "Jane"}], "title": "Annual Report", "publisher": "UNIDIR", "issued": {"date-parts": [[2020]]}},
{"id": "b", "type": "report", "author": [{"family": "Doe", "given": "Jane"}], "title": "Annual Report", "publisher": "OSCE", "issued": {"date-parts": [[2020]]}},
{"id": "c", "type": "report", "author": [{"family": "Doe", "given": "Jane"}], "title": "Cyber Norms", "issued": {"date-parts": [[2020]]}}
]`)
	layout := `<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", "><group delimiter=" "><names variable="author"><name form="short"/></names><date variable="issued"><date-part name="year"/></date></group><choose><if disambiguate="true"><text variable="title" font-style="italic"/></if></choose></group></layout>`
	for _, tc := range []struct {
		name, opts string
		want       [3][2]string // text, html for a, b, c
	}{
		{"no year-suffix", `<citation>`, [3][2]string{
			{"(Doe 2020, Annual Report)", "(Doe 2020, <i>Annual Report</i>)"},
			{"(Doe 2020, Annual Report)", "(Doe 2020, <i>Annual Report</i>)"},
			{"(Doe 2020, Cyber Norms)", "(Doe 2020, <i>Cyber Norms</i>)"},
		}},
		{"with year-suffix", `<citation disambiguate-add-year-suffix="true">`, [3][2]string{
			{"(Doe 2020a, Annual Report)", "(Doe 2020a, <i>Annual Report</i>)"},
			{"(Doe 2020b, Annual Report)", "(Doe 2020b, <i>Annual Report</i>)"},
			{"(Doe 2020, Cyber Norms)", "(Doe 2020, <i>Cyber Norms</i>)"},
		}},
	} {
		s := miniStyle(t, "in-text", "", "", layout, "")
		if tc.opts != "<citation>" {
			src := `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="en-US"><info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>` +
				tc.opts + layout + `</citation><bibliography><layout><text variable="title"/></layout></bibliography></style>`
			var ds source.Diags
			s, ds = ParseStyle(source.NewFile("t.csl", []byte(src)))
			if ds.HasErrors() {
				t.Fatal(ds.Err())
			}
		}
		p := NewProcessor(s, lookup, Options{})
		p.AddItems("a", "b", "c")
		for _, id := range []string{"a", "b", "c"} {
			if _, err := p.AddCitation(Citation{Items: []CiteItem{{ID: id}}}); err != nil {
				t.Fatal(err)
			}
		}
		for i, r := range p.Citations() {
			checkRich(t, tc.name+" "+[]string{"a", "b", "c"}[i], r, tc.want[i][0], tc.want[i][1])
		}
	}
}

// legalItems are documents of the kinds the project's commentary cites,
// shaped as its bibliography (chapters/bib) holds them.
const legalItems = `[
{"id": "res", "type": "legislation", "author": [{"literal": "United Nations General Assembly"}],
 "title": "Advancing responsible State behaviour in cyberspace in the context of international security",
 "genre": "UN Doc.", "number": "A/RES/73/266", "issued": {"date-parts": [[2018, 12, 22]]}},
{"id": "rep", "type": "report", "author": [{"literal": "United Nations General Assembly"}],
 "title": "Report of the Group of Governmental Experts", "genre": "UN Doc.", "number": "A/70/174", "issued": {"date-parts": [[2015, 7, 22]]}},
{"id": "osce", "type": "legislation", "author": [{"literal": "Organization for Security and Co-operation in Europe, Permanent Council"}],
 "title": "Initial Set of OSCE Confidence-Building Measures to Reduce the Risks of Conflict Stemming from the Use of Information and Communication Technologies",
 "genre": "OSCE Doc.", "number": "PC.DEC/1106", "issued": {"date-parts": [[2013, 12, 3]]}},
{"id": "eu", "type": "legislation", "author": [{"literal": "Council of the European Union"}],
 "title": "Council Conclusions on a Framework for a Joint EU Diplomatic Response to Malicious Cyber Activities (\"Cyber Diplomacy Toolbox\")",
 "title-short": "Cyber Diplomacy Toolbox", "issued": {"date-parts": [[2017, 6, 19]]}},
{"id": "ets", "type": "treaty", "author": [{"literal": "Council of Europe"}], "title": "Convention on Cybercrime",
 "genre": "ETS No.", "number": "185", "issued": {"date-parts": [[2001, 11, 23]]}},
{"id": "sym", "type": "report", "author": [{"literal": "OSCE"}], "title": "Annual Report", "number": "SEC.DOC/1/14", "issued": {"date-parts": [[2014]]}},
{"id": "cook", "type": "book", "author": [{"family": "Cook", "given": "Ann"}], "title": "Treaties", "publisher": "Hart", "issued": {"date-parts": [[2019]]}}
]`

// TestCommentaryNotes (class 8): the built-in chicago-notes style cites
// documents as an international-law editor does. Convention: issuing
// body, title in italics, the document's symbol with its series ("UN Doc.
// A/70/174", "OSCE Doc. PC.DEC/1106", "ETS No. 185", never "no. ETS No.
// 185"), and the date as far as the data gives it, in parentheses, for
// reports and resolutions alike; a treaty by its title, with no author.
// A short note is never longer than the first: a document with a symbol
// is cited by the symbol, others by author and short title. In the
// bibliography a symbol without a series gets no "no." label, so no
// lower-case label follows a full stop.
func TestCommentaryNotes(t *testing.T) {
	s := loadBuiltin(t, "chicago-notes")
	lookup := miniItems(t, legalItems)
	for _, tc := range []struct {
		id, first, short string
		html             string
	}{
		{"res", "United Nations General Assembly, Advancing responsible State behaviour in cyberspace in the context of international security, UN Doc. A/RES/73/266 (22 December 2018), para. 3.",
			"UN Doc. A/RES/73/266, para. 3.",
			"United Nations General Assembly, <i>Advancing responsible State behaviour in cyberspace in the context of international security</i>, UN Doc. A/RES/73/266 (22 December 2018), para. 3."},
		{"rep", "United Nations General Assembly, Report of the Group of Governmental Experts, UN Doc. A/70/174 (22 July 2015), para. 3.",
			"UN Doc. A/70/174, para. 3.",
			"United Nations General Assembly, <i>Report of the Group of Governmental Experts</i>, UN Doc. A/70/174 (22 July 2015), para. 3."},
		{"osce", "Organization for Security and Co-operation in Europe, Permanent Council, Initial Set of OSCE Confidence-Building Measures to Reduce the Risks of Conflict Stemming from the Use of Information and Communication Technologies, OSCE Doc. PC.DEC/1106 (3 December 2013), para. 3.",
			"OSCE Doc. PC.DEC/1106, para. 3.",
			"Organization for Security and Co-operation in Europe, Permanent Council, <i>Initial Set of OSCE Confidence-Building Measures to Reduce the Risks of Conflict Stemming from the Use of Information and Communication Technologies</i>, OSCE Doc. PC.DEC/1106 (3 December 2013), para. 3."},
		{"eu", "Council of the European Union, Council Conclusions on a Framework for a Joint EU Diplomatic Response to Malicious Cyber Activities (‘Cyber Diplomacy Toolbox’) (19 June 2017), para. 3.",
			"Council of the European Union, Cyber Diplomacy Toolbox, para. 3.",
			"Council of the European Union, <i>Council Conclusions on a Framework for a Joint EU Diplomatic Response to Malicious Cyber Activities (‘Cyber Diplomacy Toolbox’)</i> (19 June 2017), para. 3."},
		{"ets", "Convention on Cybercrime, ETS No. 185 (23 November 2001), para. 3.",
			"Convention on Cybercrime, para. 3.",
			"<i>Convention on Cybercrime</i>, ETS No. 185 (23 November 2001), para. 3."},
	} {
		p := NewProcessor(s, lookup, Options{Lang: "en-GB"})
		c := Citation{Items: []CiteItem{{ID: tc.id, Locator: "3", Label: "paragraph"}}}
		p.AddCitation(c)
		p.AddCitation(Citation{Items: []CiteItem{{ID: "cook"}}})
		p.AddCitation(c)
		cs := p.Citations()
		checkRich(t, tc.id+" first", cs[0], tc.first, tc.html)
		if got := cs[2].String(); got != tc.short {
			t.Errorf("%s short:\n got %q\nwant %q", tc.id, got, tc.short)
		}
		if len(cs[2].String()) >= len(cs[0].String()) {
			t.Errorf("%s: the short note is not shorter than the first", tc.id)
		}
	}
}

// TestBibliographySortsAsEntriesRead (class 7): the bibliography is sorted
// by what each entry shows first (CSL 1.0.2 sorts by the keys the style
// gives; the built-in style's key now follows the entry): a treaty, printed
// by its title, sorts under its title, not under the author it does not
// print; resolutions print the body they sort under. No entry starts with
// a lower-case label after a full stop.
func TestBibliographySortsAsEntriesRead(t *testing.T) {
	s := loadBuiltin(t, "chicago-notes")
	es := bibOf(t, s, miniItems(t, legalItems), "en-GB", "res", "rep", "osce", "eu", "ets", "sym", "cook")
	want := []struct{ text, html string }{
		{"Convention on Cybercrime. ETS No. 185, 23 November 2001.", "<i>Convention on Cybercrime</i>. ETS No. 185, 23 November 2001."},
		{"Cook, Ann. Treaties. Hart, 2019.", "Cook, Ann. <i>Treaties</i>. Hart, 2019."},
		{"Council of the European Union. Council Conclusions on a Framework for a Joint EU Diplomatic Response to Malicious Cyber Activities (‘Cyber Diplomacy Toolbox’). 19 June 2017.",
			"Council of the European Union. <i>Council Conclusions on a Framework for a Joint EU Diplomatic Response to Malicious Cyber Activities (‘Cyber Diplomacy Toolbox’)</i>. 19 June 2017."},
		{"Organization for Security and Co-operation in Europe, Permanent Council. Initial Set of OSCE Confidence-Building Measures to Reduce the Risks of Conflict Stemming from the Use of Information and Communication Technologies. OSCE Doc. PC.DEC/1106, 3 December 2013.",
			"Organization for Security and Co-operation in Europe, Permanent Council. <i>Initial Set of OSCE Confidence-Building Measures to Reduce the Risks of Conflict Stemming from the Use of Information and Communication Technologies</i>. OSCE Doc. PC.DEC/1106, 3 December 2013."},
		{"OSCE. Annual Report. SEC.DOC/1/14. 2014.", "OSCE. <i>Annual Report</i>. SEC.DOC/1/14. 2014."},
		{"United Nations General Assembly. Report of the Group of Governmental Experts. UN Doc. A/70/174, 22 July 2015.",
			"United Nations General Assembly. <i>Report of the Group of Governmental Experts</i>. UN Doc. A/70/174, 22 July 2015."},
		{"———. Advancing responsible State behaviour in cyberspace in the context of international security. UN Doc. A/RES/73/266, 22 December 2018.",
			"———. <i>Advancing responsible State behaviour in cyberspace in the context of international security</i>. UN Doc. A/RES/73/266, 22 December 2018."},
	}
	if len(es) != len(want) {
		t.Fatalf("%d entries, want %d", len(es), len(want))
	}
	for i, e := range es {
		checkRich(t, e.ID, e.Text, want[i].text, want[i].html)
	}
}

// TestTitleCaseKeepsAddresses (real data): title case leaves a web address,
// a domain name and a file name as they are. CSL 1.0.2 keeps a mixed-case
// word ("Amazon.co.uk") unchanged; cutting words at "." and "/", as
// citeproc-js does, would print "Amazon.Co.Uk" and "Https://Github.Com/…".
func TestTitleCaseKeepsAddresses(t *testing.T) {
	lookup := miniItems(t, `[
{"id": "a", "type": "webpage", "title": "Email from Amazon.co.uk to author"},
{"id": "b", "type": "webpage", "title": "software at https://github.com/ufal/lindat-dspace and www.example.org"},
{"id": "c", "type": "webpage", "title": "the report in report1.pdf, e.g. in the U.S."}
]`)
	s := miniStyle(t, "note", "", "", `<layout><text variable="title" text-case="title"/></layout>`, "")
	p := NewProcessor(s, lookup, Options{})
	for id, want := range map[string]string{
		"a": "Email from Amazon.co.uk to Author",
		"b": "Software at https://github.com/ufal/lindat-dspace and www.example.org",
		"c": "The Report in report1.pdf, e.g. in the U.S.",
	} {
		got := p.Cite(Citation{Items: []CiteItem{{ID: id}}})
		checkRich(t, id, got, want, want)
	}
}
