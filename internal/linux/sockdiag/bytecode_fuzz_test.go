package sockdiag

import (
	"encoding/binary"
	"net/netip"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

// matchFromBytes decodes a Match from fuzz input: each item is a kind byte
// then its operand (two ports, or an address and a prefix length). It
// also returns the ports and addresses it used, to build sockets that
// match.
func matchFromBytes(b []byte) (m Match, ports []uint16, addrs []netip.Addr) {
	take := func(n int) []byte {
		if len(b) < n {
			b = append(b, make([]byte, n-len(b))...)
		}
		v := b[:n]
		b = b[n:]
		return v
	}
	for len(b) > 0 {
		kind := take(1)[0]
		switch kind % 6 {
		case 0, 1, 2:
			v := take(4)
			r := PortRange{binary.BigEndian.Uint16(v), binary.BigEndian.Uint16(v[2:])}
			if kind&0x80 == 0 && r.Lo > r.Hi {
				r.Lo, r.Hi = r.Hi, r.Lo
			}
			ports = append(ports, r.Lo, r.Hi, r.Lo+1, r.Hi-1)
			switch kind % 6 {
			case 0:
				m.Ports = append(m.Ports, r)
			case 1:
				m.LocalPorts = append(m.LocalPorts, r)
			default:
				m.RemotePorts = append(m.RemotePorts, r)
			}
		case 3:
			a := netip.AddrFrom4([4]byte(take(4)))
			m.Prefixes = append(m.Prefixes, netip.PrefixFrom(a, int(take(1)[0]%33)))
			addrs = append(addrs, a, netip.AddrFrom16(a.As16()))
		case 4:
			a := netip.AddrFrom16([16]byte(take(16)))
			if kind&0x40 != 0 { // make it IPv4-mapped
				b16 := a.As16()
				copy(b16[:12], []byte{10: 0xff, 11: 0xff})
				a = netip.AddrFrom16(b16)
			}
			m.Prefixes = append(m.Prefixes, netip.PrefixFrom(a, int(take(1)[0]%129)))
			addrs = append(addrs, a, a.Unmap())
		case 5:
			m.Prefixes = append(m.Prefixes, netip.Prefix{}) // invalid: matches nothing
		}
	}
	return m, ports, addrs
}

// FuzzCompileMatch compiles arbitrary descriptions: the program must pass
// the kernel's audit (as bcAudit models it), fit in one attribute, and
// keep every socket the description matches, among sockets built from
// the description's own ports and addresses.
func FuzzCompileMatch(f *testing.F) {
	f.Add([]byte{0, 0, 80, 0, 80})
	f.Add([]byte{1, 0, 0, 0x03, 0xff, 2, 0x1f, 0x40, 0x1f, 0x90})
	f.Add([]byte{3, 10, 0, 0, 0, 8, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127, 0, 0, 1, 120})
	f.Add([]byte{4, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 8, 5, 0x80, 0xff, 0xff, 0, 1})
	f.Add([]byte{4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1024 {
			return
		}
		m, ports, addrs := matchFromBytes(b)
		// Bounded: a long input has thousands of values.
		ports, addrs = ports[:min(len(ports), 24)], addrs[:min(len(addrs), 24)]
		if len(ports) == 0 {
			ports = []uint16{0}
		}
		if len(addrs) == 0 {
			addrs = []netip.Addr{netip.IPv4Unspecified(), netip.IPv6Unspecified()}
		}
		for _, eq := range []bool{true, false} {
			prog := m.compile(eq)
			if prog == nil {
				continue
			}
			checkLayout(t, prog)
			// Sockets from the description's values, both families.
			for i, a := range addrs {
				for j, p := range ports {
					other := addrs[(i+j+1)%len(addrs)]
					if other.Is4() != a.Is4() {
						if a.Is4() {
							other = netip.IPv4Unspecified()
						} else {
							other = netip.IPv6Unspecified()
						}
					}
					q := ports[(i*7+j+1)%len(ports)]
					for _, ends := range [][2]netip.AddrPort{
						{netip.AddrPortFrom(a, p), netip.AddrPortFrom(other, q)},
						{netip.AddrPortFrom(other, q), netip.AddrPortFrom(a, p)},
					} {
						row := &sockets.Socket{Protocol: sockets.TCP, Local: ends[0], Remote: ends[1]}
						if refMatch(&m, row) && !bcRun(prog, entryOf(row)) {
							t.Fatalf("%v -> %v matches %+v, the program (eq %v) drops it\n% x", row.Local, row.Remote, m, eq, prog)
						}
					}
				}
			}
		}
	})
}
