package edition

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/normpress/normpress/build/doc"
)

// change is one line of the changes chapter.
type change struct {
	order   int // the new number, or where the old one stood
	inlines []doc.Inline
	diff    []doc.Inline // word-level marks, for substantive changes
}

func txt(s string) doc.Inline { return &doc.Text{Value: s} }

func (e *Edition) link(i int, label string) doc.Inline {
	p := e.paras[i]
	return &doc.Link{Target: &doc.Target{Pub: e.pub.ID, Chapter: p.ch.ID, Anchor: p.p.Attr.ID}, Inlines: []doc.Inline{txt(label)}}
}

// chapterName is how the changes chapter names a chapter: "Norm 13(c)" for
// a norm chapter, else its number or short title; a chapter that is gone
// keeps its ID.
func (e *Edition) chapterName(id string) string {
	for _, ch := range e.pub.Chapters {
		if ch.ID == id {
			if ch.Short != "" {
				return ch.Short
			}
			return ch.PlainTitle()
		}
	}
	return id
}

func (e *Edition) chapterOrder() []string {
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, p := range e.paras {
		add(p.ch.ID)
	}
	for _, o := range e.prev.Register.Paragraphs {
		add(o.Chapter)
	}
	return ids
}

// changes lists, per chapter, the paragraphs added, removed, moved, split,
// merged, substantively changed and renumbered.
func (e *Edition) changes() []doc.Block {
	old := e.prev.Register.Paragraphs
	ed := lowerFirst(e.prev.Name)
	byCh := map[string][]change{}
	counts := map[string]int{}
	add := func(ch string, c change, what string) {
		byCh[ch] = append(byCh[ch], c)
		counts[what]++
	}
	num := func(i int) string { return "para. " + strconv.Itoa(e.paras[i].p.Num) }
	splits := map[int][]int{} // old → split-off new paragraphs
	for i, k := range e.m.Kind {
		if k == SplitOff {
			splits[e.m.SplitOf[i]] = append(splits[e.m.SplitOf[i]], i)
		}
	}
	merged := map[int][]int{} // new → old paragraphs merged into it
	for j, i := range e.m.MergedInto {
		if i >= 0 {
			merged[i] = append(merged[i], j)
		}
	}
	type run struct {
		ch                       string
		from, to, oldFrom, oldTo int
	}
	var runs []run
	for i, p := range e.paras {
		n := p.p.Num
		j := e.m.From[i]
		switch {
		case e.m.Kind[i] == SplitOff:
			o := old[e.m.SplitOf[i]]
			add(p.ch.ID, change{order: n, inlines: []doc.Inline{txt("New "), e.link(i, num(i)), txt(fmt.Sprintf(", split off para. %d of the %s.", o.Number, ed))}}, "split")
			continue
		case j < 0:
			add(p.ch.ID, change{order: n, inlines: []doc.Inline{txt("Added: "), e.link(i, num(i)), txt(": “" + firstWords(e.cur[i].Text, 8) + "”")}}, "added")
			continue
		}
		o := old[j]
		var what []doc.Inline
		kind := ""
		switch {
		case e.m.Moved[i] && o.Chapter != p.ch.ID:
			what = []doc.Inline{txt(fmt.Sprintf("Para. %d of %s in the %s is now ", o.Number, e.chapterName(o.Chapter), ed)), e.link(i, num(i)), txt(" (moved).")}
			kind = "moved"
		case e.m.Moved[i]:
			what = []doc.Inline{txt(fmt.Sprintf("Para. %d of the %s is now ", o.Number, ed)), e.link(i, num(i)), txt(" (moved).")}
			kind = "moved"
		}
		if s := splits[j]; len(s) > 0 {
			what = append(what, txt(fmt.Sprintf("Para. %d of the %s was split: its text is now in ", o.Number, ed)), e.link(i, num(i)))
			for _, k := range s {
				what = append(what, txt(" and "), e.link(k, num(k)))
			}
			what = append(what, txt("."))
			kind = "split"
		}
		if ms := merged[i]; len(ms) > 0 {
			what = append(what, txt(fmt.Sprintf("Paras. %d", o.Number)))
			for _, k := range ms {
				what = append(what, txt(fmt.Sprintf(" and %d", old[k].Number)))
			}
			what = append(what, txt(" of the "+ed+" were merged into "), e.link(i, num(i)), txt("."))
			kind = "merged"
		}
		var diff []doc.Inline
		switch e.m.Kind[i] {
		case Edited, Rewritten:
			verb := " substantively changed"
			if e.m.Kind[i] == Rewritten {
				verb = " rewritten"
			}
			if kind == "" {
				what = []doc.Inline{e.link(i, "Para. "+strconv.Itoa(n))}
				if o.Number != n {
					what = append(what, txt(fmt.Sprintf(" (para. %d in the %s)", o.Number, ed)))
				}
				what = append(what, txt(verb+"."))
				kind = "changed"
			}
			diff = WordDiff(o.Text, e.cur[i].Text)
		}
		if kind != "" {
			add(p.ch.ID, change{order: n, inlines: what, diff: diff}, kind)
			continue
		}
		// Only renumbered: gather runs that shifted by the same amount.
		if o.Number != n && o.Chapter == p.ch.ID {
			if l := len(runs) - 1; l >= 0 && runs[l].ch == p.ch.ID && runs[l].to == n-1 && runs[l].oldTo == o.Number-1 {
				runs[l].to, runs[l].oldTo = n, o.Number
			} else {
				runs = append(runs, run{p.ch.ID, n, n, o.Number, o.Number})
			}
		}
	}
	for _, r := range runs {
		first := e.paraByNum(r.ch, r.from)
		var in []doc.Inline
		if r.from == r.to {
			in = []doc.Inline{txt(fmt.Sprintf("Para. %d of the %s is now ", r.oldFrom, ed)), e.link(first, "para. "+strconv.Itoa(r.from)), txt(" (renumbered).")}
		} else {
			in = []doc.Inline{txt(fmt.Sprintf("Paras. %d–%d of the %s are now ", r.oldFrom, r.oldTo, ed)), e.link(first, fmt.Sprintf("paras. %d–%d", r.from, r.to)), txt(" (renumbered).")}
		}
		add(r.ch, change{order: r.from, inlines: in}, "renumbered")
	}
	for j, o := range old {
		if e.m.Removed(j) {
			add(o.Chapter, change{order: e.newPlace(j), inlines: []doc.Inline{txt(fmt.Sprintf("Removed: para. %d of the %s: “%s”", o.Number, ed, firstWords(o.Text, 8)))}}, "removed")
		}
	}

	intro := fmt.Sprintf("This edition compared with the %s", ed)
	if e.prev.Date != "" {
		intro += " (" + e.prev.Date + ")"
	}
	intro += ": "
	var parts []string
	for _, k := range []string{"added", "removed", "moved", "split", "merged", "changed", "renumbered"} {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], map[string]string{
				"added": "added", "removed": "removed", "moved": "moved", "split": "split",
				"merged": "merged", "changed": "substantively changed", "renumbered": "renumbered (runs)"}[k]))
		}
	}
	if len(parts) == 0 {
		intro += "no paragraph has changed."
	} else {
		intro += joinAnd(parts) + ". Old paragraph links keep working: they lead to the paragraph’s new place."
	}
	blocks := []doc.Block{&doc.Para{Inlines: []doc.Inline{txt(intro)}}}
	for _, ch := range e.chapterOrder() {
		cs := byCh[ch]
		if len(cs) == 0 {
			continue
		}
		sort.SliceStable(cs, func(a, b int) bool { return cs[a].order < cs[b].order })
		blocks = append(blocks, &doc.Heading{Level: 2, Attr: doc.Attr{ID: "changes-" + ch, Classes: []string{"unnumbered"}}, Inlines: []doc.Inline{txt(e.chapterName(ch))}})
		var items [][]doc.Block
		for _, c := range cs {
			item := []doc.Block{&doc.Para{Inlines: c.inlines}}
			if c.diff != nil {
				item = append(item, &doc.Div{Attr: doc.Attr{Classes: []string{"edition-diff"}}, Blocks: []doc.Block{&doc.Para{Inlines: c.diff}}})
			}
			items = append(items, item)
		}
		blocks = append(blocks, &doc.List{Items: items, Tight: false})
	}
	return blocks
}

// paraByNum finds the new paragraph with a number in a chapter.
func (e *Edition) paraByNum(ch string, n int) int {
	for i, p := range e.paras {
		if p.ch.ID == ch && p.p.Num == n {
			return i
		}
	}
	return 0
}

// newPlace is where a removed paragraph would stand in the new numbering:
// after the new place of the nearest kept paragraph before it.
func (e *Edition) newPlace(j int) int {
	old := e.prev.Register.Paragraphs
	for k := j - 1; k >= 0 && old[k].Chapter == old[j].Chapter; k-- {
		if i := e.m.To[k]; i >= 0 && e.paras[i].ch.ID == old[j].Chapter {
			return e.paras[i].p.Num
		}
	}
	return 0
}

// concordance is the table of old numbers to new, one table per chapter of
// the old edition, then the paragraphs new in this edition.
func (e *Edition) concordance() []doc.Block {
	old := e.prev.Register.Paragraphs
	ed := e.prev.Name
	intro := fmt.Sprintf("Where each paragraph of the %s stands in this edition.", lowerFirst(ed))
	blocks := []doc.Block{&doc.Para{Inlines: []doc.Inline{txt(intro)}}}
	splitOf := map[int][]int{}
	for i, k := range e.m.Kind {
		if k == SplitOff {
			splitOf[e.m.SplitOf[i]] = append(splitOf[e.m.SplitOf[i]], i)
		}
	}
	cell := func(ins ...doc.Inline) doc.Cell { return doc.Cell{Inlines: ins} }
	var tables []doc.Block
	var rows []doc.Row
	curCh := ""
	flush := func() {
		if len(rows) == 0 {
			return
		}
		tables = append(tables, &doc.Heading{Level: 2, Attr: doc.Attr{ID: "concordance-" + curCh, Classes: []string{"unnumbered"}}, Inlines: []doc.Inline{txt(e.chapterName(curCh))}},
			&doc.Table{Align: []doc.Align{doc.AlignRight, doc.AlignRight, doc.AlignLeft},
				Head: []doc.Row{{cell(txt(ed)), cell(txt("This edition")), cell(txt("Note"))}}, Body: rows})
		rows = nil
	}
	for j, o := range old {
		if o.Chapter != curCh {
			flush()
			curCh = o.Chapter
		}
		row := doc.Row{cell(txt(strconv.Itoa(o.Number)))}
		switch i, into := e.m.To[j], e.m.MergedInto[j]; {
		case i >= 0:
			var target []doc.Inline
			if e.paras[i].ch.ID != o.Chapter {
				target = append(target, txt(e.chapterName(e.paras[i].ch.ID)+", "))
			}
			target = append(target, e.link(i, strconv.Itoa(e.paras[i].p.Num)))
			for _, k := range splitOf[j] {
				target = append(target, txt(", "), e.link(k, strconv.Itoa(e.paras[k].p.Num)))
			}
			note := ""
			switch {
			case len(splitOf[j]) > 0:
				note = "split"
			case e.m.Moved[i]:
				note = "moved"
			case e.m.Kind[i] == Edited:
				note = "changed"
			case e.m.Kind[i] == Rewritten:
				note = "rewritten"
			}
			row = append(row, cell(target...), cell(txt(note)))
		case into >= 0:
			row = append(row, cell(e.link(into, strconv.Itoa(e.paras[into].p.Num))), cell(txt("merged")))
		default:
			row = append(row, cell(txt("—")), cell(txt("removed")))
		}
		rows = append(rows, row)
	}
	flush()
	blocks = append(blocks, tables...)
	var added []doc.Inline
	for i := range e.paras {
		if e.m.From[i] < 0 && e.m.Kind[i] != SplitOff {
			if len(added) > 0 {
				added = append(added, txt("; "))
			}
			added = append(added, txt(e.chapterName(e.paras[i].ch.ID)+", "), e.link(i, "para. "+strconv.Itoa(e.paras[i].p.Num)))
		}
	}
	if len(added) > 0 {
		blocks = append(blocks, &doc.Heading{Level: 2, Attr: doc.Attr{ID: "concordance-new", Classes: []string{"unnumbered"}}, Inlines: []doc.Inline{txt("New in this edition")}},
			&doc.Para{Inlines: append(added, txt("."))})
	}
	return blocks
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := ""
	for i, x := range s[:len(s)-1] {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out + " and " + s[len(s)-1]
}
