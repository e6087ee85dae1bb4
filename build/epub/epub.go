// Package epub renders one publication as an EPUB 3 file. It reads the
// resolved document model and renders chapter content through build/xhtml,
// the fragment renderer it shares with build/html.
//
// The container, package document and navigation document are written
// here with archive/zip and text/template rather than with go-epub: as
// measured in shared/notes/LIBRARIES-EPUB-MARKDOWN.md (section A), go-epub
// stamps dcterms:modified with the wall clock, orders its manifest by map
// iteration, writes no landmarks, no nav entries for sections, no lang and
// no accessibility metadata, so every file would have to be rewritten
// anyway. Writing them directly gives reproducible bytes: the mimetype
// entry stored first without an extra field, the other entries in sorted
// order with the build's time.
//
// Inside the container:
//
//	mimetype
//	META-INF/container.xml
//	OEBPS/package.opf, nav.xhtml, cover.xhtml
//	OEBPS/text/<chapter>.xhtml     one per chapter
//	OEBPS/css/epub.css, OEBPS/media/…
//	OEBPS/fonts/*.ttf              subset to the characters used (build/epub/fontsubset)
package epub

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"text/template"
	"time"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/xhtml"
	"github.com/normpress/normpress/templates"
)

// Options are what the pipeline knows beyond the model.
type Options struct {
	// Epoch is the build time (SOURCE_DATE_EPOCH): dcterms:modified and the
	// zip entries' times.
	Epoch int64
	// BaseURL is where the HTML edition is published; links to another
	// publication point there. Empty: such links render as text.
	BaseURL string
	// Publisher names who publishes the book (the site's title), for
	// dc:publisher and the accessibility certifier. Optional.
	Publisher string
}

// Render builds the EPUB file of one publication.
func Render(pub *doc.Publication, opts Options) ([]byte, source.Diags) {
	b := &builder{pub: pub, opts: opts, files: map[string][]byte{}}
	if err := b.parseTemplates(); err != nil {
		b.diags.Errorf(source.Span{}, "epub-template", "EPUB templates: %v", err)
		return nil, b.diags
	}
	b.build()
	if b.diags.HasErrors() {
		return nil, b.diags
	}
	data, err := writeZip(b.files, opts.Epoch)
	if err != nil {
		b.diags.Errorf(source.Span{}, "epub-write", "%s.epub: %v", pub.ID, err)
		return nil, b.diags
	}
	return data, b.diags
}

type builder struct {
	pub      *doc.Publication
	opts     Options
	t        *template.Template
	files    map[string][]byte // path inside the container → bytes
	manifest []item
	spine    []string
	diags    source.Diags
	chapters map[string]string          // chapter ID → manifest item ID
	anchors  map[string]map[string]bool // chapter ID → its element ids
	faces    []face                     // embedded fonts, filled in last
}

type item struct {
	ID, Href, MediaType, Properties string
}

func (b *builder) parseTemplates() error {
	sub, err := fs.Sub(templates.FS, "epub")
	if err != nil {
		return err
	}
	t, err := template.New("").Funcs(template.FuncMap{"x": xhtml.EscapeString}).ParseFS(sub, "*.xhtml", "*.opf")
	if err != nil {
		return err
	}
	b.t = t
	return nil
}

func (b *builder) exec(name string, data any) []byte {
	var buf bytes.Buffer
	if err := b.t.ExecuteTemplate(&buf, name, data); err != nil {
		b.diags.Errorf(source.Span{}, "epub-template", "%s: %v", name, err)
	}
	return buf.Bytes()
}

func (b *builder) static(name string) []byte {
	data, err := fs.ReadFile(templates.FS, "epub/"+name)
	if err != nil {
		b.diags.Errorf(source.Span{}, "epub-template", "%v", err)
	}
	return data
}

func (b *builder) lang() string {
	if b.pub.Lang != "" {
		return b.pub.Lang
	}
	return "en"
}

func (b *builder) build() {
	b.files["META-INF/container.xml"] = b.static("container.xml")
	b.add("css", "css/epub.css", "text/css", "", b.static("epub.css"))
	b.fonts()
	b.media()
	b.cover()
	b.consultation()
	b.chapters = map[string]string{}
	b.anchors = map[string]map[string]bool{}
	for i, ch := range b.pub.Chapters {
		b.chapters[ch.ID] = fmt.Sprintf("c%03d", i+1)
		b.anchors[ch.ID] = xhtml.Anchors(ch)
	}
	b.nav()
	for _, ch := range b.pub.Chapters {
		b.chapter(ch)
	}
	b.subsetFonts()
	b.packageDoc()
}

// add puts a file in the container and the manifest.
func (b *builder) add(id, href, mediaType, props string, data []byte) {
	b.files["OEBPS/"+href] = data
	b.manifest = append(b.manifest, item{ID: id, Href: href, MediaType: mediaType, Properties: props})
}

// identifier is the book's unique identifier: its ISBN or DOI when it has
// one, else a name-based UUID (version 5) of the publication's ID and
// title, which stays the same from build to build.
func (b *builder) identifier() string {
	switch {
	case b.pub.ISBN != "":
		return "urn:isbn:" + strings.NewReplacer("-", "", " ", "").Replace(b.pub.ISBN)
	case b.pub.DOI != "":
		return "https://doi.org/" + b.pub.DOI
	}
	h := sha1.Sum([]byte("normpress:" + b.pub.ID + ":" + b.pub.Title))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// secondDOI is the DOI as a second identifier, when the ISBN is the first.
func (b *builder) secondDOI() string {
	if b.pub.ISBN != "" && b.pub.DOI != "" {
		return "https://doi.org/" + b.pub.DOI
	}
	return ""
}

// sources name a translation's original: its title, then its identifier
// or web address when it has one (dc:source is where a derived work says
// what it derives from).
func (b *builder) sources() []string {
	o := b.pub.Original()
	if o == nil {
		return nil
	}
	out := []string{o.Title}
	if id := cmp.Or(o.Identifier, o.URL); id != "" {
		out = append(out, id)
	}
	return out
}

var w3cdtf = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

func (b *builder) packageDoc() {
	hasImages := false
	for _, it := range b.manifest {
		if strings.HasPrefix(it.MediaType, "image/") && it.ID != "cover-image" {
			hasImages = true
		}
	}
	date := b.pub.Date
	if date != "" && !w3cdtf.MatchString(date) {
		b.diags.Warnf(source.Span{}, "epub-date", "%s: date %q is not YYYY, YYYY-MM or YYYY-MM-DD; left out of the EPUB metadata", b.pub.ID, date)
		date = ""
	}
	certifier := b.opts.Publisher
	if certifier == "" {
		certifier = "normpress"
	}
	data := map[string]any{
		"Lang": b.lang(), "Identifier": b.identifier(), "Title": b.pub.Title, "Subtitle": b.pub.Subtitle,
		"Editors": b.pub.Editors, "Contributors": b.pub.Contributors, "Date": date,
		"Publisher": b.opts.Publisher, "Rights": b.pub.License, "Description": b.pub.Description,
		"Keywords": b.pub.Keywords, "Sources": b.sources(), "DOI": b.secondDOI(),
		"Modified":    modified(b.opts.Epoch),
		"HasImages":   hasImages,
		"Summary":     b.pub.Terms.Get(doc.TermA11ySummary),
		"CertifiedBy": certifier,
		"Manifest":    b.manifest,
		"Spine":       b.spine,
	}
	b.files["OEBPS/package.opf"] = b.exec("package.opf", data)
}

func modified(epoch int64) string {
	return time.Unix(epoch, 0).UTC().Format("2006-01-02T15:04:05Z")
}
