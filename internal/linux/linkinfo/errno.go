//go:build linux

package linkinfo

import (
	"errors"

	"github.com/gonetstat/netstat/internal/links"
	"golang.org/x/sys/unix"
)

// sysError is an errno with glibc's strerror wording.
type sysError struct {
	errno unix.Errno
}

// errnoError wraps err when it is an errno; other errors pass unchanged.
func errnoError(err error) error {
	var e unix.Errno
	if errors.As(err, &e) {
		return sysError{e}
	}
	return err
}

func (e sysError) Error() string { return e.errno.Error() }

// Is makes ENODEV match links.ErrNoDevice.
func (e sysError) Is(target error) bool {
	return target == links.ErrNoDevice && e.errno == unix.ENODEV
}

// Unwrap gives the errno itself.
func (e sysError) Unwrap() error { return e.errno }
