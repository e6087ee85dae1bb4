package csl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/normpress/normpress/build/source"
)

// xnode is an XML element read with its byte offsets, so that diagnostics
// about styles and locales point at the element or attribute they are
// about. encoding/xml gives offsets through InputOffset only, so the tree is
// built here before styles and locales are read from it.
type xnode struct {
	name  string
	space string
	attrs []xml.Attr
	kids  []*xnode
	text  strings.Builder
	off   int // offset of '<'
	end   int // offset just after the start tag
}

func (n *xnode) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == name && (a.Name.Space == "" || name == "lang") {
			return a.Value, true
		}
	}
	return "", false
}

const (
	cslNS = "http://purl.org/net/xbiblio/csl"
	xmlNS = "http://www.w3.org/XML/1998/namespace"
)

// maxXMLDepth bounds nesting so that hostile input cannot exhaust the stack
// in the recursive readers.
const maxXMLDepth = 200

// parseXML reads a whole document. A syntax error is reported at its offset
// and ends reading; what was read so far is returned.
func parseXML(f *source.File, ds *source.Diags) *xnode {
	d := xml.NewDecoder(bytes.NewReader(f.Data))
	d.Strict = true
	// The CSL files in the wild are UTF-8; refusing other charsets is
	// better than decoding them wrongly.
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return r, nil
		}
		return nil, errors.New("unsupported encoding " + label)
	}
	var root *xnode
	var stack []*xnode
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			if len(stack) > 0 {
				ds.Errorf(f.At(len(f.Data)), "csl-xml", "unexpected end of file: <%s> is not closed", stack[len(stack)-1].name)
			}
			break
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			ds.Errorf(f.At(int(d.InputOffset())), "csl-xml", "malformed XML: %s", msg)
			return root
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: t.Name.Local, space: t.Name.Space, attrs: t.Copy().Attr, off: off, end: int(d.InputOffset())}
			if len(stack) == 0 {
				if root != nil {
					ds.Errorf(f.At(off), "csl-xml", "malformed XML: more than one root element")
					return root
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
			if len(stack) > maxXMLDepth {
				ds.Errorf(f.At(off), "csl-xml", "elements nested more than %d deep", maxXMLDepth)
				return root
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	return root
}

// attrOffset finds where an attribute is written inside its element's
// start tag, for diagnostics about it.
func attrOffset(f *source.File, n *xnode, name string) int {
	if n.end <= n.off || n.end > len(f.Data) {
		return n.off
	}
	tag := f.Data[n.off:n.end]
	for i := 0; i+len(name) <= len(tag); i++ {
		j := bytes.Index(tag[i:], []byte(name))
		if j < 0 {
			break
		}
		k := i + j
		if k > 0 && isXMLSpace(tag[k-1]) {
			rest := bytes.TrimLeft(tag[k+len(name):], " \t\r\n")
			if len(rest) > 0 && rest[0] == '=' {
				return n.off + k
			}
		}
		i = k
	}
	return n.off
}

func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }
