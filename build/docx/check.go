package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
)

// Check verifies a DOCX package at the level of parts and relationships,
// from the rules of OPC (ECMA-376 Part 2) and WordprocessingML (Part 1):
// every part is well-formed XML (or a binary with a content type), every
// part has a content type, every internal relationship points at a part
// that exists, relationship ids are unique per source, every r:id and
// r:embed in a part names one of that part's relationships, footnote
// references name footnotes, bookmarks are paired, unique and validly
// named, and internal hyperlinks name a bookmark. It returns every problem
// found. Tests run it on what Render makes; ReadReview does not need it.
func Check(data []byte) []error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return []error{fmt.Errorf("not a zip file: %v", err)}
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if _, dup := parts[f.Name]; dup {
			bad("duplicate zip entry %s", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			bad("%s: %v", f.Name, err)
			continue
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			bad("%s: %v", f.Name, err)
			continue
		}
		parts[f.Name] = b
	}
	ctData, ok := parts["[Content_Types].xml"]
	if !ok {
		return append(errs, fmt.Errorf("no [Content_Types].xml"))
	}
	var ct struct {
		Defaults []struct {
			Extension   string `xml:",attr"`
			ContentType string `xml:",attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:",attr"`
			ContentType string `xml:",attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(ctData, &ct); err != nil {
		bad("[Content_Types].xml: %v", err)
	}
	defaults := map[string]string{}
	for _, d := range ct.Defaults {
		defaults[strings.ToLower(d.Extension)] = d.ContentType
	}
	overrides := map[string]string{}
	for _, o := range ct.Overrides {
		overrides[strings.TrimPrefix(o.PartName, "/")] = o.ContentType
		if _, ok := parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
			bad("[Content_Types].xml overrides %s, which is not in the package", o.PartName)
		}
	}
	contentType := func(name string) string {
		if c, ok := overrides[name]; ok {
			return c
		}
		return defaults[strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))]
	}
	for name, b := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		c := contentType(name)
		if c == "" {
			bad("%s has no content type", name)
		}
		if strings.HasSuffix(c, "xml") {
			if err := wellFormed(b); err != nil {
				bad("%s: not well-formed: %v", name, err)
			}
		}
	}

	// Relationships: each source part's rels.
	type relT struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:",attr"`
		Target     string `xml:",attr"`
		TargetMode string `xml:",attr"`
	}
	relsOf := map[string]map[string]relT{}
	for name, b := range parts {
		dir, file := path.Split(name)
		if !strings.HasSuffix(dir, "_rels/") || !strings.HasSuffix(file, ".rels") {
			continue
		}
		src := path.Join(strings.TrimSuffix(dir, "_rels/"), strings.TrimSuffix(file, ".rels"))
		if src != "" {
			if _, ok := parts[src]; !ok {
				bad("%s belongs to %s, which is not in the package", name, src)
			}
		}
		var rs struct {
			Rels []relT `xml:"Relationship"`
		}
		if err := xml.Unmarshal(b, &rs); err != nil {
			bad("%s: %v", name, err)
			continue
		}
		m := map[string]relT{}
		for _, r := range rs.Rels {
			if _, dup := m[r.ID]; dup {
				bad("%s: duplicate relationship id %s", name, r.ID)
			}
			m[r.ID] = r
			if r.TargetMode == "External" {
				continue
			}
			base := strings.TrimSuffix(dir, "_rels/")
			target := path.Clean(path.Join(base, r.Target))
			if strings.HasPrefix(r.Target, "/") {
				target = strings.TrimPrefix(r.Target, "/")
			}
			if _, ok := parts[target]; !ok {
				bad("%s: relationship %s points at %s, which is not in the package", name, r.ID, target)
			}
		}
		relsOf[src] = m
	}
	main := ""
	for _, r := range relsOf[""] {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			main = strings.TrimPrefix(r.Target, "/")
		}
	}
	if main == "" {
		return append(errs, fmt.Errorf("_rels/.rels has no officeDocument relationship"))
	}
	if contentType(main) != ctMain {
		bad("%s has content type %q, want %q", main, contentType(main), ctMain)
	}
	// A part reached through a relationship of a known type must have that
	// type's content type, or Word does not load it.
	wantCT := map[string]string{
		relStyles: ctStyles, relSettings: ctSettings, relNumbering: ctNumbering, relFootnotes: ctFootnotes,
		relFooter: ctFooter, relCore: ctCore, relApp: ctApp, relCustom: ctCustom, relItemProps: ctItemProps,
	}
	for src, rs := range relsOf {
		for _, r := range rs {
			want, ok := wantCT[r.Type]
			if !ok || r.TargetMode == "External" {
				continue
			}
			target := path.Clean(path.Join(path.Dir(src), r.Target))
			if got := contentType(target); got != want {
				bad("%s (a %s part) has content type %q, want %q", target, path.Base(r.Type), got, want)
			}
		}
	}

	// References from content to relationships, footnotes and bookmarks.
	rid := regexp.MustCompile(`\br:(?:id|embed|link)="([^"]*)"`)
	for name, b := range parts {
		if !strings.HasPrefix(name, "word/") || !strings.HasSuffix(name, ".xml") {
			continue
		}
		for _, m := range rid.FindAllSubmatch(b, -1) {
			if _, ok := relsOf[name][string(m[1])]; !ok {
				bad("%s uses relationship %s, which %s does not have", name, m[1], path.Join(path.Dir(name), "_rels", path.Base(name)+".rels"))
			}
		}
	}
	footnotes := map[string]bool{}
	if fn, ok := parts["word/footnotes.xml"]; ok {
		for _, m := range regexp.MustCompile(`<w:footnote\b[^>]*\bw:id="(-?\d+)"`).FindAllSubmatch(fn, -1) {
			if footnotes[string(m[1])] {
				bad("word/footnotes.xml: duplicate footnote id %s", m[1])
			}
			footnotes[string(m[1])] = true
		}
	}
	names := map[string]bool{}
	validName := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,39}$`)
	var anchors []string
	for _, name := range []string{main, "word/footnotes.xml"} {
		b := parts[name]
		for _, m := range regexp.MustCompile(`<w:footnoteReference w:id="(-?\d+)"`).FindAllSubmatch(b, -1) {
			if !footnotes[string(m[1])] {
				bad("%s refers to footnote %s, which word/footnotes.xml does not have", name, m[1])
			}
		}
		open := map[string]bool{}
		for _, m := range regexp.MustCompile(`<w:bookmark(Start|End) w:id="(\d+)"(?: w:name="([^"]*)")?`).FindAllSubmatch(b, -1) {
			id := string(m[2])
			if string(m[1]) == "Start" {
				if open[id] {
					bad("%s: bookmark id %s opened twice", name, id)
				}
				open[id] = true
				n := string(m[3])
				if !validName.MatchString(n) {
					bad("%s: bookmark name %q is not a valid Word bookmark name", name, n)
				}
				if names[n] {
					bad("%s: duplicate bookmark name %q", name, n)
				}
				names[n] = true
				continue
			}
			if !open[id] {
				bad("%s: bookmarkEnd %s without a bookmarkStart", name, id)
			}
			delete(open, id)
		}
		for id := range open {
			bad("%s: bookmark %s is never closed", name, id)
		}
		for _, m := range regexp.MustCompile(`<w:hyperlink w:anchor="([^"]*)"`).FindAllSubmatch(b, -1) {
			anchors = append(anchors, string(m[1]))
		}
	}
	for _, a := range anchors {
		if !names[a] {
			bad("internal hyperlink to %q, a bookmark the document does not have", a)
		}
	}
	return errs
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
