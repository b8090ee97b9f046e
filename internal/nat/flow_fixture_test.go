package nat

import (
	"net/netip"
	"strconv"
	"time"
)

// ap is netip.MustParseAddrPort.
func ap(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

// fixtureFlows is a small table with every kind of row the layouts know:
// masqueraded TCP and UDP, a port forward, both at once, an untranslated
// IPv6 flow, ICMP echo with a translated id, GRE, and counters.
func fixtureFlows() []Flow {
	return []Flow{
		{ // masquerade: the answers go back to the router's address
			Protocol: ProtoTCP,
			Original: Tuple{Src: ap("10.0.1.2:45678"), Dst: ap("192.0.2.10:80")},
			Reply:    Tuple{Src: ap("192.0.2.10:80"), Dst: ap("198.51.100.1:45678")},
			TCPState: ctTCPEstablished, Status: StatusSeenReply | StatusAssured | StatusConfirmed | StatusSrcNAT,
			Timeout: 431999 * time.Second, Counted: true,
			OriginalCount: Count{Packets: 6, Bytes: 412}, ReplyCount: Count{Packets: 4, Bytes: 5120},
		},
		{ // port forward 198.51.100.1:8080 -> 10.0.1.5:80
			Protocol: ProtoTCP,
			Original: Tuple{Src: ap("203.0.113.7:50000"), Dst: ap("198.51.100.1:8080")},
			Reply:    Tuple{Src: ap("10.0.1.5:80"), Dst: ap("203.0.113.7:50000")},
			TCPState: ctTCPSynSent, Status: StatusConfirmed | StatusDstNAT,
			Timeout: 118 * time.Second, Mark: 0x2a, Zone: 3,
		},
		{ // port forward and masquerade together
			Protocol: ProtoUDP,
			Original: Tuple{Src: ap("10.0.1.2:5353"), Dst: ap("10.0.1.1:53")},
			Reply:    Tuple{Src: ap("10.0.2.2:5353"), Dst: ap("10.0.2.1:61000")},
			Status:   StatusSeenReply | StatusConfirmed | StatusSrcNAT | StatusDstNAT,
			Timeout:  29 * time.Second,
		},
		{ // ICMP echo; masquerade changed the id
			Protocol: ProtoICMP,
			Original: Tuple{Src: ap("10.0.1.2:0"), Dst: ap("192.0.2.10:0"), ICMP: ICMP{Type: 8, ID: 77}},
			Reply:    Tuple{Src: ap("192.0.2.10:0"), Dst: ap("10.0.1.2:0"), ICMP: ICMP{Type: 0, ID: 78}},
			Status:   StatusConfirmed | StatusSrcNAT,
			Timeout:  30 * time.Second,
		},
		{ // GRE, not translated, never answered
			Protocol: ProtoGRE,
			Original: Tuple{Src: ap("10.0.1.2:0"), Dst: ap("10.0.1.9:0")},
			Reply:    Tuple{Src: ap("10.0.1.9:0"), Dst: ap("10.0.1.2:0")},
			Status:   StatusConfirmed,
			Timeout:  17 * time.Second,
		},
		{ // IPv6, untranslated, with a long address
			Protocol: ProtoTCP,
			Original: Tuple{Src: ap("[2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:40000"), Dst: ap("[2001:db8::80]:443")},
			Reply:    Tuple{Src: ap("[2001:db8::80]:443"), Dst: ap("[2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:40000")},
			TCPState: ctTCPTimeWait, Status: StatusSeenReply | StatusAssured | StatusConfirmed,
			Timeout: 95 * time.Second,
		},
		{ // ICMPv6 echo, assured
			Protocol: ProtoICMPv6,
			Original: Tuple{Src: ap("[fd00:1::2]:0"), Dst: ap("[fd00:2::2]:0"), ICMP: ICMP{Type: 128, ID: 9}},
			Reply:    Tuple{Src: ap("[fd00:2::2]:0"), Dst: ap("[fd00:2::1]:0"), ICMP: ICMP{Type: 129, ID: 9}},
			Status:   StatusSeenReply | StatusAssured | StatusConfirmed | StatusSrcNAT,
			Timeout:  29 * time.Second,
		},
	}
}

// fakeNames knows a few hosts and services and counts prefetched
// addresses.
type fakeNames struct {
	prefetched []netip.Addr
}

var fakeHosts = map[netip.Addr]string{
	netip.MustParseAddr("192.0.2.10"):   "www.example.net",
	netip.MustParseAddr("10.0.1.2"):     "laptop",
	netip.MustParseAddr("2001:db8::80"): "v6.example.net",
	netip.MustParseAddr("203.0.113.7"):  "a-rather-long-client-name.example.org",
}

var fakeServices = map[string]string{
	"tcp/80": "http", "tcp/443": "https", "tcp/8080": "http-alt", "udp/53": "domain", "udp/5353": "mdns",
}

func (n *fakeNames) Host(a netip.Addr) (string, bool) { s, ok := fakeHosts[a]; return s, ok }

func (n *fakeNames) Network(netip.Addr) (string, bool) { return "", false }

func (n *fakeNames) Service(port uint16, proto string) (string, bool) {
	s, ok := fakeServices[proto+"/"+strconv.Itoa(int(port))]
	return s, ok
}

func (n *fakeNames) Prefetch(addrs []netip.Addr) { n.prefetched = append(n.prefetched, addrs...) }
