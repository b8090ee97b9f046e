package conntrack

import (
	"net/netip"
	"time"

	ct "github.com/ti-mo/conntrack"

	"github.com/gonetstat/netstat/internal/nat"
)

// convert fills dst with the record of the kernel entry src.
func convert(dst *nat.Flow, src *ct.Flow) {
	*dst = nat.Flow{
		Protocol: src.TupleOrig.Proto.Protocol,
		Original: tuple(&src.TupleOrig),
		Reply:    tuple(&src.TupleReply),
		Status:   nat.Status(src.Status.Value),
		Timeout:  time.Duration(src.Timeout) * time.Second,
		Mark:     src.Mark,
		Zone:     src.Zone,
	}
	if tcp := src.ProtoInfo.TCP; tcp != nil {
		dst.TCPState = tcp.State
	}
	// The kernel sends counters only for entries it counts, and a counted
	// entry has seen at least its first packet.
	if src.CountersOrig.Packets != 0 || src.CountersReply.Packets != 0 {
		dst.Counted = true
		dst.OriginalCount = nat.Count{Packets: src.CountersOrig.Packets, Bytes: src.CountersOrig.Bytes}
		dst.ReplyCount = nat.Count{Packets: src.CountersReply.Packets, Bytes: src.CountersReply.Bytes}
	}
}

// tuple is one direction of a kernel entry.
func tuple(t *ct.Tuple) nat.Tuple {
	p := &t.Proto
	r := nat.Tuple{
		Src: netip.AddrPortFrom(t.IP.SourceAddress, p.SourcePort),
		Dst: netip.AddrPortFrom(t.IP.DestinationAddress, p.DestinationPort),
	}
	if p.Protocol == nat.ProtoICMP || p.Protocol == nat.ProtoICMPv6 {
		r.ICMP = nat.ICMP{Type: p.ICMPType, Code: p.ICMPCode, ID: p.ICMPID}
	}
	return r
}
