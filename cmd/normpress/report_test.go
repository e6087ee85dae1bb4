package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/normpress/normpress/build/report"
)

// reportSchema compiles the schema `normpress schema` prints.
func reportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	code, out, _ := runIn(t, ".", nil, "schema")
	if code != 0 || out != string(report.Schema) {
		t.Fatalf("normpress schema: exit %d, or not the embedded schema", code)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, what, out string) map[string]any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, out)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not follow the schema: %v\n%s", what, err, out)
	}
	m, _ := v.(map[string]any)
	return m
}

// TestReportSchema: the example's report, and a broken project's check and
// build reports, follow the schema; reports broken on purpose do not.
func TestReportSchema(t *testing.T) {
	s := reportSchema(t)

	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runIn(t, "../..", epoch, "build", "--json", "--out", out)
	if code != 0 {
		t.Fatalf("build --json of the example: exit %d\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("build --json wrote to stderr: %q", stderr)
	}
	m := validate(t, s, "the example's build report", stdout)
	var r report.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	for _, a := range r.Artifacts {
		formats[a.Format]++
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != a.SHA256 {
			t.Errorf("%s: sha256 %s is not the file's", a.Path, a.SHA256)
		}
		if a.Format != "html" && int64(len(data)) != a.Bytes {
			t.Errorf("%s: %d bytes reported, %d on disk", a.Path, a.Bytes, len(data))
		}
	}
	if formats["pdf"] != 4 || formats["epub"] != 4 || formats["html"] == 0 || len(r.Publications) != 4 || !r.OK || r.SchemaVersion != report.SchemaVersion {
		t.Errorf("the example's report: formats %v, %d publications, ok %v, schema %q", formats, len(r.Publications), r.OK, r.SchemaVersion)
	}

	// A broken project: an unknown citation key, an unknown label, a
	// manifest key that does not exist.
	dir := t.TempDir()
	if code, _, errOut := runIn(t, dir, epoch, "new", "project", "."); code != 0 {
		t.Fatalf("new project: %s", errOut)
	}
	ch := filepath.Join(dir, "chapters", "commentary", "13a.md")
	data, _ := os.ReadFile(ch)
	os.WriteFile(ch, []byte(strings.Replace(string(data), "@un-a-70-174", "@un-a-70-17", 1)+"\nSee @sec:nowhere.\n"), 0o644)
	man := filepath.Join(dir, "chapters", "normpress.yaml")
	data, _ = os.ReadFile(man)
	os.WriteFile(man, append(data, "colour: red\n"...), 0o644)
	for _, cmd := range []string{"check", "build"} {
		code, stdout, _ := runIn(t, dir, epoch, cmd, "--json")
		if code != 1 {
			t.Errorf("%s --json on a broken project: exit %d", cmd, code)
		}
		m := validate(t, s, cmd+" report of a broken project", stdout)
		diags, _ := m["diagnostics"].([]any)
		codes := map[string]bool{}
		for _, d := range diags {
			d := d.(map[string]any)
			codes[d["code"].(string)] = true
			if d["file"] == nil || d["line"] == nil || d["col"] == nil {
				t.Errorf("%s: diagnostic without a position: %v", cmd, d)
			}
		}
		if len(diags) < 3 || m["ok"] != false || len(m["artifacts"].([]any)) != 0 {
			t.Errorf("%s: %d diagnostics (%v), ok %v, artifacts %v", cmd, len(diags), codes, m["ok"], m["artifacts"])
		}
	}

	// The validator is not a rubber stamp: each of these breaks the schema.
	good, _ := json.Marshal(m)
	for _, tc := range []struct{ name, from, to string }{
		{"no sha256", `"sha256":`, `"sha_256":`},
		{"ok not a boolean", `"ok":true`, `"ok":"yes"`},
		{"wrong schema version", `"schema_version":"1"`, `"schema_version":"2"`},
		{"unknown publication count", `"words":`, `"wordz":`},
		{"short hash", `"sha256":"`, `"sha256":"0`},
	} {
		bad := strings.Replace(string(good), tc.from, tc.to, 1)
		if bad == string(good) {
			t.Fatalf("%s: %q not in the report", tc.name, tc.from)
		}
		v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if s.Validate(v) == nil {
			t.Errorf("%s: a broken report passed the schema", tc.name)
		}
	}
	var d bytes.Buffer
	json.Indent(&d, []byte(`{"severity":"fatal","code":"x","message":"m"}`), "", "")
	broken := strings.Replace(string(good), `"diagnostics":[]`, `"diagnostics":[`+d.String()+`]`, 1)
	v, _ := jsonschema.UnmarshalJSON(strings.NewReader(broken))
	if s.Validate(v) == nil {
		t.Errorf("a diagnostic with severity fatal passed the schema")
	}
}
