package names

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// fakeDNS is an injectable LookupAddr that counts its calls.
type fakeDNS struct {
	calls atomic.Int32
	names map[string][]string
	err   error
	block bool // wait for the context to end
}

func (f *fakeDNS) lookup(ctx context.Context, addr string) ([]string, error) {
	f.calls.Add(1)
	if f.block {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if n, ok := f.names[addr]; ok {
		return n, nil
	}
	if f.err != nil {
		return nil, f.err
	}
	return nil, &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}
}

func newTest(etc string, dns *fakeDNS) *Resolver {
	return New(Config{Etc: etc, LookupAddr: dns.lookup, Timeout: 50 * time.Millisecond})
}

func TestHostFilesThenDNS(t *testing.T) {
	dns := &fakeDNS{names: map[string][]string{
		"192.0.2.1":        {"ptr.example.com.", "second.example."},
		"2001:db8::9":      {"six.example.net."},
		"::ffff:127.0.0.1": {"mapped.example."},
		"10.0.0.1":         {"not-asked."},
		"2001:db8::2":      {"short.example."},
		"192.0.2.2":        {strings.Repeat("a", 200) + "."},
		"2001:db8::7":      {strings.Repeat("b", 128) + "."},
		"2001:db8::8":      {strings.Repeat("c", 127) + "."},
		"192.0.2.3":        {"."},
	}}
	r := newTest("testdata/etc", dns)
	for in, want := range map[string]string{
		"10.0.0.1":         "first",           // files answer, DNS not asked
		"10.0.0.2":         "",                // empty name from files is an answer
		"192.0.2.1":        "ptr.example.com", // first PTR, trailing dot stripped
		"2001:db8::9":      "six.example.net", // IPv6 via DNS
		"::ffff:127.0.0.1": "mapped.example",  // no IPv4 hosts match; DNS gets the IPv6 text
		"2001:db8::1":      "six1",            // IPv6 hosts entry
		"fe80::1%eth0":     "",                // zone dropped; no answer
		"192.0.2.2":        strings.Repeat("a", 127),
		"2001:db8::8":      strings.Repeat("c", 127),
		"192.0.2.3":        ".", // the root, as glibc writes it and net-tools prints it
	} {
		got, ok := r.Host(netip.MustParseAddr(in))
		if got != want || (!ok && want != "") {
			t.Errorf("Host(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"2001:db8::2", "2001:db8::7", "::", "0.0.0.0"} {
		// 2001:db8::2 has a 200-byte hosts name: getnameinfo overflows.
		if got, ok := r.Host(netip.MustParseAddr(in)); ok && in != "0.0.0.0" {
			t.Errorf("Host(%s) = %q, want no name", in, got)
		}
	}
	if _, ok := r.Host(netip.Addr{}); ok {
		t.Error("zero Addr resolved")
	}
	before := dns.calls.Load()
	r.Host(netip.MustParseAddr("192.0.2.1"))
	r.Host(netip.MustParseAddr("198.51.100.1"))
	r.Host(netip.MustParseAddr("198.51.100.1"))
	if got := dns.calls.Load() - before; got != 1 {
		t.Errorf("DNS calls after caching = %d, want 1 (hits and misses cached)", got)
	}
}

func TestHostDNSFailures(t *testing.T) {
	for name, dns := range map[string]*fakeDNS{
		"failure": {err: errors.New("server misbehaving")},
		"refused": {err: &net.OpError{Op: "read", Err: syscall.ECONNREFUSED}},
		"timeout": {block: true},
		"empty":   {names: map[string][]string{"192.0.2.1": {}}},
	} {
		r := newTest("testdata/etc", dns)
		start := time.Now()
		if got, ok := r.Host(netip.MustParseAddr("192.0.2.1")); ok {
			t.Errorf("%s: got %q", name, got)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
	if st := func() status {
		r := newTest("testdata/etc", &fakeDNS{err: &net.OpError{Op: "read", Err: syscall.ECONNREFUSED}})
		_, st := r.dnsName(netip.MustParseAddr("192.0.2.1"))
		return st
	}(); st != statusUnavail {
		t.Errorf("refused status = %v, want UNAVAIL", st)
	}
}

func TestHostConcurrent(t *testing.T) {
	dns := &fakeDNS{names: map[string][]string{"192.0.2.1": {"c.example."}}}
	r := newTest("testdata/etc", dns)
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, _ := r.Host(netip.MustParseAddr("192.0.2.1")); got != "c.example" {
				t.Errorf("got %q", got)
			}
			r.Service(22, "tcp")
			r.User(1000)
			r.Network(netip.MustParseAddr("0.0.0.5"))
		}()
	}
	wg.Wait()
	if n := dns.calls.Load(); n != 1 {
		t.Errorf("DNS calls = %d, want 1", n)
	}
}

func TestNetwork(t *testing.T) {
	r := newTest("testdata/etc", &fakeDNS{})
	for in, want := range map[string]string{
		"0.0.0.5": "b5", "172.16.0.0": "net172", "10.0.0.0": "ten", "255.255.255.255": "d8", "5.0.0.0": "a5",
	} {
		if got, ok := r.Network(netip.MustParseAddr(in)); !ok || got != want {
			t.Errorf("Network(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"0.0.0.12", "::ffff:0.0.0.5", "2001:db8::"} {
		if got, ok := r.Network(netip.MustParseAddr(in)); ok {
			t.Errorf("Network(%s) = %q", in, got)
		}
	}
}

func TestService(t *testing.T) {
	r := newTest("testdata/etc", &fakeDNS{})
	for _, c := range []struct {
		port  uint16
		proto string
		want  string
	}{
		{1000, "tcp", "svc1b"},
		{1001, "tcp", strings.Repeat("s", 63)},
		{1008, "udp", "udponly"},
		{1008, "tcp", ""},
		{6, "raw", "tcp"},
		{201, "raw", "big"},
		{1000, "sctp", ""},
		{1000, "udplite", ""},
	} {
		got, ok := r.Service(c.port, c.proto)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Service(%d, %s) = %q, %v; want %q", c.port, c.proto, got, ok, c.want)
		}
	}
}

func TestUser(t *testing.T) {
	r := newTest("testdata/etc", &fakeDNS{})
	for uid, want := range map[uint32]string{1000: "alice", 0: "root", 65534: "nobody", 1007: ""} {
		if got, ok := r.User(uid); !ok || got != want {
			t.Errorf("User(%d) = %q, %v; want %q", uid, got, ok, want)
		}
	}
	if got, ok := r.User(4242); ok {
		t.Errorf("User(4242) = %q", got)
	}
}

func TestMissingFiles(t *testing.T) {
	dns := &fakeDNS{names: map[string][]string{"192.0.2.1": {"d.example."}}}
	r := newTest("testdata/does-not-exist", dns)
	if got, ok := r.Host(netip.MustParseAddr("192.0.2.1")); got != "d.example" || !ok {
		t.Errorf("Host = %q, %v (defaults: files dns)", got, ok)
	}
	if _, ok := r.Host(netip.MustParseAddr("10.0.0.1")); ok {
		t.Error("Host found without hosts file")
	}
	if _, ok := r.Network(netip.MustParseAddr("0.0.0.5")); ok {
		t.Error("Network found without networks file")
	}
	if _, ok := r.Service(22, "tcp"); ok {
		t.Error("Service found without services file")
	}
	if _, ok := r.User(0); ok {
		t.Error("User(0) found: default passwd source is files only")
	}
	e := newTest("testdata/empty", dns)
	if _, ok := e.Service(22, "tcp"); ok {
		t.Error("Service found in empty dir")
	}
}

func TestBrokenNsswitch(t *testing.T) {
	dns := &fakeDNS{names: map[string][]string{"192.0.2.1": {"d.example."}}}
	r := newTest("testdata/broken", dns)
	_, h := r.Host(netip.MustParseAddr("10.0.0.1"))
	_, d := r.Host(netip.MustParseAddr("192.0.2.1"))
	_, n := r.Network(netip.MustParseAddr("0.0.0.5"))
	_, s := r.Service(1000, "tcp")
	_, u := r.User(1000)
	if h || d || n || s || u || dns.calls.Load() != 0 {
		t.Errorf("broken nsswitch.conf still resolved: %v %v %v %v %v", h, d, n, s, u)
	}
}

func TestDefaults(t *testing.T) {
	r := New(Config{})
	if r.etc != "/etc" || r.timeout != DefaultTimeout || r.lookupAddr == nil {
		t.Errorf("defaults: %+v", r)
	}
}

func TestDontSynthesizeNobody(t *testing.T) {
	r := newTest("testdata/nonobody", &fakeDNS{})
	if got, ok := r.User(0); !ok || got != "root" {
		t.Errorf("User(0) = %q, %v", got, ok)
	}
	if got, ok := r.User(65534); ok {
		t.Errorf("User(65534) = %q despite dont-synthesize-nobody", got)
	}
}

// TestIPv4CompatibleAsksInAddrArpa checks that an IPv4-compatible IPv6
// address is looked up by its IPv4 address, as glibc's DNS module does,
// while ::1, :: and ordinary IPv6 addresses are asked as they are.
func TestIPv4CompatibleAsksInAddrArpa(t *testing.T) {
	dns := &fakeDNS{names: map[string][]string{
		"192.0.2.9":   {"compat.example."},
		"::c000:209":  {"wrong-tree.example."},
		"2001:db8::9": {"six.example."},
	}}
	r := newTest("testdata/empty", dns)
	for in, want := range map[string]string{
		"::192.0.2.9": "compat.example",
		"2001:db8::9": "six.example",
	} {
		if got, ok := r.Host(netip.MustParseAddr(in)); !ok || got != want {
			t.Errorf("Host(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for in, want := range map[string]string{
		"::192.0.2.9":      "192.0.2.9",
		"::ffff:192.0.2.9": "::ffff:192.0.2.9", // Go asks in-addr.arpa itself
		"::1":              "::1",
		"::":               "::",
		"2001:db8::9":      "2001:db8::9",
		"192.0.2.9":        "192.0.2.9",
	} {
		if got := dnsQueryAddr(netip.MustParseAddr(in)).String(); got != want {
			t.Errorf("dnsQueryAddr(%s) = %s, want %s", in, got, want)
		}
	}
}
