package edition

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
)

// change is one line of the changes chapter.
type change struct {
	order   int // the new number, or where the old one stood
	inlines []doc.Inline
	diff    []doc.Inline // word-level marks, for substantive changes
}

func txt(s string) doc.Inline { return &doc.Text{Value: s} }

// say is a term's sentence with its {placeholders} filled: a string
// argument is text, a []doc.Inline (a link) is put in as it is. A
// placeholder without an argument is left as written.
func say(t *doc.Terms, k doc.Term, args map[string]any) []doc.Inline {
	s := t.Get(k)
	var out []doc.Inline
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, txt(text.String()))
			text.Reset()
		}
	}
	for s != "" {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}') + max(i, 0)
		if i < 0 || j < i {
			text.WriteString(s)
			break
		}
		text.WriteString(s[:i])
		switch v := args[s[i+1:j]].(type) {
		case string:
			text.WriteString(v)
		case []doc.Inline:
			flush()
			out = append(out, v...)
		default:
			text.WriteString(s[i : j+1])
		}
		s = s[j+1:]
	}
	flush()
	return out
}

// sayText is say for a sentence without links.
func sayText(t *doc.Terms, k doc.Term, args map[string]any) string {
	return doc.PlainText(say(t, k, args))
}

// edName is the released edition's name as the sentences put it for
// {edition}: lower-cased in English ("the first edition"), as written in
// the other languages, which name it in brackets ("Première édition") or
// say "the previous edition" in their own words instead.
func (e *Edition) edName() string {
	name := e.prev.Name
	if name == "" {
		return e.pub.Terms.Get(doc.TermEdPrevious)
	}
	if t := e.pub.Terms; t == nil || strings.HasPrefix(strings.ToLower(t.Lang), "en") || t.Lang == "" {
		return lowerFirst(name)
	}
	return name
}

// para is "para. 4" in the publication's words.
func (e *Edition) para(n int) string {
	return e.pub.Terms.Get(doc.TermPara) + " " + strconv.Itoa(n)
}

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
	t := e.pub.Terms
	ed := e.edName()
	byCh := map[string][]change{}
	counts := map[string]int{}
	add := func(ch string, c change, what string) {
		byCh[ch] = append(byCh[ch], c)
		counts[what]++
	}
	num := func(i int) string { return e.para(e.paras[i].p.Num) }
	link := func(i int, label string) []doc.Inline { return []doc.Inline{e.link(i, label)} }
	and := " " + t.Get(doc.TermAnd) + " "
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
			add(p.ch.ID, change{order: n, inlines: say(t, doc.TermEdSplitOff, map[string]any{"new": link(i, num(i)), "old": strconv.Itoa(o.Number), "edition": ed})}, "split")
			continue
		case j < 0:
			add(p.ch.ID, change{order: n, inlines: say(t, doc.TermEdAdded, map[string]any{"new": link(i, num(i)), "text": firstWords(e.cur[i].Text, 8)})}, "added")
			continue
		}
		o := old[j]
		var what []doc.Inline
		kind := ""
		switch {
		case e.m.Moved[i] && o.Chapter != p.ch.ID:
			what = say(t, doc.TermEdMovedFrom, map[string]any{"old": strconv.Itoa(o.Number), "chapter": e.chapterName(o.Chapter), "edition": ed, "new": link(i, num(i))})
			kind = "moved"
		case e.m.Moved[i]:
			what = say(t, doc.TermEdMoved, map[string]any{"old": strconv.Itoa(o.Number), "edition": ed, "new": link(i, num(i))})
			kind = "moved"
		}
		// A second sentence follows the first after a space.
		sentence := func(in []doc.Inline) {
			if len(what) > 0 {
				what = append(what, txt(" "))
			}
			what = append(what, in...)
		}
		if s := splits[j]; len(s) > 0 {
			into := link(i, num(i))
			for _, k := range s {
				into = append(into, txt(and), e.link(k, num(k)))
			}
			sentence(say(t, doc.TermEdSplitInto, map[string]any{"old": strconv.Itoa(o.Number), "edition": ed, "new": into}))
			kind = "split"
		}
		if ms := merged[i]; len(ms) > 0 {
			nums := strconv.Itoa(o.Number)
			for _, k := range ms {
				nums += and + strconv.Itoa(old[k].Number)
			}
			sentence(say(t, doc.TermEdMergedInto, map[string]any{"old": nums, "edition": ed, "new": link(i, num(i))}))
			kind = "merged"
		}
		var diff []doc.Inline
		switch e.m.Kind[i] {
		case Edited, Rewritten:
			if kind == "" {
				k := doc.TermEdChanged
				switch {
				case e.m.Kind[i] == Rewritten && o.Number != n:
					k = doc.TermEdRewrittenWas
				case e.m.Kind[i] == Rewritten:
					k = doc.TermEdRewritten
				case o.Number != n:
					k = doc.TermEdChangedWas
				}
				what = say(t, k, map[string]any{"new": link(i, doc.Capitalize(e.para(n))), "old": strconv.Itoa(o.Number), "edition": ed})
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
			in = say(t, doc.TermEdRenumbered, map[string]any{"old": strconv.Itoa(r.oldFrom), "edition": ed, "new": link(first, e.para(r.from))})
		} else {
			in = say(t, doc.TermEdRenumberedRun, map[string]any{"old": fmt.Sprintf("%d–%d", r.oldFrom, r.oldTo), "edition": ed,
				"new": link(first, fmt.Sprintf("%s %d–%d", t.Get(doc.TermParas), r.from, r.to))})
		}
		add(r.ch, change{order: r.from, inlines: in}, "renumbered")
	}
	for j, o := range old {
		if e.m.Removed(j) {
			add(o.Chapter, change{order: e.newPlace(j), inlines: say(t, doc.TermEdRemoved, map[string]any{"old": strconv.Itoa(o.Number), "edition": ed, "text": firstWords(o.Text, 8)})}, "removed")
		}
	}

	var intro string
	if e.prev.Date != "" {
		intro = sayText(t, doc.TermEdCompared, map[string]any{"edition": ed, "date": t.Date(e.prev.Date)})
	} else {
		intro = sayText(t, doc.TermEdComparedUndated, map[string]any{"edition": ed})
	}
	intro += " "
	var parts []string
	for _, k := range []struct {
		what string
		term doc.Term
	}{
		{"added", doc.TermEdCountAdded}, {"removed", doc.TermEdCountRemoved}, {"moved", doc.TermEdCountMoved},
		{"split", doc.TermEdCountSplit}, {"merged", doc.TermEdCountMerged}, {"changed", doc.TermEdCountChanged},
		{"renumbered", doc.TermEdCountRenumbered},
	} {
		if counts[k.what] > 0 {
			parts = append(parts, t.Count(k.term, counts[k.what]))
		}
	}
	if len(parts) == 0 {
		intro += t.Get(doc.TermEdNoChange)
	} else {
		intro += joinAnd(parts, t.Get(doc.TermAnd)) + ". " + t.Get(doc.TermEdLinksKept)
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
	t := e.pub.Terms
	ed := e.prev.Name
	if ed == "" {
		ed = doc.Capitalize(t.Get(doc.TermEdPrevious))
	}
	intro := sayText(t, doc.TermEdConcordance, map[string]any{"edition": e.edName()})
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
				Head: []doc.Row{{cell(txt(ed)), cell(txt(t.Get(doc.TermEdThisEdition))), cell(txt(t.Get(doc.TermEdRemark)))}}, Body: rows})
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
				note = t.Get(doc.TermEdNoteSplit)
			case e.m.Moved[i]:
				note = t.Get(doc.TermEdNoteMoved)
			case e.m.Kind[i] == Edited:
				note = t.Get(doc.TermEdNoteChanged)
			case e.m.Kind[i] == Rewritten:
				note = t.Get(doc.TermEdNoteRewritten)
			}
			row = append(row, cell(target...), cell(txt(note)))
		case into >= 0:
			row = append(row, cell(e.link(into, strconv.Itoa(e.paras[into].p.Num))), cell(txt(t.Get(doc.TermEdNoteMerged))))
		default:
			row = append(row, cell(txt("—")), cell(txt(t.Get(doc.TermEdNoteRemoved))))
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
			added = append(added, txt(e.chapterName(e.paras[i].ch.ID)+", "), e.link(i, e.para(e.paras[i].p.Num)))
		}
	}
	if len(added) > 0 {
		blocks = append(blocks, &doc.Heading{Level: 2, Attr: doc.Attr{ID: "concordance-new", Classes: []string{"unnumbered"}}, Inlines: []doc.Inline{txt(t.Get(doc.TermEdNewHere))}},
			&doc.Para{Inlines: append(added, txt("."))})
	}
	return blocks
}

func joinAnd(s []string, and string) string {
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
	return out + " " + and + " " + s[len(s)-1]
}
