package filter

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/testenv"
	"github.com/gonetstat/netstat/test/internal/nstest"
	"golang.org/x/sys/unix"
)

// holderName is argv[0] of the helper process, the program name -p shows
// (short enough that the 20-column PID/Program name column keeps it whole).
const holderName = "gnst-fholder"

// nobodyUID owns some of the sockets, so that --user has two users to tell
// apart.
const nobodyUID = 65534

// world is the set of sockets the tests look at. They live as long as the
// test binary (inside its private namespace, which dies with it).
type world struct {
	// holder holds its sockets until its stdin closes: it must stay
	// reachable, or the collector closes the pipe and the holder exits.
	holder    *nstest.Holder
	holderPID int
	// Ports of some listeners, for the port filters.
	v4Port, v6Port, ulaPort, dualPort, udpPort, nobodyPort int
}

var (
	worldOnce sync.Once
	theWorld  *world
	worldErr  error
	keep      []io.Closer
)

// setUp builds the world once: it needs root and ip(8), and runs inside
// the namespace nstest made.
func setUp(t *testing.T) *world {
	t.Helper()
	nstest.Require(t)
	nstest.RequireReference(t)
	if _, err := exec.LookPath("ip"); err != nil {
		testenv.Skip(t, "ip (iproute2) is missing")
	}
	worldOnce.Do(func() { theWorld, worldErr = build() })
	if worldErr != nil {
		t.Fatal(worldErr)
	}
	return theWorld
}

func hold(c io.Closer, err error) error {
	if err == nil {
		keep = append(keep, c)
	}
	return err
}

// listen opens a TCP listener and returns its port.
func listen(network, addr string) (int, error) {
	ln, err := net.Listen(network, addr)
	if err := hold(ln, err); err != nil {
		return 0, err
	}
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// connect opens a TCP connection from local to remote and accepts nothing:
// the kernel completes the handshake into the listener's backlog, so both
// ends are ESTABLISHED rows (the server end with no owner yet).
func connect(network, local, remote string, ln int) error {
	d := net.Dialer{}
	if local != "" {
		a, err := net.ResolveTCPAddr(network, local)
		if err != nil {
			return err
		}
		d.LocalAddr = a
	}
	return hold(d.Dial(network, fmt.Sprintf(remote, ln)))
}

func build() (*world, error) {
	w := &world{}
	for _, a := range []string{"fd00::1/128", "fd00::2/128"} {
		if out, err := exec.Command("ip", "-6", "addr", "add", a, "dev", "lo", "nodad").CombinedOutput(); err != nil {
			return nil, fmt.Errorf("ip addr add %s: %v: %s", a, err, out)
		}
	}
	var err error
	step := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	step(func() (e error) { w.v4Port, e = listen("tcp4", "127.0.0.1:0"); return })
	step(func() error { return connect("tcp4", "127.0.0.2:0", "127.0.0.1:%d", w.v4Port) })
	step(func() (e error) { w.v6Port, e = listen("tcp6", "[::1]:0"); return })
	step(func() error { return connect("tcp6", "", "[::1]:%d", w.v6Port) })
	step(func() (e error) { w.ulaPort, e = listen("tcp6", "[fd00::1]:0"); return })
	step(func() error { return connect("tcp6", "[fd00::2]:0", "[fd00::1]:%d", w.ulaPort) })
	// A dual-stack listener and an IPv4 client: the accepted socket is a
	// tcp6 row with IPv4-mapped addresses.
	step(func() (e error) { w.dualPort, e = listen("tcp", "[::]:0"); return })
	step(func() error { return connect("tcp4", "127.0.0.3:0", "127.0.0.1:%d", w.dualPort) })
	step(func() error {
		c, e := net.ListenPacket("udp4", "0.0.0.0:0")
		if e == nil {
			w.udpPort = c.LocalAddr().(*net.UDPAddr).Port
		}
		return hold(c, e)
	})
	step(func() error { return hold(net.Dial("udp4", fmt.Sprintf("127.0.0.1:%d", w.udpPort))) })
	step(func() error { return hold(net.ListenPacket("udp6", "[::1]:0")) })
	step(func() error { return hold(net.Listen("unix", "@gnst-filter-test")) })
	step(func() error { return asNobody(w) })
	if err != nil {
		return nil, err
	}
	h, err := nstest.StartHolder(holderName)
	if err != nil {
		return nil, err
	}
	// The holder dies with this process (PR_SET_PDEATHSIG).
	w.holder, w.holderPID = h, h.PID()
	return w, waitHolder(h.PID())
}

// asNobody opens a TCP listener and a UDP socket owned by uid 65534: the
// socket's uid is the fsuid of the thread that creates it.
func asNobody(w *world) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	unix.Setfsuid(nobodyUID)
	defer unix.Setfsuid(0)
	var err error
	w.nobodyPort, err = listen("tcp4", "127.0.0.4:0")
	if err != nil {
		return err
	}
	return hold(net.ListenPacket("udp4", "127.0.0.4:0"))
}

// holderSockets is how many sockets the nstest holder opens.
const holderSockets = 7

// waitHolder waits until the holder has opened its sockets.
func waitHolder(pid int) error {
	deadline := time.Now().Add(10 * time.Second)
	for ; time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// Until it has run execve, the child has this process's argv and
		// descriptors (sockets included).
		argv, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if !strings.HasPrefix(string(argv), holderName+"\x00") {
			continue
		}
		ents, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		n := 0
		for _, e := range ents {
			if l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, e.Name())); err == nil && strings.HasPrefix(l, "socket:") {
				n++
			}
		}
		if n >= holderSockets {
			return nil
		}
	}
	return fmt.Errorf("holder %d did not open its %d sockets", pid, holderSockets)
}
