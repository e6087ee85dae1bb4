package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

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
		Changed []string
		All     bool
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
	if s.Version < 2 || len(s.Errors) != 0 {
		t.Errorf("after a good save: %+v", s)
	}
	// The page learns which pages changed: the saved chapter's, not the
	// others (a page reloads only when it is listed).
	if s.All || !slices.Contains(s.Changed, "commentary/13a.html") {
		t.Errorf("changed after saving 13a.md: %+v", s)
	}
	for _, c := range s.Changed {
		if strings.HasSuffix(c, ".html") && c != "commentary/13a.html" && c != "search.html" {
			t.Errorf("%s listed as changed after saving 13a.md", c)
		}
	}
	if _, page := get("/commentary/13a.html"); !strings.Contains(page, "as saved") {
		t.Errorf("the page does not show the saved text")
	}

	// The search index follows in a version of its own, which only the
	// search page reloads for (a page that asks later hears both).
	if s.Version == 2 {
		if s = wait(2); !slices.Equal(s.Changed, []string{"assets/search-index.js", "search.html"}) {
			t.Errorf("after the search index: %+v", s)
		}
	}
	if s.Version != 3 || !slices.Contains(s.Changed, "search.html") {
		t.Errorf("after the search index: %+v", s)
	}
	if _, index := get("/assets/search-index.js"); !strings.Contains(index, "saved") {
		t.Errorf("the search index does not know the saved word")
	}

	// A broken save: the error is reported, the last good page stays.
	go func() { got <- wait(3) }()
	os.WriteFile(chapter, append(data, []byte("\nSee @sec:nowhere.\n")...), 0o644)
	s = <-got
	if len(s.Errors) != 1 || !strings.Contains(s.Errors[0], `unknown label "sec:nowhere"`) {
		t.Errorf("after a broken save: %+v", s)
	}
	if _, page := get("/commentary/13a.html"); !strings.Contains(page, "as saved") {
		t.Errorf("the last good page is gone")
	}
}

// TestServeHostCheck: a page on another site that rebinds its name to
// 127.0.0.1 sends its own Host; the preview must not answer it.
func TestServeHostCheck(t *testing.T) {
	s := &previewServer{files: map[string][]byte{"index.html": []byte("<p>draft</p>")}}
	for host, want := range map[string]int{
		"evil.example:8080": 403, "evil.example": 403, "127.0.0.1.evil.example": 403, "localhost.evil.example": 403, "": 403,
		"localhost:8080": 200, "LOCALHOST": 200, "127.0.0.1:8080": 200, "[::1]:8080": 200, "127.0.0.2": 200, "app.localhost:8080": 200,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %q: status %d, want %d", host, w.Code, want)
		}
		if want == 403 && strings.Contains(w.Body.String(), "draft") {
			t.Errorf("Host %q: the draft was served", host)
		}
	}
}

// TestServeStopsWithOpenPage: Ctrl-C while a preview tab holds a reload
// stream open ends the server at once. The long poll is an hour here, so a
// server that waits for it hangs until go test's own -timeout.
func TestServeStopsWithOpenPage(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runIn(t, dir, nil, "new", "project", "."); code != 0 {
		t.Fatal(errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(dir, "chapters")
	s := newPreviewServer(pipeline.Options{Dir: proj, Prefix: "chapters/", Formats: []string{"html"}, Memory: true}, io.Discard)
	s.longPoll = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.run(ctx, ln, io.Discard) }()
	resp := make(chan error)
	go func() {
		r, err := http.Get("http://" + ln.Addr().String() + "/_normpress/wait?v=1")
		if err == nil {
			io.Copy(io.Discard, r.Body)
			r.Body.Close()
		}
		resp <- err
	}()
	for { // until the page's request is waiting
		s.mu.RLock()
		n := len(s.waiters)
		s.mu.RUnlock()
		if n > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	<-resp
}

// BenchmarkServeSave measures what an author waits for: from saving a
// chapter to the changed page served. Each iteration writes the chapter
// (its text changed), waits on the reload stream as an open page does,
// which includes the watcher's quiet period and the rebuild, and fetches
// the page, checking it shows the edit. It reports the median and the
// 90th percentile besides the mean (ns/op).
//
//	go test ./cmd/normpress -run XXX -bench ServeSave -benchtime 40x
//	NORMPRESS_BENCH_PROJECT=/tmp/c16 go test ./cmd/normpress -run XXX -bench ServeSave -benchtime 20x
//
// NORMPRESS_BENCH_PROJECT names another project folder (a corpus
// `go run ./cmd/normbench --generate DIR --scale 16` wrote); it is copied
// first, and its chapter commentary/13c.md is edited.
func BenchmarkServeSave(b *testing.B) {
	src := filepath.Join("..", "..", "chapters")
	if d := os.Getenv("NORMPRESS_BENCH_PROJECT"); d != "" {
		src = d
	}
	proj := filepath.Join(b.TempDir(), "chapters")
	if err := os.CopyFS(proj, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- preview(ctx, ln, pipeline.Options{Dir: proj, Prefix: "chapters/", Formats: []string{"html"}, Memory: true}, io.Discard, io.Discard)
	}()
	defer func() { cancel(); <-done }()
	base := "http://" + ln.Addr().String()
	get := func(path string) string {
		resp, err := http.Get(base + path)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return string(data)
	}
	page := "/commentary/13c.html"
	if !strings.Contains(get(page), "_normpress/wait") {
		b.Fatal("no chapter page")
	}
	chapter := filepath.Join(proj, "commentary", "13c.md")
	orig, err := os.ReadFile(chapter)
	if err != nil {
		b.Fatal(err)
	}
	const old = "is the key to the norm"
	if !bytes.Contains(orig, []byte(old)) {
		b.Fatalf("%s does not say %q", chapter, old)
	}
	version := 1
	var times []time.Duration
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		word := "edit" + strconv.Itoa(i)
		data := bytes.Replace(orig, []byte(old), []byte("is the key to the norm ("+word+")"), 1)
		start := time.Now()
		if err := os.WriteFile(chapter, data, 0o644); err != nil {
			b.Fatal(err)
		}
		// Wait as the open page does until a version lists it as
		// changed (the search index follows in a version of its own).
		for {
			var s struct {
				Version int
				Changed []string
				All     bool
			}
			json.Unmarshal([]byte(get("/_normpress/wait?v="+strconv.Itoa(version))), &s)
			version = s.Version
			if s.All || slices.Contains(s.Changed, strings.TrimPrefix(page, "/")) {
				break
			}
		}
		if !strings.Contains(get(page), word) {
			b.Fatalf("the page does not show %s", word)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	// CPU time of the whole process per save (server and client): on a
	// shared machine it says more than the wall time.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(times)), "cpu-ms/save")
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "ms-p90")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
