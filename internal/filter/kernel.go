package filter

import "net/netip"

// PortRange is an inclusive range of ports, Lo to Hi, as --port, --sport
// and --dport take them (a single port is a range of one).
type PortRange struct{ Lo, Hi uint16 }

// Ports returns the ranges of --port, which either end of a socket may be
// in; nil when the option was not given (or s is nil). The slice is the
// caller's.
func (s *Spec) Ports() []PortRange {
	if s == nil {
		return nil
	}
	return s.port.export()
}

// LocalPorts returns the ranges of --sport, which the local end must be
// in; nil when the option was not given.
func (s *Spec) LocalPorts() []PortRange {
	if s == nil {
		return nil
	}
	return s.sport.export()
}

// RemotePorts returns the ranges of --dport, which the remote end must be
// in; nil when the option was not given.
func (s *Spec) RemotePorts() []PortRange {
	if s == nil {
		return nil
	}
	return s.dport.export()
}

// Prefixes returns the prefixes of --addr, which either end's address may
// be in, host bits cleared; nil when the option was not given. An
// IPv4-mapped prefix of 96 bits or more was given as the IPv4 prefix it
// carries; an IPv4 prefix also matches IPv4-mapped addresses, and an IPv6
// prefix never matches an IPv4 or IPv4-mapped address (see the package
// comment). The slice is the caller's.
func (s *Spec) Prefixes() []netip.Prefix {
	if s == nil || s.addrs == nil {
		return nil
	}
	out := make([]netip.Prefix, len(s.addrs))
	copy(out, s.addrs)
	return out
}

// export returns a copy of l as PortRanges; nil for a nil list.
func (l portList) export() []PortRange {
	if l == nil {
		return nil
	}
	out := make([]PortRange, len(l))
	for i, r := range l {
		out[i] = PortRange{r.lo, r.hi}
	}
	return out
}
