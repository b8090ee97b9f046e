package netns

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Where the kernel and ip(8) keep namespaces.
const (
	// RunDir holds the namespaces "ip netns add" names.
	RunDir = "/run/netns"
	// ProcRoot is the proc file system.
	ProcRoot = "/proc"
)

// nsGetNSType is the NS_GET_NSTYPE ioctl of nsfs files, _IO(0xb7, 0x3)
// (linux/nsfs.h), not in x/sys/unix.
const nsGetNSType = 0xb703

// Handle is an open network namespace file. Its descriptor keeps the
// namespace alive until Close.
type Handle struct {
	// Label is how the admin named it: the name, path or pid given to
	// Open, or the path List found.
	Label string
	f     *os.File
}

// Error says which namespace could not be opened or entered, and why.
// Err holds the errno, for the caller's wording.
type Error struct {
	Op    string // "open" or "enter"
	Label string // the name, path or pid as given
	Err   error
}

func (e *Error) Error() string {
	return fmt.Sprintf("cannot %s network namespace %q: %v", e.Op, e.Label, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNotNetNS is the reason given when a path is not a network namespace
// file.
var ErrNotNetNS = errors.New("not a network namespace")

// Open opens the network namespace spec names. A spec with a slash is a
// path; otherwise a name under /run/netns if one exists; otherwise an all
// digits spec is a process id (/proc/PID/ns/net). Anything else is a name
// that does not exist.
func Open(spec string) (*Handle, error) {
	return open(spec, Resolve(spec, RunDir, ProcRoot))
}

// Resolve returns the file Open would open for spec, with runDir and
// procRoot in place of /run/netns and /proc.
func Resolve(spec, runDir, procRoot string) string {
	if strings.Contains(spec, "/") {
		return spec
	}
	named := filepath.Join(runDir, spec)
	if spec == "." || spec == ".." {
		return named
	}
	if _, err := os.Lstat(named); err == nil {
		return named
	}
	if n, err := strconv.Atoi(spec); err == nil && n > 0 && strconv.Itoa(n) == spec {
		return filepath.Join(procRoot, spec, "ns", "net")
	}
	return named
}

// OpenPath opens the nsfs file at path and labels it label.
func OpenPath(path, label string) (*Handle, error) {
	return open(label, path)
}

func open(label, path string) (*Handle, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{Op: "open", Label: label, Err: err}
	}
	kind, err := unix.IoctlRetInt(int(f.Fd()), nsGetNSType)
	if err != nil || kind != unix.CLONE_NEWNET {
		f.Close()
		return nil, &Error{Op: "open", Label: label, Err: ErrNotNetNS}
	}
	return &Handle{Label: label, f: f}, nil
}

// Current opens the network namespace of the calling thread, to come back
// to after Enter.
func Current() (*Handle, error) {
	return open("current", filepath.Join(ProcRoot, "thread-self", "ns", "net"))
}

// Enter moves the calling thread into the namespace. Without
// CAP_SYS_ADMIN the error wraps EPERM.
func (h *Handle) Enter() error {
	if err := unix.Setns(int(h.f.Fd()), unix.CLONE_NEWNET); err != nil {
		return &Error{Op: "enter", Label: h.Label, Err: err}
	}
	return nil
}

// Inode returns the namespace's inode number, what "net:[N]" shows.
func (h *Handle) Inode() (uint64, error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(h.f.Fd()), &st); err != nil {
		return 0, err
	}
	return st.Ino, nil
}

// Close closes the file.
func (h *Handle) Close() error {
	return h.f.Close()
}
