package uri

import (
	"net/url"
	"strings"
	"testing"
)

func TestEncode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.org/a", "https://example.org/a"},
		{"https://doi.org/10.1000/a<b>c", "https://doi.org/10.1000/a%3Cb%3Ec"},
		{"https://example.org/a b", "https://example.org/a%20b"},
		{"https://example.org/it's", "https://example.org/it's"},
		{"https://example.org/%41%zz%", "https://example.org/%41%25zz%25"},
		{"https://example.org/é", "https://example.org/%C3%A9"},
		{"https://example.org/\"x\"{y}|\\^`", "https://example.org/%22x%22%7By%7D%7C%5C%5E%60"},
		{"https://example.org/\n\x00\x7f", "https://example.org/%0A%00%7F"},
		{"https://example.org/\xff", "https://example.org/%FF"},
		{"mailto:a@b.org?subject=x y", "mailto:a@b.org?subject=x%20y"},
	} {
		got := Encode(tc.in)
		if got != tc.want {
			t.Errorf("Encode(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if again := Encode(got); again != got {
			t.Errorf("Encode is not idempotent on %q: %q", got, again)
		}
		if _, err := url.Parse(got); err != nil {
			t.Errorf("Encode(%q) = %q, which net/url rejects: %v", tc.in, got, err)
		}
	}
}

func TestSpans(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"see https://example.org/it's.", []string{"https://example.org/it's"}},
		{"(https://example.org/a_(b)) and www.example.org/x--y...", []string{"https://example.org/a_(b)", "www.example.org/x--y"}},
		{"'https://example.org/'", []string{"https://example.org/"}},
		{"nohttps://example.org/x https:// http://a", []string{"http://a"}},
		{"é https://example.org/é\u00a0next", []string{"https://example.org/é"}},
		{"[see HTTPS://EXAMPLE.ORG/X]", []string{"HTTPS://EXAMPLE.ORG/X"}},
		{"plain text, no address", nil},
	} {
		var got []string
		for _, sp := range Spans(tc.in) {
			got = append(got, tc.in[sp[0]:sp[1]])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Spans(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzEncode(f *testing.F) {
	f.Add("https://doi.org/10.1000/a<b>c %zz é")
	f.Add("see https://example.org/it's) www.x.")
	f.Fuzz(func(t *testing.T, s string) {
		e := Encode(s)
		if Encode(e) != e {
			t.Fatalf("not idempotent: %q → %q → %q", s, e, Encode(e))
		}
		for i := 0; i < len(e); i++ {
			if e[i] <= ' ' || e[i] >= 0x7f || strings.IndexByte("<>\"{}|\\^`", e[i]) >= 0 {
				t.Fatalf("Encode(%q) = %q keeps byte %q", s, e, e[i])
			}
		}
		last := 0
		for _, sp := range Spans(s) {
			if sp[0] < last || sp[1] <= sp[0] || sp[1] > len(s) || !Begins(s[sp[0]:sp[1]]) {
				t.Fatalf("Spans(%q): bad span %v", s, sp)
			}
			last = sp[1]
		}
	})
}
