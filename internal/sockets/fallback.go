package sockets

import "errors"

// Fallback serves each table from Primary, and from Secondary when Primary
// says it cannot (an error wrapping errors.ErrUnsupported, given before any
// row). The netlink reader is a Primary; the /proc/net reader, which serves
// every table, is the Secondary.
type Fallback struct {
	Primary, Secondary Source
}

func unsupported(err error) bool { return errors.Is(err, errors.ErrUnsupported) }

func (f Fallback) Inet(p Protocol, ipv6 bool, visit func(*Socket), bad func()) error {
	if err := f.Primary.Inet(p, ipv6, visit, bad); !unsupported(err) {
		return err
	}
	return f.Secondary.Inet(p, ipv6, visit, bad)
}

func (f Fallback) Unix(visit func(*UnixSocket), bad func()) error {
	if err := f.Primary.Unix(visit, bad); !unsupported(err) {
		return err
	}
	return f.Secondary.Unix(visit, bad)
}

func (f Fallback) SCTPEndpoints(ipv6 bool, visit func(*SCTPEndpoint), bad func()) error {
	if err := f.Primary.SCTPEndpoints(ipv6, visit, bad); !unsupported(err) {
		return err
	}
	return f.Secondary.SCTPEndpoints(ipv6, visit, bad)
}

func (f Fallback) SCTPAssocs(ipv6 bool, visit func(*SCTPAssoc), bad func()) error {
	if err := f.Primary.SCTPAssocs(ipv6, visit, bad); !unsupported(err) {
		return err
	}
	return f.Secondary.SCTPAssocs(ipv6, visit, bad)
}

func (f Fallback) Legacy(l LegacyFamily) error {
	if err := f.Primary.Legacy(l); !unsupported(err) {
		return err
	}
	return f.Secondary.Legacy(l)
}

// StateMask is the set of kernel states (bit n for state n) that can hold
// the rows a listing shows: with -l only "servers", which are LISTEN (and
// unconnected CLOSE) sockets; without -a never LISTEN. Zero means all. A
// reader that filters in the kernel may use it; the listing still applies
// its own server rule to every row.
func StateMask(all, listening bool) uint32 {
	switch {
	case all:
		return 0
	case listening:
		return 1<<Listen | 1<<Close
	}
	return (1<<13 - 1) &^ (1 << Listen)
}
