package dns

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/gonetstat/netstat/internal/testenv"
)

// nsPrefix starts the name of every namespace (and /etc/netns directory)
// this test makes; the PID of the test process follows it.
const nsPrefix = "gnst-dns-"

// netns is a network namespace made for one test, with /etc/netns files
// that `ip netns exec` mounts over /etc for the commands it runs.
type netns struct {
	ip   string // path of iproute2's ip
	name string
}

// newNetns creates the namespace with loopback up and the given files in
// /etc/netns/NAME; t.Cleanup removes both. Leftovers of killed runs are
// removed first.
func newNetns(t *testing.T, files map[string]string) *netns {
	t.Helper()
	if os.Geteuid() != 0 {
		testenv.Skip(t, "needs root to create a network namespace")
	}
	ip, err := exec.LookPath("ip")
	if err != nil {
		testenv.Skip(t, "needs iproute2's ip: ", err)
	}
	sweepStale(ip)
	ns := &netns{ip: ip, name: nsPrefix + strconv.Itoa(os.Getpid())}
	if out, err := exec.Command(ip, "netns", "add", ns.name).CombinedOutput(); err != nil {
		t.Fatalf("ip netns add %s: %v\n%s", ns.name, err, out)
	}
	t.Cleanup(func() { ns.remove() })
	dir := filepath.Join("/etc/netns", ns.name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(ip, "-n", ns.name, "link", "set", "lo", "up").CombinedOutput(); err != nil {
		t.Fatalf("ip link set lo up: %v\n%s", err, out)
	}
	return ns
}

// remove deletes the namespace and its /etc/netns directory.
func (ns *netns) remove() {
	exec.Command(ns.ip, "netns", "del", ns.name).Run()
	os.RemoveAll(filepath.Join("/etc/netns", ns.name))
}

// staleRE matches the names newNetns makes.
var staleRE = regexp.MustCompile("^" + nsPrefix + `(\d+)$`)

// sweepStale removes the namespaces and /etc/netns directories of runs
// whose process no longer exists (a run killed before its cleanups).
func sweepStale(ip string) {
	var names []string
	out, _ := exec.Command(ip, "netns", "list").Output()
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			names = append(names, f[0])
		}
	}
	entries, _ := os.ReadDir("/etc/netns")
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, name := range names {
		m := staleRE.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		if _, err := os.Stat("/proc/" + m[1]); os.IsNotExist(err) {
			(&netns{ip: ip, name: name}).remove()
		}
	}
}

// inside runs f on an OS thread that has joined the namespace, so the
// sockets f creates belong to it. The thread stays locked and is thrown
// away when f returns; no other goroutine ever runs in the namespace.
func (ns *netns) inside(f func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		fd, err := unix.Open("/run/netns/"+ns.name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			errc <- err
			return
		}
		err = unix.Setns(fd, unix.CLONE_NEWNET)
		unix.Close(fd)
		if err != nil {
			errc <- fmt.Errorf("setns %s: %w", ns.name, err)
			return
		}
		errc <- f()
	}()
	return <-errc
}

// deafDNS is a DNS server that reads every query and never answers, on UDP
// and TCP port 53 of 127.0.0.1 in a namespace.
type deafDNS struct {
	udp     net.PacketConn
	tcp     net.Listener
	queries atomic.Int64 // UDP datagrams and TCP connections received
}

// startDeafDNS starts the server in ns; t.Cleanup stops it.
func startDeafDNS(t *testing.T, ns *netns) *deafDNS {
	t.Helper()
	d := &deafDNS{}
	err := ns.inside(func() error {
		var err error
		if d.udp, err = net.ListenPacket("udp4", "127.0.0.1:53"); err != nil {
			return err
		}
		d.tcp, err = net.Listen("tcp4", "127.0.0.1:53")
		return err
	})
	if err != nil {
		t.Fatalf("deaf DNS server: %v", err)
	}
	t.Cleanup(func() { d.udp.Close(); d.tcp.Close() })
	go func() {
		buf := make([]byte, 65536)
		for {
			if _, _, err := d.udp.ReadFrom(buf); err != nil {
				return
			}
			d.queries.Add(1)
		}
	}()
	go func() {
		for {
			c, err := d.tcp.Accept()
			if err != nil {
				return
			}
			d.queries.Add(1)
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				for {
					if _, err := c.Read(buf); err != nil {
						return
					}
				}
			}()
		}
	}()
	return d
}

// establish makes n established TCP connections in ns from 127.0.0.2,
// 127.0.0.3, ... to a listener on 127.0.0.1:port and keeps both ends open
// until the test ends.
func establish(t *testing.T, ns *netns, n, port int) {
	t.Helper()
	var fds []int
	t.Cleanup(func() {
		for _, fd := range fds {
			unix.Close(fd)
		}
	})
	err := ns.inside(func() error {
		lfd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return err
		}
		fds = append(fds, lfd)
		unix.SetsockoptInt(lfd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
		if err := unix.Bind(lfd, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}); err != nil {
			return fmt.Errorf("bind listener: %w", err)
		}
		if err := unix.Listen(lfd, n+16); err != nil {
			return err
		}
		for i := range n {
			cfd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
			if err != nil {
				return err
			}
			fds = append(fds, cfd)
			peer := [4]byte{127, 0, byte((i + 2) >> 8), byte(i + 2)}
			if err := unix.Bind(cfd, &unix.SockaddrInet4{Addr: peer}); err != nil {
				return fmt.Errorf("bind %v: %w", peer, err)
			}
			if err := unix.Connect(cfd, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}); err != nil {
				return fmt.Errorf("connect from %v: %w", peer, err)
			}
		}
		for range n {
			afd, _, err := unix.Accept4(lfd, unix.SOCK_CLOEXEC)
			if err != nil {
				return fmt.Errorf("accept: %w", err)
			}
			fds = append(fds, afd)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("establishing %d connections: %v", n, err)
	}
}
