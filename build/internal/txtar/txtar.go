// Package txtar reads the txtar format that whole-project tests are written
// in (as Hugo's integration tests and the go command's script tests are):
// one string holds many files, each introduced by a "-- name --" line.
package txtar

import (
	"strings"
	"testing/fstest"
)

// Parse splits a txtar string into files. Text before the first marker is a
// comment and is dropped.
func Parse(s string) map[string]string {
	files := map[string]string{}
	var name string
	var b strings.Builder
	flush := func() {
		if name != "" {
			files[name] = b.String()
		}
		b.Reset()
	}
	for line := range strings.Lines(s) {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		if name != "" {
			b.WriteString(line)
		}
	}
	flush()
	return files
}

// FS makes an in-memory file system from a txtar string.
func FS(s string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range Parse(s) {
		fsys[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	}
	return fsys
}
