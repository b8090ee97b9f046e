package names

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// defaultLookupAddr is the DNS reverse lookup used when Config.LookupAddr
// is nil: Go's own resolver, so it works with CGO_ENABLED=0.
//
// Go's resolver looks in /etc/hosts itself before or after DNS (following
// its own reading of nsswitch.conf; after DNS only when no name server
// answered, since an answer is read as glibc reads it, see lookupAddrVia).
// That is mostly harmless because it is given the address exactly as
// netstat has it: Go compares hosts entries by their canonical text, so an
// IPv4-mapped address does not pick up an IPv4 line, and a miss of glibc's
// hosts parser is a miss for Go too in all but exotic files. It is visible
// only with unusual nsswitch.conf actions: with "hosts: files
// [SUCCESS=continue] dns" glibc prints the number when DNS fails, while
// this lookup still finds the hosts name. Like glibc, Go asks in-addr.arpa
// for IPv4-mapped addresses; for IPv4-compatible ones (::a.b.c.d) glibc asks
// in-addr.arpa too, and dnsName hands Go the IPv4 address (dnsQueryAddr).
//
// Go's resolver turns a refused query into an error string, so the dial
// below notes a read refused by the server, and a failed lookup that saw
// one wraps syscall.ECONNREFUSED, as dnsName expects. Queries go out
// without EDNS(0) unless the resolver configuration asks for it, as glibc
// sends them (see edns.go).
func defaultLookupAddr(ctx context.Context, addr string) ([]string, error) {
	var d net.Dialer
	return lookupAddrVia(d.DialContext, systemWantsEDNS())(ctx, addr)
}

// dialFunc opens a connection to a name server.
type dialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// lookupAddrVia returns a reverse lookup through Go's resolver whose
// connections to name servers are opened by dial; edns keeps the OPT
// record Go's resolver adds to each query. The name is the one glibc takes
// from the answer (see firstPTR), not Go's.
func lookupAddrVia(dial dialFunc, edns bool) func(ctx context.Context, addr string) ([]string, error) {
	return func(ctx context.Context, addr string) ([]string, error) {
		ex := &exchange{}
		r := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			c, err := dial(ctx, network, address)
			if err != nil {
				return nil, err
			}
			return wrapServerConn(c, ex, !edns), nil
		}}
		names, err := r.LookupAddr(ctx, addr)
		if reply := ex.lastReply(); final(reply) && answered(err) {
			if name, ok := firstPTR(reply); ok {
				return []string{name}, nil
			}
			return nil, &net.DNSError{Err: "no host name in the answer", Name: addr, IsNotFound: true}
		}
		if err != nil && ex.refused.Load() {
			err = fmt.Errorf("%w (%w)", err, syscall.ECONNREFUSED)
		}
		return names, err
	}
}

// final reports whether reply is a whole DNS response: one whose TC bit
// is clear, not the truncated UDP answer of an exchange that went on over
// TCP and failed there.
func final(reply []byte) bool {
	return len(reply) >= 4 && reply[2]&0x80 != 0 && reply[2]&0x02 == 0
}

// answered reports whether a lookup that ended with err got its answer
// from a name server: it succeeded, or Go's resolver rejected only what
// the answer held (names it finds malformed), not a missing, failed or
// late one.
func answered(err error) bool {
	if err == nil {
		return true
	}
	var de *net.DNSError
	return errors.As(err, &de) && !de.IsNotFound && !de.IsTimeout && !de.IsTemporary
}

// dnsQueryAddr returns the address whose reverse name glibc's DNS module
// asks for a: the IPv4 address inside an IPv4-compatible IPv6 address
// (::a.b.c.d, but not :: or ::1), which glibc looks up under in-addr.arpa
// as it does an IPv4-mapped one; a itself otherwise. (Go's resolver already
// asks in-addr.arpa for IPv4-mapped addresses.)
func dnsQueryAddr(a netip.Addr) netip.Addr {
	if !a.Is6() || a.Is4In6() {
		return a
	}
	b := a.As16()
	for _, c := range b[:12] {
		if c != 0 {
			return a
		}
	}
	v4 := netip.AddrFrom4([4]byte(b[12:]))
	if v4 == netip.IPv4Unspecified() || v4 == netip.AddrFrom4([4]byte{0, 0, 0, 1}) {
		return a
	}
	return v4
}

// dnsName performs one DNS reverse lookup with the configured function,
// within the limits of r.limit (timeout, budget, lookups in flight). It
// returns the first PTR name without its trailing dot (the root stays
// ".", as glibc writes it and net-tools prints it) and the NSS status
// glibc's DNS module would report: refused connections are UNAVAIL, every
// other failure (including a timeout, and a spent budget) NOTFOUND, so
// netstat prints the number.
//
// Once a lookup has been refused (every name server answered with ICMP
// port unreachable: nothing listens), later lookups of the run report
// UNAVAIL at once instead of asking again: a resolver that is not running
// refuses each of them just as fast, and the answer is the same number,
// but a thousand refused lookups would cost a "-ta" several times what
// the listing itself does.
func (r *Resolver) dnsName(a netip.Addr) (string, status) {
	if r.limit.refused.Load() {
		return "", statusUnavail
	}
	deadline, ok := r.limit.acquire()
	if !ok {
		return "", statusNotFound
	}
	defer r.limit.release()
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	names, err := r.lookupAddr(ctx, dnsQueryAddr(a).String())
	if err != nil || len(names) == 0 {
		if errors.Is(err, syscall.ECONNREFUSED) {
			r.limit.refused.Store(true)
			return "", statusUnavail
		}
		return "", statusNotFound
	}
	name := names[0]
	if name != "." { // the root keeps its dot, as glibc writes it
		name = strings.TrimSuffix(name, ".")
	}
	if name == "" {
		return "", statusNotFound
	}
	return name, statusSuccess
}
