package bib

import (
	"slices"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// Inheritance between entries, done on raw fields before they are read,
// as biber does: xdata first (its fields copied as they are), then
// crossref with BibLaTeX's default rules (biblatex.def,
// \DeclareDataInheritance): a child never loses a field it has; a book's
// title becomes its chapter's booktitle, a periodical's title its
// article's journaltitle, a multi-volume work's title the volume's
// maintitle; identifying fields (ids, crossref, shorttitle, ...) are not
// inherited. Classic BibTeX files, where a @book is the parent of an
// @incollection, are read the same way: the brief's "a chapter inherits
// its book" is what their authors mean.

// resolveInheritance applies xdata and crossref to every entry. Parents
// are looked up among the file's entries: a parent in another file is not
// seen (each file is read on its own).
func (sc *bibScanner) resolveInheritance() {
	byKey := map[string]*rawEntry{}
	for _, e := range sc.entries {
		if e.key != "" && !e.invalid {
			if _, dup := byKey[e.key]; !dup {
				byKey[e.key] = e
			}
		}
	}
	done := map[*rawEntry]bool{}
	xdone := map[*rawEntry]bool{}
	for _, x := range sortedXdata(sc.xdata) {
		sc.applyXdata(x, xdone, map[*rawEntry]bool{})
	}
	for _, e := range sc.entries {
		sc.applyXdata(e, xdone, map[*rawEntry]bool{})
	}
	for _, e := range sc.entries {
		sc.applyCrossref(e, byKey, done, map[*rawEntry]bool{})
	}
}

func sortedXdata(m map[string]*rawEntry) []*rawEntry {
	out := make([]*rawEntry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	// Map order must not reach diagnostics: order by place in the file.
	slices.SortFunc(out, func(a, b *rawEntry) int { return a.start - b.start })
	return out
}

// keyRef is a key named in a list field (xdata = {a, b}) and its place.
type keyRef struct {
	key string
	off int
}

// keyList splits a comma-separated list of keys in a field.
func keyList(fl *rawField) []keyRef {
	var out []keyRef
	raw := fl.val.raw()
	start := 0
	for i := 0; i <= len(raw); i++ {
		if i == len(raw) || raw[i] == ',' {
			part := raw[start:i]
			lead := len(part) - len(strings.TrimLeft(part, " \t\r\n"))
			if k := strings.TrimSpace(part); k != "" {
				out = append(out, keyRef{k, fl.val.fileOff(start + lead)})
			}
			start = i + 1
		}
	}
	return out
}

// applyXdata copies the fields of the @xdata entries e names. done marks
// entries already resolved; visiting those on the current path, so that a
// cycle is reported and a shared @xdata is not.
func (sc *bibScanner) applyXdata(e *rawEntry, done, visiting map[*rawEntry]bool) {
	fl := e.field("xdata")
	if fl == nil || done[e] {
		return
	}
	visiting[e] = true
	defer func() {
		delete(visiting, e)
		done[e] = true
	}()
	for _, k := range keyList(fl) {
		x, ok := sc.xdata[k.key]
		if !ok {
			d := sc.ds.Warnf(sc.f.At(k.off), "bibtex-xdata", "no @xdata entry %q in this file", k.key)
			if s := source.SuggestKey(k.key, sc.xdata); s != "" {
				d.WithHint("did you mean %q?", s)
			}
			continue
		}
		if visiting[x] {
			sc.ds.Warnf(sc.f.At(k.off), "bibtex-xdata", "@xdata %q refers back to itself", k.key)
			continue
		}
		sc.applyXdata(x, done, visiting)
		for _, xf := range x.fields {
			if xf.name == "xdata" || xf.name == "ids" || e.field(xf.name) != nil {
				continue
			}
			e.fields = append(e.fields, xf)
		}
	}
}

func (sc *bibScanner) applyCrossref(e *rawEntry, byKey map[string]*rawEntry, done, visiting map[*rawEntry]bool) {
	if done[e] {
		return
	}
	fl := e.field("crossref")
	if fl == nil {
		done[e] = true
		return
	}
	key := strings.TrimSpace(fl.val.raw())
	parent, ok := byKey[key]
	if !ok {
		// BibTeX matches a crossref's key without regard to case
		// (xampl.bib's "WHOLE-JOURNAL" is whole-journal); biber does
		// too. An exact match wins; a case-insensitive one is taken
		// when it is the only one.
		parent, ok = foldedKey(key, byKey)
	}
	if !ok {
		d := sc.ds.Warnf(sc.f.At(fl.val.contentStart()), "bibtex-crossref", "crossref %q: no entry with that key in this file", key)
		if s := source.SuggestKey(key, byKey); s != "" {
			d.WithHint("did you mean %q?", s)
		} else {
			d.WithHint("the parent entry must be in the same .bib file")
		}
		done[e] = true
		return
	}
	if visiting[e] || parent == e {
		sc.ds.Warnf(sc.f.At(fl.val.contentStart()), "bibtex-crossref", "crossref %q leads back to @%s{%s", key, e.typ, e.key)
		done[e] = true
		return
	}
	visiting[e] = true
	sc.applyCrossref(parent, byKey, done, visiting)
	// Renamed fields first: a parent's title is its chapter's booktitle
	// even when the parent also has a booktitle of its own.
	for _, renamed := range []bool{true, false} {
		for _, pf := range parent.fields {
			targets := inheritTargets(parent.typ, e.typ, pf.name)
			if (len(targets) != 1 || targets[0] != pf.name) != renamed {
				continue
			}
			for _, target := range targets {
				if e.field(target) == nil {
					f := pf
					f.name = target
					e.fields = append(e.fields, f)
				}
			}
		}
	}
	done[e] = true
}

// inheritTargets names the child fields a parent's field fills.
func inheritTargets(parent, child, field string) []string {
	switch field {
	case "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label",
		"options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype",
		"shorthand", "shorthandintro", "sortkey", "sortname", "sorttitle", "indextitle",
		"indexsorttitle":
		return nil
	}
	multiVolume := parent == "mvbook" || parent == "mvcollection" || parent == "mvreference" || parent == "mvproceedings"
	bookLike := parent == "book" || parent == "collection" || parent == "reference" || parent == "proceedings"
	childIn := isInType(child)
	switch {
	case multiVolume && (childIn || child == "book" || child == "collection" || child == "reference" || child == "proceedings"):
		if t, ok := renameTitle(field, "main"); ok {
			return t
		}
	case bookLike && childIn:
		if t, ok := renameTitle(field, "book"); ok {
			return t
		}
	case parent == "periodical" && (child == "article" || child == "suppperiodical"):
		if t, ok := renameTitle(field, "journal"); ok {
			return t
		}
	}
	if field == "author" && (parent == "book" || parent == "mvbook") &&
		(child == "inbook" || child == "bookinbook" || child == "suppbook") {
		return []string{"author", "bookauthor"}
	}
	return []string{field}
}

// renameTitle maps title fields to the prefixed names a child gets
// (booktitle, maintitle, journaltitle); the short forms stay with the
// parent.
func renameTitle(field, prefix string) ([]string, bool) {
	switch field {
	case "title", "subtitle", "titleaddon":
		if prefix == "journal" && field == "titleaddon" {
			return nil, true
		}
		return []string{prefix + field}, true
	case "shorttitle":
		return nil, true
	}
	return nil, false
}

func isInType(t string) bool {
	switch t {
	case "inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inreference", "inproceedings", "conference":
		return true
	}
	return false
}

// foldedKey finds the one entry whose key equals key without regard to
// case.
func foldedKey(key string, byKey map[string]*rawEntry) (*rawEntry, bool) {
	var found *rawEntry
	for k, e := range byKey {
		if strings.EqualFold(k, key) {
			if found != nil {
				return nil, false
			}
			found = e
		}
	}
	return found, found != nil
}
