package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestLeastSquares(t *testing.T) {
	for _, tc := range []struct {
		name     string
		xs, ys   []float64
		a, b, r2 float64
	}{
		{"a line", []float64{1, 2, 4, 8}, []float64{3, 5, 9, 17}, 1, 2, 1},
		{"flat", []float64{1, 2, 4}, []float64{5, 5, 5}, 5, 0, 1},
		{"one point", []float64{3, 3}, []float64{1, 2}, 1.5, 0, 0},
		{"noisy", []float64{1, 2, 3, 4}, []float64{1, 3, 2, 4}, 0.5, 0.8, 0.64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b, r2 := leastSquares(tc.xs, tc.ys)
			if math.Abs(a-tc.a) > 1e-9 || math.Abs(b-tc.b) > 1e-9 || math.Abs(r2-tc.r2) > 1e-9 {
				t.Errorf("got a=%g b=%g R²=%g, want %g %g %g", a, b, r2, tc.a, tc.b, tc.r2)
			}
		})
	}
}

func TestSummarise(t *testing.T) {
	ms := time.Millisecond
	got := summarise([]Sample{
		{Wall: 30 * ms, CPU: 5 * ms, RSS: 10},
		{Wall: 10 * ms, CPU: 9 * ms, RSS: 30},
		{Wall: 20 * ms, CPU: 7 * ms, RSS: 20},
		{Wall: 90 * ms, CPU: 1 * ms, RSS: 5},
	})
	if got.Runs != 4 || got.Min != 10*ms || got.Median != 25*ms || got.MedianCPU != 6*ms || got.PeakRSS != 30 {
		t.Errorf("summarise = %+v", got)
	}
	if one := summarise([]Sample{{Wall: ms}}); one.Median != ms || one.Min != ms {
		t.Errorf("one run: %+v", one)
	}
}

// A report saved with --json prints the same table with --table.
func TestReportJSONRoundTrip(t *testing.T) {
	ms := time.Millisecond
	rep := &Report{CPUs: 2, LoadBefore: "1.00 1.00 1.00", Runs: 2, Formats: []string{"all", "pdf"},
		Pandoc: "pandoc 2.17.1.1", PandocRuns: 2}
	for _, n := range []int{1, 2} {
		d := time.Duration(n)
		rep.Scales = append(rep.Scales, &ScaleResult{
			Corpus: &Corpus{Scale: n, Chapters: 26 * n, Bytes: int64(300000 * n), Words: 38000 * n},
			Pubs:   []PubStats{{ID: "commentary", Footnotes: 400 * n, Citations: 500 * n, PDFPages: 250 * n}},
			Normpress: map[string]Timing{
				"all": summarise([]Sample{{Wall: 400 * d * ms, CPU: 600 * d * ms, RSS: 90e6 * int64(n)}, {Wall: 500 * d * ms}}),
				"pdf": summarise([]Sample{{Wall: 200 * d * ms, CPU: 300 * d * ms, RSS: 80e6}}),
			},
			Compare: []Comparison{{Format: "html", Pubs: []string{"commentary"},
				Pandoc:    summarise([]Sample{{Wall: 3000 * d * ms, CPU: 2000 * d * ms}}),
				Normpress: summarise([]Sample{{Wall: 300 * d * ms, CPU: 250 * d * ms}})}},
		})
	}
	rep.fit()
	var want, got strings.Builder
	rep.print(&want)
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	back.print(&got)
	if got.String() != want.String() {
		t.Errorf("--table prints\n%s\nbut the run printed\n%s", got.String(), want.String())
	}
	for _, s := range []string{"10.0×", "0.400 s", "0.450 s", "1.000"} {
		if !strings.Contains(want.String(), s) {
			t.Errorf("table lacks %q:\n%s", s, want.String())
		}
	}
}
