package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/normpress/normpress/build/pipeline"
	"github.com/normpress/normpress/build/site"
	"github.com/normpress/normpress/build/source"
)

// previewServer holds the last good build in memory and tells open pages to
// reload when a new one is ready. Nothing is written to disk: the preview
// never disturbs out/.
type previewServer struct {
	opts pipeline.Options
	log  io.Writer
	// longPoll is how long a reload request waits before it is renewed.
	longPoll time.Duration
	// quiet is how long the watcher waits after a change for the next
	// one before it rebuilds: editors save in bursts (write, rename,
	// chmod), all within a millisecond or two.
	quiet time.Duration
	// sess keeps each file's parse and each page between builds: a
	// rebuild parses the files that changed and renders the pages whose
	// inputs changed.
	sess *pipeline.Session

	mu      sync.RWMutex
	files   map[string][]byte
	diags   source.Diags // of the newest build, good or not
	version int
	// changed holds, for each recent version, the files that differ
	// from the version before (nil: a failed build, nothing changed), so
	// that a page reloads only when it changed itself.
	changed map[int][]string
	waiters []chan struct{}
}

// keepVersions is how many versions' changes the server remembers; a
// page older than that reloads whatever changed.
const keepVersions = 64

// reloadScript is added to every served HTML page: it waits for the next
// build and reloads, or shows the errors of a failed one over the page.
// The server says which files changed since the page's version (or "all"
// when it no longer knows); a page reloads only when it is one of them,
// and otherwise follows the version.
const reloadScript = `<script>(function(){
var v=%d,me=location.pathname.replace(/^\//,"");if(me===""||/\/$/.test(me))me+="index.html";
function poll(){fetch("/_normpress/wait?v="+v).then(function(r){return r.json()}).then(function(s){
var o=document.getElementById("normpress-errors");
if(s.errors&&s.errors.length){if(!o){o=document.createElement("pre");o.id="normpress-errors";o.setAttribute("role","alert");
o.style.cssText="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#300;color:#fff;font:13px/1.4 monospace;z-index:9999;white-space:pre-wrap";
document.body.appendChild(o)}o.textContent=s.errors.join("\n");v=s.version;poll();return}
if(o)o.remove();
if(s.version!==v&&(s.all||s.changed.indexOf(me)>=0)){location.reload();return}v=s.version;poll()}).catch(function(){setTimeout(poll,1000)})}poll()})();</script>`

func serveCmd(port string, opts pipeline.Options, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// Loopback only: a preview is for the editor at this machine.
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", port))
	if err != nil {
		fmt.Fprintln(stderr, "normpress: error:", err)
		return 1
	}
	if err := preview(ctx, ln, opts, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "normpress: error:", err)
		return 1
	}
	return 0
}

// preview builds, serves on ln, and rebuilds on every change under the
// project folder until ctx ends.
func preview(ctx context.Context, ln net.Listener, opts pipeline.Options, stdout, stderr io.Writer) error {
	s := newPreviewServer(opts, stderr)
	return s.run(ctx, ln, stdout)
}

func newPreviewServer(opts pipeline.Options, log io.Writer) *previewServer {
	if opts.Epoch == 0 {
		// One build time for the session: the pages do not change with
		// the clock between saves.
		opts.Epoch = time.Now().Unix()
	}
	return &previewServer{opts: opts, log: log, longPoll: 25 * time.Second, quiet: 10 * time.Millisecond,
		sess: pipeline.NewSession(opts), changed: map[int][]string{}}
}

func (s *previewServer) run(ctx context.Context, ln net.Listener, stdout io.Writer) error {
	opts, stderr := s.opts, s.log
	s.rebuild("initial build")

	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := watchTree(w, opts.Dir); err != nil {
		return err
	}
	// Every request's context ends with ctx: Ctrl-C ends the reload
	// streams at once instead of waiting for their long poll to time out.
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	go srv.Serve(ln)
	fmt.Fprintf(stdout, "serving http://%s/ (rebuilds on save; Ctrl-C stops)\n", ln.Addr())

	var timer *time.Timer
	changed := make(chan string, 1)
	for {
		select {
		case <-ctx.Done():
			srv.Shutdown(context.Background())
			return nil
		case ev := <-w.Events:
			if ev.Op&fsnotify.Create != 0 {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					watchTree(w, ev.Name)
				}
			}
			if strings.HasPrefix(filepath.Base(ev.Name), ".") || strings.HasSuffix(ev.Name, "~") {
				continue // editor swap and backup files
			}
			// Editors save in bursts (write, rename, chmod): wait for quiet.
			if timer != nil {
				timer.Stop()
			}
			name := ev.Name
			timer = time.AfterFunc(s.quiet, func() {
				select {
				case changed <- name:
				default:
				}
			})
		case name := <-changed:
			s.rebuild(name)
		case err := <-w.Errors:
			fmt.Fprintln(stderr, "normpress: watch:", err)
		}
	}
}

func watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
}

func (s *previewServer) rebuild(why string) {
	start := time.Now()
	u := s.sess.Build()
	s.mu.RLock()
	first := s.version == 0
	s.mu.RUnlock()
	if first {
		// No page is open yet: the first build is served whole.
		if _, err := s.sess.Finish(u); err != nil {
			fmt.Fprintln(s.log, "normpress: search index:", err)
		}
	}
	s.publish(u.Files, u.Diags, u.OK(), u.Changed)
	for _, d := range u.Diags {
		fmt.Fprintln(s.log, d.String())
	}
	state := fmt.Sprintf("rebuilt (%d files parsed, %d pages rendered, %d files changed)", u.Parsed, len(u.Rendered), len(u.Changed))
	if !u.OK() {
		state = "build failed (showing the last good build)"
	}
	fmt.Fprintf(s.log, "%s in %d ms after %s\n", state, time.Since(start).Milliseconds(), why)
	// The search index covers every word of the site: it is made once
	// the changed pages are served, and the search page is told.
	if first {
		return
	}
	if changed, err := s.sess.Finish(u); err != nil {
		fmt.Fprintln(s.log, "normpress: search index:", err)
	} else if changed {
		s.publish(u.Files, u.Diags, true, []string{site.SearchIndexPath, "search.html"})
	}
}

// publish makes a build the one served (files only when it is good) and
// wakes the waiting pages.
func (s *previewServer) publish(files map[string][]byte, diags source.Diags, ok bool, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.diags = diags
	if ok {
		s.files = files
	}
	s.version++
	s.changed[s.version] = changed
	delete(s.changed, s.version-keepVersions)
	for _, c := range s.waiters {
		close(c)
	}
	s.waiters = nil
}

// loopbackHost reports whether a request's Host names this machine. A page
// on another site can point its own host name at 127.0.0.1 (DNS rebinding)
// and then read the preview as same-origin; its requests carry that
// foreign name, so only loopback names are served.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *previewServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !loopbackHost(r.Host) {
		http.Error(w, "normpress serve answers only to localhost and 127.0.0.1", http.StatusForbidden)
		return
	}
	if r.URL.Path == "/_normpress/wait" {
		s.wait(w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.RLock()
	data, ok := s.files[name]
	version := s.version
	s.mu.RUnlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		script := fmt.Sprintf(reloadScript, version)
		if i := bytes.LastIndex(data, []byte("</body>")); i >= 0 {
			data = append(append(append([]byte{}, data[:i]...), script...), data[i:]...)
		}
	}
	w.Write(data)
}

// wait answers when the build version differs from the page's, or after a
// while so that the connection is renewed (long polling works from every
// browser without a socket library).
func (s *previewServer) wait(w http.ResponseWriter, r *http.Request) {
	var v int
	fmt.Sscan(r.URL.Query().Get("v"), &v)
	s.mu.Lock()
	ch := make(chan struct{})
	if s.version == v {
		s.waiters = append(s.waiters, ch)
	} else {
		close(ch)
	}
	s.mu.Unlock()
	select {
	case <-ch:
	case <-time.After(s.longPoll):
	case <-r.Context().Done():
		return
	}
	s.mu.RLock()
	var errs []string
	for _, d := range s.diags {
		if d.Sev == source.Error {
			errs = append(errs, d.String())
		}
	}
	// The files changed since the page's version.
	var changed []string
	all := v < 1 || v > s.version
	for w := v + 1; w <= s.version && !all; w++ {
		c, ok := s.changed[w]
		all = !ok
		changed = append(changed, c...)
	}
	slices.Sort(changed)
	changed = slices.Compact(changed)
	body := fmt.Sprintf(`{"version":%d,"errors":%s,"changed":%s,"all":%v}`, s.version, jsonStrings(errs), jsonStrings(changed), all)
	s.mu.RUnlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, body)
}

func jsonStrings(ss []string) string {
	if ss == nil {
		ss = []string{}
	}
	b, _ := json.Marshal(ss)
	return string(b)
}
