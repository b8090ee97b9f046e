package routes

import (
	"github.com/gonetstat/netstat/internal/addrtext"
	"io"
)

// Prefetcher is a Namer that resolves many addresses at once.
type Prefetcher = addrtext.Prefetcher

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
	c := &addrtext.Collector{}
	q := *p
	q.out, q.errOut, q.names = io.Discard, io.Discard, c
	rows(&q)
	pf.Prefetch(c.Addrs)
}
