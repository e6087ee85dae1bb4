package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/docx"
)

// TestComments builds the commentary's DOCX, adds a Word comment to
// paragraph 2 of chapter 13(c), and reads it back in the three formats.
func TestComments(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	out := t.TempDir()
	if code, _, errOut := runIn(t, root, epoch, "build", "--format", "docx", "--pub", "commentary", "--out", out); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(out, "commentary.docx"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	var m docx.Map
	if err := xml.Unmarshal(files["customXml/item1.xml"], &m); err != nil {
		t.Fatal(err)
	}
	var e docx.Entry
	for _, x := range m.Entries {
		if x.Chapter == "13c" && x.Para == 2 {
			e = x
		}
	}
	doc := string(files["word/document.xml"])
	mark := `w:name="` + e.Bookmark + `"/>`
	i := strings.Index(doc, mark) + len(mark)
	j := i + strings.Index(doc[i:], "</w:p>")
	doc = doc[:i] + `<w:commentRangeStart w:id="0"/>` + doc[i:j] + `<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>` + doc[j:]
	files["word/document.xml"] = []byte(doc)
	files["word/comments.xml"] = []byte(`<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Ada Reviewer" w:date="2027-01-10T09:00:00Z"><w:p><w:r><w:t>Say *which* acts.</w:t></w:r></w:p></w:comment></w:comments>`)
	files["word/_rels/document.xml.rels"] = bytes.Replace(files["word/_rels/document.xml.rels"], []byte("</Relationships>"), []byte(`<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>`), 1)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, b := range files {
		w, _ := zw.Create(name)
		w.Write(b)
	}
	zw.Close()
	review := filepath.Join(out, "review.docx")
	if err := os.WriteFile(review, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	where := e.File + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col) + ": Commentary 13(c), para. 2: comment by Ada Reviewer (2027-01-10): Say *which* acts."
	code, text, errOut := runIn(t, out, nil, "comments", "review.docx")
	if code != 0 || !strings.HasPrefix(text, where) || errOut != "" {
		t.Errorf("text: exit %d\n%s\nwant a line starting %q\nstderr: %s", code, text, where, errOut)
	}
	if !strings.HasPrefix(e.File, "chapters/commentary/13c.md") || e.Line < 20 {
		t.Errorf("the paragraph's source is %s:%d", e.File, e.Line)
	}

	code, js, _ := runIn(t, out, nil, "comments", "--json", "review.docx")
	var got struct {
		Files []struct {
			Pub   string      `json:"publication"`
			Items []docx.Item `json:"items"`
		}
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil || code != 0 {
		t.Fatalf("json: exit %d, %v\n%s", code, err, js)
	}
	if len(got.Files) != 1 || got.Files[0].Pub != "commentary" || len(got.Files[0].Items) != 1 || got.Files[0].Items[0].Loc.Para != 2 || got.Files[0].Items[0].Loc.Line != e.Line {
		t.Errorf("json: %s", js)
	}

	code, md, _ := runIn(t, out, nil, "comments", "--markdown", "review.docx")
	for _, want := range []string{"## Commentary on the 2015 GGE Norms", "### Commentary 13(c), para. 2", "`" + e.File + ":" + strconv.Itoa(e.Line) + "`", "- **Ada Reviewer** commented (review.docx, 2027-01-10): Say \\*which\\* acts."} {
		if code != 0 || !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}

	os.WriteFile(filepath.Join(out, "notes.docx"), []byte("plain text"), 0o644)
	code, _, errOut = runIn(t, out, nil, "comments", "notes.docx", "review.docx")
	if code != 1 || !strings.Contains(errOut, "notes.docx: error: notes.docx is not a Word document") {
		t.Errorf("a file that is not a DOCX: exit %d, stderr %q", code, errOut)
	}
}
