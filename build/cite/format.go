package cite

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/bib"
	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// Scope is a reference list to fill with the works cited in some chapters:
// one chapter's "References", or the whole publication's bibliography.
type Scope struct {
	List     *doc.RefList
	Chapters []*doc.Chapter
}

// Options say what to format with.
type Options struct {
	Library *bib.Library
	Lang    string
}

// Format checks every cited key, then fills citations and reference lists.
//
// Until the CSL processor is wired in, the text is a plain interim form
// (author, title, year) so that the spine renders something a reader can
// follow; the processor replaces formatChapter and formatEntry.
func Format(pub *doc.Publication, scopes []Scope, opts Options) source.Diags {
	var ds source.Diags
	lib := opts.Library
	known := func(key string, at source.Span) bool {
		if lib != nil && lib.ByID[key] != nil {
			return true
		}
		d := ds.Errorf(at, "unknown-citation-key", "unknown citation key %q", key)
		if lib != nil {
			if s := source.SuggestKey(key, lib.ByID); s != "" {
				d.WithHint("did you mean @%s?", s)
			}
		}
		return false
	}
	cited := map[*doc.Chapter][]string{}
	for _, ch := range pub.Chapters {
		seen := map[string]bool{}
		doc.Visitor{
			Block: func(b doc.Block) bool {
				if rl, ok := b.(*doc.RefList); ok {
					for i := range rl.Entries {
						e := &rl.Entries[i]
						if e.Key != "" && known(e.Key, rl.Span) {
							formatEntry(e, lib.ByID[e.Key])
						}
					}
				}
				return true
			},
			Inline: func(in doc.Inline) bool {
				c, ok := in.(*doc.Cite)
				if !ok {
					return true
				}
				all := true
				for _, it := range c.Items {
					if !known(it.Key, it.Span) {
						all = false
						continue
					}
					if !seen[it.Key] {
						seen[it.Key] = true
						cited[ch] = append(cited[ch], it.Key)
					}
				}
				if all {
					c.Text = formatCite(c, lib)
				}
				return false
			},
		}.WalkBlocks(ch.Blocks)
	}
	for _, s := range scopes {
		var keys []string
		for _, ch := range s.Chapters {
			for _, k := range cited[ch] {
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
		sort.Slice(keys, func(i, j int) bool { return sortKey(lib.ByID[keys[i]]) < sortKey(lib.ByID[keys[j]]) })
		s.List.Hanging = true
		for _, k := range keys {
			e := doc.RefEntry{Key: k, ID: "ref-" + k}
			formatEntry(&e, lib.ByID[k])
			s.List.Entries = append(s.List.Entries, e)
		}
	}
	return ds
}

func formatCite(c *doc.Cite, lib *bib.Library) []doc.Inline {
	var out []doc.Inline
	for i, it := range c.Items {
		if i > 0 {
			out = append(out, &doc.Text{Value: "; "})
		}
		item := lib.ByID[it.Key]
		s := ""
		if it.Prefix != "" {
			s += it.Prefix + " "
		}
		if it.Mode != doc.SuppressAuthor {
			if a := authors(item); a != "" {
				s += a + ", "
			}
		}
		out = append(out, &doc.Text{Value: s})
		out = append(out, &doc.Emph{Inlines: []doc.Inline{&doc.Text{Value: plain(item.Get("title"))}}})
		tail := ""
		if y := year(item); y != "" {
			tail += " (" + y + ")"
		}
		if it.Locator != "" {
			tail += ", " + locatorLabel(it.Label) + it.Locator
		}
		if it.Suffix != "" {
			tail += " " + it.Suffix
		}
		if !c.InNote {
			out = append([]doc.Inline{&doc.Text{Value: "("}}, out...)
			tail += ")"
		} else if i == len(c.Items)-1 {
			tail += "."
		}
		out = append(out, &doc.Text{Value: tail})
	}
	return out
}

func formatEntry(e *doc.RefEntry, item *bib.Item) {
	ins := []doc.Inline{}
	if a := authors(item); a != "" {
		ins = append(ins, &doc.Text{Value: a + ". "})
	}
	ins = append(ins, &doc.Emph{Inlines: []doc.Inline{&doc.Text{Value: plain(item.Get("title"))}}})
	tail := "."
	if n := item.Get("number"); n != "" {
		tail = ". " + n + "."
	}
	if y := year(item); y != "" {
		tail += " " + y + "."
	}
	ins = append(ins, &doc.Text{Value: tail})
	if doi := item.Get("DOI"); doi != "" {
		ins = append(ins, &doc.Text{Value: " "}, &doc.Link{URL: "https://doi.org/" + doi, Inlines: []doc.Inline{&doc.Text{Value: "https://doi.org/" + doi}}})
	}
	e.Inlines = append(ins, e.Inlines...)
}

func locatorLabel(l string) string {
	switch l {
	case "page", "":
		return ""
	case "paragraph":
		return "para. "
	case "chapter":
		return "ch. "
	case "section":
		return "sec. "
	}
	return l + " "
}

func authors(it *bib.Item) string {
	var parts []string
	for _, n := range it.Names["author"] {
		if n.Literal != "" {
			parts = append(parts, n.Literal)
		} else {
			parts = append(parts, strings.TrimSpace(n.Given+" "+n.NonDroppingParticle+" "+n.Family))
		}
	}
	return strings.Join(parts, ", ")
}

func year(it *bib.Item) string {
	if d, ok := it.Dates["issued"]; ok && len(d.Parts) > 0 && d.Parts[0][0] != 0 {
		return strconv.Itoa(d.Parts[0][0])
	}
	return ""
}

func sortKey(it *bib.Item) string {
	if it == nil {
		return ""
	}
	for _, n := range it.Names["author"] {
		if n.Literal != "" {
			return strings.ToLower(n.Literal)
		}
		return strings.ToLower(n.Family + " " + n.Given)
	}
	return strings.ToLower(it.Get("title"))
}

func plain(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
