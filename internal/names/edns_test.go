package names

import (
	"bytes"
	"context"
	"encoding/binary"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/names/dnstest"
)

// emptyOPT is the OPT record Go's resolver appends: root owner, type 41,
// payload size 1232, no extended flags, no options.
var emptyOPT = []byte{0, 0, typeOPT, 0x04, 0xd0, 0, 0, 0, 0, 0, 0}

// handQuery builds a PTR query for name with additional records appended
// as they are (arcount says how many).
func handQuery(name string, arcount uint16, additional ...[]byte) []byte {
	b := []byte{0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0}
	b = binary.BigEndian.AppendUint16(b, arcount)
	b = dnstest.AppendName(b, name)
	b = binary.BigEndian.AppendUint16(b, dnstest.TypePTR)
	b = binary.BigEndian.AppendUint16(b, dnstest.ClassIN)
	for _, r := range additional {
		b = append(b, r...)
	}
	return b
}

// goQuery returns the bytes of a PTR query as Go's resolver sends it over
// UDP, caught by a server that does not answer.
func goQuery(t *testing.T) []byte {
	t.Helper()
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	r := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp4", pc.LocalAddr().String())
	}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.LookupAddr(ctx, "192.0.2.9")
	pc.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 1500)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		t.Fatalf("no query from Go's resolver: %v", err)
	}
	return buf[:n]
}

func TestWithoutOPTOnGoQuery(t *testing.T) {
	q := goQuery(t)
	if gq, err := dnstest.ParseQuery(q); err != nil || !gq.OPT {
		t.Fatalf("Go's query %x parses as %+v, %v; want one with an OPT record", q, gq, err)
	}
	keep := append([]byte(nil), q...)
	plain, ok := withoutOPT(q)
	if !ok {
		t.Fatalf("withoutOPT(%x) found no OPT record", q)
	}
	want := append([]byte(nil), q[:len(q)-optRecordLen]...)
	want[10], want[11] = 0, 0
	if !bytes.Equal(plain, want) {
		t.Errorf("withoutOPT(%x) = %x, want %x", q, plain, want)
	}
	if !bytes.Equal(q, keep) {
		t.Errorf("withoutOPT changed its input")
	}
	pq, err := dnstest.ParseQuery(plain)
	if err != nil || pq.OPT || pq.Name != "9.2.0.192.in-addr.arpa" {
		t.Errorf("the plain query parses as %+v, %v", pq, err)
	}
}

func TestWithoutOPT(t *testing.T) {
	const name = "1.2.0.192.in-addr.arpa"
	aRecord := append(dnstest.AppendName(nil, "ns.example"), 0, dnstest.TypeA, 0, dnstest.ClassIN, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1)
	cookieOPT := append(append([]byte(nil), emptyOPT[:9]...), 0, 12, 0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8)
	otherRoot := append([]byte(nil), emptyOPT...)
	otherRoot[2] = dnstest.TypeA // a root-owned record of another type, as long as an OPT
	cases := []struct {
		what string
		msg  []byte
		want []byte // nil: no OPT record to remove
	}{
		{"OPT", handQuery(name, 1, emptyOPT), handQuery(name, 0)},
		{"no additional record", handQuery(name, 0), nil},
		{"another additional record", handQuery(name, 1, aRecord), nil},
		{"OPT after another record", handQuery(name, 2, aRecord, emptyOPT), nil},
		{"OPT with an option", handQuery(name, 1, cookieOPT), nil},
		{"root-owned record of another type", handQuery(name, 1, otherRoot), nil},
		{"counts say no additional record", handQuery(name, 0, emptyOPT), nil},
		{"empty", nil, nil},
		{"header only", handQuery(name, 1)[:12], nil},
		{"one byte short of header and OPT", make([]byte, 12+optRecordLen-1), nil},
	}
	for _, c := range cases {
		got, ok := withoutOPT(c.msg)
		if ok != (c.want != nil) || !bytes.Equal(got, c.want) {
			t.Errorf("%s: withoutOPT(%x) = %x, %v; want %x, %v", c.what, c.msg, got, ok, c.want, c.want != nil)
		}
	}
}

// TestWantsEDNS follows glibc 2.36's reading of resolv.conf and
// RES_OPTIONS (test/dns checks the same cases against the reference).
func TestWantsEDNS(t *testing.T) {
	cases := []struct {
		conf, resOptions string
		want             bool
	}{
		{"", "", false},
		{"nameserver 127.0.0.1\n", "", false},
		{"options edns0\n", "", true},
		{"options ndots:2 edns0 timeout:1\n", "", true},
		{"options ndots:2\noptions edns0\n", "", true},
		{"options edns0\noptions ndots:2\n", "", true},
		{"options edns0", "", true}, // no final newline
		{"options\tedns0\n", "", true},
		{"options edns0\r\n", "", true},
		{"options edns0x\n", "", true}, // options match by prefix
		{"options edns0:1\n", "", true},
		{"options ndots:1 # edns0\n", "", true}, // no comments after options
		{"# options edns0\n", "", false},
		{"; options edns0\n", "", false},
		{" options edns0\n", "", false}, // "options" must start the line
		{"\toptions edns0\n", "", false},
		{"options xedns0\n", "", false},
		{"options edns\n", "", false},
		{"Options edns0\n", "", false},
		{"optionsedns0\n", "", false},
		{"options\n", "", false},
		{"options ndots:1\vedns0\n", "", false}, // only spaces and tabs separate
		{"search edns0\n", "", false},
		{"", "edns0", true},
		{"", "ndots:1 edns0", true},
		{"", " edns0 ", true},
		{"", "edns0x", true},
		{"", "ndots:1", false},
		{"options ndots:1\n", "edns0", true},
		{"options edns0\n", "ndots:1", true},
	}
	for _, c := range cases {
		if got := wantsEDNS(strings.NewReader(c.conf), c.resOptions); got != c.want {
			t.Errorf("wantsEDNS(%q, RES_OPTIONS %q) = %v, want %v", c.conf, c.resOptions, got, c.want)
		}
	}
	if wantsEDNS(nil, "") || !wantsEDNS(nil, "edns0") {
		t.Error("without resolv.conf, only RES_OPTIONS decides")
	}
}
