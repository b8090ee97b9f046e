package check

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/ti-mo/conntrack"
	"golang.org/x/sys/unix"
)

// scenarios build the conditions, in the process's own network namespace.
// Each returns once the condition is up; goroutines it starts keep it up
// until the process ends.
var scenarios = map[string]func() error{
	"healthy":    func() error { return nil },
	"listen":     listenNeverAccepts,
	"synflood":   synFlood,
	"closewait":  closeWaitLeak,
	"ports":      tinyPortRange,
	"timewait":   timeWaitFull,
	"conntrack":  trackedFlows,
	"interfaces": interfaceDrops,
	"udp":        udpOverflow,
}

// runScenario builds the condition name, says "ready" on stdout and keeps
// it until stdin closes.
func runScenario(name string) int {
	build, ok := scenarios[name]
	if !ok {
		fmt.Fprintln(os.Stderr, "check: unknown scenario", name)
		return 125
	}
	if err := sh("ip", "link", "set", "lo", "up"); err != nil {
		fmt.Fprintln(os.Stderr, "check:", err)
		return 1
	}
	if err := build(); err != nil {
		fmt.Fprintf(os.Stderr, "check: scenario %s: %v\n", name, err)
		return 1
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// sh runs a command, returning its output with the error.
func sh(name string, args ...string) error {
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s %v: %v: %s", name, args, err, out)
	}
	return nil
}

// sysctl writes a setting of this namespace under /proc/sys.
func sysctl(path, value string) error {
	return os.WriteFile("/proc/sys/"+path, []byte(value), 0o644)
}

// listenBacklog opens a TCP listener on addr with the given backlog
// (net.Listen always asks for somaxconn).
func listenBacklog(addr netip.AddrPort, backlog int) (int, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if err := unix.Bind(fd, &unix.SockaddrInet4{Port: int(addr.Port()), Addr: addr.Addr().As4()}); err != nil {
		return -1, err
	}
	return fd, unix.Listen(fd, backlog)
}

// kept holds connections for the life of the scenario.
var kept struct {
	sync.Mutex
	conns []net.Conn
}

// keep holds c until the scenario ends.
func keep(c net.Conn) {
	kept.Lock()
	kept.conns = append(kept.conns, c)
	kept.Unlock()
}

// listenNeverAccepts: a listener with a backlog of 1 that never accepts,
// and clients that keep connecting to it.
func listenNeverAccepts() error {
	if _, err := listenBacklog(netip.MustParseAddrPort("127.0.0.1:7001"), 1); err != nil {
		return err
	}
	go func() {
		for {
			if c, err := net.DialTimeout("tcp4", "127.0.0.1:7001", 300*time.Millisecond); err == nil {
				keep(c)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	time.Sleep(500 * time.Millisecond)
	return nil
}

// acceptAll accepts every connection on l and hands it to serve.
func acceptAll(l net.Listener, serve func(net.Conn)) {
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			serve(c)
		}
	}()
}

// closeWaitLeak: a server that accepts and never closes, whose 15 clients
// have all closed: 15 sockets in CLOSE_WAIT held by this program.
func closeWaitLeak() error {
	l, err := net.Listen("tcp4", "127.0.0.1:7003")
	if err != nil {
		return err
	}
	acceptAll(l, keep)
	for range 15 {
		c, err := net.Dial("tcp4", "127.0.0.1:7003")
		if err != nil {
			return err
		}
		c.Close()
	}
	time.Sleep(300 * time.Millisecond)
	return nil
}

// tinyPortRange: ip_local_port_range of 10 ports, 9 of them connected to
// one server.
func tinyPortRange() error {
	if err := sysctl("net/ipv4/ip_local_port_range", "40000 40009"); err != nil {
		return err
	}
	l, err := net.Listen("tcp4", "127.0.0.1:7004")
	if err != nil {
		return err
	}
	acceptAll(l, keep)
	for range 9 {
		c, err := net.Dial("tcp4", "127.0.0.1:7004")
		if err != nil {
			return err
		}
		keep(c)
	}
	return nil
}

// timeWaitFull: tcp_max_tw_buckets of 4 and 10 connections this side
// closed first, so the TIME_WAIT table is full.
func timeWaitFull() error {
	if err := sysctl("net/ipv4/tcp_max_tw_buckets", "4"); err != nil {
		return err
	}
	l, err := net.Listen("tcp4", "127.0.0.1:7005")
	if err != nil {
		return err
	}
	acceptAll(l, func(c net.Conn) {
		go func() { io.Copy(io.Discard, c); c.Close() }()
	})
	for range 10 {
		c, err := net.Dial("tcp4", "127.0.0.1:7005")
		if err != nil {
			return err
		}
		c.Close()
	}
	time.Sleep(300 * time.Millisecond)
	return nil
}

// trackedFlows: 50 connections put into this namespace's conntrack table
// over ctnetlink (nf_conntrack_max cannot be lowered outside the initial
// namespace, so the test lowers the threshold instead).
func trackedFlows() error {
	c, err := conntrack.Dial(nil)
	if err != nil {
		return err
	}
	defer c.Close()
	for i := range 50 {
		f := conntrack.NewFlow(unix.IPPROTO_UDP, 0,
			netip.AddrFrom4([4]byte{10, 1, 0, byte(i + 1)}), netip.MustParseAddr("10.2.0.1"),
			uint16(10000+i), 53, 600, 0)
		if err := c.Create(f); err != nil {
			return fmt.Errorf("conntrack create: %w", err)
		}
	}
	return nil
}

// interfaceDrops: a veth pair, and frames of an unknown protocol sent
// into it, which the receiving side drops (its RX dropped counter rises).
func interfaceDrops() error {
	if err := sh("ip", "link", "add", "gnst0", "type", "veth", "peer", "name", "gnst1"); err != nil {
		return err
	}
	for _, dev := range []string{"gnst0", "gnst1"} {
		if err := sh("ip", "link", "set", dev, "up"); err != nil {
			return err
		}
	}
	ifi, err := net.InterfaceByName("gnst0")
	if err != nil {
		return err
	}
	const etherType = 0x88b5 // IEEE local experimental: no handler
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	frame := make([]byte, 60)
	copy(frame, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	copy(frame[6:], ifi.HardwareAddr)
	binary.BigEndian.PutUint16(frame[12:], etherType)
	to := &unix.SockaddrLinklayer{Ifindex: ifi.Index, Protocol: htons(etherType), Halen: 6}
	copy(to.Addr[:], frame[:6])
	go func() {
		for {
			unix.Sendto(fd, frame, 0, to)
			time.Sleep(5 * time.Millisecond)
		}
	}()
	time.Sleep(200 * time.Millisecond)
	return nil
}

// htons swaps a 16-bit value to network order.
func htons(v uint16) uint16 { return v<<8 | v>>8 }

// udpOverflow: a UDP socket with a tiny receive buffer that is never read,
// and a sender that keeps sending to it.
func udpOverflow() error {
	rx, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:7009")))
	if err != nil {
		return err
	}
	rx.SetReadBuffer(1024)
	tx, err := net.DialUDP("udp4", nil, rx.LocalAddr().(*net.UDPAddr))
	if err != nil {
		return err
	}
	go func() {
		msg := make([]byte, 1000)
		for {
			tx.Write(msg)
			time.Sleep(2 * time.Millisecond)
		}
	}()
	time.Sleep(200 * time.Millisecond)
	return nil
}
