package jsonout

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/jsonout/schematest"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

func schema(t *testing.T) *schematest.Schema {
	t.Helper()
	s, err := schematest.Load("../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// parseArgs is cli.Parse for a test command line.
func parseArgs(t *testing.T, args ...string) *cli.Options {
	t.Helper()
	var out, errOut bytes.Buffer
	opts, code, done := cli.Parse(append([]string{"netstat", "--json"}, args...), &out, &errOut)
	if done {
		t.Fatalf("netstat %v: exit %d: %s", args, code, errOut.String())
	}
	return opts
}

// listing runs one Sockets pass over src and returns stdout, stderr and
// the status, after checking stdout against the schema.
func listing(t *testing.T, src sockets.Source, ix *owners.Index, args ...string) (map[string]any, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	s := &Sockets{Out: &out, Err: &errOut, Opts: parseArgs(t, args...), Src: src, Names: &fakeNames{},
		Owners: func() *owners.Index { return ix }, Groups: fakeGroups{}}
	rc := s.Pass()
	for _, e := range schema(t).Check(out.Bytes()) {
		t.Errorf("netstat --json %v: %v", args, e)
	}
	if n := bytes.Count(out.Bytes(), []byte("\n")); n != 1 || !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
		t.Errorf("netstat --json %v: %d lines, want one document on one line", args, n)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("netstat --json %v: %v\n%s", args, err, out.String())
	}
	return doc, errOut.String(), rc
}

// rowsOf returns "kind/protocol/family/state" per socket row.
func rowsOf(doc map[string]any) []string {
	var rows []string
	list, _ := doc["sockets"].([]any)
	for _, r := range list {
		m := r.(map[string]any)
		fam, _ := m["family"].(string)
		rows = append(rows, m["kind"].(string)+"/"+m["protocol"].(string)+"/"+fam+"/"+m["state"].(string))
	}
	return rows
}

func TestSelection(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-tn"}, "inet/tcp/inet/ESTABLISHED"},
		{[]string{"-tln"}, "inet/tcp/inet/LISTEN inet/tcp/inet6/LISTEN"},
		{[]string{"-tan", "-4"}, "inet/tcp/inet/LISTEN inet/tcp/inet/ESTABLISHED"},
		{[]string{"-tan", "-6"}, "inet/tcp/inet6/LISTEN"},
		{[]string{"-uan"}, "inet/udp/inet/CLOSE"},
		{[]string{"-xa"}, "unix/unix//LISTENING unix/unix//CONNECTED"},
		{[]string{"-xl"}, "unix/unix//LISTENING"},
		{[]string{"-San"}, "sctp_endpoint/sctp/inet/LISTEN sctp_association/sctp/inet/ESTABLISHED"},
		{[]string{"-an"}, "inet/tcp/inet/LISTEN inet/tcp/inet/ESTABLISHED inet/tcp/inet6/LISTEN " +
			"sctp_endpoint/sctp/inet/LISTEN sctp_association/sctp/inet/ESTABLISHED inet/udp/inet/CLOSE " +
			"unix/unix//LISTENING unix/unix//CONNECTED"},
	} {
		doc, stderr, rc := listing(t, farm(), nil, c.args...)
		if got := strings.Join(rowsOf(doc), " "); got != c.want {
			t.Errorf("netstat --json %v:\n got %s\nwant %s", c.args, got, c.want)
		}
		if rc != 0 || stderr != "" {
			t.Errorf("netstat --json %v: rc %d, stderr %q", c.args, rc, stderr)
		}
	}
}

func TestInetFields(t *testing.T) {
	doc, _, _ := listing(t, farm(), nil, "-tn")
	row := doc["sockets"].([]any)[0].(map[string]any)
	local := row["local"].(map[string]any)
	if local["address"] != "127.0.0.1" || local["port"] != 40000.0 || row["recv_q"] != 3.0 || row["send_q"] != 4.0 {
		t.Errorf("row %v", row)
	}
	if _, ok := local["host"]; ok {
		t.Errorf("-n row has a host name: %v", local)
	}
	timer := row["timer"].(map[string]any)
	if timer["kind"] != "keepalive" || timer["remaining_ms"] != 7120.0 {
		t.Errorf("timer %v", timer)
	}
	info := row["tcp_info"].(map[string]any)
	if info["rtt_us"] != 1500.0 || info["snd_cwnd_segments"] != 10.0 || info["congestion"] != "cubic" {
		t.Errorf("tcp_info %v", info)
	}
	if _, ok := row["owners"]; ok {
		t.Errorf("owners without -p: %v", row)
	}
}

func TestNamesOnlyWhereTheTextShowsThem(t *testing.T) {
	doc, _, _ := listing(t, farm(), nil, "-te")
	row := doc["sockets"].([]any)[0].(map[string]any)
	local, remote := row["local"].(map[string]any), row["remote"].(map[string]any)
	if local["host"] != "localhost" || local["service"] != "40000" || remote["service"] != "ssh" || local["address"] != "127.0.0.1" {
		t.Errorf("named endpoints: %v %v", local, remote)
	}
	if _, ok := row["user"]; ok {
		t.Errorf("uid 1000 has no name but got user: %v", row)
	}
	doc, _, _ = listing(t, farm(), nil, "-tle", "--numeric-ports")
	row = doc["sockets"].([]any)[0].(map[string]any)
	if row["user"] != "root" {
		t.Errorf("-e row without user name: %v", row)
	}
	if _, ok := row["local"].(map[string]any)["service"]; ok {
		t.Errorf("--numeric-ports row has a service: %v", row)
	}
}

func TestEveryOwner(t *testing.T) {
	ix := owners.NewIndex()
	ix.Add(101, owners.Owner{PID: 7, Program: "client"})
	ix.Add(101, owners.Owner{PID: 8, Program: "fork"})
	doc, _, _ := listing(t, farm(), ix, "-tnp")
	row := doc["sockets"].([]any)[0].(map[string]any)
	got, _ := json.Marshal(row["owners"])
	if string(got) != `[{"pid":7,"program":"client"},{"pid":8,"program":"fork"}]` {
		t.Errorf("owners %s", got)
	}
}

func TestUnixPathEscaped(t *testing.T) {
	doc, _, _ := listing(t, farm(), nil, "-xan")
	row := doc["sockets"].([]any)[1].(map[string]any)
	if row["path"] != "bad\ufffdname\n" || row["type"] != "DGRAM" {
		t.Errorf("row %v", row)
	}
	flags := doc["sockets"].([]any)[0].(map[string]any)["flags"].([]any)
	if len(flags) != 1 || flags[0] != "ACC" {
		t.Errorf("listener flags %v", flags)
	}
}

func TestMissingTableKeepsDocumentWhole(t *testing.T) {
	src := farm()
	delete(src.inet, tableKey{sockets.UDP, false})
	doc, stderr, rc := listing(t, src, nil, "-tun")
	if rc != 1 || !strings.Contains(stderr, "no support for `AF INET (udp)'") {
		t.Errorf("rc %d stderr %q", rc, stderr)
	}
	if len(rowsOf(doc)) != 1 {
		t.Errorf("rows %v", rowsOf(doc))
	}
}

func TestGroups(t *testing.T) {
	doc, _, _ := listing(t, farm(), nil, "-gn")
	if _, ok := doc["sockets"]; ok {
		t.Errorf("-g alone lists sockets")
	}
	g := doc["groups"].([]any)
	if len(g) != 2 || g[0].(map[string]any)["interface"] != "lo" || g[1].(map[string]any)["group"] != "ff02::1" {
		t.Errorf("groups %v", g)
	}
}

// countingWriter records the largest single write.
type countingWriter struct {
	writes, largest, total int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	w.largest = max(w.largest, len(p))
	w.total += len(p)
	return len(p), nil
}

func TestStreams(t *testing.T) {
	const n = 20000
	w := &countingWriter{}
	s := &Sockets{Out: w, Err: &bytes.Buffer{}, Opts: parseArgs(t, "-tn"), Src: &bigFarm{n: n}, Names: &fakeNames{}}
	if rc := s.Pass(); rc != 0 {
		t.Fatalf("rc %d", rc)
	}
	if w.largest > flushAt+4096 || w.writes < w.total/(flushAt+4096) {
		t.Errorf("%d bytes in %d writes, largest %d: not streamed in blocks", w.total, w.writes, w.largest)
	}
	if w.total < n*100 {
		t.Errorf("only %d bytes for %d rows", w.total, n)
	}
}

func TestOtherTables(t *testing.T) {
	sch := schema(t)
	for _, c := range []struct {
		args []string
		run  func(out, errOut *bytes.Buffer, o *cli.Options) int
		want []string
	}{
		{[]string{"-r"}, func(out, errOut *bytes.Buffer, o *cli.Options) int {
			return Routes(out, errOut, o, fakeRoutes{}, &fakeNames{})
		}, []string{`"destination_name":"default"`, `"prefix_length":24`, `"flags":["UP","GATEWAY"]`}},
		{[]string{"-rn", "-A", "inet6"}, func(out, errOut *bytes.Buffer, o *cli.Options) int {
			return Routes(out, errOut, o, fakeRoutes{}, &fakeNames{})
		}, []string{`"family":"inet6","destination":"::1","prefix_length":128`, `"metric":-1`}},
		{[]string{"-i"}, func(out, errOut *bytes.Buffer, o *cli.Options) int { return Interfaces(out, errOut, o, fakeLinks{}) },
			[]string{`"name":"lo"`, `"rx_bytes":10`, `"hardware_address":"00:00:00:00:00:00"`, `"ipv6":[{"address":"::1"`}},
		{[]string{"-s"}, func(out, errOut *bytes.Buffer, o *cli.Options) int { return Statistics(out, errOut, o, fakeStats{}) },
			[]string{`"MaxConn":-1`, `"TCPTimeouts":7`, `"name":"Ip"`}},
		{[]string{"-s", "-u"}, func(out, errOut *bytes.Buffer, o *cli.Options) int { return Statistics(out, errOut, o, fakeStats{}) },
			[]string{`"sections":[]`}},
	} {
		var out, errOut bytes.Buffer
		if rc := c.run(&out, &errOut, parseArgs(t, c.args...)); rc != 0 {
			t.Errorf("%v: rc %d, stderr %s", c.args, rc, errOut.String())
		}
		for _, e := range sch.Check(out.Bytes()) {
			t.Errorf("%v: %v", c.args, e)
		}
		for _, w := range c.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%v: no %s in\n%s", c.args, w, out.String())
			}
		}
	}
	var out bytes.Buffer
	Interfaces(&out, &out, parseArgs(t, "-i"), fakeLinks{})
	if strings.Contains(out.String(), "eth1") {
		t.Errorf("-i lists a down interface: %s", out.String())
	}
}
