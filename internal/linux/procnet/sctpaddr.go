package procnet

import (
	"bytes"
	"net/netip"
)

// sctpAddr reads one address of an SCTP table as net-tools does: a token
// holding ':' is taken as eight groups of hex digits (the kernel's %pI6),
// anything else goes through inet_addr, so a token it rejects becomes
// 255.255.255.255 (INADDR_NONE). Groups the C sscanf would leave unset are
// zero here.
func sctpAddr(tok []byte) netip.Addr {
	if bytes.IndexByte(tok, ':') >= 0 {
		return sctpIPv6(tok)
	}
	v, ok := cInetAton(tok)
	if !ok {
		v = 0xFFFFFFFF
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// sctpIPv6 reads "%04X:%04X:%04X:%04X:%04X:%04X:%04X:%04X".
func sctpIPv6(tok []byte) netip.Addr {
	var a [16]byte
	s := cScanner{b: tok}
	for g := 0; g < 8; g++ {
		if g > 0 && !s.literal(':') {
			break
		}
		s.space()
		start := s.i
		for s.i < len(s.b) && s.i-start < 4 && digitVal(s.b[s.i]) < 16 {
			s.i++
		}
		if s.i == start {
			break
		}
		v := uint16(hexWord(s.b[start:s.i]))
		a[2*g], a[2*g+1] = byte(v>>8), byte(v)
	}
	return netip.AddrFrom16(a)
}

// cInetAton is glibc inet_aton: one to four parts separated by dots, each in
// C notation (decimal, 0 octal, 0x hex); the last part fills the bytes left;
// trailing white space is allowed. The result is in host order.
func cInetAton(b []byte) (uint32, bool) {
	var parts [3]uint32
	np := 0
	i := 0
	var val uint64
	for {
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return 0, false
		}
		v, used, _ := cStrtoul(b[i:], 0)
		if v > 0xFFFFFFFF {
			return 0, false
		}
		val = v
		i += used
		if i < len(b) && b[i] == '.' {
			if np > 2 || val > 0xFF {
				return 0, false
			}
			parts[np] = uint32(val)
			np++
			i++
			continue
		}
		break
	}
	if i < len(b) && !isCSpace(b[i]) {
		return 0, false
	}
	if val > uint64(0xFFFFFFFF)>>(8*np) {
		return 0, false
	}
	r := uint32(val)
	for k := 0; k < np; k++ {
		r |= parts[k] << (24 - 8*k)
	}
	return r, true
}
