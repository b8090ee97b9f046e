package diagnose

import (
	"fmt"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/sockets"
)

func TestSynFloodPerPort(t *testing.T) {
	after := quiet(time.Second, nil)
	l := tcp(sockets.Listen, "0.0.0.0:443", "", 1)
	l.SendQ = 511
	after.Sockets = append(after.Sockets, l)
	for i := range 200 {
		after.Sockets = append(after.Sockets, tcp(sockets.SynRecv, "10.0.0.1:443", fmt.Sprintf("203.0.113.%d:%d", i%250, 1024+i), 0))
	}
	for i := range 5 {
		after.Sockets = append(after.Sockets, tcp(sockets.SynRecv, "10.0.0.1:22", fmt.Sprintf("198.51.100.1:%d", 2000+i), 0))
	}
	f := find(t, Run(quiet(0, nil), after, DefaultThresholds()), "syn-flood")
	if f.Severity != Warning {
		t.Errorf("200 SYN_RECV: %v, want warning (%q)", f.Severity, f.Title)
	}
	if f.Evidence[0] != "port 443: 200 SYN_RECV, listener backlog 511" || f.Evidence[1] != "port 22: 5 SYN_RECV" {
		t.Errorf("evidence %q", f.Evidence)
	}
}

func TestSynCookiesAndDrops(t *testing.T) {
	before := quiet(0, map[string]uint64{"TcpExt.SyncookiesSent": 10})
	after := quiet(time.Second, map[string]uint64{"TcpExt.SyncookiesSent": 60})
	f := find(t, Run(before, after, DefaultThresholds()), "syn-flood")
	if f.Severity != Warning || !evidenceHas(f, "TcpExt SyncookiesSent +50 in 1.0s (50.0/s)") {
		t.Errorf("cookies: %v %q %v", f.Severity, f.Title, f.Evidence)
	}
	if !evidenceHas(f, "net.ipv4.tcp_syncookies = 1") {
		t.Errorf("no sysctl evidence: %v", f.Evidence)
	}
	after = quiet(time.Second, map[string]uint64{"TcpExt.TCPReqQFullDrop": 1})
	if f := find(t, Run(quiet(0, nil), after, DefaultThresholds()), "syn-flood"); f.Severity != Critical {
		t.Errorf("request queue drops: %v, want critical", f.Severity)
	}
}
