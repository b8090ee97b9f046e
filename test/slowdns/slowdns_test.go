// Package slowdns checks, end to end, that a DNS server that never answers
// cannot hold the built netstat up beyond its DNS budget: in a network
// namespace of its own, with a deaf DNS server on 127.0.0.1:53 and about
// 200 established loopback connections whose addresses no hosts file
// names, "netstat -ta" must finish within the budget plus a margin and
// print the numbers "netstat -tan" prints.
package slowdns

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// result is one netstat run.
type result struct {
	stdout, stderr string
	exit           int
	took           time.Duration
}

// buildNetstat builds ./cmd/netstat as the project ships it.
func buildNetstat(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "netstat")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/gonetstat/netstat/cmd/netstat")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// run runs bin with args in ns through `ip netns exec`, which mounts the
// namespace's /etc files and then executes bin itself (same PID, which
// CommandContext kills if the run outlives limit).
func (ns *netns) run(t *testing.T, limit time.Duration, bin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, ns.ip, append([]string{"netns", "exec", ns.name, bin}, args...)...)
	cmd.Env = []string{"LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout.String(), stderr.String(), 0, time.Since(start)}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("netstat %s still running after %v: killed", strings.Join(args, " "), limit)
	case errors.As(err, &ee):
		r.exit = ee.ExitCode()
	case err != nil:
		t.Fatalf("netstat %s: %v", strings.Join(args, " "), err)
	}
	return r
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
