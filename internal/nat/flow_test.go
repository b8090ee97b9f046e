package nat

import (
	"slices"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

func TestTranslation(t *testing.T) {
	want := []struct {
		snat, dnat bool
		text       string
	}{
		{true, false, "SNAT"},
		{false, true, "DNAT"},
		{true, true, "SNAT+DNAT"},
		{true, false, "SNAT"}, // ICMP id changed
		{false, false, ""},
		{false, false, ""},
		{true, false, "SNAT"},
	}
	flows := fixtureFlows()
	for i, w := range want {
		f := &flows[i]
		if f.SNAT() != w.snat || f.DNAT() != w.dnat || f.Translation() != w.text {
			t.Errorf("flow %d: SNAT %v DNAT %v %q, want %v %v %q", i, f.SNAT(), f.DNAT(), f.Translation(), w.snat, w.dnat, w.text)
		}
	}
}

func TestTranslationPortOnly(t *testing.T) {
	// REDIRECT to a local port changes only the destination port.
	f := Flow{Protocol: ProtoTCP,
		Original: Tuple{Src: ap("10.0.0.2:1000"), Dst: ap("10.0.0.1:80")},
		Reply:    Tuple{Src: ap("10.0.0.1:3128"), Dst: ap("10.0.0.2:1000")}}
	if f.SNAT() || !f.DNAT() {
		t.Errorf("port redirect: SNAT %v DNAT %v", f.SNAT(), f.DNAT())
	}
	// Source port rewriting alone is SNAT.
	f.Reply = Tuple{Src: ap("10.0.0.1:80"), Dst: ap("10.0.0.2:1001")}
	if !f.SNAT() || f.DNAT() {
		t.Errorf("port rewrite: SNAT %v DNAT %v", f.SNAT(), f.DNAT())
	}
}

func TestState(t *testing.T) {
	var got []string
	for _, f := range fixtureFlows() {
		got = append(got, f.State())
	}
	want := []string{"ESTABLISHED", "SYN_SENT", "REPLIED", "UNREPLIED", "UNREPLIED", "TIME_WAIT", "ASSURED"}
	if !slices.Equal(got, want) {
		t.Errorf("states %q, want %q", got, want)
	}
	f := Flow{Protocol: ProtoTCP, TCPState: 42}
	if f.State() != "42" {
		t.Errorf("unknown TCP state %q", f.State())
	}
}

func TestStatusNames(t *testing.T) {
	got := (StatusSeenReply | StatusDstNAT | StatusDying | 1<<30).Names()
	if want := []string{"seen_reply", "dst_nat", "dying"}; !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
	if got := Status(0).Names(); got == nil || len(got) != 0 {
		t.Errorf("no bits: %#v, want an empty list", got)
	}
}

func TestSocket(t *testing.T) {
	flows := fixtureFlows()
	cases := []struct {
		i     int
		proto sockets.Protocol
		v6    bool
		state uint8
	}{
		{0, sockets.TCP, false, sockets.Established},
		{1, sockets.TCP, false, sockets.SynSent},
		{2, sockets.UDP, false, sockets.Established},
		{3, sockets.Raw, false, sockets.Established},
		{5, sockets.TCP, true, sockets.TimeWait},
	}
	for _, c := range cases {
		f := &flows[c.i]
		s := f.Socket()
		if s.Protocol != c.proto || s.IPv6Table != c.v6 || s.State != c.state ||
			s.Local != f.Original.Src || s.Remote != f.Original.Dst {
			t.Errorf("flow %d: socket %+v", c.i, s)
		}
	}
	for ct, want := range map[uint8]uint8{ctTCPFinWait: sockets.FinWait1, ctTCPSynSent2: sockets.SynSent,
		ctTCPNone: sockets.Close, 99: sockets.Close, ctTCPCloseWait: sockets.CloseWait} {
		f := Flow{Protocol: ProtoTCP, TCPState: ct}
		if got := f.Socket().State; got != want {
			t.Errorf("conntrack state %d: socket state %d, want %d", ct, got, want)
		}
	}
}

func TestSortFlows(t *testing.T) {
	flows := fixtureFlows()
	slices.Reverse(flows)
	SortFlows(flows)
	var got []string
	for _, f := range flows {
		got = append(got, flowLabel(&f)+" "+f.Original.Src.String())
	}
	want := []string{
		"icmp 10.0.1.2:0", "tcp 10.0.1.2:45678", "tcp 203.0.113.7:50000", "udp 10.0.1.2:5353", "gre 10.0.1.2:0",
		"tcp6 [2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:40000", "icmp6 [fd00:1::2]:0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order\n%q\nwant\n%q", got, want)
	}
}
