package doc

// Moved is a paragraph of the released edition that now stands in another
// chapter (moved, or merged into a paragraph there). Its anchors on its
// old chapter's page must still lead to it: the web edition keeps them on
// that page, each with a note and a link to the new place, and follows
// the link by itself when scripts run. When the old chapter is gone, its
// page is kept for these anchors alone.
type Moved struct {
	From   string   // the old chapter's ID
	IDs    []string // the anchors it had there: "p12" and its identity
	Number int      // its number there
	To     Target   // where it is now
	// Note says it for the reader: "Para. 12 of the first edition is now
	// Norm 13(d), para. 4." (the last part is the link).
	Note, Now string
}
