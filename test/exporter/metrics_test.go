package exporter

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/testenv"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// holderName is the program name of the socket holder the tests start.
const holderName = "gnst-exp-holder"

// TestMetricsMatchNetstat scrapes the exporter in a namespace with known
// sockets: promtool finds nothing to lint, the socket counts by family
// and state equal netstat -tan's, and so do the per-program counts and
// the accept queue of a listener that never accepts.
func TestMetricsMatchNetstat(t *testing.T) {
	nstest.Require(t)
	nstest.RequireReference(t)
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		testenv.Skip(t, "promtool (Debian package prometheus) is missing")
	}
	pop := makeSockets(t)
	h, err := nstest.StartHolder(holderName)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Kill()
	e := startExporter(t, buildExporter(t, t.TempDir()), "--collector.programs.top-k=2")
	e.get(t, "/") // opens the kept-alive connection before the scrape
	text := e.get(t, "/metrics")
	rows := netstatTCP(t)

	lint := exec.Command(promtool, "check", "metrics")
	lint.Stdin = bytes.NewReader(text)
	if out, err := lint.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("promtool check metrics: %v\n%s", err, out)
	}

	samples := parseMetrics(t, text)
	want := stateCounts(rows)
	for _, fam := range []string{"ipv4", "ipv6"} {
		for _, st := range tcpStates {
			got, ok := find(samples, "netstat_sockets", map[string]string{"protocol": "tcp", "family": fam, "state": st})
			if !ok || int(got) != want[[2]string{fam, st}] {
				t.Errorf("netstat_sockets{tcp,%s,%s} = %v (found %v), netstat -tan shows %d", fam, st, got, ok, want[[2]string{fam, st}])
			}
		}
	}
	if want[[2]string{"ipv4", "CLOSE_WAIT"}] != closeWaits {
		t.Errorf("netstat -tan shows %d CLOSE_WAIT, the test made %d", want[[2]string{"ipv4", "CLOSE_WAIT"}], closeWaits)
	}

	// This test process holds the most ESTABLISHED sockets (and all the
	// CLOSE_WAIT ones); the holder and the exporter follow.
	self := programName(t)
	checks := []struct {
		labels map[string]string
		want   float64
	}{
		{map[string]string{"program": self, "state": "CLOSE_WAIT"}, closeWaits},
		{map[string]string{"program": self, "state": "ESTABLISHED"}, float64(2*establishedPairs + waitingAccepts + 1)},
		{map[string]string{"program": holderName, "state": "ESTABLISHED"}, 2},
		{map[string]string{"program": "other", "state": "ESTABLISHED"}, 1}, // the exporter's end of the kept-alive connection
		{map[string]string{"program": "unknown", "state": "ESTABLISHED"}, float64(waitingAccepts)},
	}
	for _, c := range checks {
		if got, ok := find(samples, "netstat_program_tcp_sockets", c.labels); !ok || got != c.want {
			t.Errorf("netstat_program_tcp_sockets%v = %v (found %v), want %v", c.labels, got, ok, c.want)
		}
	}
	var queue int
	for _, r := range rows {
		if r.local == pop.backlogAddr && r.state == "LISTEN" {
			queue = r.recvQ
		}
	}
	if queue != waitingAccepts {
		t.Errorf("netstat -tan shows Recv-Q %d on %s, the test left %d connections unaccepted", queue, pop.backlogAddr, waitingAccepts)
	}
	if got, ok := find(samples, "netstat_tcp_listen_queue_length", map[string]string{"local": pop.backlogAddr}); !ok || int(got) != queue {
		t.Errorf("netstat_tcp_listen_queue_length{local=%s} = %v (found %v), netstat shows %d", pop.backlogAddr, got, ok, queue)
	}
	// Go listens with a backlog of net.core.somaxconn, which the kernel
	// then caps at the same value.
	if b, err := os.ReadFile("/proc/sys/net/core/somaxconn"); err != nil {
		t.Error(err)
	} else {
		want, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		want = min(want, 1<<16-1)
		if got, ok := find(samples, "netstat_tcp_listen_backlog", map[string]string{"local": pop.backlogAddr}); !ok || int(got) != want {
			t.Errorf("netstat_tcp_listen_backlog{local=%s} = %v (found %v), want somaxconn %d", pop.backlogAddr, got, ok, want)
		}
	}
	for _, name := range []string{"netstat_protocol_events_total", "netstat_interface_receive_bytes_total", "netstat_check_severity"} {
		if !strings.Contains(string(text), "\n"+name+"{") {
			t.Errorf("no %s series", name)
		}
	}
	if err := e.stop(t); err != nil {
		t.Errorf("after SIGTERM: %v\n%s", err, e.stderr)
	}
}
