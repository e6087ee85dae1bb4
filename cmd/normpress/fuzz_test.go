package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// FuzzServe: the preview server answers any request line and Host without
// a panic; a host that is not this machine gets 403 and nothing else; a
// page it serves is one of the build's files, never anything else.
func FuzzServe(f *testing.F) {
	for _, s := range [][2]string{
		{"/", "localhost:8080"}, {"/commentary/13c.html", "127.0.0.1"}, {"/../../etc/passwd", "localhost"},
		{"/_normpress/wait?v=-1", "localhost"}, {"/_normpress/wait?v=99999999999999999999", "[::1]"},
		{"/%2e%2e/%2e%2e/x", "localhost"}, {"//commentary//13c.html", "localhost"}, {"/", "evil.example"},
		{"/commentary/", "app.localhost"}, {"/index.html", "127.0.0.1.evil.example"},
	} {
		f.Add(s[0], s[1])
	}
	files := map[string][]byte{
		"index.html":            []byte("<html><body>landing</body></html>"),
		"commentary/13c.html":   []byte("<html><body>norm 13c</body></html>"),
		"commentary/index.html": []byte("<html><body>contents</body></html>"),
		"assets/site.css":       []byte("body{}"),
	}
	f.Fuzz(func(t *testing.T, target, host string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		s := &previewServer{files: files, version: 1, longPoll: time.Millisecond, changed: map[int][]string{}}
		r := httptest.NewRequest("GET", "/", nil)
		r.URL, r.RequestURI, r.Host = u, target, host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if !loopbackHost(host) {
			if w.Code != http.StatusForbidden {
				t.Errorf("Host %q: status %d, want 403", host, w.Code)
			}
			return
		}
		if w.Code != http.StatusOK || u.Path == "/_normpress/wait" {
			return
		}
		body := w.Body.Bytes()
		for _, data := range files {
			if bytes.HasPrefix(body, bytes.TrimSuffix(data, []byte("</body></html>"))) {
				return
			}
		}
		t.Errorf("%q served something that is not a build file: %q", target, body)
	})
}

// FuzzNewNames: whatever name `normpress new` is given, it writes nothing
// outside the project, and a record or chapter it does write carries the
// name as given (no YAML smuggled in through it).
func FuzzNewNames(f *testing.F) {
	for _, s := range []string{"kello-2017", "../../x", "a/b", ".hidden", "key\nnorms: [13z]", "key: x",
		"ü-2020", "a..b", `C:\x`, "%2e%2e", "-flag", "x\x00y", "13z"} {
		f.Add(s)
	}
	root := f.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(root); err != nil {
		f.Fatal(err)
	}
	var errOut bytes.Buffer
	code := run([]string{"normpress", "new", "project", "."}, &bytes.Buffer{}, &errOut, func(k string) string { return epoch[k] })
	os.Chdir(wd)
	if code != 0 {
		f.Fatalf("new project: %s", errOut.String())
	}
	project := filepath.Join(root, "chapters")
	f.Fuzz(func(t *testing.T, name string) {
		for _, args := range [][]string{
			{"new", "entry", name},
			{"new", "chapter", "commentary/" + name + ".md"},
		} {
			before := listTree(t, root)
			runIn(t, root, epoch, args...)
			after := listTree(t, root)
			for _, p := range strings.Split(after, "\n") {
				if p == "" || strings.Contains(before, p+"\n") {
					continue
				}
				if !strings.HasPrefix(p, project+string(filepath.Separator)) {
					t.Fatalf("%q wrote outside the project: %s", args, p)
				}
				if fi, err := os.Stat(p); err != nil || fi.IsDir() {
					continue
				}
				data, _ := os.ReadFile(p)
				if args[1] == "entry" {
					var rec struct{ Key string }
					if err := yaml.Unmarshal(data, &rec); err != nil || rec.Key != name {
						t.Errorf("%q made a record whose key is %q (%v):\n%s", args, rec.Key, err, data)
					}
				}
				os.Remove(p) // keep the project as it was for the next input
			}
		}
	})
}
