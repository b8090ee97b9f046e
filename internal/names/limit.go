package names

import (
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for the bounds on DNS reverse lookups (see Config).
//
//   - DefaultTimeout, 1 s per lookup: a working resolver answers a PTR query
//     from its cache in milliseconds and a cold one well under a second, so
//     1 s only cuts off servers that are not answering, or a query whose
//     datagram was lost (Go's resolver would wait 5 s before trying again).
//     glibc waits 5 s per try, twice, before net-tools prints the number;
//     that is the wait this package refuses to repeat per address. Half the
//     budget, so one lost datagram does not spend all of it.
//   - DefaultBudget, 2 s for the whole run: the longest a listing may be
//     held up by DNS, however many addresses it has. The target is a "-ta"
//     of 1000 peers behind a resolver that never answers in at most 3 s;
//     2 s of lookups leaves a second for start-up, reading the table and
//     printing, which take tens of milliseconds at that size.
//   - DefaultParallel, 16 lookups in flight: 1000 peers behind a resolver
//     that answers in 20 ms take about 1.3 s, inside the budget, while a
//     burst of 16 queries (16 UDP sockets) is modest for any resolver and
//     far below file descriptor limits.
const (
	DefaultTimeout  = 1 * time.Second
	DefaultBudget   = 2 * time.Second
	DefaultParallel = 16
)

// dnsLimiter enforces the per-lookup timeout, the run's budget and the
// bound on lookups in flight.
//
// The budget is spent on wall-clock time during which at least one lookup
// is in flight, so concurrent lookups share it, and idle time (printing,
// the pause between -c passes) costs nothing. A lookup is given the
// deadline min(timeout, budget left); while it runs the budget is being
// spent, so no lookup ever outlives the budget. Once it is spent, lookups
// fail at once without asking DNS.
type dnsLimiter struct {
	timeout time.Duration
	budget  time.Duration
	slots   chan struct{} // one token per lookup in flight
	refused atomic.Bool   // a lookup was refused: DNS is not running

	mu        sync.Mutex
	inFlight  int
	busySince time.Time     // when inFlight last went from 0 to 1
	spent     time.Duration // budget used by busy periods that have ended
}

func newDNSLimiter(timeout, budget time.Duration, parallel int) *dnsLimiter {
	return &dnsLimiter{timeout: timeout, budget: budget, slots: make(chan struct{}, parallel)}
}

// acquire waits for a free slot and returns the deadline of a lookup that
// may start now, or false (holding no slot) when the budget is spent. Every
// successful acquire must be followed by release.
func (l *dnsLimiter) acquire() (deadline time.Time, ok bool) {
	l.slots <- struct{}{}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	left := l.budget - l.spent
	if l.inFlight > 0 {
		left -= now.Sub(l.busySince)
	}
	if left <= 0 {
		<-l.slots
		return time.Time{}, false
	}
	if l.inFlight == 0 {
		l.busySince = now
	}
	l.inFlight++
	return now.Add(min(l.timeout, left)), true
}

// release ends a lookup started by acquire.
func (l *dnsLimiter) release() {
	l.mu.Lock()
	l.inFlight--
	if l.inFlight == 0 {
		l.spent += time.Since(l.busySince)
	}
	l.mu.Unlock()
	<-l.slots
}
