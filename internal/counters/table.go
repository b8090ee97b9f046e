package counters

import "sync"

// kind says when a known counter is printed and which output state it
// leaves behind.
type kind uint8

const (
	// always: printed even when zero, at 4 spaces; the state becomes normal.
	always kind = iota
	// nonzero: printed only when non-zero, at 4 spaces; the state becomes
	// "nonzero" (indented like normal).
	nonzero
	// inHist: an "ICMP input histogram" line, printed at 8 spaces when
	// non-zero, after the histogram title if the state was another.
	inHist
	// outHist: the same for the output histogram.
	outHist
	// silent: never printed and the state is left alone (netstat's static
	// entries and the entries whose text is empty).
	silent
)

// entry is one known counter: how it is printed and its sentence, a format
// with a single %d for the value.
type entry struct {
	kind kind
	text string
}

// filter names the protocol option that must be on for a known section to be
// shown.
type filter uint8

const (
	byRaw  filter = iota // -w
	byTCP                // -t
	byUDP                // -u
	bySCTP               // -S
)

// table is a known section: the filter that shows it and its counters.
// Counters missing from entries are printed as "Name: value" when non-zero.
// That includes the entries netstat's own table has but never finds (its
// table is mis-sorted for a binary search), which are simply left out here.
type table struct {
	filter  filter
	entries map[string]entry
}

// ipv4Tables are the sections known in IPv4 mode (/proc/net/snmp,
// /proc/net/netstat and /proc/net/sctp/snmp). IPv6 mode also reads the Tcp
// pair of /proc/net/snmp with these.
// Like the tables, it is built on first use: only -s needs it.
var ipv4Tables = sync.OnceValue(func() map[string]*table {
	return map[string]*table{
		"Ip":     ipTable(),
		"Icmp":   icmpTable(),
		"Tcp":    tcpTable(),
		"Udp":    udpTable(),
		"Sctp":   sctpTable(),
		"TcpExt": tcpExtTable(),
	}
})

// ipv6Tables are the sections known in /proc/net/snmp6. The kernel has no
// Tcp6 counters; netstat would read them with the Tcp sentences.
var ipv6Tables = sync.OnceValue(func() map[string]*table {
	return map[string]*table{
		"Ip6":   ip6Table(),
		"Icmp6": icmp6Table(),
		"Udp6":  udp6Table(),
		"Tcp6":  tcpTable(),
	}
})
