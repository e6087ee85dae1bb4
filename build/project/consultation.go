package project

import (
	"strings"

	"github.com/normpress/normpress/build/uri"

	"gopkg.in/yaml.v3"
)

// Consultation is a `consultation:` block: in a publication it makes the
// publication a draft out for comment; at the top of the manifest it holds
// what `build --consultation` uses for publications without their own.
type Consultation struct {
	Deadline Str // ISO 8601 date
	Email    Str
	Form     Str // URL of a comment form
}

func (d *decoder) consultation(n *yaml.Node) *Consultation {
	c := &Consultation{}
	if !d.mapping(n, "consultation", []field{
		{"deadline", func(v *yaml.Node) {
			if s, ok := d.str(v, "deadline"); ok {
				if !dateRE.MatchString(s.Value) || len(s.Value) != len("2006-01-02") {
					d.errorf(v, "bad-date", "deadline %q must be a date: YYYY-MM-DD", s.Value)
				}
				c.Deadline = s
			}
		}},
		{"email", func(v *yaml.Node) {
			if s, ok := d.str(v, "email"); ok {
				if at := strings.IndexByte(s.Value, '@'); at < 1 || at == len(s.Value)-1 || strings.ContainsAny(s.Value, " <>,;?") {
					d.errorf(v, "bad-email", "email %q is not an e-mail address", s.Value)
				}
				c.Email = s
			}
		}},
		{"form", func(v *yaml.Node) {
			if s, ok := d.str(v, "form"); ok {
				if !strings.HasPrefix(s.Value, "https://") && !strings.HasPrefix(s.Value, "http://") {
					d.errorf(v, "bad-url", "form %q must be an http:// or https:// URL", s.Value)
				}
				c.Form = s
				c.Form.Value = uri.Encode(s.Value) // it becomes a link
			}
		}},
	}, "deadline") {
		return nil
	}
	if c.Email.Value == "" && c.Form.Value == "" {
		d.errorf(n, "missing-key", "a consultation needs an \"email\" or a \"form\" for the comments")
	}
	return c
}
