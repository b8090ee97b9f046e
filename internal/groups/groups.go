// Package groups prints the multicast group memberships of "netstat -g"
// as net-tools 2.10 does: the IPv4 table (/proc/net/igmp) and the IPv6
// table (/proc/net/igmp6) under one header.
//
// The rows come from a Source (the Linux reader lives in
// internal/linux/procnet), names from a Namer.
package groups

import "net/netip"

// Membership is one group an interface has joined.
type Membership struct {
	// Interface is the device name as net-tools read it; from
	// /proc/net/igmp it may carry trailing blanks.
	Interface string
	// Users is the reference count.
	Users int32
	// Group is the group address, IPv4 or IPv6.
	Group netip.Addr
}

// Source reads the kernel's membership tables. Each method calls visit once
// per membership in file order (the *Membership may be reused after visit
// returns) and bad once per line it could not read, with the line number
// (0 is the first line) and which of net-tools' two warnings applies. A
// table that cannot be opened yields the open error, which wraps the errno.
//
// The two methods share net-tools' parser state, which outlives a pass:
// under -c the caller must keep using the same Source.
type Source interface {
	IPv4(visit func(*Membership), bad func(igmp6 bool, line int)) error
	IPv6(visit func(*Membership), bad func(igmp6 bool, line int)) error
}

// Namer resolves addresses to names (see routes.Namer).
type Namer interface {
	Host(netip.Addr) (string, bool)
	Network(netip.Addr) (string, bool)
}
