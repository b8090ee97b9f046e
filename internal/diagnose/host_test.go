package diagnose

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/sockets"
)

// t0 is when the "before" samples of the tests are taken.
var t0 = time.Unix(1_700_000_000, 0)

// quiet returns a healthy host sample taken at t0+at, with the given
// counters ("TcpExt.ListenOverflows": 3) on top of zeroed ones.
func quiet(at time.Duration, values map[string]uint64) *snapshot.Host {
	h := &snapshot.Host{
		Taken: t0.Add(at),
		Sysctls: snapshot.Sysctls{TCPMaxTWBuckets: 1000, TCPMaxOrphans: 1000, TCPSynCookies: 1,
			SoMaxConn: 4096, LocalPortLow: 32768, LocalPortHigh: 60999},
		Sockstat: map[string]map[string]int64{"TCP": {"inuse": 1, "orphan": 0, "tw": 0}},
		Owners:   owners.NewIndex(),
	}
	sections := map[string][]string{
		"Tcp":    {"OutSegs", "RetransSegs"},
		"Udp":    {"InErrors", "RcvbufErrors"},
		"TcpExt": {"ListenOverflows", "ListenDrops", "SyncookiesSent", "TCPReqQFullDrop", "TCPReqQFullDoCookies", "TCPTimeWaitOverflow", "TCPTimeouts"},
		"Udp6":   {"Udp6InErrors", "Udp6RcvbufErrors"},
	}
	for _, name := range []string{"Tcp", "Udp", "TcpExt", "Udp6"} {
		sec := counters.Section{Name: name}
		for _, c := range sections[name] {
			sec.Counters = append(sec.Counters, counters.Counter{Name: c, Value: values[name+"."+c]})
		}
		h.Counters = append(h.Counters, sec)
	}
	return h
}

// tcp returns a TCP socket record.
func tcp(state uint8, local, remote string, inode uint64) sockets.Socket {
	r := netip.AddrPort{}
	if remote != "" {
		r = netip.MustParseAddrPort(remote)
	}
	return sockets.Socket{Protocol: sockets.TCP, State: state, Local: netip.MustParseAddrPort(local), Remote: r, Inode: inode}
}

// find returns the finding of check id, failing the test without one.
func find(t *testing.T, fs []Finding, id string) Finding {
	t.Helper()
	for _, f := range fs {
		if f.Check == id {
			return f
		}
	}
	t.Fatalf("no finding %q in %+v", id, fs)
	return Finding{}
}

// evidenceHas says whether some evidence line contains s.
func evidenceHas(f Finding, s string) bool {
	return slices.ContainsFunc(f.Evidence, func(l string) bool { return strings.Contains(l, s) })
}

func TestHealthyHostIsAllOK(t *testing.T) {
	before, after := quiet(0, nil), quiet(time.Second, nil)
	after.Sockets = []sockets.Socket{tcp(sockets.Listen, "127.0.0.1:80", "", 5)}
	after.Sockets[0].SendQ = 128
	fs := Run(before, after, DefaultThresholds())
	if len(fs) != len(Checks()) {
		t.Fatalf("%d findings for %d checks", len(fs), len(Checks()))
	}
	for _, f := range fs {
		if f.Severity != OK {
			t.Errorf("%s: %v %q %v", f.Check, f.Severity, f.Title, f.Evidence)
		}
		if f.Title == "" || f.Evidence == nil {
			t.Errorf("%s: empty title or nil evidence", f.Check)
		}
	}
	if Worst(fs) != OK {
		t.Errorf("Worst = %v", Worst(fs))
	}
}

func TestRunSortsWorstFirst(t *testing.T) {
	before := quiet(0, nil)
	after := quiet(2*time.Second, map[string]uint64{"Udp.InErrors": 10, "Udp.RcvbufErrors": 10, "TcpExt.ListenOverflows": 1000})
	fs := Run(before, after, DefaultThresholds())
	for i := 1; i < len(fs); i++ {
		if fs[i].Severity > fs[i-1].Severity {
			t.Fatalf("not worst first at %d: %v after %v", i, fs[i].Severity, fs[i-1].Severity)
		}
	}
	if fs[0].Check != "listen-overflow" || fs[0].Severity != Critical {
		t.Errorf("first = %s %v, want listen-overflow critical (500/s)", fs[0].Check, fs[0].Severity)
	}
	if fs[1].Check != "udp-buffers" || fs[1].Severity != Warning {
		t.Errorf("second = %s %v, want udp-buffers warning (5/s)", fs[1].Check, fs[1].Severity)
	}
	if Worst(fs) != Critical {
		t.Errorf("Worst = %v", Worst(fs))
	}
}

func TestRunWithOneSample(t *testing.T) {
	after := quiet(0, map[string]uint64{"Udp.InErrors": 1e6, "TcpExt.ListenOverflows": 1e6})
	for _, f := range Run(nil, after, DefaultThresholds()) {
		if f.Severity != OK {
			t.Errorf("%s judged totals as a rise: %v %q", f.Check, f.Severity, f.Title)
		}
	}
}

func TestSeverityText(t *testing.T) {
	for s, want := range map[Severity]string{OK: "ok", Warning: "warning", Critical: "critical", 7: "severity(7)"} {
		if s.String() != want {
			t.Errorf("%d: %q", int(s), s.String())
		}
		if b, _ := s.MarshalText(); string(b) != want {
			t.Errorf("%d: MarshalText %q", int(s), b)
		}
	}
	if Worst(nil) != OK {
		t.Error("Worst(nil) != OK")
	}
}
