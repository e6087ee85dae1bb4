// Package templates holds the presentation files that are built into the
// binary: HTML and EPUB templates and styles, the PDF's layout data and the
// built-in citation styles. Each renderer reads its own subfolder.
package templates

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

// FS is every file in this folder and its subfolders (Go files included,
// which no renderer reads).
//
//go:embed *
var FS embed.FS

// Style returns a built-in citation style by name ("chicago-notes").
func Style(name string) ([]byte, bool) {
	if name == "" || name != path.Base(name) {
		return nil, false
	}
	data, err := fs.ReadFile(FS, "styles/"+name+".csl")
	return data, err == nil
}

// StyleNames lists the built-in citation styles.
func StyleNames() []string {
	entries, _ := fs.ReadDir(FS, "styles")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".csl"); ok {
			names = append(names, n)
		}
	}
	return names
}
