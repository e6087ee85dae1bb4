package html_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/site"
)

// TestDigestOverview: the digest's contents page charts its entries per
// norm and per topic, and every figure agrees with the chapters a reader
// would count by hand: the entries listed under the norm in the index by
// norm, and the entries given or listed in the topic's chapter. The chart
// has one bar per figure, proportional to it, and names every figure for
// assistive technology.
func TestDigestOverview(t *testing.T) {
	res := buildExampleHTML(t)
	var pub *doc.Publication
	for _, p := range res.Site.Pubs {
		if p.Overview != nil {
			pub = p
		}
	}
	if pub == nil {
		t.Fatal("no publication of the example has an overview")
	}
	// Count by hand from the generated chapters.
	byNorm := map[string]int{}  // heading anchor "norm-13c" → items in the list after it
	byTopic := map[string]int{} // chapter ID → entries given in full or listed
	for _, ch := range pub.Chapters {
		switch ch.Kind {
		case "digest-norms":
			for i, b := range ch.Blocks {
				if h, ok := b.(*doc.Heading); ok && i+1 < len(ch.Blocks) {
					if l, ok := ch.Blocks[i+1].(*doc.List); ok {
						byNorm[h.Attr.ID] = len(l.Items)
					}
				}
			}
		case "digest-topic":
			for _, b := range ch.Blocks {
				switch b := b.(type) {
				case *doc.Div:
					byTopic[ch.ID]++
				case *doc.List:
					byTopic[ch.ID] += len(b.Items)
				}
			}
		}
	}
	page := string(res.Files[site.ContentsPath(pub.ID)])
	for _, s := range pub.Overview.Series {
		sum := 0
		for _, r := range s.Rows {
			var want int
			switch s.ID {
			case "per-norm":
				if r.Target != nil {
					want = byNorm[r.Target.Anchor]
				}
			case "per-topic":
				want = byTopic[r.Target.Chapter]
			}
			if r.N != want {
				t.Errorf("%s %q: %d, but its chapter lists %d", s.ID, r.Label, r.N, want)
			}
			sum += r.N
		}
		if sum == 0 {
			t.Errorf("%s counts nothing", s.ID)
		}
		fig := page[strings.Index(page, `<figure class="chart" id="`+s.ID+`"`):]
		fig = fig[:strings.Index(fig, "</figure>")]
		bars := regexp.MustCompile(`<rect class="chart-bar" x="0" y="\d+" width="(\d+)"`).FindAllStringSubmatch(fig, -1)
		if len(bars) != len(s.Rows) {
			t.Fatalf("%s: %d bars for %d figures", s.ID, len(bars), len(s.Rows))
		}
		max, maxW := 0, 0
		for i, r := range s.Rows {
			w, _ := strconv.Atoi(bars[i][1])
			if r.N > max {
				max, maxW = r.N, w
			}
		}
		for i, r := range s.Rows {
			w, _ := strconv.Atoi(bars[i][1])
			if want := r.N * maxW / max; w != want && !(r.N > 0 && w == 2 && want < 2) {
				t.Errorf("%s %q: bar %d wide, want %d for %d of %d", s.ID, r.Label, w, want, r.N, max)
			}
			if !strings.Contains(fig, r.Label+": "+strconv.Itoa(r.N)) {
				t.Errorf("%s: the chart's name lacks %q", s.ID, r.Label+": "+strconv.Itoa(r.N))
			}
			if !regexp.MustCompile(`<td>` + strconv.Itoa(r.N) + `</td>`).MatchString(fig) {
				t.Errorf("%s: the table lacks the figure %d", s.ID, r.N)
			}
		}
	}
}
