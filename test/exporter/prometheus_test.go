package exporter

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/testenv"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// prometheusConfig scrapes the exporter every second.
const prometheusConfig = `global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: netstat
    static_configs:
      - targets: ['%s']
`

// TestPrometheusScrapes starts a real Prometheus server that scrapes the
// exporter, waits for a scrape, and compares the series it stored with
// what netstat -tan shows in the same namespace.
func TestPrometheusScrapes(t *testing.T) {
	nstest.Require(t)
	nstest.RequireReference(t)
	server, err := exec.LookPath("prometheus")
	if err != nil {
		testenv.Skip(t, "prometheus (Debian package prometheus) is missing")
	}
	pop := makeSockets(t)
	dir := t.TempDir()
	e := startExporter(t, buildExporter(t, dir))

	cfg := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(prometheusConfig, e.addr)), 0o644); err != nil {
		t.Fatal(err)
	}
	api := nstest.FreeAddress(t)
	prom := exec.Command(server, "--config.file="+cfg, "--storage.tsdb.path="+filepath.Join(dir, "tsdb"),
		"--web.listen-address="+api, "--log.level=warn")
	logPath := filepath.Join(dir, "prometheus.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	prom.Stdout, prom.Stderr = logFile, logFile
	prom.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := prom.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		syscall.Kill(prom.Process.Pid, syscall.SIGKILL)
		prom.Wait()
	}()

	q := &querier{base: "http://" + api, client: &http.Client{Timeout: 5 * time.Second}}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if v, ok := q.value(`up{job="netstat"}`); ok && v == 1 {
			if _, ok := q.value(`netstat_sample_success`); ok {
				break
			}
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("Prometheus did not scrape the exporter within 60 s; its log:\n%s", log)
		}
		time.Sleep(250 * time.Millisecond)
	}

	// Stable series: the sockets the test holds do not change, and the
	// listeners are all open (the exporter's, Prometheus's, the test's).
	rows := netstatTCP(t)
	want := stateCounts(rows)
	var queue int
	for _, r := range rows {
		if r.local == pop.backlogAddr && r.state == "LISTEN" {
			queue = r.recvQ
		}
	}
	for _, c := range []struct {
		query string
		want  int
	}{
		{`netstat_sockets{protocol="tcp",family="ipv4",state="CLOSE_WAIT"}`, want[[2]string{"ipv4", "CLOSE_WAIT"}]},
		{`netstat_sockets{protocol="tcp",family="ipv4",state="LISTEN"}`, want[[2]string{"ipv4", "LISTEN"}]},
		{`netstat_sockets{protocol="tcp",family="ipv6",state="LISTEN"}`, want[[2]string{"ipv6", "LISTEN"}]},
		{`netstat_tcp_listen_queue_length{local="` + pop.backlogAddr + `"}`, queue},
		{`netstat_program_tcp_sockets{program="` + programName(t) + `",state="CLOSE_WAIT"}`, closeWaits},
	} {
		got, ok := q.value(c.query)
		if !ok || int(got) != c.want {
			t.Errorf("%s = %v (found %v), netstat -tan shows %d", c.query, got, ok, c.want)
		}
	}
	if got, ok := q.value(`sum(netstat_protocol_events_total{section="Tcp",name="ActiveOpens"})`); !ok || got < float64(establishedPairs+closeWaits+waitingAccepts) {
		t.Errorf("Tcp ActiveOpens = %v (found %v), the test opened at least %d connections", got, ok, establishedPairs+closeWaits+waitingAccepts)
	}
}

// querier asks the Prometheus HTTP API for instant values.
type querier struct {
	base   string
	client *http.Client
}

// value returns the value of the one series query yields.
func (q *querier) value(query string) (float64, bool) {
	resp, err := q.client.Get(q.base + "/api/v1/query?query=" + url.QueryEscape(query))
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	var body struct {
		Status string `json:"status"`
		Data   struct {
			Result []struct {
				Value [2]any `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.Status != "success" || len(body.Data.Result) != 1 {
		return 0, false
	}
	s, ok := body.Data.Result[0].Value[1].(string)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}
