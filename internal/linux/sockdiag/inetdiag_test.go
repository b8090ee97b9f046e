package sockdiag

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/sockets"
	"golang.org/x/sys/unix"
)

// fixtures pairs each captured dump (testdata/NAME.nl, netlink framing
// included) with the /proc table read right after it (testdata/NAME.proc).
var fixtures = []struct {
	name string
	p    sockets.Protocol
	ipv6 bool
}{
	{"tcp4-info", sockets.TCP, false},
	{"tcp6-info", sockets.TCP, true},
	{"tcp4", sockets.TCP, false},
	{"udp4", sockets.UDP, false},
	{"udp6", sockets.UDP, true},
	{"udplite4", sockets.UDPLite, false},
}

// splitMessages cuts a captured dump into netlink message bodies of type
// SOCK_DIAG_BY_FAMILY.
func splitMessages(t testing.TB, b []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for len(b) >= 16 {
		n := int(binary.NativeEndian.Uint32(b[0:]))
		typ := binary.NativeEndian.Uint16(b[4:])
		if n < 16 || n > len(b) {
			t.Fatalf("bad netlink framing: length %d of %d", n, len(b))
		}
		if typ == unix.SOCK_DIAG_BY_FAMILY {
			out = append(out, b[16:n])
		}
		b = b[min((n+3)&^3, len(b)):]
	}
	return out
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeFixtures(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			msgs := splitMessages(t, readFixture(t, fx.name+".nl"))
			var want []sockets.Socket
			err := procnet.ParseInet(bytes.NewReader(readFixture(t, fx.name+".proc")), fx.p, fx.ipv6,
				func(s *sockets.Socket) { want = append(want, *s) }, func() { t.Error("bad /proc line") })
			if err != nil {
				t.Fatal(err)
			}
			if len(msgs) != len(want) {
				t.Fatalf("%d messages, %d /proc rows", len(msgs), len(want))
			}
			requests := 0
			for i, m := range msgs {
				var got sockets.Socket
				if !decodeInetDiag(m, fx.p, fx.ipv6, &got) {
					t.Errorf("message %d: not decoded", i)
					continue
				}
				if isRequestSock(&got) {
					// Reader.Inet asks the kernel for the listener's
					// uid; the fixtures' listeners have listenerUID.
					requests++
					if want[i].UID != listenerUID {
						t.Errorf("row %d: /proc uid %d, want the listener's %d", i, want[i].UID, listenerUID)
					}
					got.UID = want[i].UID
				}
				if !sameRow(&got, &want[i]) {
					t.Errorf("row %d:\nnetlink %s\nproc    %s", i, rowString(&got), rowString(&want[i]))
				}
			}
			if fx.p == sockets.TCP && requests == 0 {
				t.Error("fixture has no request socket")
			}
		})
	}
}

// diagMsg builds an inet_diag_msg body for the table-driven tests.
type diagMsg struct {
	family                  uint8
	state, timer, retrans   uint8
	sport, dport            uint16
	src, dst                netip.Addr
	expires, rqueue, wqueue uint32
	uid, inode              uint32
	attrs                   []byte
}

func (d diagMsg) bytes() []byte {
	b := make([]byte, msgLen, msgLen+len(d.attrs))
	b[0], b[1], b[2], b[3] = d.family, d.state, d.timer, d.retrans
	binary.BigEndian.PutUint16(b[4:], d.sport)
	binary.BigEndian.PutUint16(b[6:], d.dport)
	if d.src.IsValid() {
		copy(b[8:24], d.src.AsSlice())
	}
	if d.dst.IsValid() {
		copy(b[24:40], d.dst.AsSlice())
	}
	for i, v := range []uint32{d.expires, d.rqueue, d.wqueue, d.uid, d.inode} {
		binary.NativeEndian.PutUint32(b[52+4*i:], v)
	}
	return append(b, d.attrs...)
}

// attr frames one netlink attribute, padded to 4 bytes.
func attr(typ uint16, payload []byte) []byte {
	b := make([]byte, 4, 4+len(payload)+3)
	binary.NativeEndian.PutUint16(b[0:], uint16(4+len(payload)))
	binary.NativeEndian.PutUint16(b[2:], typ)
	b = append(b, payload...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// tcpInfo returns the head of a struct tcp_info with the two fields used.
func tcpInfo(retransmits, probes uint8) []byte {
	b := make([]byte, 232)
	b[tcpiRetransmits], b[tcpiProbes] = retransmits, probes
	return b
}

func TestDecodeSemantics(t *testing.T) {
	lo := netip.MustParseAddr("127.0.0.1")
	mapped := netip.MustParseAddr("::ffff:127.0.0.1")
	tests := []struct {
		name string
		p    sockets.Protocol
		msg  diagMsg
		want sockets.Socket
	}{{
		name: "listen: Send-Q is write_seq-snd_una, not the backlog",
		p:    sockets.TCP,
		msg:  diagMsg{family: unix.AF_INET, state: 10, sport: 80, src: lo, rqueue: 3, wqueue: 4096, uid: 1000, inode: 77},
		want: sockets.Socket{State: 10, RecvQ: 3, UID: 1000, Inode: 77,
			Local: netip.AddrPortFrom(lo, 80), Remote: netip.AddrPortFrom(netip.AddrFrom4([4]byte{}), 0)},
	}, {
		name: "retransmit timer: retrans is icsk_retransmits, probes from tcp_info",
		p:    sockets.TCP,
		msg: diagMsg{family: unix.AF_INET, state: 2, timer: 1, retrans: 2, expires: 2995, wqueue: 1,
			sport: 5000, dport: 80, src: lo, dst: lo, attrs: attr(attrInfo, tcpInfo(9, 1))},
		want: sockets.Socket{State: 2, SendQ: 1, TimerKind: 1, TimerTicks: 299, Retransmits: 2, Timeout: 1,
			Local: netip.AddrPortFrom(lo, 5000), Remote: netip.AddrPortFrom(lo, 80)},
	}, {
		name: "keepalive timer: retrans is icsk_probes_out",
		p:    sockets.TCP,
		msg: diagMsg{family: unix.AF_INET6, state: 1, timer: 2, retrans: 3, expires: 7199996,
			sport: 22, dport: 40000, src: mapped, dst: mapped, attrs: attr(attrInfo, tcpInfo(5, 3))},
		want: sockets.Socket{IPv6Table: true, State: 1, TimerKind: 2, TimerTicks: 719999, Retransmits: 5, Timeout: 3,
			Local: netip.AddrPortFrom(mapped, 22), Remote: netip.AddrPortFrom(mapped, 40000)},
	}, {
		name: "probe timer without tcp_info",
		p:    sockets.TCP,
		msg:  diagMsg{family: unix.AF_INET, state: 1, timer: 4, retrans: 6, expires: 240, src: lo, dst: lo},
		want: sockets.Socket{State: 1, TimerKind: 4, TimerTicks: 24, Timeout: 6,
			Local: netip.AddrPortFrom(lo, 0), Remote: netip.AddrPortFrom(lo, 0)},
	}, {
		name: "time-wait: nothing but the timer",
		p:    sockets.TCP,
		msg:  diagMsg{family: unix.AF_INET, state: 6, timer: 3, expires: 59996, src: lo, dst: lo},
		want: sockets.Socket{State: 6, TimerKind: 3, TimerTicks: 5999,
			Local: netip.AddrPortFrom(lo, 0), Remote: netip.AddrPortFrom(lo, 0)},
	}, {
		name: "off timer ignores expires",
		p:    sockets.TCP,
		msg:  diagMsg{family: unix.AF_INET, state: 1, expires: 123, src: lo, dst: lo},
		want: sockets.Socket{State: 1, Local: netip.AddrPortFrom(lo, 0), Remote: netip.AddrPortFrom(lo, 0)},
	}, {
		name: "TCP_NEW_SYN_RECV is shown as SYN_RECV",
		p:    sockets.TCP,
		msg:  diagMsg{family: unix.AF_INET, state: 12, timer: 1, expires: 1000, src: lo, dst: lo},
		want: sockets.Socket{State: 3, TimerKind: 1, TimerTicks: 100,
			Local: netip.AddrPortFrom(lo, 0), Remote: netip.AddrPortFrom(lo, 0)},
	}, {
		name: "raw: protocol as local port, remote port 0",
		p:    sockets.Raw,
		msg: diagMsg{family: unix.AF_INET, state: 7, sport: 1, dport: 99, src: lo, rqueue: 10, wqueue: 20,
			attrs: attr(attrProtocol, []byte{58})},
		want: sockets.Socket{State: 7, RecvQ: 10, SendQ: 20,
			Local: netip.AddrPortFrom(lo, 58), Remote: netip.AddrPortFrom(netip.AddrFrom4([4]byte{}), 0)},
	}, {
		name: "udp keeps both queues, no timers",
		p:    sockets.UDP,
		msg:  diagMsg{family: unix.AF_INET, state: 7, timer: 0, sport: 53, src: lo, rqueue: 832, wqueue: 0, inode: 5},
		want: sockets.Socket{State: 7, RecvQ: 832, Inode: 5,
			Local: netip.AddrPortFrom(lo, 53), Remote: netip.AddrPortFrom(netip.AddrFrom4([4]byte{}), 0)},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got sockets.Socket
			ipv6 := tc.msg.family == unix.AF_INET6
			if !decodeInetDiag(tc.msg.bytes(), tc.p, ipv6, &got) {
				t.Fatal("not decoded")
			}
			want := tc.want
			want.Protocol = tc.p
			if got != want {
				t.Errorf("got  %s\nwant %s", rowString(&got), rowString(&want))
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	var s sockets.Socket
	good := diagMsg{family: unix.AF_INET}.bytes()
	if !decodeInetDiag(good, sockets.TCP, false, &s) {
		t.Fatal("minimal message rejected")
	}
	if decodeInetDiag(good[:msgLen-1], sockets.TCP, false, &s) {
		t.Error("short message accepted")
	}
	if decodeInetDiag(diagMsg{family: unix.AF_UNIX}.bytes(), sockets.TCP, false, &s) {
		t.Error("AF_UNIX accepted")
	}
}

func TestParseAttrs(t *testing.T) {
	info := attr(attrInfo, tcpInfo(4, 2))
	proto := attr(attrProtocol, []byte{1})
	var a msgAttrs
	parseAttrs(append(append([]byte{}, proto...), info...), &a)
	if !a.hasInfo || a.retransmits != 4 || a.probes != 2 || !a.hasProtocol || a.protocol != 1 {
		t.Errorf("got %+v", a)
	}
	// A truncated second attribute keeps the first.
	parseAttrs(append(append([]byte{}, proto...), info[:10]...), &a)
	if a.hasInfo || !a.hasProtocol {
		t.Errorf("truncated: got %+v", a)
	}
	// A tcp_info too short for the fields is ignored.
	parseAttrs(attr(attrInfo, []byte{1, 2, 3}), &a)
	if a.hasInfo {
		t.Errorf("short tcp_info: got %+v", a)
	}
	// Zero length ends the walk.
	parseAttrs([]byte{0, 0, 2, 0, 9, 9, 9, 9}, &a)
	if a.hasInfo || a.hasProtocol || a.info != nil || a.cong != nil {
		t.Errorf("zero length: got %+v", a)
	}
}

func TestMsToTicks(t *testing.T) {
	// HZ=250 and USER_HZ=100: jiffies j gives 4j ms and floor(0.4j) ticks.
	for j := uint32(0); j < 10000; j++ {
		if got, want := msToTicks(4*j), uint64(j)*4/10; got != want {
			t.Fatalf("%d jiffies: %d ticks, want %d", j, got, want)
		}
	}
}

func TestStateMask(t *testing.T) {
	cases := []struct {
		states uint32
		tcp    bool
		want   uint32
	}{
		{0, true, tcpAllStates},
		{0, false, ^uint32(0)},
		{1 << sockets.Listen, true, 1 << sockets.Listen},
		{1 << sockets.SynRecv, true, 1<<sockets.SynRecv | 1<<stateNewSynRecv},
		{1<<13 | 1<<sockets.Established, true, 1 << sockets.Established},
		{1 << sockets.Close, false, 1 << sockets.Close},
	}
	for _, c := range cases {
		if got := stateMask(c.states, c.tcp); got != c.want {
			t.Errorf("stateMask(%#x, %v) = %#x, want %#x", c.states, c.tcp, got, c.want)
		}
	}
}

func TestRequestLayout(t *testing.T) {
	var q request
	q.dump(unix.AF_INET6, unix.IPPROTO_TCP, extInfo, 0x400)
	if q[0] != unix.AF_INET6 || q[1] != unix.IPPROTO_TCP || q[2] != extInfo || q[3] != 0 ||
		binary.NativeEndian.Uint32(q[4:]) != 0x400 {
		t.Errorf("dump request % x", q[:8])
	}
	q.dump(unix.AF_INET, unix.IPPROTO_RAW, 0, 1)
	if q[3] != unix.IPPROTO_RAW {
		t.Errorf("raw request % x", q[:8])
	}
	var l legacyRequest
	l.dumpBoth(extInfo, 0x400)
	if len(l) != 60 || l[0] != 0 || l[3] != extInfo || binary.NativeEndian.Uint32(l[52:]) != 0x400 {
		t.Errorf("legacy dump request % x", l[:])
	}
	q.lookup(unix.AF_INET, netip.MustParseAddrPort("10.1.2.3:8080"))
	id := q[8:]
	if binary.BigEndian.Uint16(id[0:]) != 8080 || !bytes.Equal(id[4:8], []byte{10, 1, 2, 3}) ||
		binary.NativeEndian.Uint32(id[40:]) != ^uint32(0) || binary.NativeEndian.Uint32(id[44:]) != ^uint32(0) {
		t.Errorf("lookup request % x", q[:])
	}
}
