package exporter

import (
	"bufio"
	"bytes"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sample is one line of the text exposition format.
type sample struct {
	name   string
	labels map[string]string
	value  float64
}

// sampleLine matches name{labels} value; labelPair one label.
var (
	sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$`)
	labelPair  = regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"`)
)

// parseMetrics reads the text format (without escapes in label values,
// which the tests' labels do not have).
func parseMetrics(t *testing.T, text []byte) []sample {
	t.Helper()
	var out []sample
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := sampleLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("unparsable metrics line %q", line)
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		s := sample{name: m[1], labels: map[string]string{}, value: v}
		for _, p := range labelPair.FindAllStringSubmatch(m[2], -1) {
			s.labels[p[1]] = p[2]
		}
		out = append(out, s)
	}
	return out
}

// find returns the value of the one sample of name whose labels include
// want.
func find(samples []sample, name string, want map[string]string) (float64, bool) {
	var vals []float64
next:
	for _, s := range samples {
		if s.name != name {
			continue
		}
		for k, v := range want {
			if s.labels[k] != v {
				continue next
			}
		}
		vals = append(vals, s.value)
	}
	if len(vals) != 1 {
		return 0, false
	}
	return vals[0], true
}

// tcpRow is one row of netstat -tan.
type tcpRow struct {
	proto, local, state string
	recvQ               int
}

// netstatTCP runs /usr/bin/netstat -tan.
func netstatTCP(t *testing.T) []tcpRow {
	t.Helper()
	out, err := exec.Command("/usr/bin/netstat", "-tan").Output()
	if err != nil {
		t.Fatalf("/usr/bin/netstat -tan: %v", err)
	}
	var rows []tcpRow
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) != 6 || (f[0] != "tcp" && f[0] != "tcp6") {
			continue
		}
		q, _ := strconv.Atoi(f[1])
		rows = append(rows, tcpRow{proto: f[0], local: f[3], state: f[5], recvQ: q})
	}
	return rows
}

// stateCounts counts rows per (family, state).
func stateCounts(rows []tcpRow) map[[2]string]int {
	n := map[[2]string]int{}
	for _, r := range rows {
		fam := "ipv4"
		if r.proto == "tcp6" {
			fam = "ipv6"
		}
		n[[2]string{fam, r.state}]++
	}
	return n
}

// tcpStates are the kernel's TCP state names, as netstat prints them.
var tcpStates = []string{"ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"}
