package diagnose

import (
	"fmt"

	"github.com/gonetstat/netstat/internal/sockets"
)

// checkExposure lists, for information, the listeners on a wildcard
// address run by root and the listeners no known process holds. It never
// warns: whether a service should be reachable is the admin's call.
func checkExposure(s *samples, t *Thresholds) Finding {
	var rootWild, unowned []string
	listeners := 0
	for i := range s.after.Sockets {
		sk := &s.after.Sockets[i]
		if !listening(sk) {
			continue
		}
		listeners++
		owner := ownerText(s.after, sk.Inode)
		line := fmt.Sprintf("%s %s, uid %d, %s", protoText(sk), sk.Local, sk.UID, owner)
		if sk.Local.Addr().IsUnspecified() && sk.UID == 0 {
			rootWild = append(rootWild, line)
		}
		if s.after.Owners != nil {
			if _, ok := s.after.Owners.Lookup(sk.Inode); !ok {
				unowned = append(unowned, line)
			}
		}
	}
	f := Finding{Severity: OK}
	f.Title = fmt.Sprintf("%d listeners: %d on a wildcard address run by root, %d with no known owner",
		listeners, len(rootWild), len(unowned))
	for _, l := range listed(rootWild) {
		f.Evidence = append(f.Evidence, "wildcard, root: "+l)
	}
	for _, l := range listed(unowned) {
		f.Evidence = append(f.Evidence, "no known owner: "+l)
	}
	switch {
	case s.after.Owners == nil:
		f.Evidence = append(f.Evidence, "owners not read")
	case s.after.Owners.Denied:
		f.Evidence = append(f.Evidence, "some processes could not be read (run as root to see every owner)")
	}
	if len(rootWild)+len(unowned) > 0 {
		f.Advice = "make sure each is meant to be reachable: bind to a specific address or filter it; " +
			"listeners with no owner may be in-kernel (NFS, WireGuard) or held by another namespace; see: netstat -tulpen"
	}
	return f
}

// listening says whether a socket waits for peers: a TCP listener, or a
// UDP or UDP-Lite socket with no remote address.
func listening(sk *sockets.Socket) bool {
	switch sk.Protocol {
	case sockets.TCP:
		return sk.State == sockets.Listen
	case sockets.UDP, sockets.UDPLite:
		return !sk.Remote.Addr().IsValid() || sk.Remote.Addr().IsUnspecified()
	}
	return false
}
