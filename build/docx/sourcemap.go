package docx

import (
	"encoding/xml"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
)

// The source map is how comments find their way back. Every paragraph the
// writer makes is wrapped in a hidden bookmark ("_NP12"; Word hides
// bookmarks whose names start with an underscore), and customXml/item1.xml
// lists what each bookmark stands for. Word and LibreOffice keep custom XML
// parts and bookmarks through editing, commenting and tracked changes.

// MapNamespace names the custom XML part that holds the source map.
const MapNamespace = "urn:x-normpress:review:1"

// Map is the source map of one DOCX.
type Map struct {
	XMLName   xml.Name       `xml:"urn:x-normpress:review:1 map"`
	Pub       string         `xml:"pub,attr"`
	Title     string         `xml:"title,attr"`
	Short     string         `xml:"short,attr,omitempty"`
	Generator string         `xml:"generator,attr,omitempty"`
	Chapters  []ChapterEntry `xml:"chapter"`
	Entries   []Entry        `xml:"p"`
}

// ChapterEntry describes a chapter of the mapped publication.
type ChapterEntry struct {
	ID     string `xml:"id,attr"`
	Title  string `xml:"title,attr"`
	Label  string `xml:"label,attr"` // how a comment names it: "Commentary 13(c)"
	File   string `xml:"file,attr,omitempty"`
	Status string `xml:"status,attr,omitempty"`
}

// Entry is what one written paragraph stands for.
type Entry struct {
	Bookmark string `xml:"b,attr"`
	Chapter  string `xml:"ch,attr,omitempty"` // chapter id; "" on the title page
	Kind     string `xml:"kind,attr"`         // paragraph, heading, note, table, …
	Para     int    `xml:"para,attr,omitempty"`
	After    int    `xml:"after,attr,omitempty"` // the last numbered paragraph before it
	Note     int    `xml:"note,attr,omitempty"`
	File     string `xml:"file,attr,omitempty"`
	Line     int    `xml:"line,attr,omitempty"`
	Col      int    `xml:"col,attr,omitempty"`
	Text     string `xml:"text,attr,omitempty"` // its first words
}

// ChapterLabel is how a reviewer's comment names a chapter: "Commentary
// 13(c)" for a norm chapter, as paragraphs are cited ("Commentary 13(c),
// para. 12").
func ChapterLabel(pub *doc.Publication, ch *doc.Chapter) string { return pub.ChapterLabel(ch) }

func (w *writer) entry(sp source.Span, kind string, num int) Entry {
	e := Entry{Chapter: w.chapterID(), Kind: kind, Para: num, After: w.lastNum}
	if num > 0 {
		e.After = 0
	}
	if w.inNote > 0 {
		e.Note = w.inNote
	}
	if !sp.IsZero() {
		pos := sp.Position()
		e.File, e.Line, e.Col = sp.File.Name, pos.Line, pos.Col
	}
	return e
}

type openMark struct {
	id    string
	b     *strings.Builder
	start int
	entry int
}

func (w *writer) smapStart() {
	w.bookmark++
	id := strconv.Itoa(w.bookmark)
	e := w.ctx
	e.Bookmark = "_NP" + strconv.Itoa(len(w.smap)+1)
	w.smap = append(w.smap, e)
	w.out.WriteString(`<w:bookmarkStart w:id="` + id + `" w:name="` + e.Bookmark + `"/>`)
	w.open = append(w.open, openMark{id, w.out, w.out.Len(), len(w.smap) - 1})
}

func (w *writer) smapEnd() {
	m := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	if w.smap[m.entry].Text == "" {
		w.smap[m.entry].Text = excerpt(m.b.String()[m.start:], 80)
	}
	w.out.WriteString(`<w:bookmarkEnd w:id="` + m.id + `"/>`)
}

// excerpt takes the first characters of the text runs of paragraph XML.
func excerpt(x string, n int) string {
	var b strings.Builder
	const open = `<w:t xml:space="preserve">`
	for b.Len() < 4*n {
		i := strings.Index(x, open)
		if i < 0 {
			break
		}
		if t := strings.Index(x[:i], "<w:tab/>"); t >= 0 {
			b.WriteByte(' ')
		}
		x = x[i+len(open):]
		j := strings.Index(x, "</w:t>")
		if j < 0 {
			break
		}
		b.WriteString(x[:j])
		x = x[j:]
	}
	s := strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
	if utf8.RuneCountInString(s) > n {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:n])) + "…"
	}
	return s
}

func (w *writer) mapXML() []byte {
	m := Map{Pub: w.pub.ID, Title: w.pub.Title, Short: w.pub.Short, Generator: w.opts.Producer, Entries: w.smap}
	for _, ch := range w.pub.Chapters {
		ce := ChapterEntry{ID: ch.ID, Title: ch.PlainTitle(), Label: ChapterLabel(w.pub, ch), Status: ch.Status}
		if !ch.Span.IsZero() {
			ce.File = ch.Span.File.Name
		}
		m.Chapters = append(m.Chapters, ce)
	}
	out, err := xml.Marshal(m)
	if err != nil {
		w.diags.Errorf(source.Span{}, "docx", "source map: %v", err)
	}
	return append([]byte(xml.Header), out...)
}
