package tcpinfo

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/testenv"
	"github.com/gonetstat/netstat/test/internal/nstest"
	"golang.org/x/sys/unix"
)

// Addresses of the two ends of the veth pair: near is the test's own
// namespace, far the peer namespace.
const (
	nearAddr = "10.77.0.1"
	farAddr  = "10.77.0.2"
	// oneWay is the netem delay on each side, so the round trip is twice it.
	oneWayMS = 20
)

// peer is the far namespace, made for one test and deleted after it.
type peer struct {
	name string // ip netns name
	path string // /run/netns/NAME
}

// peers counts the peer namespaces made, for their names.
var peers int

// requireTools skips (fails under CI) without ip and tc.
func requireTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ip", "tc"} {
		if _, err := exec.LookPath(tool); err != nil {
			testenv.Skipf(t, "%s (iproute2) is missing", tool)
		}
	}
}

// command runs name with args and fails t with its output on error.
func command(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// newPeer makes a namespace joined to the test's one by a link with
// nearAddr/24 here and farAddr/24 there, delayed oneWayMS each way: a veth
// pair with netem on both sides, or, on a kernel without sch_netem, two
// TUN devices whose packets this process carries across with the delay.
// The namespace and the link are removed when t ends.
func newPeer(t *testing.T) *peer {
	t.Helper()
	requireTools(t)
	peers++
	p := &peer{name: fmt.Sprintf("gnst-tcpinfo-%d-%d", os.Getpid(), peers)}
	p.path = "/run/netns/" + p.name
	command(t, "ip", "netns", "add", p.name)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", p.name).Run() })
	command(t, "ip", "-n", p.name, "link", "set", "lo", "up")
	if p.netemWorks() {
		p.vethNetem(t)
	} else {
		t.Log("no sch_netem in this kernel: delaying over TUN devices instead")
		p.tunRelay(t)
	}
	command(t, "ip", "addr", "add", nearAddr+"/24", "dev", nearLink)
	command(t, "ip", "link", "set", nearLink, "up")
	command(t, "ip", "-n", p.name, "addr", "add", farAddr+"/24", "dev", farLink)
	command(t, "ip", "-n", p.name, "link", "set", farLink, "up")
	return p
}

// Names of the two ends of the link.
const (
	nearLink = "gti0"
	farLink  = "gti1"
)

// netemWorks reports whether the kernel has the netem qdisc, trying it on
// the peer's loopback.
func (p *peer) netemWorks() bool {
	if exec.Command("tc", "-n", p.name, "qdisc", "add", "dev", "lo", "root", "netem", "delay", "0ms").Run() != nil {
		return false
	}
	exec.Command("tc", "-n", p.name, "qdisc", "del", "dev", "lo", "root").Run()
	return true
}

// vethNetem makes the veth pair and delays both sides with netem.
func (p *peer) vethNetem(t *testing.T) {
	t.Helper()
	command(t, "ip", "link", "add", nearLink, "type", "veth", "peer", "name", farLink, "netns", p.name)
	// The peer namespace lives on while its sockets close; the link goes
	// now, so that the next test can make it again.
	t.Cleanup(func() { exec.Command("ip", "link", "del", nearLink).Run() })
	delay := fmt.Sprintf("%dms", oneWayMS)
	command(t, "tc", "qdisc", "add", "dev", nearLink, "root", "netem", "delay", delay)
	command(t, "tc", "-n", p.name, "qdisc", "add", "dev", farLink, "root", "netem", "delay", delay)
}

// listen opens a TCP listener on farAddr inside the peer namespace. The
// socket is made on a thread moved into that namespace; the thread is left
// locked, so the runtime ends it with the goroutine.
func (p *peer) listen(t *testing.T) net.Listener {
	t.Helper()
	type result struct {
		l   net.Listener
		err error
	}
	done := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		fd, err := unix.Open(p.path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			done <- result{err: err}
			return
		}
		defer unix.Close(fd)
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			done <- result{err: fmt.Errorf("setns %s: %w", p.path, err)}
			return
		}
		l, err := net.Listen("tcp4", farAddr+":0")
		done <- result{l, err}
	}()
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	t.Cleanup(func() { r.l.Close() })
	return r.l
}

// netstat runs the netstat under test with args, in the peer namespace
// when p is not nil, with extra environment variables, and returns its
// stdout and stderr; a non-zero exit fails t.
func netstat(t *testing.T, p *peer, env []string, args ...string) (string, string) {
	t.Helper()
	var cmd *exec.Cmd
	if p != nil {
		cmd = exec.Command("ip", append([]string{"netns", "exec", p.name, nstest.Ours()}, args...)...)
	} else {
		cmd = exec.Command(nstest.Ours(), args...)
	}
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("netstat %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// congestionControl returns the default congestion control of the
// namespace (the peer's when p is not nil).
func congestionControl(t *testing.T, p *peer) string {
	t.Helper()
	if p == nil {
		b, err := os.ReadFile("/proc/sys/net/ipv4/tcp_congestion_control")
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(b))
	}
	return strings.TrimSpace(command(t, "ip", "netns", "exec", p.name, "cat", "/proc/sys/net/ipv4/tcp_congestion_control"))
}
