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

// CText is strerror's text: Go's wording with a capital first letter,
// which matches glibc for the errors the interface ioctls and opens give.
func (e sysError) CText() string {
	s := e.errno.Error()
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// Is makes ENODEV match links.ErrNoDevice.
func (e sysError) Is(target error) bool {
	return target == links.ErrNoDevice && e.errno == unix.ENODEV
}

// Unwrap gives the errno itself.
func (e sysError) Unwrap() error { return e.errno }
