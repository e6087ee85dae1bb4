package yamlerr

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// TestLocate: each yaml.v3 syntax error is put at the line and column of
// its cause, never at column 1 of the enclosing mapping's line.
func TestLocate(t *testing.T) {
	for _, tc := range []struct {
		in        string
		line, col int
		msg       string
	}{
		// yaml.v3: "line 2: did not find expected '-' indicator"
		{"title: x\npublications:\n  - id: a\n    title: b\n    x: 1\n   body: c\n", 6, 4, "indentation"},
		// yaml.v3: no line at all
		{"title: a: b\n", 1, 9, "colon"},
		// yaml.v3: line 4, column 1; the colon is at 4:9
		{"references:\n- id: a\n  type: book\n   title: bad indent\n", 4, 9, "colon"},
		{"title: x\n\tlang: en\n", 2, 1, "tab"},
		// yaml.v3: line 3, the end of the file
		{"title: \"abc\nlang: en\n", 1, 8, "double-quoted"},
		{"title: 'it''s\n", 1, 8, "single-quoted"},
		{"list: [a, b\nlang: en\n", 2, 1, "list"},
		{"k: @x\n", 1, 4, "@"},
		{"title: x\nabstract: >\n  folded\n bad\n", 4, 2, "indentation"},
		{"title: é\n  lang: y\n", 2, 7, "colon"},
	} {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(tc.in), &n)
		if err == nil {
			t.Fatalf("%q: yaml.v3 accepted it", tc.in)
		}
		e := Locate([]byte(tc.in), err)
		if e.Line != tc.line || e.Col != tc.col || !contains(e.Msg, tc.msg) {
			t.Errorf("%q: %d:%d %q (hint %q), want %d:%d with %q", tc.in, e.Line, e.Col, e.Msg, e.Hint, tc.line, tc.col, tc.msg)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// FuzzLocate: any input yaml.v3 rejects gets an answer, without a panic,
// and a position is never negative.
func FuzzLocate(f *testing.F) {
	f.Add("title: x\n  lang: y\n")
	f.Add("a: [1, {b: \"c\n")
	f.Fuzz(func(t *testing.T, s string) {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(s), &n); err != nil {
			e := Locate([]byte(s), err)
			if e.Line < 0 || e.Col < 0 || e.Msg == "" {
				t.Fatalf("%q: %+v", s, e)
			}
		}
	})
}
