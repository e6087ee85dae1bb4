package docx_test

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/docx"
)

// reviewer edits a DOCX as Word does when a reviewer comments and tracks
// changes: word/comments.xml with its relationship and content type,
// comment ranges and references in the text, w:ins and w:del around runs.
type reviewer struct {
	t        *testing.T
	files    map[string][]byte
	m        docx.Map
	comments []string
	nextID   int
}

func newReviewer(t *testing.T, data []byte) *reviewer {
	r := &reviewer{t: t, files: unzip(t, data), nextID: 100}
	if err := xml.Unmarshal(r.files["customXml/item1.xml"], &r.m); err != nil {
		t.Fatal(err)
	}
	return r
}

// bookmark finds the source map's bookmark for a paragraph.
func (r *reviewer) bookmark(chapter string, para int, kind string, nth int) string {
	for _, e := range r.m.Entries {
		if e.Chapter == chapter && e.Para == para && (kind == "" || e.Kind == kind) {
			if nth == 0 {
				return e.Bookmark
			}
			nth--
		}
	}
	r.t.Fatalf("no bookmark for %s para %d %s", chapter, para, kind)
	return ""
}

// para returns the part and the byte range of the paragraph holding a
// bookmark.
func (r *reviewer) para(bm string) (part string, start, end int) {
	for _, part := range []string{"word/document.xml", "word/footnotes.xml"} {
		x := string(r.files[part])
		i := strings.Index(x, `w:name="`+bm+`"`)
		if i < 0 {
			continue
		}
		start = strings.LastIndex(x[:i], "<w:p>")
		end = i + strings.Index(x[i:], "</w:p>") + len("</w:p>")
		return part, start, end
	}
	r.t.Fatalf("bookmark %s not in the document", bm)
	return "", 0, 0
}

func (r *reviewer) edit(part string, start, end int, f func(string) string) {
	x := string(r.files[part])
	r.files[part] = []byte(x[:start] + f(x[start:end]) + x[end:])
}

func (r *reviewer) id() string { r.nextID++; return fmt.Sprint(r.nextID) }

// comment attaches a comment to the whole paragraph; before puts the range
// start before the paragraph's own bookmarks, as Word may.
func (r *reviewer) comment(bm, author, text string, before bool) {
	id := fmt.Sprint(len(r.comments))
	r.comments = append(r.comments, `<w:comment w:id="`+id+`" w:author="`+author+`" w:date="2027-01-10T09:00:00Z" w:initials="R"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:annotationRef/></w:r><w:r><w:t>`+text+`</w:t></w:r></w:p></w:comment>`)
	part, s, e := r.para(bm)
	r.edit(part, s, e, func(p string) string {
		startTag := `<w:commentRangeStart w:id="` + id + `"/>`
		if before {
			p = strings.Replace(p, "</w:pPr>", "</w:pPr>"+startTag, 1)
		} else {
			p = strings.Replace(p, `w:name="`+bm+`"/>`, `w:name="`+bm+`"/>`+startTag, 1)
		}
		return strings.TrimSuffix(p, "</w:p>") + `<w:commentRangeEnd w:id="` + id + `"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="` + id + `"/></w:r></w:p>`
	})
}

func (r *reviewer) insert(bm, author, text string) {
	part, s, e := r.para(bm)
	r.edit(part, s, e, func(p string) string {
		return strings.Replace(p, `w:name="`+bm+`"/>`, `w:name="`+bm+`"/><w:ins w:id="`+r.id()+`" w:author="`+author+`" w:date="2027-01-11T10:00:00Z"><w:r><w:t xml:space="preserve">`+text+`</w:t></w:r></w:ins>`, 1)
	})
}

var runRE = regexp.MustCompile(`<w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t xml:space="preserve">[^<]*</w:t></w:r>`)

// deleteRun deletes the n-th text run of a paragraph, tracked; it returns
// the deleted text.
func (r *reviewer) deleteRun(bm, author string, n int) string {
	part, s, e := r.para(bm)
	var deleted string
	r.edit(part, s, e, func(p string) string {
		locs := runRE.FindAllStringIndex(p, -1)
		if n >= len(locs) {
			r.t.Fatalf("paragraph %s has %d runs", bm, len(locs))
		}
		run := p[locs[n][0]:locs[n][1]]
		deleted = run[strings.Index(run, `preserve">`)+len(`preserve">`) : strings.Index(run, "</w:t>")]
		run = strings.ReplaceAll(strings.ReplaceAll(run, "<w:t ", "<w:delText "), "</w:t>", "</w:delText>")
		return p[:locs[n][0]] + `<w:del w:id="` + r.id() + `" w:author="` + author + `" w:date="2027-01-12T11:00:00Z">` + run + `</w:del>` + p[locs[n][1]:]
	})
	return deleted
}

// deletePara deletes a whole paragraph, tracked: every run and the mark.
func (r *reviewer) deletePara(bm, author string) {
	part, s, e := r.para(bm)
	r.edit(part, s, e, func(p string) string {
		p = runRE.ReplaceAllStringFunc(p, func(run string) string {
			run = strings.ReplaceAll(strings.ReplaceAll(run, "<w:t ", "<w:delText "), "</w:t>", "</w:delText>")
			return `<w:del w:id="` + r.id() + `" w:author="` + author + `" w:date="2027-01-12T11:00:00Z">` + run + `</w:del>`
		})
		return strings.Replace(p, "</w:pPr>", `<w:rPr><w:del w:id="`+r.id()+`" w:author="`+author+`" w:date="2027-01-12T11:00:00Z"/></w:rPr></w:pPr>`, 1)
	})
}

// addPara inserts a new paragraph, tracked, after the one holding bm.
func (r *reviewer) addPara(bm, author, text string) {
	part, s, e := r.para(bm)
	r.edit(part, s, e, func(p string) string {
		return p + `<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:rPr><w:ins w:id="` + r.id() + `" w:author="` + author + `" w:date="2027-01-13T12:00:00Z"/></w:rPr></w:pPr><w:ins w:id="` + r.id() + `" w:author="` + author + `" w:date="2027-01-13T12:00:00Z"><w:r><w:t>` + text + `</w:t></w:r></w:ins></w:p>`
	})
}

// removePara deletes a paragraph without tracking.
func (r *reviewer) removePara(bm string) {
	part, s, e := r.para(bm)
	r.edit(part, s, e, func(string) string { return "" })
}

func (r *reviewer) bytes() []byte {
	if len(r.comments) > 0 {
		r.files["word/comments.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + strings.Join(r.comments, "") + `</w:comments>`)
		rels := string(r.files["word/_rels/document.xml.rels"])
		r.files["word/_rels/document.xml.rels"] = []byte(strings.Replace(rels, "</Relationships>", `<Relationship Id="rId9999" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>`, 1))
		ct := string(r.files["[Content_Types].xml"])
		r.files["[Content_Types].xml"] = []byte(strings.Replace(ct, "</Types>", `<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>`, 1))
	}
	return rezip(r.t, r.files)
}

// modelPara finds a numbered paragraph in the model.
func modelPara(t *testing.T, pub *doc.Publication, chapter string, num int) (*doc.Chapter, *doc.Para) {
	for _, ch := range pub.Chapters {
		if ch.ID != chapter {
			continue
		}
		for _, b := range ch.Blocks {
			if p, ok := b.(*doc.Para); ok && p.Num == num {
				return ch, p
			}
		}
	}
	t.Fatalf("no para %d in %s", num, chapter)
	return nil, nil
}

// TestReviewComesBackToItsParagraph writes comments and tracked changes
// into the commentary's DOCX as Word would and reads them back: each lands
// on its paragraph, with the paragraph's source file and line.
func TestReviewComesBackToItsParagraph(t *testing.T) {
	res := example(t)
	pub := pubByID(t, res, "commentary")
	r := newReviewer(t, res.Files["commentary.docx"])

	r.comment(r.bookmark("13c", 12, "", 0), "Ada Reviewer", "Too broad: say which acts.", false)
	r.comment(r.bookmark("13c", 3, "", 0), "Ben Critic", "Cite the 2021 report here.", true)
	r.insert(r.bookmark("13c", 5, "", 0), "Ada Reviewer", "arguably ")
	deleted := r.deleteRun(r.bookmark("13a", 2, "", 0), "Ben Critic", 0)
	r.deletePara(r.bookmark("13e", 4, "", 0), "Ada Reviewer")
	r.addPara(r.bookmark("13f", 6, "", 0), "Ben Critic", "A new paragraph on hospitals.")
	// A footnote: its first paragraph's bookmark in footnotes.xml.
	var noteBM string
	var noteEntry docx.Entry
	for _, e := range r.m.Entries {
		if e.Chapter == "13b" && e.Kind == "note" && e.Note == 3 {
			noteBM, noteEntry = e.Bookmark, e
			break
		}
	}
	if noteBM == "" {
		t.Fatal("no note 3 in chapter 13b's source map")
	}
	r.comment(noteBM, "Ada Reviewer", "Wrong pinpoint.", false)

	rv, err := docx.ReadReview("review.docx", r.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Notes) > 0 {
		t.Errorf("notes on a good review: %q", rv.Notes)
	}
	want := []struct {
		kind, author, text string
		chapter            string
		para               int
		note               int
	}{
		{"comment", "Ben Critic", "Cite the 2021 report here.", "13c", 3, 0},
		{"insertion", "Ada Reviewer", "arguably", "13c", 5, 0},
		{"comment", "Ada Reviewer", "Too broad: say which acts.", "13c", 12, 0},
		{"deletion", "Ben Critic", strings.TrimSpace(deleted), "13a", 2, 0},
		{"paragraph deleted", "Ada Reviewer", "", "13e", 4, 0},
		{"paragraph inserted", "Ben Critic", "A new paragraph on hospitals.", "13f", 0, 0},
		{"comment", "Ada Reviewer", "Wrong pinpoint.", "13b", 0, 3},
	}
	for _, w := range want {
		var found *docx.Item
		for _, it := range rv.Items {
			if it.Kind == w.kind && it.Author == w.author && (w.text == "" || it.Text == w.text) && it.Loc != nil && it.Loc.Chapter == w.chapter {
				found = it
			}
		}
		if found == nil {
			t.Errorf("no %s by %s in %s (%q); items: %s", w.kind, w.author, w.chapter, w.text, dump(rv.Items))
			continue
		}
		l := found.Loc
		switch {
		case w.note > 0:
			if l.Note != w.note || l.File != noteEntry.File || l.Line != noteEntry.Line {
				t.Errorf("%s: on %s at %s, want note %d at %s:%d", w.text, l.Cite(), l.Source(), w.note, noteEntry.File, noteEntry.Line)
			}
		case w.para > 0:
			ch, p := modelPara(t, pub, w.chapter, w.para)
			pos := p.Span.Position()
			if l.Para != w.para || l.File != p.Span.File.Name || l.Line != pos.Line {
				t.Errorf("%s %q: on %s at %s, want para. %d at %s:%d", w.kind, w.text, l.Cite(), l.Source(), w.para, p.Span.File.Name, pos.Line)
			}
			if l.ChapterLabel != "Commentary "+ch.Norm.Label {
				t.Errorf("chapter label %q", l.ChapterLabel)
			}
			if w.kind == "paragraph deleted" && !strings.HasPrefix(found.Text, fmt.Sprint(w.para)+" "+strings.Fields(doc.PlainText(p.Inlines))[0]) {
				t.Errorf("the deleted paragraph's text is %q", found.Text)
			}
		default: // the inserted paragraph: after para. 6
			if l.Para != 6 {
				t.Errorf("inserted paragraph placed on %s, want after para. 6", l.Cite())
			}
		}
	}
	if n := len(rv.Items); n != len(want) {
		t.Errorf("%d items, want %d: %s", n, len(want), dump(rv.Items))
	}
	for _, it := range rv.Items {
		if it.Kind == "comment" && it.Text == "Too broad: say which acts." {
			_, p := modelPara(t, pub, "13c", 12)
			if first := "12 " + strings.Fields(doc.PlainText(p.Inlines))[0]; !strings.HasPrefix(it.Quote, first) {
				t.Errorf("the comment's quoted text %q does not start with the paragraph's %q", it.Quote, first)
			}
		}
	}
}

func dump(items []*docx.Item) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "\n  %s by %s: %q on %s (%s)", it.Kind, it.Author, it.Text, it.Loc.Cite(), it.Loc.Source())
	}
	return b.String()
}

// TestReviewOfForeignAndDamagedFiles: a Word file not made by normpress is
// read with a clear note; an untracked deletion of a numbered paragraph is
// reported; what is not a Word file at all is an error, never a panic.
func TestReviewOfForeignAndDamagedFiles(t *testing.T) {
	res := example(t)
	r := newReviewer(t, res.Files["commentary.docx"])
	r.comment(r.bookmark("13c", 12, "", 0), "Ada", "A comment.", false)
	r.removePara(r.bookmark("13d", 7, "", 0))
	rv, err := docx.ReadReview("r.docx", r.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Notes) != 1 || !strings.Contains(rv.Notes[0], "Commentary 13(d), para. 7") {
		t.Errorf("untracked deletion: notes %q", rv.Notes)
	}

	foreign := newReviewer(t, res.Files["guidelines.docx"])
	delete(foreign.files, "customXml/item1.xml")
	foreign.comment(foreign.bookmark("13c", 0, "paragraph", 0), "Ada", "Foreign comment.", false)
	rv, err = docx.ReadReview("foreign.docx", foreign.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Notes) != 1 || !strings.Contains(rv.Notes[0], "not made by normpress") {
		t.Errorf("foreign file: notes %q", rv.Notes)
	}
	if len(rv.Items) != 1 || rv.Items[0].Loc != nil || rv.Items[0].Para == "" || rv.Items[0].Text != "Foreign comment." {
		t.Errorf("foreign file: items %+v", rv.Items)
	}

	for name, data := range map[string][]byte{
		"empty":   nil,
		"text":    []byte("this is not a zip"),
		"no body": rezip(t, map[string][]byte{"a.txt": []byte("x")}),
		"bad xml": rezip(t, map[string][]byte{"word/document.xml": []byte("<w:document><w:body><w:p>")}),
	} {
		if _, err := docx.ReadReview(name+".docx", data); err == nil || !strings.Contains(err.Error(), name+".docx") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}
