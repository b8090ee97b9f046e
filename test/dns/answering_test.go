package dns

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/testenv"
)

// reference is net-tools' netstat.
const reference = "/usr/bin/netstat"

// answeringEtc are the /etc files of the answering server's namespace:
// hosts before DNS, localhost in the hosts file, and the server as the
// only name server. One try of one second per query keeps the
// reference's wait for the silent address to a second (glibc's default is
// two tries of five); Go's resolver reads the same options. There is no
// "options edns0", so neither sends EDNS(0).
var answeringEtc = map[string]string{
	"resolv.conf":   "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
	"hosts":         "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
	"nsswitch.conf": "passwd: files\ngroup: files\nhosts: files dns\nnetworks: files\nservices: files\nprotocols: files\n",
}

// requireReference skips t, or fails it under CI, without net-tools.
func requireReference(t *testing.T) {
	t.Helper()
	if st, err := os.Stat(reference); err != nil || st.Mode()&0o111 == 0 {
		testenv.Skip(t, reference+" (net-tools) is missing")
	}
}

// compared are the listings compared with the reference: sockets with
// and without listeners and with the extended columns, the IPv4 route
// table in two layouts, the IPv6 one, and multicast groups.
var compared = [][]string{
	{"-ta"}, {"-t"}, {"-tae"}, {"-r"}, {"-re"}, {"-r", "-6"}, {"-g"},
}

// sequentialLimit bounds "-ta" with one lookup at a time: answered
// lookups take milliseconds each, while every lookup that waited for its
// one-second timeout would add a second. The test checks that at least
// 2×5 names were asked, so a run whose names all timed out would take at
// least twice the limit, and a run that really got its answers stays two
// orders of magnitude below it even on a loaded machine.
const sequentialLimit = 5 * time.Second

func TestAnsweringDNSMatchesNetTools(t *testing.T) {
	ns := newNetns(t, answeringEtc)
	requireReference(t)
	buildNetwork(t, ns)
	socks := newSockets(t, ns)
	buildSockets(t, socks)
	srv := startAnsweringDNS(t, ns, dnsTable())
	bin := buildNetstat(t)

	// Before the silent address has a socket, every name of "-ta" is
	// answered: one lookup after another, they must come quickly.
	sequential := []string{"-ta", "--dns-parallel=1", "--dns-budget=20s"}
	r := ns.run(t, time.Minute, bin, sequential...)
	asked := srv.namesAsked()
	t.Logf("netstat %s: %v for %d names", strings.Join(sequential, " "), r.took.Round(time.Millisecond), asked)
	if asked < 2*int(sequentialLimit/time.Second) {
		t.Errorf("netstat %s asked about %d names: too few for the time limit to prove anything", strings.Join(sequential, " "), asked)
	}
	if r.took > sequentialLimit {
		t.Errorf("netstat %s took %v for %d names, want under %v: lookups waited for their timeout",
			strings.Join(sequential, " "), r.took, asked, sequentialLimit)
	}

	connectSilent(t, socks)
	for _, args := range compared {
		ref := ns.run(t, 30*time.Second, reference, args...)
		ours := ns.run(t, 30*time.Second, bin, args...)
		t.Logf("netstat %s: reference %v, ours %v", strings.Join(args, " "), ref.took.Round(time.Millisecond), ours.took.Round(time.Millisecond))
		if d := differences(ref, ours); d != "" {
			t.Errorf("netstat %s differs from %s:\n%s", strings.Join(args, " "), reference, d)
		}
	}
	checkServerSaw(t, srv)
}

// checkServerSaw fails t unless every query the server got was well formed
// and plain (no EDNS(0), as glibc asks without "options edns0"), some
// needed TCP, and every name of the table was asked about.
func checkServerSaw(t *testing.T, srv *answeringDNS) {
	t.Helper()
	t.Logf("server: %d UDP and %d TCP queries, %d answers truncated, %d with OPT, %d malformed",
		srv.udpQueries.Load(), srv.tcpQueries.Load(), srv.truncated.Load(), srv.withOPT.Load(), srv.malformed.Load())
	if n := srv.malformed.Load(); n != 0 {
		t.Errorf("the server got %d messages that were no DNS query (length-prefixed datagrams, bad TCP framing?)", n)
	}
	if n := srv.withOPT.Load(); n != 0 {
		t.Errorf("the server got %d queries with an EDNS(0) OPT record; resolv.conf does not ask for it", n)
	}
	if srv.truncated.Load() == 0 || srv.tcpQueries.Load() == 0 {
		t.Errorf("%d UDP answers truncated, %d TCP queries: the TCP case was not exercised", srv.truncated.Load(), srv.tcpQueries.Load())
	}
	for name := range srv.table {
		if srv.timesAsked(name) == 0 {
			t.Errorf("nobody asked about %s: its case was not exercised", name)
		}
	}
}

// differences describes how got differs from want, or returns "".
func differences(want, got result) string {
	var b strings.Builder
	if want.exit != got.exit {
		fmt.Fprintf(&b, "exit %d, want %d\n", got.exit, want.exit)
	}
	if want.stderr != got.stderr {
		fmt.Fprintf(&b, "stderr %q, want %q\n", got.stderr, want.stderr)
	}
	if want.stdout != got.stdout {
		wl, gl := strings.Split(want.stdout, "\n"), strings.Split(got.stdout, "\n")
		for i := range max(len(wl), len(gl)) {
			w, g := lineAt(wl, i), lineAt(gl, i)
			if w != g {
				fmt.Fprintf(&b, "line %d:\n  got  %q\n  want %q\n", i+1, g, w)
			}
		}
	}
	return b.String()
}

// lineAt returns lines[i], or "<none>" past the end.
func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<none>"
}
