package html

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/xhtml"
)

// The contents page of a publication with an overview (a digest) shows
// its figures at a glance: one horizontal bar chart per series, drawn as
// inline SVG so that it needs no script and follows the page's colours in
// light and dark mode. The chart is an image to assistive technology,
// named with every figure it shows; the same figures follow as a table
// (under a disclosure, so the page stays short) whose rows link to the
// entries they count.

// Chart geometry, in SVG user units: each row is its label above its bar,
// so long topic titles fit a phone's width without shrinking.
const (
	chartW     = 360 // viewBox width
	chartBarW  = 310 // the longest bar; room for its figure after it
	chartLabel = 17  // label line height
	chartBar   = 12  // bar height
	chartGap   = 9   // space after a bar
	chartChars = 46  // a label line longer than this wraps; a third line is cut
)

func (p *pubRenderer) overview() template.HTML {
	ov := p.pub.Overview
	if ov == nil || len(ov.Series) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<section class="overview" aria-labelledby="overview-h">` + "\n")
	b.WriteString(`<h2 id="overview-h">` + xhtml.EscapeString(p.pub.Terms.Get(doc.TermAtAGlance)) + `</h2>` + "\n")
	for _, s := range ov.Series {
		if len(s.Rows) == 0 {
			continue
		}
		p.chart(&b, s)
	}
	b.WriteString("</section>\n")
	return template.HTML(b.String())
}

func (p *pubRenderer) chart(b *strings.Builder, s doc.Series) {
	max := 0
	for _, r := range s.Rows {
		max = maxInt(max, r.N)
	}
	// Labels wrap onto a second line rather than shrink or run out of the
	// chart on a phone.
	labels := make([][]string, len(s.Rows))
	h := 0
	for i, r := range s.Rows {
		labels[i] = wrapLabel(strings.TrimSpace(r.Label+" "+r.Title), chartChars)
		h += len(labels[i])*chartLabel + chartBar + chartGap
	}
	id := "chart-" + s.ID
	b.WriteString(`<figure class="chart" id="` + template.HTMLEscapeString(s.ID) + `">` + "\n")
	b.WriteString(`<figcaption id="` + id + `-cap">`)
	xhtml.Escape(b, s.Title)
	b.WriteString("</figcaption>\n")
	// The accessible name carries every figure: a screen reader hears the
	// chart's content, not just that there is one.
	var name []string
	for _, r := range s.Rows {
		name = append(name, r.Label+": "+strconv.Itoa(r.N))
	}
	fmt.Fprintf(b, `<svg class="chart-svg" role="img" aria-labelledby="%s-title" viewBox="0 0 %d %d" width="%d" height="%d">`+"\n", id, chartW, h, chartW, h)
	b.WriteString(`<title id="` + id + `-title">`)
	xhtml.Escape(b, s.Title+": "+strings.Join(name, "; ")+".")
	b.WriteString("</title>\n")
	y := 0
	for i, r := range s.Rows {
		for _, line := range labels[i] {
			y += chartLabel
			fmt.Fprintf(b, `<text class="chart-label" x="0" y="%d">`, y-4)
			xhtml.Escape(b, line)
			b.WriteString("</text>")
		}
		w := 0
		if max > 0 {
			w = r.N * chartBarW / max
		}
		if r.N > 0 && w < 2 {
			w = 2 // a count of one among hundreds still shows
		}
		fmt.Fprintf(b, `<rect class="chart-bar" x="0" y="%d" width="%d" height="%d"/>`, y, w, chartBar)
		fmt.Fprintf(b, `<text class="chart-n" x="%d" y="%d">%d</text>`+"\n", w+5, y+chartBar-2, r.N)
		y += chartBar + chartGap
	}
	b.WriteString("</svg>\n")
	w := p.pub.Terms
	b.WriteString(`<details class="chart-data"><summary>` + xhtml.EscapeString(w.Get(doc.TermFiguresAsTable)) + `</summary>` + "\n")
	b.WriteString(`<table aria-labelledby="` + id + `-cap"><thead><tr><th scope="col">` + xhtml.EscapeString(map[bool]string{true: w.Cap(doc.TermNorm), false: w.Get(doc.TermTopic)}[s.ID == "per-norm"]) +
		`</th><th scope="col">` + xhtml.EscapeString(w.Get(doc.TermEntries)) + `</th></tr></thead><tbody>` + "\n")
	for _, r := range s.Rows {
		b.WriteString(`<tr><th scope="row">`)
		label := strings.TrimSpace(r.Label + " " + r.Title)
		if href := p.overviewHref(r.Target); href != "" {
			b.WriteString(`<a href="` + template.HTMLEscapeString(href) + `">`)
			xhtml.Escape(b, label)
			b.WriteString("</a>")
		} else {
			xhtml.Escape(b, label)
		}
		b.WriteString("</th><td>" + strconv.Itoa(r.N) + "</td></tr>\n")
	}
	b.WriteString("</tbody></table></details>\n</figure>\n")
}

// overviewHref links a count from the contents page, one folder down,
// when the chapter it points to is built.
func (p *pubRenderer) overviewHref(t *doc.Target) string {
	if t == nil {
		return ""
	}
	anchors, ok := p.idx[t.Pub][t.Chapter]
	if !ok || (t.Anchor != "" && !anchors[t.Anchor]) {
		return ""
	}
	return site.ChapterHref(1, t.Pub, t.Chapter, t.Anchor)
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// wrapLabel breaks a label into at most two lines of about width
// characters at spaces; what a third line would hold is cut with an
// ellipsis (the table below the chart has it whole).
func wrapLabel(s string, width int) []string {
	var lines []string
	var cur []string
	n := 0
	for _, w := range strings.Fields(s) {
		l := len([]rune(w))
		if n > 0 && n+1+l > width {
			lines = append(lines, strings.Join(cur, " "))
			cur, n = nil, 0
		}
		cur = append(cur, w)
		if n > 0 {
			n++
		}
		n += l
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	if len(lines) > 2 {
		lines = append(lines[:1], strings.TrimSpace(lines[1])+"…")
	}
	for i, l := range lines {
		if rs := []rune(l); len(rs) > width+1 {
			lines[i] = string(rs[:width]) + "…"
		}
	}
	return lines
}
