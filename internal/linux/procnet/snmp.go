package procnet

import (
	"io"

	"github.com/gonetstat/netstat/internal/counters"
)

// ParseSNMP reads /proc/net/snmp (Ip, Icmp, IcmpMsg, Tcp, Udp, UdpLite, …):
// header/value line pairs, read as ParsePairs describes.
func ParseSNMP(r io.Reader) ([]counters.Section, error) { return ParsePairs(r) }
