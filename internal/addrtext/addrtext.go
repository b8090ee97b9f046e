// Package addrtext writes IP addresses as net-tools writes them when it
// may show a name instead: its INET_sprint/INET_rresolve for IPv4 and
// INET6_sprint for IPv6, shared by the socket listing, routes, groups and
// interfaces.
package addrtext

import (
	"net/netip"
	"strings"

	"github.com/gonetstat/netstat/internal/cfmt"
	"github.com/gonetstat/netstat/internal/ntop"
)

// Namer resolves addresses to names. Host is the host lookup
// (gethostbyaddr for IPv4, getnameinfo for IPv6); Network is the networks
// database (getnetbyaddr). Both report false when there is no name.
type Namer interface {
	Host(netip.Addr) (string, bool)
	Network(netip.Addr) (string, bool)
}

// NameMax is the longest name net-tools keeps: its buffers hold 128 bytes.
const NameMax = 127

// DefaultMask is the netmask INET_sprint passes (0xffffff00 as a host-order
// int on a little-endian machine): only the first octet counts as host bits.
var DefaultMask = netip.AddrFrom4([4]byte{0, 255, 255, 255})

// IPv4 is net-tools' INET_sprint: how netstat writes an IPv4 address
// outside the routing table (sockets, multicast groups). With numeric it is
// the dotted quad; otherwise 0.0.0.0 stays as it is, an address whose first
// octet is not zero gets a host lookup and the others a networks lookup,
// falling back to the dotted quad.
func IPv4(a netip.Addr, numeric bool, names Namer) string {
	return IPv4Masked(a, DefaultMask, numeric, false, false, names)
}

// IPv4Masked is net-tools' INET_rresolve for an IPv4 address a with netmask
// mask. numeric gives the dotted quad. Otherwise 0.0.0.0 is "default" (when
// wantDefault) or "*" under an all-zero mask and "0.0.0.0" under any other;
// an address with bits outside the mask, or any address when host is set,
// gets a host lookup, the rest a networks lookup, falling back to the
// dotted quad.
func IPv4Masked(a, mask netip.Addr, numeric, wantDefault, host bool, names Namer) string {
	a, mask = Inet4(a), Inet4(mask)
	if numeric {
		return a.String()
	}
	ab, mb := a.As4(), mask.As4()
	if ab == [4]byte{} {
		if mb != [4]byte{} {
			return "0.0.0.0"
		}
		if wantDefault {
			return "default"
		}
		return "*"
	}
	for i := range ab {
		if ab[i]&^mb[i] != 0 {
			host = true
		}
	}
	lookup := names.Network
	if host {
		lookup = names.Host
	}
	name, ok := lookup(a)
	if !ok {
		return a.String()
	}
	return cfmt.Clip(cfmt.CString(name), NameMax)
}

// Inet4 is a as an IPv4 address: mapped IPv6 addresses are unmapped, and
// anything else that is not IPv4 (the zero Addr included) is 0.0.0.0.
func Inet4(a netip.Addr) netip.Addr {
	a = a.Unmap()
	if !a.Is4() {
		return netip.IPv4Unspecified()
	}
	return a
}

// IPv6 is net-tools' INET6_sprint: with numeric the glibc inet_ntop text,
// otherwise "[::]" for the unspecified address and a host lookup
// (getnameinfo, which falls back to the numeric text, also for a name
// longer than its 128-byte buffer) for the rest. An IPv4-mapped address
// whose text has a dot is then cut to its IPv4 part. An invalid a (no
// address family) is "[NONE SET]". names may be nil when numeric is set.
func IPv6(a netip.Addr, numeric bool, names Namer) string {
	if !a.IsValid() {
		return "[NONE SET]"
	}
	var text string
	switch {
	case numeric:
		text = ntop.String(a)
	case a.IsUnspecified():
		text = "[::]"
	default:
		name, ok := names.Host(a)
		name = cfmt.CString(name)
		if !ok || len(name) > NameMax {
			name = ntop.String(a)
		}
		text = name
	}
	return FixMapped(text, a)
}

// FixMapped is net-tools' fix_v4_address: for an IPv4-mapped address,
// text that holds a dot loses everything up to the last ':' before that
// dot (if there is such a ':'). A resolved name is normally left as is.
func FixMapped(text string, a netip.Addr) string {
	if !a.Is4In6() {
		return text
	}
	dot := strings.IndexByte(text, '.')
	if dot < 0 {
		return text
	}
	colon := strings.LastIndexByte(text[:dot], ':')
	if colon < 0 {
		return text
	}
	return text[colon+1:]
}
