package doc

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Term names a word a publication prints that its text does not: a
// caption's "Figure", a cross-reference's "para.", the web edition's
// "Search". Every renderer takes these words from the publication's Terms
// and from nowhere else, so a German book says "Abbildung 3" in every
// format.
type Term string

// The terms. Words that run in a sentence are stored as they stand there
// (lower case in English: "figure", "para."); renderers capitalise them at
// the start of a caption or heading with Terms.Cap. Titles and labels are
// stored as they are shown ("Contents"). Messages may hold placeholders in
// braces ({n}, {q}) that the renderer fills.
const (
	TermChapter      Term = "chapter"
	TermPart         Term = "part"
	TermSection      Term = "section"
	TermFigure       Term = "figure"
	TermTable        Term = "table"
	TermParagraph    Term = "paragraph"
	TermPara         Term = "para"  // "para." before one paragraph number
	TermParas        Term = "paras" // "paras." before a range
	TermPage         Term = "page"  // "p." before one page number
	TermPages        Term = "pages" // "pp."
	TermNote         Term = "note"
	TermNotes        Term = "notes"
	TermNorm         Term = "norm"
	TermNorms        Term = "norms"
	TermContinued    Term = "continued" // a table or note carried over a page
	TermEditedBy     Term = "edited-by"
	TermParaAbove    Term = "paragraph-above" // a reference to the unnumbered paragraph before
	TermEditorsNote  Term = "editors-note"
	TermPermalink    Term = "permalink"
	TermAnd          Term = "and" // between the last two names of a list
	TermReadOnline   Term = "read-online"
	TermNumberedPara Term = "numbered-paragraph"    // before a pinpoint citation's example
	TermA11ySummary  Term = "accessibility-summary" // the EPUB's schema:accessibilitySummary
	TermLicence      Term = "licence"
	TermBackToNote   Term = "back-to-note" // {n}: a note's link back to where it is called
	TermTypesetWith  Term = "typeset-with"
	TermUncaptioned  Term = "uncaptioned-table" // {table} {n}: a wide table's name on the web
	TermOpenQuote    Term = "open-quote"        // around a quoted title: “Scope”
	TermCloseQuote   Term = "close-quote"

	TermContents        Term = "contents"
	TermTableOfContents Term = "table-of-contents"
	TermAbstract        Term = "abstract"
	TermBibliography    Term = "bibliography"
	TermReferences      Term = "references"
	TermFurtherReading  Term = "further-reading"
	TermIndexByNorm     Term = "index-by-norm"
	TermIndexByAuthor   Term = "index-by-author"
	TermIndex           Term = "index"    // the subject index's title
	TermSee             Term = "see"      // an index entry that sends the reader to another
	TermSeeAlso         Term = "see-also" // after an index entry's locators
	TermChanges         Term = "changes"
	TermConcordance     Term = "concordance"
	TermAlsoOnTopic     Term = "also-on-topic"
	TermSummaryIn       Term = "summary-in" // "Summary in {pub}."
	TermCover           Term = "cover"
	TermStartOfContent  Term = "start-of-content"
	TermLandmarks       Term = "landmarks"
	TermPublications    Term = "publications"
	TermDownloads       Term = "downloads"

	TermSkipToContent  Term = "skip-to-content"
	TermSearch         Term = "search"
	TermSearchAll      Term = "search-all"
	TermSearchNoScript Term = "search-no-script"
	TermSearchContents Term = "search-contents"
	TermSearchFailed   Term = "search-failed"
	TermSearchNone     Term = "search-none"  // {q}
	TermSearchOne      Term = "search-one"   // {q}
	TermSearchMany     Term = "search-many"  // {n} {q}
	TermSearchFirst    Term = "search-first" // {n} {q} {max}
	TermPrevious       Term = "previous"
	TermNext           Term = "next"
	TermPrevNext       Term = "previous-next"
	TermPublishedWith  Term = "published-with"

	TermCite             Term = "cite"
	TermCiteParagraph    Term = "cite-paragraph"
	TermCiteChapter      Term = "cite-chapter"
	TermCitePublication  Term = "cite-publication"
	TermDownloadRef      Term = "download-reference"
	TermCopyCitation     Term = "copy-citation"
	TermCopied           Term = "copied"
	TermCopySelect       Term = "copy-select"
	TermClose            Term = "close"
	TermCloseNote        Term = "close-note"
	TermGoToNote         Term = "go-to-note"
	TermAtAGlance        Term = "at-a-glance"
	TermFiguresAsTable   Term = "figures-as-table"
	TermEntries          Term = "entries"
	TermEntriesPerNorm   Term = "entries-per-norm"
	TermEntriesPerTopic  Term = "entries-per-topic"
	TermTopic            Term = "topic"
	TermMoved            Term = "moved"
	TermNoLongerIn       Term = "no-longer-in" // {edition}
	TermNowElsewhere     Term = "now-elsewhere"
	TermConsultation     Term = "consultation-draft"
	TermCommentEmail     Term = "comment-email"
	TermCommentForm      Term = "comment-form"
	TermCommentParagraph Term = "comment-paragraph"
	TermCommentOn        Term = "comment-on"
	TermCommentInWord    Term = "comment-in-word"
	TermConsultDraft     Term = "consultation-sentence"
	TermConsultUntil     Term = "consultation-until"      // {date}
	TermConsultEmailForm Term = "consultation-email-form" // {email} {form}
	TermConsultEmail     Term = "consultation-email"      // {email}
	TermConsultForm      Term = "consultation-form"       // {form}
	TermConsultEnd       Term = "consultation-end"
	TermDraftChapter     Term = "draft-chapter"
	TermReviewChapter    Term = "review-chapter"

	TermCommentsBy       Term = "comments-by"
	TermDraft            Term = "draft"
	TermUnderReview      Term = "under-review"
	TermCommentsEmailTo  Term = "comments-email-to"
	TermCommentFormLabel Term = "comment-form-label"
	TermLineNumbers      Term = "line-numbers"
	TermEmailCommentTo   Term = "email-comment-to"
	TermOpenCommentForm  Term = "open-comment-form"
	TermStatusNotice     Term = "status-notice"

	// An edition's words in the changes and concordance chapters and the
	// notes on old paragraph anchors. {edition} is the released edition's
	// name (lower-cased in English, "the first edition"; as written in
	// the other languages, whose sentences name it in brackets or not at
	// all: "Rn. 4 der Vorauflage"), {old} its paragraph number(s), {new}
	// the link to the paragraph now, {chapter} a chapter's name, {text}
	// its first words, {n} a count. A count's term may hold a singular
	// and a plural form, "one|other" (French "{n} ajouté|{n} ajoutés").
	TermEdPrevious        Term = "edition-previous" // the name of a released edition that has none
	TermEdCompared        Term = "edition-compared" // {edition} {date}
	TermEdComparedUndated Term = "edition-compared-undated"
	TermEdNoChange        Term = "edition-no-change"
	TermEdLinksKept       Term = "edition-links-kept"
	TermEdCountAdded      Term = "edition-count-added" // {n}
	TermEdCountRemoved    Term = "edition-count-removed"
	TermEdCountMoved      Term = "edition-count-moved"
	TermEdCountSplit      Term = "edition-count-split"
	TermEdCountMerged     Term = "edition-count-merged"
	TermEdCountChanged    Term = "edition-count-changed"
	TermEdCountRenumbered Term = "edition-count-renumbered"
	TermEdAdded           Term = "edition-added"       // {new} {text}
	TermEdRemoved         Term = "edition-removed"     // {old} {edition} {text}
	TermEdSplitOff        Term = "edition-split-off"   // {new} {old} {edition}
	TermEdMovedFrom       Term = "edition-moved-from"  // {old} {chapter} {edition} {new}
	TermEdMoved           Term = "edition-moved"       // {old} {edition} {new}
	TermEdSplitInto       Term = "edition-split-into"  // {old} {edition} {new}
	TermEdMergedInto      Term = "edition-merged-into" // {old} {edition} {new}
	TermEdChanged         Term = "edition-changed"     // {new}
	TermEdChangedWas      Term = "edition-changed-was" // {new} {old} {edition}
	TermEdRewritten       Term = "edition-rewritten"
	TermEdRewrittenWas    Term = "edition-rewritten-was"
	TermEdRenumbered      Term = "edition-renumbered"     // {old} {edition} {new}
	TermEdRenumberedRun   Term = "edition-renumbered-run" // {old} {edition} {new}
	TermEdConcordance     Term = "edition-concordance"    // {edition}
	TermEdThisEdition     Term = "edition-this"
	TermEdRemark          Term = "edition-remark" // the concordance's third column
	TermEdNoteSplit       Term = "edition-note-split"
	TermEdNoteMoved       Term = "edition-note-moved"
	TermEdNoteChanged     Term = "edition-note-changed"
	TermEdNoteRewritten   Term = "edition-note-rewritten"
	TermEdNoteMerged      Term = "edition-note-merged"
	TermEdNoteRemoved     Term = "edition-note-removed"
	TermEdNewHere         Term = "edition-new-here"
	TermEdWas             Term = "edition-was"       // {old} {edition}: on an old anchor
	TermEdPartOf          Term = "edition-part-of"   // {old} {edition} {n}
	TermEdNowAt           Term = "edition-now-at"    // {old} {edition}: before the link
	TermReadIn            Term = "read-in-language"  // a link to the edition in this language, in its words
	TermLanguageName      Term = "language-name"     // the language's name in itself
	TermSizeBytes         Term = "size-bytes"        // {n}
	TermSizeKB            Term = "size-kb"           // {n}
	TermSizeMB            Term = "size-mb"           // {n}
	TermDecimal           Term = "decimal-separator" // "." or ","

	// TermDate is how a full date is written: {d} the day, {month} the
	// month's name, {y} the year.
	TermDate Term = "date"
)

// Months are the month names' terms, January to December (CSL's
// month-01 … month-12).
var Months = [12]Term{"month-01", "month-02", "month-03", "month-04", "month-05", "month-06",
	"month-07", "month-08", "month-09", "month-10", "month-11", "month-12"}

// English is the built-in English table, and what a Terms without a word
// (or a nil Terms, as in a model built by hand in a test) falls back to.
var English = map[Term]string{
	TermChapter: "chapter", TermPart: "part", TermSection: "section", TermFigure: "figure",
	TermTable: "table", TermParagraph: "paragraph", TermPara: "para.", TermParas: "paras.",
	TermPage: "p.", TermPages: "pp.", TermNote: "note", TermNotes: "notes", TermNorm: "norm",
	TermNorms: "norms", TermContinued: "continued", TermEditedBy: "edited by",
	TermParaAbove: "the paragraph above", TermEditorsNote: "Editor’s note",
	TermOpenQuote: "“", TermCloseQuote: "”", TermPermalink: "Link to this section", TermAnd: "and", TermReadOnline: "Read online", TermNumberedPara: "A numbered paragraph:", TermLicence: "Licence", TermBackToNote: "Back to note reference {n}", TermTypesetWith: "Typeset with",
	TermA11ySummary: "This publication meets WCAG 2.1 Level AA. It has a table of contents down to sections, " +
		"landmarks, headings in logical order, numbered paragraphs with anchors, footnotes linked both ways, " +
		"text alternatives for every image and a reading order that follows the text.",
	TermUncaptioned: "{table} {n} without caption",

	TermContents: "Contents", TermTableOfContents: "Table of contents", TermAbstract: "Abstract",
	TermBibliography: "Bibliography", TermReferences: "References", TermFurtherReading: "Further reading",
	TermIndexByNorm: "Index by norm", TermIndexByAuthor: "Index by author",
	TermIndex: "Subject index", TermSee: "see", TermSeeAlso: "see also",
	TermChanges: "Changes in this edition", TermConcordance: "Table of concordance",
	TermAlsoOnTopic: "Also on this topic", TermSummaryIn: "Summary in {pub}.", TermCover: "Cover",
	TermStartOfContent: "Start of content", TermLandmarks: "Landmarks", TermPublications: "Publications",
	TermDownloads: "Downloads",

	TermSkipToContent: "Skip to main content", TermSearch: "Search", TermSearchAll: "Search all publications",
	TermSearchNoScript: "Search runs in your browser and needs JavaScript.",
	TermSearchContents: "The publications’ contents pages list every chapter.",
	TermSearchFailed:   "The search index could not be loaded.",
	TermSearchNone:     "No results for “{q}”.", TermSearchOne: "1 result for “{q}”.",
	TermSearchMany: "{n} results for “{q}”.", TermSearchFirst: "{n} results for “{q}”, the first {max} shown.",
	TermPrevious: "Previous", TermNext: "Next", TermPrevNext: "Previous and next chapter",
	TermPublishedWith: "Published with normpress.",

	TermCite: "Cite", TermCiteParagraph: "Cite paragraph", TermCiteChapter: "Cite this chapter",
	TermCitePublication: "Cite this publication", TermDownloadRef: "Download the reference:",
	TermCopyCitation: "Copy citation", TermCopied: "Copied.", TermCopySelect: "Selected: press Ctrl+C (⌘C) to copy.",
	TermClose: "Close", TermCloseNote: "Close note", TermGoToNote: "Go to the note",
	TermAtAGlance: "At a glance", TermFiguresAsTable: "The figures as a table", TermEntries: "Entries",
	TermEntriesPerNorm: "Entries per norm", TermEntriesPerTopic: "Entries per topic", TermTopic: "Topic",
	TermMoved: "Moved", TermNoLongerIn: "This chapter is no longer in the {edition}",
	TermNowElsewhere: "The paragraphs it had are now elsewhere in this edition:",
	TermConsultation: "Consultation draft", TermCommentEmail: "E-mail a comment",
	TermCommentForm: "Open the comment form", TermCommentParagraph: "Comment on this paragraph",
	TermCommentOn:     "Comment on",
	TermCommentInWord: "Comment in Word (Review › New Comment) or edit with Track Changes on, which this file starts with; each comment and change is traced back to its paragraph. Please do not delete paragraph numbers.",

	TermConsultDraft: "This is a draft published for comment", TermConsultUntil: "; comments are invited until {date}",
	TermConsultEmailForm: ", by e-mail to {email} or through the form at {form}", TermConsultEmail: ", by e-mail to {email}",
	TermConsultForm: ", through the form at {form}", TermConsultEnd: ". It is not the final text and should not be cited as such.",
	TermDraftChapter: "Draft chapter: not yet reviewed by its working group.", TermReviewChapter: "Chapter under review: open for comment.",

	TermCommentsBy:       "comments by {date}",
	TermDraft:            "Draft",
	TermUnderReview:      "Under review",
	TermCommentsEmailTo:  "Comments by e-mail to",
	TermCommentFormLabel: "Comment form:",
	TermLineNumbers:      "Lines are numbered in the margin, afresh on each page: cite a passage by page and line, as “p. 12, l. 30”.",
	TermEmailCommentTo:   "E-mail a comment to {email}",
	TermOpenCommentForm:  "Open the comment form: {form}",
	TermStatusNotice:     "Chapters still in draft or under review say so under their title.",

	TermEdPrevious:        "previous edition",
	TermEdCompared:        "This edition compared with the {edition} ({date}):",
	TermEdComparedUndated: "This edition compared with the {edition}:",
	TermEdNoChange:        "no paragraph has changed.",
	TermEdLinksKept:       "Old paragraph links keep working: they lead to the paragraph’s new place.",
	TermEdCountAdded:      "{n} added", TermEdCountRemoved: "{n} removed", TermEdCountMoved: "{n} moved",
	TermEdCountSplit: "{n} split", TermEdCountMerged: "{n} merged", TermEdCountChanged: "{n} substantively changed",
	TermEdCountRenumbered: "{n} renumbered (runs)",
	TermEdAdded:           "Added: {new}: “{text}”",
	TermEdRemoved:         "Removed: para. {old} of the {edition}: “{text}”",
	TermEdSplitOff:        "New {new}, split off para. {old} of the {edition}.",
	TermEdMovedFrom:       "Para. {old} of {chapter} in the {edition} is now {new} (moved).",
	TermEdMoved:           "Para. {old} of the {edition} is now {new} (moved).",
	TermEdSplitInto:       "Para. {old} of the {edition} was split: its text is now in {new}.",
	TermEdMergedInto:      "Paras. {old} of the {edition} were merged into {new}.",
	TermEdChanged:         "{new} substantively changed.",
	TermEdChangedWas:      "{new} (para. {old} in the {edition}) substantively changed.",
	TermEdRewritten:       "{new} rewritten.",
	TermEdRewrittenWas:    "{new} (para. {old} in the {edition}) rewritten.",
	TermEdRenumbered:      "Para. {old} of the {edition} is now {new} (renumbered).",
	TermEdRenumberedRun:   "Paras. {old} of the {edition} are now {new} (renumbered).",
	TermEdConcordance:     "Where each paragraph of the {edition} stands in this edition.",
	TermEdThisEdition:     "This edition",
	TermEdRemark:          "Note",
	TermEdNoteSplit:       "split", TermEdNoteMoved: "moved", TermEdNoteChanged: "changed",
	TermEdNoteRewritten: "rewritten", TermEdNoteMerged: "merged", TermEdNoteRemoved: "removed",
	TermEdNewHere:    "New in this edition",
	TermEdWas:        "was para. {old} in the {edition}",
	TermEdPartOf:     "para. {old} of the {edition} is now part of para. {n}",
	TermEdNowAt:      "Para. {old} of the {edition} is now",
	TermReadIn:       "Read in English",
	TermLanguageName: "English",
	TermSizeBytes:    "{n} bytes", TermSizeKB: "{n} KB", TermSizeMB: "{n} MB",
	TermDecimal: ".",

	TermDate:  "{d} {month} {y}",
	Months[0]: "January", Months[1]: "February", Months[2]: "March", Months[3]: "April",
	Months[4]: "May", Months[5]: "June", Months[6]: "July", Months[7]: "August",
	Months[8]: "September", Months[9]: "October", Months[10]: "November", Months[11]: "December",
}

// Terms are the words of one publication (or of the site's own pages), in
// its language, decided once in the resolve phase (build/terms) from the
// built-in tables, the CSL locale and the project's overrides. A nil
// *Terms gives the English words.
type Terms struct {
	Lang  string // BCP 47, the language the words are in
	Words map[Term]string
}

// Get is the word for a term: the publication's, else the English one.
func (t *Terms) Get(k Term) string {
	if t != nil {
		if w, ok := t.Words[k]; ok {
			return w
		}
	}
	return English[k]
}

// Cap is the word with its first letter in upper case, as it stands at the
// start of a caption, a heading or a line ("Figure 3", "Edited by").
func (t *Terms) Cap(k Term) string { return Capitalize(t.Get(k)) }

// Fill is the word with its {name} placeholders replaced, pairs given as
// name, value, name, value.
func (t *Terms) Fill(k Term, pairs ...string) string {
	s := t.Get(k)
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}

// Date writes an ISO date (2026-11-01) as readers of the language expect
// it ("1 November 2026", "1. November 2026", "1 de noviembre de 2026").
// A partial or malformed date keeps the ISO form, which every reader
// understands.
func (t *Terms) Date(iso string) string {
	d, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Fill(TermDate, "d", strconv.Itoa(d.Day()), "month", t.Get(Months[d.Month()-1]), "y", strconv.Itoa(d.Year()))
}

// Count is a count's words for n: the term's singular or plural form
// ("1 ajouté", "2 ajoutés") with {n} filled. A term without "|" has one
// form. The singular is for 1 (and, in French, 0: "0 ajouté").
func (t *Terms) Count(k Term, n int) string {
	s := t.Get(k)
	if one, other, ok := strings.Cut(s, "|"); ok {
		s = other
		if n == 1 || (n == 0 && t != nil && strings.HasPrefix(strings.ToLower(t.Lang), "fr")) {
			s = one
		}
	}
	return strings.ReplaceAll(s, "{n}", strconv.Itoa(n))
}

// Size writes a file size as readers of the language expect it on a
// download link: "1.2 MB", "1,2 Mo", "340 KB", "512 bytes" (binary
// multiples, one decimal, none when it is .0).
func (t *Terms) Size(n int64) string {
	f := func(v float64) string {
		s := strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
		return strings.Replace(s, ".", t.Get(TermDecimal), 1)
	}
	switch {
	case n >= 1<<20:
		return t.Fill(TermSizeMB, "n", f(float64(n)/(1<<20)))
	case n >= 1<<10:
		return t.Fill(TermSizeKB, "n", f(float64(n)/(1<<10)))
	}
	return t.Fill(TermSizeBytes, "n", strconv.FormatInt(n, 10))
}

// Capitalize upper-cases the first letter of s.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// AllTerms lists every term, months included, in a stable order: the
// manifest's terms: keys are checked against it, and tests scan outputs
// for every English word.
func AllTerms() []Term {
	out := make([]Term, 0, len(English))
	for k := range English {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Join lists names as the language does: "A, B and C", "A, B et C".
func (t *Terms) Join(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + t.Get(TermAnd) + " " + names[len(names)-1]
}

// Byline is "Edited by A and B" in the publication's language, or its
// contributors when it names no editors. The landing page, the contents
// page and the drawn cover print it.
func (p *Publication) Byline() string {
	if len(p.Editors) > 0 {
		return p.Terms.Cap(TermEditedBy) + " " + p.Terms.Join(p.Editors)
	}
	return p.Terms.Join(p.Contributors)
}
