package terms

import (
	"testing"

	"github.com/normpress/normpress/build/csl"
)

// BenchmarkFor is what deciding a publication's words costs once the
// build's locales are loaded: the pipeline calls For for the site and for
// every publication, and serve again on every save. The locale files are
// read before the timer starts, as the first publication of a build reads
// them.
func BenchmarkFor(b *testing.B) {
	for _, lang := range []string{"en-US", "fr-FR", "de-DE"} {
		b.Run(lang, func(b *testing.B) {
			locs := csl.NewLocales(nil)
			For(lang, locs)
			b.ReportAllocs()
			for b.Loop() {
				For(lang, locs)
			}
		})
	}
}
