// Package templates holds the presentation files that are built into the
// binary: HTML and EPUB templates and styles, the PDF's layout data and the
// built-in citation styles. Each renderer reads its own subfolder.
package templates

import "embed"

// FS is every file in this folder and its subfolders (Go files included,
// which no renderer reads).
//
//go:embed *
var FS embed.FS
