package procfd

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// readlinkat is readlinkat(2) on a NUL-terminated name into buf. Unlike
// unix.Readlinkat it takes the name as bytes, so the hot loop of the scan
// does not copy every fd name into a new string and a new C string.
func readlinkat(dir int, cname, buf []byte) (int, error) {
	if len(cname) == 0 || cname[len(cname)-1] != 0 || len(buf) == 0 {
		return 0, unix.EINVAL
	}
	n, _, errno := unix.Syscall6(unix.SYS_READLINKAT, uintptr(dir),
		uintptr(unsafe.Pointer(&cname[0])), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)), 0, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
