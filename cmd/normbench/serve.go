package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ServeTiming is `normpress serve` from a save to the changed page: the
// chapter file written, the reload stream waited on as an open page does
// (the watcher's quiet period and the rebuild included), the page fetched
// and checked for the edit.
type ServeTiming struct {
	Saves  int           `json:"saves"`
	Median time.Duration `json:"median_ns"`
	P90    time.Duration `json:"p90_ns"`
	// CPUPerSave is the server's user + system time over the saves,
	// divided by their number: it includes the search index, which the
	// server makes after the page is served.
	CPUPerSave time.Duration `json:"cpu_per_save_ns"`
}

// serveChapter is the chapter every save edits, and the words it changes.
const (
	serveChapter = "commentary/13c.md"
	serveOld     = "is the key to the norm"
)

// measureServe starts the binary's serve on the corpus (a copy: the
// saves must not change the corpus the builds use) and saves the chapter
// n times.
func (np *normpress) measureServe(corpus, tmp string, n int, log io.Writer) (*ServeTiming, error) {
	dir := filepath.Join(tmp, "serve")
	os.RemoveAll(dir)
	if err := os.CopyFS(dir, os.DirFS(corpus)); err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	chapter := filepath.Join(dir, filepath.FromSlash(serveChapter))
	orig, err := os.ReadFile(chapter)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(orig, []byte(serveOld)) {
		return nil, fmt.Errorf("%s does not say %q", serveChapter, serveOld)
	}
	cmd := exec.Command(np.bin, "serve", "--project", dir, "--port", "0")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+np.epoch)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	// "serving http://127.0.0.1:PORT/ (…)" once the first build is done.
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("normpress serve: %v", err)
	}
	f := strings.Fields(line)
	if len(f) < 2 || f[0] != "serving" {
		return nil, fmt.Errorf("normpress serve said %q", line)
	}
	base := strings.TrimSuffix(f[1], "/")
	get := func(path string) ([]byte, error) {
		resp, err := http.Get(base + path)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	page := "commentary/13c.html"
	if _, err := get("/" + page); err != nil {
		return nil, err
	}
	// The version served now (a page of version 0 hears it at once).
	body, err := get("/_normpress/wait?v=0")
	if err != nil {
		return nil, err
	}
	var now struct{ Version int }
	if err := json.Unmarshal(body, &now); err != nil {
		return nil, fmt.Errorf("wait: %v", err)
	}
	version := now.Version
	var walls []time.Duration
	cpu0 := procCPU(cmd.Process.Pid)
	for i := range n {
		word := "save" + strconv.Itoa(i)
		data := bytes.Replace(orig, []byte(serveOld), []byte(serveOld+" ("+word+")"), 1)
		start := time.Now()
		if err := os.WriteFile(chapter, data, 0o644); err != nil {
			return nil, err
		}
		for {
			body, err := get("/_normpress/wait?v=" + strconv.Itoa(version))
			if err != nil {
				return nil, err
			}
			var s struct {
				Version int
				Errors  []string
				Changed []string
				All     bool
			}
			if err := json.Unmarshal(body, &s); err != nil {
				return nil, fmt.Errorf("wait: %v", err)
			}
			// The watcher may have read the file between the truncation
			// and the write (on a loaded machine the writer can be held
			// up longer than the quiet period): that build fails, and the
			// write's own event brings the good one.
			if len(s.Errors) > 0 && time.Since(start) > time.Minute {
				return nil, fmt.Errorf("the edit broke the build: %s", s.Errors[0])
			}
			version = s.Version
			if s.All || slices.Contains(s.Changed, page) {
				break
			}
		}
		body, err := get("/" + page)
		if err != nil {
			return nil, err
		}
		if !bytes.Contains(body, []byte(word)) {
			return nil, fmt.Errorf("the page does not show the save %q", word)
		}
		walls = append(walls, time.Since(start))
	}
	// Let the search index of the last save be made before the CPU is read.
	time.Sleep(200 * time.Millisecond)
	cpu := procCPU(cmd.Process.Pid) - cpu0
	slices.Sort(walls)
	fmt.Fprintf(log, "normbench: serve: %d saves, median %s\n", n, walls[len(walls)/2])
	return &ServeTiming{Saves: n, Median: walls[len(walls)/2], P90: walls[len(walls)*9/10], CPUPerSave: cpu / time.Duration(n)}, nil
}

// procCPU is a process's user + system time from /proc (0 if unknown).
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses.
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+1:]
	}
	f := strings.Fields(s)
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
}
