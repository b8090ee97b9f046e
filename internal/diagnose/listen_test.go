package diagnose

import (
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

func TestListenQueueFull(t *testing.T) {
	after := quiet(time.Second, nil)
	full := tcp(sockets.Listen, "0.0.0.0:8080", "", 41)
	full.SendQ, full.RecvQ = 4, 5
	near := tcp(sockets.Listen, "127.0.0.1:9090", "", 42)
	near.SendQ, near.RecvQ = 10, 8
	fine := tcp(sockets.Listen, "127.0.0.1:22", "", 43)
	fine.SendQ, fine.RecvQ = 128, 1
	after.Sockets = []sockets.Socket{fine, near, full}
	after.Owners.Add(41, owners.Owner{PID: 812, Program: "slowapp"})
	f := find(t, Run(quiet(0, nil), after, DefaultThresholds()), "listen-overflow")
	if f.Severity != Critical {
		t.Errorf("severity %v, want critical: %q", f.Severity, f.Title)
	}
	if f.Evidence[0] != "tcp 0.0.0.0:8080: accept queue 5 of backlog 4 (125%), slowapp (pid 812)" {
		t.Errorf("first evidence %q", f.Evidence[0])
	}
	if !evidenceHas(f, "127.0.0.1:9090: accept queue 8 of backlog 10 (80%), owner unknown") {
		t.Errorf("near-full listener missing: %v", f.Evidence)
	}
	if evidenceHas(f, ":22") || f.Advice == "" {
		t.Errorf("healthy listener listed or no advice: %v", f)
	}
}

func TestListenOverflowsRising(t *testing.T) {
	before := quiet(0, map[string]uint64{"TcpExt.ListenOverflows": 100, "TcpExt.ListenDrops": 100})
	cases := []struct {
		rise uint64
		want Severity
	}{{0, OK}, {3, Warning}, {40, Critical}}
	for _, c := range cases {
		after := quiet(2*time.Second, map[string]uint64{"TcpExt.ListenOverflows": 100 + c.rise, "TcpExt.ListenDrops": 100 + c.rise})
		f := find(t, Run(before, after, DefaultThresholds()), "listen-overflow")
		if f.Severity != c.want {
			t.Errorf("rise %d in 2s: %v, want %v (%q)", c.rise, f.Severity, c.want, f.Title)
		}
		if c.rise > 0 && !evidenceHas(f, "TcpExt ListenOverflows +") {
			t.Errorf("no counter evidence: %v", f.Evidence)
		}
	}
}

func TestListenThresholdsApply(t *testing.T) {
	after := quiet(time.Second, nil)
	l := tcp(sockets.Listen, "0.0.0.0:8080", "", 41)
	l.SendQ, l.RecvQ = 10, 5
	after.Sockets = []sockets.Socket{l}
	th := DefaultThresholds()
	if f := find(t, Run(nil, after, th), "listen-overflow"); f.Severity != OK {
		t.Fatalf("50%% graded %v by default", f.Severity)
	}
	th.ListenQueueWarning = 50
	if f := find(t, Run(nil, after, th), "listen-overflow"); f.Severity != Warning {
		t.Errorf("50%% with warning at 50: %v", f.Severity)
	}
}

func TestListenBacklogFromSockDiag(t *testing.T) {
	after := quiet(time.Second, nil)
	l := tcp(sockets.Listen, "127.0.0.1:7001", "", 41) // Send-Q 0, as /proc shows
	l.RecvQ = 2
	after.Sockets = []sockets.Socket{l}
	if f := find(t, Run(nil, after, DefaultThresholds()), "listen-overflow"); f.Severity != OK {
		t.Errorf("unknown backlog graded %v: %v", f.Severity, f.Evidence)
	}
	after.ListenBacklogs = map[uint64]uint64{41: 1}
	f := find(t, Run(nil, after, DefaultThresholds()), "listen-overflow")
	if f.Severity != Critical || f.Evidence[0] != "tcp 127.0.0.1:7001: accept queue 2 of backlog 1 (200%), owner unknown" {
		t.Errorf("%v %q", f.Severity, f.Evidence)
	}
}
