package doc

import (
	"reflect"

	"github.com/normpress/normpress/build/source"
)

// Clone returns a deep copy of v: every node, slice and map is new, so the
// copy can be resolved (numbered, rewritten, its citations formatted)
// while v stays as it was. serve keeps each file's parse and hands the
// resolve phase a clone of it instead of parsing the file again.
//
// Pointers shared inside v are shared in the copy too (a note sits in the
// inline tree and in Chapter.Notes; references to one image share its
// Asset). What is never changed after loading is not copied: source files
// (spans point into them), byte slices (file contents, image data) and
// functions.
func Clone[T any](v T) T {
	c := cloner{seen: map[uintptr]reflect.Value{}}
	src := reflect.ValueOf(&v).Elem()
	dst := reflect.New(src.Type()).Elem()
	c.copy(dst, src)
	return dst.Interface().(T)
}

type cloner struct {
	seen map[uintptr]reflect.Value // source pointer → its copy
}

var (
	fileType  = reflect.TypeFor[*source.File]()
	bytesType = reflect.TypeFor[[]byte]()
)

func (c *cloner) copy(dst, src reflect.Value) {
	t := src.Type()
	if t == fileType || t == bytesType {
		dst.Set(src)
		return
	}
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		if p, ok := c.seen[src.Pointer()]; ok {
			dst.Set(p)
			return
		}
		p := reflect.New(t.Elem())
		c.seen[src.Pointer()] = p
		c.copy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		e := src.Elem()
		v := reflect.New(e.Type()).Elem()
		c.copy(v, e)
		dst.Set(v)
	case reflect.Struct:
		// Unexported fields (caches) are copied as they are; every
		// exported one deeply.
		dst.Set(src)
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				c.copy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(t, src.Len(), src.Len())
		for i := range src.Len() {
			c.copy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Array:
		for i := range src.Len() {
			c.copy(dst.Index(i), src.Index(i))
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(t, src.Len())
		it := src.MapRange()
		for it.Next() {
			k := reflect.New(t.Key()).Elem()
			c.copy(k, it.Key())
			v := reflect.New(t.Elem()).Elem()
			c.copy(v, it.Value())
			m.SetMapIndex(k, v)
		}
		dst.Set(m)
	default: // strings, numbers, bools, funcs, channels
		dst.Set(src)
	}
}
