package sockets

import (
	"net/netip"
	"strconv"

	"github.com/gonetstat/netstat/internal/addrtext"
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
		return addrtext.IPv4(a, numeric, names)
	}
	return addrtext.IPv6(a, numeric, names)
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
	return string(appendEndpoint(nil, host, port, wide))
}

// appendEndpoint appends joinEndpoint's text to b without building it
// first, for the per-row path.
func appendEndpoint[T string | []byte](b []byte, host, port T, wide bool) []byte {
	const short = 22
	if !wide && len(host)+len(port) > short {
		if len(port) > short-4 {
			port = port[:short-4]
		}
		if keep := short - len(port); len(host) > keep {
			host = host[:keep]
		}
	}
	b = append(b, host...)
	b = append(b, ':')
	return append(b, port...)
}
