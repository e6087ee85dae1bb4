package bib

import (
	"fmt"
	"strconv"
	"strings"
)

// Dates as text: BibLaTeX's date fields and CSL's date strings are both
// ISO 8601-2 (EDTF level 1): "2021", "2021-05", "2021-05-28", a range
// "2020/2021", an open end "1998/" or "1998/..", seasons as months 21–24
// ("2015-22"), "~" or "%" for circa and "?" for uncertain. CSL-JSON's
// "raw" dates are often looser ("May 28, 2021"), so a second reader takes
// month names and day-month-year in any order.

// parseEDTF reads an EDTF date or range. The error says what is wrong.
func parseEDTF(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, fmt.Errorf("empty date")
	}
	var d Date
	from, to, isRange := strings.Cut(s, "/")
	if isRange && strings.Contains(to, "/") {
		return Date{}, fmt.Errorf("a date range has one '/'")
	}
	p1, c1, err := parseEDTFDate(from)
	if err != nil {
		return Date{}, err
	}
	d.Parts = [][3]int{p1}
	d.Circa = c1
	if isRange {
		to = strings.TrimSpace(to)
		if to == "" || to == ".." {
			d.Parts = append(d.Parts, [3]int{}) // open end
		} else {
			p2, c2, err := parseEDTFDate(to)
			if err != nil {
				return Date{}, err
			}
			if c2 {
				d.Circa = true
			}
			if p2 == p1 {
				return d, nil
			}
			if dateKey(p2) < dateKey(p1) {
				return Date{}, fmt.Errorf("the range ends before it starts")
			}
			d.Parts = append(d.Parts, p2)
		}
	}
	return d, nil
}

// dateKey orders dates; seasons count as the whole year.
func dateKey(p [3]int) int {
	m := p[1]
	if m > 12 {
		m = 0
	}
	return p[0]*10000 + m*100 + p[2]
}

// parseEDTFDate reads one date: [-]YYYY[-MM[-DD]][Thh:mm:ss…][~?%].
func parseEDTFDate(s string) ([3]int, bool, error) {
	var p [3]int
	s = strings.TrimSpace(s)
	circa := false
	for len(s) > 0 {
		switch s[len(s)-1] {
		case '~', '%':
			circa = true
			s = s[:len(s)-1]
			continue
		case '?':
			s = s[:len(s)-1]
			continue
		}
		break
	}
	if t := strings.IndexByte(s, 'T'); t > 0 {
		s = s[:t] // a time of day: CSL dates have none
	}
	if s == "" || s == ".." {
		return p, false, fmt.Errorf("a date needs a year (an open start is not supported)")
	}
	neg := false
	if s[0] == '-' {
		neg = true
		s = s[1:]
	}
	fields := strings.Split(s, "-")
	if len(fields) > 3 {
		return p, false, fmt.Errorf("expected YYYY, YYYY-MM or YYYY-MM-DD")
	}
	for i, f := range fields {
		if f == "" || i == 0 && len(f) > 6 || i > 0 && len(f) > 2 {
			return p, false, fmt.Errorf("expected YYYY, YYYY-MM or YYYY-MM-DD")
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || strings.ContainsAny(f, "+-") {
			if strings.ContainsAny(f, "Xu") {
				return p, false, fmt.Errorf("unspecified digits (%q) are not supported", f)
			}
			return p, false, fmt.Errorf("%q is not a number", f)
		}
		p[i] = n
	}
	if neg {
		p[0] = -p[0]
	}
	if p[0] == 0 {
		// CSL's date-parts use 0 for "no year": year 0 (1 BC) cannot be
		// told apart from it.
		return p, false, fmt.Errorf("year 0 cannot be written in CSL")
	}
	if err := checkParts(p); err != nil {
		return p, false, err
	}
	if p[1] >= 13 && p[1] <= 16 {
		// 13–16 are CSL-JSON's seasons; EDTF spells them 21–24.
		return p, false, fmt.Errorf("month %d is not 1–12 (or a season, 21–24)", p[1])
	}
	if p[1] >= 21 && p[1] <= 24 {
		p[1] -= 8 // EDTF seasons 21–24 are CSL's 13–16
	}
	return p, circa, nil
}

// checkParts validates month and day; months 13–16 and 21–24 are seasons
// and take no day.
func checkParts(p [3]int) error {
	m, day := p[1], p[2]
	if p[0] == 0 && (m != 0 || day != 0) {
		return fmt.Errorf("a date needs a year")
	}
	switch {
	case m == 0:
		if day != 0 {
			return fmt.Errorf("a day needs a month")
		}
	case m >= 1 && m <= 12:
		if day < 0 || day > daysIn(m, p[0]) {
			return fmt.Errorf("%s %d has no day %d", monthNames[m-1], p[0], day)
		}
	case m >= 13 && m <= 16 || m >= 21 && m <= 24:
		if day != 0 {
			return fmt.Errorf("a season takes no day")
		}
	default:
		return fmt.Errorf("month %d is not 1–12 (or a season, 21–24)", m)
	}
	return nil
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// monthNumber reads a month name or abbreviation in English ("Sep",
// "sept.", "September"), or a number 1–12.
func monthNumber(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 12
	}
	if len(s) < 3 {
		return 0, false
	}
	for i, name := range monthNames {
		full := strings.ToLower(name)
		if s == full || strings.HasPrefix(full, s) && (len(s) == 3 || s == "sept") {
			return i + 1, true
		}
	}
	return 0, false
}

// seasonNumber reads a season's name.
func seasonNumber(s string) (int, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "spring":
		return 1, true
	case "summer":
		return 2, true
	case "autumn", "fall":
		return 3, true
	case "winter":
		return 4, true
	}
	return 0, false
}

// parseLooseDate reads "28 May 2021", "May 28, 2021", "May 2021",
// "Spring 2020", or any EDTF date.
func parseLooseDate(s string) (Date, bool) {
	if d, err := parseEDTF(s); err == nil {
		return d, true
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '/' })
	if len(f) == 0 || len(f) > 3 {
		return Date{}, false
	}
	var p [3]int
	var nums []int
	for _, w := range f {
		if n, err := strconv.Atoi(strings.TrimSuffix(w, ".")); err == nil {
			nums = append(nums, n)
			continue
		}
		if m, ok := monthNumber(w); ok && p[1] == 0 {
			p[1] = m
			continue
		}
		if sn, ok := seasonNumber(w); ok && p[1] == 0 {
			p[1] = 12 + sn
			continue
		}
		return Date{}, false
	}
	switch {
	case len(nums) == 1:
		p[0] = nums[0]
	case len(nums) == 2 && p[1] != 0:
		// day and year in either order: the year is the one above 31
		day, year := nums[0], nums[1]
		if day > 31 {
			day, year = year, day
		}
		p[0], p[2] = year, day
	default:
		return Date{}, false
	}
	if p[0] < 100 || checkParts(p) != nil {
		return Date{}, false
	}
	return Date{Parts: [][3]int{p}}, true
}

// formatEDTF writes a date's parts as EDTF, for BibLaTeX's date fields.
func formatEDTF(d Date) string {
	var parts []string
	for i, p := range d.Parts {
		if p == [3]int{} {
			if i > 0 {
				parts = append(parts, "..")
			}
			continue
		}
		var b strings.Builder
		y := p[0]
		if y < 0 {
			b.WriteByte('-')
			y = -y
		}
		fmt.Fprintf(&b, "%04d", y)
		if p[1] != 0 {
			m := p[1]
			if m >= 13 && m <= 16 {
				m += 8
			}
			fmt.Fprintf(&b, "-%02d", m)
			if p[2] != 0 {
				fmt.Fprintf(&b, "-%02d", p[2])
			}
		}
		parts = append(parts, b.String())
	}
	s := strings.Join(parts, "/")
	if d.Circa && s != "" {
		// EDTF qualifies each date; CSL's circa is the whole date's.
		a, b, isRange := strings.Cut(s, "/")
		s = a + "~"
		if isRange {
			s += "/" + b
			if b != ".." {
				s += "~"
			}
		}
	}
	return s
}
