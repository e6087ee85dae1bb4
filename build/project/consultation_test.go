package project

import (
	"fmt"
	"strings"
	"testing"

	"github.com/normpress/normpress/build/internal/txtar"
)

func TestConsultation(t *testing.T) {
	good := strings.Replace(goodProject, "    paragraph-numbers: true\n", "    paragraph-numbers: true\n    consultation:\n      deadline: 2027-01-31\n      email: comments@example.org\n", 1)
	p, ds := LoadFS(txtar.FS(good), Options{})
	if len(ds) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", ds.Err())
	}
	c := p.Manifest.Pubs[0].Consultation
	if c == nil || c.Deadline.Value != "2027-01-31" || c.Email.Value != "comments@example.org" || c.Form.Value != "" {
		t.Errorf("consultation: %+v", c)
	}
	if p.Manifest.Pubs[1].Consultation != nil || p.Manifest.Consultation != nil {
		t.Error("a consultation where the manifest has none")
	}

	bad := `
-- normpress.yaml --
title: X
consultation: {deadline: 2027-01-31, form: ftp://x} # want 44 bad-url
publications:
  - id: a
    title: A
    consultation:
      deadline: 31/01/2027 # want 17 bad-date # want 7 missing-key
  - id: b
    title: B
    consultation:
      deadline: 2027-01
      email: nobody # want 14 bad-email
      phone: 123 # want 7 unknown-key
`
	// 2027-01 is a valid ISO date but not a day: a deadline is a day.
	bad = strings.Replace(bad, "      deadline: 2027-01\n", "      deadline: 2027-01 # want 17 bad-date\n", 1)
	_, ds = LoadFS(txtar.FS(bad), Options{})
	want := map[string]bool{}
	for i, line := range strings.Split(txtar.Parse(bad)["normpress.yaml"], "\n") {
		for _, m := range wantRE.FindAllStringSubmatch(line, -1) {
			want[fmt.Sprintf("%d:%s %s", i+1, m[1], m[2])] = true
		}
	}
	got := map[string]bool{}
	for _, d := range ds {
		if p := d.Position(); p.File == "normpress.yaml" {
			got[fmt.Sprintf("%d:%d %s", p.Line, p.Col, d.Code)] = true
		}
	}
	for w := range want {
		if !got[w] {
			t.Errorf("missing diagnostic %s", w)
		}
	}
	for g := range got {
		if !want[g] {
			t.Errorf("unexpected diagnostic %s", g)
		}
	}
	if t.Failed() {
		t.Logf("all: %s", strings.Join(diagStrings(ds), "\n"))
	}
}
