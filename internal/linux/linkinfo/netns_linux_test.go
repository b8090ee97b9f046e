package linkinfo

import (
	"bytes"
	"fmt"
	"github.com/gonetstat/netstat/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const realNetstat = "/usr/bin/netstat"

// netnsLab is a pair of network namespaces made for one test run.
type netnsLab struct {
	t        *testing.T
	ns, peer string
}

// needLab skips unless the test can make namespaces and run the real
// netstat.
func needLab(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("short mode")
	}
	if os.Geteuid() != 0 {
		testenv.Skip(t, "needs root for network namespaces")
	}
	for _, p := range []string{realNetstat} {
		if _, err := os.Stat(p); err != nil {
			testenv.Skip(t, "no "+p)
		}
	}
	if _, err := exec.LookPath("ip"); err != nil {
		testenv.Skip(t, "no ip command")
	}
}

func (l *netnsLab) run(args ...string) {
	l.t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		l.t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// ipns runs "ip -n NS ...".
func (l *netnsLab) ipns(ns string, args ...string) {
	l.t.Helper()
	l.run(append([]string{"ip", "-n", ns}, args...)...)
}

// newLab builds the namespaces: sysctls that keep IPv6 quiet, veth pairs
// with fixed addresses, alias labels, a down interface with a 15-byte name,
// a jumbo MTU, IPv6 addresses of every scope, a tun device, PROMISC and
// ALLMULTI flags, and some ping traffic.
func newLab(t *testing.T) *netnsLab {
	id := fmt.Sprintf("%d", os.Getpid())
	l := &netnsLab{t: t, ns: "lkt" + id, peer: "lkp" + id}
	l.run("ip", "netns", "add", l.ns)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", l.ns).Run() })
	l.run("ip", "netns", "add", l.peer)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", l.peer).Run() })

	for _, ns := range []string{l.ns, l.peer} {
		for _, kv := range []string{
			"net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
			"net.ipv6.conf.all.router_solicitations=0", "net.ipv6.conf.default.router_solicitations=0",
			"net.ipv6.conf.all.accept_ra=0", "net.ipv6.conf.default.accept_ra=0",
			"net.ipv6.conf.all.force_mld_version=2", "net.ipv6.conf.default.force_mld_version=2",
			"net.ipv6.conf.all.mldv2_unsolicited_report_interval=100000000",
			"net.ipv6.conf.default.mldv2_unsolicited_report_interval=100000000",
			"net.ipv4.conf.all.force_igmp_version=3",
		} {
			// Not every kernel has every knob; a missing one only makes
			// the counters noisier.
			exec.Command("ip", "netns", "exec", ns, "sysctl", "-q", "-w", kv).Run()
		}
		l.ipns(ns, "link", "set", "lo", "up")
	}

	n := l.ns
	l.ipns(n, "link", "add", "vethA0", "address", "02:00:00:00:0a:00", "type", "veth",
		"peer", "name", "vethA1", "address", "02:00:00:00:0a:01")
	l.ipns(n, "link", "set", "vethA1", "netns", l.peer)
	l.ipns(n, "link", "set", "vethA0", "mtu", "9000")
	l.ipns(l.peer, "link", "set", "vethA1", "mtu", "9000")
	l.ipns(n, "addr", "add", "192.0.2.10/24", "brd", "+", "dev", "vethA0")
	l.ipns(n, "addr", "add", "192.0.2.20/24", "dev", "vethA0", "label", "vethA0:1")
	l.ipns(n, "addr", "add", "192.0.2.21/24", "dev", "vethA0", "label", "vethA0:lbl")
	l.ipns(n, "addr", "add", "192.0.2.22/24", "dev", "vethA0", "label", "vethA0:1234567")
	l.ipns(n, "addr", "add", "2001:db8:1::10/64", "dev", "vethA0")
	l.ipns(n, "addr", "add", "fec0::10/64", "dev", "vethA0")
	l.ipns(n, "addr", "add", "::102:304/96", "dev", "vethA0")
	l.ipns(n, "link", "set", "vethA0", "up")
	l.ipns(l.peer, "addr", "add", "192.0.2.11/24", "dev", "vethA1")
	l.ipns(l.peer, "addr", "add", "2001:db8:1::11/64", "dev", "vethA1")
	l.ipns(l.peer, "link", "set", "vethA1", "up")

	// Both ends of this pair stay here; the first is down.
	l.ipns(n, "link", "add", "averylongname01", "address", "02:00:00:00:0b:01", "type", "veth",
		"peer", "name", "averylongname02", "address", "02:00:00:00:0b:02")
	l.ipns(n, "addr", "add", "198.51.100.1/24", "dev", "averylongname01")
	l.ipns(n, "link", "set", "averylongname02", "up", "promisc", "on", "allmulticast", "on")
	l.ipns(n, "link", "set", "averylongname02", "mtu", "1280")

	l.ipns(n, "tuntap", "add", "mode", "tun", "name", "tun0")
	l.ipns(n, "addr", "add", "10.9.9.1", "peer", "10.9.9.2/32", "dev", "tun0")
	l.ipns(n, "addr", "add", "fe80::99/64", "dev", "tun0")
	l.ipns(n, "link", "set", "tun0", "up")
	l.ipns(n, "addr", "add", "127.0.0.5/8", "dev", "lo", "label", "lo:5")

	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"192.0.2.11:9", "[2001:db8:1::11]:9", "127.0.0.1:9"} {
		c := exec.Command("ip", "netns", "exec", n, self, "-test.run=^TestHelperTraffic$")
		c.Env = append(os.Environ(), trafficEnv+"="+to)
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("traffic to %s: %v\n%s", to, err, out)
		}
	}
	l.waitQuiet()
	return l
}

// waitQuiet waits until /proc/net/dev of the namespace stops changing.
func (l *netnsLab) waitQuiet() {
	var last []byte
	stable := 0
	for i := 0; i < 40 && stable < 3; i++ {
		out, _ := exec.Command("ip", "netns", "exec", l.ns, "cat", "/proc/net/dev").Output()
		if bytes.Equal(out, last) {
			stable++
		} else {
			stable = 0
		}
		last = out
		time.Sleep(250 * time.Millisecond)
	}
}

// result is what one run printed.
type result struct {
	stdout, stderr string
	code           int
}

// fakeProcNet wraps a command so that it runs with a tmpfs over its own
// /proc/PID/net, holding the files of dir (none if dir is "-").
func fakeProcNet(dir string, cmd []string) []string {
	script := `mount -t tmpfs none /proc/$$/net || exit 99
if [ "$0" != - ]; then cp "$0"/* /proc/$$/net/ || exit 98; fi
exec "$@"`
	return append([]string{"unshare", "-m", "sh", "-c", script, dir}, cmd...)
}

// exec runs cmd in the lab namespace. With interrupt set, it is stopped
// with SIGINT after that long.
func (l *netnsLab) exec(env []string, cmd []string, interrupt time.Duration) result {
	l.t.Helper()
	c := exec.Command("ip", append([]string{"netns", "exec", l.ns}, cmd...)...)
	c.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	c.Stdout, c.Stderr = &o, &e
	if err := c.Start(); err != nil {
		l.t.Fatal(err)
	}
	if interrupt > 0 {
		timer := time.AfterFunc(interrupt, func() { c.Process.Signal(syscall.SIGINT) })
		defer timer.Stop()
	}
	err := c.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		l.t.Fatal(err)
	}
	return result{o.String(), e.String(), code}
}

// firstPass keeps the title and the first header-and-rows pass of -c
// output (the header line starts every pass in the short format; in the
// long format passes are cut at the first repeated interface block).
func firstPass(s string) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) < 3 {
		return s
	}
	seen := map[string]bool{}
	for i := 1; i < len(lines); i++ {
		if seen[lines[i]] && (strings.HasPrefix(lines[i], "Iface ") || strings.Contains(lines[i], ": flags=")) {
			return strings.Join(lines[:i], "")
		}
		seen[lines[i]] = true
	}
	return s
}

type labCase struct {
	args []string
	// fake names a directory of files for a tmpfs /proc/net ("-" for an
	// empty one); "" runs on the real /proc.
	fake      string
	continous bool
}

func TestNetnsDifferential(t *testing.T) {
	needLab(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	l := newLab(t)
	fixtures, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}

	cases := []labCase{
		{args: []string{"-i"}},
		{args: []string{"-ia"}},
		{args: []string{"-ie"}},
		{args: []string{"-iea"}},
		{args: []string{"-in"}},
		{args: []string{"-iW"}},
		{args: []string{"-iaW"}},
		{args: []string{"-ien"}},
		{args: []string{"-iee"}},
		{args: []string{"-ieea"}},
		{args: []string{"-i", "-4"}},
		{args: []string{"-i", "-6"}},
		{args: []string{"-iN"}},
		{args: []string{"-ic"}, continous: true},
		{args: []string{"-iaec"}, continous: true},
		{args: []string{"-ia"}, fake: "-"},
		{args: []string{"-iea"}, fake: "-"},
		{args: []string{"-ia"}, fake: filepath.Join(fixtures, "lab_huge")},
		{args: []string{"-iea"}, fake: filepath.Join(fixtures, "lab_huge")},
		{args: []string{"-ia"}, fake: filepath.Join(fixtures, "lab_v1")},
		{args: []string{"-iea"}, fake: filepath.Join(fixtures, "lab_v2")},
		{args: []string{"-iea"}, fake: filepath.Join(fixtures, "lab_odd")},
		{args: []string{"-ia"}, fake: filepath.Join(fixtures, "lab_missing_dev")},
	}
	for _, c := range cases {
		name := strings.Join(c.args, " ")
		if c.fake != "" {
			name += " fake=" + filepath.Base(c.fake)
		}
		t.Run(name, func(t *testing.T) {
			ours := []string{self, "-test.run=^TestHelperPrint$"}
			theirs := append([]string{realNetstat}, c.args...)
			if c.fake != "" {
				ours = fakeProcNet(c.fake, ours)
				theirs = fakeProcNet(c.fake, theirs)
			}
			env := []string{helperEnv + "=" + strings.Join(c.args, "\x1f")}
			var interrupt time.Duration
			if c.continous {
				interrupt = 1500 * time.Millisecond
			}
			var want, got result
			// Counters may still move between the two runs: try again.
			for try := 0; try < 3; try++ {
				want = l.exec(nil, theirs, interrupt)
				got = l.exec(env, ours, interrupt)
				if c.continous {
					want.stdout, got.stdout = firstPass(want.stdout), firstPass(got.stdout)
					want.code, got.code = 0, 0
				}
				if want == got {
					break
				}
			}
			if got.stdout != want.stdout {
				t.Errorf("stdout differs\n--- netstat\n%s--- ours\n%s", want.stdout, got.stdout)
			}
			if got.stderr != want.stderr {
				t.Errorf("stderr differs\n--- netstat\n%s--- ours\n%s", want.stderr, got.stderr)
			}
			if got.code != want.code {
				t.Errorf("exit %d, netstat %d", got.code, want.code)
			}
			if t.Failed() || testing.Verbose() {
				t.Logf("netstat output:\n%s%s", want.stdout, want.stderr)
			}
		})
	}
}
