package sockdiag

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
	"golang.org/x/sys/unix"
)

func TestBytecodeGolden(t *testing.T) {
	ne := func(v uint16) []byte { return binary.NativeEndian.AppendUint16(nil, v) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	for _, c := range []struct {
		name string
		m    Match
		eq   bool
		want []byte
	}{
		{"empty", Match{}, true, nil},
		{"every port", Match{Ports: []PortRange{{0, 100}, {90, 0xffff}}}, true, nil},
		{"only empty ranges", Match{LocalPorts: []PortRange{{5, 4}}}, true, nil},
		{"dport 80", Match{RemotePorts: []PortRange{{80, 80}}}, true,
			// D_EQ 80, yes 8 (end: keep), no 12 (past the end: drop)
			cat([]byte{bcDEQ, 8}, ne(12), []byte{0, 0}, ne(80))},
		{"dport 80 without EQ", Match{RemotePorts: []PortRange{{80, 80}}}, false,
			cat([]byte{bcDGE, 8}, ne(20), []byte{0, 0}, ne(80),
				[]byte{bcDLE, 8}, ne(12), []byte{0, 0}, ne(80))},
		{"sport 0-1023 or 8080", Match{LocalPorts: []PortRange{{8080, 8080}, {0, 1023}}}, true,
			cat([]byte{bcSLE, 8}, ne(12), []byte{0, 0}, ne(1023), // no: the next atom
				[]byte{bcJmp, 4}, ne(12), // past the clause: keep
				[]byte{bcSEQ, 8}, ne(12), []byte{0, 0}, ne(8080))},
		{"addr 10.0.0.0/8", Match{Prefixes: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/8")}}, true,
			cat([]byte{bcSCond, 16}, ne(20), []byte{unix.AF_INET, 8, 0, 0, 0xff, 0xff, 0xff, 0xff, 10, 0, 0, 0},
				[]byte{bcJmp, 4}, ne(20),
				[]byte{bcDCond, 16}, ne(20), []byte{unix.AF_INET, 8, 0, 0, 0xff, 0xff, 0xff, 0xff, 10, 0, 0, 0})},
	} {
		got := c.m.compile(c.eq)
		if !bytes.Equal(got, c.want) {
			t.Errorf("%s:\ngot  % x\nwant % x", c.name, got, c.want)
		}
		if got != nil {
			checkLayout(t, got)
		}
	}
}

// sock is a row for the model tests.
func sock(local, remote string) *sockets.Socket {
	return &sockets.Socket{Protocol: sockets.TCP, State: sockets.Established,
		Local: netip.MustParseAddrPort(local), Remote: netip.MustParseAddrPort(remote)}
}

func TestBytecodeAddressFamilies(t *testing.T) {
	for _, c := range []struct {
		prefix string
		s      *sockets.Socket
		keep   bool
	}{
		{"10.0.0.0/8", sock("10.0.0.1:22", "192.168.1.1:5000"), true},
		{"10.0.0.0/8", sock("[::ffff:10.0.0.1]:22", "[::ffff:192.168.1.1]:5000"), true},
		{"10.0.0.0/8", sock("[::ffff:192.168.1.1]:22", "[::ffff:10.9.9.9]:5000"), true},
		{"10.0.0.0/8", sock("[::10.0.0.1]:22", "[::]:0"), false}, // IPv4-compatible is not mapped
		{"::ffff:10.0.0.0/104", sock("10.0.0.1:22", "0.0.0.0:0"), true},
		{"::ffff:10.0.0.0/104", sock("[::ffff:10.0.0.1]:22", "[::]:0"), true},
		{"::ffff:10.0.0.1", sock("0.0.0.0:22", "10.0.0.1:4000"), true},
		{"0.0.0.0/0", sock("[::ffff:1.2.3.4]:1", "[::]:0"), true},
		{"0.0.0.0/0", sock("[::1]:1", "[::]:0"), false},
		{"fd00::/8", sock("10.0.0.1:22", "0.0.0.0:0"), false},
		{"fd00::/8", sock("[fd00::5]:22", "[::]:0"), true},
		{"::/0", sock("10.0.0.1:22", "0.0.0.0:0"), false},
		{"::/0", sock("[::ffff:10.0.0.1]:22", "[::]:0"), true}, // more than the filter: allowed
	} {
		m := Match{Prefixes: []netip.Prefix{mustPrefix(c.prefix)}}
		prog := m.compile(true)
		checkLayout(t, prog)
		if got := bcRun(prog, entryOf(c.s)); got != c.keep {
			t.Errorf("--addr=%s %v -> %v: kernel keeps %v, want %v", c.prefix, c.s.Local, c.s.Remote, got, c.keep)
		}
	}
}

// mustPrefix parses a prefix or a single address.
func mustPrefix(s string) netip.Prefix {
	if strings.Contains(s, "/") {
		return netip.MustParsePrefix(s)
	}
	a := netip.MustParseAddr(s)
	return netip.PrefixFrom(a, a.BitLen())
}

// matchOf is the Match of a filter, as socketSource builds it.
func matchOf(spec *filter.Spec) Match {
	ports := func(l []filter.PortRange) []PortRange {
		var out []PortRange
		for _, r := range l {
			out = append(out, PortRange{r.Lo, r.Hi})
		}
		return out
	}
	return Match{Ports: ports(spec.Ports()), LocalPorts: ports(spec.LocalPorts()),
		RemotePorts: ports(spec.RemotePorts()), Prefixes: spec.Prefixes()}
}

// mappedZero is the first IPv4-mapped address: an IPv6 prefix holding it
// overlaps ::ffff:0:0/96, where the kernel keeps more than the filter.
var mappedZero = netip.MustParseAddr("::ffff:0.0.0.0")

// overlapsMapped reports whether the kernel may keep rows the filter drops
// for these prefixes.
func overlapsMapped(ps []netip.Prefix) bool {
	for _, p := range ps {
		if p.Addr().Is6() && p.Contains(mappedZero) {
			return true
		}
	}
	return false
}

var (
	testPorts = []uint16{0, 1, 21, 22, 23, 79, 80, 81, 443, 1023, 1024, 8000, 8080, 32768, 60999, 65534, 65535}
	testAddrs = []string{"0.0.0.0", "127.0.0.1", "127.0.0.2", "10.0.0.1", "10.1.2.3", "192.168.1.20", "8.8.8.8",
		"::", "::1", "fd00::1", "fd00:1::2", "fe80::1", "2001:db8::5", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
		"::ffff:192.168.1.20", "::ffff:0.0.0.0", "::10.0.0.1", "::ffff:8.8.8.8"}
	testPrefixes = []string{"10.0.0.0/8", "10.0.0.1", "127.0.0.0/8", "0.0.0.0/0", "0.0.0.0", "192.168.1.0/24",
		"::1", "::/0", "fd00::/8", "fd00::1/128", "::ffff:10.0.0.0/104", "::ffff:127.0.0.1", "::ffff:0:0/96",
		"::ffff:0:0/95", "::/80", "::10.0.0.1", "::/1", "fe80::/10", "::", "10.0.0.0/31", "8.0.0.0/7"}
)

// randPort is a port of interest or any port.
func randPort(rng *rand.Rand) uint16 {
	if rng.IntN(4) == 0 {
		return uint16(rng.IntN(65536))
	}
	return testPorts[rng.IntN(len(testPorts))]
}

// randAddr is an address of the family of v6 (mapped ones included).
func randAddr(rng *rand.Rand, v6 bool) netip.Addr {
	for {
		a := netip.MustParseAddr(testAddrs[rng.IntN(len(testAddrs))])
		if rng.IntN(5) == 0 {
			b := a.As16()
			b[15] ^= byte(rng.IntN(256))
			b[rng.IntN(16)] ^= byte(1 << rng.IntN(8))
			a = netip.AddrFrom16(b)
			if a.Is4In6() && rng.IntN(2) == 0 {
				a = a.Unmap()
			}
		}
		if a.Is4() != v6 {
			return a
		}
	}
}

// randSocket is a row of any protocol and state, TIME_WAIT and SYN_RECV
// included.
func randSocket(rng *rand.Rand) *sockets.Socket {
	v6 := rng.IntN(2) == 0
	return &sockets.Socket{
		Protocol:  []sockets.Protocol{sockets.TCP, sockets.UDP, sockets.UDPLite}[rng.IntN(3)],
		IPv6Table: v6,
		State:     uint8(1 + rng.IntN(11)),
		Local:     netip.AddrPortFrom(randAddr(rng, v6), randPort(rng)),
		Remote:    netip.AddrPortFrom(randAddr(rng, v6), randPort(rng)),
	}
}

// randPortList is a --port value.
func randPortList(rng *rand.Rand) string {
	var items []string
	for range 1 + rng.IntN(3) {
		a, b := randPort(rng), randPort(rng)
		switch {
		case rng.IntN(2) == 0:
			items = append(items, strconv.Itoa(int(a)))
		case a <= b:
			items = append(items, fmt.Sprintf("%d-%d", a, b))
		default:
			items = append(items, fmt.Sprintf("%d-%d", b, a))
		}
	}
	return strings.Join(items, ",")
}

// randPrefixList is an --addr value.
func randPrefixList(rng *rand.Rand) string {
	var items []string
	for range 1 + rng.IntN(3) {
		if rng.IntN(3) == 0 {
			a := randAddr(rng, rng.IntN(2) == 0)
			items = append(items, netip.PrefixFrom(a, rng.IntN(a.BitLen()+1)).String())
			continue
		}
		items = append(items, testPrefixes[rng.IntN(len(testPrefixes))])
	}
	return strings.Join(items, ",")
}

// randFilters is a random set of port and address options.
func randFilters(rng *rand.Rand) cli.Filters {
	var f cli.Filters
	for !f.Any() {
		if rng.IntN(3) == 0 {
			f.Port = randPortList(rng)
		}
		if rng.IntN(3) == 0 {
			f.SPort = randPortList(rng)
		}
		if rng.IntN(3) == 0 {
			f.DPort = randPortList(rng)
		}
		if rng.IntN(2) == 0 {
			f.Addr = randPrefixList(rng)
		}
	}
	return f
}

// TestBytecodeKeepsFilterRows runs the programs of random filters over
// random sockets in the kernel model: no socket the filter keeps may be
// dropped, and without IPv6 prefixes over the IPv4-mapped range the
// kernel keeps exactly what the filter keeps.
func TestBytecodeKeepsFilterRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	filters, socks := 3000, 300
	if testing.Short() {
		filters = 300
	}
	kept, extra := 0, 0
	for range filters {
		f := randFilters(rng)
		spec, err := filter.ParseWith(f, nil)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		m := matchOf(spec)
		exact := !overlapsMapped(spec.Prefixes())
		for _, eq := range []bool{true, false} {
			prog := m.compile(eq)
			if prog == nil {
				continue
			}
			checkLayout(t, prog)
			for range socks {
				s := randSocket(rng)
				want := spec.Inet(s, owners.Owner{}, false)
				got := bcRun(prog, entryOf(s))
				if want && !got {
					t.Fatalf("filter %+v (eq %v) keeps %v -> %v, the program drops it\n% x", f, eq, s.Local, s.Remote, prog)
				}
				if got && !want {
					extra++
					if exact {
						t.Fatalf("filter %+v (eq %v) drops %v -> %v, the program keeps it\n% x", f, eq, s.Local, s.Remote, prog)
					}
				}
				if want {
					kept++
				}
			}
		}
	}
	t.Logf("%d rows kept by both, %d more by the program (IPv6 prefixes over mapped addresses)", kept, extra)
	if kept == 0 {
		t.Fatal("no random socket matched: the test tests nothing")
	}
}

// refMatch is Match's meaning written plainly, as internal/filter
// applies it.
func refMatch(m *Match, s *sockets.Socket) bool {
	in := func(l []PortRange, p uint16) bool {
		return slices.ContainsFunc(l, func(r PortRange) bool { return r.Lo <= p && p <= r.Hi })
	}
	lp, rp := s.Local.Port(), s.Remote.Port()
	if len(m.Ports) > 0 && !in(m.Ports, lp) && !in(m.Ports, rp) {
		return false
	}
	if len(m.LocalPorts) > 0 && !in(m.LocalPorts, lp) {
		return false
	}
	if len(m.RemotePorts) > 0 && !in(m.RemotePorts, rp) {
		return false
	}
	if len(m.Prefixes) == 0 {
		return true
	}
	has := func(a netip.Addr) bool {
		a = a.Unmap()
		for _, p := range m.Prefixes {
			if p.Addr().Is4In6() && p.Bits() >= 96 {
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			if p.IsValid() && p.Masked().Contains(a) {
				return true
			}
		}
		return false
	}
	return has(s.Local.Addr()) || has(s.Remote.Addr())
}

// TestBytecodeTooLarge: a description too large for one program loses
// whole lists, largest first, and the program still keeps every match.
func TestBytecodeTooLarge(t *testing.T) {
	var m Match
	for p := 0; p < 65536; p += 3 { // 21846 single ports: about 350 KB
		m.Ports = append(m.Ports, PortRange{uint16(p), uint16(p)})
	}
	m.RemotePorts = []PortRange{{80, 80}, {443, 443}}
	for i := range 1000 { // 2000 host conditions of 16 bytes and JMPs: about 40 KB
		m.Prefixes = append(m.Prefixes, netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 0}), 24))
	}
	prog := m.compile(true)
	checkLayout(t, prog)
	if len(prog) < 30000 {
		t.Errorf("program of %d bytes: the prefixes were dropped too", len(prog))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		s := randSocket(rng)
		if rng.IntN(2) == 0 {
			s.Local = netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 0, byte(rng.IntN(8)), 1}), s.Local.Port())
			s.Remote = netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), []uint16{80, 443, 8080}[rng.IntN(3)])
		}
		if refMatch(&m, s) && !bcRun(prog, entryOf(s)) {
			t.Fatalf("%v -> %v matches, the program drops it", s.Local, s.Remote)
		}
	}
}

// TestAppendBytecode checks the attribute framing.
func TestAppendBytecode(t *testing.T) {
	var q request
	q.dump(unix.AF_INET, unix.IPPROTO_TCP, 0, tcpAllStates)
	prog := (&Match{RemotePorts: []PortRange{{22, 22}}}).compile(true)
	b := appendBytecode(q[:], prog)
	if len(b) != reqLen+4+len(prog) {
		t.Fatalf("%d bytes", len(b))
	}
	if l, typ := binary.NativeEndian.Uint16(b[reqLen:]), binary.NativeEndian.Uint16(b[reqLen+2:]); int(l) != 4+len(prog) || typ != attrReqBytecode {
		t.Fatalf("attribute length %d type %d", l, typ)
	}
	if !bytes.Equal(b[reqLen+4:], prog) || !bytes.Equal(b[:reqLen], q[:]) {
		t.Fatal("body or program changed")
	}
}
