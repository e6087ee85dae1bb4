package doc

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"

	"github.com/normpress/normpress/build/source"
)

// A Fingerprint digests parts of a resolved model, so that serve can tell
// whether a page's inputs are the same as in the previous build and keep
// the page it rendered then. Two models with the same content digest the
// same within one process (the hash is seeded per Fingerprint).
type Fingerprint struct {
	seed maphash.Seed
}

// NewFingerprint makes a Fingerprint with a fresh seed.
func NewFingerprint() *Fingerprint { return &Fingerprint{seed: maphash.MakeSeed()} }

// Sum is a 128-bit digest (two independently seeded 64-bit hashes).
type Sum [2]uint64

// Digester accumulates a digest.
type Digester struct {
	a, b maphash.Hash
	// buf gathers what is written and goes to both hashes in blocks: a
	// chapter is thousands of short strings and numbers, and each Write
	// to a maphash costs more than copying them.
	buf   []byte
	stack []uintptr // pointers on the current path: a cycle is cut
	// Skip, when set, is asked about every struct field; true leaves it out.
	Skip func(t reflect.Type, field string) bool
	// Target, when set, hears every link target met (a page's links are
	// checked against the anchors of the chapters they point to).
	Target func(t *Target)
}

// New starts a digest.
func (f *Fingerprint) New() *Digester {
	d := &Digester{buf: make([]byte, 0, digestBlock)}
	d.a.SetSeed(f.seed)
	d.b.SetSeed(f.seed)
	d.b.WriteString("\x00second\x00") // b is a different hash of the same content
	return d
}

// Sum returns the digest so far.
func (d *Digester) Sum() Sum {
	d.flush()
	return Sum{d.a.Sum64(), d.b.Sum64()}
}

const digestBlock = 8 << 10

func (d *Digester) flush() {
	d.a.Write(d.buf)
	d.b.Write(d.buf)
	d.buf = d.buf[:0]
}

// String adds a string.
func (d *Digester) String(s string) { write(d, s) }

// write adds a string or a byte slice (an image's, a font's bytes)
// without copying it first.
func write[S string | []byte](d *Digester, s S) {
	if len(s) >= digestBlock {
		d.flush()
		d.a.Write([]byte(s))
		d.b.Write([]byte(s))
	} else {
		if len(d.buf)+len(s) > digestBlock {
			d.flush()
		}
		d.buf = append(d.buf, s...)
	}
	d.int(len(s))
}

func (d *Digester) int(n int) {
	if len(d.buf)+8 > digestBlock {
		d.flush()
	}
	d.buf = binary.LittleEndian.AppendUint64(d.buf, uint64(n))
}

var chapterType = reflect.TypeFor[*Chapter]()
var targetType = reflect.TypeFor[*Target]()
var pubType = reflect.TypeFor[*Publication]()

// Chapter adds a chapter: everything in it, and of another chapter or a
// publication it points to (a norm's commentary chapter, a link's target)
// only the ID, which a page's context digest covers.
func (d *Digester) Chapter(ch *Chapter) {
	d.value(reflect.ValueOf(ch).Elem())
}

// Value adds any value of the model, with the same rules as Chapter for
// the chapters and publications it points to.
func (d *Digester) Value(v any) {
	d.value(reflect.ValueOf(v))
}

func (d *Digester) value(v reflect.Value) {
	if !v.IsValid() {
		d.String("<invalid>")
		return
	}
	t := v.Type()
	switch {
	case t == fileType:
		if v.IsNil() {
			d.String("")
		} else {
			d.String(v.Interface().(*source.File).Name)
		}
		return
	case t == targetType && d.Target != nil && !v.IsNil():
		d.Target(v.Interface().(*Target))
	case t == chapterType || t == pubType:
		if v.IsNil() {
			d.String("<nil>")
			return
		}
		if len(d.stack) > 0 {
			d.String(v.Elem().FieldByName("ID").String())
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			d.String("<nil>")
			return
		}
		p := v.Pointer()
		if slices.Contains(d.stack, p) {
			d.String("<cycle>")
			return
		}
		d.stack = append(d.stack, p)
		d.value(v.Elem())
		d.stack = d.stack[:len(d.stack)-1]
	case reflect.Interface:
		if v.IsNil() {
			d.String("<nil>")
			return
		}
		d.String(v.Elem().Type().String())
		d.value(v.Elem())
	case reflect.Struct:
		if len(d.stack) == 0 {
			d.stack = append(d.stack, 0) // the root: deeper chapters by ID
			defer func() { d.stack = d.stack[:len(d.stack)-1] }()
		}
		for _, f := range exportedFields(t) {
			if d.Skip != nil && d.Skip(t, f.name) {
				continue
			}
			d.value(v.Field(f.index))
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			write(d, v.Bytes())
			return
		}
		d.int(v.Len())
		for i := range v.Len() {
			d.value(v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			sa, sb := keyString(a), keyString(b)
			switch {
			case sa < sb:
				return -1
			case sa > sb:
				return 1
			}
			return 0
		})
		d.int(len(keys))
		for _, k := range keys {
			d.value(k)
			d.value(v.MapIndex(k))
		}
	case reflect.String:
		d.String(v.String())
	case reflect.Bool:
		if v.Bool() {
			d.int(1)
		} else {
			d.int(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.int(int(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.int(int(v.Uint()))
	case reflect.Float32, reflect.Float64:
		d.int(int(math.Float64bits(v.Float())))
	case reflect.Func:
		d.String(strconv.FormatBool(v.IsNil()))
	default:
		d.String(v.Kind().String())
	}
}

type field struct {
	index int
	name  string
}

// fields holds each struct type's exported fields: reflect's Field is
// asked for every field of every node of every chapter on every save.
var fields sync.Map // reflect.Type → []field

func exportedFields(t reflect.Type) []field {
	if fs, ok := fields.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			fs = append(fs, field{i, f.Name})
		}
	}
	fields.Store(t, fs)
	return fs
}

func keyString(v reflect.Value) string {
	if v.Kind() == reflect.String {
		return v.String()
	}
	if v.CanInt() {
		return strconv.FormatInt(v.Int(), 10)
	}
	return v.String()
}
