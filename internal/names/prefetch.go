package names

import (
	"net/netip"
	"sync"
)

// Prefetch resolves the host names of addrs concurrently, at most
// Config.Parallel at a time, and returns when every one of them has an
// answer (a name, or none because the lookup failed, timed out or found
// the budget spent). Later Host calls for these addresses answer from the
// cache, so a caller can print rows in their own order at full speed after
// one Prefetch of all their addresses.
//
// Addresses are normalised as Host does (zone dropped); duplicates, the
// unspecified address, invalid addresses and addresses already cached are
// skipped. Host calls running at the same time for the same address share
// the one lookup.
func (r *Resolver) Prefetch(addrs []netip.Addr) {
	todo := r.uncached(addrs)
	if len(todo) == 0 {
		return
	}
	work := make(chan netip.Addr)
	var wg sync.WaitGroup
	for range min(r.parallel, len(todo)) {
		wg.Go(func() {
			for a := range work {
				r.Host(a)
			}
		})
	}
	for _, a := range todo {
		work <- a
	}
	close(work)
	wg.Wait()
}

// uncached returns the distinct addresses of addrs that Host would look
// up and has not looked up yet, in their first order.
func (r *Resolver) uncached(addrs []netip.Addr) []netip.Addr {
	seen := make(map[netip.Addr]bool, len(addrs))
	var todo []netip.Addr
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, a := range addrs {
		if !a.IsValid() || a.IsUnspecified() {
			continue
		}
		a = a.WithZone("")
		if _, cached := r.hostMemo[a]; cached || seen[a] {
			continue
		}
		seen[a] = true
		todo = append(todo, a)
	}
	return todo
}
