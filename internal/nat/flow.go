package nat

import (
	"net/netip"
	"time"
)

// Flow is one entry of the kernel's connection tracking table (conntrack),
// as "netstat --nat" shows it: the connection as its first packet saw it
// (Original), the connection as the answers are expected to look
// (Reply), and what the kernel knows about it. When the kernel translates
// addresses or ports (NAT), the two tuples no longer mirror each other;
// SNAT and DNAT tell which side changed.
type Flow struct {
	// Protocol is the IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58
	// ICMPv6, ...).
	Protocol uint8
	// Original is the direction of the first packet; Reply the direction
	// of the answers, after translation.
	Original, Reply Tuple
	// TCPState is conntrack's TCP state (see TCPStateName); zero for other
	// protocols.
	TCPState uint8
	// Status holds the kernel's IPS_* status bits.
	Status Status
	// Timeout is the time left before the kernel forgets the entry,
	// counted in whole seconds.
	Timeout time.Duration
	Mark    uint32 // the connection mark (ct mark)
	Zone    uint16 // the conntrack zone
	// Counted is true when the kernel keeps packet and byte counters for
	// the entry (net.netfilter.nf_conntrack_acct was on when it was
	// created). Then OriginalCount and ReplyCount hold them.
	Counted                   bool
	OriginalCount, ReplyCount Count
}

// Tuple is one direction of a tracked connection. For protocols without
// ports (ICMP, GRE, ...) the ports are zero; ICMP and ICMPv6 carry their
// type, code and identifier in ICMP instead.
type Tuple struct {
	Src, Dst netip.AddrPort
	ICMP     ICMP
}

// ICMP is the ICMP or ICMPv6 part of a tuple.
type ICMP struct {
	Type, Code uint8
	ID         uint16
}

// Count is the traffic of one direction of a flow.
type Count struct {
	Packets, Bytes uint64
}

// Status is the kernel's IPS_* bit set of a conntrack entry
// (include/uapi/linux/netfilter/nf_conntrack_common.h).
type Status uint32

// The status bits netstat reports.
const (
	StatusExpected  Status = 1 << 0 // IPS_EXPECTED: a helper expected it
	StatusSeenReply Status = 1 << 1 // IPS_SEEN_REPLY: traffic both ways
	StatusAssured   Status = 1 << 2 // IPS_ASSURED: kept under pressure
	StatusConfirmed Status = 1 << 3 // IPS_CONFIRMED: in the table
	StatusSrcNAT    Status = 1 << 4 // IPS_SRC_NAT: the source is translated
	StatusDstNAT    Status = 1 << 5 // IPS_DST_NAT: the destination is translated
	StatusDying     Status = 1 << 9 // IPS_DYING: being removed
	StatusOffload   Status = 1 << 14
)

// statusNames names the bits of Status in the order they are listed.
var statusNames = []struct {
	bit  Status
	name string
}{
	{StatusExpected, "expected"},
	{StatusSeenReply, "seen_reply"},
	{StatusAssured, "assured"},
	{StatusConfirmed, "confirmed"},
	{StatusSrcNAT, "src_nat"},
	{StatusDstNAT, "dst_nat"},
	{StatusDying, "dying"},
	{StatusOffload, "offload"},
}

// Names lists the set bits netstat knows, lower bits first.
func (s Status) Names() []string {
	names := []string{}
	for _, n := range statusNames {
		if s&n.bit != 0 {
			names = append(names, n.name)
		}
	}
	return names
}

// IPv6 reports whether the flow is an IPv6 connection.
func (f *Flow) IPv6() bool {
	return f.Original.Src.Addr().Is6() && !f.Original.Src.Addr().Is4In6()
}

// SNAT reports whether the source of the connection is translated: the
// answers go back to another address or port than the one the first
// packet came from. Masquerading is source translation to the address of
// the outgoing interface; the tuples cannot tell it from an SNAT rule (the
// kernel keeps that difference inside, not in what it reports), so it is
// reported as SNAT too.
func (f *Flow) SNAT() bool {
	if f.Reply.Dst != f.Original.Src {
		return true
	}
	// A translated ICMP echo keeps its addresses but may change its id.
	return f.isICMP() && f.Reply.ICMP.ID != f.Original.ICMP.ID
}

// DNAT reports whether the destination of the connection is translated:
// the answers come from another address or port than the one the first
// packet went to (a port forward, a load balancer, REDIRECT).
func (f *Flow) DNAT() bool {
	return f.Reply.Src != f.Original.Dst
}

// Translation names what the kernel translates: "SNAT", "DNAT",
// "SNAT+DNAT", or "" when the flow is not translated.
func (f *Flow) Translation() string {
	snat, dnat := f.SNAT(), f.DNAT()
	switch {
	case snat && dnat:
		return "SNAT+DNAT"
	case snat:
		return "SNAT"
	case dnat:
		return "DNAT"
	}
	return ""
}

// isICMP reports whether the flow is ICMP or ICMPv6.
func (f *Flow) isICMP() bool {
	return f.Protocol == ProtoICMP || f.Protocol == ProtoICMPv6
}
