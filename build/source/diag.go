package source

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diag is one diagnostic. Code is stable ("unknown-citation-key"): --json
// prints it, and --strict promotes warnings by it.
type Diag struct {
	Sev  Severity
	Span Span
	Code string
	Msg  string
	Hint string
	// Subject is what the diagnostic is about, as data, where a later
	// step or a tool needs it: the label of an unknown-label error, the
	// chapter of a vanished paragraph. The message says it in words.
	Subject string
}

// Position is where the diagnostic points.
func (d Diag) Position() Position { return d.Span.Position() }

// String is the one shape every diagnostic takes:
// file:line:col: error: message, and the hint on the next line.
func (d Diag) String() string {
	var b strings.Builder
	if p := d.Position().String(); p != "" {
		b.WriteString(Printable(p))
		b.WriteString(": ")
	}
	b.WriteString(d.Sev.String())
	b.WriteString(": ")
	b.WriteString(Printable(d.Msg))
	if d.Hint != "" {
		b.WriteString("\n\thint: ")
		// A hint may run over lines (an example to copy); each goes on
		// its own indented line, so none can start a workflow command.
		for i, line := range strings.Split(d.Hint, "\n") {
			if i > 0 {
				b.WriteString("\n\t      ")
			}
			line = Printable(line)
			if t := strings.TrimLeft(line, " \t"); strings.HasPrefix(t, "::") {
				line = strings.Replace(line, ":", `\x3a`, 1) // a workflow command's prefix
			}
			b.WriteString(line)
		}
	}
	return b.String()
}

// Printable escapes what a terminal or a CI log would act on instead of
// showing: control characters (a newline followed by "::error" is a GitHub
// Actions command, an ESC starts a terminal sequence), and the invisible
// format characters that reorder or hide text (bidirectional overrides,
// line and paragraph separators). They appear as Go escapes, \n, \x1b,
// \u202e, so the reader still sees that they are there. File names and
// messages carry user text, so every diagnostic passes through here.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if unprintable(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i]) // invalid UTF-8
		case r == utf8.RuneError:
			b.WriteRune(r) // a real U+FFFD
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && unprintable(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unprintable(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unprintable(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r == utf8.RuneError:
		return true // maybe invalid UTF-8, shown byte by byte
	case r >= 0x200b && r <= 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
		return true
	}
	return false
}

// MarshalJSON gives the machine-readable form used by --json.
func (d Diag) MarshalJSON() ([]byte, error) {
	p := d.Position()
	return json.Marshal(struct {
		File     string `json:"file,omitempty"`
		Line     int    `json:"line,omitempty"`
		Col      int    `json:"col,omitempty"`
		Severity string `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
		Hint     string `json:"hint,omitempty"`
		Subject  string `json:"subject,omitempty"`
	}{p.File, p.Line, p.Col, d.Sev.String(), d.Code, d.Msg, d.Hint, d.Subject})
}

// Diags is what every phase returns beside what it could build.
type Diags []Diag

// Errorf adds an error.
func (ds *Diags) Errorf(span Span, code, format string, args ...any) *Diag {
	*ds = append(*ds, Diag{Sev: Error, Span: span, Code: code, Msg: fmt.Sprintf(format, args...)})
	return &(*ds)[len(*ds)-1]
}

// Warnf adds a warning.
func (ds *Diags) Warnf(span Span, code, format string, args ...any) *Diag {
	*ds = append(*ds, Diag{Sev: Warning, Span: span, Code: code, Msg: fmt.Sprintf(format, args...)})
	return &(*ds)[len(*ds)-1]
}

// WithHint sets the hint of a diagnostic just added: ds.Errorf(...).WithHint("...").
func (d *Diag) WithHint(format string, args ...any) {
	d.Hint = fmt.Sprintf(format, args...)
}

// About sets the subject of a diagnostic just added and returns it:
// ds.Errorf(...).About(label).
func (d *Diag) About(subject string) *Diag {
	d.Subject = subject
	return d
}

// Add appends other diagnostics.
func (ds *Diags) Add(more ...Diag) { *ds = append(*ds, more...) }

// HasErrors reports whether any diagnostic is an error.
func (ds Diags) HasErrors() bool {
	for _, d := range ds {
		if d.Sev == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ds Diags) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Sev == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Sort orders by file, line, column, then message, as go/scanner does, and
// drops exact repeats (the same message at the same place, which a file
// read by two publications would otherwise produce twice).
func (ds Diags) Sort() Diags {
	type keyed struct {
		p Position
		d Diag
	}
	ks := make([]keyed, len(ds))
	for i, d := range ds {
		ks[i] = keyed{d.Position(), d}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(
			cmp.Compare(a.p.File, b.p.File),
			cmp.Compare(a.p.Line, b.p.Line),
			cmp.Compare(a.p.Col, b.p.Col),
			cmp.Compare(a.d.Sev, b.d.Sev),
			cmp.Compare(a.d.Msg, b.d.Msg),
		)
	})
	out := make(Diags, 0, len(ks))
	for i, k := range ks {
		if i > 0 && k.p == ks[i-1].p && k.d.Msg == ks[i-1].d.Msg && k.d.Sev == ks[i-1].d.Sev {
			continue
		}
		out = append(out, k.d)
	}
	return out
}

// Promote turns warnings into errors (--strict).
func (ds Diags) Promote() Diags {
	out := slices.Clone(ds)
	for i := range out {
		out[i].Sev = Error
	}
	return out
}

// Err is nil when there are no errors, else an error that prints them all.
func (ds Diags) Err() error {
	if !ds.HasErrors() {
		return nil
	}
	return diagError(ds)
}

type diagError Diags

func (e diagError) Error() string {
	var b strings.Builder
	for i, d := range Diags(e).Sort() {
		if d.Sev != Error {
			continue
		}
		if i > 0 && b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}
