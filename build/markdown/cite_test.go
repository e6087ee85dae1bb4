package markdown

import (
	"testing"
)

func TestScanKey(t *testing.T) {
	for _, tc := range []struct{ in, key string }{
		{"doe99 says", "doe99"},
		{"doe99.", "doe99"},
		{"doe99, p. 3", "doe99"},
		{"doe99:", "doe99"},
		{"sec:13c-scope.", "sec:13c-scope"},
		{"un:a/70/174]", "un:a/70/174"},
		{"https://example.org/x ", "https://example.org/x"},
		{"_under_score", "_under_score"},
		{"Müller2019;", "Müller2019"},
		{"{weird key}", "{weird key}"},
		{"{unclosed", ""},
		{"-x", ""},
		{".x", ""},
		{"", ""},
	} {
		if got := tc.in[:scanKey([]byte(tc.in))]; got != tc.key {
			t.Errorf("scanKey(%q) = %q, want %q", tc.in, got, tc.key)
		}
	}
}

func TestSplitLocator(t *testing.T) {
	for _, tc := range []struct{ suffix, label, locator, rest string }{
		{", p. 12", "page", "12", ""},
		{", pp. 33-35, and nowhere else", "page", "33-35", ", and nowhere else"},
		{", pp. 33, 35–37 & 40", "page", "33, 35–37 & 40", ""},
		{", 45", "page", "45", ""},
		{" 45 and more", "page", "45", " and more"},
		{", ch. 3", "chapter", "3", ""},
		{", chapter 3", "chapter", "3", ""},
		{", chapters 3-4", "chapter", "3-4", ""},
		{", para. 13(c)", "paragraph", "13(c)", ""},
		{", ¶ 4", "paragraph", "4", ""},
		{", § 5", "section", "5", ""},
		{", sec. 4.2", "section", "4.2", ""},
		{", n. 3", "note", "3", ""},
		{", fn. 3", "note", "3", ""},
		{", vol. 2", "volume", "2", ""},
		{", art. 2(4)", "article-locator", "2(4)", ""},
		{", r. 6 and commentary", "rule", "6", " and commentary"},
		{", p. iv", "page", "iv", ""},
		{", P. 12", "page", "12", ""},
		{", p.12", "page", "12", ""},
		{", fig. 2", "figure", "2", ""},
		{", l. 10", "line", "10", ""},
		{", no. 7", "issue", "7", ""},
		{", s.v. 12", "sub-verbo", "12", ""},
		{", {pp. iv, vi-xi, (xv)-(xvii)} with more", "page", "iv, vi-xi, (xv)-(xvii)", " with more"},
		{", {a strange one}", "page", "a strange one", ""},
		{", a comment", "", "", ", a comment"},
		{", page turner", "", "", ", page turner"},
		{", pages", "", "", ", pages"},
		{" and more", "", "", " and more"},
		{"", "", "", ""},
	} {
		label, loc, rest := splitLocator(tc.suffix)
		if label != tc.label || loc != tc.locator || rest != tc.rest {
			t.Errorf("splitLocator(%q) = %q, %q, %q; want %q, %q, %q", tc.suffix, label, loc, rest, tc.label, tc.locator, tc.rest)
		}
	}
}

func TestSmartText(t *testing.T) {
	en, de := quotes("en-GB"), quotes("de")
	for _, tc := range []struct {
		in   string
		q    [4]string
		want string
	}{
		{"pp. 33--35", en, "pp. 33–35"},
		{"a --- b...", en, "a — b…"},
		{`see "the rule" and 'this' it's`, en, "see “the rule” and ‘this’ it’s"},
		{`vgl. "die Regel"`, de, "vgl. „die Regel“"},
		{"plain", en, "plain"},
	} {
		if got := smartText(tc.in, tc.q); got != tc.want {
			t.Errorf("smartText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
