package pdf

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// -out keeps the rendered PDFs in a folder, to look at them.
var outDir = flag.String("out", "", "write the test PDFs into this folder")

func keep(t testing.TB, name string, data []byte) string {
	t.Helper()
	dir := *outDir
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRenderSample(t *testing.T) {
	pub := samplePub()
	res, diags := Render(pub, Options{Epoch: 1767225600, Producer: "normpress test"})
	for _, d := range diags {
		t.Log(d.String())
	}
	if diags.HasErrors() {
		t.Fatal("errors")
	}
	if res.Pages == 0 || !bytes.HasPrefix(res.Data, []byte("%PDF-")) {
		t.Fatalf("no PDF: %d pages, %d bytes", res.Pages, len(res.Data))
	}
	keep(t, "sample.pdf", res.Data)
}
