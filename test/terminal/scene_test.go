package terminal

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/gonetstat/netstat/internal/testenv"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// scene is the namespace the tests look at.
type scene struct {
	// ns is the name `ip netns exec` knows the namespace by.
	ns string
	// dir holds the filesystem UNIX sockets.
	dir string
	// pids are the holders' PIDs, in the order of holders.
	pids []int
}

// newScene builds the scene; everything it makes is removed when t ends
// (the interfaces and holders also die with the namespace, which is the
// test binary's own).
func newScene(t *testing.T) *scene {
	t.Helper()
	nstest.Require(t)
	nstest.RequireReference(t)
	if _, err := exec.LookPath("ip"); err != nil {
		testenv.Skip(t, "ip (iproute2) is missing")
	}
	s := &scene{dir: t.TempDir()}
	s.ns = nstest.Named(t, map[string]string{
		"hosts":       hostsFile,
		"networks":    "loopback\t127.0.0.0\n",
		"resolv.conf": "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
	})
	quietIPv6(t)
	addLinks(t)
	for _, h := range holders {
		s.pids = append(s.pids, startHolder(t, h, s.dir))
	}
	return s
}

// quietIPv6 turns IPv6 off for interfaces made from now on: neighbour
// discovery would otherwise send packets at random times and change the
// counters of -i between the runs that are compared.
func quietIPv6(t *testing.T) {
	t.Helper()
	err := os.WriteFile("/proc/sys/net/ipv6/conf/default/disable_ipv6", []byte("1\n"), 0o644)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}

// addLinks makes the two veth pairs with hostile names, their addresses
// and routes: 192.0.2.77 and 192.0.2.78 for the holders, a host route to
// 203.0.113.9 and a network route through the second pair.
func addLinks(t *testing.T) {
	t.Helper()
	ip(t, "link", "add", "name", evilLink, "type", "veth", "peer", "name", evilLinkPeer)
	t.Cleanup(func() { exec.Command("ip", "link", "del", evilLink).Run() })
	ip(t, "link", "add", "name", badLink, "type", "veth", "peer", "name", badLinkPeer)
	t.Cleanup(func() { exec.Command("ip", "link", "del", badLink).Run() })
	for _, l := range []string{evilLink, evilLinkPeer, badLink, badLinkPeer} {
		ip(t, "link", "set", l, "up")
	}
	ip(t, "addr", "add", "192.0.2.77/24", "dev", evilLink)
	ip(t, "addr", "add", "192.0.2.78/24", "dev", evilLinkPeer)
	ip(t, "route", "add", "203.0.113.9/32", "dev", evilLink)
	ip(t, "route", "add", "198.51.100.0/24", "dev", badLink)
}

// ip runs ip(8) in the test's namespace and fails t if it fails.
func ip(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %q: %v: %s", args, err, out)
	}
}

// startHolder starts a holder for h, waits until its sockets are open and
// returns its PID; it is killed by PID when t ends.
func startHolder(t *testing.T, h hostileHolder, dir string) int {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := &exec.Cmd{Path: self, Args: []string{h.argv0}}
	cmd.Env = append(os.Environ(), envHolder+"="+holderSpec(h, dir))
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(cmd.Process.Pid, syscall.SIGKILL)
		stdin.Close()
		cmd.Wait()
	})
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "ready\n" {
		t.Fatalf("holder %q did not start (said %q)", h.argv0, line)
	}
	return cmd.Process.Pid
}

// program is the -p text net-tools makes for holder i: "PID/name", the
// name being argv[0] after its last '/' when it starts with '/', cut to
// 19 bytes.
func (s *scene) program(i int) string {
	name := holders[i].argv0
	if strings.HasPrefix(name, "/") {
		name = name[strings.LastIndexByte(name, '/')+1:]
	}
	text := strconv.Itoa(s.pids[i]) + "/" + name
	if len(text) > 19 {
		text = text[:19]
	}
	return text
}
