package nat

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/gonetstat/netstat/internal/testenv"
)

// Addresses of the lab. The client sits on 10.0.1.0/24, the server on
// 10.0.2.0/24, the router between them masquerades what leaves towards
// the server and forwards routerPort on its client side to serverPort.
const (
	clientAddr = "10.0.1.2"
	routerIn   = "10.0.1.1" // the router on the client's side
	routerOut  = "10.0.2.1" // the router on the server's side
	serverAddr = "10.0.2.2"
	serverPort = 80
	routerPort = 8080
	udpPort    = 5353

	// The same path over IPv6, masqueraded too.
	client6    = "fd00:1::2"
	routerIn6  = "fd00:1::1"
	routerOut6 = "fd00:2::1"
	server6    = "fd00:2::2"
)

// ruleset is the router's nftables configuration: a port forward, and
// masquerading of everything else that leaves towards the server.
var ruleset = fmt.Sprintf(`table ip gnst_nat {
	chain pre {
		type nat hook prerouting priority dstnat;
		iifname "r0" tcp dport %d dnat to %s:%d
	}
	chain post {
		type nat hook postrouting priority srcnat;
		ct status dnat return
		oifname "r1" masquerade
	}
}
table ip6 gnst_nat6 {
	chain post {
		type nat hook postrouting priority srcnat;
		oifname "r1" masquerade
	}
}
`, routerPort, serverAddr, serverPort)

// lab is the three namespaces of one test.
type lab struct {
	client, router, server string
}

// needTools skips (fails under CI) without the commands the lab uses.
func needTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ip", "nft", "sysctl"} {
		if _, err := exec.LookPath(tool); err != nil {
			testenv.Skipf(t, "%s is missing (Debian packages iproute2, nftables, procps)", tool)
		}
	}
}

// newLab builds the namespaces, links, addresses, routes and rules, and
// registers their removal.
func newLab(t *testing.T) *lab {
	t.Helper()
	needTools(t)
	prefix := fmt.Sprintf("gnst-nat-%d-", os.Getpid())
	l := &lab{client: prefix + "client", router: prefix + "router", server: prefix + "server"}
	for _, ns := range []string{l.client, l.router, l.server} {
		run(t, "ip", "netns", "add", ns)
		t.Cleanup(func() { exec.Command("ip", "netns", "delete", ns).Run() })
		run(t, "ip", "-n", ns, "link", "set", "lo", "up")
	}
	run(t, "ip", "link", "add", "c0", "netns", l.client, "type", "veth", "peer", "name", "r0", "netns", l.router)
	run(t, "ip", "link", "add", "s0", "netns", l.server, "type", "veth", "peer", "name", "r1", "netns", l.router)
	for _, a := range []struct{ ns, dev, addr string }{
		{l.client, "c0", clientAddr + "/24"},
		{l.router, "r0", routerIn + "/24"},
		{l.router, "r1", routerOut + "/24"},
		{l.server, "s0", serverAddr + "/24"},
	} {
		run(t, "ip", "-n", a.ns, "addr", "add", a.addr, "dev", a.dev)
		run(t, "ip", "-n", a.ns, "link", "set", a.dev, "up")
	}
	for _, a := range []struct{ ns, dev, addr string }{
		{l.client, "c0", client6 + "/64"},
		{l.router, "r0", routerIn6 + "/64"},
		{l.router, "r1", routerOut6 + "/64"},
		{l.server, "s0", server6 + "/64"},
	} {
		run(t, "ip", "-n", a.ns, "-6", "addr", "add", a.addr, "dev", a.dev, "nodad")
	}
	run(t, "ip", "-n", l.client, "-6", "route", "add", "default", "via", routerIn6)
	run(t, "ip", "-n", l.client, "route", "add", "default", "via", routerIn)
	run(t, "ip", "-n", l.server, "route", "add", "default", "via", routerOut)
	run(t, "ip", "netns", "exec", l.router, "sysctl", "-qw", "net.ipv4.ip_forward=1")
	run(t, "ip", "netns", "exec", l.router, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
	cmd := exec.Command("ip", "netns", "exec", l.router, "nft", "-f", "-")
	cmd.Stdin = strings.NewReader(ruleset)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nft -f: %v\n%s", err, out)
	}
	return l
}

// accounting turns the router's conntrack counters on or off for the
// entries created from now on.
func (l *lab) accounting(t *testing.T, on bool) {
	t.Helper()
	v := "0"
	if on {
		v = "1"
	}
	run(t, "ip", "netns", "exec", l.router, "sysctl", "-qw", "net.netfilter.nf_conntrack_acct="+v)
}

// run runs a command and fails the test if it fails.
func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// inNetns runs fn on a thread of its own that has entered the named
// network namespace: sockets fn opens belong to that namespace and stay
// there. The thread is never handed back to the Go scheduler.
func inNetns(ns string, fn func() error) error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		f, err := os.Open("/run/netns/" + ns)
		if err != nil {
			done <- err
			return
		}
		defer f.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			done <- fmt.Errorf("setns %s: %w", ns, err)
			return
		}
		done <- fn()
	}()
	return <-done
}

// netstat runs the netstat under test in the router's namespace and
// returns its stdout, stderr and exit status.
func (l *lab) netstat(t *testing.T, ours string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command("ip", append([]string{"netns", "exec", l.router, ours}, args...)...)
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("netstat %s: %v", strings.Join(args, " "), err)
	}
	return o.String(), e.String(), cmd.ProcessState.ExitCode()
}
