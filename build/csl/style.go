package csl

// The style's syntax tree. Elements are unexported: a style is used through
// a Processor, never walked by other packages.

// Formatting attributes. Zero values mean "not set".
type (
	fontStyle   uint8
	fontVariant uint8
	fontWeight  uint8
	textDecor   uint8
	vertAlign   uint8
	textCase    uint8
	display     uint8
)

const (
	fsNone fontStyle = iota
	fsNormal
	fsItalic
	fsOblique
)

const (
	fvNone fontVariant = iota
	fvNormal
	fvSmallCaps
)

const (
	fwNone fontWeight = iota
	fwNormal
	fwBold
	fwLight
)

const (
	tdNone textDecor = iota
	tdNoDecoration
	tdUnderline
)

const (
	vaNone vertAlign = iota
	vaBaseline
	vaSup
	vaSub
)

const (
	tcNone textCase = iota
	tcLowercase
	tcUppercase
	tcCapitalizeFirst
	tcCapitalizeAll
	tcSentence
	tcTitle
)

const (
	dispNone display = iota
	dispBlock
	dispLeftMargin
	dispRightInline
	dispIndent
)

var displayNames = [...]string{"", "block", "left-margin", "right-inline", "indent"}

// formatting is the affixes, delimiter and font attributes an element
// carries.
type formatting struct {
	prefix, suffix string
	delimiter      string
	hasDelimiter   bool
	fontStyle      fontStyle
	fontVariant    fontVariant
	fontWeight     fontWeight
	textDecor      textDecor
	vertAlign      vertAlign
	textCase       textCase
	display        display
	quotes         bool
	stripPeriods   bool
	// citeDelim marks the citation layout's delimiter between cites.
	citeDelim bool
	// turkish is set on text-case for Turkish and Azeri items.
	turkish bool
}

func (f *formatting) isZero() bool { return *f == formatting{} }

// hasFont reports whether any attribute other than affixes and delimiter is
// set.
func (f *formatting) hasFont() bool {
	return f.fontStyle != 0 || f.fontVariant != 0 || f.fontWeight != 0 || f.textDecor != 0 ||
		f.vertAlign != 0 || f.textCase != 0 || f.display != 0 || f.quotes || f.stripPeriods
}

// element is a rendering element: text, number, label, names, date, group
// or choose.
type element interface{ pos() int }

type base struct {
	off int // byte offset of the element's start tag
	f   formatting
}

func (b *base) pos() int { return b.off }

type textEl struct {
	base
	variable string
	form     string // variable form ("short") or term form
	macro    *macro
	term     string
	plural   bool
	value    string
	hasValue bool
}

type numberEl struct {
	base
	variable string
	form     string // numeric, ordinal, long-ordinal, roman
}

type labelEl struct {
	base
	variable string
	form     string
	plural   string // contextual, always, never
}

type datePart struct {
	name     string // day, month, year
	form     string
	rangeSep string
	hasRange bool
	f        formatting
}

type dateEl struct {
	base
	variable  string
	form      string // "" (non-localized), "text", "numeric"
	dateParts string // year-month-day, year-month, year
	parts     []datePart
}

type namePart struct {
	f formatting // affixes, font and text-case of the given or family name
}

// nameOpts are the name options that cs:style, cs:citation,
// cs:bibliography and cs:name may set; unset options inherit.
type nameOpts struct {
	set             uint32
	and             string
	delimPrecEtAl   string
	delimPrecLast   string
	etAlMin         int
	etAlUseFirst    int
	etAlSubMin      int
	etAlSubUseFirst int
	etAlUseLast     bool
	initialize      bool
	initializeWith  string
	nameAsSortOrder string
	sortSeparator   string
	form            string
	delimiter       string
}

const (
	noAnd = 1 << iota
	noDelimPrecEtAl
	noDelimPrecLast
	noEtAlMin
	noEtAlUseFirst
	noEtAlSubMin
	noEtAlSubUseFirst
	noEtAlUseLast
	noInitialize
	noInitializeWith
	noNameAsSortOrder
	noSortSeparator
	noForm
	noDelimiter
)

// inherit fills the options not set in o from parent.
func (o nameOpts) inherit(parent *nameOpts) nameOpts {
	if parent == nil {
		return o
	}
	p := parent
	if o.set&noAnd == 0 && p.set&noAnd != 0 {
		o.and = p.and
	}
	if o.set&noDelimPrecEtAl == 0 && p.set&noDelimPrecEtAl != 0 {
		o.delimPrecEtAl = p.delimPrecEtAl
	}
	if o.set&noDelimPrecLast == 0 && p.set&noDelimPrecLast != 0 {
		o.delimPrecLast = p.delimPrecLast
	}
	if o.set&noEtAlMin == 0 && p.set&noEtAlMin != 0 {
		o.etAlMin = p.etAlMin
	}
	if o.set&noEtAlUseFirst == 0 && p.set&noEtAlUseFirst != 0 {
		o.etAlUseFirst = p.etAlUseFirst
	}
	if o.set&noEtAlSubMin == 0 && p.set&noEtAlSubMin != 0 {
		o.etAlSubMin = p.etAlSubMin
	}
	if o.set&noEtAlSubUseFirst == 0 && p.set&noEtAlSubUseFirst != 0 {
		o.etAlSubUseFirst = p.etAlSubUseFirst
	}
	if o.set&noEtAlUseLast == 0 && p.set&noEtAlUseLast != 0 {
		o.etAlUseLast = p.etAlUseLast
	}
	if o.set&noInitialize == 0 && p.set&noInitialize != 0 {
		o.initialize = p.initialize
	}
	if o.set&noInitializeWith == 0 && p.set&noInitializeWith != 0 {
		o.initializeWith = p.initializeWith
	}
	if o.set&noNameAsSortOrder == 0 && p.set&noNameAsSortOrder != 0 {
		o.nameAsSortOrder = p.nameAsSortOrder
	}
	if o.set&noSortSeparator == 0 && p.set&noSortSeparator != 0 {
		o.sortSeparator = p.sortSeparator
	}
	if o.set&noForm == 0 && p.set&noForm != 0 {
		o.form = p.form
	}
	if o.set&noDelimiter == 0 && p.set&noDelimiter != 0 {
		o.delimiter = p.delimiter
	}
	o.set |= p.set
	return o
}

type nameEl struct {
	off    int
	opts   nameOpts
	f      formatting // affixes and font of each name
	given  *namePart
	family *namePart
}

type etAlEl struct {
	term string
	f    formatting
}

type namesEl struct {
	base
	variables   []string
	name        *nameEl
	etAl        *etAlEl
	label       *labelEl
	labelBefore bool
	substitute  []element
	hasSubst    bool
	// bare is set for a cs:names without children, which inside
	// cs:substitute inherits the enclosing cs:names' name, et-al and label.
	bare bool
	// namesDelim is whether the delimiter came from the element itself (or
	// from an inherited names-delimiter).
}

type groupEl struct {
	base
	kids []element
}

type condition struct {
	match           string // all, any, none
	disambiguate    int8   // 0 unset, 1 true, -1 false
	isNumeric       []string
	isUncertainDate []string
	locator         []string
	position        []string
	types           []string
	variable        []string
}

type branch struct {
	off  int
	cond *condition // nil for cs:else
	kids []element
}

type chooseEl struct {
	base
	branches []branch
}

type macro struct {
	name string
	off  int
	kids []element
}

type sortKey struct {
	variable  string
	macro     *macro
	desc      bool
	namesMin  int
	namesUse  int
	namesLast bool
	hasMin    bool
	hasUse    bool
	hasLast   bool
}

type layout struct {
	off    int
	f      formatting
	kids   []element
	sort   []sortKey
	opts   nameOpts // inheritable name options on cs:citation/cs:bibliography
	namesD string   // names-delimiter
	hasND  bool
}

type citationOpts struct {
	addNames         bool
	addGivenname     bool
	givennameRule    string
	addYearSuffix    bool
	collapse         string
	citeGroupDelim   string
	hasCiteGroup     bool
	yearSuffixDelim  string
	hasYSDelim       bool
	afterCollapse    string
	hasAfterCollapse bool
	nearNoteDistance int
}

type bibOpts struct {
	hangingIndent    bool
	secondFieldAlign string
	lineSpacing      int
	entrySpacing     int
	subsequentSub    string
	hasSubsequent    bool
	subsequentRule   string
}
