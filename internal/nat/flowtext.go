package nat

import (
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gonetstat/netstat/internal/addrtext"
	"github.com/gonetstat/netstat/internal/cli"
)

// Namer finds the host, network and service names the flow table prints
// instead of numbers; each method reports false when there is none.
// names.Resolver is one.
type Namer interface {
	Host(a netip.Addr) (string, bool)
	Network(a netip.Addr) (string, bool)
	Service(port uint16, proto string) (string, bool)
}

// FlowsTitle is the first line of the flow table.
const FlowsTitle = "Tracked connections (conntrack)\n"

// endpointWidth is the width of an address column, as in net-tools'
// socket listing.
const endpointWidth = 23

// flowsHeader is the header line without -e; flowsExtendedHeader is what
// -e adds before the newline.
var (
	flowsHeader = fmt.Sprintf("%-5s %-*s %-*s %-*s %-*s %-9s %-11s %7s",
		"Proto", endpointWidth, "Original source", endpointWidth, "Original destination",
		endpointWidth, "Reply source", endpointWidth, "Reply destination", "NAT", "State", "Timeout")
	flowsExtendedHeader = fmt.Sprintf(" %10s %5s %10s %12s %10s %12s",
		"Mark", "Zone", "Orig-pkts", "Orig-bytes", "Reply-pkts", "Reply-bytes")
)

// PrintFlows writes the flow table: a title, a header and one line per
// flow, in the order given. Addresses and ports become names unless -n
// (--numeric-hosts, --numeric-ports) says otherwise; without -W a long
// "host:port" is cut to its column as net-tools cuts socket addresses; -e
// adds the connection mark, the zone and the counters ("-" when the kernel
// does not count). names may be nil when both numeric flags are set.
func PrintFlows(out io.Writer, opts *cli.Options, flows []Flow, names Namer) error {
	if !opts.NumericHosts {
		if p, ok := names.(addrtext.Prefetcher); ok {
			prefetchFlowHosts(p, flows)
		}
	}
	var b strings.Builder
	b.WriteString(FlowsTitle)
	b.WriteString(flowsHeader)
	if opts.Extend > 0 {
		b.WriteString(flowsExtendedHeader)
	}
	b.WriteByte('\n')
	if _, err := io.WriteString(out, b.String()); err != nil {
		return err
	}
	line := make([]byte, 0, 256)
	for i := range flows {
		line = appendFlowLine(line[:0], &flows[i], opts, names)
		if _, err := out.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// appendFlowLine appends the text line of f to b.
func appendFlowLine(b []byte, f *Flow, opts *cli.Options, names Namer) []byte {
	b = appendPadded(b, flowLabel(f), 5)
	for _, ep := range [...]netip.AddrPort{f.Original.Src, f.Original.Dst, f.Reply.Src, f.Reply.Dst} {
		b = append(b, ' ')
		b = appendPadded(b, endpointText(f, ep, opts, names), endpointWidth)
	}
	nat := f.Translation()
	if nat == "" {
		nat = "-"
	}
	b = append(b, ' ')
	b = appendPadded(b, nat, 9)
	b = append(b, ' ')
	b = appendPadded(b, f.State(), 11)
	b = fmt.Appendf(b, " %7d", int64(f.Timeout.Seconds()))
	if opts.Extend > 0 {
		b = fmt.Appendf(b, " %10d %5d", f.Mark, f.Zone)
		if f.Counted {
			b = fmt.Appendf(b, " %10d %12d %10d %12d", f.OriginalCount.Packets, f.OriginalCount.Bytes,
				f.ReplyCount.Packets, f.ReplyCount.Bytes)
		} else {
			b = fmt.Appendf(b, " %10s %12s %10s %12s", "-", "-", "-", "-")
		}
	}
	return append(b, '\n')
}

// flowLabel is the Proto column: the protocol name, with a "6" for IPv6
// as net-tools writes tcp6 and udp6 (ICMPv6 is already icmp6).
func flowLabel(f *Flow) string {
	name := f.ProtocolName()
	if f.IPv6() && f.Protocol != ProtoICMPv6 {
		if _, named := protocolNames[f.Protocol]; named {
			name += "6"
		}
	}
	return name
}

// hasPorts reports whether the flow's protocol has ports in its tuples.
func hasPorts(f *Flow) bool {
	switch f.Protocol {
	case ProtoTCP, ProtoUDP, ProtoUDPLite, ProtoSCTP, ProtoDCCP:
		return true
	}
	return false
}

// endpointText writes one end of a tuple: "host:port" for protocols with
// ports, the host alone for the others.
func endpointText(f *Flow, ep netip.AddrPort, opts *cli.Options, names Namer) string {
	host := hostText(ep.Addr(), opts.NumericHosts, names)
	if !hasPorts(f) {
		if !opts.Wide && len(host) > endpointWidth {
			host = host[:endpointWidth]
		}
		return host
	}
	port := portText(ep.Port(), serviceTable(f.Protocol), opts.NumericPorts, names)
	return joinEndpoint(host, port, opts.Wide)
}

// hostText is an address as net-tools' socket listing writes it.
func hostText(a netip.Addr, numeric bool, names addrtext.Namer) string {
	if a.Is4() {
		return addrtext.IPv4(a, numeric, names)
	}
	return addrtext.IPv6(a, numeric, names)
}

// serviceTable is the services table the ports of a protocol are named
// from; "" means ports stay numbers.
func serviceTable(proto uint8) string {
	switch proto {
	case ProtoTCP:
		return "tcp"
	case ProtoUDP, ProtoUDPLite:
		return "udp"
	}
	return ""
}

// portText is a port: "*" for 0, its service name unless numeric, else
// the number.
func portText(port uint16, table string, numeric bool, names Namer) string {
	if port == 0 {
		return "*"
	}
	if !numeric && table != "" {
		if name, ok := names.Service(port, table); ok {
			return name
		}
	}
	return strconv.FormatUint(uint64(port), 10)
}

// joinEndpoint is "host:port", cut as net-tools cuts socket addresses
// when not wide: past 22 bytes the port keeps at most 18 bytes and the
// host what is left of the 22.
func joinEndpoint(host, port string, wide bool) string {
	const short = endpointWidth - 1
	if !wide && len(host)+len(port) > short {
		if len(port) > short-4 {
			port = port[:short-4]
		}
		if keep := short - len(port); len(host) > keep {
			host = host[:keep]
		}
	}
	return host + ":" + port
}

// appendPadded appends s to b, padded with spaces to width.
func appendPadded(b []byte, s string, width int) []byte {
	b = append(b, s...)
	for n := len(s); n < width; n++ {
		b = append(b, ' ')
	}
	return b
}

// prefetchFlowHosts hands every host address the table will look up to p
// in one batch.
func prefetchFlowHosts(p addrtext.Prefetcher, flows []Flow) {
	c := &addrtext.Collector{Addrs: make([]netip.Addr, 0, 4*len(flows))}
	for i := range flows {
		f := &flows[i]
		for _, ep := range [...]netip.AddrPort{f.Original.Src, f.Original.Dst, f.Reply.Src, f.Reply.Dst} {
			hostText(ep.Addr(), false, c)
		}
	}
	p.Prefetch(c.Addrs)
}
