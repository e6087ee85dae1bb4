package project

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/normpress/normpress/build/source"
)

// records50MB is a digest record file of about 50 MB: a list of records as
// the example project writes them (key, topics, norms, a literal-block
// summary with citations).
func records50MB() []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < 50<<20; i++ {
		fmt.Fprintf(&b, "- key: work-%d\n  topics: [norms-and-law, state-practice]\n  norms: [13a, 13b, 13c]\n  summary: |\n", i)
		for j := 0; j < 6; j++ {
			b.WriteString("    A journal article on small States as norm entrepreneurs in cyberspace, after\n")
		}
		b.WriteString("    the 2015 report [@finnemore-hollis-2016; @nl-2019-letter, para. 3].\n")
	}
	return b.Bytes()
}

// BenchmarkDecodeRecords50MB: a 50 MB record file must cost time and memory
// in proportion to its size. B/op divided by 52428800 is the bytes
// allocated per input byte.
// go test ./build/project -run '^$' -bench DecodeRecords50MB -benchtime 1x -benchmem
func BenchmarkDecodeRecords50MB(b *testing.B) {
	data := records50MB()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		recs, ds := decodeRecords(source.NewFile("digest/big.yaml", data))
		if ds.HasErrors() || len(recs) == 0 {
			b.Fatalf("%d records, %v", len(recs), ds.Err())
		}
	}
}

// TestRecordsSplitLikeWhole: decoding a list one record at a time gives the
// same records and the same diagnostics, at the same places, as decoding
// the whole file.
func TestRecordsSplitLikeWhole(t *testing.T) {
	for _, in := range []string{
		"# records\n- key: a\n  topics: [x]\n  summary: |\n    One\n    - not an item\n\n- key: b\n  topics: [y]\n  sumary: z\n  summary: >\n    folded\n",
		"- key: a\n  topics: [x]\n  summary: s\n- key: b\n  topics: [y]\n   summary: bad indent\n",
		"- key: a\n  topics: [x]\n  summary: \"two\n  lines\"\n-\n  key: b\n  topics: [y]\n  summary: s\n",
		"---\n- key: a\n  topics: [x]\n  summary: s\n- key: b\n  topics: [y]\n  summary: s\n",
		"- key: a\n  topics: [x]\n  summary: s\n- [not, a, record]\n- 3\n",
		"- key: a\r\n  topics: [x]\r\n  summary: s\r\n- key: b\r\n  topics: [x]\r\n  summary: s\r\n",
	} {
		f := source.NewFile("r.yaml", []byte(in))
		got, gds := decodeRecordsIn(f, 1) // one record per parse
		want, wds := decodeWhole(f)
		if fmt.Sprint(recordsString(got)) != fmt.Sprint(recordsString(want)) {
			t.Errorf("%q: records\n%v\nwant\n%v", in, recordsString(got), recordsString(want))
		}
		if fmt.Sprint(gds.Sort()) != fmt.Sprint(wds.Sort()) {
			t.Errorf("%q: diagnostics\n%v\nwant\n%v", in, gds.Sort(), wds.Sort())
		}
	}
	if n := len(splitRecords([]byte("- key: a\n- key: b\n"), 1)); n != 2 {
		t.Errorf("a list of two was cut into %d parts, want 2", n)
	}
}

func recordsString(rs []*Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s@%v %v %v %q@%d+%d %q", r.Key.Value, r.Key.Span.Position(), Values(r.Topics), Values(r.Norms), r.Summary.Value, r.Summary.Start, r.Summary.Indent, r.Note.Value))
	}
	return out
}
