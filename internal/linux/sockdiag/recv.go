package sockdiag

import (
	"encoding/binary"
	"errors"
	"fmt"
	"syscall"

	"golang.org/x/sys/unix"
)

// receiveDump reads the replies to the dump request just sent on r.conn
// straight from its socket into r.buf, one reused buffer, and calls msg
// with the body of every message of type typ (SOCK_DIAG_BY_FAMILY, or
// TCPDIAG_GETSOCK for the legacy request) until NLMSG_DONE.
// mdlayher/netlink's receive path allocates a Message per reply and
// copies it; at 100,000 sockets that was a tenth of the run. An
// NLMSG_ERROR, or an NLMSG_DONE carrying a negative errno, ends the dump
// with that errno.
func (r *Reader) receiveDump(typ uint16, msg func(body []byte)) error {
	rc, err := r.conn.SyscallConn()
	if err != nil {
		return err
	}
	if r.buf == nil {
		r.buf = make([]byte, recvBufferSize)
	}
	for {
		var n int
		var rerr error
		err := rc.Read(func(fd uintptr) bool {
			n, _, rerr = unix.Recvfrom(int(fd), r.buf, 0)
			return !errors.Is(rerr, unix.EAGAIN)
		})
		if err == nil {
			err = rerr
		}
		if err != nil {
			return err
		}
		done, err := walkMessages(r.buf[:n], typ, msg)
		if done || err != nil {
			return err
		}
	}
}

// walkMessages calls msg with the body of each message of type typ in one
// datagram b, and reports whether the dump ended in it.
func walkMessages(b []byte, typ uint16, msg func(body []byte)) (done bool, err error) {
	ne := binary.NativeEndian
	for len(b) >= unix.SizeofNlMsghdr {
		l := int(ne.Uint32(b[0:]))
		if l < unix.SizeofNlMsghdr || l > len(b) {
			return true, fmt.Errorf("netlink message of %d bytes in a datagram of %d", l, len(b))
		}
		body := b[unix.SizeofNlMsghdr:l]
		switch t := ne.Uint16(b[4:]); t {
		case unix.NLMSG_DONE, unix.NLMSG_ERROR:
			if len(body) >= 4 {
				if code := int32(ne.Uint32(body)); code < 0 {
					return true, syscall.Errno(-code)
				}
			}
			return true, nil
		default:
			if t == typ {
				msg(body)
			}
		}
		next := (l + 3) &^ 3
		if next >= len(b) {
			break
		}
		b = b[next:]
	}
	return false, nil
}
