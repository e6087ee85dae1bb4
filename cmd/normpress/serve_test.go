package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/normpress/normpress/build/pipeline"
)

// syncBuffer is a log both the server and the test touch.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe is an editor's preview: the page is served with the reload
// script, a save rebuilds it, the waiting page learns the new version, a
// broken save shows its error while the last good page stays.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runIn(t, dir, nil, "new", "project", "."); code != 0 {
		t.Fatal(errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(dir, "chapters")
	ctx, cancel := context.WithCancel(context.Background())
	var log syncBuffer
	done := make(chan error)
	go func() {
		done <- preview(ctx, ln, pipeline.Options{Dir: proj, Prefix: "chapters/", Formats: []string{"html"}, Memory: true}, io.Discard, &log)
	}()
	defer func() { cancel(); <-done }()
	base := "http://" + ln.Addr().String()

	get := func(path string) (int, string) {
		t.Helper()
		// The listener is open before the first build, so a request made
		// earlier simply waits for the server: no polling, no deadline.
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, page := get("/commentary/13a.html")
	if code != 200 || !strings.Contains(page, "/_normpress/wait?v=") || !strings.Contains(page, "para. 13") {
		t.Fatalf("chapter page: %d\n%.300s", code, page)
	}
	if code, _ := get("/../../etc/passwd"); code != 404 {
		t.Errorf("a path outside the preview was served: %d", code)
	}

	// A page waits for the next build; saving a chapter produces it.
	type state struct {
		Version int
		Errors  []string
	}
	wait := func(v int) state {
		t.Helper()
		_, body := get("/_normpress/wait?v=" + strconv.Itoa(v))
		var s state
		if err := json.Unmarshal([]byte(body), &s); err != nil {
			t.Fatalf("wait: %v: %s", err, body)
		}
		return s
	}
	chapter := filepath.Join(proj, "commentary", "13a.md")
	data, _ := os.ReadFile(chapter)
	got := make(chan state)
	go func() { got <- wait(1) }()
	os.WriteFile(chapter, bytes.Replace(data, []byte("The norm is in"), []byte("The norm, as saved, is in"), 1), 0o644)
	s := <-got // a missing rebuild hangs here until go test's own -timeout
	if s.Version != 2 || len(s.Errors) != 0 {
		t.Errorf("after a good save: %+v", s)
	}
	if _, page := get("/commentary/13a.html"); !strings.Contains(page, "as saved") {
		t.Errorf("the page does not show the saved text")
	}

	// A broken save: the error is reported, the last good page stays.
	go func() { got <- wait(2) }()
	os.WriteFile(chapter, append(data, []byte("\nSee @sec:nowhere.\n")...), 0o644)
	s = <-got
	if len(s.Errors) != 1 || !strings.Contains(s.Errors[0], `unknown label "sec:nowhere"`) {
		t.Errorf("after a broken save: %+v", s)
	}
	if _, page := get("/commentary/13a.html"); !strings.Contains(page, "as saved") {
		t.Errorf("the last good page is gone")
	}
}
