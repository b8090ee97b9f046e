package names

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// DNS wire format for the test server (RFC 1035, RFC 6891).
const (
	testTypeA      = 1
	testTypeCNAME  = 5
	testTypePTR    = 12
	testClassIN    = 1
	testClassCH    = 3
	testFlagTC     = 0x0200
	testRcodeNX    = 3
	testRcodeFail  = 2
	testPlainLimit = 512 // the largest UDP answer to a query without EDNS(0)
)

// wireName appends name (dotted, trailing dot optional) in wire form
// without compression; "." is the root.
func wireName(b []byte, name string) []byte {
	for _, label := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		if label != "" {
			b = append(b, byte(len(label)))
			b = append(b, label...)
		}
	}
	return append(b, 0)
}

// testQuery is a query as the test server parsed it.
type testQuery struct {
	id       uint16
	name     string // as sent, without the trailing dot
	question []byte // the question section, echoed in the answer
	opt      bool   // an EDNS(0) OPT record was attached
}

// parseTestQuery parses msg strictly: one question, at most one
// additional record, which must be OPT, and nothing after it. A datagram
// with DNS-over-TCP's length prefix fails here.
func parseTestQuery(msg []byte) (testQuery, error) {
	var q testQuery
	if len(msg) < 12 {
		return q, errors.New("shorter than a header")
	}
	q.id = binary.BigEndian.Uint16(msg)
	if flags := binary.BigEndian.Uint16(msg[2:]); flags&0xf800 != 0 {
		return q, fmt.Errorf("flags %#04x: not a query", flags)
	}
	counts := [4]uint16{}
	for i := range counts {
		counts[i] = binary.BigEndian.Uint16(msg[4+2*i:])
	}
	if counts[0] != 1 || counts[1] != 0 || counts[2] != 0 || counts[3] > 1 {
		return q, fmt.Errorf("counts %v: not a plain query", counts)
	}
	off := 12
	var labels []string
	for {
		if off >= len(msg) {
			return q, errors.New("name cut short")
		}
		n := int(msg[off])
		off++
		if n == 0 {
			break
		}
		if n > 63 || off+n > len(msg) {
			return q, errors.New("bad label")
		}
		labels = append(labels, string(msg[off:off+n]))
		off += n
	}
	q.name = strings.Join(labels, ".")
	if off+4 > len(msg) {
		return q, errors.New("question cut short")
	}
	off += 4
	q.question = msg[12:off]
	if counts[3] == 1 {
		if off+11 > len(msg) || msg[off] != 0 || binary.BigEndian.Uint16(msg[off+1:]) != typeOPT {
			return q, errors.New("the additional record is not OPT")
		}
		q.opt = true
		off += 11 + int(binary.BigEndian.Uint16(msg[off+9:]))
	}
	if off != len(msg) {
		return q, fmt.Errorf("%d bytes after the query", len(msg)-off)
	}
	return q, nil
}

// testRecord is one answer record; an empty owner is the question's name,
// written as a compression pointer, and rdata, when set, replaces the
// target's wire form.
type testRecord struct {
	owner  string
	rtype  uint16
	class  uint16 // 0 means IN
	target string
	rdata  []byte
}

// testAnswer builds the response to q with rcode and records; TC is set
// and the records left out when the message would exceed limit.
func testAnswer(q testQuery, rcode uint16, records []testRecord, limit int) []byte {
	build := func(flags uint16, records []testRecord) []byte {
		b := binary.BigEndian.AppendUint16(nil, q.id)
		b = binary.BigEndian.AppendUint16(b, flags)
		b = binary.BigEndian.AppendUint16(b, 1)
		b = binary.BigEndian.AppendUint16(b, uint16(len(records)))
		b = binary.BigEndian.AppendUint32(b, 0)
		b = append(b, q.question...)
		for _, r := range records {
			if r.owner == "" {
				b = append(b, 0xc0, 12)
			} else {
				b = wireName(b, r.owner)
			}
			class := r.class
			if class == 0 {
				class = testClassIN
			}
			b = binary.BigEndian.AppendUint16(b, r.rtype)
			b = binary.BigEndian.AppendUint16(b, class)
			b = binary.BigEndian.AppendUint32(b, 60)
			rdata := r.rdata
			if rdata == nil {
				rdata = wireName(nil, r.target)
			}
			b = binary.BigEndian.AppendUint16(b, uint16(len(rdata)))
			b = append(b, rdata...)
		}
		return b
	}
	flags := uint16(0x8000|0x0400|0x0100|0x0080) | rcode // QR AA RD RA
	msg := build(flags, records)
	if len(msg) > limit {
		msg = build(flags|testFlagTC, nil)
	}
	return msg
}

// testServer is a DNS server on random UDP and TCP ports of 127.0.0.1.
// handle returns the rcode and records answering a query, or false to
// stay silent; UDP answers are cut at 512 bytes with TC unless truncate
// is false and a TCP message must be exactly as long as its prefix says.
type testServer struct {
	udp    net.PacketConn
	tcp    net.Listener
	handle func(q testQuery) (rcode uint16, records []testRecord, answer bool)

	udpQueries, tcpQueries, malformed atomic.Int32

	mu      sync.Mutex
	queries []testQuery // every well-formed query, in order
}

// startTestServer starts a server; t.Cleanup stops it.
func startTestServer(t *testing.T, handle func(q testQuery) (uint16, []testRecord, bool)) *testServer {
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
	go s.serveUDP()
	go s.serveTCP()
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
func (s *testServer) seen() []testQuery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]testQuery(nil), s.queries...)
}

// reply returns the answer to msg, or false.
func (s *testServer) reply(msg []byte, limit int) ([]byte, bool) {
	q, err := parseTestQuery(msg)
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
	return testAnswer(q, rcode, records, limit), true
}

func (s *testServer) serveUDP() {
	buf := make([]byte, 65536)
	for {
		n, from, err := s.udp.ReadFrom(buf)
		if err != nil {
			return
		}
		if out, ok := s.reply(buf[:n], testPlainLimit); ok {
			s.udpQueries.Add(1)
			s.udp.WriteTo(out, from)
		}
	}
}

func (s *testServer) serveTCP() {
	for {
		c, err := s.tcp.Accept()
		if err != nil {
			return
		}
		go s.serveStream(c)
	}
}

// serveStream answers one length-prefixed query: the message must be as
// long as its prefix says, no shorter (the read times out) and no longer
// (bytes follow it).
func (s *testServer) serveStream(c net.Conn) {
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var prefix [2]byte
	if _, err := io.ReadFull(c, prefix[:]); err != nil {
		return
	}
	msg := make([]byte, binary.BigEndian.Uint16(prefix[:]))
	c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if _, err := io.ReadFull(c, msg); err != nil {
		s.malformed.Add(1)
		return
	}
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if n, _ := c.Read(make([]byte, 1)); n > 0 {
		s.malformed.Add(1)
		return
	}
	if out, ok := s.reply(msg, 65535); ok {
		s.tcpQueries.Add(1)
		c.Write(append(binary.BigEndian.AppendUint16(nil, uint16(len(out))), out...))
	}
}

// ptrRecords answers with one PTR record per name.
func ptrRecords(names ...string) []testRecord {
	var rs []testRecord
	for _, n := range names {
		rs = append(rs, testRecord{rtype: testTypePTR, target: n})
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
	s := startTestServer(t, func(testQuery) (uint16, []testRecord, bool) { return 0, nil, false })
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
	s := startTestServer(t, func(q testQuery) (uint16, []testRecord, bool) {
		return 0, ptrRecords("plain.example."), !q.opt
	})
	names, took, err := lookupVia(s, false, "192.0.2.1", lookupTimeout)
	if err != nil || len(names) != 1 || names[0] != "plain.example." {
		t.Fatalf("lookup = %q, %v; want [plain.example.]", names, err)
	}
	if took > lookupTimeout/3 {
		t.Errorf("lookup took %v: it waited for an answer", took)
	}
	q := s.seen()
	if len(q) != 1 || q[0].name != "1.2.0.192.in-addr.arpa" || q[0].opt {
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
	s := startTestServer(t, func(testQuery) (uint16, []testRecord, bool) {
		return 0, ptrRecords("edns.example."), true
	})
	for _, edns := range []bool{true, false} {
		before := len(s.seen())
		names, _, err := lookupVia(s, edns, "192.0.2.3", lookupTimeout)
		if err != nil || len(names) != 1 || names[0] != "edns.example." {
			t.Fatalf("edns %v: lookup = %q, %v", edns, names, err)
		}
		q := s.seen()[before:]
		if len(q) != 1 || q[0].opt != edns {
			t.Errorf("edns %v: server saw %+v, want one query with OPT %v", edns, q, edns)
		}
	}
}

func TestLookupTruncatedRetriesOverTCP(t *testing.T) {
	var many []string
	for i := range 30 {
		many = append(many, fmt.Sprintf("name-%02d.of-a-large-ptr-set.example.", i))
	}
	s := startTestServer(t, func(testQuery) (uint16, []testRecord, bool) {
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
			if q.opt != edns {
				t.Errorf("edns %v: a query carried OPT %v", edns, q.opt)
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
	compressed := append(wireName(nil, "sub")[:4], 0xc0, 12+2+2+2+4)
	cases := []struct {
		what    string
		rcode   uint16
		records []testRecord
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
		{"dot inside a label", 0, []testRecord{{rtype: testTypePTR, rdata: []byte("\x05a.b.c\x07example\x00")}}, ""},
		{"compressed target", 0, []testRecord{{rtype: testTypePTR, rdata: compressed}}, "sub.in-addr.arpa."},
		{"other owner skipped", 0, []testRecord{
			{owner: "9.9.9.9.in-addr.arpa.", rtype: testTypePTR, target: "wrong.example."},
			{rtype: testTypePTR, target: "right.example."},
		}, "right.example."},
		{"owner in other case", 0, []testRecord{{owner: strings.ToUpper(owner), rtype: testTypePTR, target: "upper.example."}}, "upper.example."},
		{"other class skipped", 0, []testRecord{
			{rtype: testTypePTR, class: testClassCH, target: "chaos.example."},
			{rtype: testTypePTR, target: "internet.example."},
		}, "internet.example."},
		{"other type skipped", 0, []testRecord{
			{rtype: testTypeA, rdata: []byte{192, 0, 2, 6}},
			{rtype: testTypePTR, target: "after-a.example."},
		}, "after-a.example."},
		{"CNAME chain", 0, []testRecord{
			{rtype: testTypeCNAME, target: "6.0-25.2.0.192.in-addr.arpa."},
			{owner: "6.0-25.2.0.192.in-addr.arpa.", rtype: testTypePTR, target: "delegated.example."},
		}, "delegated.example."},
		{"dangling CNAME", 0, []testRecord{{rtype: testTypeCNAME, target: "nowhere.example."}}, ""},
		{"no records", 0, nil, ""},
		{"NXDOMAIN", testRcodeNX, nil, ""},
		{"SERVFAIL", testRcodeFail, ptrRecords("ignored.example."), ""},
	}
	for _, c := range cases {
		t.Run(c.what, func(t *testing.T) {
			s := startTestServer(t, func(q testQuery) (uint16, []testRecord, bool) {
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
	s := startTestServer(t, func(q testQuery) (uint16, []testRecord, bool) {
		if strings.HasPrefix(q.name, "7.") {
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
