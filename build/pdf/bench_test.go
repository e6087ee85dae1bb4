package pdf

import (
	"testing"
)

func benchRender(b *testing.B, pages int) {
	pub := longPub(pages)
	b.ReportAllocs()
	var res Result
	for b.Loop() {
		res, _ = Render(pub, Options{Epoch: epoch})
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(len(res.Data))/1e6, "MB")
}

func BenchmarkRender100Pages(b *testing.B)  { benchRender(b, 100) }
func BenchmarkRender300Pages(b *testing.B)  { benchRender(b, 300) }
func BenchmarkRender1200Pages(b *testing.B) { benchRender(b, 1200) }
