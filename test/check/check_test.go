package check

import (
	"strings"
	"testing"
)

func TestHealthyNamespace(t *testing.T) {
	sc := startScenario(t, "healthy", "gnst-healthy")
	r := sc.check(t)
	if r.Status != "ok" {
		t.Errorf("status %q", r.Status)
	}
	if len(r.Findings) != 11 {
		t.Errorf("%d findings, want one per check (11)", len(r.Findings))
	}
	for _, f := range r.Findings {
		if f.Severity != "ok" {
			t.Errorf("%s %s: %s %v", f.Severity, f.Check, f.Title, f.Evidence)
		}
	}
	text, code := sc.run(t, "--check", "--check-interval=200ms")
	if code != 0 || !strings.Contains(text, "status: ok (0 critical, 0 warning, 11 ok)") {
		t.Errorf("text exit %d:\n%s", code, text)
	}
}

func TestListenerThatNeverAccepts(t *testing.T) {
	sc := startScenario(t, "listen", "gnst-slow")
	f := expect(t, sc.check(t), "listen-overflow", "critical")
	if !evidenceHas(f, "127.0.0.1:7001: accept queue 2 of backlog 1") || !evidenceHas(f, "gnst-slow (pid") {
		t.Errorf("evidence lacks the full listener and its program: %v", f.Evidence)
	}
	if evidenceHas(f, "ListenOverflows +0 ") {
		t.Errorf("overflows not rising during the interval: %v", f.Evidence)
	}
}

func TestSynFlood(t *testing.T) {
	sc := startScenario(t, "synflood", "gnst-synflood")
	f := expect(t, sc.check(t), "syn-flood", "warning", "critical")
	if !evidenceHas(f, "port 7002: ") || evidenceHas(f, "SyncookiesSent +0 ") {
		t.Errorf("no SYN_RECV on port 7002 or no cookies sent: %v", f.Evidence)
	}
	if !evidenceHas(f, "net.ipv4.tcp_syncookies = 1") {
		t.Errorf("no sysctl evidence: %v", f.Evidence)
	}
}

func TestCloseWaitLeak(t *testing.T) {
	sc := startScenario(t, "closewait", "gnst-leaky")
	f := expect(t, sc.check(t), "close-wait", "warning")
	if !strings.HasPrefix(f.Title, "gnst-leaky (pid ") || !strings.Contains(f.Title, "holds 15 sockets") {
		t.Errorf("title %q", f.Title)
	}
	if !evidenceHas(f, "oldest 127.0.0.1:7003 -> 127.0.0.1:") {
		t.Errorf("evidence %v", f.Evidence)
	}
	// A lower threshold from a --check-set makes it critical.
	expect(t, sc.check(t, "--check-set=close-wait-critical=15"), "close-wait", "critical")
}

func TestTinyPortRange(t *testing.T) {
	sc := startScenario(t, "ports", "gnst-ports")
	f := expect(t, sc.check(t), "ephemeral-ports", "critical")
	if !evidenceHas(f, "127.0.0.1 -> 127.0.0.1:7004: 9 connections, 90% of 10 ports") ||
		!evidenceHas(f, "ip_local_port_range = 40000 40009") {
		t.Errorf("evidence %v", f.Evidence)
	}
}

func TestTimeWaitTableFull(t *testing.T) {
	sc := startScenario(t, "timewait", "gnst-tw")
	f := expect(t, sc.check(t), "time-wait", "critical")
	if !evidenceHas(f, "net.ipv4.tcp_max_tw_buckets = 4") || !strings.HasPrefix(f.Title, "4 TIME_WAIT sockets, 100%") {
		t.Errorf("%q %v", f.Title, f.Evidence)
	}
}

func TestConntrackUsage(t *testing.T) {
	sc := startScenario(t, "conntrack", "gnst-ct")
	// 50 tracked flows are 0.02% of the default (and unchangeable here)
	// nf_conntrack_max of 262144: lower the threshold to meet them.
	r := sc.check(t, "--check-set=conntrack-warning=0.01", "--check-set=conntrack-critical=50")
	f := expect(t, r, "conntrack", "warning")
	if !evidenceHas(f, "nf_conntrack_count = 50") {
		t.Errorf("evidence %v", f.Evidence)
	}
	expect(t, sc.check(t), "conntrack", "ok")
}

func TestInterfaceDrops(t *testing.T) {
	sc := startScenario(t, "interfaces", "gnst-drops")
	f := expect(t, sc.check(t), "interface-errors", "warning", "critical")
	if !evidenceHas(f, "gnst1: RX errors +0 dropped +") {
		t.Errorf("evidence %v", f.Evidence)
	}
}

func TestUDPBufferOverflow(t *testing.T) {
	sc := startScenario(t, "udp", "gnst-udp")
	f := expect(t, sc.check(t), "udp-buffers", "warning", "critical")
	if !evidenceHas(f, "udp 127.0.0.1:7009: Recv-Q ") || !evidenceHas(f, "gnst-udp (pid") {
		t.Errorf("evidence %v", f.Evidence)
	}
}

func TestBadThresholds(t *testing.T) {
	sc := startScenario(t, "healthy", "gnst-healthy")
	for _, args := range [][]string{
		{"--check", "--check-set=no-such=1"},
		{"--check", "--check-set=ports-warning=lots"},
		{"--check", "--check-config=/nonexistent/gnst-check.conf"},
	} {
		if out, code := sc.run(t, args...); code != 3 || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want 3 and nothing", args, code, out)
		}
	}
}
