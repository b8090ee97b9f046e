package routes

import (
	"io"
	"net/netip"
)

// Prefetcher is implemented by a Namer that can resolve many host
// addresses at once (names.Resolver does, concurrently and within its DNS
// limits); Host then answers for them from its cache.
type Prefetcher interface {
	Prefetch(addrs []netip.Addr)
}

// hostCollector is a Namer that answers nothing and notes every address it
// is asked a host name for; networks lookups are local and not noted.
type hostCollector struct {
	addrs []netip.Addr
}

func (c *hostCollector) Host(a netip.Addr) (string, bool) {
	c.addrs = append(c.addrs, a)
	return "", false
}

func (c *hostCollector) Network(netip.Addr) (string, bool) { return "", false }

// prefetch resolves, in one batch, the host names that printing a table
// will look up, when names are wanted and the Namer can prefetch. rows
// prints the table with the printer it is given; it is run once against a
// printer that discards its text and only collects the addresses, so the
// batch holds exactly the addresses the real pass asks about.
func (p *printer) prefetch(rows func(q *printer)) {
	pf, ok := p.names.(Prefetcher)
	if !ok || p.set.numeric {
		return
	}
	c := &hostCollector{}
	q := *p
	q.out, q.errOut, q.names = io.Discard, io.Discard, c
	rows(&q)
	pf.Prefetch(c.addrs)
}
