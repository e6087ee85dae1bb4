package main

import (
	"bytes"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"time"
)

// The timeline's data. Each date is the one recorded for the document in the
// project's bibliography (chapters/bib), which was checked against public
// sources; where only the month is known, day is 0 and the label says the
// month only. Nothing here is drawn from memory.

// track is a horizontal lane of the figure.
type track int

const (
	trackGGE track = iota
	trackOEWG
)

// mark is one document on a track.
type mark struct {
	track      track
	year       int
	month      time.Month
	day        int // 0: only the month is known
	lines      [3]string
	row        int // 1: label next to the track, 2: one row further out
	al         align
	major      bool // the 2015 report, the subject of the commentary
	noReport   bool // a Group that ended without a consensus report
	small      bool // annual progress reports: short two-line labels
	labelShift float64
}

// period is a bar for a body that sat over several years.
type period struct {
	track    track
	from, to float64 // decimal years
	label    string
}

var marks = []mark{
	{track: trackGGE, year: 2010, month: time.July, day: 30, row: 1, al: alignRight, labelShift: 16,
		lines: [3]string{"A/65/201", "30 July 2010", "First report"}},
	{track: trackGGE, year: 2013, month: time.June, day: 24, row: 2, al: alignCentre,
		lines: [3]string{"A/68/98", "24 June 2013", "International law applies"}},
	{track: trackGGE, year: 2015, month: time.July, day: 22, row: 1, al: alignCentre, major: true,
		lines: [3]string{"A/70/174", "22 July 2015", "The eleven norms"}},
	{track: trackGGE, year: 2017, month: time.July, day: 0, row: 2, al: alignCentre, noReport: true,
		lines: [3]string{"GGE 2016–2017", "2017", "No consensus report"}},
	{track: trackGGE, year: 2021, month: time.May, day: 28, row: 1, al: alignCentre,
		lines: [3]string{"A/76/135", "28 May 2021", "Guidance on each norm"}},

	{track: trackOEWG, year: 2021, month: time.March, day: 0, row: 1, al: alignRight, labelShift: 12,
		lines: [3]string{"A/75/816", "March 2021", "Adopted by consensus"}},
	{track: trackOEWG, year: 2022, month: time.July, day: 0, row: 1, al: alignCentre, small: true,
		lines: [3]string{"2022"}},
	{track: trackOEWG, year: 2023, month: time.July, day: 0, row: 1, al: alignCentre, small: true,
		lines: [3]string{"2023"}},
	{track: trackOEWG, year: 2024, month: time.July, day: 0, row: 1, al: alignCentre, small: true,
		lines: [3]string{"2024"}},
	{track: trackOEWG, year: 2025, month: time.July, day: 11, row: 2, al: alignRight, labelShift: 41,
		lines: [3]string{"Final report", "11 July 2025", "Global Mechanism established"}},
}

var periods = []period{
	{track: trackGGE, from: 2019.0, to: decimalYear(2021, time.May, 28), label: "GGE 2019–2021"},
	{track: trackOEWG, from: 2019.0, to: decimalYear(2021, time.March, 0), label: "OEWG 2019–2021"},
	{track: trackOEWG, from: 2021.5, to: decimalYear(2025, time.July, 11), label: "OEWG 2021–2025"},
}

// decimalYear places a date on the time axis; a date known only to the
// month sits in the middle of that month.
func decimalYear(y int, m time.Month, d int) float64 {
	day := float64(d)
	if d == 0 {
		day = 15
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).YearDay()
	return float64(y) + (float64(first-1)+day-0.5)/365
}

// Layout, in pixels. The figure is printed at the width of a text column
// (about 120 mm) and shown at about 800 CSS pixels on screen, so even the
// smallest text is 20 px: about 6 pt in print.
const (
	width, height       = 1600, 700
	axisLeft, axisRight = 150.0, 1560.0
	startYear, endYear  = 2010, 2026
	yGGE                = 250.0
	yAxis               = 318.0
	yOEWG               = 420.0
)

var (
	white     = color.RGBA{255, 255, 255, 255}
	ink       = color.RGBA{27, 27, 27, 255}
	muted     = color.RGBA{90, 90, 90, 255}
	rule      = color.RGBA{200, 200, 200, 255}
	accent    = color.RGBA{29, 90, 140, 255}
	accentBar = color.RGBA{200, 217, 232, 255}
)

// xAt maps a decimal year to a pixel column, rounded to half pixels so that
// marks sit on the same sub-pixel grid whatever the date.
func xAt(t float64) float64 {
	scale := (axisRight - axisLeft) / float64(endYear-startYear)
	return axisLeft + math.Round(float64((t-startYear)*scale)*2)/2
}

func trackY(t track) float64 {
	if t == trackGGE {
		return yGGE
	}
	return yOEWG
}

// labelTop is the top of a mark's label block: above the GGE track, below
// the OEWG track, one or two rows away from it.
func labelTop(m mark) float64 {
	if m.track == trackGGE {
		if m.row == 1 {
			return 112
		}
		return 12
	}
	if m.row == 1 {
		return 450
	}
	return 560
}

const labelHeight = 92.0

// drawTimeline draws the whole figure.
func drawTimeline() (*canvas, error) {
	c := newCanvas(width, height, white)

	// Tracks and the year axis.
	for _, y := range []float64{yGGE, yOEWG} {
		c.rect(axisLeft, y-1, axisRight, y+1, rule)
	}
	c.rect(axisLeft, yAxis-1, axisRight, yAxis+1, muted)
	for y := startYear; y <= endYear; y++ {
		x := xAt(float64(y))
		c.rect(x-1, yAxis-8, x+1, yAxis+8, muted)
		if err := c.text(strconv.Itoa(y), x, yAxis+34, false, 22, muted, alignCentre); err != nil {
			return nil, err
		}
	}
	if err := c.text("GGE", 24, yGGE+9, true, 26, accent, alignLeft); err != nil {
		return nil, err
	}
	if err := c.text("OEWG", 24, yOEWG+9, true, 26, accent, alignLeft); err != nil {
		return nil, err
	}

	// Periods under the marks, with their names on the axis side of the track.
	for _, p := range periods {
		y := trackY(p.track)
		c.bar(xAt(p.from), xAt(p.to), y, 12, accentBar)
		ly := y + 36
		if p.track == trackOEWG {
			ly = y - 20
		}
		if err := c.text(p.label, (xAt(p.from)+xAt(p.to))/2, ly, false, 20, muted, alignCentre); err != nil {
			return nil, err
		}
	}

	for _, m := range marks {
		if err := drawMark(c, m); err != nil {
			return nil, err
		}
	}
	if err := c.text("Annual progress reports", xAt(2023.54), 510, false, 22, muted, alignCentre); err != nil {
		return nil, err
	}

	foot := "GGE: Group of Governmental Experts · OEWG: open-ended working group"
	if err := c.text(foot, 24, 684, false, 22, muted, alignLeft); err != nil {
		return nil, err
	}
	return c, nil
}

func drawMark(c *canvas, m mark) error {
	x := xAt(decimalYear(m.year, m.month, m.day))
	y := trackY(m.track)
	top := labelTop(m)
	h := labelHeight
	if m.small {
		h = 34
	}

	// Leader from the label to the mark.
	if m.track == trackGGE {
		c.dashedV(x, top+h+4, y-9, rule)
	} else {
		c.dashedV(x, y+9, top-4, rule)
	}

	switch {
	case m.major:
		c.ring(x, y, 18, 3.5, accent)
		c.disc(x, y, 12, accent)
	case m.noReport:
		c.disc(x, y, 10, white)
		c.ring(x, y, 9, 3, muted)
	case m.small:
		c.disc(x, y, 7, accent)
	default:
		c.disc(x, y, 10, accent)
	}

	lx := x
	switch m.al {
	case alignRight:
		lx = x + m.labelShift
	case alignLeft:
		lx = x - m.labelShift
	}
	titleCol, bodyCol := ink, muted
	if m.major {
		titleCol = accent
	}
	if m.noReport {
		titleCol = muted
	}
	if m.small {
		return c.text(m.lines[0], lx, top+26, true, 26, ink, m.al)
	}
	size := 28.0
	if m.major {
		size = 30
	}
	if err := c.text(m.lines[0], lx, top+27, true, size, titleCol, m.al); err != nil {
		return err
	}
	if err := c.text(m.lines[1], lx, top+57, false, 24, bodyCol, m.al); err != nil {
		return err
	}
	return c.text(m.lines[2], lx, top+86, m.major, 24, ink, m.al)
}

// timelinePNG encodes the figure. png.Encoder writes no time stamps or other
// metadata, so equal pixels give equal bytes.
func timelinePNG() ([]byte, error) {
	c, err := drawTimeline()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, c.img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
