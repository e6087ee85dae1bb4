// Package csl is normpress's citation processor: it reads CSL 1.0.2 styles
// and locales and formats citations and bibliographies from bib.Item
// records. It sits in the resolve phase.
//
// Styles come from ParseStyle (a .csl file, with diagnostics at
// file:line:col; the built-in ones, "chicago-notes", "author-date" and
// "numeric", are templates/styles, read with templates.Style). A Processor formats one
// document: register every citation in reading order with AddCitation
// (note number set for note styles, ResetPositions where a chapter
// restarts full references), then read Citations and Bibliography.
// Disambiguation and positions (ibid, subsequent, near-note,
// first-reference-note-number) depend on the whole document, so they are
// computed when the results are first read.
//
// Output is Rich, a small tree of formatted text (italic, bold, small
// caps, super- and subscript, links, display blocks, and KItem marks for
// the part of a citation that cites each item), with three conversions:
// HTML in citeproc-js's form (the CSL test suite compares it byte for
// byte), plain text, and doc.Inline for the HTML, EPUB and PDF renderers.
//
// The processor follows citeproc-js, the reference implementation, where
// the specification leaves room (punctuation where parts join, text-case,
// disambiguation, cite collapsing): the test suite in
// ../shared/testdata/csl runs as TestSuite, and the fixtures that still
// fail are listed with their reasons in testdata/suite-known-failures.txt.
//
// Styles and Locales are read-only once made and may be shared by
// processors running at the same time; a Processor is used by one
// goroutine. The bundled locales (en-US, en-GB, fr-FR, de-DE, nl-NL) are
// the CSL project's, under CC BY-SA 3.0; see locales/README.md.
package csl
