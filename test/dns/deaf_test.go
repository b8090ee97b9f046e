package dns

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

const (
	connections = 200
	listenPort  = 47113 // no service name in common /etc/services files
	// margin is what a run may take beyond its DNS budget: start-up,
	// reading the tables, printing, and a slow machine.
	margin = 10 * time.Second
	// defaultBudget is names.DefaultBudget, the budget without options.
	defaultBudget = 2 * time.Second
)

// etcFiles are the /etc files netstat sees in the namespace: DNS after
// files for hosts, an empty hosts file (so even 127.0.0.1 goes to DNS) and
// the deaf server as the only name server.
var etcFiles = map[string]string{
	"resolv.conf":   "nameserver 127.0.0.1\n",
	"hosts":         "",
	"nsswitch.conf": "passwd: files\ngroup: files\nhosts: files dns\nnetworks: files\nservices: files\nprotocols: files\n",
}

func TestDeafDNSKeepsBudget(t *testing.T) {
	ns := newNetns(t, etcFiles)
	dns := startDeafDNS(t, ns)
	establish(t, ns, connections, listenPort)
	bin := buildNetstat(t)

	numeric := ns.run(t, margin, bin, "-tan")
	if numeric.exit != 0 || numeric.stderr != "" {
		t.Fatalf("-tan: exit %d, stderr %q", numeric.exit, numeric.stderr)
	}
	if rows := strings.Count(numeric.stdout, "ESTABLISHED"); rows != 2*connections {
		t.Fatalf("-tan shows %d established rows, want %d:\n%s", rows, 2*connections, numeric.stdout)
	}
	if dns.queries.Load() != 0 {
		t.Fatalf("-tan asked DNS %d times", dns.queries.Load())
	}

	for _, c := range []struct {
		args   []string
		budget time.Duration
	}{
		{[]string{"-ta"}, defaultBudget}, // the defaults
		{[]string{"-ta", "--numeric-ports"}, defaultBudget},
		{[]string{"-ta", "--numeric-ports", "--dns-budget=1s", "--dns-timeout=300ms", "--dns-parallel=4"}, time.Second},
	} {
		before := dns.queries.Load()
		named := ns.run(t, 3*(c.budget+margin), bin, c.args...)
		asked := dns.queries.Load() - before
		t.Logf("netstat %s: %v, %d DNS queries", strings.Join(c.args, " "), named.took.Round(time.Millisecond), asked)
		if named.took > c.budget+margin {
			t.Errorf("netstat %s took %v; budget %v + margin %v", strings.Join(c.args, " "), named.took, c.budget, margin)
		}
		if asked == 0 {
			t.Errorf("netstat %s never asked the DNS server: the test proves nothing", strings.Join(c.args, " "))
		}
		if named.exit != 0 || named.stderr != "" {
			t.Errorf("netstat %s: exit %d, stderr %q", strings.Join(c.args, " "), named.exit, named.stderr)
		}
		if err := sameButPortNames(numeric.stdout, named.stdout); err != nil {
			t.Errorf("netstat %s differs from -tan: %v", strings.Join(c.args, " "), err)
		}
	}
}

// sameButPortNames reports how got (hosts not numeric) differs from want
// (-tan) other than by ports shown as service names: every line must have
// the same fields, except that a port may be a name instead of a number.
// Column widths must match too when no port is a name.
func sameButPortNames(want, got string) error {
	if want == got {
		return nil
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		return fmt.Errorf("%d lines, want %d", len(gl), len(wl))
	}
	for i := range wl {
		wf, gf := strings.Fields(wl[i]), strings.Fields(gl[i])
		if len(wf) != len(gf) {
			return fmt.Errorf("line %d is %q, want %q", i+1, gl[i], wl[i])
		}
		named := false
		for j := range wf {
			if wf[j] == gf[j] {
				continue
			}
			wh, _, wok := cutLast(wf[j], ":")
			gh, gp, gok := cutLast(gf[j], ":")
			if !wok || !gok || wh != gh || isNumber(gp) {
				return fmt.Errorf("line %d is %q, want %q", i+1, gl[i], wl[i])
			}
			named = true
		}
		if !named && wl[i] != gl[i] {
			return fmt.Errorf("line %d is %q, want %q", i+1, gl[i], wl[i])
		}
	}
	return nil
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
