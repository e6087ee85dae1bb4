package doc

import "testing"

func TestByline(t *testing.T) {
	fr := &Terms{Lang: "fr", Words: map[Term]string{TermEditedBy: "sous la direction de", TermAnd: "et"}}
	for _, tc := range []struct {
		pub  Publication
		want string
	}{
		{Publication{Editors: []string{"Ada Lovelace"}}, "Edited by Ada Lovelace"},
		{Publication{Editors: []string{"A", "B", "C"}}, "Edited by A, B and C"},
		{Publication{Editors: []string{"A", "B"}, Terms: fr}, "Sous la direction de A et B"},
		{Publication{Contributors: []string{"A", "B"}, Terms: fr}, "A et B"},
		{Publication{}, ""},
	} {
		if got := tc.pub.Byline(); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.pub.Editors, got, tc.want)
		}
	}
}
