package project

import (
	"fmt"
	"testing"

	"github.com/normpress/normpress/build/internal/txtar"
	"github.com/normpress/normpress/build/source"
)

// FuzzDecode feeds arbitrary bytes to the manifest, registry and record
// decoders: nothing may panic, and every diagnostic points inside its file.
func FuzzDecode(f *testing.F) {
	for _, data := range txtar.Parse(goodProject) {
		f.Add([]byte(data))
	}
	f.Add([]byte("publications:\n  - id: a\n    body: [{part: x, chapters: [1, [2]]}]\n"))
	f.Add([]byte("norms: [{id: 13a, title: [x], text: {a: b}}]\n"))
	f.Add([]byte("- key: a\n  summary: |\n    x\n- 3\n"))
	f.Add([]byte("\xef\xbb\xbftitle: \"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("f.yaml", data)
		check := func(ds source.Diags) {
			for _, d := range ds {
				if d.Span.File != nil && (d.Span.Start < 0 || d.Span.Start > len(data)) {
					t.Fatalf("diagnostic outside the file: %v at %d of %d", d, d.Span.Start, len(data))
				}
			}
		}
		_, ds := decodeManifest(file)
		check(ds)
		_, ds = decodeNorms(file)
		check(ds)
		recs, ds := decodeRecords(file)
		check(ds)
		// Record by record, as a long file is read, gives the same.
		split, sds := decodeRecordsIn(file, 1)
		whole, wds := decodeWhole(file)
		if fmt.Sprint(recordsString(split), sds.Sort()) != fmt.Sprint(recordsString(whole), wds.Sort()) {
			t.Fatalf("split decoding differs:\n%v\n%v\nwhole:\n%v\n%v", recordsString(split), sds.Sort(), recordsString(whole), wds.Sort())
		}
		for _, r := range recs {
			if r.Summary.Start < 0 || r.Summary.Start > len(data) {
				t.Fatalf("summary start %d outside the file", r.Summary.Start)
			}
		}
	})
}
