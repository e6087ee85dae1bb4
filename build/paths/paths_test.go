package paths

import "testing"

func TestAddresses(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Chapter("commentary", "13c"), "commentary/13c.html"},
		{Contents("commentary"), "commentary/index.html"},
		{Media("images/map 1.png"), "assets/media/images/map 1.png"},
		{Cover("guide"), "assets/covers/guide.png"},
		{Cite("guide", "", "bib"), "guide/cite/index.bib"},
		{Cite("guide", "ch1", "ris"), "guide/cite/ch1.ris"},
		{Rel(2, "assets/media/map 1.png"), "../../assets/media/map%201.png"},
		{ChapterHref(1, "commentary", "13c", "para:x y"), "../commentary/13c.html#para:x%20y"},
		{ChapterHref(0, "commentary", "13c", ""), "commentary/13c.html"},
		{Fragment("sec:a/b?é"), "sec:a/b?%C3%A9"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
