package watch

import (
	"net/netip"
	"strconv"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// Socket is one row of the watched socket listing, its addresses already
// written as numbers the way netstat -n writes them.
type Socket struct {
	// Proto is the Proto column: tcp, tcp6, udp, udp6, udpl, udpl6, raw,
	// raw6 or unix. It names both the protocol and the family.
	Proto string
	// Local and Remote are "address:port" ("*" for port 0). A UNIX socket
	// has its path (possibly empty) as Local and no Remote.
	Local, Remote string
	// State is the State column (empty when net-tools leaves it blank).
	State string
	// Type is the socket type of a UNIX socket (STREAM, DGRAM, ...).
	Type         string
	Inode        uint64
	RecvQ, SendQ uint64
	// PID and Program name the owning process; PID 0 means unknown.
	PID     int
	Program string
}

// key identifies a socket from one reading to the next.
type key struct {
	proto, local, remote string
	inode                uint64
}

func (s *Socket) key() key {
	return key{proto: s.Proto, local: s.Local, remote: s.Remote, inode: s.Inode}
}

// Owned reports whether the owning process is known.
func (s *Socket) Owned() bool { return s.PID > 0 }

// FromInet turns an Internet socket record into a watched row, with its
// owner when o is known (owned).
func FromInet(s *sockets.Socket, o owners.Owner, owned bool) Socket {
	w := Socket{
		Proto:  s.Label(),
		Local:  endpointText(s.Local),
		Remote: endpointText(s.Remote),
		State:  s.StateText(),
		Inode:  s.Inode,
		RecvQ:  s.RecvQ,
		SendQ:  s.SendQ,
	}
	if owned {
		w.PID, w.Program = o.PID, o.Program
	}
	return w
}

// FromUnix turns a UNIX socket record into a watched row.
func FromUnix(u *sockets.UnixSocket, o owners.Owner, owned bool) Socket {
	w := Socket{
		Proto: "unix",
		Local: u.Path,
		State: u.StateText(),
		Type:  u.TypeText(),
		Inode: u.Inode,
	}
	if owned {
		w.PID, w.Program = o.PID, o.Program
	}
	return w
}

// endpointText writes "address:port" as netstat -n does: no brackets
// around IPv6 addresses, "*" for port 0.
func endpointText(ap netip.AddrPort) string {
	a := ap.Addr()
	host := "*"
	if a.IsValid() {
		host = a.WithZone("").String()
	}
	if ap.Port() == 0 {
		return host + ":*"
	}
	return host + ":" + strconv.Itoa(int(ap.Port()))
}
