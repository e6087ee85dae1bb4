package bib

import (
	"path"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// Format is a bibliography file format.
type Format string

const (
	BibTeX  Format = "bibtex" // .bib: BibTeX and BibLaTeX
	CSLJSON Format = "csljson"
	CSLYAML Format = "cslyaml"
	RIS     Format = "ris" // .ris: what reference managers import and export
)

// FormatOf names the format a file's extension stands for, or "".
func FormatOf(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".bib", ".bibtex", ".biblatex":
		return BibTeX
	case ".json":
		return CSLJSON
	case ".yaml", ".yml":
		return CSLYAML
	case ".ris":
		return RIS
	}
	return ""
}

// ParseFormat reads a format's name as a user gives it (normpress bib
// --to): bibtex, biblatex or bib; csljson or json; cslyaml, yaml or yml;
// ris.
func ParseFormat(name string) (Format, bool) {
	switch strings.ToLower(name) {
	case "bibtex", "biblatex", "bib":
		return BibTeX, true
	case "csljson", "csl-json", "json":
		return CSLJSON, true
	case "cslyaml", "csl-yaml", "yaml", "yml":
		return CSLYAML, true
	case "ris":
		return RIS, true
	}
	return "", false
}

// Write writes items in a format; nil for a format it does not know.
func Write(items []*Item, f Format) []byte {
	switch f {
	case BibTeX:
		return WriteBibTeX(items)
	case CSLJSON:
		return WriteCSLJSON(items)
	case CSLYAML:
		return WriteCSLYAML(items)
	case RIS:
		return WriteRIS(items)
	}
	return nil
}

// Parse reads a bibliography file in the format its extension names.
func Parse(f *source.File) ([]*Item, source.Diags) {
	switch FormatOf(f.Name) {
	case BibTeX:
		return ParseBibTeX(f)
	case CSLJSON:
		return ParseCSLJSON(f)
	case CSLYAML:
		return ParseCSLYAML(f)
	case RIS:
		return ParseRIS(f)
	}
	var ds source.Diags
	ds.Errorf(f.At(0), "bib-format", "%s: not a bibliography format normpress reads", f.Name).
		WithHint("use .bib (BibTeX/BibLaTeX), .json (CSL-JSON), .yaml (CSL-YAML) or .ris (RIS)")
	return nil, ds
}

// dedupe keeps the first item with each key and reports the others at
// their key (at), as NewLibrary reports duplicates across files at their
// record. Reporting here, with the key's own position, and dropping the
// repeat keeps the library from reporting it a second time.
func dedupe(items []*Item, at []source.Span, ds *source.Diags) []*Item {
	first := make(map[string]int, len(items))
	out := items[:0:0]
	for i, it := range items {
		if j, dup := first[it.ID]; dup {
			ds.Errorf(at[i], "duplicate-citation-key", "duplicate citation key %q", it.ID).
				WithHint("first defined at %s", at[j].Position())
			continue
		}
		first[it.ID] = i
		out = append(out, it)
	}
	return out
}
