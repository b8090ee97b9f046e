package exporter

import (
	"strconv"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/prometheus/client_golang/prometheus"
)

// protocolNames are the protocol label values, by sockets.Protocol.
var protocolNames = map[sockets.Protocol]string{
	sockets.TCP:     "tcp",
	sockets.UDP:     "udp",
	sockets.UDPLite: "udplite",
	sockets.Raw:     "raw",
}

// stateName is the state label value: the kernel's name of the state
// (which UDP and RAW sockets share with TCP), or its number.
func stateName(state uint8) string {
	if name, ok := sockets.TCPStateName(int(state)); ok && name != "" {
		return name
	}
	return strconv.Itoa(int(state))
}

// socketKey is one (protocol, family, state) cell of the socket counts.
type socketKey struct {
	protocol sockets.Protocol
	ipv6     bool
	state    uint8
}

// socketCounts emits netstat_sockets. TCP has a series for every state
// of both families, zero or not, so that a state's absence reads as 0;
// the other protocols have one for each state present.
func (b *batch) socketCounts(socks []sockets.Socket) {
	counts := make(map[socketKey]int)
	for i := range socks {
		s := &socks[i]
		counts[socketKey{s.Protocol, s.IPv6Table, s.State}]++
	}
	for _, v6 := range []bool{false, true} {
		for st := sockets.Established; st <= sockets.Closing; st++ {
			k := socketKey{sockets.TCP, v6, st}
			if _, ok := counts[k]; !ok {
				counts[k] = 0
			}
		}
	}
	for _, k := range sortedSocketKeys(counts) {
		name, ok := protocolNames[k.protocol]
		if !ok {
			continue
		}
		b.add(b.descs.sockets, prometheus.GaugeValue, float64(counts[k]), name, family(k.ipv6), stateName(k.state))
	}
}

// family is the family label value.
func family(ipv6 bool) string {
	if ipv6 {
		return "ipv6"
	}
	return "ipv4"
}

// ownerName is the program label of a socket: its first owner's program,
// or "unknown" when no process is known to hold it.
func ownerName(ix *owners.Index, inode uint64) string {
	if o, ok := ix.Lookup(inode); ok && o.Program != "" {
		return o.Program
	}
	return unknownProgram
}
