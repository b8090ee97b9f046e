package nat

import (
	"encoding/json"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/jsonout/schematest"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// flowDoc is the --nat --json document, as docs/json.md describes it.
type flowDoc struct {
	Version int        `json:"version"`
	Flows   []flowJSON `json:"flows"`
}

type flowJSON struct {
	Protocol string    `json:"protocol"`
	Family   string    `json:"family"`
	Original tupleJSON `json:"original"`
	Reply    tupleJSON `json:"reply"`
	SNAT     bool      `json:"snat"`
	DNAT     bool      `json:"dnat"`
	State    string    `json:"state"`
	Status   []string  `json:"status"`
	Timeout  int       `json:"timeout"`
	Counters *struct {
		Original, Reply struct{ Packets, Bytes uint64 }
	} `json:"counters"`
}

type tupleJSON struct {
	Src, Dst     string
	SPort, DPort int
	ICMP         *struct{ Type, Code, ID int }
}

// traffic is what the test sent across the router.
type traffic struct {
	udpPort, snatPort, dnatPort int // the client's source ports
	snat6Port                   int
	icmpID                      uint16
}

// send makes the lab's flows: a UDP exchange while the router does not
// count, then, counting, a masqueraded TCP connection, a port-forwarded
// one and an ICMP echo.
func (l *lab) send(t *testing.T) traffic {
	t.Helper()
	l.startServers(t)
	var tr traffic
	l.accounting(t, false)
	tr.udpPort = l.exchange(t, "udp4", hostPort(serverAddr, udpPort)).(*net.UDPAddr).Port
	l.accounting(t, true)
	tr.snatPort = l.exchange(t, "tcp4", hostPort(serverAddr, serverPort)).(*net.TCPAddr).Port
	tr.dnatPort = l.exchange(t, "tcp4", hostPort(routerIn, routerPort)).(*net.TCPAddr).Port
	tr.snat6Port = l.exchange(t, "tcp6", hostPort(server6, serverPort)).(*net.TCPAddr).Port
	tr.icmpID = uint16(os.Getpid())
	l.ping(t, tr.icmpID)
	return tr
}

func TestNAT(t *testing.T) {
	nstest.Require(t)
	l := newLab(t)
	tr := l.send(t)
	ours := nstest.Ours()

	t.Run("json", func(t *testing.T) {
		out, errOut, code := l.netstat(t, ours, "--nat", "--json")
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		var doc flowDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if doc.Version != 1 {
			t.Errorf("version %d", doc.Version)
		}
		schematest.Require(t, "../../docs/json.md", []byte(out), "nat_document")
		checkJSONFlows(t, doc.Flows, tr)
	})

	t.Run("text", func(t *testing.T) {
		out, errOut, code := l.netstat(t, ours, "--nat", "-n")
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		t.Logf("netstat --nat -n in the router:\n%s", out)
		rows := textRows(t, out)
		want := [][]string{
			{"icmp", clientAddr, serverAddr, serverAddr, routerOut, "SNAT", "UNREPLIED|REPLIED|ASSURED"},
			{"tcp", hostPort(clientAddr, tr.snatPort), hostPort(serverAddr, serverPort), hostPort(serverAddr, serverPort),
				hostPort(routerOut, tr.snatPort), "SNAT", "ESTABLISHED"},
			{"tcp", hostPort(clientAddr, tr.dnatPort), hostPort(routerIn, routerPort), hostPort(serverAddr, serverPort),
				hostPort(clientAddr, tr.dnatPort), "DNAT", "ESTABLISHED"},
			{"udp", hostPort(clientAddr, tr.udpPort), hostPort(serverAddr, udpPort), hostPort(serverAddr, udpPort),
				hostPort(routerOut, tr.udpPort), "SNAT", "REPLIED|ASSURED"},
			// netstat writes IPv6 endpoints without brackets, as net-tools does.
			{"tcp6", client6 + ":" + strconv.Itoa(tr.snat6Port), server6 + ":" + strconv.Itoa(serverPort),
				server6 + ":" + strconv.Itoa(serverPort), routerOut6 + ":" + strconv.Itoa(tr.snat6Port), "SNAT", "ESTABLISHED"},
		}
		compareRows(t, rows, want)
	})

	t.Run("service names", func(t *testing.T) {
		names := serviceNames(t)
		out, _, code := l.netstat(t, ours, "--nat", "--numeric-hosts", "--dport="+strconv.Itoa(routerPort))
		rows := textRows(t, out)
		if code != 0 || len(rows) != 1 {
			t.Fatalf("exit %d, rows %q", code, rows)
		}
		wantDst := hostPort(routerIn, routerPort)
		if n, ok := names[routerPort]; ok {
			wantDst = routerIn + ":" + n
		}
		if rows[0][2] != wantDst {
			t.Errorf("original destination %q, want %q", rows[0][2], wantDst)
		}
	})

	t.Run("filters", func(t *testing.T) {
		for _, c := range []struct {
			args  []string
			ports []string // the original destinations kept
		}{
			{[]string{"--dport=" + strconv.Itoa(routerPort)}, []string{hostPort(routerIn, routerPort)}},
			{[]string{"--dport=" + strconv.Itoa(serverPort)}, []string{hostPort(serverAddr, serverPort), server6 + ":" + strconv.Itoa(serverPort)}},
			{[]string{"--sport=" + strconv.Itoa(tr.udpPort)}, []string{hostPort(serverAddr, udpPort)}},
			{[]string{"--addr=" + routerIn + "/32"}, []string{hostPort(routerIn, routerPort)}},
			// The filters judge the original direction: the port-forwarded
			// flow goes to routerPort, not serverPort.
			{[]string{"--state=established", "--port=" + strconv.Itoa(serverPort)}, []string{hostPort(serverAddr, serverPort), server6 + ":" + strconv.Itoa(serverPort)}},
			{[]string{"--addr=fd00::/8"}, []string{server6 + ":" + strconv.Itoa(serverPort)}},
			{[]string{"--dport=1"}, nil},
		} {
			out, errOut, code := l.netstat(t, ours, append([]string{"--nat", "-n"}, c.args...)...)
			if code != 0 || errOut != "" {
				t.Errorf("%q: exit %d, stderr %q", c.args, code, errOut)
				continue
			}
			var got []string
			for _, r := range textRows(t, out) {
				got = append(got, r[2])
			}
			if strings.Join(got, " ") != strings.Join(c.ports, " ") {
				t.Errorf("%q kept %q, want %q", c.args, got, c.ports)
			}
		}
		_, errOut, code := l.netstat(t, ours, "--nat", "--pid=1")
		if code != 3 || !strings.Contains(errOut, "--pid") {
			t.Errorf("--pid: exit %d, stderr %q", code, errOut)
		}
	})

	t.Run("counters", func(t *testing.T) {
		out, errOut, code := l.netstat(t, ours, "--nat", "-n", "-e")
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		for _, r := range textRows(t, out) {
			if len(r) != 14 {
				t.Fatalf("row %q: want 14 fields with -e", r)
			}
			counts := r[10:]
			if r[0] == "udp" {
				if strings.Join(counts, " ") != "- - - -" {
					t.Errorf("udp entry made before accounting was on shows counters %q", counts)
				}
				continue
			}
			for i, s := range counts {
				n, err := strconv.ParseUint(s, 10, 64)
				if err != nil || n == 0 {
					t.Errorf("%s row: counter %d is %q", r[0], i, s)
				}
			}
		}
	})
}

// checkJSONFlows checks the JSON entries against the traffic sent.
func checkJSONFlows(t *testing.T, flows []flowJSON, tr traffic) {
	t.Helper()
	if len(flows) != 5 {
		t.Fatalf("%d flows, want 5: %+v", len(flows), flows)
	}
	found := map[string]bool{}
	for _, f := range flows {
		o, r := f.Original, f.Reply
		if f.Timeout <= 0 {
			t.Errorf("flow %+v", f)
		}
		if f.Family == "inet6" {
			found["snat6"] = true
			if f.Protocol != "tcp" || !f.SNAT || f.DNAT || o.Src != client6 || o.SPort != tr.snat6Port ||
				o.Dst != server6 || o.DPort != serverPort || r.Src != server6 || r.Dst != routerOut6 {
				t.Errorf("masqueraded TCP over IPv6 %+v", f)
			}
			checkCounters(t, f, true)
			continue
		}
		if f.Family != "inet" || o.Src != clientAddr {
			t.Errorf("flow %+v", f)
		}
		switch {
		case f.Protocol == "tcp" && o.DPort == serverPort:
			found["snat"] = true
			if !f.SNAT || f.DNAT || o.SPort != tr.snatPort || o.Dst != serverAddr ||
				r.Src != serverAddr || r.SPort != serverPort || r.Dst != routerOut || f.State != "ESTABLISHED" {
				t.Errorf("masqueraded TCP flow %+v", f)
			}
			checkCounters(t, f, true)
		case f.Protocol == "tcp" && o.DPort == routerPort:
			found["dnat"] = true
			if f.SNAT || !f.DNAT || o.SPort != tr.dnatPort || o.Dst != routerIn ||
				r.Src != serverAddr || r.SPort != serverPort || r.Dst != clientAddr || r.DPort != tr.dnatPort {
				t.Errorf("port-forwarded TCP flow %+v", f)
			}
			if !contains(f.Status, "dst_nat") || contains(f.Status, "src_nat") {
				t.Errorf("port-forwarded status %q", f.Status)
			}
			checkCounters(t, f, true)
		case f.Protocol == "udp":
			found["udp"] = true
			if !f.SNAT || f.DNAT || o.SPort != tr.udpPort || o.DPort != udpPort || r.Dst != routerOut ||
				!contains(f.Status, "seen_reply") {
				t.Errorf("masqueraded UDP flow %+v", f)
			}
			checkCounters(t, f, false)
		case f.Protocol == "icmp":
			found["icmp"] = true
			if !f.SNAT || f.DNAT || o.ICMP == nil || o.ICMP.Type != 8 || o.ICMP.ID != int(tr.icmpID) ||
				r.ICMP == nil || r.ICMP.Type != 0 || r.Dst != routerOut {
				t.Errorf("masqueraded ICMP flow %+v (orig icmp %+v)", f, o.ICMP)
			}
			checkCounters(t, f, true)
		default:
			t.Errorf("unexpected flow %+v", f)
		}
	}
	if len(found) != 5 {
		t.Errorf("found only %v", found)
	}
}

// checkCounters checks that a flow has counters exactly when it was made
// with accounting on, and that they count both directions.
func checkCounters(t *testing.T, f flowJSON, counted bool) {
	t.Helper()
	c := f.Counters
	if (c != nil) != counted {
		t.Errorf("%s flow: counters %+v, want counted %v", f.Protocol, c, counted)
		return
	}
	if c != nil && (c.Original.Packets == 0 || c.Original.Bytes < 28*c.Original.Packets ||
		c.Reply.Packets == 0 || c.Reply.Bytes < 28*c.Reply.Packets) {
		t.Errorf("%s flow: counters %+v", f.Protocol, *c)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
