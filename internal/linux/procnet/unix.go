package procnet

import (
	"bytes"
	"io"
	"strconv"

	"github.com/gonetstat/netstat/internal/sockets"
)

// unixMinFields is how many conversions of
//
//	"%p: %lX %lX %lX %X %X %lu %s"
//
// net-tools needs before it takes a /proc/net/unix line (through St).
const unixMinFields = 6

// scanUnixLine converts line into u as net-tools' sscanf does and returns the
// number of conversions. path is the %s token, if any.
func scanUnixLine(line []byte, u *sockets.UnixSocket) (n int, path []byte) {
	s := cScanner{b: line}
	if _, ok := s.unsigned(16); !ok || !s.literal(':') {
		if ok {
			return 1, nil
		}
		return 0, nil
	}
	n = 1
	for _, dst := range [...]*uint64{&u.RefCount, &u.Protocol, &u.Flags, &u.Type, &u.State} {
		s.space()
		v, ok := s.unsigned(16)
		if !ok {
			return n, nil
		}
		*dst = v
		n++
	}
	// Type and St are read with %X into an int.
	u.Type, u.State = uint64(uint32(u.Type)), uint64(uint32(u.State))
	var ok bool
	if u.Inode, ok = s.unsigned(10); !ok {
		return n, nil
	}
	n++
	if path, ok = s.word(); !ok {
		return n, nil
	}
	return n + 1, path
}

// ParseUnix reads /proc/net/unix from r and calls visit once per row, in file
// order, with a reused UnixSocket.
//
// As in net-tools, the path is one blank-delimited token (a name with a
// space is cut there; abstract names keep the kernel's '@' for the leading
// and embedded NULs), a line with fewer than 6 readable fields (through St)
// is bad, and a missing inode is stored as 0 (the C program keeps whatever
// the previous line left). When the header line has no "Inode" column, the
// path is the inode number in decimal, as net-tools prints it.
func ParseUnix(r io.Reader, visit func(*sockets.UnixSocket), bad func()) error {
	var u sockets.UnixSocket
	hasInode := false
	lastPath := ""
	return eachProcLine(r, func(n int, line []byte) {
		if n == 0 {
			hasInode = bytes.Contains(line, []byte("Inode"))
			return
		}
		u = sockets.UnixSocket{}
		k, path := scanUnixLine(line, &u)
		if k < unixMinFields {
			if bad != nil {
				bad()
			}
			return
		}
		switch {
		case !hasInode:
			u.Path = strconv.FormatUint(u.Inode, 10)
		case len(path) == 0:
		case string(path) == lastPath:
			// Rows often share a path (a listener and its accepted
			// sockets): reuse the string made for the earlier one.
			u.Path = lastPath
		default:
			lastPath = string(path)
			u.Path = lastPath
		}
		visit(&u)
	})
}
