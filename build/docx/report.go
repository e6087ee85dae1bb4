package docx

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Describe says what an item is, in a sentence: "comment by Ada Reviewer
// (2027-01-10): Too broad."
func (it *Item) Describe() string {
	who := it.Author
	if who == "" {
		who = "an unnamed reviewer"
	}
	date := ""
	if len(it.Date) >= 10 {
		date = " (" + it.Date[:10] + ")"
	}
	switch it.Kind {
	case "comment":
		s := "comment by " + who + date + ": " + it.Text
		if it.Quote != "" {
			s += " [on “" + clip(it.Quote, 60) + "”]"
		}
		return s
	case "insertion":
		return "inserted by " + who + date + ": “" + it.Text + "”"
	case "deletion":
		return "deleted by " + who + date + ": “" + it.Text + "”"
	case "paragraph deleted":
		return "the whole paragraph deleted by " + who + date + ": “" + clip(it.Text, 80) + "”"
	case "paragraph inserted":
		return "new paragraph inserted by " + who + date + ": “" + it.Text + "”"
	}
	return it.Kind + " by " + who + date + ": " + it.Text
}

// Where says where an item is: the paragraph as cited, or for a file not
// made by normpress the paragraph's first words.
func (it *Item) Where() string {
	if it.Loc == nil {
		return "paragraph “" + clip(it.Para, 60) + "”"
	}
	s := it.Loc.Cite()
	if it.Kind == "paragraph inserted" {
		s = "after " + s
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// WriteText writes one line per item, starting with the source position
// as diagnostics do, so that an editor's "next error" jumps to it.
func WriteText(w io.Writer, reviews []*Review) {
	for _, rv := range reviews {
		for _, it := range rv.Items {
			at := it.Loc.Source()
			if at == "" {
				at = rv.File
			}
			fmt.Fprintf(w, "%s: %s: %s\n", at, it.Where(), it.Describe())
		}
	}
}

// WriteMarkdown writes the digest a working group discusses: by
// publication, then by paragraph in reading order, every reviewer's comments
// and changes together.
func WriteMarkdown(w io.Writer, reviews []*Review) {
	type group struct {
		key   string
		order int
		loc   *Location
		para  string
		items []*Item
		files []string
	}
	type pubGroup struct {
		id, title string
		groups    map[string]*group
	}
	pubs := map[string]*pubGroup{}
	var pubOrder []string
	counts := map[string]int{}
	for _, rv := range reviews {
		id, title := "", "Documents not made by normpress"
		if rv.Map != nil {
			id, title = rv.Map.Pub, rv.Map.Title
		}
		pg := pubs[id]
		if pg == nil {
			pg = &pubGroup{id: id, title: title, groups: map[string]*group{}}
			pubs[id] = pg
			pubOrder = append(pubOrder, id)
		}
		for _, it := range rv.Items {
			counts[it.Kind]++
			key, order := "", 0
			if it.Loc != nil {
				key = it.Loc.Bookmark
				order, _ = strconv.Atoi(strings.TrimPrefix(key, "_NP"))
			} else {
				key = rv.File + "\x00" + it.Para
				order = it.order
			}
			if it.Kind == "paragraph inserted" {
				key += "+"
			}
			g := pg.groups[key]
			if g == nil {
				g = &group{key: key, order: order, loc: it.Loc, para: it.Para}
				pg.groups[key] = g
			}
			g.items = append(g.items, it)
			g.files = append(g.files, rv.File)
		}
	}
	fmt.Fprintf(w, "# Comments from the consultation\n\n")
	var files []string
	for _, rv := range reviews {
		files = append(files, "`"+rv.File+"`")
	}
	fmt.Fprintf(w, "%d %s: %s. %d comments, %d insertions, %d deletions, %d paragraphs deleted, %d paragraphs added.\n",
		len(reviews), plural(len(reviews), "file", "files"), strings.Join(files, ", "),
		counts["comment"], counts["insertion"], counts["deletion"], counts["paragraph deleted"], counts["paragraph inserted"])
	for _, rv := range reviews {
		for _, n := range rv.Notes {
			fmt.Fprintf(w, "\n> **Note:** %s.\n", n)
		}
	}
	for _, id := range pubOrder {
		pg := pubs[id]
		if len(pg.groups) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n## %s\n", pg.title)
		gs := make([]*group, 0, len(pg.groups))
		for _, g := range pg.groups {
			gs = append(gs, g)
		}
		slices.SortFunc(gs, func(a, b *group) int {
			if a.order != b.order {
				return a.order - b.order
			}
			return strings.Compare(a.key, b.key)
		})
		for _, g := range gs {
			first := g.items[0]
			fmt.Fprintf(w, "\n### %s\n\n", mdEscape(first.Where()))
			if g.loc != nil {
				var meta []string
				if src := g.loc.Source(); src != "" {
					meta = append(meta, "`"+g.loc.File+":"+strconv.Itoa(g.loc.Line)+"`")
				}
				if g.loc.Excerpt != "" {
					meta = append(meta, "“"+mdEscape(g.loc.Excerpt)+"”")
				}
				if len(meta) > 0 {
					fmt.Fprintf(w, "%s\n\n", strings.Join(meta, " · "))
				}
			}
			for i, it := range g.items {
				who := it.Author
				if who == "" {
					who = "Unnamed reviewer"
				}
				date := ""
				if len(it.Date) >= 10 {
					date = ", " + it.Date[:10]
				}
				src := " (" + g.files[i] + date + ")"
				switch it.Kind {
				case "comment":
					fmt.Fprintf(w, "- **%s** commented%s: %s\n", mdEscape(who), src, mdEscape(strings.ReplaceAll(it.Text, "\n", " ")))
					if it.Quote != "" {
						fmt.Fprintf(w, "  on “%s”\n", mdEscape(clip(it.Quote, 120)))
					}
				case "insertion":
					fmt.Fprintf(w, "- **%s** inserted%s: “%s”\n", mdEscape(who), src, mdEscape(it.Text))
				case "deletion":
					fmt.Fprintf(w, "- **%s** deleted%s: ~~%s~~\n", mdEscape(who), src, mdEscape(it.Text))
				case "paragraph deleted":
					fmt.Fprintf(w, "- **%s** deleted the whole paragraph%s: ~~%s~~\n", mdEscape(who), src, mdEscape(clip(it.Text, 200)))
				case "paragraph inserted":
					fmt.Fprintf(w, "- **%s** added a paragraph%s: “%s”\n", mdEscape(who), src, mdEscape(it.Text))
				default:
					fmt.Fprintf(w, "- **%s** %s%s: %s\n", mdEscape(who), it.Kind, src, mdEscape(it.Text))
				}
			}
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// mdEscape keeps a reviewer's text from turning into Markdown markup in
// the digest.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
