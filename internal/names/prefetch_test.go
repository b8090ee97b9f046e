package names

import (
	"context"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/cli"
)

// gaugeDNS is an injectable LookupAddr that counts the lookups started,
// records the most that were ever in flight at once, and either answers
// from names or never answers (waits for the context to end).
type gaugeDNS struct {
	started  atomic.Int32
	inFlight atomic.Int32
	maxSeen  atomic.Int32
	names    map[string]string
	silent   bool
}

func (g *gaugeDNS) lookup(ctx context.Context, addr string) ([]string, error) {
	g.started.Add(1)
	n := g.inFlight.Add(1)
	defer g.inFlight.Add(-1)
	for {
		m := g.maxSeen.Load()
		if n <= m || g.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	if g.silent {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if name, ok := g.names[addr]; ok {
		return []string{name + "."}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}
}

// distinctAddrs returns n distinct IPv4 addresses in 198.18.0.0/15, which
// no testdata hosts file mentions.
func distinctAddrs(n int) []netip.Addr {
	out := make([]netip.Addr, n)
	for i := range out {
		out[i] = netip.AddrFrom4([4]byte{198, 18 + byte(i>>16), byte(i >> 8), byte(i)})
	}
	return out
}

// TestPrefetchSilentDNSKeepsBudget resolves 1000 distinct addresses with a
// DNS that never answers. The deterministic checks are on the lookups: no
// more start than the budget allows (each one that starts with the whole
// timeout left lasts that long, and the budget runs while it does), and
// every address prints as a number. The elapsed time is only checked
// against a bound far above the budget.
func TestPrefetchSilentDNSKeepsBudget(t *testing.T) {
	const (
		timeout  = 40 * time.Millisecond
		budget   = 200 * time.Millisecond
		parallel = 8
	)
	dns := &gaugeDNS{silent: true}
	r := New(Config{Etc: "testdata/etc", LookupAddr: dns.lookup, Timeout: timeout, Budget: budget, Parallel: parallel})
	addrs := distinctAddrs(1000)
	start := time.Now()
	r.Prefetch(addrs)
	elapsed := time.Since(start)

	started := int(dns.started.Load())
	if limit := parallel * (int(budget/timeout) + 2); started > limit || started < parallel {
		t.Errorf("%d lookups started; want between %d and %d", started, parallel, limit)
	}
	if elapsed > 10*time.Second {
		t.Errorf("Prefetch took %v with a %v budget", elapsed, budget)
	}
	if m := dns.maxSeen.Load(); m > parallel {
		t.Errorf("%d lookups in flight, bound is %d", m, parallel)
	}
	for _, a := range addrs {
		if name, ok := r.Host(a); ok {
			t.Fatalf("Host(%s) = %q; want the number", a, name)
		}
	}
	if n := int(dns.started.Load()); n != started {
		t.Errorf("Host after Prefetch started %d more lookups", n-started)
	}
}

// TestHostSequentialKeepsBudget checks that plain Host calls, one after
// another as a listing without Prefetch makes them, share the budget too.
func TestHostSequentialKeepsBudget(t *testing.T) {
	const timeout, budget = 30 * time.Millisecond, 100 * time.Millisecond
	dns := &gaugeDNS{silent: true}
	r := New(Config{Etc: "testdata/etc", LookupAddr: dns.lookup, Timeout: timeout, Budget: budget})
	for _, a := range distinctAddrs(200) {
		if _, ok := r.Host(a); ok {
			t.Fatalf("Host(%s) found a name", a)
		}
	}
	if n, limit := int(dns.started.Load()), int(budget/timeout)+2; n > limit || n == 0 {
		t.Errorf("%d lookups started; want 1 to %d", n, limit)
	}
}

// TestPrefetchParallelBound checks the bound on lookups in flight, also
// when Host calls from other goroutines run beside a Prefetch, and that
// Prefetch does use the parallelism it is given.
func TestPrefetchParallelBound(t *testing.T) {
	const parallel = 16
	dns := &gaugeDNS{silent: true}
	r := New(Config{Etc: "testdata/etc", LookupAddr: dns.lookup,
		Timeout: 300 * time.Millisecond, Budget: 300 * time.Millisecond, Parallel: parallel})
	addrs := distinctAddrs(400)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for _, a := range addrs[200+25*i : 200+25*(i+1)] {
				r.Host(a)
			}
		})
	}
	r.Prefetch(addrs[:200])
	wg.Wait()
	if m := dns.maxSeen.Load(); m != parallel {
		t.Errorf("at most %d lookups were in flight; want exactly %d", m, parallel)
	}
}

// TestPrefetchDeduplicates checks that each address is asked about once,
// whatever its repetitions, zones and earlier answers, that files answer
// before DNS, and that Host then answers from the cache what it would have
// answered without Prefetch.
func TestPrefetchDeduplicates(t *testing.T) {
	answers := map[string]string{"192.0.2.1": "ptr.example.com", "2001:db8::9": "six.example.net"}
	var addrs []netip.Addr
	for i := range 1000 {
		for _, s := range []string{"192.0.2.1", "2001:db8::9", "fe80::1%eth0", "fe80::1%eth1",
			"198.51.100.7", "10.0.0.1", "0.0.0.0", "::"} {
			if i%7 == 0 || s != "198.51.100.7" {
				addrs = append(addrs, netip.MustParseAddr(s))
			}
		}
		addrs = append(addrs, netip.Addr{})
	}
	dns := &gaugeDNS{names: answers}
	r := New(Config{Etc: "testdata/etc", LookupAddr: dns.lookup, Parallel: 4})
	r.Prefetch(addrs)
	// 192.0.2.1, 2001:db8::9, fe80::1 and 198.51.100.7; 10.0.0.1 is in
	// testdata/etc/hosts.
	if n := dns.started.Load(); n != 4 {
		t.Errorf("%d DNS lookups for 4 distinct addresses", n)
	}
	r.Prefetch(addrs)
	if n := dns.started.Load(); n != 4 {
		t.Errorf("second Prefetch started %d more lookups", n-4)
	}

	plain := New(Config{Etc: "testdata/etc", LookupAddr: (&gaugeDNS{names: answers}).lookup})
	for _, a := range addrs[:9] {
		gotName, gotOK := r.Host(a)
		wantName, wantOK := plain.Host(a)
		if gotName != wantName || gotOK != wantOK {
			t.Errorf("Host(%s) = %q, %v after Prefetch; %q, %v without", a, gotName, gotOK, wantName, wantOK)
		}
	}
	if n := dns.started.Load(); n != 4 {
		t.Errorf("Host after Prefetch started %d lookups", n-4)
	}
}

// TestLimiterIdleTimeIsFree checks that time with no lookup in flight does
// not use the budget, and that a spent budget refuses lookups.
func TestLimiterIdleTimeIsFree(t *testing.T) {
	l := newDNSLimiter(time.Hour, 50*time.Millisecond, 2)
	for range 3 {
		d, ok := l.acquire()
		if !ok {
			t.Fatal("budget spent by idle time")
		}
		if left := time.Until(d); left > 50*time.Millisecond {
			t.Errorf("deadline %v away, beyond the budget", left)
		}
		l.release()
		time.Sleep(30 * time.Millisecond)
	}
	l.acquire()
	time.Sleep(60 * time.Millisecond)
	l.release()
	if _, ok := l.acquire(); ok {
		t.Error("lookup allowed after the budget was spent")
	}
}

func TestBoundDefaults(t *testing.T) {
	r := New(Config{})
	if r.parallel != DefaultParallel || r.limit.budget != DefaultBudget || r.limit.timeout != DefaultTimeout ||
		cap(r.limit.slots) != DefaultParallel {
		t.Errorf("defaults: parallel %d, limiter %+v", r.parallel, r.limit)
	}
}

// TestHelpShowsDefaults keeps the defaults that --help-extended states in
// step with the ones New applies.
func TestHelpShowsDefaults(t *testing.T) {
	help := cli.ExtendedHelpText()
	for _, d := range []string{DefaultTimeout.String(), DefaultBudget.String(), strconv.Itoa(DefaultParallel)} {
		if !strings.Contains(help, "(default "+d+")") {
			t.Errorf("--help-extended does not give the default %s:\n%s", d, help)
		}
	}
}
