package routes_test

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/gonetstat/netstat/internal/testenv"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/groups"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/nat"
	"github.com/gonetstat/netstat/internal/routes"
)

// helperEnv carries the netstat arguments (joined by \x1f) to the test
// binary re-executed inside the namespace.
const helperEnv = "GONETSTAT_ROUTES_HELPER_ARGS"

// rootEnv names the fake proc directory the helper reads instead of /proc.
const rootEnv = "GONETSTAT_ROUTES_HELPER_ROOT"

// TestHelperPrint is not a test: run inside a namespace with helperEnv set,
// it is this package's netstat for the compatibility test.
func TestHelperPrint(t *testing.T) {
	argStr, ok := os.LookupEnv(helperEnv)
	if !ok {
		t.Skip("helper process only")
	}
	args := []string{"netstat"}
	if argStr != "" {
		args = append(args, strings.Split(argStr, "\x1f")...)
	}
	out := bufio.NewWriter(os.Stdout)
	opts, rc, done := cli.Parse(args, out, os.Stderr)
	if !done {
		names := etcNamer{}
		root := os.Getenv(rootEnv)
		switch {
		case opts.Mode == cli.ModeRoutes:
			rc = routes.Print(out, os.Stderr, opts, procnet.Routes{Root: root}, names)
		case opts.Mode == cli.ModeMasquerade:
			rc = nat.Print(out, os.Stderr, opts, procnet.Masquerade{Root: root})
		case opts.Mode == cli.ModeSockets && opts.Groups:
			// The socket listing before the groups (-g -6) is not ours.
			rc = groups.Print(out, os.Stderr, opts, &procnet.Groups{Root: root}, names)
		default:
			fmt.Fprintln(os.Stderr, "helper: mode not handled here")
			rc = 99
		}
	}
	out.Flush()
	os.Exit(rc)
}

// etcNamer resolves from /etc/hosts and /etc/networks only, with the glibc
// rules the test's files need: the first name of the first matching hosts
// line, networks numbers padded with zero octets.
type etcNamer struct{}

func (etcNamer) Host(a netip.Addr) (string, bool) {
	data, _ := os.ReadFile("/etc/hosts")
	for _, ln := range strings.Split(string(data), "\n") {
		f := strings.Fields(ln)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if b, err := netip.ParseAddr(f[0]); err == nil && b == a {
			return f[1], true
		}
	}
	return "", false
}

func (etcNamer) Network(a netip.Addr) (string, bool) {
	data, _ := os.ReadFile("/etc/networks")
	for _, ln := range strings.Split(string(data), "\n") {
		f := strings.Fields(ln)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		parts := strings.Split(f[1], ".")
		for len(parts) < 4 {
			parts = append(parts, "0")
		}
		if b, err := netip.ParseAddr(strings.Join(parts, ".")); err == nil && b == a {
			return f[0], true
		}
	}
	return "", false
}

// nsFiles are the namespace's /etc/netns files.
var nsFiles = map[string]string{
	"hosts": "192.0.2.1 gw-one\n192.0.2.254 gw-two.example.org\n" +
		"203.0.113.77 target-host-with-a-long-name\n224.0.0.1 all-systems.mcast.net\n" +
		"239.1.2.3 group-one\n2001:db8:10::1 gw6\n2001:db8:50::1234:5678 longv6name.example\n" +
		"ff02::1 ip6-allnodes\nff05::1234 site-group\n",
	"networks":    "testnet 10.1\nprivate 172.16\nlink-local 169.254.0.0\nzeronet 0.0.0.5\n",
	"resolv.conf": "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
}

// nsSetup is run inside the namespace, one command per line.
const nsSetup = `link set lo up
link add v0 address 02:00:00:00:00:10 type veth peer name averylongifname address 02:00:00:00:00:11
link set v0 up
link set averylongifname up
addr add 192.0.2.10/24 dev v0
addr add 198.51.100.1/24 dev averylongifname
addr add 2001:db8:10::10/64 dev v0 nodad
addr add 2001:db8:20::1/64 dev averylongifname nodad
addr add 239.1.2.3/32 dev v0 autojoin
-6 addr add ff05::1234/128 dev v0 autojoin
route add default via 192.0.2.1
route add 203.0.113.0/24 via 192.0.2.254 metric 5
route add 203.0.113.77/32 via 192.0.2.1
route add 10.1.0.0/16 dev averylongifname mtu lock 1400 window 1000 rtt 10ms
route add 10.2.0.0/16 via 198.51.100.2 advmss 1360 window 2000 rtt 40ms metric 7
route add unreachable 10.3.0.0/16
route add prohibit 10.4.0.0/16
route add blackhole 10.5.0.0/16
route add 172.16.0.0/12 dev averylongifname
route add 169.254.0.0/16 dev v0
route add 0.0.0.0/1 via 192.0.2.254
route add 0.0.0.5/32 dev v0
route add 10.9.8.7/32 dev v0
-6 route add default via 2001:db8:10::1
-6 route add 2001:db8:30::/48 via 2001:db8:10::2 metric 300
-6 route add unreachable 2001:db8:40::/64
-6 route add prohibit 2001:db8:41::/64
-6 route add blackhole 2001:db8:42::/64
-6 route add 2001:db8:50::1234:5678/128 dev v0
-6 route add ::ffff:0:0/96 dev v0
-6 route add ::102:304/128 dev v0
-6 route add 2001:db8:1:2:3:4:5:6/127 via 2001:db8:20::2`

// compatCases are the command lines compared with /usr/bin/netstat.
var compatCases = [][]string{
	{"-r"}, {"-rn"}, {"-rne"}, {"-ree"}, {"-rnee"}, {"-reee"}, {"-reeee"}, {"-reeeee"},
	{"-r", "-6"}, {"-rn6"}, {"-rC"}, {"-rF"}, {"-rCF"}, {"-rN"}, {"-rCn6"}, {"-rCee"},
	{"-r", "-A", "inet6,inet"}, {"-r", "-4", "-6"}, {"-r", "-x"}, {"-r", "-A", "bluetooth"},
	{"-r", "-A", "inet,unix,inet6"}, {"-r", "-A", "econet"}, {"-r", "-A", "ax25"}, {"-r", "-A", "netrom"},
	{"-r", "-A", "rose"}, {"-r", "-A", "ipx"}, {"-r", "-A", "ddp"}, {"-r", "-A", "x25"},
	{"-r", "--numeric-hosts"}, {"-r", "--numeric-ports"}, {"-rv"}, {"-raW"},
	{"-g"}, {"-gn"}, {"-gn", "-6"}, {"-gW"}, {"-g", "--numeric-hosts"}, {"-gv"},
	{"-M"}, {"-Mn"}, {"-Me"},
}

func run(t *testing.T, env []string, name string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	rc := 0
	if ee, ok := err.(*exec.ExitError); ok {
		rc = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return out.String(), errOut.String(), rc
}

// TestCompatNamespace builds a network namespace with routes and groups of
// every kind and compares this package's output with the real netstat.
func TestCompatNamespace(t *testing.T) {
	if os.Getuid() != 0 || testing.Short() {
		testenv.Skip(t, "needs root and a full run")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		testenv.Skip(t, "no ip command")
	}
	if _, err := os.Stat("/usr/bin/netstat"); err != nil {
		testenv.Skip(t, "no /usr/bin/netstat")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ns := fmt.Sprintf("gonetstat-rt-%d", os.Getpid())
	env := []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"}
	etc := filepath.Join("/etc/netns", ns)
	if err := os.MkdirAll(etc, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(etc) })
	for name, text := range nsFiles {
		if err := os.WriteFile(filepath.Join(etc, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, stderr, rc := run(t, env, "ip", "netns", "add", ns); rc != 0 {
		t.Fatalf("ip netns add: %s", stderr)
	}
	t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
	for _, ln := range strings.Split(nsSetup, "\n") {
		args := append([]string{"-n", ns}, strings.Fields(ln)...)
		if _, stderr, rc := run(t, env, "ip", args...); rc != 0 {
			t.Fatalf("ip %s: %s", ln, stderr)
		}
	}
	for _, args := range compatCases {
		compare(t, env, ns, self, "", args)
	}
	roots, err := filepath.Glob("testdata/proc/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range fakeProcCases {
			compare(t, env, ns, self, abs, args)
		}
	}
}

// fakeProcCases are compared on each fixture tree under testdata/proc,
// bind-mounted over /proc for the real netstat.
var fakeProcCases = [][]string{
	{"-r"}, {"-rn"}, {"-rne"}, {"-ree"}, {"-rC"}, {"-rCn"}, {"-rCe"}, {"-rCee"},
	{"-rn6"}, {"-r6"}, {"-rCn6"}, {"-r", "-4", "-6"}, {"-g"}, {"-gn"}, {"-M"},
}

// compare runs netstat ARGS and the helper in namespace ns, on the fake
// proc tree root if it is not empty, and compares the results.
func compare(t *testing.T, env []string, ns, self, root string, args []string) {
	name := strings.Join(args, " ")
	if root != "" {
		name = filepath.Base(root) + ": " + name
	}
	t.Run(name, func(t *testing.T) {
		real := append([]string{"netns", "exec", ns}, "/usr/bin/netstat")
		if root != "" {
			real = append([]string{"netns", "exec", ns, "unshare", "-m", "--", "sh", "-c",
				`mount --bind "$0" /proc && exec "$@"`, root}, "/usr/bin/netstat")
		}
		{
			wantOut, wantErr, wantRC := run(t, env, "ip", append(real, args...)...)
			helper := append(env, helperEnv+"="+strings.Join(args, "\x1f"), rootEnv+"="+root)
			gotOut, gotErr, gotRC := run(t, helper, "ip", "netns", "exec", ns, self, "-test.run=^TestHelperPrint$")
			if i := strings.Index(wantOut, groups.Header); i > 0 {
				wantOut = wantOut[i:] // drop the socket listing of -g -6
			}
			t.Logf("netstat %s (exit %d):\n%s%s", strings.Join(args, " "), wantRC, wantOut, wantErr)
			if gotOut != wantOut {
				t.Errorf("stdout differs:\n--- got\n%s--- want\n%s", gotOut, wantOut)
			}
			if gotErr != wantErr {
				t.Errorf("stderr differs:\n--- got\n%s--- want\n%s", gotErr, wantErr)
			}
			if gotRC != wantRC {
				t.Errorf("exit %d, want %d", gotRC, wantRC)
			}
		}
	})
}
