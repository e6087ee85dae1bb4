// Package csl is normpress's citation processor: it reads CSL 1.0.2 styles
// and locales and formats citations and bibliographies from bib.Item
// records. It sits in the resolve phase: the pipeline registers every
// citation of a publication in reading order (AddCitation), then reads the
// formatted citations and the bibliography, because disambiguation and
// positions (ibid, subsequent, near-note) depend on the whole document.
//
// Output is Rich, a small tree of formatted text (italic, bold, small caps,
// super- and subscript, links, display blocks) with three conversions: HTML
// in citeproc-js's form (the CSL test suite compares it byte for byte),
// plain text, and doc.Inline for the HTML, EPUB and PDF renderers.
//
// The bundled locales (en-US, en-GB, fr-FR, de-DE, nl-NL) are the CSL
// project's, under CC BY-SA 3.0; see locales/README.md.
package csl
