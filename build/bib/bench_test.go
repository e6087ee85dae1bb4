package bib

import (
	"fmt"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// bigBib makes a .bib of n entries in the mix a Zotero library has:
// articles, books with @string publishers, chapters with crossref,
// reports, web pages; accents, protected case, particles, dashes.
func bigBib(n int) []byte {
	var b strings.Builder
	b.WriteString("@string{cup = {Cambridge University Press}}\n@string{ajil = {American Journal of International Law}}\n\n")
	for i := 0; i < n; i++ {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, `@article{art%d,
	title = {Constructing {Norms} for {Global} {Cybersecurity}, Part %d},
	volume = {110},
	number = {3},
	journaltitle = ajil,
	author = {Finnemore, Martha and Hollis, Duncan B. and van den Berg, Bibi},
	date = {2016-07},
	pages = {425--479},
	doi = {10.5305/amerjintelaw.110.3.%04d},
	url = {https://www.jstor.org/stable/%d},
	urldate = {2026-11-20},
	langid = {english},
	keywords = {norms, cyber},
}

`, i, i, i, i)
		case 1:
			fmt.Fprintf(&b, `@book{book%d,
	location = {Cambridge},
	edition = {2},
	title = {{Tallinn Manual} 2.0 on the International Law Applicable to Cyber Operations, vol.~%d},
	isbn = {978-1-107-17722-2},
	publisher = cup,
	editor = {Schmitt, Michael N.},
	date = {2017},
}

`, i, i)
		case 2:
			fmt.Fprintf(&b, `@incollection{chap%d,
	title = {Cyberspace and Human Rights},
	author = {Fidler, David P.},
	chapter = {%d},
	pages = {94--117},
	crossref = {book%d},
}

`, i, i%20, i-1)
		case 3:
			fmt.Fprintf(&b, `@report{rep%d,
	title = {Droit international appliqu{\'e} aux op{\'e}rations dans le cyberespace},
	author = {{Minist{\GRAVE e}re des Arm{\'e}es (France)}},
	institution = {Minist{\GRAVE e}re des Arm{\'e}es},
	number = {%d},
	year = {2019},
	month = sep,
	langid = {french},
}

`, i, i)
		case 4:
			fmt.Fprintf(&b, `@online{web%d,
	title = {Canada Takes on International Law in Cyberspace},
	author = {Schmitt, Michael and Ma{\v{c}}{\'a}k, Kubo},
	organization = {{EJIL}: Talk!},
	date = {2022-07-14},
	url = {https://www.ejiltalk.org/canada-takes-on-international-law-in-cyberspace/%d},
}

`, i, i)
		}
	}
	// A raw string cannot hold the backquote of \` (grave accent).
	return []byte(strings.ReplaceAll(b.String(), `\GRAVE `, "\\`"))
}

// BenchmarkParseBibTeX1000 parses a 1,000-entry .bib file:
// go test ./build/bib -run '^$' -bench ParseBibTeX1000 -benchmem
func BenchmarkParseBibTeX1000(b *testing.B) {
	data := bigBib(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		items, ds := ParseBibTeX(source.NewFile("big.bib", data))
		if len(items) != 1000 || len(ds) != 0 {
			b.Fatalf("%d items, %d diagnostics: %s", len(items), len(ds), diagList(ds))
		}
	}
}

// BenchmarkParseCSLJSON1000 parses the same library as CSL-JSON.
func BenchmarkParseCSLJSON1000(b *testing.B) {
	items, _ := ParseBibTeX(source.NewFile("big.bib", bigBib(1000)))
	data := WriteCSLJSON(items)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		got, ds := ParseCSLJSON(source.NewFile("big.json", data))
		if len(got) != 1000 || len(ds) != 0 {
			b.Fatalf("%d items, %d diagnostics", len(got), len(ds))
		}
	}
}

// BenchmarkParseCSLYAML1000 parses the same library as CSL-YAML.
func BenchmarkParseCSLYAML1000(b *testing.B) {
	items, _ := ParseBibTeX(source.NewFile("big.bib", bigBib(1000)))
	data := WriteCSLYAML(items)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		got, ds := ParseCSLYAML(source.NewFile("big.yaml", data))
		if len(got) != 1000 || len(ds) != 0 {
			b.Fatalf("%d items, %d diagnostics", len(got), len(ds))
		}
	}
}
