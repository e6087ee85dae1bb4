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
