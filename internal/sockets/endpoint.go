package sockets

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gonetstat/netstat/internal/ntop"
)

// Namer finds the names net-tools prints instead of numbers. Each method
// reports false when there is no name, and the number is printed instead.
type Namer interface {
	Host(a netip.Addr) (string, bool)
	Network(a netip.Addr) (string, bool)
	Service(port uint16, proto string) (string, bool)
	User(uid uint32) (string, bool)
}

// hostText returns the host part of an endpoint as net-tools writes it in
// the socket listing.
func hostText(a netip.Addr, numeric bool, names Namer) string {
	if a.Is4() {
		return host4Text(a, numeric, names)
	}
	var s string
	switch {
	case numeric:
		s = ntop.String(a)
	case a.IsUnspecified():
		s = "[::]"
	default:
		if name, ok := names.Host(a); ok {
			s = name
		} else {
			s = ntop.String(a)
		}
	}
	if a.Is4In6() {
		s = trimMapped(s)
	}
	return s
}

func host4Text(a netip.Addr, numeric bool, names Namer) string {
	if numeric || a.IsUnspecified() {
		return a.String()
	}
	lookup := names.Host
	if a.As4()[0] == 0 {
		// 0.x.y.z: net-tools asks the networks database instead.
		lookup = names.Network
	}
	if name, ok := lookup(a); ok {
		return name
	}
	return a.String()
}

// trimMapped shortens the text of a v4-mapped address to its dotted quad,
// as net-tools does: when the text holds a '.', the part after the last ':'
// that comes before it is kept. A resolved name without ':' stays unchanged.
func trimMapped(s string) string {
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return s
	}
	colon := strings.LastIndexByte(s[:dot], ':')
	if colon < 0 {
		return s
	}
	return s[colon+1:]
}

// portText returns the port part: '*' for port 0, the service name of the
// given table unless numeric, else the number.
func portText(port uint16, proto string, numeric bool, names Namer) string {
	if port == 0 {
		return "*"
	}
	if !numeric {
		if name, ok := names.Service(port, proto); ok {
			return name
		}
	}
	return strconv.FormatUint(uint64(port), 10)
}

// joinEndpoint writes "host:port", shortened as net-tools does without -W:
// when the two together are longer than 22 bytes, the port keeps at most 18
// bytes and the host is cut so that the whole is 23.
func joinEndpoint(host, port string, wide bool) string {
	const short = 22
	if wide || len(host)+len(port) <= short {
		return host + ":" + port
	}
	if len(port) > short-4 {
		port = port[:short-4]
	}
	if keep := short - len(port); len(host) > keep {
		host = host[:keep]
	}
	return host + ":" + port
}
