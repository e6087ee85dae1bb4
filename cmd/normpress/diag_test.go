package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// checkDiagOutput holds what a CI log and a terminal rely on: one line per
// diagnostic (plus its hint), one workflow command per diagnostic, and no
// byte a terminal would act on.
func checkDiagOutput(t *testing.T, ds source.Diags, out string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want, cmds := 0, 0
	for _, d := range ds {
		want += 2
		if d.Hint != "" {
			want += 1 + strings.Count(d.Hint, "\n")
		}
	}
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
			cmds++
		}
		for _, r := range l {
			if r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x202e || r == 0x2028 {
				t.Errorf("control character %U reaches the log: %q", r, l)
			}
		}
	}
	if len(lines) != want || cmds != len(ds) {
		t.Errorf("%d diagnostics printed as %d lines with %d workflow commands, want %d and %d:\n%s", len(ds), len(lines), cmds, want, len(ds), out)
	}
}

// TestDiagnosticsCannotInject: a file name or message with a newline and
// "::error" must not become a GitHub Actions command of its own, and an
// escape sequence must not reach the terminal.
func TestDiagnosticsCannotInject(t *testing.T) {
	f := source.NewFile("chapters/a\n::error file=x.go,line=1::owned.md", []byte("x\ny\n"))
	var ds source.Diags
	ds.Errorf(f.At(2), "unknown-label", "unknown label %s", "\"x\"\n::warning::injected\r\n\x1b[2J\u202egnp.exe")
	ds.Warnf(source.Span{}, "w", "no position\n::add-mask::secret").WithHint("hint\n::error::also")
	ds.Errorf(f.At(0), "code,with:colon\n", "50%% done \x00 \x9b")
	var out bytes.Buffer
	printDiags(&out, ds, true)
	checkDiagOutput(t, ds, out.String())
	if !strings.Contains(out.String(), `\n::warning::injected\r\n\x1b[2J\u202egnp.exe`) {
		t.Errorf("the escaped text is not shown as escapes:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "title=code%2Cwith%3Acolon\\n::50%25 done") {
		t.Errorf("properties and message are not encoded as workflow commands require:\n%s", out.String())
	}
}

func FuzzDiagnostics(f *testing.F) {
	f.Add("chapters/a.md", "code", "message\n::error::x", "hint\x1b[31m", 3)
	f.Add("a\r\nb", "c,d:e", "%0A\u2028", "", 0)
	f.Fuzz(func(t *testing.T, name, code, msg, hint string, off int) {
		file := source.NewFile(name, []byte("line one\nline two\n"))
		ds := source.Diags{{Sev: source.Error, Span: file.At(off & 31), Code: code, Msg: msg, Hint: hint}}
		var out bytes.Buffer
		printDiags(&out, ds, true)
		checkDiagOutput(t, ds, out.String())
	})
}
