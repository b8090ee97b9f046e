package procnet

import (
	"encoding/binary"
	"net/netip"

	"github.com/gonetstat/netstat/internal/groups"
)

// IPv6 reads ROOT/net/igmp6.
func (g *Groups) IPv6(visit func(*groups.Membership), bad func(bool, int)) error {
	return g.read("igmp6", visit, bad)
}

// igmp6Line reads "IDX DEVICE HEX32 USERS …" as net-tools does with
// "%d %15s %64[0-9A-Fa-f] %d", then the group with "%08X%08X%08X%08X".
// Words of the group the hex text does not reach keep their old bytes, which
// net-tools' htonl then reverses.
func (st *igmpState) igmp6Line(lnr int, line []byte, visit func(*groups.Membership), bad func(bool, int)) {
	s := wScanner{b: line}
	if _, ok := s.dec(0); !ok {
		bad(true, lnr)
		return
	}
	dev, ok := s.str(15)
	if !ok {
		bad(true, lnr)
		return
	}
	copy(st.device[:], dev) // %15s writes the word and a NUL
	st.device[len(dev)] = 0
	s.skipBlank()
	hex, ok := s.hexSet(64)
	if !ok {
		bad(true, lnr)
		return
	}
	users, ok := s.dec(0)
	if !ok {
		bad(true, lnr)
		return
	}
	hs := wScanner{b: []byte(hex)}
	var words [4]uint32
	got := 0
	for got < 4 {
		v, ok := hs.hex(8)
		if !ok {
			break
		}
		words[got] = v
		got++
	}
	for i := 0; i < 4; i++ {
		w := st.in6[4*i : 4*i+4]
		if i < got {
			binary.BigEndian.PutUint32(w, words[i])
		} else {
			w[0], w[1], w[2], w[3] = w[3], w[2], w[1], w[0]
		}
	}
	st.m.Group = netip.AddrFrom16(st.in6)
	st.m.Users = users
	st.m.Interface = st.deviceName()
	visit(&st.m)
}
