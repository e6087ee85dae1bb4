package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS writes out every dirty file of the file system dir is on, in
// one call (syncfs(2)); ok is false where that cannot be done.
func syncFS(dir *os.File) (ok bool, err error) {
	rc, err := dir.SyscallConn()
	if err != nil {
		return false, nil
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = unix.Syncfs(int(fd)) }); err != nil {
		return false, nil
	}
	return true, serr
}
