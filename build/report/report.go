// Package report is the machine-readable build report that `normpress build
// --json` and `normpress check --json` print, and its JSON Schema. The schema
// ships in the binary (`normpress schema` prints it) and in the repository
// (schema.json); SchemaVersion names it in every report. A change that adds
// an optional field keeps the version; one that removes or renames a field,
// or changes a type, increments it, so a CI script can refuse a report it
// does not understand.
package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"io"
	"os"

	"github.com/normpress/normpress/build/pipeline"
	"github.com/normpress/normpress/build/source"
)

// SchemaVersion is the report's schema version: the const in schema.json's
// schema_version property and the last element of its $id.
const SchemaVersion = "1"

// SchemaID is the schema's $id.
const SchemaID = "urn:normpress:build-report:" + SchemaVersion

// Schema is the JSON Schema (draft 2020-12) every report validates against.
//
//go:embed schema.json
var Schema []byte

// Report is the --json report.
type Report struct {
	SchemaVersion string           `json:"schema_version"`
	Normpress     string           `json:"normpress"` // the version that built it
	OK            bool             `json:"ok"`
	Errors        int              `json:"errors"`
	Warnings      int              `json:"warnings"`
	Diagnostics   source.Diags     `json:"diagnostics"`
	Artifacts     []Artifact       `json:"artifacts"`
	Publications  []pipeline.Stats `json:"publications"`
	ChangedSince  *Changes         `json:"changed_since,omitempty"`
}

// Artifact is a written file with its checksum, so a CI job can verify what
// it uploads or attaches to a release.
type Artifact struct {
	pipeline.Artifact
	SHA256 string `json:"sha256"`
}

// Changes says which publications a build limited by --changed-since REF
// built, and why.
type Changes struct {
	Ref          string   `json:"ref"`
	Files        []string `json:"files"`        // changed files, relative to the repository root
	Publications []string `json:"publications"` // the affected publications, in manifest order
	Reasons      []Reason `json:"reasons"`
}

// Reason is one link in the chain from a changed file to a publication.
type Reason struct {
	Publication string `json:"publication"`
	File        string `json:"file,omitempty"` // the changed file that affects it directly
	Via         string `json:"via,omitempty"`  // or the publication it depends on
	Why         string `json:"why"`
}

// New makes the report of a build. It reads each artifact back from disk to
// hash it (for the HTML edition, its entry page: Bytes counts the whole
// edition).
func New(res *pipeline.Result, version string) (*Report, error) {
	errs, warns := res.Diags.Count()
	r := &Report{
		SchemaVersion: SchemaVersion,
		Normpress:     version,
		OK:            res.OK(),
		Errors:        errs,
		Warnings:      warns,
		Diagnostics:   res.Diags,
		Artifacts:     []Artifact{},
		Publications:  res.Stats,
	}
	if r.Diagnostics == nil {
		r.Diagnostics = source.Diags{}
	}
	if r.Publications == nil {
		r.Publications = []pipeline.Stats{}
	}
	for _, a := range res.Artifacts {
		sum, err := hashFile(a.Path)
		if err != nil {
			return r, err
		}
		r.Artifacts = append(r.Artifacts, Artifact{a, sum})
	}
	return r, nil
}

func hashFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
