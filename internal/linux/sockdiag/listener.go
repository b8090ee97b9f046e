package sockdiag

import (
	"encoding/binary"
	"net/netip"

	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"
)

// listenerUIDs finds the uid of the listener behind a request socket.
// inet_diag reports request sockets with uid 0, /proc with the uid of
// req->rsk_listener. The kernel's exact lookup of (local address, local
// port) from 0.0.0.0:0 finds no established socket and falls through to
// the listener lookup, which is how the request found its listener.
type listenerUIDs struct {
	conn  *netlink.Conn // a second socket: the first is mid-dump
	req   request
	cache map[netip.AddrPort]uint32
}

// uidOffset is the offset of idiag_uid in struct inet_diag_msg.
const uidOffset = 4 + sockIDLen + 12

// listenerUID returns the uid of the listener that local (a request
// socket's local address and port) belongs to, or 0 when it cannot be
// found, which is what inet_diag itself says.
func (r *Reader) listenerUID(local netip.AddrPort) uint32 {
	if r.listeners == nil {
		r.listeners = &listenerUIDs{}
	}
	l := r.listeners
	if uid, ok := l.cache[local]; ok {
		return uid
	}
	if l.conn == nil {
		conn, err := dial(r.cfg)
		if err != nil {
			return 0
		}
		l.conn = conn
	}
	if l.cache == nil {
		l.cache = make(map[netip.AddrPort]uint32)
	}
	family := uint8(unix.AF_INET6)
	if local.Addr().Is4() {
		family = unix.AF_INET
	}
	l.req.lookup(family, local)
	msgs, err := l.conn.Execute(netlink.Message{
		Header: netlink.Header{Type: unix.SOCK_DIAG_BY_FAMILY, Flags: netlink.Request},
		Data:   l.req[:],
	})
	var uid uint32
	if err == nil {
		for _, m := range msgs {
			if m.Header.Type == unix.SOCK_DIAG_BY_FAMILY && len(m.Data) >= msgLen {
				uid = binary.NativeEndian.Uint32(m.Data[uidOffset:])
				break
			}
		}
	}
	l.cache[local] = uid
	return uid
}

// reset forgets the cached uids: listeners may have changed since the last
// dump.
func (l *listenerUIDs) reset() {
	clear(l.cache)
}

func (l *listenerUIDs) close() error {
	if l.conn == nil {
		return nil
	}
	return l.conn.Close()
}
