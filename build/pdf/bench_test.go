package pdf

import (
	"github.com/normpress/normpress/build/source"
	"testing"
)

func benchRender(b *testing.B, pages int) {
	pub := longPub(pages)
	b.ReportAllocs()
	var res Result
	for b.Loop() {
		var diags source.Diags
		res, diags = Render(pub, Options{Epoch: epoch})
		if diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(len(res.Data))/1e6, "MB")
}

func BenchmarkRender100Pages(b *testing.B)  { benchRender(b, 100) }
func BenchmarkRender300Pages(b *testing.B)  { benchRender(b, 300) }
func BenchmarkRender1200Pages(b *testing.B) { benchRender(b, 1200) }
