// Package output is the write phase: it puts the rendered files into the
// output folder, each atomically (a temporary file in the same folder, synced,
// then renamed over the old one), so a reader or a web server never sees a
// half-written artifact and a failed build leaves the last good one in place.
// Writes go through an os.Root, so nothing can land outside the folder, even
// through a symbolic link planted inside it.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"sync/atomic"
)

// Folder is an output folder open for writing.
type Folder struct {
	Dir  string
	root *os.Root
	seq  atomic.Int64
}

// Open creates the folder if needed and opens it.
func Open(dir string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Folder{Dir: dir, root: root}, nil
}

// Close releases the folder.
func (f *Folder) Close() error { return f.root.Close() }

// Write replaces name (slash-separated, relative to the folder) with data.
func (f *Folder) Write(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
		return fmt.Errorf("refused output path %q: it must stay inside the output folder", name)
	}
	if dir := path.Dir(name); dir != "." {
		if err := f.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".tmp-"+strconv.Itoa(os.Getpid())+"-"+strconv.FormatInt(f.seq.Add(1), 10))
	w, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := w.Write(data)
	serr := w.Sync()
	cerr := w.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		f.root.Remove(tmp)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.root.Rename(tmp, name); err != nil {
		f.root.Remove(tmp)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// Path is where a written file is, for messages: out/commentary.pdf.
func (f *Folder) Path(name string) string { return path.Join(f.Dir, name) }

// ledger is the file in the output folder that lists what the last build
// wrote, so the next one can remove what it no longer makes (a renamed
// chapter's old page) without ever touching a file it did not write.
const ledger = ".normpress-files"

// Prune removes the files the previous build listed in the ledger that this
// build did not write, then records what this build wrote. Only a complete
// build should call it: a partial one (--pub, --format) would forget the rest.
func (f *Folder) Prune(written []string) error {
	keep := make(map[string]bool, len(written))
	for _, w := range written {
		keep[w] = true
	}
	var errs []error
	if old, err := f.root.ReadFile(ledger); err == nil {
		for _, name := range strings.Split(string(old), "\n") {
			if name == "" || keep[name] || !fs.ValidPath(name) {
				continue
			}
			if err := f.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	list := strings.Join(written, "\n") + "\n"
	if err := f.Write(ledger, []byte(list)); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
