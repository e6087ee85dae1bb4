package edition

import (
	"bytes"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

func TestRegisterRoundTrip(t *testing.T) {
	r := &Register{Publication: "commentary", Edition: "First edition", Paragraphs: []Entry{
		{ID: "p-norm-13-c-states", Chapter: "13c", Number: 1, Hash: Hash("Norm 13(c) <states> & more."), Path: []string{"Scope"}, Text: "Norm 13(c) <states> & more."},
		{ID: "para:13c-knowledge", Label: "para:13c-knowledge", Chapter: "13c", Number: 2, Hash: Hash("x"), Text: "x"},
	}}
	data := r.Marshal()
	if !bytes.Contains(data, []byte("<states> & more")) {
		t.Errorf("text escaped for HTML: %s", data)
	}
	back, ds := ParseRegister(source.NewFile("r.json", data))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if !bytes.Equal(back.Marshal(), data) {
		t.Error("a register read back does not write the same bytes")
	}
	if p := back.Paragraphs[1].span.Position(); p.Line != 16 {
		t.Errorf("second entry at line %d, want 16", p.Line)
	}
}

func TestRegisterErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"publication": "c", "paragraphs": [`, "r.json:1:"},
		{`{"publication": "c", "paragraphs": [{"id": "a", "chapter": "c", "number": "one"}]}`, "cannot unmarshal"},
		{`{"publication": "c", "paragraphs": [{"id": "a", "chapter": "c", "number": 1, "colour": 1}]}`, "unknown field"},
		{"{\"publication\": \"c\", \"paragraphs\": [\n{\"id\": \"a\", \"chapter\": \"c\", \"number\": 1},\n{\"id\": \"a\", \"chapter\": \"c\", \"number\": 2}]}", "r.json:3:2: error: paragraph id \"a\" appears twice"},
		{`{"publication": "c", "paragraphs": [{"id": "a", "number": 1}]}`, "needs an id, a chapter and a number"},
	} {
		_, ds := ParseRegister(source.NewFile("r.json", []byte(tc.in)))
		var got []string
		for _, d := range ds {
			got = append(got, d.String())
		}
		if !strings.Contains(strings.Join(got, "\n"), tc.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// FuzzParseRegister: nothing a committed file holds makes the reader panic,
// and whatever it accepts matches without panicking either.
func FuzzParseRegister(f *testing.F) {
	f.Add([]byte(`{"publication": "c", "paragraphs": [{"id": "a", "chapter": "c", "number": 1, "text": "A b c."}]}`))
	f.Add([]byte(`{"publication": "c", "paragraphs": []}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, _ := ParseRegister(source.NewFile("r.json", data))
		if r == nil {
			return
		}
		var old []*Item
		for _, e := range r.Paragraphs {
			it := &Item{Label: e.Label, Chapter: e.Chapter, Text: e.Text, Hash: e.Hash}
			it.Prepare()
			old = append(old, it)
		}
		MatchItems(old, old)
	})
}
