package filter

import (
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// stateWord is the --state word a printed state stands for: net-tools
// prints unconnected UDP sockets with a blank state and listening UNIX
// sockets as LISTENING.
func stateWord(r row) string {
	switch {
	case r.state == "" && r.proto != "unix":
		return "CLOSE"
	case r.proto == "unix" && r.state == "":
		return "CLOSE"
	case r.state == "LISTENING":
		return "LISTEN"
	}
	return r.state
}

func inPrefix(p string, a netip.Addr) bool {
	return netip.MustParsePrefix(p).Contains(a.Unmap())
}

func isUnix(r row) bool { return r.proto == "unix" }

func TestFilters(t *testing.T) {
	w := setUp(t)
	self := os.Getpid()
	either := func(port int) func(r row) bool {
		return func(r row) bool {
			return !isUnix(r) && (int(r.local.Port()) == port || int(r.remote.Port()) == port)
		}
	}
	cases := []struct {
		display string
		filters []string
		keep    func(r row) bool
	}{
		{"-tuan", []string{"--state=LISTEN"}, func(r row) bool { return r.state == "LISTEN" }},
		{"-tuan", []string{"--state=established,close"}, func(r row) bool {
			return stateWord(r) == "ESTABLISHED" || stateWord(r) == "CLOSE"
		}},
		{"-tuan", []string{"--state=Connected"}, func(r row) bool { return r.state == "ESTABLISHED" }},
		{"-tuan", []string{fmt.Sprintf("--port=%d", w.v4Port)}, either(w.v4Port)},
		{"-tuan", []string{fmt.Sprintf("--sport=%d,%d", w.v6Port, w.udpPort)}, func(r row) bool {
			return int(r.local.Port()) == w.v6Port || int(r.local.Port()) == w.udpPort
		}},
		{"-tuan", []string{fmt.Sprintf("--dport=%d", w.ulaPort)}, func(r row) bool { return int(r.remote.Port()) == w.ulaPort }},
		{"-tuan", []string{fmt.Sprintf("--port=%d-%d", min(w.v4Port, w.dualPort), max(w.v4Port, w.dualPort))}, func(r row) bool {
			lo, hi := uint16(min(w.v4Port, w.dualPort)), uint16(max(w.v4Port, w.dualPort))
			in := func(p uint16) bool { return p >= lo && p <= hi }
			return in(r.local.Port()) || in(r.remote.Port())
		}},
		{"-tuan", []string{"--addr=127.0.0.2"}, func(r row) bool {
			return inPrefix("127.0.0.2/32", r.local.Addr()) || inPrefix("127.0.0.2/32", r.remote.Addr())
		}},
		{"-tuan", []string{"--addr=127.0.0.0/24"}, func(r row) bool {
			return inPrefix("127.0.0.0/24", r.local.Addr()) || inPrefix("127.0.0.0/24", r.remote.Addr())
		}},
		{"-tuan", []string{"--addr=fd00::/8,::1"}, func(r row) bool {
			m := func(a netip.Addr) bool { return inPrefix("fd00::/8", a) || a == netip.IPv6Loopback() }
			return m(r.local.Addr()) || m(r.remote.Addr())
		}},
		{"-tuan", []string{"--addr=fd00::2/128"}, func(r row) bool {
			return r.local.Addr() == netip.MustParseAddr("fd00::2") || r.remote.Addr() == netip.MustParseAddr("fd00::2")
		}},
		{"-tuan", []string{fmt.Sprintf("--pid=%d", w.holderPID)}, func(r row) bool { return r.pid == w.holderPID }},
		{"-tuanp", []string{fmt.Sprintf("--pid=%d,%d", w.holderPID, self)}, func(r row) bool {
			return r.pid == w.holderPID || r.pid == self
		}},
		{"-tuanp", []string{"--program-name=" + holderName}, func(r row) bool { return r.program == holderName }},
		{"-tuane", []string{"--user=nobody"}, func(r row) bool { return r.uid == nobodyUID }},
		{"-tuan", []string{"--user=0"}, func(r row) bool { return r.uid == 0 }},
		{"-tuanl", []string{"--state=LISTEN", "--addr=127.0.0.0/8"}, func(r row) bool {
			return r.state == "LISTEN" && inPrefix("127.0.0.0/8", r.local.Addr())
		}},
		{"-tuan", []string{"--state=established", "--user=root", fmt.Sprintf("--dport=%d", w.dualPort)}, func(r row) bool {
			return r.state == "ESTABLISHED" && r.uid == 0 && int(r.remote.Port()) == w.dualPort
		}},
		{"-tuanep", []string{"--program-name=" + holderName, "--state=LISTEN"}, func(r row) bool {
			return r.program == holderName && r.state == "LISTEN"
		}},
		{"-ax", []string{"--program-name=" + holderName}, func(r row) bool { return r.program == holderName }},
		{"-axp", []string{"--state=listen"}, func(r row) bool { return stateWord(r) == "LISTEN" }},
		{"-ax", []string{"--port=1-65535"}, func(r row) bool { return false }},
		{"-tuan", []string{"--state=FREE"}, func(r row) bool { return false }},
	}
	for _, c := range cases {
		name := c.display + " " + strings.Join(c.filters, " ")
		t.Run(name, func(t *testing.T) {
			shown, rows := reference(t, c.display)
			want := expected(shown, rows, c.keep)
			// Only the filters that keep nothing by design see no row.
			empty := c.filters[0] == "--port=1-65535" || c.filters[0] == "--state=FREE"
			if kept := countRows(want); kept == 0 != empty {
				t.Fatalf("the world gives this filter %d rows to keep: the test sees nothing", kept)
			}
			got := run(t, nstest.Ours(), append([]string{c.display}, c.filters...)...)
			if got != want {
				t.Errorf("netstat %s\ngot:\n%s\nwant (net-tools' lines that match):\n%s", name, got, want)
			}
		})
	}
}

// TestKernelReaderAgrees runs a state filter over the /proc reader too: the
// kernel-side state mask (sock_diag) must not change the result.
func TestKernelReaderAgrees(t *testing.T) {
	setUp(t)
	for _, f := range []string{"--state=LISTEN", "--state=established", "--state=close", "--state=FREE"} {
		nl := run(t, nstest.Ours(), "-tuan", f)
		t.Setenv("NETSTAT_READER", "proc")
		proc := run(t, nstest.Ours(), "-tuan", f)
		os.Unsetenv("NETSTAT_READER")
		if nl != proc {
			t.Errorf("%s: sock_diag and /proc readers differ:\n%s\n---\n%s", f, nl, proc)
		}
	}
}

// countRows counts the socket rows of a listing.
func countRows(text string) int {
	n := 0
	for _, l := range lines(text) {
		if isRow(l) {
			n++
		}
	}
	return n
}
