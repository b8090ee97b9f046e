package addrtext

import "net/netip"

// Prefetcher is implemented by a Namer that can resolve many host
// addresses at once (names.Resolver does, concurrently and within its DNS
// limits). After Prefetch returns, Host answers for those addresses come
// from its cache.
type Prefetcher interface {
	Prefetch(addrs []netip.Addr)
}

// Collector is a Namer that answers nothing and notes every address it is
// asked a host name for; networks lookups are local and not noted.
// Formatting rows with it finds exactly the addresses the real formatting
// will look up (not 0.0.0.0, nor 0.x.y.z, which gets a networks lookup).
type Collector struct {
	Addrs []netip.Addr
}

// Host notes a and reports no name.
func (c *Collector) Host(a netip.Addr) (string, bool) {
	c.Addrs = append(c.Addrs, a)
	return "", false
}

// Network reports no name.
func (c *Collector) Network(netip.Addr) (string, bool) { return "", false }
