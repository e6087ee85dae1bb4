package pdf_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/internal/tooltest"
)

// A checker for the machine-checkable conditions of PDF/UA-1 (ISO
// 14289-1) and the PDF/A-2a identification, written from the rules as
// veraPDF's PDF/UA-1 profile and the Matterhorn Protocol 1.1 state them
// (the numbers in brackets are Matterhorn failure conditions), not from
// what normpress writes. It reads the file through qpdf's JSON dump
// (objects with decoded streams), so the parsing is not ours either.

// pdfDoc is a parsed file: objects by "N 0 R", the trailer, the header.
type pdfDoc struct {
	objs    map[string]any
	trailer map[string]any
	header  string
}

func parsePDF(t testing.TB, data []byte) *pdfDoc {
	t.Helper()
	qpdf := tooltest.Need(t, "qpdf")
	dir := t.TempDir()
	path := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(qpdf, "--json", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &j); err != nil || len(j.Qpdf) < 2 {
		t.Fatalf("qpdf --json output: %v", err)
	}
	var objs map[string]any
	if err := json.Unmarshal(j.Qpdf[1], &objs); err != nil {
		t.Fatal(err)
	}
	d := &pdfDoc{objs: map[string]any{}}
	for k, v := range objs {
		if k == "trailer" {
			d.trailer, _ = v.(map[string]any)["value"].(map[string]any)
			continue
		}
		d.objs[strings.TrimPrefix(k, "obj:")] = v
	}
	if i := bytes.IndexByte(data, '\n'); i > 0 {
		d.header = string(data[:i])
	}
	return d
}

// val resolves a reference to the object's value (for a stream, its dict).
func (d *pdfDoc) val(v any) any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " 0 R") {
		o, ok := d.objs[s].(map[string]any)
		if !ok {
			return nil
		}
		if st, ok := o["stream"].(map[string]any); ok {
			return st["dict"]
		}
		return o["value"]
	}
	return v
}

func (d *pdfDoc) dict(v any) map[string]any {
	m, _ := d.val(v).(map[string]any)
	return m
}

func (d *pdfDoc) arr(v any) []any {
	a, _ := d.val(v).([]any)
	return a
}

// str is a string object's text ("u:" text, "b:" hex bytes).
func (d *pdfDoc) str(v any) string {
	s, _ := d.val(v).(string)
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		b := make([]byte, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			n, _ := strconv.ParseUint(s[i:i+2], 16, 8)
			b = append(b, byte(n))
		}
		return string(b)
	}
	return ""
}

func (d *pdfDoc) num(v any) (float64, bool) {
	f, ok := d.val(v).(float64)
	return f, ok
}

// streamData is a stream's decoded bytes.
func (d *pdfDoc) streamData(ref any) []byte {
	s, _ := ref.(string)
	o, _ := d.objs[s].(map[string]any)
	st, _ := o["stream"].(map[string]any)
	data, _ := st["data"].(string)
	b, _ := base64.StdEncoding.DecodeString(data)
	return b
}

// A content stream, tokenized: operators with their operands.
type cop struct {
	op   string
	args []any // float64, "/Name", "(string)", []any, map (a dict: names to values)
}

func tokenize(src []byte) []cop {
	var out []cop
	var stack []any
	i := 0
	var value func() (any, bool)
	skipWS := func() {
		for i < len(src) {
			c := src[i]
			if c == '%' {
				for i < len(src) && src[i] != '\n' && src[i] != '\r' {
					i++
				}
				continue
			}
			if c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0 {
				return
			}
			i++
		}
	}
	delim := func(c byte) bool { return strings.IndexByte("()<>[]{}/% \n\r\t\f", c) >= 0 }
	value = func() (any, bool) {
		skipWS()
		if i >= len(src) {
			return nil, false
		}
		c := src[i]
		switch {
		case c == '(':
			depth, j := 0, i
			var b []byte
			for ; j < len(src); j++ {
				ch := src[j]
				if ch == '\\' && j+1 < len(src) {
					b = append(b, ch, src[j+1])
					j++
					continue
				}
				if ch == '(' {
					depth++
				} else if ch == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
				b = append(b, ch)
			}
			i = j + 1
			return "(" + string(b[1:]) + ")", true
		case c == '<' && i+1 < len(src) && src[i+1] == '<':
			i += 2
			m := map[string]any{}
			for {
				skipWS()
				if i+1 < len(src) && src[i] == '>' && src[i+1] == '>' {
					i += 2
					return m, true
				}
				k, ok := value()
				if !ok {
					return m, true
				}
				v, _ := value()
				if ks, ok := k.(string); ok {
					m[ks] = v
				}
			}
		case c == '<':
			j := bytes.IndexByte(src[i:], '>')
			if j < 0 {
				j = len(src) - i - 1
			}
			s := "<" + string(src[i+1:i+j]) + ">"
			i += j + 1
			return s, true
		case c == '[':
			i++
			var a []any
			for {
				skipWS()
				if i < len(src) && src[i] == ']' {
					i++
					return a, true
				}
				v, ok := value()
				if !ok {
					return a, true
				}
				a = append(a, v)
			}
		case c == '/':
			j := i + 1
			for j < len(src) && !delim(src[j]) {
				j++
			}
			s := string(src[i:j])
			i = j
			return s, true
		}
		j := i
		for j < len(src) && !delim(src[j]) {
			j++
		}
		if j == i {
			i++
			return nil, true
		}
		tok := string(src[i:j])
		i = j
		if f, err := strconv.ParseFloat(tok, 64); err == nil {
			return f, true
		}
		return opToken(tok), true
	}
	for {
		v, ok := value()
		if !ok {
			break
		}
		if o, isOp := v.(opToken); isOp {
			if o == "BI" { // inline image: skip to EI
				k := bytes.Index(src[i:], []byte("EI"))
				if k < 0 {
					break
				}
				i += k + 2
				out = append(out, cop{op: "EI"})
				stack = nil
				continue
			}
			out = append(out, cop{op: string(o), args: stack})
			stack = nil
			continue
		}
		stack = append(stack, v)
	}
	return out
}

type opToken string

// violation is one failed condition.
type violation struct{ rule, detail string }

func (v violation) String() string { return v.rule + ": " + v.detail }

// standardTypes are the standard structure types of ISO 32000-1 14.8.4.
var standardTypes = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`) {
		standardTypes[s] = true
	}
}

// paints are the operators that put marks on the page.
var paints = map[string]bool{"Tj": true, "TJ": true, "'": true, "\"": true, "Do": true, "S": true, "s": true,
	"f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true, "sh": true, "EI": true}

// checkUA returns every violation of the conditions checked here.
func checkUA(d *pdfDoc) []violation {
	var vs []violation
	add := func(rule, f string, a ...any) { vs = append(vs, violation{rule, fmt.Sprintf(f, a...)}) }

	// File level.
	if !regexp.MustCompile(`^%PDF-1\.[0-7]$`).MatchString(d.header) {
		add("UA 6.1 / PDF/A 6.1.2 header", "header %q", d.header)
	}
	if ids := d.arr(d.trailer["/ID"]); len(ids) != 2 {
		add("PDF/A-2 6.1.3 trailer ID", "the trailer has no /ID")
	}
	cat := d.dict(d.trailer["/Root"])
	if cat == nil {
		add("catalog", "no catalog")
		return vs
	}
	// [01-002]/[01-003]: the document is marked and suspects-free.
	mi := d.dict(cat["/MarkInfo"])
	if mi == nil || mi["/Marked"] != true {
		add("01-002 MarkInfo", "/MarkInfo /Marked is not true")
	}
	if mi != nil && mi["/Suspects"] == true {
		add("01-003 Suspects", "/Suspects is true")
	}
	// [07-001] the title is shown, not the file name.
	if vp := d.dict(cat["/ViewerPreferences"]); vp == nil || vp["/DisplayDocTitle"] != true {
		add("07-001 DisplayDocTitle", "ViewerPreferences /DisplayDocTitle is not true")
	}
	// [11-006] the document's language.
	lang := d.str(cat["/Lang"])
	if !validLang(lang) {
		add("11-006 Lang", "catalog /Lang %q", lang)
	}
	// [06-001..003] XMP with the PDF/UA identification and a title; the
	// PDF/A-2a identification with its output intent.
	meta := string(d.streamData(cat["/Metadata"]))
	if meta == "" {
		add("06-001 Metadata", "no XMP metadata stream in the catalog")
	}
	if !regexp.MustCompile(`<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part="1"`).MatchString(meta) {
		add("06-002 pdfuaid", "XMP has no pdfuaid:part 1")
	}
	if !regexp.MustCompile(`<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>[^<]+</rdf:li>`).MatchString(meta) {
		add("06-003 dc:title", "XMP has no dc:title")
	}
	if !strings.Contains(meta, "<pdfaid:part>2</pdfaid:part>") || !strings.Contains(meta, "<pdfaid:conformance>A</pdfaid:conformance>") {
		add("PDF/A-2 6.6.4 identification", "XMP has no pdfaid:part 2 / conformance A")
	}
	if strings.Contains(meta, "pdfuaid") && !strings.Contains(meta, "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>") {
		add("PDF/A-2 6.6.2.3 extension schema", "pdfuaid is used without an extension schema")
	}
	hasIntent := false
	for _, oi := range d.arr(cat["/OutputIntents"]) {
		o := d.dict(oi)
		if o["/S"] == "/GTS_PDFA1" && o["/DestOutputProfile"] != nil {
			hasIntent = true
		}
	}
	if !hasIntent {
		add("PDF/A-2 6.2.3 OutputIntent", "no GTS_PDFA1 output intent with a profile")
	}

	// The structure tree.
	root := d.dict(cat["/StructTreeRoot"])
	if root == nil {
		add("01-006 StructTreeRoot", "no structure tree")
		return vs
	}
	roleMap := d.dict(root["/RoleMap"])
	role := func(s string) string {
		for range 10 {
			if standardTypes[s] {
				return s
			}
			m, ok := roleMap[s].(string)
			if !ok {
				return s
			}
			s = m
		}
		return s
	}
	// Parent tree: number → element ref or array of refs.
	parentTree := map[int]any{}
	var readNums func(n any)
	readNums = func(n any) {
		node := d.dict(n)
		nums := d.arr(node["/Nums"])
		for i := 0; i+1 < len(nums); i += 2 {
			k, _ := d.num(nums[i])
			parentTree[int(k)] = nums[i+1]
		}
		for _, kid := range d.arr(node["/Kids"]) {
			readNums(kid)
		}
	}
	readNums(root["/ParentTree"])

	// Pages in order, with their StructParents.
	var pages []string
	var walkPages func(n any)
	walkPages = func(n any) {
		nd := d.dict(n)
		if nd["/Type"] == "/Page" {
			pages = append(pages, n.(string))
			return
		}
		for _, k := range d.arr(nd["/Kids"]) {
			walkPages(k)
		}
	}
	walkPages(cat["/Pages"])
	pageIdx := map[string]int{}
	for i, p := range pages {
		pageIdx[p] = i
	}

	type mcKey struct {
		page string
		mcid int
	}
	inTree := map[mcKey]string{} // MCID → its element (from the tree)
	annotElem := map[string]string{}
	ids := map[string]int{}
	var headings []int
	type elem struct {
		ref, role, parent string
	}
	seen := map[string]bool{}
	var walk func(ref string, parentRole string, pg string, depth int)
	walk = func(ref string, parentRole string, pg string, depth int) {
		if seen[ref] || depth > 200 {
			add("structure", "element %s is reached twice", ref)
			return
		}
		seen[ref] = true
		el := d.dict(ref)
		s, _ := el["/S"].(string)
		s = strings.TrimPrefix(s, "/")
		r := role(s)
		// [02-001] every type is standard or mapped onto one.
		if !standardTypes[r] {
			add("02-001 role", "%s: /%s is neither standard nor mapped", ref, s)
		}
		if p, ok := el["/Pg"].(string); ok {
			pg = p
		}
		// Nesting the standard sets (ISO 32000-1 14.8.4.3-4; Matterhorn
		// 15 and 16): tables, lists, contents.
		bad := func() { add("09-004 nesting", "%s: %s inside %s", ref, r, parentRole) }
		switch r {
		case "TR":
			if parentRole != "Table" && parentRole != "THead" && parentRole != "TBody" && parentRole != "TFoot" {
				bad()
			}
		case "TH", "TD":
			if parentRole != "TR" {
				bad()
			}
		case "THead", "TBody", "TFoot":
			if parentRole != "Table" {
				bad()
			}
		case "LI":
			if parentRole != "L" {
				bad()
			}
		case "LBody":
			if parentRole != "LI" {
				bad()
			}
		case "TOCI":
			if parentRole != "TOC" {
				bad()
			}
		}
		switch parentRole {
		case "Table":
			if r != "TR" && r != "THead" && r != "TBody" && r != "TFoot" && r != "Caption" {
				bad()
			}
		case "L":
			if r != "LI" && r != "L" && r != "Caption" {
				bad()
			}
		case "LI":
			if r != "Lbl" && r != "LBody" {
				bad()
			}
		case "TOC":
			if r != "TOCI" && r != "TOC" && r != "Caption" {
				bad()
			}
		case "TR":
			if r != "TH" && r != "TD" {
				bad()
			}
		}
		// [13-004] a figure has a text alternative.
		if r == "Figure" && d.str(el["/Alt"]) == "" && d.str(el["/ActualText"]) == "" {
			add("13-004 Figure Alt", "%s: Figure without /Alt", ref)
		}
		// [15-003] a TH has a Scope (this file uses no Headers/IDs).
		if r == "TH" {
			scope := ""
			for _, a := range append([]any{el["/A"]}, d.arr(el["/A"])...) {
				if ad := d.dict(a); ad != nil {
					if sc, ok := ad["/Scope"].(string); ok {
						scope = sc
					}
				}
			}
			if scope != "/Row" && scope != "/Column" && scope != "/Both" {
				add("15-003 TH Scope", "%s: TH without /Scope", ref)
			}
		}
		// [19-003/004] a Note has an ID, unique in the file.
		if r == "Note" {
			id := d.str(el["/ID"])
			if id == "" {
				add("19-003 Note ID", "%s: Note without /ID", ref)
			}
			ids[id]++
			if ids[id] == 2 {
				add("19-004 Note ID", "Note /ID %q is not unique", id)
			}
		}
		// [11-001..005] a language, where given, is a language.
		if l, ok := el["/Lang"]; ok && !validLang(d.str(l)) {
			add("11-004 Lang", "%s: /Lang %q", ref, d.str(l))
		}
		if len(r) == 2 && r[0] == 'H' && r[1] >= '1' && r[1] <= '6' {
			headings = append(headings, int(r[1]-'0'))
		}
		kids := el["/K"]
		list, isArr := kids.([]any)
		if !isArr {
			list = []any{kids}
		}
		for _, k := range list {
			switch k := k.(type) {
			case float64:
				if pg == "" {
					add("structure", "%s: an MCID with no page", ref)
					continue
				}
				inTree[mcKey{pg, int(k)}] = ref
			case string:
				if strings.HasSuffix(k, " 0 R") {
					walk(k, r, pg, depth+1)
				}
			case map[string]any:
				switch k["/Type"] {
				case "/MCR":
					p, _ := k["/Pg"].(string)
					if p == "" {
						p = pg
					}
					n, _ := d.num(k["/MCID"])
					inTree[mcKey{p, int(n)}] = ref
				case "/OBJR":
					o, _ := k["/Obj"].(string)
					annotElem[o] = ref
					// [28-011] a link annotation sits in a Link element.
					if d.dict(o)["/Subtype"] == "/Link" && r != "Link" {
						add("28-011 Link", "link annotation %s is in %s, not Link", o, r)
					}
				default:
					add("structure", "%s: a kid of unknown kind", ref)
				}
			case nil:
			}
		}
	}
	top := root["/K"]
	tops, ok := top.([]any)
	if !ok {
		tops = []any{top}
	}
	for _, k := range tops {
		if s, ok := k.(string); ok {
			walk(s, "", "", 0)
		}
	}
	// [14-002] the first heading is H1; [14-003] no level is skipped on
	// the way down.
	if len(headings) > 0 && headings[0] != 1 {
		add("14-002 headings", "the first heading is H%d", headings[0])
	}
	for i := 1; i < len(headings); i++ {
		if headings[i] > headings[i-1]+1 {
			add("14-003 headings", "H%d follows H%d", headings[i], headings[i-1])
			break
		}
	}

	// Pages: content marked or artifact, MCIDs and parent tree agree,
	// annotations tagged, fonts embedded with Unicode.
	fontsSeen := map[string]bool{}
	for pi, pref := range pages {
		page := d.dict(pref)
		sp, hasSP := d.num(page["/StructParents"])
		var ptArr []any
		if hasSP {
			ptArr = d.arr(parentTree[int(sp)])
		}
		var contents []byte
		if c, ok := page["/Contents"].([]any); ok {
			for _, s := range c {
				contents = append(contents, d.streamData(s)...)
				contents = append(contents, '\n')
			}
		} else {
			contents = d.streamData(page["/Contents"])
		}
		type frame struct {
			artifact bool
			mcid     int // -1 none
		}
		var stack []frame
		inArtifact := func() bool {
			for _, f := range stack {
				if f.artifact {
					return true
				}
			}
			return false
		}
		tagged := func() int {
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].mcid >= 0 {
					return stack[i].mcid
				}
			}
			return -1
		}
		mcids := map[int]bool{}
		res := d.dict(page["/Resources"])
		fonts := d.dict(res["/Font"])
		reported := 0
		for _, o := range tokenize(contents) {
			switch o.op {
			case "BMC", "BDC":
				f := frame{mcid: -1}
				if len(o.args) > 0 && o.args[0] == "/Artifact" {
					f.artifact = true
					// [01-001] no artifact inside tagged content.
					if tagged() >= 0 {
						add("01-001 artifact in content", "page %d: an artifact inside tagged content", pi+1)
					}
				}
				if o.op == "BDC" && len(o.args) > 1 {
					if props, ok := o.args[1].(map[string]any); ok {
						if n, ok := props["/MCID"].(float64); ok {
							f.mcid = int(n)
							// [01-002] no tagged content inside an artifact.
							if inArtifact() {
								add("01-002 content in artifact", "page %d: MCID %d inside an artifact", pi+1, f.mcid)
							}
							if mcids[f.mcid] {
								add("parent tree", "page %d: MCID %d used twice", pi+1, f.mcid)
							}
							mcids[f.mcid] = true
						}
					}
				}
				stack = append(stack, f)
			case "EMC":
				if len(stack) == 0 {
					add("content", "page %d: EMC without BDC", pi+1)
					continue
				}
				stack = stack[:len(stack)-1]
			case "Tf":
				if len(o.args) > 0 {
					if n, ok := o.args[0].(string); ok {
						fontsSeen[fmt.Sprint(fonts[n])] = true
					}
				}
			default:
				// [01-005] content is tagged or an artifact.
				if paints[o.op] && !inArtifact() && tagged() < 0 && reported < 3 {
					add("01-005 untagged content", "page %d: %s outside any tagged or artifact sequence", pi+1, o.op)
					reported++
				}
			}
		}
		if len(stack) != 0 {
			add("content", "page %d: %d marked-content sequences left open", pi+1, len(stack))
		}
		// Every MCID on the page maps, through the parent tree, to the
		// element that holds it; and the element's kid is this MCID.
		for m := range mcids {
			if !hasSP {
				add("parent tree", "page %d has marked content but no /StructParents", pi+1)
				break
			}
			var owner any
			if m < len(ptArr) {
				owner = ptArr[m]
			}
			el, ok := inTree[mcKey{pref, m}]
			if !ok {
				add("01-004 MCID not in tree", "page %d: MCID %d belongs to no structure element", pi+1, m)
				continue
			}
			if owner != el {
				add("parent tree", "page %d: MCID %d: parent tree says %v, the tree %s", pi+1, m, owner, el)
			}
		}
		// Annotations.
		annots := d.arr(page["/Annots"])
		if len(annots) > 0 && page["/Tabs"] != "/S" {
			add("28-002 Tabs", "page %d has annotations but no /Tabs /S", pi+1)
		}
		for _, a := range annots {
			ad := d.dict(a)
			if ad["/Subtype"] == "/Link" {
				ref, _ := a.(string)
				el, ok := annotElem[ref]
				if !ok {
					add("28-009 annotation tagged", "page %d: link annotation %v is in no structure element", pi+1, a)
				}
				n, ok2 := d.num(ad["/StructParent"])
				if !ok2 || parentTree[int(n)] != el {
					add("28-009 StructParent", "page %d: link annotation %v has no /StructParent that maps to its Link", pi+1, a)
				}
				if d.str(ad["/Contents"]) == "" {
					add("28-011 Contents", "page %d: link annotation %v has no /Contents", pi+1, a)
				}
				if f, _ := d.num(ad["/F"]); int(f)&4 == 0 {
					add("PDF/A-2 6.3.2 annotation print flag", "page %d: annotation %v without the print flag", pi+1, a)
				}
			}
		}
	}
	// Every MCID of the tree exists in a page's content.
	// (Checked per page above from the content side; the tree side:)
	for k, el := range inTree {
		if _, ok := pageIdx[k.page]; !ok {
			add("structure", "%s: an MCID on an object that is not a page", el)
		}
	}

	// [31-*] fonts: embedded, Unicode for every glyph, a real name.
	for ref := range fontsSeen {
		f := d.dict(ref)
		if f == nil {
			continue
		}
		name, _ := f["/BaseFont"].(string)
		if f["/ToUnicode"] == nil {
			add("31-027 ToUnicode", "font %s has no ToUnicode map", name)
		}
		desc := f
		if df := d.arr(f["/DescendantFonts"]); len(df) > 0 {
			desc = d.dict(df[0])
		}
		fd := d.dict(desc["/FontDescriptor"])
		if fd == nil || (fd["/FontFile"] == nil && fd["/FontFile2"] == nil && fd["/FontFile3"] == nil) {
			add("31-001 embedded", "font %s is not embedded", name)
		}
		if !regexp.MustCompile(`^/[A-Z]{6}\+[!-~]+$`).MatchString(name) {
			add("fonts subset name", "font %q has no subset tag and PostScript name", name)
		}
	}
	return vs
}

// validLang is a BCP 47 tag in its basic form (language, script,
// region, variants).
func validLang(s string) bool {
	return regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`).MatchString(s)
}
