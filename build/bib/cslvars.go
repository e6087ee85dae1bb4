package bib

// The CSL 1.0.2 data model's variables and item types (csl-data.json in
// the CSL schema, and the specification's appendix), which the CSL-JSON
// and CSL-YAML readers check keys against.

type varKind uint8

const (
	varUnknown varKind = iota
	varStandard
	varNumber
	varName
	varDate
)

// cslVarKind says what kind of variable a CSL-JSON key is.
func cslVarKind(key string) varKind {
	switch key {
	case "author", "chair", "collection-editor", "compiler", "composer", "container-author",
		"contributor", "curator", "director", "editor", "editorial-director", "editor-translator",
		"executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
		"organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
		"script-writer", "series-creator", "translator":
		return varName
	case "accessed", "available-date", "event-date", "issued", "original-date", "submitted":
		return varDate
	case "chapter-number", "citation-number", "collection-number", "edition",
		"first-reference-note-number", "issue", "locator", "number", "number-of-pages",
		"number-of-volumes", "page", "page-first", "part", "part-number", "printing",
		"supplement", "volume":
		return varNumber
	case "abstract", "annote", "archive", "archive_collection", "archive_location",
		"archive-place", "authority", "call-number", "citation-key", "citation-label",
		"collection-title", "container-title", "container-title-short", "dimensions",
		"division", "DOI", "event", "event-title", "event-place", "genre", "ISBN", "ISSN",
		"jurisdiction", "keyword", "language", "license", "medium", "note",
		"original-publisher", "original-publisher-place", "original-title", "part-title",
		"PMCID", "PMID", "publisher", "publisher-place", "references", "reviewed-genre",
		"reviewed-title", "scale", "section", "source", "status", "title", "title-short",
		"URL", "version", "volume-title", "volume-title-short", "year-suffix":
		return varStandard
	}
	return varUnknown
}

// legacyAlias maps the variable names Zotero and older citeproc-js used to
// their CSL 1.0.2 names.
func legacyAlias(key string) string {
	switch key {
	case "shortTitle":
		return "title-short"
	case "journalAbbreviation":
		return "container-title-short"
	case "archive-location":
		return "archive_location"
	}
	return ""
}

// quietKey is a key that is not a CSL variable but that exporters write
// and processors ignore: no warning for it.
func quietKey(key string) bool {
	switch key {
	case "categories", "custom", "system_id", "citationKey", "key", "library", "seeAlso",
		"attachments", "notes", "tags", "collections", "relations", "dateAdded",
		"dateModified", "accessDate", "uri", "itemKey", "libraryCatalog", "extra",
		"keywords", "abstractNote", "rights", "journal-abbreviation", "container-title-abbreviation":
		return true
	}
	return false
}

// cslTypes are the item types of CSL 1.0.2.
func isCSLType(t string) bool {
	switch t {
	case "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
		"broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
		"entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
		"interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
		"musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
		"personal_communication", "post", "post-weblog", "regulation", "report", "review",
		"review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage":
		return true
	}
	return false
}

func cslTypeNames() []string {
	return []string{"article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
		"broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
		"entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
		"interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
		"musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
		"personal_communication", "post", "post-weblog", "regulation", "report", "review",
		"review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage"}
}

// cslVarNames lists every variable, for "did you mean" hints.
func cslVarNames() []string {
	return []string{
		"author", "chair", "collection-editor", "compiler", "composer", "container-author",
		"contributor", "curator", "director", "editor", "editorial-director", "editor-translator",
		"executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
		"organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
		"script-writer", "series-creator", "translator",
		"accessed", "available-date", "event-date", "issued", "original-date", "submitted",
		"chapter-number", "citation-number", "collection-number", "edition",
		"first-reference-note-number", "issue", "locator", "number", "number-of-pages",
		"number-of-volumes", "page", "page-first", "part", "part-number", "printing",
		"supplement", "volume",
		"abstract", "annote", "archive", "archive_collection", "archive_location",
		"archive-place", "authority", "call-number", "citation-key", "citation-label",
		"collection-title", "container-title", "container-title-short", "dimensions",
		"division", "DOI", "event", "event-title", "event-place", "genre", "ISBN", "ISSN",
		"jurisdiction", "keyword", "language", "license", "medium", "note",
		"original-publisher", "original-publisher-place", "original-title", "part-title",
		"PMCID", "PMID", "publisher", "publisher-place", "references", "reviewed-genre",
		"reviewed-title", "scale", "section", "source", "status", "title", "title-short",
		"URL", "version", "volume-title", "volume-title-short", "year-suffix",
		"id", "type",
	}
}
