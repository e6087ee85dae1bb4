package bib

import (
	"reflect"
	"testing"
)

func TestParseEDTF(t *testing.T) {
	for _, tc := range []struct {
		in    string
		parts [][3]int
		circa bool
		err   bool
	}{
		{in: "2021", parts: [][3]int{{2021, 0, 0}}},
		{in: "2021-05", parts: [][3]int{{2021, 5, 0}}},
		{in: "2021-05-28", parts: [][3]int{{2021, 5, 28}}},
		{in: "2021-5-8", parts: [][3]int{{2021, 5, 8}}},
		{in: "2020/2021", parts: [][3]int{{2020, 0, 0}, {2021, 0, 0}}},
		{in: "2020-03-15/2020-03-17", parts: [][3]int{{2020, 3, 15}, {2020, 3, 17}}},
		{in: "1998/", parts: [][3]int{{1998, 0, 0}, {0, 0, 0}}},
		{in: "1998/..", parts: [][3]int{{1998, 0, 0}, {0, 0, 0}}},
		{in: "2015-22", parts: [][3]int{{2015, 14, 0}}},
		{in: "2004~", parts: [][3]int{{2004, 0, 0}}, circa: true},
		{in: "2004?", parts: [][3]int{{2004, 0, 0}}},
		{in: "-0044-03-15", parts: [][3]int{{-44, 3, 15}}},
		{in: "2021-05-28T10:00:00Z", parts: [][3]int{{2021, 5, 28}}},
		{in: "2021-05-28/2021-05-28", parts: [][3]int{{2021, 5, 28}}},
		{in: "2020-02-29", parts: [][3]int{{2020, 2, 29}}},
		{in: "2021-02-29", err: true},
		{in: "2021-13", err: true},
		{in: "2021-04-31", err: true},
		{in: "2021-00-05", err: true},
		{in: "199X", err: true},
		{in: "May 2021", err: true},
		{in: "2021/2020", err: true},
		{in: "/2021", err: true},
		{in: "2020/2021/2022", err: true},
		{in: "", err: true},
	} {
		d, err := parseEDTF(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("parseEDTF(%q) error = %v, want error %v", tc.in, err, tc.err)
			continue
		}
		if err == nil && (!reflect.DeepEqual(d.Parts, tc.parts) || d.Circa != tc.circa) {
			t.Errorf("parseEDTF(%q) = %v circa %v, want %v circa %v", tc.in, d.Parts, d.Circa, tc.parts, tc.circa)
		}
	}
}

func TestParseLooseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [3]int
		ok   bool
	}{
		{"May 23, 2018", [3]int{2018, 5, 23}, true},
		{"23 May 2018", [3]int{2018, 5, 23}, true},
		{"Sept. 2019", [3]int{2019, 9, 0}, true},
		{"Spring 2020", [3]int{2020, 13, 0}, true},
		{"2018-05-23", [3]int{2018, 5, 23}, true},
		{"2018", [3]int{2018, 0, 0}, true},
		{"n.d.", [3]int{}, false},
		{"31 February 2020", [3]int{}, false},
		{"Maybe 2020", [3]int{}, false},
	} {
		d, ok := parseLooseDate(tc.in)
		if ok != tc.ok || ok && d.Parts[0] != tc.want {
			t.Errorf("parseLooseDate(%q) = %v, %v; want %v, %v", tc.in, d.Parts, ok, tc.want, tc.ok)
		}
	}
}

func TestFormatEDTF(t *testing.T) {
	for _, tc := range []struct {
		d    Date
		want string
	}{
		{Date{Parts: [][3]int{{2021, 5, 28}}}, "2021-05-28"},
		{Date{Parts: [][3]int{{2020, 0, 0}, {2021, 0, 0}}}, "2020/2021"},
		{Date{Parts: [][3]int{{1998, 0, 0}, {0, 0, 0}}}, "1998/.."},
		{Date{Parts: [][3]int{{2015, 14, 0}}}, "2015-22"},
		{Date{Parts: [][3]int{{2004, 0, 0}}, Circa: true}, "2004~"},
		{Date{Parts: [][3]int{{-44, 3, 15}}}, "-0044-03-15"},
	} {
		got := formatEDTF(tc.d)
		if got != tc.want {
			t.Errorf("formatEDTF(%v) = %q, want %q", tc.d, got, tc.want)
		}
		back, err := parseEDTF(got)
		if err != nil || !reflect.DeepEqual(back.Parts, tc.d.Parts) || back.Circa != tc.d.Circa {
			t.Errorf("parseEDTF(%q) = %v, %v; want %v", got, back, err, tc.d)
		}
	}
}
