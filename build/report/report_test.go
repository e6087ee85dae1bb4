package report

import (
	"encoding/json"
	"testing"
)

// The constants a reader of the Go code sees are the ones in the schema.
func TestSchemaNamesItsVersion(t *testing.T) {
	var s struct {
		ID    string `json:"$id"`
		Props struct {
			Version struct {
				Const string `json:"const"`
			} `json:"schema_version"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Schema, &s); err != nil {
		t.Fatal(err)
	}
	if s.ID != SchemaID || s.Props.Version.Const != SchemaVersion {
		t.Errorf("schema.json has $id %q and schema_version %q; the package says %q and %q", s.ID, s.Props.Version.Const, SchemaID, SchemaVersion)
	}
}
