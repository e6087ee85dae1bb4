package pipeline

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/edition"
)

// The first edition of a one-chapter commentary.
const edManifest = `
-- normpress.yaml --
title: Editions
lang: en-GB
norms: norms.yaml
publications:
  - id: commentary
    title: Commentary
    edition: EDITION
    paragraph-numbers: true
    body:
      - c/13c.md
EDITIONS
-- norms.yaml --
norms:
  - id: 13c
    title: Territory
    text: States should not knowingly allow their territory to be used for internationally wrongful acts using ICTs.
`

var edParas = []string{
	"The norm asks States not to knowingly allow their territory to be used for internationally wrongful acts using ICTs. It is phrased as a voluntary commitment and does not restate an obligation under international law.",
	"Knowledge is the threshold that matters most. A State that learns, through its own agencies or from a credible notification by another State, that infrastructure on its territory is being used for such acts is expected to take the measures reasonably available to it.",
	"The notion of territory includes infrastructure located on the territory of the State, whether it is owned by the State or by private persons, and whether the operator is a national of that State or not.",
	"State practice since 2015 shows a gradual convergence on a notification-and-response model in which the injured State provides technical indicators and the territorial State investigates and reports back.",
	"Open questions remain about the standard of knowledge, in particular whether constructive knowledge suffices and whether a State must monitor its networks before any notification is received.",
}

func edChapter(paras ...string) string {
	return "-- c/13c.md --\n---\ntitle: Norm 13(c)\nnorm: 13c\n---\n\n## Commentary\n\n" + strings.Join(paras, "\n\n") + "\n"
}

func edBuild(t *testing.T, archive string) *Result {
	t.Helper()
	dir := writeProject(t, archive)
	o := opts(dir)
	o.Write, o.Memory, o.Formats = false, true, []string{"html"}
	res := Build(o)
	if !res.OK() {
		t.Fatalf("build failed:\n%v", res.Diags)
	}
	return res
}

func edProject(edition, editions string, chapter string, extra string) string {
	m := strings.Replace(strings.Replace(edManifest, "EDITION", edition, 1), "EDITIONS\n", editions, 1)
	return m + chapter + extra
}

func register(t *testing.T, res *Result) *edition.Register {
	t.Helper()
	data := res.Files["commentary/paragraphs.json"]
	if data == nil {
		t.Fatal("no commentary/paragraphs.json")
	}
	var r edition.Register
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// A build with no change writes the same register byte for byte; an edit
// elsewhere leaves every other paragraph's identity alone.
func TestRegisterStable(t *testing.T) {
	p := edProject("First edition", "", edChapter(edParas...), "")
	a := edBuild(t, p).Files["commentary/paragraphs.json"]
	b := edBuild(t, p).Files["commentary/paragraphs.json"]
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same text wrote different registers")
	}
	first := register(t, edBuild(t, p))
	if len(first.Paragraphs) != 5 || first.Paragraphs[0].Number != 1 || first.Paragraphs[0].Path[0] != "Commentary" {
		t.Fatalf("register: %+v", first.Paragraphs)
	}
	// A paragraph added at the top and one edited: the others keep their ids.
	edited := append([]string{"A new opening paragraph says what the chapter is about."}, edParas...)
	edited[3] = strings.Replace(edited[3], "private persons", "private companies", 1)
	second := register(t, edBuild(t, edProject("First edition", "", edChapter(edited...), "")))
	for i, e := range first.Paragraphs {
		if i == 2 {
			continue // its own first words are the same, but its text changed
		}
		if got := second.Paragraphs[i+1].ID; got != e.ID {
			t.Errorf("para %d: id %q became %q after an edit elsewhere", e.Number, e.ID, got)
		}
	}
}

// The second edition against the first: the changes chapter, the
// concordance, and the first edition's anchors on the paragraphs' new places.
func TestSecondEdition(t *testing.T) {
	first := edBuild(t, edProject("First edition", "", edChapter(edParas...), ""))
	reg := first.Files["commentary/paragraphs.json"]
	oldReg := register(t, first)

	// Second edition: para. 2 split in two, a paragraph added after it,
	// para. 5 moved before para. 4, para. 3 rewritten.
	split1 := "Knowledge is the threshold that matters most, and the commentary reads it as actual knowledge."
	split2 := "A State that learns, through its own agencies or from a credible notification by another State, that infrastructure on its territory is being used for such acts is expected to take the measures reasonably available to it."
	added := "Whether the norm also reaches acts of non-State actors was debated; the working group concluded that it does, since what matters is the use made of the territory."
	rewritten := "Territory in this sense is not limited to physical space: it reaches every system over which the State exercises jurisdiction, so that the place of the operator matters less than the place of the server."
	cur := []string{edParas[0], split1, split2, added, rewritten, edParas[4], edParas[3]}
	editions := "    editions:\n      - name: First edition\n        date: 2026-11-01\n        register: editions/commentary-1.json\n    back:\n      - generate: changes\n      - generate: concordance\n"
	res := edBuild(t, edProject("Second edition", editions, edChapter(cur...), "-- editions/commentary-1.json --\n"+string(reg)))
	newReg := register(t, res)

	// Identities: split keeps the old id on the piece that keeps most of
	// the text; the rest are new ids no old paragraph had.
	byText := map[string]edition.Entry{}
	for _, e := range newReg.Paragraphs {
		byText[e.Text] = e
	}
	old := func(n int) edition.Entry { return oldReg.Paragraphs[n-1] }
	if byText[edParas[0]].ID != old(1).ID || byText[split2].ID != old(2).ID || byText[rewritten].ID != old(3).ID ||
		byText[edParas[3]].ID != old(4).ID || byText[edParas[4]].ID != old(5).ID {
		t.Errorf("identities not kept:\nold %+v\nnew %+v", oldReg.Paragraphs, newReg.Paragraphs)
	}
	for _, txt := range []string{split1, added} {
		for _, o := range oldReg.Paragraphs {
			if byText[txt].ID == o.ID {
				t.Errorf("new paragraph %q took the old id %q", txt, o.ID)
			}
		}
	}

	// Every old number anchor lands on the paragraph that carries the old
	// paragraph's identity, in the HTML edition.
	page := string(res.Files["commentary/13c.html"])
	for _, o := range oldReg.Paragraphs {
		n := byText[map[int]string{1: edParas[0], 2: split2, 3: rewritten, 4: edParas[3], 5: edParas[4]}[o.Number]]
		re := regexp.MustCompile(`<p id="` + regexp.QuoteMeta(n.ID) + `"[^>]*>(<span class="alias"[^>]*>(<span class="alias-note">[^<]*</span>)?</span>)*`)
		m := re.FindString(page)
		if m == "" {
			t.Fatalf("no paragraph %q in the page", n.ID)
		}
		if !strings.Contains(m, `id="p`+itoa(o.Number)+`"`) {
			t.Errorf("old anchor #p%d is not on the paragraph now numbered %d (%q): %s", o.Number, n.Number, n.ID, m)
		}
		if n.Number != o.Number && !strings.Contains(m, "was para. "+itoa(o.Number)+" in the first edition") {
			t.Errorf("#p%d: no note saying where it was: %s", o.Number, m)
		}
		if strings.Count(page, `id="p`+itoa(o.Number)+`"`) != 1 {
			t.Errorf("#p%d is on the page %d times", o.Number, strings.Count(page, `id="p`+itoa(o.Number)+`"`))
		}
	}

	changes := string(res.Files["commentary/changes.html"])
	for _, want := range []string{
		"Para. 2 of the first edition was split",
		"Added: <a href=\"13c.html#" + byText[added].ID + "\">para. 4</a>",
		"Para. 5</a> (para. 3 in the first edition) rewritten.",
		"<del>", `class="ins"`,
	} {
		if !strings.Contains(changes, want) {
			t.Errorf("changes chapter lacks %q", want)
		}
	}
	// Paras. 4 and 5 swapped places: either is the one that moved.
	if !strings.Contains(changes, "Para. 4 of the first edition is now <a href=\"13c.html#"+byText[edParas[3]].ID+"\">para. 7</a> (moved).") &&
		!strings.Contains(changes, "Para. 5 of the first edition is now <a href=\"13c.html#"+byText[edParas[4]].ID+"\">para. 6</a> (moved).") {
		t.Errorf("changes chapter lists no move:\n%s", changes)
	}
	conc := string(res.Files["commentary/concordance.html"])
	for _, row := range [][2]string{{"1", "1"}, {"2", "3"}, {"3", "5"}, {"4", "7"}, {"5", "6"}} {
		re := regexp.MustCompile(`<td[^>]*>` + row[0] + `</td>\s*<td[^>]*><a [^>]*>` + row[1] + `</a>`)
		if !re.MatchString(conc) {
			t.Errorf("concordance: no row %s → %s", row[0], row[1])
		}
	}
}

// A released paragraph that vanished without a trace is a warning with its
// old number and first words.
func TestVanishedParagraph(t *testing.T) {
	reg := edBuild(t, edProject("First edition", "", edChapter(edParas...), "")).Files["commentary/paragraphs.json"]
	editions := "    editions:\n      - name: First edition\n        register: editions/commentary-1.json\n"
	dir := writeProject(t, edProject("Second edition", editions, edChapter(edParas[0], edParas[1], edParas[3], edParas[4]), "-- editions/commentary-1.json --\n"+string(reg)))
	o := opts(dir)
	o.Write = false
	res := Build(o)
	var b strings.Builder
	for _, d := range res.Diags {
		b.WriteString(d.String() + "\n")
	}
	got := b.String()
	if !strings.Contains(got, "chapters/editions/commentary-1.json:") || !strings.Contains(got, "warning: para. 3 of the first edition (13c) has vanished without a trace: “The notion of territory includes infrastructure located on …”") {
		t.Fatalf("no warning for the vanished paragraph:\n%s", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
