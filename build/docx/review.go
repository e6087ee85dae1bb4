package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// A Review is what a reviewer sent back: the comments and tracked changes
// of one DOCX file, each placed on the paragraph it sits on.
type Review struct {
	File  string // the file's name, as given
	Map   *Map   // nil when the file was not made by normpress
	Items []*Item
	// Notes are messages about the file as a whole: not from normpress,
	// paragraphs missing.
	Notes []string
}

// Item is one comment or tracked change.
type Item struct {
	Kind   string `json:"kind"` // comment, insertion, deletion, paragraph deleted, paragraph inserted, missing
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
	Text   string `json:"text"`            // the comment, or the inserted or deleted text
	Quote  string `json:"quote,omitempty"` // the text a comment is attached to
	// Where it is. Loc is nil for a file not made by normpress; Para is
	// then the text of the paragraph.
	Loc  *Location `json:"location,omitempty"`
	Para string    `json:"paragraph_text,omitempty"`
	// InNote is set for items inside a footnote.
	InNote bool `json:"in_note,omitempty"`
	// bookmark orders items by paragraph in the digest.
	order int
}

// Location is a paragraph of a publication and its source.
type Location struct {
	Pub          string `json:"publication"`
	Chapter      string `json:"chapter,omitempty"`
	ChapterTitle string `json:"chapter_title,omitempty"`
	ChapterLabel string `json:"chapter_label,omitempty"` // "Commentary 13(c)"
	Kind         string `json:"block"`                   // paragraph, heading, note, …
	Para         int    `json:"paragraph,omitempty"`
	After        int    `json:"after_paragraph,omitempty"`
	Note         int    `json:"note,omitempty"`
	File         string `json:"file,omitempty"`
	Line         int    `json:"line,omitempty"`
	Col          int    `json:"column,omitempty"`
	Excerpt      string `json:"excerpt,omitempty"`
	Bookmark     string `json:"-"`
}

// Cite says where a location is, as a reader cites it: "Commentary 13(c),
// para. 12", "Commentary 13(c), note 4 (after para. 11)".
func (l *Location) Cite() string {
	if l == nil {
		return "unknown place"
	}
	s := l.ChapterLabel
	if s == "" {
		s = "title page"
	}
	switch {
	case l.Note > 0:
		s += ", note " + strconv.Itoa(l.Note)
	case l.Para > 0:
		s += ", para. " + strconv.Itoa(l.Para)
	case l.Kind == "paragraph" && l.After > 0:
		s += ", paragraph after para. " + strconv.Itoa(l.After)
	case l.Kind != "" && l.Kind != "title page" && l.After > 0:
		s += ", " + l.Kind + " after para. " + strconv.Itoa(l.After)
	case l.Kind != "" && l.Kind != "title page":
		s += ", " + l.Kind
	}
	return s
}

// Source is file:line:col, or "" when the place has no source file (a
// generated chapter, the title page).
func (l *Location) Source() string {
	if l == nil || l.File == "" {
		return ""
	}
	return l.File + ":" + strconv.Itoa(l.Line) + ":" + strconv.Itoa(l.Col)
}

// maxPart bounds what is read of one part, so a crafted file cannot make
// the reader allocate without limit.
const maxPart = 256 << 20

// ReadReview reads a reviewed DOCX. It fails only when the file is not a
// Word document at all; a Word document not made by normpress is read,
// with a note, and its items carry their paragraph's text instead of a
// source position.
func ReadReview(name string, data []byte) (*Review, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s is not a Word document (.docx): %v", name, err)
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	read := func(p string) ([]byte, error) {
		f := parts[p]
		if f == nil {
			return nil, nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
		if err != nil {
			return nil, err
		}
		if len(b) > maxPart {
			return nil, fmt.Errorf("%s is larger than %d MB", p, maxPart>>20)
		}
		return b, nil
	}
	main := "word/document.xml"
	if rels, _ := read("_rels/.rels"); rels != nil {
		var rs struct {
			Rels []struct {
				Type   string `xml:",attr"`
				Target string `xml:",attr"`
			} `xml:"Relationship"`
		}
		if xml.Unmarshal(rels, &rs) == nil {
			for _, r := range rs.Rels {
				if strings.HasSuffix(r.Type, "/officeDocument") {
					main = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
				}
			}
		}
	}
	docXML, err := read(main)
	if err != nil || docXML == nil {
		return nil, fmt.Errorf("%s is not a Word document: it has no readable %s", name, main)
	}
	rv := &Review{File: name}
	dir := path.Dir(main)
	relsOf := func(part string) map[string]string {
		b, _ := read(path.Join(path.Dir(part), "_rels", path.Base(part)+".rels"))
		var rs struct {
			Rels []struct {
				ID     string `xml:"Id,attr"`
				Type   string `xml:",attr"`
				Target string `xml:",attr"`
			} `xml:"Relationship"`
		}
		m := map[string]string{}
		if b != nil && xml.Unmarshal(b, &rs) == nil {
			for _, r := range rs.Rels {
				m[path.Base(r.Type)] = strings.TrimPrefix(path.Clean(path.Join(path.Dir(part), r.Target)), "/")
				if strings.HasPrefix(r.Target, "/") {
					m[path.Base(r.Type)] = strings.TrimPrefix(r.Target, "/")
				}
			}
		}
		return m
	}
	rels := relsOf(main)

	// The source map: any custom XML part in our namespace.
	for p := range parts {
		if !strings.HasPrefix(p, "customXml/") || !strings.HasSuffix(p, ".xml") || strings.Contains(p, "/_rels/") {
			continue
		}
		b, err := read(p)
		if err != nil || !bytes.Contains(b, []byte(MapNamespace)) {
			continue
		}
		var m Map
		if xml.Unmarshal(b, &m) == nil && m.Pub != "" {
			rv.Map = &m
			break
		}
	}
	if rv.Map == nil {
		rv.Notes = append(rv.Notes, name+" was not made by normpress (it has no normpress source map), so its comments and changes are listed with the text of their paragraphs but without publication, paragraph number or source line")
	}

	comments := map[string]*comment{}
	cpath := rels["comments"]
	if cpath == "" {
		cpath = path.Join(dir, "comments.xml")
	}
	if b, _ := read(cpath); b != nil {
		comments = readComments(b)
	}

	w := newWalker(rv, comments)
	if err := w.walk(docXML, false); err != nil {
		return nil, fmt.Errorf("%s: %s is not well-formed XML: %v", name, main, err)
	}
	fpath := rels["footnotes"]
	if fpath == "" {
		fpath = path.Join(dir, "footnotes.xml")
	}
	if b, _ := read(fpath); b != nil {
		if err := w.walk(b, true); err != nil {
			rv.Notes = append(rv.Notes, fmt.Sprintf("the footnotes of %s could not be read (%v); comments in footnotes are left out", name, err))
		}
	}
	w.finish()
	return rv, nil
}

type comment struct {
	id, author, date, text string
}

func readComments(b []byte) map[string]*comment {
	out := map[string]*comment{}
	d := xml.NewDecoder(bytes.NewReader(b))
	var cur *comment
	var text strings.Builder
	paras := 0
	inT := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "comment":
				cur = &comment{id: attrOf(t, "id"), author: attrOf(t, "author"), date: attrOf(t, "date")}
				text.Reset()
				paras = 0
			case "p":
				if cur != nil && paras > 0 {
					text.WriteString("\n")
				}
				paras++
			case "t":
				inT = true
			case "tab":
				text.WriteString("\t")
			case "br":
				text.WriteString("\n")
			}
		case xml.CharData:
			if cur != nil && inT {
				text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "t" {
				inT = false
			}
			if t.Name.Local == "comment" && cur != nil {
				cur.text = strings.TrimSpace(text.String())
				out[cur.id] = cur
				cur = nil
			}
		}
	}
	return out
}

func attrOf(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// walker goes through the document (and then the footnotes) in order,
// paragraph by paragraph, and places what it meets.
type walker struct {
	rv       *Review
	comments map[string]*comment
	entries  map[string]*Entry
	chapters map[string]*ChapterEntry
	seen     map[string]bool // _NP bookmarks present

	inNote  bool
	para    *paraState // the paragraph being read
	pending []string   // comment ranges opened between paragraphs
	last    string     // the last mapped bookmark, for paragraphs a reviewer added
	order   int
	placed  map[string]bool // comments already placed
	open    map[string]*strings.Builder
	quotes  map[string]*strings.Builder
	ranges  map[string]*paraState
	textEl  string // local name of the text element we are in: t, delText, instrText
	insDel  []changeCtx
	skip    int // depth inside elements whose text is not document text
	ppr     int // inside w:pPr
	pprRPr  int // inside w:pPr/w:rPr: the paragraph mark's properties
}

type changeCtx struct {
	kind, author, date string
}

type paraState struct {
	loc      string // first _NP bookmark in it
	text     strings.Builder
	kept     int // characters not deleted
	markDel  bool
	markIns  bool
	items    []*Item
	comments []string
	delAuth  string
	delDate  string
	insAuth  string
	insDate  string
	lastChg  *Item
}

func newWalker(rv *Review, comments map[string]*comment) *walker {
	w := &walker{rv: rv, comments: comments, entries: map[string]*Entry{}, chapters: map[string]*ChapterEntry{}, seen: map[string]bool{},
		placed: map[string]bool{}, quotes: map[string]*strings.Builder{}, ranges: map[string]*paraState{}}
	if rv.Map != nil {
		for i := range rv.Map.Entries {
			e := &rv.Map.Entries[i]
			w.entries[e.Bookmark] = e
		}
		for i := range rv.Map.Chapters {
			c := &rv.Map.Chapters[i]
			w.chapters[c.ID] = c
		}
	}
	return w
}

func (w *walker) walk(b []byte, notes bool) error {
	w.inNote = notes
	w.last = ""
	d := xml.NewDecoder(bytes.NewReader(b))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > 10000 {
				return errors.New("elements nested too deeply")
			}
			w.start(t)
		case xml.EndElement:
			depth--
			w.end(t)
		case xml.CharData:
			w.chars(string(t))
		}
	}
}

func (w *walker) start(t xml.StartElement) {
	switch t.Name.Local {
	case "p":
		if w.para != nil {
			// A paragraph inside a paragraph (a text box): read it as part
			// of the outer one.
			return
		}
		w.para = &paraState{}
		for _, id := range w.pending {
			w.openComment(id)
		}
		w.pending = nil
	case "bookmarkStart":
		n := attrOf(t, "name")
		if strings.HasPrefix(n, "_NP") {
			w.seen[n] = true
			if w.para != nil && w.para.loc == "" {
				w.para.loc = n
			}
		}
	case "commentRangeStart":
		id := attrOf(t, "id")
		if w.para == nil {
			w.pending = append(w.pending, id)
			return
		}
		w.openComment(id)
	case "commentRangeEnd":
		id := attrOf(t, "id")
		delete(w.open, id)
	case "commentReference":
		id := attrOf(t, "id")
		if w.para != nil && !w.placed[id] {
			w.openComment(id)
			delete(w.open, id)
		}
	case "ins", "moveTo":
		w.insDel = append(w.insDel, changeCtx{"insertion", attrOf(t, "author"), attrOf(t, "date")})
		if w.para != nil && w.inRPrOfPPr() {
			w.para.markIns = true
			w.para.insAuth, w.para.insDate = attrOf(t, "author"), attrOf(t, "date")
		}
	case "del", "moveFrom":
		w.insDel = append(w.insDel, changeCtx{"deletion", attrOf(t, "author"), attrOf(t, "date")})
		if w.para != nil && w.inRPrOfPPr() {
			w.para.markDel = true
			w.para.delAuth, w.para.delDate = attrOf(t, "author"), attrOf(t, "date")
		}
	case "pPr":
		w.ppr++
	case "rPr":
		if w.ppr > 0 {
			w.pprRPr++
		}
	case "t", "delText":
		w.textEl = t.Name.Local
	case "tab":
		w.chars(" ")
	case "footnoteReference", "endnoteReference", "footnote", "endnote", "comment", "instrText", "delInstrText":
		// Text of fields' instructions is not document text.
		if t.Name.Local == "instrText" || t.Name.Local == "delInstrText" {
			w.skip++
		}
	}
}

func (w *walker) inRPrOfPPr() bool { return w.ppr > 0 && w.pprRPr > 0 }

func (w *walker) openComment(id string) {
	if w.placed[id] {
		return
	}
	w.placed[id] = true
	if w.open == nil {
		w.open = map[string]*strings.Builder{}
	}
	q := &strings.Builder{}
	w.open[id] = q
	w.quotes[id] = q
	w.ranges[id] = w.para
	w.para.comments = append(w.para.comments, id)
}

func (w *walker) end(t xml.EndElement) {
	switch t.Name.Local {
	case "p":
		if w.para != nil {
			w.finishPara()
		}
	case "ins", "moveTo", "del", "moveFrom":
		if len(w.insDel) > 0 {
			w.insDel = w.insDel[:len(w.insDel)-1]
		}
		if w.para != nil {
			w.para.lastChg = nil
		}
	case "pPr":
		if w.ppr > 0 {
			w.ppr--
		}
	case "rPr":
		if w.pprRPr > 0 {
			w.pprRPr--
		}
	case "t", "delText":
		w.textEl = ""
	case "instrText", "delInstrText":
		if w.skip > 0 {
			w.skip--
		}
	}
}

func (w *walker) chars(s string) {
	if w.para == nil || w.skip > 0 || (w.textEl == "" && s != " ") {
		return
	}
	p := w.para
	p.text.WriteString(s)
	for _, q := range w.open {
		q.WriteString(s)
	}
	if len(w.insDel) == 0 {
		p.kept += len(strings.TrimSpace(s))
		if strings.TrimSpace(s) != "" {
			p.lastChg = nil
		}
		return
	}
	c := w.insDel[len(w.insDel)-1]
	if c.kind == "insertion" {
		p.kept += len(strings.TrimSpace(s))
	}
	if l := p.lastChg; l != nil && l.Kind == c.kind && l.Author == c.author {
		l.Text += s
		return
	}
	it := &Item{Kind: c.kind, Author: c.author, Date: c.date, Text: s}
	p.items = append(p.items, it)
	p.lastChg = it
}

// finishPara places the paragraph's comments and changes on its location.
func (w *walker) finishPara() {
	p := w.para
	w.para = nil
	loc := p.loc
	added := false
	if loc == "" {
		loc = w.last
		added = w.rv.Map != nil
	} else {
		w.last = loc
	}
	var items []*Item
	if p.markDel && p.kept == 0 && strings.TrimSpace(p.text.String()) != "" {
		// The whole paragraph is deleted: one item, not one per run.
		items = append(items, &Item{Kind: "paragraph deleted", Author: p.delAuth, Date: p.delDate, Text: strings.TrimSpace(p.text.String())})
	} else {
		if p.markIns && added {
			items = append(items, &Item{Kind: "paragraph inserted", Author: p.insAuth, Date: p.insDate, Text: strings.TrimSpace(p.text.String())})
		} else {
			for _, it := range p.items {
				if strings.TrimSpace(it.Text) != "" {
					it.Text = strings.TrimSpace(it.Text)
					items = append(items, it)
				}
			}
		}
	}
	for _, id := range p.comments {
		c := w.comments[id]
		it := &Item{Kind: "comment", Text: "(comment text missing from the file)"}
		if c != nil {
			it.Author, it.Date, it.Text = c.author, c.date, c.text
		}
		it.Quote = id // resolved in finish, when the range has closed
		items = append(items, it)
	}
	for _, it := range items {
		w.order++
		it.order = w.order
		it.InNote = w.inNote
		it.Loc = w.location(loc)
		if it.Loc == nil || added && it.Kind != "paragraph inserted" {
			it.Para = strings.TrimSpace(p.text.String())
		}
		w.rv.Items = append(w.rv.Items, it)
	}
}

func (w *walker) location(bookmark string) *Location {
	if w.rv.Map == nil {
		return nil
	}
	e := w.entries[bookmark]
	if e == nil {
		return &Location{Pub: w.rv.Map.Pub, Kind: "title page"}
	}
	l := &Location{Pub: w.rv.Map.Pub, Chapter: e.Chapter, Kind: e.Kind, Para: e.Para, After: e.After, Note: e.Note,
		File: e.File, Line: e.Line, Col: e.Col, Excerpt: e.Text, Bookmark: e.Bookmark}
	if c := w.chapters[e.Chapter]; c != nil {
		l.ChapterTitle, l.ChapterLabel = c.Title, c.Label
	}
	return l
}

func (w *walker) finish() {
	for _, it := range w.rv.Items {
		if it.Kind == "comment" {
			if q := w.quotes[it.Quote]; q != nil {
				it.Quote = strings.Join(strings.Fields(q.String()), " ")
			} else {
				it.Quote = ""
			}
		}
	}
	if w.rv.Map == nil {
		return
	}
	var missing []string
	for _, e := range w.rv.Map.Entries {
		if e.Para > 0 && !w.seen[e.Bookmark] {
			label := e.Chapter
			if c := w.chapters[e.Chapter]; c != nil {
				label = c.Label
			}
			missing = append(missing, label+", para. "+strconv.Itoa(e.Para))
		}
	}
	if len(missing) > 0 {
		const show = 10
		more := ""
		if len(missing) > show {
			more = fmt.Sprintf(" and %d more", len(missing)-show)
			missing = missing[:show]
		}
		w.rv.Notes = append(w.rv.Notes, fmt.Sprintf("%s lacks %s%s: deleted without tracking changes, or the file is an excerpt", w.rv.File, strings.Join(missing, "; "), more))
	}
}
