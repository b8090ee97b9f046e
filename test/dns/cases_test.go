package dns

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gonetstat/netstat/internal/names/dnstest"
)

// host is one address of the lab and what DNS says about it.
type host struct {
	addr   netip.Addr
	answer answer
}

// longName is longer than the 23 columns of the socket listing's address
// field and the 15 of the route table's.
const longName = "a-host-name-longer-than-the-column.example.test."

// overlongName is longer than the 127 bytes netstat keeps of a name:
// net-tools cuts it for IPv4, and getnameinfo fails for IPv6 (the number
// is shown).
var overlongName = strings.Repeat("x", 60) + "." + strings.Repeat("y", 60) + "." + strings.Repeat("z", 30) + ".test."

// manyNames is a PTR set too large for a 512-byte UDP answer: the server
// sets TC and the resolver asks again over TCP.
func manyNames() answer {
	var names []string
	for i := range 24 {
		names = append(names, fmt.Sprintf("name-%02d-of-a-large-ptr-set.test.", i))
	}
	return ptr(names...)
}

// Lab addresses. IPv4 10.53.0.0/24 and IPv6 fd53::/64 are on dns0, one end
// of a veth pair inside the namespace; 10.53.0.1 and fd53::1 listen.
var (
	server4  = netip.MustParseAddr("10.53.0.1")
	server6  = netip.MustParseAddr("fd53::1")
	silent4  = netip.MustParseAddr("10.53.0.9") // the one address DNS never answers
	group4   = netip.MustParseAddr("239.53.0.1")
	group6   = netip.MustParseAddr("ff15::53")
	allNodes = netip.MustParseAddr("224.0.0.1")
)

// peers4 are the IPv4 addresses that connect to server4, one case of DNS
// each. The comments say what net-tools 2.10 with glibc 2.36 prints.
var peers4 = []host{
	{netip.MustParseAddr("10.53.0.2"), ptr("alpha.test.")},
	// Cut to the column.
	{netip.MustParseAddr("10.53.0.3"), ptr(longName)},
	// The first name.
	{netip.MustParseAddr("10.53.0.4"), ptr("first.multi.test.", "second.multi.test.", "third.multi.test.")},
	// The number, for both.
	{netip.MustParseAddr("10.53.0.5"), answer{rcode: dnstest.RcodeNXDomain}},
	{netip.MustParseAddr("10.53.0.6"), answer{rcode: dnstest.RcodeServFail}},
	// ".", the root's name.
	{netip.MustParseAddr("10.53.0.8"), ptr(".")},
	// RFC 2317 delegation: the PTR at the end of the CNAME.
	{netip.MustParseAddr("10.53.0.10"), answer{records: []dnstest.Record{
		{Type: dnstest.TypeCNAME, Target: "10.0-25.53.0.10.in-addr.arpa."},
		{Owner: "10.0-25.53.0.10.in-addr.arpa.", Type: dnstest.TypePTR, Target: "delegated.test."},
	}}},
	{netip.MustParseAddr("10.53.0.11"), ptr("under_score.test.")},
	// NOERROR without records: the number.
	{netip.MustParseAddr("10.53.0.12"), answer{}},
	// Its first 127 bytes, cut to the column.
	{netip.MustParseAddr("10.53.0.13"), ptr(overlongName)},
	// Not host names: the number.
	{netip.MustParseAddr("10.53.0.14"), ptr("with space.test.")},
	{netip.MustParseAddr("10.53.0.15"), ptr("-leading-dash.test.")},
	{netip.MustParseAddr("10.53.0.16"), ptr("star*.test.")},
	{netip.MustParseAddr("10.53.0.21"), ptr("slash/name.test.")},
	// As it is.
	{netip.MustParseAddr("10.53.0.17"), ptr("Mixed.CASE.Test.")},
	// Only the first PTR counts: the number, then good.test.
	{netip.MustParseAddr("10.53.0.18"), ptr("bad name.test.", "good.test.")},
	{netip.MustParseAddr("10.53.0.22"), ptr("good.test.", "bad name.test.")},
	// Host names for glibc, though Go's resolver rejects them.
	{netip.MustParseAddr("10.53.0.19"), ptr("1.2.3.4.")},
	{netip.MustParseAddr("10.53.0.20"), ptr("trailing-dash-.test.")},
	{netip.MustParseAddr("10.53.0.23"), ptr("a.-b.test.")}, // only the first label may not start with '-'
	{netip.MustParseAddr("10.53.0.26"), ptr("a-.b-.test-.")},
	// right-owner.test: a PTR record of another owner is skipped.
	{netip.MustParseAddr("10.53.0.24"), answer{records: []dnstest.Record{
		{Owner: "99.0.53.10.in-addr.arpa.", Type: dnstest.TypePTR, Target: "wrong-owner.test."},
		{Type: dnstest.TypePTR, Target: "right-owner.test."},
	}}},
	// A CNAME to nowhere: the number.
	{netip.MustParseAddr("10.53.0.25"), answer{records: []dnstest.Record{
		{Type: dnstest.TypeCNAME, Target: "dangling.test."},
	}}},
	// internet.test: a record of another class is skipped.
	{netip.MustParseAddr("10.53.0.27"), answer{records: []dnstest.Record{
		{Type: dnstest.TypePTR, Class: dnstest.ClassCH, Target: "chaos.test."},
		{Type: dnstest.TypePTR, Target: "internet.test."},
	}}},
	// after-a.test: a record of another type is skipped.
	{netip.MustParseAddr("10.53.0.28"), answer{records: []dnstest.Record{
		{Type: dnstest.TypeA, Rdata: []byte{10, 53, 0, 28}},
		{Type: dnstest.TypePTR, Target: "after-a.test."},
	}}},
	// upper.test: owners match in any case.
	{netip.MustParseAddr("10.53.0.29"), answer{records: []dnstest.Record{
		{Owner: "29.0.53.10.IN-ADDR.ARPA.", Type: dnstest.TypePTR, Target: "upper.test."},
	}}},
	// A dot inside a label: the number.
	{netip.MustParseAddr("10.53.0.30"), answer{records: []dnstest.Record{
		{Type: dnstest.TypePTR, Rdata: []byte("\x05a.b.c\x04test\x00")},
	}}},
	// sub.in-addr.arpa: "sub" and a pointer to the question's
	// "in-addr.arpa", after "\x0231\x010\x0253\x0210".
	{netip.MustParseAddr("10.53.0.31"), answer{records: []dnstest.Record{
		{Type: dnstest.TypePTR, Rdata: []byte{3, 's', 'u', 'b', 0xc0, dnstest.HeaderLen + 3 + 2 + 3 + 3}},
	}}},
}

// tcpOnly4 needs TCP: it has no IPv4 socket and is shown only v4-mapped
// and as a gateway. net-tools resolves names while it reads
// /proc/net/tcp, one buffer at a time, so an IPv4 row needing TCP could
// let it list its own short-lived TCP connection to the server (and ours
// would not); IPv6 rows come from /proc/net/tcp6, read after it.
var tcpOnly4 = host{netip.MustParseAddr("10.53.0.7"), manyNames()}

// peers6 are the IPv6 addresses that connect to server6.
var peers6 = []host{
	{netip.MustParseAddr("fd53::2"), ptr("alpha6.test.")},
	{netip.MustParseAddr("fd53::3"), ptr(longName)},
	{netip.MustParseAddr("fd53::4"), answer{rcode: dnstest.RcodeNXDomain}},
	{netip.MustParseAddr("fd53::5"), ptr(overlongName)}, // the number
	{netip.MustParseAddr("fd53::6"), ptr("first6.multi.test.", "second6.multi.test.")},
	{netip.MustParseAddr("fd53::7"), manyNames()},
	{netip.MustParseAddr("fd53::8"), ptr(".")},
	{netip.MustParseAddr("fd53::9"), ptr("with space.test.")},
	{netip.MustParseAddr("fd53::a"), ptr("bad name.test.", "good.test.")},
	{netip.MustParseAddr("fd53::b"), ptr("1.2.3.4.")},
	{netip.MustParseAddr("fd53::c"), ptr("good.test.", "bad name.test.")},
}

// mappedPeers connect v4-mapped, over IPv6 sockets, to the dual-stack
// listener; the resolvers ask in-addr.arpa for them.
var mappedPeers = []netip.Addr{peers4[0].addr, peers4[1].addr, peers4[2].addr, tcpOnly4.addr}

// gateways6 are IPv6 next hops on dns0's link. Unlike IPv4, the kernel
// refuses a local address as an IPv6 gateway, so these are not the
// peers.
var gateways6 = []host{
	{netip.MustParseAddr("fd53::102"), ptr("gateway6.test.")},
	{netip.MustParseAddr("fd53::103"), ptr(longName)},
	{netip.MustParseAddr("fd53::104"), answer{rcode: dnstest.RcodeNXDomain}},
	{netip.MustParseAddr("fd53::105"), ptr(overlongName)},
	{netip.MustParseAddr("fd53::106"), ptr("first6.multi.test.", "second6.multi.test.")},
	{netip.MustParseAddr("fd53::107"), manyNames()},
}

// gateways4 are the IPv4 next hops: every IPv4 peer, local addresses
// (which IPv4 allows).
func gateways4() []host { return append(append([]host(nil), peers4...), tcpOnly4) }

// The route table's extra entries: a host route to routeDest(i) through
// each IPv4 gateway, a network route, and a route to routeDest6(i)
// through each IPv6 gateway (a host route for the first).
var (
	routeDest       = func(i int) netip.Addr { return netip.AddrFrom4([4]byte{198, 51, 100, byte(i + 1)}) }
	routeDest6      = func(i int) netip.Addr { return netip.AddrFrom16([16]byte{0: 0xfd, 1: 0x53, 3: byte(i + 1), 15: 7}) }
	namedRouteDest  = routeDest(0)
	namedRouteDest6 = routeDest6(0)
	routeNetwork    = "198.51.101.0/24"
)

// Ports of the lab's listeners; neither has a name in common services
// files.
const (
	port4    = 47113
	portDual = 47114
)

// dnsTable is the server's table for every lab address.
func dnsTable() map[string]answer {
	t := map[string]answer{
		dnstest.ReverseName(server4):         ptr("server.test."),
		dnstest.ReverseName(server6):         ptr("server6.test."),
		dnstest.ReverseName(silent4):         {silent: true},
		dnstest.ReverseName(group4):          ptr("group.test."),
		dnstest.ReverseName(group6):          ptr("group6.test."),
		dnstest.ReverseName(allNodes):        ptr("all-systems.mcast.net."),
		dnstest.ReverseName(namedRouteDest):  ptr("dest.test."),
		dnstest.ReverseName(namedRouteDest6): ptr("dest6.test."),
	}
	for _, h := range append(append(gateways4(), peers6...), gateways6...) {
		t[dnstest.ReverseName(h.addr)] = h.answer
	}
	return t
}
