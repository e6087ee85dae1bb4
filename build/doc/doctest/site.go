package doctest

import (
	"fmt"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// Site is two publications: a commentary (front matter, two parts, a norm
// chapter with every block kind, a long table, notes and note-style
// citations, a bibliography in the back matter) and guidelines that point
// into the commentary.
func Site(epoch int64) *doc.Site {
	img := &doc.Asset{Path: "commentary/images/timeline.png", MediaType: "image/png", Data: PNG(64, 40), Width: 64, Height: 40}
	seal := &doc.Asset{Path: "commentary/images/seal.png", MediaType: "image/png", Data: PNG(32, 32), Width: 32, Height: 32}
	norm := &doc.Norm{ID: "13c", Label: "13(c)", Title: "Territory not used for wrongful acts",
		Text: "States should not knowingly allow their territory to be used for internationally wrongful acts using ICTs;", Source: "un-a-70-174"}

	com := &doc.Publication{
		ID: "commentary", Title: "Commentary on the 2015 GGE Norms", Subtitle: "A norm-by-norm commentary",
		Description: "Eleven working groups comment on the norms of A/70/174, para. 13.",
		Editors:     []string{"Ada Editor", "Ben Editor"}, Contributors: []string{"Working Group 13(c)"},
		Edition: "First edition", Date: "2026-11-01", Lang: "en-GB", License: "CC BY 4.0",
		Keywords: []string{"cyber norms", "due diligence"}, CiteClass: "note",
		Assets:  []*doc.Asset{img, seal},
		Options: doc.Options{ParagraphNumbers: true, NoteNumbering: "chapter", PageSize: "royal"},
	}
	foreword := &doc.Chapter{ID: "foreword", Title: []doc.Inline{T("Foreword")}, Short: "Foreword", Matter: doc.FrontMatter,
		Blocks: []doc.Block{
			P(T("This commentary explains the eleven norms. See "), X("norm 13(c)", "commentary", "13c", ""), T(".")),
			&doc.DefList{Items: []doc.DefItem{
				{Term: []doc.Inline{T("GGE")}, Defs: [][]doc.Block{{P(T("Group of Governmental Experts"))}}},
				{Term: []doc.Inline{T("ICT")}, Defs: [][]doc.Block{{P(T("Information and communications technology"))}}},
			}},
		}}

	c13 := &doc.Chapter{}
	var ns Notes
	ns.Chapter(c13)
	long := ns.N(
		P(T("A long note: "), T(strings.Repeat("The due diligence debate has a long history in international law, and States differ on whether it binds them in cyberspace. ", 6))),
		P(T("A second paragraph of the same note, with "), Em(T("emphasis")), T(" and a link to "), URL("https://example.org/report", T("the report")), T(".")))
	n1 := ns.Auto(P(Cite("commentary", "schmitt-2017", T("Michael N. Schmitt, ed., Tallinn Manual 2.0 (Cambridge University Press, 2017), 30."))))
	n2 := ns.N(P(T("Compare "), X("section 1.2", "commentary", "13c", "sec:13c-terms"), T(".")))
	n3 := ns.Auto(P(Cite("commentary", "un-a-70-174", T("UN doc. A/70/174, para. 13(c)."))))

	rows := make([]doc.Row, 40)
	for i := range rows {
		rows[i] = doc.Row{{Inlines: []doc.Inline{T(fmt.Sprintf("State %d", i+1))}}, {Inlines: []doc.Inline{T(fmt.Sprint(2015 + i%10))}}, {Inlines: []doc.Inline{T("National statement on due diligence & territory")}}}
	}
	*c13 = doc.Chapter{ID: "13c", Title: []doc.Inline{T("Norm 13(c): Territory not to be used for wrongful acts")}, Short: "Norm 13(c)",
		Number: "3", Matter: doc.BodyMatter, Norm: norm, Authors: []string{"Working Group 13(c)"},
		Abstract: []doc.Block{P(T("The norm restates a due diligence expectation."))},
		Keywords: []string{"due diligence"},
		Blocks: []doc.Block{
			H(2, "sec:13c-scope", "3.1", T("Scope and key terms")),
			NP(1, T("The norm restates a due diligence expectation."), long, T(" It applies to "), Em(T("territory")), T(" in a wide sense."), n1),
			H(3, "sec:13c-terms", "3.1.1", T("Key terms")),
			NP(2, T("“Knowingly” means actual knowledge; see "), X("para. 1", "commentary", "13c", "p1"), T(" and "),
				&doc.XRef{Bracketed: true, Items: []doc.XRefItem{
					{Prefix: "see", Text: "figure 1", Target: &doc.Target{Pub: "commentary", Chapter: "13c", Anchor: "fig:timeline"}},
					{Text: "table 1", Target: &doc.Target{Pub: "commentary", Chapter: "13c", Anchor: "tbl:statements"}, Suffix: "below"},
				}}, T("."), n2),
			H(4, "sec:13c-territory", "", T("Territory")),
			NP(3, T("Code like "), &doc.Code{Text: "<script>"}, T(" is text, and "), &doc.Strong{Inlines: []doc.Inline{T("bold")}}, T(", "),
				&doc.Strike{Inlines: []doc.Inline{T("struck")}}, T(", "), &doc.SmallCaps{Inlines: []doc.Inline{T("small caps")}}, T(", x"),
				&doc.Sup{Inlines: []doc.Inline{T("2")}}, T(", H"), &doc.Sub{Inlines: []doc.Inline{T("2")}}, T("O, "),
				&doc.Styled{Attr: doc.Attr{Classes: []string{"foreign"}, KV: [][2]string{{"lang", "fr"}}}, Inlines: []doc.Inline{T("diligence due")}},
				&doc.SoftBreak{}, T("and a break"), &doc.LineBreak{}, T("after it."), n3),
			&doc.Figure{Attr: doc.Attr{ID: "fig:timeline", Label: "fig:timeline"}, Num: 1, Asset: img, Alt: "Timeline of the GGE reports", Caption: []doc.Inline{T("Timeline of the GGE reports")}},
			&doc.BlockQuote{Blocks: []doc.Block{P(T("States should not knowingly allow their territory to be used…"))}},
			&doc.Figure{Attr: doc.Attr{ID: "fig:seal", Label: "fig:seal"}, Num: 2, Asset: seal, Alt: "The seal of the working group", Width: 0.4, Caption: []doc.Inline{T("The working group’s seal, at 40% of the text width")}},
			&doc.List{Tight: true, Items: [][]doc.Block{{P(T("first point"))}, {P(T("second point"))}}},
			&doc.List{Ordered: true, Start: 3, Items: [][]doc.Block{{P(T("third"))}, {P(T("fourth"))}}},
			&doc.CodeBlock{Lang: "yaml", Text: "norm: 13c\ntitle: \"a & b\"\n"},
			&doc.Rule{},
			&doc.Table{Attr: doc.Attr{ID: "tbl:statements", Label: "tbl:statements"}, Num: 1, Caption: []doc.Inline{T("National statements")},
				Align: []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignDefault},
				Head:  []doc.Row{{{Inlines: []doc.Inline{T("State")}}, {Inlines: []doc.Inline{T("Year")}}, {Inlines: []doc.Inline{T("Statement")}}}},
				Body:  rows},
			&doc.Div{Attr: doc.Attr{Classes: []string{"further-reading"}}, Blocks: []doc.Block{
				H(2, "further-reading-13c", "", T("Further reading")),
				P(T("The digest entries on this norm."))}},
			&doc.RawHTML{HTML: `<p class="raw">Raw <abbr title="HyperText Markup Language">HTML</abbr></p>`},
			NP(4, T("See the guidelines on "), X("measure 1", "guidelines", "g13c", "sec:g13c-measures"), T(", and "), &doc.RawInline{HTML: "<kbd>Ctrl</kbd>"}, T(".")),
		},
		Notes: c13.Notes,
	}
	c13b := &doc.Chapter{ID: "13b", Title: []doc.Inline{T("Norm 13(b): Consider all relevant information")}, Short: "Norm 13(b)",
		Number: "2", Matter: doc.BodyMatter,
		Blocks: []doc.Block{NormBoxBlock(&doc.Norm{ID: "13b", Label: "13(b)", Title: "Attribution", Text: "In case of ICT incidents, States should consider all relevant information;"}),
			NP(1, T("Attribution is hard; compare "), X("section 3.1", "commentary", "13c", "sec:13c-scope"), T("."))}}
	c13a := &doc.Chapter{ID: "13a", Title: []doc.Inline{T("Norm 13(a): Cooperation")}, Short: "Norm 13(a)",
		Number: "1", Matter: doc.BodyMatter, Blocks: []doc.Block{NP(1, T("Cooperation comes first."))}}
	bibl := &doc.Chapter{ID: "bibliography", Title: []doc.Inline{T("Bibliography")}, Short: "Bibliography", Matter: doc.BackMatter, Kind: "bibliography",
		Blocks: []doc.Block{&doc.RefList{Hanging: true, Entries: []doc.RefEntry{
			{Key: "schmitt-2017", ID: "ref-schmitt-2017", Inlines: []doc.Inline{T("Schmitt, Michael N., ed. "), Em(T("Tallinn Manual 2.0")), T(". Cambridge University Press, 2017. "), URL("https://doi.org/10.1017/9781316822524", T("https://doi.org/10.1017/9781316822524")), T(".")}},
			{Key: "un-a-70-174", ID: "ref-un-a-70-174", Inlines: []doc.Inline{T("United Nations. Report of the GGE. A/70/174, 2015.")}},
		}}}}
	p1 := &doc.Part{Title: "Part I: Cooperation and restraint", Number: "I", Chapters: []*doc.Chapter{c13a, c13b}}
	p2 := &doc.Part{Title: "Part II: Territory", Number: "II", Chapters: []*doc.Chapter{c13}}
	for _, c := range p1.Chapters {
		c.Part = p1
	}
	c13.Part = p2
	com.Parts = []*doc.Part{p1, p2}
	com.Chapters = []*doc.Chapter{foreword, c13a, c13b, c13, bibl}
	norm.Chapter = map[string]*doc.Chapter{"commentary": c13}

	gl := &doc.Publication{
		ID: "guidelines", Title: "Implementation Guidelines", Description: "Measures per norm.",
		Editors: []string{"Cy Editor"}, Date: "2026-11-01", Lang: "en-GB", License: "CC BY 4.0", CiteClass: "in-text",
		Options: doc.Options{NoteNumbering: "publication"},
	}
	g13c := &doc.Chapter{ID: "g13c", Title: []doc.Inline{T("Guidelines for norm 13(c)")}, Short: "13(c)", Number: "1",
		Blocks: []doc.Block{
			H(2, "sec:g13c-measures", "1.1", T("Measures")),
			P(T("Each measure rests on "), X("commentary 13(c), para. 2", "commentary", "13c", "p2"), T(" ("),
				&doc.Cite{Items: []doc.CiteItem{{Key: "schmitt-2017"}, {Key: "tikk-2016"}}}, T(").")),
			&doc.List{Tight: true, Items: [][]doc.Block{{P(T("Designate a point of contact."))}, {P(T("Publish a statement.")), &doc.List{Tight: true, Items: [][]doc.Block{{P(T("nested"))}}}}}},
		}}
	gl.Chapters = []*doc.Chapter{g13c}

	return &doc.Site{Title: "Cyber Norms Commentary Project", Description: "Commentary, guidelines and digest on the 2015 GGE norms.",
		Lang: "en-GB", Pubs: []*doc.Publication{com, gl}, Epoch: epoch}
}

// NormBoxBlock is an explicit norm box block.
func NormBoxBlock(n *doc.Norm) *doc.NormBox {
	return &doc.NormBox{Norm: n, Source: []doc.Inline{T("UN doc. A/70/174, para. 13")}}
}
