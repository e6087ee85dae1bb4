package main

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// labelKinds are the label prefixes a chapter can define ({#sec:x}); norms
// are not among them because they live in the registry, which copies share.
var labelKinds = []string{"sec", "fig", "tbl", "para"}

// defineLabels adds to defined every label that src defines with {#kind:name},
// as "kind:name".
func defineLabels(src []byte, defined map[string]bool) {
	for i := 0; i+1 < len(src); i++ {
		if src[i] != '{' || src[i+1] != '#' {
			continue
		}
		if n := scanKey(src[i+2:]); n > 0 {
			if l := string(src[i+2 : i+2+n]); isLabel(l) {
				defined[l] = true
			}
		}
	}
}

// rewriteLabels appends suffix to every label that src defines or refers to,
// when the label is one of defined: {#sec:x}, @sec:x, @Sec:x and @{sec:x}.
// Labels outside defined (norms, labels of files that are not copied) and
// citation keys stay as they are, so a copy still cites the same works.
func rewriteLabels(src []byte, suffix string, defined map[string]bool) []byte {
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/50)
	last := 0
	for i := 0; i < len(src); i++ {
		var start, n int
		switch {
		case src[i] == '{' && i+1 < len(src) && src[i+1] == '#':
			start = i + 2
			n = scanKey(src[start:])
		case src[i] == '@' && inWord(src[:i]):
			continue // doe@example.org: the Markdown reader sees no reference either
		case src[i] == '@' && i+1 < len(src) && src[i+1] == '{':
			start = i + 2
			if end := bytes.IndexByte(src[start:], '}'); end > 0 {
				n = end
			}
		case src[i] == '@':
			start = i + 1
			n = scanKey(src[start:])
		default:
			continue
		}
		if n == 0 || !defined[lowerFirst(string(src[start:start+n]))] {
			continue
		}
		out.Write(src[last : start+n])
		out.WriteString(suffix)
		last = start + n
		i = last - 1
	}
	out.Write(src[last:])
	return out.Bytes()
}

// inWord says whether the text before an '@' ends in a word or address.
func inWord(before []byte) bool {
	r, _ := utf8.DecodeLastRune(before)
	return len(before) > 0 && (isKeyChar(r) || strings.ContainsRune(`.-+\`, r))
}

// lowerFirst turns @Sec:x, which capitalises the reference, into the label
// it points at.
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}

func isLabel(s string) bool {
	for _, k := range labelKinds {
		if len(s) > len(k)+1 && strings.HasPrefix(s, k) && s[len(k)] == ':' {
			return true
		}
	}
	return false
}

// scanKey measures a key at the start of b by pandoc's rule, as the Markdown
// reader does (build/markdown/key.go; unexported there): a letter, digit or
// '_' first, then those and the punctuation :.#$%&-+?<>~/ where a letter,
// digit or '_' follows, so "@sec:x." ends before the dot.
func scanKey(b []byte) int {
	r, size := utf8.DecodeRune(b)
	if len(b) == 0 || !isKeyChar(r) {
		return 0
	}
	i := size
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if isKeyChar(r) {
			i += size
			continue
		}
		if i+size < len(b) {
			next, _ := utf8.DecodeRune(b[i+size:])
			if strings.ContainsRune(":.#$%&-+?<>~/", r) && isKeyChar(next) {
				i += size
				continue
			}
		}
		break
	}
	return i
}

func isKeyChar(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// splitFrontMatter returns the YAML between the opening and closing "---"
// lines (without them) and the rest; fm is nil when there is none.
func splitFrontMatter(src []byte) (fm, body []byte) {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return nil, src
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end+1]
		}
		if t := strings.TrimRight(string(line), "\r\n \t"); t == "---" || t == "..." {
			return rest[:off], rest[off+len(line):]
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, src
}

// copyFrontMatter edits a chapter's front matter for copy number k: the
// norm line goes (a publication has one chapter per norm, and that chapter
// carries the norm's text and further reading), and an explicit id gets the
// copy's suffix, as the file name does.
func copyFrontMatter(fm []byte, suffix string) []byte {
	var out bytes.Buffer
	lines := strings.SplitAfter(string(fm), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "norm:"):
			// A value on the following lines (a block scalar or list) goes too.
			for i+1 < len(lines) && lines[i+1] != "" && (lines[i+1][0] == ' ' || lines[i+1][0] == '-') {
				i++
			}
			continue
		case strings.HasPrefix(l, "id:"):
			v := strings.TrimSpace(strings.TrimPrefix(l, "id:"))
			if j := strings.Index(v, " #"); j >= 0 {
				v = strings.TrimSpace(v[:j])
			}
			v = strings.Trim(v, `"'`)
			l = "id: " + v + suffix + "\n"
		}
		out.WriteString(l)
	}
	return out.Bytes()
}

// copyChapter is the chapter src as copy k of itself.
func copyChapter(src []byte, suffix string, defined map[string]bool) []byte {
	fm, body := splitFrontMatter(src)
	var out bytes.Buffer
	if fm != nil {
		out.WriteString("---\n")
		out.Write(copyFrontMatter(fm, suffix))
		out.WriteString("---\n")
	}
	out.Write(body)
	return rewriteLabels(out.Bytes(), suffix, defined)
}
