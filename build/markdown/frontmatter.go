package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/normpress/normpress/build/source"
	"github.com/normpress/normpress/build/yamlerr"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// frontMatter is where a chapter's YAML block and its body are.
type frontMatter struct {
	present   bool
	closed    bool
	open      int // the opening delimiter line
	yamlStart int // first byte of the YAML text
	yamlEnd   int // the closing delimiter line's start
	bodyStart int
	line      int // 1-based file line of the YAML text's first line
}

// splitFrontMatter finds a YAML block between "---" lines at the very top
// (after a byte-order mark). It ends at "---" or "...".
func splitFrontMatter(data []byte) frontMatter {
	off := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		off = 3
	}
	fm := frontMatter{bodyStart: off}
	first, next := lineAt(data, off)
	if string(first) != "---" {
		return fm
	}
	fm.present = true
	fm.open = off
	fm.yamlStart = next
	fm.line = 2
	for pos, n := next, 2; pos < len(data); n++ {
		l, nxt := lineAt(data, pos)
		if s := string(l); s == "---" || s == "..." {
			fm.closed = true
			fm.yamlEnd = pos
			fm.bodyStart = nxt
			return fm
		}
		pos = nxt
	}
	fm.yamlEnd = len(data)
	fm.bodyStart = len(data)
	return fm
}

// lineAt returns the line starting at off without its line end and
// trailing blanks, and the offset of the next line.
func lineAt(data []byte, off int) ([]byte, int) {
	end := off
	for end < len(data) && data[end] != '\n' {
		end++
	}
	next := end
	if next < len(data) {
		next++
	}
	return bytes.TrimRight(data[off:end], " \t\r"), next
}

// meta is the decoded front matter; spans point at the values.
type meta struct {
	title, abstract        *yaml.Node
	id, norm, status, lang string
	short                  string
	idSpan, normSpan       source.Span
	authors, keywords      []string
	broken                 bool // not YAML, or not a mapping: no title to miss
	titled                 bool // a title: key was given (and reported if bad)
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

var frontMatterKeys = []string{"title", "short-title", "id", "norm", "authors", "abstract", "keywords", "status", "lang"}

// decodeFrontMatter reads the YAML block strictly: unknown keys, wrong
// types and bad values are errors at the key's or value's line and column.
func decodeFrontMatter(f *source.File, fm frontMatter, diags *source.Diags) meta {
	var m meta
	if !fm.present {
		return m
	}
	if !fm.closed {
		diags.Errorf(f.At(fm.open), "front-matter", "front matter is not closed").
			WithHint("end the YAML block with a line of three dashes: ---")
		m.broken = true
		return m
	}
	text := fm.yamlText(f.Data)
	pos := func(n *yaml.Node) source.Span {
		return f.LineCol(fm.line+n.Line-1, n.Column)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		yamlerr.Report(diags, f, fm.yamlStart, text, err, "front-matter", "front matter: ")
		m.broken = true
		return m
	}
	if root.Kind == 0 {
		return m // an empty block
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		diags.Errorf(pos(doc), "front-matter", "front matter must be a mapping of keys to values")
		m.broken = true
		return m
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if k.Kind != yaml.ScalarNode {
			diags.Errorf(pos(k), "unknown-key", "front matter keys are plain names")
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			diags.Errorf(pos(k), "duplicate-key", "%s is given twice (first at line %d)", k.Value, fm.line+prev.Line-1)
			continue
		}
		seen[k.Value] = k
		switch k.Value {
		case "title":
			m.titled = true
			switch {
			case v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || strings.TrimSpace(v.Value) == ""):
				diags.Errorf(pos(v), "missing-title", "title is empty")
			case v.Kind != yaml.ScalarNode:
				diags.Errorf(pos(v), "wrong-type", "title must be text, not %s", kindName(v))
			default:
				m.title = v
			}
		case "short-title":
			if s, ok := scalar(v, "short-title", pos, diags); ok {
				m.short = strings.TrimSpace(s)
			}
		case "abstract":
			if _, ok := scalar(v, "abstract", pos, diags); ok {
				m.abstract = v
			}
		case "id":
			if s, ok := scalar(v, "id", pos, diags); ok {
				m.idSpan = valueSpan(f, pos(v), v)
				if !idPattern.MatchString(s) {
					diags.Errorf(m.idSpan, "bad-id", "id %q must be lower-case letters, digits and hyphens, starting with a letter or digit", s)
				} else {
					m.id = s
				}
			}
		case "norm":
			if s, ok := scalar(v, "norm", pos, diags); ok {
				m.norm, m.normSpan = s, valueSpan(f, pos(v), v)
			}
		case "status":
			if s, ok := scalar(v, "status", pos, diags); ok {
				switch s {
				case "draft", "review", "final":
					m.status = s
				default:
					diags.Errorf(pos(v), "bad-status", "status %q is not one of draft, review, final", s)
				}
			}
		case "lang":
			if s, ok := scalar(v, "lang", pos, diags); ok {
				if _, err := language.Parse(s); err != nil {
					diags.Errorf(pos(v), "bad-lang", "lang %q is not a BCP 47 language tag", s).WithHint("for example en-GB, fr, de-CH")
				} else {
					m.lang = s
				}
			}
		case "authors":
			m.authors = stringList(v, "authors", true, pos, diags)
		case "keywords":
			m.keywords = stringList(v, "keywords", false, pos, diags)
		default:
			diags.Errorf(pos(k), "unknown-key", "unknown front matter key %q", k.Value).
				WithHint("the keys are %s", strings.Join(frontMatterKeys, ", "))
		}
	}
	return m
}

// yamlText is the YAML block with bytes that are not UTF-8 (reported
// already) replaced one by one: yaml.v3 rejects them, and a one-for-one
// replacement keeps its columns, which count characters.
func (fm frontMatter) yamlText(data []byte) []byte {
	b := data[fm.yamlStart:fm.yamlEnd]
	if utf8.Valid(b) {
		return b
	}
	var out []byte
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a " + strings.TrimPrefix(n.Tag, "!!")
}

// scalar takes a value that must be one piece of text. Numbers (id: 2025)
// are text as written; null is a missing value.
func scalar(v *yaml.Node, key string, pos func(*yaml.Node) source.Span, diags *source.Diags) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		diags.Errorf(pos(v), "wrong-type", "%s must be text, not %s", key, kindName(v))
		return "", false
	}
	if v.Tag == "!!null" {
		diags.Errorf(pos(v), "wrong-type", "%s has no value", key)
		return "", false
	}
	return v.Value, true
}

// stringList takes a list of texts, or (when one is allowed) a single text.
func stringList(v *yaml.Node, key string, one bool, pos func(*yaml.Node) source.Span, diags *source.Diags) []string {
	if one && v.Kind == yaml.ScalarNode {
		if s, ok := scalar(v, key, pos, diags); ok {
			return []string{s}
		}
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		diags.Errorf(pos(v), "wrong-type", "%s must be a list, not %s", key, kindName(v)).
			WithHint("%s: [first, second]", key)
		return nil
	}
	var out []string
	for _, it := range v.Content {
		if it.Kind == yaml.AliasNode && it.Alias != nil {
			it = it.Alias
		}
		if s, ok := scalar(it, fmt.Sprintf("each of %s", key), pos, diags); ok {
			out = append(out, s)
		}
	}
	return out
}

// valueSpan covers a one-line scalar's text in the file.
func valueSpan(f *source.File, at source.Span, v *yaml.Node) source.Span {
	end := at.Start
	for end < len(f.Data) && f.Data[end] != '\n' && f.Data[end] != '\r' && f.Data[end] != '#' {
		end++
	}
	for end > at.Start && (f.Data[end-1] == ' ' || f.Data[end-1] == '\t') {
		end--
	}
	return f.Range(at.Start, end)
}

// scalarText locates a scalar's text for Markdown parsing: the text, where
// its first byte is in the file, and the indentation of later lines.
func scalarText(f *source.File, fm frontMatter, v *yaml.Node) (text string, start, indent int) {
	at := f.Offset(fm.line+v.Line-1, v.Column)
	switch v.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		return v.Value, at + 1, v.Column
	case yaml.LiteralStyle, yaml.FoldedStyle:
		// The node points at the | or >; the text starts on the next line.
		_, next := lineAt(f.Data, at)
		first := next
		for p := next; p < fm.yamlEnd; {
			l, nxt := lineAt(f.Data, p)
			if len(bytes.TrimSpace(l)) > 0 {
				first = p
				break
			}
			p = nxt
		}
		indent = 0
		for first+indent < len(f.Data) && f.Data[first+indent] == ' ' {
			indent++
		}
		// The text's first line is the file's line after the indicator.
		return v.Value, next, indent
	}
	return v.Value, at, v.Column - 1
}

// scalarMapping is the scalar's text and the mapper from its bytes to the
// file. A literal block keeps its lines (one anchor per line); a quoted,
// folded or plain value may have dropped escapes and joined lines, so its
// bytes are aligned with the file's (an error in "a \"quoted\" title" or a
// folded abstract is reported where it is, not shifted by the escapes).
func scalarMapping(f *source.File, fm frontMatter, v *yaml.Node) (string, *mapper) {
	text, start, indent := scalarText(f, fm, v)
	switch v.Style {
	case yaml.LiteralStyle:
		return text, fragmentMapper(f, []byte(text), start, indent)
	case yaml.DoubleQuotedStyle:
		return text, alignMapper(f, []byte(text), start, fm.yamlEnd, true)
	}
	return text, alignMapper(f, []byte(text), start, fm.yamlEnd, false)
}
