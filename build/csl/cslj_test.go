package csl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/normpress/normpress/build/bib"
)

// readCSLJSON is a small CSL-JSON reader for the test suite's INPUT
// sections; the product reads bibliographies through build/bib. The suite
// needs citeproc-js's leniency, which bib.ParseCSLJSON rightly lacks: items
// without an id are kept (the runner cites every item), a repeated id
// replaces the earlier item (in the runner), and
// invalid dates ([1965, 13, 1], a range ending before it starts) are kept
// as given so the processor's own handling of them is what gets tested.
func readCSLJSON(data []byte) ([]*bib.Item, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var raw []map[string]any
	if err := d.Decode(&raw); err != nil {
		return nil, err
	}
	items := make([]*bib.Item, 0, len(raw))
	for _, m := range raw {
		it := &bib.Item{Fields: map[string]string{}, Names: map[string][]bib.Name{}, Dates: map[string]bib.Date{}}
		for k, v := range m {
			switch k {
			case "id":
				it.ID = jsonString(v)
			case "type":
				it.Type = jsonString(v)
			case "shortTitle":
				it.Fields["title-short"] = jsonString(v)
			case "journalAbbreviation":
				it.Fields["container-title-short"] = jsonString(v)
			default:
				switch x := v.(type) {
				case []any:
					if names, ok := jsonNames(x); ok {
						it.Names[k] = names
					}
				case map[string]any:
					if isDateVar(k) || x["date-parts"] != nil || x["raw"] != nil || x["literal"] != nil {
						it.Dates[k] = jsonDate(x)
					}
				case string:
					if isDateVar(k) {
						it.Dates[k] = bib.Date{Raw: x}
						continue
					}
					it.Fields[k] = x
				case json.Number:
					it.Fields[k] = x.String()
				case bool:
				case nil:
				}
			}
		}
		if _, ok := it.Fields["title-short"]; !ok {
			if s, ok := it.Fields["shortTitle"]; ok {
				it.Fields["title-short"] = s
			}
		}
		items = append(items, it)
	}
	return items, nil
}

func jsonString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func jsonBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true" || x == "1"
	case json.Number:
		return x.String() != "0"
	}
	return false
}

func jsonNames(list []any) ([]bib.Name, bool) {
	var out []bib.Name
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		n := bib.Name{
			Family:              jsonString(m["family"]),
			Given:               jsonString(m["given"]),
			DroppingParticle:    jsonString(m["dropping-particle"]),
			NonDroppingParticle: jsonString(m["non-dropping-particle"]),
			Suffix:              jsonString(m["suffix"]),
			CommaSuffix:         jsonBool(m["comma-suffix"]),
			StaticOrdering:      jsonBool(m["static-ordering"]),
			Literal:             jsonString(m["literal"]),
			IsInstitution:       jsonBool(m["isInstitution"]),
		}
		if pn, ok := m["parse-names"]; ok {
			b := jsonBool(pn)
			n.ParseNames = &b
		}
		out = append(out, n)
	}
	return out, true
}

func jsonDate(m map[string]any) bib.Date {
	var d bib.Date
	if dp, ok := m["date-parts"].([]any); ok {
		for _, p := range dp {
			arr, ok := p.([]any)
			if !ok {
				continue
			}
			var parts [3]int
			for i := 0; i < len(arr) && i < 3; i++ {
				s := strings.TrimSpace(jsonString(arr[i]))
				n, err := strconv.Atoi(s)
				if err != nil {
					continue
				}
				parts[i] = n
			}
			d.Parts = append(d.Parts, parts)
		}
	}
	if s, ok := m["season"]; ok {
		str := jsonString(s)
		if n, err := strconv.Atoi(str); err == nil && n >= 1 && n <= 4 {
			d.Season = n
		} else if str != "" {
			d.SeasonText = str
		}
	}
	if c, ok := m["circa"]; ok {
		d.Circa = jsonBool(c)
	}
	d.Literal = jsonString(m["literal"])
	d.Raw = jsonString(m["raw"])
	return d
}
