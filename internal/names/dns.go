package names

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// defaultLookupAddr is the DNS reverse lookup used when Config.LookupAddr
// is nil: Go's own resolver, so it works with CGO_ENABLED=0.
//
// Go's resolver looks in /etc/hosts itself before or after DNS (following
// its own reading of nsswitch.conf). That is mostly harmless because it
// is given the address exactly as netstat has it: Go compares hosts
// entries by their canonical text, so an IPv4-mapped address does not pick
// up an IPv4 line, and a miss of glibc's hosts parser is a miss for Go too
// in all but exotic files. It is visible only with unusual nsswitch.conf
// actions: with "hosts: files [SUCCESS=continue] dns" glibc prints the
// number when DNS fails, while this lookup still finds the hosts name. Like glibc, Go asks in-addr.arpa for IPv4-mapped
// addresses; unlike glibc, it asks ip6.arpa for IPv4-compatible ones
// (::a.b.c.d), which glibc also turns into in-addr.arpa queries.
func defaultLookupAddr(ctx context.Context, addr string) ([]string, error) {
	r := &net.Resolver{PreferGo: true}
	return r.LookupAddr(ctx, addr)
}

// dnsName performs one DNS reverse lookup with the configured function,
// within the limits of r.limit (timeout, budget, lookups in flight). It
// returns the first PTR name without its trailing dot and the NSS status
// glibc's DNS module would report: refused connections are UNAVAIL, every
// other failure (including a timeout, and a spent budget) NOTFOUND, so
// netstat prints the number.
func (r *Resolver) dnsName(a netip.Addr) (string, status) {
	deadline, ok := r.limit.acquire()
	if !ok {
		return "", statusNotFound
	}
	defer r.limit.release()
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	names, err := r.lookupAddr(ctx, a.String())
	if err != nil || len(names) == 0 {
		if errors.Is(err, syscall.ECONNREFUSED) {
			return "", statusUnavail
		}
		return "", statusNotFound
	}
	name := strings.TrimSuffix(names[0], ".")
	if name == "" {
		return "", statusNotFound
	}
	return name, statusSuccess
}
