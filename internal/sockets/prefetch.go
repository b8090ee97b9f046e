package sockets

import (
	"net/netip"

	"github.com/gonetstat/netstat/internal/addrtext"
)

// Prefetcher is a Namer that resolves many addresses at once.
type Prefetcher = addrtext.Prefetcher

// hostCollector notes the host addresses the rows will look up (see
// addrtext.Collector) and answers nothing else either.
type hostCollector struct{ addrtext.Collector }

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
	c := &hostCollector{addrtext.Collector{Addrs: make([]netip.Addr, 0, 2*len(rows))}}
	for i := range rows {
		hostText(rows[i].Local.Addr(), false, c)
		hostText(rows[i].Remote.Addr(), false, c)
	}
	p.Prefetch(c.Addrs)
}
