package main

import (
	"math"
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
