//go:build unix

package output

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id runs (signal 0 only
// checks): a running build's temporaries are not stale.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
