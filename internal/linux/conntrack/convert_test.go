package conntrack

import (
	"net/netip"
	"testing"
	"time"

	ct "github.com/ti-mo/conntrack"

	"github.com/gonetstat/netstat/internal/nat"
)

func TestConvertTCP(t *testing.T) {
	src := ct.Flow{
		TupleOrig: ct.Tuple{
			IP:    ct.IPTuple{SourceAddress: netip.MustParseAddr("10.0.1.2"), DestinationAddress: netip.MustParseAddr("10.0.2.2")},
			Proto: ct.ProtoTuple{Protocol: 6, SourcePort: 40000, DestinationPort: 80},
		},
		TupleReply: ct.Tuple{
			IP:    ct.IPTuple{SourceAddress: netip.MustParseAddr("10.0.2.2"), DestinationAddress: netip.MustParseAddr("10.0.2.1")},
			Proto: ct.ProtoTuple{Protocol: 6, SourcePort: 80, DestinationPort: 40000},
		},
		ProtoInfo:     ct.ProtoInfo{TCP: &ct.ProtoInfoTCP{State: 3}},
		Status:        ct.Status{Value: ct.StatusSeenReply | ct.StatusAssured | ct.StatusSrcNAT},
		Timeout:       431999,
		Mark:          7,
		Zone:          2,
		CountersOrig:  ct.Counter{Packets: 5, Bytes: 300},
		CountersReply: ct.Counter{Packets: 4, Bytes: 1200, Direction: true},
	}
	var got nat.Flow
	convert(&got, &src)
	want := nat.Flow{
		Protocol: nat.ProtoTCP,
		Original: nat.Tuple{Src: netip.MustParseAddrPort("10.0.1.2:40000"), Dst: netip.MustParseAddrPort("10.0.2.2:80")},
		Reply:    nat.Tuple{Src: netip.MustParseAddrPort("10.0.2.2:80"), Dst: netip.MustParseAddrPort("10.0.2.1:40000")},
		TCPState: 3,
		Status:   nat.StatusSeenReply | nat.StatusAssured | nat.StatusSrcNAT,
		Timeout:  431999 * time.Second,
		Mark:     7, Zone: 2, Counted: true,
		OriginalCount: nat.Count{Packets: 5, Bytes: 300},
		ReplyCount:    nat.Count{Packets: 4, Bytes: 1200},
	}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if got.State() != "ESTABLISHED" || got.Translation() != "SNAT" {
		t.Errorf("state %q, translation %q", got.State(), got.Translation())
	}
}

func TestConvertICMPv6Uncounted(t *testing.T) {
	a, b := netip.MustParseAddr("fd00:1::2"), netip.MustParseAddr("fd00:2::2")
	src := ct.Flow{
		TupleOrig: ct.Tuple{IP: ct.IPTuple{SourceAddress: a, DestinationAddress: b},
			Proto: ct.ProtoTuple{Protocol: 58, ICMPv6: true, ICMPType: 128, ICMPID: 99}},
		TupleReply: ct.Tuple{IP: ct.IPTuple{SourceAddress: b, DestinationAddress: a},
			Proto: ct.ProtoTuple{Protocol: 58, ICMPv6: true, ICMPType: 129, ICMPID: 99}},
		Timeout: 30,
	}
	var got nat.Flow
	convert(&got, &src)
	if !got.IPv6() || got.Counted || got.TCPState != 0 || got.Translation() != "" {
		t.Errorf("flow %+v", got)
	}
	if got.Original.ICMP != (nat.ICMP{Type: 128, ID: 99}) || got.Reply.ICMP != (nat.ICMP{Type: 129, ID: 99}) {
		t.Errorf("ICMP %+v / %+v", got.Original.ICMP, got.Reply.ICMP)
	}
	if got.Original.Src != netip.AddrPortFrom(a, 0) {
		t.Errorf("source %v", got.Original.Src)
	}
}
