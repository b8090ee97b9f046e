package conntrack

import (
	"errors"

	"golang.org/x/sys/unix"
)

// Error is a failure to read the conntrack table, with what an admin can
// do about it.
type Error struct {
	Doing string // what was being done, e.g. "dumping the connection tracking table"
	Hint  string // the likely cause, in an admin's words; may be empty
	Err   error  // the kernel's answer
}

func (e *Error) Error() string {
	msg := e.Doing + ": " + e.Err.Error()
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Hints for the kernel answers that have a known cause.
const (
	hintPermission = "reading connection tracking needs CAP_NET_ADMIN: run as root"
	hintModule     = "connection tracking over netlink is not available: load the nf_conntrack_netlink module"
)

// explain wraps err, the failure of doing, with the hint its errno calls
// for. The netlink packages wrap their errors; errors.Is sees through.
func explain(doing string, err error) error {
	e := &Error{Doing: doing, Err: err}
	var errno unix.Errno
	if errors.As(err, &errno) {
		e.Err = errno
	}
	switch {
	case errors.Is(err, unix.EPERM), errors.Is(err, unix.EACCES):
		e.Hint = hintPermission
	case errors.Is(err, unix.EPROTONOSUPPORT), errors.Is(err, unix.EOPNOTSUPP),
		errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOENT):
		e.Hint = hintModule
	}
	return e
}
