package pdf

import "strings"

// words are the few words the PDF sets itself, in the publication's
// language (English when it has none of its own here).
type words struct {
	contents, chapter, part, figure, table, continued, page, editedBy, norm, note string
}

func wordsFor(lang string) words {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "fr":
		return words{"Table des matières", "Chapitre", "Partie", "Figure", "Tableau", "suite", "p.", "Sous la direction de", "Norme", "Note"}
	case "de":
		return words{"Inhalt", "Kapitel", "Teil", "Abbildung", "Tabelle", "Fortsetzung", "S.", "Herausgegeben von", "Norm", "Fußnote"}
	case "nl":
		return words{"Inhoud", "Hoofdstuk", "Deel", "Figuur", "Tabel", "vervolg", "p.", "Onder redactie van", "Norm", "Voetnoot"}
	}
	return words{"Contents", "Chapter", "Part", "Figure", "Table", "continued", "p.", "Edited by", "Norm", "Note"}
}
