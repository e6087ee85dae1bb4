package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CheckPlace refuses an output folder where a build would overwrite or
// later prune what is not output: the project's sources (the folder itself,
// one inside it, or one that contains it), the repository's root (the
// nearest folder above the project with a .git), the user's home folder, or
// a system folder (the file-system root and the folders directly under it).
// Symbolic links are resolved first, so a link cannot disguise any of them.
func CheckPlace(out, project string) error {
	o, err := resolve(out)
	if err != nil {
		return err
	}
	p, err := resolve(project)
	if err != nil {
		return err
	}
	switch {
	case o == p:
		return fmt.Errorf("the output folder %s is the project folder: choose one outside it, such as out", out)
	case within(o, p):
		return fmt.Errorf("the output folder %s is inside the project folder %s: the build would read its own output as sources", out, project)
	case within(p, o):
		return fmt.Errorf("the output folder %s contains the project folder %s: choose a folder beside it, such as out", out, project)
	}
	for d := filepath.Dir(p); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			if o == d {
				return fmt.Errorf("the output folder %s is the repository's root: choose a folder inside it, such as out", out)
			}
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := resolve(home); err == nil && o == h {
			return fmt.Errorf("the output folder %s is your home folder", out)
		}
	}
	if filepath.Dir(o) == o || filepath.Dir(filepath.Dir(o)) == filepath.Dir(o) {
		return fmt.Errorf("the output folder %s is a system folder", out)
	}
	for _, sys := range []string{"/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/boot", "/dev", "/proc", "/sys", "/System", "/Library"} {
		if within(o, sys) {
			return fmt.Errorf("the output folder %s is inside the system folder %s", out, sys)
		}
	}
	return nil
}

// resolve makes an absolute path with every symbolic link of its existing
// part resolved (the folder may not exist yet).
func resolve(name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	rest := ""
	for d := abs; ; d = filepath.Dir(d) {
		if r, err := filepath.EvalSymlinks(d); err == nil {
			return filepath.Join(r, rest), nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(d), rest)
	}
}

// within reports whether a is strictly inside b.
func within(a, b string) bool {
	rel, err := filepath.Rel(b, a)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
