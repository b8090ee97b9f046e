package sockets

import "net/netip"

// Prefetcher is implemented by a Namer that can resolve many host
// addresses at once (names.Resolver does, concurrently and within its DNS
// limits). After Prefetch returns, Host answers for those addresses come
// from its cache.
type Prefetcher interface {
	Prefetch(addrs []netip.Addr)
}

// hostCollector is a Namer that answers nothing and notes every address it
// is asked a host name for. Formatting rows with it finds exactly the
// addresses the real formatting will look up (not, for instance, 0.0.0.0,
// nor 0.x.y.z, which gets a networks lookup instead).
type hostCollector struct {
	addrs []netip.Addr
}

func (c *hostCollector) Host(a netip.Addr) (string, bool) {
	c.addrs = append(c.addrs, a)
	return "", false
}

func (c *hostCollector) Network(netip.Addr) (string, bool)     { return "", false }
func (c *hostCollector) Service(uint16, string) (string, bool) { return "", false }
func (c *hostCollector) User(uint32) (string, bool)            { return "", false }

// prefetcher returns the Namer's Prefetcher when the Internet rows will
// show host names and it has one; nil means rows stream straight through.
func (l *Listing) prefetcher() Prefetcher {
	if l.Opts.NumericHosts {
		return nil
	}
	p, _ := l.Names.(Prefetcher)
	return p
}

// prefetchHosts hands the host addresses of rows to p in one batch.
func prefetchHosts(p Prefetcher, rows []Socket) {
	c := &hostCollector{addrs: make([]netip.Addr, 0, 2*len(rows))}
	for i := range rows {
		hostText(rows[i].Local.Addr(), false, c)
		hostText(rows[i].Remote.Addr(), false, c)
	}
	p.Prefetch(c.addrs)
}
