package jsonout

import (
	"io/fs"
	"net/netip"
	"strconv"

	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/groups"
	"github.com/gonetstat/netstat/internal/links"
	"github.com/gonetstat/netstat/internal/routes"
	"github.com/gonetstat/netstat/internal/sockets"
)

// tableKey names one Internet table of fakeSockets.
type tableKey struct {
	p    sockets.Protocol
	ipv6 bool
}

// fakeSockets serves socket records from memory, reusing one record per
// visit as the real readers do. A table absent from inet is missing.
type fakeSockets struct {
	inet  map[tableKey][]sockets.Socket
	unix  []sockets.UnixSocket
	eps   []sockets.SCTPEndpoint
	asocs []sockets.SCTPAssoc
}

func (f *fakeSockets) Inet(p sockets.Protocol, ipv6 bool, visit func(*sockets.Socket), bad func()) error {
	rows, ok := f.inet[tableKey{p, ipv6}]
	if !ok {
		return &fs.PathError{Op: "open", Path: "/proc/net/x", Err: fs.ErrNotExist}
	}
	var rec sockets.Socket
	for _, r := range rows {
		rec = r
		visit(&rec)
		rec = sockets.Socket{Protocol: 99} // the reader reuses its record
	}
	return nil
}

func (f *fakeSockets) Unix(visit func(*sockets.UnixSocket), bad func()) error {
	for i := range f.unix {
		u := f.unix[i]
		visit(&u)
	}
	return nil
}

func (f *fakeSockets) SCTPEndpoints(ipv6 bool, visit func(*sockets.SCTPEndpoint), bad func()) error {
	if ipv6 {
		return fs.ErrNotExist
	}
	for i := range f.eps {
		visit(&f.eps[i])
	}
	return nil
}

func (f *fakeSockets) SCTPAssocs(ipv6 bool, visit func(*sockets.SCTPAssoc), bad func()) error {
	if ipv6 {
		return fs.ErrNotExist
	}
	for i := range f.asocs {
		visit(&f.asocs[i])
	}
	return nil
}

func (f *fakeSockets) Legacy(sockets.LegacyFamily) error { return fs.ErrNotExist }

// fakeNames names 127.0.0.1 "localhost", port 22 "ssh", uid 0 "root".
type fakeNames struct{ hostCalls int }

func (n *fakeNames) Host(a netip.Addr) (string, bool) {
	n.hostCalls++
	if a == netip.MustParseAddr("127.0.0.1") {
		return "localhost", true
	}
	return "", false
}
func (n *fakeNames) Network(netip.Addr) (string, bool) { return "", false }
func (n *fakeNames) Service(port uint16, proto string) (string, bool) {
	if port == 22 {
		return "ssh", true
	}
	return "", false
}
func (n *fakeNames) User(uid uint32) (string, bool) {
	if uid == 0 {
		return "root", true
	}
	return "", false
}

func ap(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

// farm is a small socket table: a TCP listener, an established pair with
// a keepalive timer and tcp_info, a TCP6 listener, a UDP socket, SCTP and
// UNIX sockets.
func farm() *fakeSockets {
	return &fakeSockets{
		inet: map[tableKey][]sockets.Socket{
			{sockets.TCP, false}: {
				{Protocol: sockets.TCP, Local: ap("127.0.0.1:22"), Remote: ap("0.0.0.0:0"), State: sockets.Listen, Inode: 100},
				{Protocol: sockets.TCP, Local: ap("127.0.0.1:40000"), Remote: ap("127.0.0.1:22"), State: sockets.Established,
					RecvQ: 3, SendQ: 4, TimerKind: 2, TimerTicks: 712, UID: 1000, Inode: 101,
					Info: &sockets.TCPInfo{RTT: 1500000, SndCwnd: 10, Congestion: "cubic"}},
			},
			{sockets.TCP, true}: {
				{Protocol: sockets.TCP, IPv6Table: true, Local: ap("[::1]:8080"), Remote: ap("[::]:0"), State: sockets.Listen, Inode: 102},
			},
			{sockets.UDP, false}: {
				{Protocol: sockets.UDP, Local: ap("0.0.0.0:5353"), Remote: ap("0.0.0.0:0"), State: sockets.Close, Inode: 103},
			},
			{sockets.UDP, true}:      {},
			{sockets.UDPLite, false}: {},
			{sockets.Raw, false}:     {},
		},
		unix: []sockets.UnixSocket{
			{RefCount: 2, Flags: sockets.UnixAccept, Type: 1, State: 1, Inode: 200, Path: "/run/x.sock"},
			{RefCount: 3, Type: 2, State: 3, Inode: 201, Path: "bad\xffname\n"},
		},
		eps:   []sockets.SCTPEndpoint{{State: 10, LocalPort: 9, Inode: 300, Local: []netip.Addr{netip.MustParseAddr("127.0.0.1")}}},
		asocs: []sockets.SCTPAssoc{{State: 1, LocalPort: 9, RemotePort: 40001, Inode: 301, Local: []netip.Addr{netip.MustParseAddr("127.0.0.1")}, Remote: []netip.Addr{netip.MustParseAddr("127.0.0.1")}}},
	}
}

// fakeRoutes serves one table of each kind.
type fakeRoutes struct{}

func (fakeRoutes) FIB4() ([]routes.Route, error) {
	return []routes.Route{
		{Iface: "eth0", Dest: netip.MustParseAddr("0.0.0.0"), Gateway: netip.MustParseAddr("10.0.0.1"), Mask: netip.MustParseAddr("0.0.0.0"), Flags: routes.FlagUp | routes.FlagGateway},
		{Iface: "eth0", Dest: netip.MustParseAddr("10.0.0.0"), Gateway: netip.MustParseAddr("0.0.0.0"), Mask: netip.MustParseAddr("255.255.255.0"), Flags: routes.FlagUp, Metric: 100},
	}, nil
}
func (fakeRoutes) Cache4() (routes.Cache, error) { return routes.Cache{}, fs.ErrNotExist }
func (fakeRoutes) FIB6() ([]routes.Route6, error) {
	return []routes.Route6{{Dest: netip.MustParseAddr("::1"), PrefixLen: 128, NextHop: netip.MustParseAddr("::"), Flags: routes.FlagUp, Iface: "lo", Metric: -1}}, nil
}
func (fakeRoutes) Table(string) error { return fs.ErrNotExist }

// fakeLinks is lo (up) and eth1 (down).
type fakeLinks struct{}

func (fakeLinks) Devices() ([]links.Device, error) {
	return []links.Device{{Name: "lo", Stats: links.Stats{RxBytes: 10, TxBytes: 20}}, {Name: "eth1"}}, nil
}
func (fakeLinks) AddressNames() ([]string, error) { return []string{"lo"}, nil }
func (fakeLinks) Fetch(ifc *links.Interface) error {
	if ifc.Name == "lo" {
		ifc.Flags = links.FlagUp | links.FlagLoopback | links.FlagRunning
		ifc.Type, ifc.MTU, ifc.HWAddr = 772, 65536, make([]byte, 14)
		ifc.HasIPv4, ifc.Addr, ifc.Netmask = true, netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("255.0.0.0")
	}
	return nil
}
func (fakeLinks) IPv6Addresses() []links.IPv6Address {
	return []links.IPv6Address{{Device: "lo", Addr: netip.MustParseAddr("::1"), PrefixLen: 128, Scope: 0x10}}
}

// fakeStats has Ip, Tcp (with a negative MaxConn) and TcpExt sections.
type fakeStats struct{}

func (fakeStats) SNMP() ([]counters.Section, error) {
	return []counters.Section{
		{Name: "Ip", Counters: []counters.Counter{{Name: "Forwarding", Value: 1}}},
		{Name: "Tcp", Counters: []counters.Counter{{Name: "MaxConn", Value: ^uint64(0)}, {Name: "InSegs", Value: 42}}},
	}, nil
}
func (fakeStats) Netstat() ([]counters.Section, error) {
	return []counters.Section{{Name: "TcpExt", Counters: []counters.Counter{{Name: "TCPTimeouts", Value: 7}}}}, nil
}
func (fakeStats) SNMP6() ([]counters.Section, error) { return nil, fs.ErrNotExist }
func (fakeStats) SCTP() ([]counters.Counter, error)  { return nil, fs.ErrNotExist }

// fakeGroups has one IPv4 and one IPv6 membership.
type fakeGroups struct{}

func (fakeGroups) IPv4(visit func(*groups.Membership), bad func(bool, int)) error {
	visit(&groups.Membership{Interface: "lo        ", Users: 1, Group: netip.MustParseAddr("224.0.0.1")})
	return nil
}
func (fakeGroups) IPv6(visit func(*groups.Membership), bad func(bool, int)) error {
	visit(&groups.Membership{Interface: "lo", Users: 1, Group: netip.MustParseAddr("ff02::1")})
	return nil
}

// bigFarm is n established TCP sockets, generated as they are visited.
type bigFarm struct {
	fakeSockets
	n int
}

func (b *bigFarm) Inet(p sockets.Protocol, ipv6 bool, visit func(*sockets.Socket), bad func()) error {
	if p != sockets.TCP || ipv6 {
		return nil
	}
	var s sockets.Socket
	for i := range b.n {
		s = sockets.Socket{Protocol: sockets.TCP, State: sockets.Established, Inode: uint64(i),
			Local:  netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(i)),
			Remote: ap("127.0.0.1:" + strconv.Itoa(1+i%60000))}
		visit(&s)
	}
	return nil
}
