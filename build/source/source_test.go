package source

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPosition(t *testing.T) {
	f := NewFile("a.md", []byte("\xEF\xBB\xBFab\r\nÜber x\n\tz"))
	for _, tc := range []struct {
		off       int
		line, col int
	}{
		{3, 1, 1},  // after the BOM: the first character
		{4, 1, 2},  // b
		{7, 2, 1},  // Ü
		{10, 2, 3}, // e: Ü is two bytes but one character
		{15, 3, 1}, // tab
		{16, 3, 2},
		{999, 3, 3}, // clamped to the end
	} {
		p := f.Position(tc.off)
		if p.Line != tc.line || p.Col != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.off, p.Line, p.Col, tc.line, tc.col)
		}
		if tc.off < len(f.Data) {
			if back := f.Offset(p.Line, p.Col); back != tc.off {
				t.Errorf("Offset(%d, %d) = %d, want %d", p.Line, p.Col, back, tc.off)
			}
		}
	}
}

func TestDiagsSortAndPrint(t *testing.T) {
	f := NewFile("b.yaml", []byte("one\ntwo\n"))
	g := NewFile("a.md", []byte("x\n"))
	var ds Diags
	ds.Warnf(f.At(4), "w", "second line")
	ds.Errorf(f.At(0), "e", "first line").WithHint("a hint")
	ds.Errorf(g.At(0), "e", "other file")
	ds.Errorf(g.At(0), "e", "other file") // an exact repeat is dropped
	got := ds.Sort()
	want := []string{
		"a.md:1:1: error: other file",
		"b.yaml:1:1: error: first line\n\thint: a hint",
		"b.yaml:2:1: warning: second line",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("%d: got %q, want %q", i, got[i].String(), want[i])
		}
	}
	j, _ := json.Marshal(got[2])
	if string(j) != `{"file":"b.yaml","line":2,"col":1,"severity":"warning","code":"w","message":"second line"}` {
		t.Errorf("json: %s", j)
	}
	// What a diagnostic is about goes into --json as data.
	var more Diags
	more.Errorf(f.At(0), "unknown-label", "unknown label %q", "sec:x").About("sec:x")
	if j, _ := json.Marshal(more[0]); !strings.HasSuffix(string(j), `"code":"unknown-label","message":"unknown label \"sec:x\"","subject":"sec:x"}`) {
		t.Errorf("json: %s", j)
	}
	if e, w := ds.Count(); e != 3 || w != 1 {
		t.Errorf("count %d %d", e, w)
	}
	if ds.Promote().HasErrors() != true || (Diags{}).Err() != nil {
		t.Errorf("promote/err")
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"sec:13c-scpe", "sec:13c-scope"},
		{"titel", "title"},
		{"zzz", ""},
	} {
		if got := Suggest(tc.name, []string{"title", "sec:13c-scope", "sec:13d-scope"}); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain Über text":   "plain Über text",
		"a\n::error::b":     `a\n::error::b`,
		"\x1b[31mred\x7f":   `\x1b[31mred\x7f`,
		"bad \xff byte":     `bad \xff byte`,
		"real \uFFFD stays": "real \uFFFD stays",
		"\u202eexe.txt":     `\u202eexe.txt`,
		"tab\there \u009b":  `tab\there \u009b`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBareCRLineEnds: a file with old Mac line ends (CR alone) has lines,
// as YAML and CommonMark read it, so positions a parser reports land on
// the right line instead of all at the end of the file.
func TestBareCRLineEnds(t *testing.T) {
	f := NewFile("refs.yaml", []byte("- id: a\r  title: x\r- id: b\r\n  bad: [\r"))
	if n := f.LineCount(); n != 5 {
		t.Errorf("LineCount = %d, want 5", n)
	}
	for _, tc := range []struct{ line, col, off int }{
		{1, 1, 0}, {2, 3, 10}, {3, 3, 21}, {4, 3, 30}, {4, 99, 36},
	} {
		if off := f.Offset(tc.line, tc.col); off != tc.off {
			t.Errorf("Offset(%d, %d) = %d, want %d", tc.line, tc.col, off, tc.off)
		}
		if p := f.Position(tc.off); p.Line != tc.line {
			t.Errorf("Position(%d) is on line %d, want %d", tc.off, p.Line, tc.line)
		}
	}
}

func TestJSONErrorAt(t *testing.T) {
	for _, tc := range []struct {
		data string
		want string // file:line:col
	}{
		{"{\n  \"a\": 1,\n  \"b\": x\n}", "x.json:3:8"}, // syntax: the x
		{"{\n  \"a\": \"text\"\n}", "x.json:2:13"},      // type: the string ends there
		{"", "x.json:1:1"},                              // end of input: the start
		{"{\"a\":", "x.json:1:5"},                       // truncated: its last byte
	} {
		f := NewFile("x.json", []byte(tc.data))
		var v struct{ A int }
		err := json.Unmarshal(f.Data, &v)
		if err == nil {
			t.Fatalf("%q decodes", tc.data)
		}
		p := f.JSONErrorAt(err).Position()
		if got := p.String(); got != tc.want {
			t.Errorf("%q: %v at %s, want %s", tc.data, err, got, tc.want)
		}
	}
}
