package source

import "slices"

// Suggest finds the candidate closest to a misspelt name, for a "did you
// mean" hint, or "" when none is close enough. Close means an edit distance
// below a quarter of the name's length (at least 3), so short keys only
// match near-misses. Ties go to the first candidate in sorted order, so the
// hint is the same on every run.
func Suggest(name string, candidates []string) string {
	sorted := slices.Sorted(slices.Values(candidates))
	best, bestD := "", max(3, len([]rune(name))/4+1)
	for _, c := range sorted {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// SuggestKey is Suggest over a map's keys.
func SuggestKey[V any](name string, m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return Suggest(name, keys)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
