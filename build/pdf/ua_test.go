package pdf_test

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/doc"
	"github.com/normpress/normpress/build/pdf"
)

// TestPDFUA: every example publication and a generated long document
// pass every condition the checker knows.
func TestPDFUA(t *testing.T) {
	for _, id := range []string{"commentary", "guidelines", "digest-2025"} {
		t.Run(id, func(t *testing.T) {
			_, res := examplePDF(t, id)
			for _, v := range checkUA(parsePDF(t, res.Data)) {
				t.Error(v)
			}
		})
	}
	t.Run("long", func(t *testing.T) {
		res, diags := pdf.Render(pdf.LongPub(60), pdf.Options{Epoch: 1767225600})
		if diags.HasErrors() {
			t.Fatal(diags.Err())
		}
		for _, v := range checkUA(parsePDF(t, res.Data)) {
			t.Error(v)
		}
	})
}

// TestPDFUACheckerCatchesViolations breaks a good file on purpose, one
// condition at a time, and shows that the checker reports exactly that.
func TestPDFUACheckerCatchesViolations(t *testing.T) {
	_, res := examplePDF(t, "commentary")
	good := parsePDF(t, res.Data)
	if vs := checkUA(good); len(vs) > 0 {
		t.Fatalf("the good file is not good: %v", vs)
	}
	raw, _ := json.Marshal(struct {
		O map[string]any
		T map[string]any
	}{good.objs, good.trailer})
	fresh := func() *pdfDoc {
		var c struct {
			O map[string]any
			T map[string]any
		}
		_ = json.Unmarshal(raw, &c)
		return &pdfDoc{objs: c.O, trailer: c.T, header: good.header}
	}
	value := func(d *pdfDoc, ref string) map[string]any {
		o := d.objs[ref].(map[string]any)
		if st, ok := o["stream"].(map[string]any); ok {
			return st["dict"].(map[string]any)
		}
		return o["value"].(map[string]any)
	}
	// first finds the first object (in a stable order) with role s.
	first := func(d *pdfDoc, pred func(map[string]any) bool) (string, map[string]any) {
		best := ""
		for ref := range d.objs {
			o, _ := d.objs[ref].(map[string]any)
			v, _ := o["value"].(map[string]any)
			if v != nil && pred(v) && (best == "" || objNum(ref) < objNum(best)) {
				best = ref
			}
		}
		if best == "" {
			t.Fatal("nothing to break")
		}
		return best, value(d, best)
	}
	role := func(r string) func(map[string]any) bool {
		return func(v map[string]any) bool { return v["/S"] == r && v["/P"] != nil }
	}
	catalog := func(d *pdfDoc) map[string]any { return value(d, d.trailer["/Root"].(string)) }
	firstPage := func(d *pdfDoc, pred func(map[string]any) bool) map[string]any {
		_, v := first(d, func(v map[string]any) bool { return v["/Type"] == "/Page" && pred(v) })
		return v
	}
	prependContent := func(d *pdfDoc, code string) {
		p := firstPage(d, func(v map[string]any) bool { _, ok := v["/StructParents"]; return ok })
		ref := p["/Contents"].(string)
		st := d.objs[ref].(map[string]any)["stream"].(map[string]any)
		data, _ := base64.StdEncoding.DecodeString(st["data"].(string))
		st["data"] = base64.StdEncoding.EncodeToString(append([]byte(code+"\n"), data...))
	}
	for _, tc := range []struct {
		rule   string
		break_ func(d *pdfDoc)
	}{
		{"01-002 MarkInfo", func(d *pdfDoc) { delete(catalog(d), "/MarkInfo") }},
		{"01-006 StructTreeRoot", func(d *pdfDoc) { delete(catalog(d), "/StructTreeRoot") }},
		{"07-001 DisplayDocTitle", func(d *pdfDoc) { delete(catalog(d), "/ViewerPreferences") }},
		{"11-006 Lang", func(d *pdfDoc) { delete(catalog(d), "/Lang") }},
		{"PDF/A-2 6.2.3 OutputIntent", func(d *pdfDoc) { delete(catalog(d), "/OutputIntents") }},
		{"06-001 Metadata", func(d *pdfDoc) { delete(catalog(d), "/Metadata") }},
		{"06-002 pdfuaid", func(d *pdfDoc) {
			ref := catalog(d)["/Metadata"].(string)
			st := d.objs[ref].(map[string]any)["stream"].(map[string]any)
			x, _ := base64.StdEncoding.DecodeString(st["data"].(string))
			st["data"] = base64.StdEncoding.EncodeToString([]byte(strings.Replace(string(x), "<pdfuaid:part>1", "<pdfuaid:part>2", 1)))
		}},
		{"PDF/A-2 6.1.3 trailer ID", func(d *pdfDoc) { delete(d.trailer, "/ID") }},
		{"13-004 Figure Alt", func(d *pdfDoc) { _, v := first(d, role("/Figure")); delete(v, "/Alt") }},
		{"14-003 headings", func(d *pdfDoc) { _, v := first(d, role("/H2")); v["/S"] = "/H4" }},
		{"14-002 headings", func(d *pdfDoc) {
			for _, o := range d.objs {
				if v, _ := o.(map[string]any)["value"].(map[string]any); v != nil && v["/S"] == "/H1" {
					v["/S"] = "/H2"
				}
			}
		}},
		{"02-001 role", func(d *pdfDoc) { _, v := first(d, role("/P")); v["/S"] = "/Paragraph" }},
		{"09-004 nesting", func(d *pdfDoc) { _, v := first(d, role("/LI")); v["/S"] = "/P" }},
		{"15-003 TH Scope", func(d *pdfDoc) { _, v := first(d, role("/TH")); delete(v, "/A") }},
		{"19-003 Note ID", func(d *pdfDoc) { _, v := first(d, role("/Note")); delete(v, "/ID") }},
		{"19-004 Note ID", func(d *pdfDoc) {
			var notes []map[string]any
			for _, o := range d.objs {
				if v, _ := o.(map[string]any)["value"].(map[string]any); v != nil && v["/S"] == "/Note" {
					notes = append(notes, v)
				}
			}
			notes[1]["/ID"] = notes[0]["/ID"]
		}},
		{"11-004 Lang", func(d *pdfDoc) { _, v := first(d, role("/Sect")); v["/Lang"] = "u:en GB" }},
		{"01-005 untagged content", func(d *pdfDoc) { prependContent(d, "0 0 m 10 10 l S") }},
		{"01-002 content in artifact", func(d *pdfDoc) { prependContent(d, "/Artifact BMC /P <</MCID 0>> BDC EMC EMC") }},
		{"01-001 artifact in content", func(d *pdfDoc) { prependContent(d, "/P <</MCID 900>> BDC /Artifact BMC EMC EMC") }},
		{"01-004 MCID not in tree", func(d *pdfDoc) { prependContent(d, "/P <</MCID 901>> BDC 0 0 m 1 1 l S EMC") }},
		{"parent tree", func(d *pdfDoc) {
			p := firstPage(d, func(v map[string]any) bool { _, ok := v["/StructParents"]; return ok })
			p["/StructParents"] = float64(1e6)
		}},
		{"28-002 Tabs", func(d *pdfDoc) {
			delete(firstPage(d, func(v map[string]any) bool { return v["/Tabs"] != nil }), "/Tabs")
		}},
		{"28-011 Contents", func(d *pdfDoc) {
			_, v := first(d, func(v map[string]any) bool { return v["/Subtype"] == "/Link" })
			delete(v, "/Contents")
		}},
		{"28-009 StructParent", func(d *pdfDoc) {
			_, v := first(d, func(v map[string]any) bool { return v["/Subtype"] == "/Link" })
			delete(v, "/StructParent")
		}},
		{"28-011 Link", func(d *pdfDoc) { _, v := first(d, role("/Link")); v["/S"] = "/Span" }},
		{"31-027 ToUnicode", func(d *pdfDoc) {
			_, v := first(d, func(v map[string]any) bool { return v["/Subtype"] == "/Type0" })
			delete(v, "/ToUnicode")
		}},
		{"fonts subset name", func(d *pdfDoc) {
			_, v := first(d, func(v map[string]any) bool { return v["/Subtype"] == "/Type0" })
			v["/BaseFont"] = "/utf8serif"
		}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			d := fresh()
			tc.break_(d)
			vs := checkUA(d)
			found := false
			for _, v := range vs {
				if v.rule == tc.rule {
					found = true
				}
			}
			if !found {
				t.Errorf("broken on purpose for %s, the checker reported %v", tc.rule, vs)
			}
		})
	}
}

// TestRepeatedHeaderLink: a link in a table's header row works on every
// page the header is repeated on, and each of its annotations is an OBJR
// of the header cell's one Link element (the repeated text is an
// artifact; the annotation cannot be, PDF/UA 7.18.1).
func TestRepeatedHeaderLink(t *testing.T) {
	pub := pdf.SamplePub()
	pub.Parts = nil
	ch := pub.Chapters[1]
	ch.Norm = nil
	const url = "https://example.org/head"
	tbl := &doc.Table{Num: 1, Caption: []doc.Inline{&doc.Text{Value: "A long table"}},
		Head: []doc.Row{{{Inlines: []doc.Inline{&doc.Link{URL: url, Inlines: []doc.Inline{&doc.Text{Value: "Source"}}}}}, {Inlines: []doc.Inline{&doc.Text{Value: "Value"}}}}}}
	for i := range 120 {
		tbl.Body = append(tbl.Body, doc.Row{{Inlines: []doc.Inline{&doc.Text{Value: "row " + strconv.Itoa(i)}}}, {Inlines: []doc.Inline{&doc.Text{Value: "value"}}}})
	}
	ch.Blocks = []doc.Block{tbl}
	pub.Chapters = []*doc.Chapter{ch}
	res, diags := pdf.Render(pub, pdf.Options{Epoch: 1767225600})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	d := parsePDF(t, res.Data)
	pages := map[string]bool{}
	links := map[string]bool{}
	for ref, o := range d.objs {
		v, _ := o.(map[string]any)["value"].(map[string]any)
		if v == nil || v["/Subtype"] != "/Link" || d.str(d.dict(v["/A"])["/URI"]) != url {
			continue
		}
		if _, ok := v["/StructParent"]; !ok {
			t.Errorf("annotation %s has no /StructParent", ref)
		}
		for pref, p := range d.objs {
			pv, _ := p.(map[string]any)["value"].(map[string]any)
			for _, a := range d.arr(pv["/Annots"]) {
				if a == ref {
					pages[pref] = true
				}
			}
		}
		// Its Link element: the OBJR pointing at it.
		for eref, e := range d.objs {
			ev, _ := e.(map[string]any)["value"].(map[string]any)
			if ev == nil || ev["/S"] != "/Link" {
				continue
			}
			for _, k := range d.arr(ev["/K"]) {
				if km, ok := k.(map[string]any); ok && km["/Obj"] == ref {
					links[eref] = true
				}
			}
		}
	}
	if len(pages) < 3 {
		t.Errorf("the header's link is on %d pages; the table runs over at least 3", len(pages))
	}
	if len(links) != 1 {
		t.Errorf("the header link's annotations belong to %d Link elements, want 1", len(links))
	}
	for _, v := range checkUA(d) {
		t.Error(v)
	}
}

func objNum(ref string) int {
	n := 0
	for _, c := range ref {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
