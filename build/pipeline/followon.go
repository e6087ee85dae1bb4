package pipeline

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/normpress/normpress/build/project"
	"github.com/normpress/normpress/build/source"
)

// A chapter file that cannot be read takes its labels with it, so every
// cross-reference to them, in any publication, fails, and so does every
// paragraph of the last edition it held: deleting commentary/13b.md gave
// one true error and 15 unknown-label errors and 20 vanished-paragraph
// warnings that all say the same thing. quietFollowOns reports the fault
// once, where it is: those follow-on diagnostics are dropped and counted
// in the missing file's hint.
//
// Which labels a missing chapter held cannot be known; by the labelling
// convention the README gives (kind:chapter-name, "sec:13b-scope",
// "para:13b-attribution"), a label whose name is the chapter's id or
// begins with it and a hyphen is taken to be its. Any other unknown label
// is a fault of its own and still reported. Both kinds of diagnostic
// carry what they are about as their Subject: the label, the chapter.

func quietFollowOns(proj *project.Project, ds source.Diags) source.Diags {
	if len(proj.Unread) == 0 {
		return ds
	}
	type counts struct{ labels, paras int }
	missing := map[string]*counts{} // chapter id → what was dropped
	for p := range proj.Unread {
		missing[strings.TrimSuffix(path.Base(p), ".md")] = &counts{}
	}
	owner := func(name string) *counts {
		for id, c := range missing {
			if name == id || strings.HasPrefix(name, id+"-") {
				return c
			}
		}
		return nil
	}
	out := make(source.Diags, 0, len(ds))
	for _, d := range ds {
		switch d.Code {
		case "unknown-label":
			if _, name, ok := strings.Cut(d.Subject, ":"); ok {
				if c := owner(name); c != nil {
					c.labels++
					continue
				}
			}
		case "paragraph-vanished":
			if c := missing[d.Subject]; c != nil && d.Subject != "" {
				c.paras++
				continue
			}
		}
		out = append(out, d)
	}
	for i := range out {
		d := &out[i]
		if d.Sev != source.Error || !slices.Contains([]string{"missing-file", "read-error", "not-a-file", "bad-path"}, d.Code) {
			continue
		}
		for p, span := range proj.Unread {
			c := missing[strings.TrimSuffix(path.Base(p), ".md")]
			if span != d.Span || c == nil || c.labels+c.paras == 0 {
				continue
			}
			var what []string
			if c.labels > 0 {
				what = append(what, plural(c.labels, "cross-reference to its labels", "cross-references to its labels"))
			}
			if c.paras > 0 {
				what = append(what, plural(c.paras, "paragraph of the last edition", "paragraphs of the last edition"))
			}
			note := fmt.Sprintf("while it is missing, %s are not reported one by one", strings.Join(what, " and "))
			if d.Hint != "" {
				d.Hint += "\n" + note
			} else {
				d.Hint = note
			}
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
