package dns

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// ednsCases are resolver configurations (resolv.conf text after the
// nameserver line, and RES_OPTIONS) on either side of glibc's decision to
// send EDNS(0).
var ednsCases = []struct {
	conf, resOptions string
}{
	{"", ""},
	{"options edns0\n", ""},
	{"options ndots:2 edns0 timeout:1\n", ""},
	{"options ndots:2\noptions edns0\n", ""},
	{"options edns0\noptions ndots:2\n", ""},
	{"# options edns0\n", ""},
	{"; options edns0\n", ""},
	{" options edns0\n", ""},
	{"\toptions edns0\n", ""},
	{"options\tedns0\n", ""},
	{"options edns0x\n", ""},
	{"options edns0:1\n", ""},
	{"options xedns0\n", ""},
	{"options ndots:1 # edns0\n", ""},
	{"Options edns0\n", ""},
	{"optionsedns0\n", ""},
	{"options edns0\r\n", ""},
	{"options ndots:1\vedns0\n", ""},
	{"options\vedns0\n", ""},
	{"", "edns0"},
	{"", "ndots:1 edns0"},
	{"", "edns0x"},
	{"", " edns0 "},
	{"options ndots:1\n", "edns0"},
}

// TestEDNSDecisionMatchesGlibc runs the reference and ours with each
// configuration and compares whether their queries carried an OPT record.
func TestEDNSDecisionMatchesGlibc(t *testing.T) {
	ns := newNetns(t, answeringEtc)
	requireReference(t)
	srv := startAnsweringDNS(t, ns, map[string]answer{})
	bin := buildNetstat(t)
	conf := filepath.Join("/etc/netns", ns.name, "resolv.conf")
	for _, c := range ednsCases {
		if err := os.WriteFile(conf, []byte("nameserver 127.0.0.1\n"+c.conf), 0o644); err != nil {
			t.Fatal(err)
		}
		var env []string
		if c.resOptions != "" {
			env = []string{"RES_OPTIONS=" + c.resOptions}
		}
		ref, ours := sendsEDNS(t, ns, srv, env, reference), sendsEDNS(t, ns, srv, env, bin)
		t.Logf("options %q, RES_OPTIONS %q: glibc sends EDNS(0): %v", c.conf, c.resOptions, ref)
		if ours != ref {
			t.Errorf("options %q, RES_OPTIONS %q: ours sends EDNS(0): %v, glibc: %v", c.conf, c.resOptions, ours, ref)
		}
	}
}

// sendsEDNS runs "netstat -g" (a few group addresses to look up) and
// reports whether its DNS queries carried an OPT record.
func sendsEDNS(t *testing.T, ns *netns, srv *answeringDNS, env []string, netstat string) bool {
	t.Helper()
	queries, withOPT := srv.udpQueries.Load()+srv.tcpQueries.Load(), srv.withOPT.Load()
	ns.runEnv(t, 30*time.Second, env, netstat, "-g")
	queries = srv.udpQueries.Load() + srv.tcpQueries.Load() - queries
	withOPT = srv.withOPT.Load() - withOPT
	if queries == 0 {
		t.Fatalf("%s -g asked no DNS query: the case proves nothing", netstat)
	}
	return withOPT > 0
}
