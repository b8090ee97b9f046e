package filter

import (
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// Inet reports whether the filter keeps an Internet socket row. o is its
// first owner, owned false when it has none or owners were not read.
func (s *Spec) Inet(sk *sockets.Socket, o owners.Owner, owned bool) bool {
	if s == nil {
		return true
	}
	if s.states != nil && s.states.inet&(1<<sk.State) == 0 {
		return false
	}
	lport, rport := sk.Local.Port(), sk.Remote.Port()
	if s.port != nil && !s.port.has(lport) && !s.port.has(rport) {
		return false
	}
	if s.sport != nil && !s.sport.has(lport) {
		return false
	}
	if s.dport != nil && !s.dport.has(rport) {
		return false
	}
	if s.addrs != nil && !s.addrs.has(sk.Local.Addr()) && !s.addrs.has(sk.Remote.Addr()) {
		return false
	}
	if s.users != nil && !s.users.has(sk.UID) {
		return false
	}
	return s.ownerMatches(o, owned)
}

// Unix reports whether the filter keeps a UNIX socket row. A UNIX socket
// has no port, address or uid: any such filter drops it.
func (s *Spec) Unix(u *sockets.UnixSocket, o owners.Owner, owned bool) bool {
	if s == nil {
		return true
	}
	if s.port != nil || s.sport != nil || s.dport != nil || s.addrs != nil || s.users != nil {
		return false
	}
	if s.states != nil && s.states.unix&(1<<kindOf(u)) == 0 {
		return false
	}
	return s.ownerMatches(o, owned)
}

// ownerMatches applies --pid and --program-name.
func (s *Spec) ownerMatches(o owners.Owner, owned bool) bool {
	if s.pids == nil && !s.hasProg {
		return true
	}
	if !owned {
		return false
	}
	if s.pids != nil && !s.pids[o.PID] {
		return false
	}
	return !s.hasProg || o.Program == s.program
}
