package csl

import (
	"io/fs"
	"path"

	"github.com/normpress/normpress/build/source"
)

// Test helpers: the built-in styles (templates/styles) read from a file
// system, so that this package's tests need not import templates.

// builtinNames are the styles written for normpress and shipped in
// templates/styles.
var builtinNames = [...]string{"chicago-notes", "author-date", "numeric"}

// BuiltinStyleNames lists the built-in styles.
func BuiltinStyleNames() []string { return builtinNames[:] }

// IsBuiltinStyle reports whether name is a built-in style.
func IsBuiltinStyle(name string) bool {
	for _, n := range builtinNames {
		if n == name {
			return true
		}
	}
	return false
}

// BuiltinStyle parses a built-in style from the templates file system
// (templates.FS, which holds styles/<name>.csl). ok is false when there is
// no such style.
func BuiltinStyle(templates fs.FS, name string) (s *Style, ds source.Diags, ok bool) {
	if !IsBuiltinStyle(name) {
		return nil, nil, false
	}
	p := path.Join("styles", name+".csl")
	data, err := fs.ReadFile(templates, p)
	if err != nil {
		return nil, nil, false
	}
	s, ds = ParseStyle(source.NewFile("templates/"+p, data))
	return s, ds, s != nil
}
