package doc

import "strings"

// HowToCite is how a reader cites a chapter or a whole publication: the
// work as an entry of a reference list in the publication's own style, a
// citation of it at one paragraph, and the record itself in the formats
// reference managers import. Resolve makes it from the manifest's
// metadata; renderers show and offer it.
type HowToCite struct {
	Entry []Inline // the bibliography entry: "Working Group 13(c), 'Norm 13(c): …', in …"
	// Pinpoint is the work cited at a paragraph, as the style cites with
	// a locator ("…, para. 12"). Its text holds Slot where the paragraph
	// number goes, so one formatting serves every paragraph: a renderer
	// replaces Slot in the rendered text. Nil when the work has no
	// numbered paragraphs.
	Pinpoint []Inline
	Slot     string
	Records  []CiteRecord
}

// CiteRecord is the work's bibliographic record in one format.
type CiteRecord struct {
	Format    string // the name a reader knows: "BibTeX", "RIS", "CSL-JSON"
	Ext       string // file extension without the dot: "bib", "ris", "json"
	MediaType string // "application/x-bibtex", "application/x-research-info-systems", "application/vnd.citationstyles.csl+json"
	Data      []byte
}

// bodyWords mark a name that is a body's, not a person's: the manifest
// gives names as plain strings, so "Working Group 13(c)" or "The Editors
// of the … Project" are told from "Michael N. Schmitt" by their words.
var bodyWords = []string{"Group", "Committee", "Institute", "Centre", "Center", "Office", "Ministry",
	"Association", "University", "Secretariat", "Council", "Project", "Editors", "Board",
	"Commission", "Agency", "Government", "Department", "Programme", "Program", "Network", "Team"}

// IsBodyName reports whether a name from the manifest or front matter
// reads as a body's (an organisation, a working group), which reference
// formats keep whole instead of splitting into given and family names.
func IsBodyName(name string) bool {
	for _, w := range strings.Fields(name) {
		for _, b := range bodyWords {
			if w == b {
				return true
			}
		}
	}
	return false
}
