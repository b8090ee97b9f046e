package diagnose

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/links"
	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/sockets"
)

func TestTimeWait(t *testing.T) {
	after := quiet(time.Second, nil)
	after.Sockstat["TCP"]["tw"] = 960
	f := find(t, Run(quiet(0, nil), after, DefaultThresholds()), "time-wait")
	if f.Severity != Critical || f.Title != "960 TIME_WAIT sockets, 96% of tcp_max_tw_buckets" {
		t.Errorf("%v %q", f.Severity, f.Title)
	}
	after = quiet(time.Second, map[string]uint64{"TcpExt.TCPTimeWaitOverflow": 4})
	f = find(t, Run(quiet(0, nil), after, DefaultThresholds()), "time-wait")
	if f.Severity != Warning || !evidenceHas(f, "TCPTimeWaitOverflow +4") {
		t.Errorf("overflow: %v %v", f.Severity, f.Evidence)
	}
}

func TestEphemeralPorts(t *testing.T) {
	after := quiet(time.Second, nil)
	after.Sysctls.LocalPortLow, after.Sysctls.LocalPortHigh = 40000, 40009
	for i := range 9 {
		after.Sockets = append(after.Sockets, tcp(sockets.Established, fmt.Sprintf("10.0.0.1:%d", 40000+i), "10.0.0.9:5432", uint64(i+1)))
	}
	// Other destinations and ports outside the range do not count.
	after.Sockets = append(after.Sockets,
		tcp(sockets.Established, "10.0.0.1:40001", "10.0.0.8:5432", 20),
		tcp(sockets.Established, "10.0.0.1:5432", "10.0.0.9:40001", 21))
	f := find(t, Run(quiet(0, nil), after, DefaultThresholds()), "ephemeral-ports")
	if f.Severity != Critical {
		t.Errorf("9 of 10: %v %q", f.Severity, f.Title)
	}
	if f.Evidence[0] != "10.0.0.1 -> 10.0.0.9:5432: 9 connections, 90% of 10 ports" || len(f.Evidence) != 2 {
		t.Errorf("evidence %q", f.Evidence)
	}
	after.Sysctls.LocalPortLow = -1
	if f := find(t, Run(nil, after, DefaultThresholds()), "ephemeral-ports"); f.Severity != OK {
		t.Errorf("unreadable range graded %v", f.Severity)
	}
}

func TestConntrack(t *testing.T) {
	before, after := quiet(0, nil), quiet(time.Second, nil)
	if f := find(t, Run(before, after, DefaultThresholds()), "conntrack"); f.Severity != OK {
		t.Errorf("no conntrack: %v", f.Severity)
	}
	after.Conntrack = snapshot.Conntrack{Available: true, Count: 800, Max: 1000}
	if f := find(t, Run(before, after, DefaultThresholds()), "conntrack"); f.Severity != Warning || f.Title != "conntrack table 80% full (800 of 1000)" {
		t.Errorf("80%%: %v %q", f.Severity, f.Title)
	}
	before.Conntrack = snapshot.Conntrack{Available: true, Count: 10, Max: 1000, Drops: 5}
	after.Conntrack = snapshot.Conntrack{Available: true, Count: 10, Max: 1000, Drops: 7}
	if f := find(t, Run(before, after, DefaultThresholds()), "conntrack"); f.Severity != Critical || !evidenceHas(f, "drop + early_drop +2") {
		t.Errorf("drops: %v %v", f.Severity, f.Evidence)
	}
}

func TestOrphans(t *testing.T) {
	after := quiet(time.Second, nil)
	after.Sockstat["TCP"]["orphan"] = 600
	if f := find(t, Run(nil, after, DefaultThresholds()), "orphans"); f.Severity != Warning {
		t.Errorf("60%%: %v %q", f.Severity, f.Title)
	}
	after.Sockstat["TCP"]["orphan"] = 900
	if f := find(t, Run(nil, after, DefaultThresholds()), "orphans"); f.Severity != Critical {
		t.Errorf("90%%: %v", f.Severity)
	}
}

func TestRetransmissions(t *testing.T) {
	before := quiet(0, map[string]uint64{"Tcp.OutSegs": 1000, "Tcp.RetransSegs": 10})
	after := quiet(time.Second, map[string]uint64{"Tcp.OutSegs": 2000, "Tcp.RetransSegs": 60})
	if f := find(t, Run(before, after, DefaultThresholds()), "retransmissions"); f.Severity != Warning || f.Title != "5.0% of TCP segments retransmitted" {
		t.Errorf("5%%: %v %q", f.Severity, f.Title)
	}
	// Too few segments to judge.
	after = quiet(time.Second, map[string]uint64{"Tcp.OutSegs": 1010, "Tcp.RetransSegs": 15})
	if f := find(t, Run(before, after, DefaultThresholds()), "retransmissions"); f.Severity != OK {
		t.Errorf("15 segments: %v %q", f.Severity, f.Title)
	}
	after = quiet(time.Second, map[string]uint64{"Tcp.OutSegs": 1010, "Tcp.RetransSegs": 15, "TcpExt.TCPTimeouts": 5})
	if f := find(t, Run(before, after, DefaultThresholds()), "retransmissions"); f.Severity != Warning {
		t.Errorf("timeouts: %v %q", f.Severity, f.Title)
	}
}

func TestUDPErrors(t *testing.T) {
	after := quiet(time.Second, map[string]uint64{"Udp6.Udp6InErrors": 3, "Udp6.Udp6RcvbufErrors": 3})
	busy := sockets.Socket{Protocol: sockets.UDP, IPv6Table: true, State: sockets.Close, RecvQ: 212992, Inode: 9,
		Local: netip.MustParseAddrPort("[::]:5353")}
	after.Sockets = []sockets.Socket{busy}
	f := find(t, Run(quiet(0, nil), after, DefaultThresholds()), "udp-buffers")
	if f.Severity != Warning || f.Evidence[0] != "udp6 [::]:5353: Recv-Q 212992, owner unknown" {
		t.Errorf("%v %q %v", f.Severity, f.Title, f.Evidence)
	}
}

func TestInterfaceErrors(t *testing.T) {
	before, after := quiet(0, nil), quiet(2*time.Second, nil)
	before.Interfaces = []links.Device{{Name: "eth0", Stats: links.Stats{RxDropped: 10}}, {Name: "lo"}}
	after.Interfaces = []links.Device{{Name: "eth0", Stats: links.Stats{RxDropped: 30, TxErrors: 2}}, {Name: "lo"}, {Name: "new0", Stats: links.Stats{RxErrors: 99}}}
	f := find(t, Run(before, after, DefaultThresholds()), "interface-errors")
	if f.Severity != Warning || len(f.Evidence) != 1 || f.Evidence[0] != "eth0: RX errors +0 dropped +20, TX errors +2 dropped +0 in 2.0s (11.0/s)" {
		t.Errorf("%v %q", f.Severity, f.Evidence)
	}
	// A counter that went down (interface recreated) is no rise.
	after.Interfaces[0].Stats = links.Stats{}
	if f := find(t, Run(before, after, DefaultThresholds()), "interface-errors"); f.Severity != OK {
		t.Errorf("reset counters: %v", f.Severity)
	}
}
