package names

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/names/dnstest"
)

// testServer is a DNS server (dnstest.Serve) on random UDP and TCP ports
// of 127.0.0.1. handle returns the rcode and records answering a query, or
// false to stay silent; UDP answers are cut at 512 bytes with TC, and a
// TCP message must be exactly as long as its prefix says.
type testServer struct {
	udp    net.PacketConn
	tcp    net.Listener
	handle func(q dnstest.Query) (rcode uint16, records []dnstest.Record, answer bool)

	udpQueries, tcpQueries, malformed atomic.Int64

	mu      sync.Mutex
	queries []dnstest.Query // every well-formed query, in order
}

// startTestServer starts a server; t.Cleanup stops it.
func startTestServer(t *testing.T, handle func(q dnstest.Query) (uint16, []dnstest.Record, bool)) *testServer {
	t.Helper()
	s := &testServer{handle: handle}
	var err error
	if s.udp, err = net.ListenPacket("udp4", "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if s.tcp, err = net.Listen("tcp4", "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.udp.Close(); s.tcp.Close() })
	dnstest.Serve(s.udp, s.tcp, s.reply, &s.malformed)
	return s
}

// dial opens connections to the server whatever address the resolver
// asks for, as a dialFunc.
func (s *testServer) dial(ctx context.Context, network, _ string) (net.Conn, error) {
	var d net.Dialer
	if strings.HasPrefix(network, "udp") {
		return d.DialContext(ctx, network, s.udp.LocalAddr().String())
	}
	return d.DialContext(ctx, network, s.tcp.Addr().String())
}

// seen returns the well-formed queries received so far.
func (s *testServer) seen() []dnstest.Query {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]dnstest.Query(nil), s.queries...)
}

// reply returns the answer to msg, or false; answers over UDP are cut
// at 512 bytes with TC.
func (s *testServer) reply(msg []byte, udp bool) ([]byte, bool) {
	q, err := dnstest.ParseQuery(msg)
	if err != nil {
		s.malformed.Add(1)
		return nil, false
	}
	s.mu.Lock()
	s.queries = append(s.queries, q)
	s.mu.Unlock()
	rcode, records, ok := s.handle(q)
	if !ok {
		return nil, false
	}
	limit := 65535
	if udp {
		s.udpQueries.Add(1)
		limit = dnstest.PlainUDPLimit
	} else {
		s.tcpQueries.Add(1)
	}
	return dnstest.Response(q, rcode, records, limit), true
}

// ptrRecords answers with one PTR record per name.
func ptrRecords(names ...string) []dnstest.Record {
	var rs []dnstest.Record
	for _, n := range names {
		rs = append(rs, dnstest.Record{Type: dnstest.TypePTR, Target: n})
	}
	return rs
}

// lookupTimeout bounds each lookup of these tests: answers come in
// microseconds, and Go's resolver waits 5 s (resolv.conf's default) for
// an answer that does not come.
const lookupTimeout = 3 * time.Second

// lookupVia looks addr up through lookupAddrVia and the server, for at
// most limit, and says how long it took.
func lookupVia(s *testServer, edns bool, addr string, limit time.Duration) ([]string, time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	names, err := lookupAddrVia(s.dial, edns)(ctx, addr)
	return names, time.Since(start), err
}

func TestWrapServerConnKeepsKind(t *testing.T) {
	s := startTestServer(t, func(dnstest.Query) (uint16, []dnstest.Record, bool) { return 0, nil, false })
	for _, network := range []string{"udp", "tcp"} {
		for _, strip := range []bool{false, true} {
			c, err := s.dial(context.Background(), network, "")
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			_, wasPacket := c.(net.PacketConn)
			_, isPacket := wrapServerConn(c, &exchange{}, strip).(net.PacketConn)
			if wasPacket != (network == "udp") || isPacket != wasPacket {
				t.Errorf("%s, stripOPT %v: a net.PacketConn before wrapping %v, after %v; want %v both",
					network, strip, wasPacket, isPacket, network == "udp")
			}
		}
	}
}

func TestLookupPlainQueryAnswered(t *testing.T) {
	// The server drops every query that carries an OPT record, as some
	// servers and middleboxes do.
	s := startTestServer(t, func(q dnstest.Query) (uint16, []dnstest.Record, bool) {
		return 0, ptrRecords("plain.example."), !q.OPT
	})
	names, took, err := lookupVia(s, false, "192.0.2.1", lookupTimeout)
	if err != nil || len(names) != 1 || names[0] != "plain.example." {
		t.Fatalf("lookup = %q, %v; want [plain.example.]", names, err)
	}
	if took > lookupTimeout/3 {
		t.Errorf("lookup took %v: it waited for an answer", took)
	}
	q := s.seen()
	if len(q) != 1 || q[0].Name != "1.2.0.192.in-addr.arpa" || q[0].OPT {
		t.Errorf("server saw %+v, want one plain query for 1.2.0.192.in-addr.arpa", q)
	}
	if n := s.malformed.Load(); n != 0 {
		t.Errorf("server got %d malformed messages", n)
	}
	// The server really is picky: with the OPT record kept, it never
	// answers.
	if names, _, err := lookupVia(s, true, "192.0.2.2", 300*time.Millisecond); err == nil {
		t.Errorf("lookup with EDNS(0) = %q, want a timeout from the picky server", names)
	}
}

func TestLookupKeepsOPTWhenAsked(t *testing.T) {
	s := startTestServer(t, func(dnstest.Query) (uint16, []dnstest.Record, bool) {
		return 0, ptrRecords("edns.example."), true
	})
	for _, edns := range []bool{true, false} {
		before := len(s.seen())
		names, _, err := lookupVia(s, edns, "192.0.2.3", lookupTimeout)
		if err != nil || len(names) != 1 || names[0] != "edns.example." {
			t.Fatalf("edns %v: lookup = %q, %v", edns, names, err)
		}
		q := s.seen()[before:]
		if len(q) != 1 || q[0].OPT != edns {
			t.Errorf("edns %v: server saw %+v, want one query with OPT %v", edns, q, edns)
		}
	}
}

func TestLookupTruncatedRetriesOverTCP(t *testing.T) {
	var many []string
	for i := range 30 {
		many = append(many, fmt.Sprintf("name-%02d.of-a-large-ptr-set.example.", i))
	}
	s := startTestServer(t, func(dnstest.Query) (uint16, []dnstest.Record, bool) {
		return 0, ptrRecords(many...), true
	})
	for _, edns := range []bool{false, true} {
		udp, tcp := s.udpQueries.Load(), s.tcpQueries.Load()
		before := len(s.seen())
		names, _, err := lookupVia(s, edns, "192.0.2.4", lookupTimeout)
		if err != nil || len(names) != 1 || names[0] != many[0] {
			t.Fatalf("edns %v: lookup = %q, %v; want [%s]", edns, names, err, many[0])
		}
		if s.udpQueries.Load()-udp != 1 || s.tcpQueries.Load()-tcp != 1 {
			t.Errorf("edns %v: %d UDP and %d TCP queries answered, want 1 each", edns,
				s.udpQueries.Load()-udp, s.tcpQueries.Load()-tcp)
		}
		for _, q := range s.seen()[before:] {
			if q.OPT != edns {
				t.Errorf("edns %v: a query carried OPT %v", edns, q.OPT)
			}
		}
	}
	if n := s.malformed.Load(); n != 0 {
		t.Errorf("server got %d malformed messages (a TCP length prefix not matching the message?)", n)
	}
}

func TestLookupRefusedWrapsECONNREFUSED(t *testing.T) {
	free, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := free.LocalAddr().String()
	free.Close() // nothing listens there now: queries are refused
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
	defer cancel()
	names, err := lookupAddrVia(dial, false)(ctx, "192.0.2.5")
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("lookup = %q, %v; want an error wrapping ECONNREFUSED", names, err)
	}
	var de *net.DNSError
	if !errors.As(err, &de) {
		t.Errorf("error %v does not keep Go's DNSError", err)
	}
}

// TestLookupFirstPTRAsGlibc checks which name a lookup returns from an
// answer, as glibc's DNS module picks it (see ptr.go; test/dns compares
// the same cases with net-tools).
func TestLookupFirstPTRAsGlibc(t *testing.T) {
	const owner = "6.2.0.192.in-addr.arpa."
	// compressed is "sub." followed by a pointer to the question's
	// "in-addr.arpa" (offset 12 + len("\x016\x012\x010\x03192")).
	compressed := append(dnstest.AppendName(nil, "sub")[:4], 0xc0, 12+2+2+2+4)
	cases := []struct {
		what    string
		rcode   uint16
		records []dnstest.Record
		want    string // "" for no name
	}{
		{"one", 0, ptrRecords("one.example."), "one.example."},
		{"first of several", 0, ptrRecords("first.example.", "second.example."), "first.example."},
		{"root", 0, ptrRecords("."), "."},
		{"all-numeric", 0, ptrRecords("1.2.3.4."), "1.2.3.4."},
		{"trailing dash", 0, ptrRecords("a-.b-.example."), "a-.b-.example."},
		{"dash starting a later label", 0, ptrRecords("a.-b.example."), "a.-b.example."},
		{"underscore and case", 0, ptrRecords("Under_Score.Example."), "Under_Score.Example."},
		{"dash starting the first label", 0, ptrRecords("-a.example."), ""},
		{"space", 0, ptrRecords("with space.example."), ""},
		{"bad, then good", 0, ptrRecords("bad*.example.", "good.example."), ""},
		{"good, then bad", 0, ptrRecords("good.example.", "bad*.example."), "good.example."},
		{"dot inside a label", 0, []dnstest.Record{{Type: dnstest.TypePTR, Rdata: []byte("\x05a.b.c\x07example\x00")}}, ""},
		{"compressed target", 0, []dnstest.Record{{Type: dnstest.TypePTR, Rdata: compressed}}, "sub.in-addr.arpa."},
		{"other owner skipped", 0, []dnstest.Record{
			{Owner: "9.9.9.9.in-addr.arpa.", Type: dnstest.TypePTR, Target: "wrong.example."},
			{Type: dnstest.TypePTR, Target: "right.example."},
		}, "right.example."},
		{"owner in other case", 0, []dnstest.Record{{Owner: strings.ToUpper(owner), Type: dnstest.TypePTR, Target: "upper.example."}}, "upper.example."},
		{"other class skipped", 0, []dnstest.Record{
			{Type: dnstest.TypePTR, Class: dnstest.ClassCH, Target: "chaos.example."},
			{Type: dnstest.TypePTR, Target: "internet.example."},
		}, "internet.example."},
		{"other type skipped", 0, []dnstest.Record{
			{Type: dnstest.TypeA, Rdata: []byte{192, 0, 2, 6}},
			{Type: dnstest.TypePTR, Target: "after-a.example."},
		}, "after-a.example."},
		{"CNAME chain", 0, []dnstest.Record{
			{Type: dnstest.TypeCNAME, Target: "6.0-25.2.0.192.in-addr.arpa."},
			{Owner: "6.0-25.2.0.192.in-addr.arpa.", Type: dnstest.TypePTR, Target: "delegated.example."},
		}, "delegated.example."},
		{"dangling CNAME", 0, []dnstest.Record{{Type: dnstest.TypeCNAME, Target: "nowhere.example."}}, ""},
		{"no records", 0, nil, ""},
		{"NXDOMAIN", dnstest.RcodeNXDomain, nil, ""},
		{"SERVFAIL", dnstest.RcodeServFail, ptrRecords("ignored.example."), ""},
	}
	for _, c := range cases {
		t.Run(c.what, func(t *testing.T) {
			s := startTestServer(t, func(q dnstest.Query) (uint16, []dnstest.Record, bool) {
				return c.rcode, c.records, true
			})
			names, _, err := lookupVia(s, false, "192.0.2.6", lookupTimeout)
			if c.want == "" {
				if err == nil || len(names) != 0 {
					t.Errorf("lookup = %q, %v; want no name and an error", names, err)
				}
				return
			}
			if err != nil || len(names) != 1 || names[0] != c.want {
				t.Errorf("lookup = %q, %v; want [%s]", names, err, c.want)
			}
		})
	}
}

// TestDNSNameKeepsRoot checks the last step, from the lookup's answer to
// the name netstat prints: the trailing dot goes, but the root stays ".".
func TestDNSNameKeepsRoot(t *testing.T) {
	s := startTestServer(t, func(q dnstest.Query) (uint16, []dnstest.Record, bool) {
		if strings.HasPrefix(q.Name, "7.") {
			return 0, ptrRecords("."), true
		}
		return 0, ptrRecords("host.example."), true
	})
	r := New(Config{Etc: t.TempDir(), LookupAddr: lookupAddrVia(s.dial, false), Timeout: lookupTimeout})
	for addr, want := range map[string]string{"192.0.2.7": ".", "192.0.2.8": "host.example"} {
		name, st := r.dnsName(netip.MustParseAddr(addr))
		if st != statusSuccess || name != want {
			t.Errorf("dnsName(%s) = %q, %v; want %q", addr, name, st, want)
		}
	}
}
