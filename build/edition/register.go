package edition

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// Register is the machine-readable list of a publication's numbered
// paragraphs that every build writes to out/<pub>/paragraphs.json. A
// project releases an edition by committing it (editions: in the manifest);
// later builds match their paragraphs against it.
type Register struct {
	Publication string  `json:"publication"`
	Edition     string  `json:"edition,omitempty"`
	Paragraphs  []Entry `json:"paragraphs"`
}

// Entry is one numbered paragraph.
type Entry struct {
	ID      string   `json:"id"` // its identity and anchor
	Label   string   `json:"label,omitempty"`
	Chapter string   `json:"chapter"`
	Number  int      `json:"number"`
	Hash    string   `json:"hash"`           // Hash of Text
	Path    []string `json:"path,omitempty"` // the headings above it, outermost first
	// Text is the paragraph's plain text (citations as their keys, notes
	// left out): the next edition matches against it, and the changes
	// chapter shows what changed in it word by word.
	Text string `json:"text"`

	span source.Span // where the entry is in a committed register
}

// Hash is a short fingerprint of a paragraph's text, with runs of white
// space counted as one space (re-wrapping a source line changes nothing).
func Hash(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(sum[:8])
}

// Marshal writes the register as indented JSON. Same register, same bytes.
func (r *Register) Marshal() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		panic(err) // strings and ints only: cannot fail
	}
	return b.Bytes()
}

// ParseRegister reads a committed register. Errors carry the position in the
// file; each entry remembers where it is, for warnings about it.
func ParseRegister(f *source.File) (*Register, source.Diags) {
	var ds source.Diags
	var r Register
	dec := json.NewDecoder(bytes.NewReader(f.Data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		ds.Errorf(f.JSONErrorAt(err), "bad-register", "not a paragraph register: %v", err).
			WithHint("a register is the out/<publication>/paragraphs.json a build wrote; commit it unchanged")
		return nil, ds
	}
	// Find each entry's "id" in the text, in order, for its position.
	at := 0
	seen := map[string]bool{}
	for i := range r.Paragraphs {
		e := &r.Paragraphs[i]
		key, _ := json.Marshal(e.ID)
		needle := append([]byte(`"id": `), key...)
		if k := bytes.Index(f.Data[at:], needle); k >= 0 {
			at += k
			e.span = f.At(at)
			at += len(needle)
		} else {
			e.span = f.At(0)
		}
		if e.ID == "" || e.Chapter == "" || e.Number <= 0 {
			ds.Errorf(e.span, "bad-register", "register entry %d needs an id, a chapter and a number", i+1)
		}
		if seen[e.ID] {
			ds.Errorf(e.span, "bad-register", "paragraph id %q appears twice in the register", e.ID)
		}
		seen[e.ID] = true
		if e.Hash == "" {
			e.Hash = Hash(e.Text)
		}
	}
	return &r, ds
}
