package procfd

import (
	"bytes"
	"encoding/binary"

	"golang.org/x/sys/unix"
)

// Offsets in struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16,
// d_type u8, then the NUL-terminated name.
const (
	direntReclen = 16
	direntName   = 19
)

// eachDirent calls fn with the name of every entry of the open directory
// dir, in the order getdents returns them (no sorting, unlike os.ReadDir).
// cname is the same name with its NUL terminator, ready for a system call.
// Both are only valid until fn returns. A read error ends the walk, as
// readdir returning NULL ends net-tools' loop.
func eachDirent(dir int, buf []byte, fn func(name, cname []byte)) {
	for {
		n, err := unix.Getdents(dir, buf)
		if err != nil || n <= 0 {
			return
		}
		for off := 0; off+direntName <= n; {
			reclen := int(binary.NativeEndian.Uint16(buf[off+direntReclen:]))
			if reclen < direntName || off+reclen > n {
				return
			}
			cname := buf[off+direntName : off+reclen]
			if i := bytes.IndexByte(cname, 0); i >= 0 {
				cname = cname[:i+1]
				fn(cname[:i], cname)
			}
			off += reclen
		}
	}
}
