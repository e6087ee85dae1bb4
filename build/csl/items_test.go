package csl

import (
	"testing"

	"github.com/normpress/normpress/build/bib"
)

// testItemsJSON is a small bibliography of the kinds of works a commentary
// cites: books (two by one author in one year), a chapter in an edited
// book, a journal article with a DOI, UN documents with and without a
// genre, a web page and a book with many authors.
const testItemsJSON = `[
{"id": "doe-2020", "type": "book", "author": [{"family": "Doe", "given": "Jane"}],
 "title": "Cyber Norms and State Behaviour: A Study", "publisher": "Cambridge University Press",
 "publisher-place": "Cambridge", "edition": "2", "issued": {"date-parts": [[2020]]}},
{"id": "doe-2020b", "type": "book", "author": [{"family": "Doe", "given": "Jane"}],
 "title": "Due Diligence in Cyberspace", "publisher": "Oxford University Press",
 "publisher-place": "Oxford", "issued": {"date-parts": [[2020]]}},
{"id": "smith-2019", "type": "chapter", "author": [{"family": "Smith", "given": "John"}],
 "title": "Attribution and the Law", "container-title": "Research Handbook on International Law and Cyberspace",
 "editor": [{"family": "Tsagourias", "given": "Nicholas"}, {"family": "Buchan", "given": "Russell"}],
 "publisher": "Edward Elgar", "publisher-place": "Cheltenham", "page": "45-67", "issued": {"date-parts": [[2019]]}},
{"id": "macak-2017", "type": "article-journal", "author": [{"family": "Mačák", "given": "Kubo"}],
 "title": "From Cyber Norms to Cyber Rules: Re-engaging States as Law-Makers",
 "container-title": "Leiden Journal of International Law", "volume": "30", "issue": "4", "page": "877-899",
 "DOI": "10.1017/S0922156517000358", "issued": {"date-parts": [[2017]]}},
{"id": "un-a-70-174", "type": "report", "author": [{"literal": "United Nations General Assembly"}],
 "title": "Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security",
 "title-short": "Report of the Group of Governmental Experts",
 "genre": "UN Doc.", "number": "A/70/174", "issued": {"date-parts": [[2015, 7, 22]]}},
{"id": "un-a-68-98", "type": "report", "author": [{"literal": "United Nations General Assembly"}],
 "title": "Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security",
 "number": "A/68/98", "issued": {"date-parts": [[2013, 6, 24]]}},
{"id": "toolkit-scenario-12", "type": "webpage", "author": [{"family": "Schmitt", "given": "Michael N."}],
 "title": "Scenario 12: Cyber Operations against Computer Emergency Response Teams",
 "container-title": "International Cyber Law: Interactive Toolkit",
 "URL": "https://cyberlaw.ccdcoe.org/wiki/Scenario_12", "issued": {"date-parts": [[2021, 3, 1]]}},
{"id": "many-2018", "type": "book",
 "author": [{"family": "Adams", "given": "Ann"}, {"family": "Brown", "given": "Bert"}, {"family": "Clark", "given": "Cora"}, {"family": "van Dijk", "given": "Dirk"}],
 "title": "Norms in Practice", "publisher": "Routledge", "publisher-place": "London", "issued": {"date-parts": [[2018]]}}
]`

func testItems(t testing.TB) (map[string]*bib.Item, []string) {
	t.Helper()
	items, err := readCSLJSON([]byte(testItemsJSON))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*bib.Item{}
	var ids []string
	for _, it := range items {
		byID[it.ID] = it
		ids = append(ids, it.ID)
	}
	return byID, ids
}

// testCitations is a document's citations in reading order: first and
// subsequent cites, ibid with and without locator, several works at once.
var testCitations = []Citation{
	{Items: []CiteItem{{ID: "doe-2020", Locator: "45"}}},
	{Items: []CiteItem{{ID: "un-a-70-174", Locator: "13", Label: "paragraph"}}},
	{Items: []CiteItem{{ID: "un-a-70-174", Locator: "13", Label: "paragraph"}}},
	{Items: []CiteItem{{ID: "un-a-70-174", Locator: "15", Label: "paragraph"}}},
	{Items: []CiteItem{{ID: "macak-2017", Locator: "880"}}},
	{Items: []CiteItem{{ID: "doe-2020", Locator: "50-52"}}},
	{Items: []CiteItem{{ID: "smith-2019"}, {ID: "toolkit-scenario-12"}}},
	{Items: []CiteItem{{ID: "doe-2020b", Locator: "12"}}},
	{Items: []CiteItem{{ID: "un-a-68-98", Locator: "4", Label: "paragraph"}}},
	{Items: []CiteItem{{ID: "many-2018", Locator: "3", Label: "chapter"}, {ID: "macak-2017"}}},
	{Items: []CiteItem{{ID: "doe-2020", Prefix: "see ", Suffix: " (on due diligence)"}}},
	{Items: []CiteItem{{ID: "un-a-70-174", Locator: "28", Label: "paragraph"}}},
}
