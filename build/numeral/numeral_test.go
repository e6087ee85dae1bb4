package numeral

import "testing"

func TestRoman(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
		ok   bool
	}{
		{1, "i", true}, {4, "iv", true}, {9, "ix", true}, {14, "xiv", true}, {40, "xl", true}, {90, "xc", true},
		{400, "cd", true}, {1994, "mcmxciv", true}, {2027, "mmxxvii", true}, {3999, "mmmcmxcix", true},
		{0, "", false}, {-3, "", false}, {4000, "", false},
	} {
		if got, ok := Roman(tc.n); got != tc.want || ok != tc.ok {
			t.Errorf("Roman(%d) = %q, %v; want %q, %v", tc.n, got, ok, tc.want, tc.ok)
		}
	}
}

func TestIsRoman(t *testing.T) {
	for s, want := range map[string]bool{"xiv": true, "IV": true, "MCMXCIV": true, "": false, "x1": false, "iv.": false, "vi ii": false} {
		if got := IsRoman(s); got != want {
			t.Errorf("IsRoman(%q) = %v, want %v", s, got, want)
		}
	}
}
