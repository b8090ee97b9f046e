package jsonout

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/jsonout/schematest"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// sockets opens the test's sockets: TCP listeners and established pairs
// over IPv4, IPv6 and v4-mapped IPv6, bound UDP sockets and UNIX sockets.
// They are closed at the end of the test.
func openSockets(t *testing.T, pairs int) {
	t.Helper()
	var keep []io.Closer
	t.Cleanup(func() {
		for _, c := range keep {
			c.Close()
		}
	})
	must := func(c io.Closer, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		keep = append(keep, c)
	}
	for _, l := range []struct{ network, addr string }{
		{"tcp4", "127.0.0.1:0"}, {"tcp6", "[::1]:0"}, {"tcp", "[::]:0"},
	} {
		ln, err := net.Listen(l.network, l.addr)
		must(ln, err)
		port := ln.Addr().(*net.TCPAddr).Port
		dial := strings.Replace(l.addr, ":0", ":"+strconv.Itoa(port), 1)
		if l.addr == "[::]:0" {
			dial = "127.0.0.1:" + strconv.Itoa(port) // a v4-mapped peer
		}
		for range pairs {
			c, err := net.Dial("tcp", dial)
			must(c, err)
			s, err := ln.Accept()
			must(s, err)
		}
	}
	for _, a := range []string{"127.0.0.1:0", "[::1]:0"} {
		c, err := net.ListenPacket("udp", a)
		must(c, err)
	}
	name := fmt.Sprintf("@gnst-json-%d", os.Getpid())
	ln, err := net.Listen("unix", name)
	must(ln, err)
	c, err := net.Dial("unix", name)
	must(c, err)
}

// run runs the netstat under test and returns its stdout; a non-zero exit
// or any stderr fails the test.
func run(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(nstest.Ours(), args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() > 0 {
		t.Fatalf("netstat %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.Bytes()
}

func loadSchema(t *testing.T) *schematest.Schema {
	t.Helper()
	s, err := schematest.Load("../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// row is one socket as both outputs can say it.
type row struct {
	label, local, remote, state string
}

// endpointText is an endpoint as -n text shows it: v4-mapped addresses as
// IPv4, port 0 as '*'.
func endpointText(addr string, port int) string {
	a, err := netip.ParseAddr(addr)
	if err == nil {
		addr = a.Unmap().String()
	}
	p := "*"
	if port != 0 {
		p = strconv.Itoa(port)
	}
	return addr + ":" + p
}

// textRows reads the Internet rows of a -tan text listing.
func textRows(t *testing.T, out []byte) []row {
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 6 || !strings.HasPrefix(f[0], "tcp") {
			continue
		}
		split := func(s string) string {
			i := strings.LastIndexByte(s, ':')
			host, port := s[:i], s[i+1:]
			if a, err := netip.ParseAddr(host); err == nil {
				host = a.Unmap().String()
			}
			return host + ":" + port
		}
		rows = append(rows, row{f[0], split(f[3]), split(f[4]), f[5]})
	}
	return rows
}

// jsonRows reads the Internet rows of a --json document.
func jsonRows(t *testing.T, out []byte) []row {
	var doc struct {
		Sockets []struct {
			Kind, Protocol, Family, State string
			Local, Remote                 struct {
				Address string
				Port    int
			}
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	var rows []row
	for _, s := range doc.Sockets {
		label := s.Protocol
		if s.Family == "inet6" {
			label += "6"
		}
		rows = append(rows, row{label, endpointText(s.Local.Address, s.Local.Port), endpointText(s.Remote.Address, s.Remote.Port), s.State})
	}
	return rows
}

func sorted(rows []row) []string {
	var s []string
	for _, r := range rows {
		s = append(s, fmt.Sprintf("%s %s %s %s", r.label, r.local, r.remote, r.state))
	}
	sort.Strings(s)
	return s
}

func perLabel(rows []row) map[string]int {
	m := map[string]int{}
	for _, r := range rows {
		m[r.label]++
	}
	return m
}

// TestSameSocketsAsText compares --json -tan with -tan: the same rows per
// protocol, with the same addresses, ports and states.
func TestSameSocketsAsText(t *testing.T) {
	nstest.Require(t)
	openSockets(t, 5)
	text := textRows(t, run(t, "-tan"))
	js := jsonRows(t, run(t, "--json", "-tan"))
	if len(text) < 3*(1+2*5) {
		t.Fatalf("only %d text rows", len(text))
	}
	if tl, jl := perLabel(text), perLabel(js); fmt.Sprint(tl) != fmt.Sprint(jl) {
		t.Errorf("rows per protocol: text %v, json %v", tl, jl)
	}
	ts, jsr := sorted(text), sorted(js)
	if strings.Join(ts, "\n") != strings.Join(jsr, "\n") {
		t.Errorf("rows differ:\ntext:\n%s\njson:\n%s", strings.Join(ts, "\n"), strings.Join(jsr, "\n"))
	}
}

// TestRealOutputMatchesSchema checks the documents of every table against
// docs/json.md.
func TestRealOutputMatchesSchema(t *testing.T) {
	nstest.Require(t)
	openSockets(t, 2)
	sch := loadSchema(t)
	for _, args := range [][]string{
		{"-tanpe"}, {"-a"}, {"-uanp"}, {"-xap"}, {"-anpoe", "--tcp-info"}, {"-tlnW"},
		{"-r"}, {"-rn", "-A", "inet6"}, {"-ia"}, {"-s"}, {"-s", "-A", "inet6"}, {"-g"}, {"-gn"},
	} {
		out := run(t, append([]string{"--json"}, args...)...)
		for _, e := range sch.Check(out) {
			t.Errorf("netstat --json %s: %v", strings.Join(args, " "), e)
		}
	}
}

// TestOwnersListed checks that -p lists this process as the owner of its
// own sockets.
func TestOwnersListed(t *testing.T) {
	nstest.Require(t)
	openSockets(t, 1)
	var doc struct {
		Sockets []struct {
			Kind   string
			Owners []struct {
				PID     int
				Program string
			}
		}
	}
	if err := json.Unmarshal(run(t, "--json", "-tanp"), &doc); err != nil {
		t.Fatal(err)
	}
	mine := 0
	for _, s := range doc.Sockets {
		if len(s.Owners) > 0 && s.Owners[0].PID == os.Getpid() {
			mine++
		}
	}
	if mine < 3*3 {
		t.Errorf("%d of %d rows owned by this test (pid %d), want at least 9", mine, len(doc.Sockets), os.Getpid())
	}
}

// TestRepeatIsJSONLines checks that -c writes one whole document per
// pass, one per line.
func TestRepeatIsJSONLines(t *testing.T) {
	nstest.Require(t)
	openSockets(t, 1)
	sc := nstest.Repeating(t, "--json", "-c", "-tan")
	deadline := time.Now().Add(20 * time.Second)
	for n := 0; n < 3; n++ {
		if !sc.Scan() || time.Now().After(deadline) {
			t.Fatalf("pass %d: no line (%v)", n, sc.Err())
		}
		var doc map[string]any
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil || doc["table"] != "sockets" {
			t.Fatalf("pass %d: not a document: %v %.200s", n, err, sc.Text())
		}
	}
}
