package main

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// extractRev writes the tree of a commit into dir (git archive, read here so
// nothing in the repository changes: others may be working in it). Building
// from a commit measures a state anyone can check out again, where the
// working tree may hold half-done edits.
func extractRev(root, rev, dir string) (string, error) {
	cmd := exec.Command("git", "rev-parse", "--short", rev+"^{commit}")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("--rev %s: not a commit", rev)
	}
	short := strings.TrimSpace(string(out))
	var archive, stderr bytes.Buffer
	cmd = exec.Command("git", "archive", "--format=tar", rev)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = &archive, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git archive %s: %v\n%s", rev, err, stderr.Bytes())
	}
	tr := tar.NewReader(&archive)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return short, nil
		}
		if err != nil {
			return "", err
		}
		name := filepath.FromSlash(h.Name)
		if !filepath.IsLocal(name) {
			return "", fmt.Errorf("git archive: %q leaves the folder", h.Name)
		}
		to := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(to, 0o755)
		case tar.TypeReg:
			if err = os.MkdirAll(filepath.Dir(to), 0o755); err == nil {
				var b []byte
				if b, err = io.ReadAll(tr); err == nil {
					err = os.WriteFile(to, b, os.FileMode(h.Mode)&0o755|0o644)
				}
			}
		}
		// Links and the archive's comment header are skipped: the module
		// has no links, and a link could point out of dir.
		if err != nil {
			return "", err
		}
	}
}
