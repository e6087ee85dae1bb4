package doc

// Edition is another language edition of the same work: a publication's
// original, or one of the translations that name the same original. The
// resolve phase fills it; renderers only link to it.
type Edition struct {
	Pub   string // the publication's ID
	Lang  string // its language, BCP 47
	Title string
	// Read is the link's words, in the edition's own language: "Lire en
	// français", "Read in English".
	Read string
	// Original is set on the edition that the others translate.
	Original bool
	// Identifier is the edition's ISBN (urn:isbn:…) or DOI
	// (https://doi.org/…), and URL its contents page on the web (under the
	// manifest's base-url); "" when it has none.
	Identifier, URL string
}

// Original is the edition a translation translates; nil for a
// publication that is no translation.
func (p *Publication) Original() *Edition {
	if p.TranslationOf == "" {
		return nil
	}
	for i := range p.Editions {
		if p.Editions[i].Original {
			return &p.Editions[i]
		}
	}
	return nil
}

// Counterpart is a chapter's counterpart in another language edition:
// the chapter with the same ID there.
type Counterpart struct {
	Edition
	Chapter string // the counterpart chapter's ID
	// Anchors maps the anchors of this chapter that have a counterpart (a
	// numbered paragraph's identity, a labelled section's or paragraph's
	// anchor) to the counterpart's anchors. An anchor without one is not
	// in the map: the link is simply not offered.
	Anchors map[string]string
}

// Language is one language's publications, for the landing page.
type Language struct {
	Lang string   // BCP 47, as the first publication in it writes it
	Name string   // the language's name in itself: "Français"
	Pubs []string // publication IDs, in manifest order
}
