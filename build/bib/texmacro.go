package bib

import "strings"

// A classic .bib file may define its own LaTeX commands in @preamble, for
// BibTeX to write into the .bbl: Patashnik's xampl.bib, the file every
// BibTeX tool is tried on, defines \noopsort, \printfirst, \singleletter
// and \switchargs there and uses them in names and years. Such a command
// is not one a reference manager exports, so the decoder does not know it;
// the file itself says what it means. The definitions are read from the
// preamble and expanded in field values before decoding, the way TeX
// would, so "{\switchargs{--90}{1968}}" is the year range "1968--90".
//
// Only \newcommand, \renewcommand and \providecommand (with or without a
// star, with a [n] argument count and no optional-argument default) and
// plain \def\name#1#2{...} are read: they are what .bib files use.

// texMacro is one command defined in a preamble.
type texMacro struct {
	args int
	body string
}

// Expansion limits: a definition that refers to itself, or doubles its
// argument at each level, stops here instead of running away.
const (
	texMacroPasses = 16
	texMacroMaxLen = 1 << 16
)

// readTeXMacros adds the commands a preamble defines to macros.
func readTeXMacros(pre string, macros map[string]texMacro) {
	for i := 0; i < len(pre); i++ {
		if pre[i] != '\\' {
			continue
		}
		name, j := texCommandName(pre, i)
		switch name {
		case "newcommand", "renewcommand", "providecommand":
			if j < len(pre) && pre[j] == '*' {
				j++
			}
			j = skipTeXSpace(pre, j)
			// The name: {\foo} or \foo.
			var defined string
			if j < len(pre) && pre[j] == '{' {
				arg, k, ok := texGroup(pre, j)
				if !ok {
					return
				}
				arg = strings.TrimSpace(arg)
				if n, end := texCommandName(arg, 0); n != "" && end == len(arg) {
					defined = n
				}
				j = k
			} else if j < len(pre) && pre[j] == '\\' {
				defined, j = texCommandName(pre, j)
			}
			j = skipTeXSpace(pre, j)
			args := 0
			if j+2 < len(pre) && pre[j] == '[' && pre[j+1] >= '0' && pre[j+1] <= '9' && pre[j+2] == ']' {
				args = int(pre[j+1] - '0')
				j = skipTeXSpace(pre, j+3)
			}
			if j < len(pre) && pre[j] == '[' {
				// An optional argument's default: not something .bib
				// files use; leave the command unknown.
				defined = ""
			}
			body, k, ok := texGroup(pre, j)
			if !ok {
				return
			}
			if defined != "" {
				if _, exists := macros[defined]; !exists || name != "providecommand" {
					macros[defined] = texMacro{args: args, body: body}
				}
			}
			i = k - 1
		case "def":
			j = skipTeXSpace(pre, j)
			if j >= len(pre) || pre[j] != '\\' {
				continue
			}
			defined, k := texCommandName(pre, j)
			args := 0
			for k+1 < len(pre) && pre[k] == '#' && pre[k+1] == byte('1'+args) {
				args++
				k += 2
			}
			body, end, ok := texGroup(pre, k)
			if !ok {
				return
			}
			if defined != "" {
				macros[defined] = texMacro{args: args, body: body}
			}
			i = end - 1
		}
	}
}

// expandTeXMacros expands the commands of macros in s. changed is false
// (and s returned as it is) when there was nothing to expand.
func expandTeXMacros(s string, macros map[string]texMacro) (out string, changed bool) {
	if len(macros) == 0 || !strings.Contains(s, `\`) {
		return s, false
	}
	for pass := 0; pass < texMacroPasses; pass++ {
		next, did := expandOnce(s, macros)
		if !did {
			break
		}
		changed = true
		s = next
		if len(s) > texMacroMaxLen {
			break
		}
	}
	return s, changed
}

func expandOnce(s string, macros map[string]texMacro) (string, bool) {
	var b strings.Builder
	did := false
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		name, j := texCommandName(s, i)
		m, ok := macros[name]
		if !ok {
			if name == "" {
				i++ // an escaped character: "\\", "\{"
			} else {
				i = j - 1
			}
			continue
		}
		args := make([]string, 0, m.args)
		k := j
		for len(args) < m.args {
			k = skipTeXSpace(s, k)
			if k >= len(s) {
				break
			}
			if s[k] == '{' {
				a, end, ok := texGroup(s, k)
				if !ok {
					break
				}
				args = append(args, a)
				k = end
			} else if s[k] == '\\' {
				_, end := texCommandName(s, k)
				if end == k+1 && end < len(s) {
					end++
				}
				args = append(args, s[k:end])
				k = end
			} else {
				args = append(args, s[k:k+1])
				k++
			}
		}
		if len(args) < m.args {
			continue // too few arguments: leave it for the decoder to report
		}
		b.WriteString(s[last:i])
		b.WriteString(substituteArgs(m.body, args))
		last = k
		i = k - 1
		did = true
	}
	if !did {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// substituteArgs puts the arguments in place of #1 … #9.
func substituteArgs(body string, args []string) string {
	if !strings.Contains(body, "#") {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == '#' && i+1 < len(body) {
			if n := int(body[i+1] - '1'); n >= 0 && n < len(args) {
				b.WriteString(args[n])
				i++
				continue
			}
		}
		b.WriteByte(body[i])
	}
	return b.String()
}

// texCommandName reads the command at s[i] (a backslash): its letters,
// and where the command ends. A backslash before a non-letter gives "".
func texCommandName(s string, i int) (string, int) {
	j := i + 1
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] == '@') {
		j++
	}
	return s[i+1 : j], j
}

// texGroup reads the brace group at s[i]: its content and the index after
// its closing brace.
func texGroup(s string, i int) (string, int, bool) {
	if i >= len(s) || s[i] != '{' {
		return "", i, false
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return s[i+1 : j], j + 1, true
			}
		}
	}
	return "", i, false
}

func skipTeXSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}
