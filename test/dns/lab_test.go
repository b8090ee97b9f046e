package dns

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// ipBatch runs the ip commands of lines (one per line, without "ip")
// in ns, and fails t on error.
func (ns *netns) ipBatch(t *testing.T, lines []string) {
	t.Helper()
	cmd := exec.Command(ns.ip, "-n", ns.name, "-batch", "-")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ip -batch: %v\n%s", err, out)
	}
}

// noTimeWait makes closed TCP connections in ns disappear at once instead
// of lingering in TIME_WAIT, where the TCP queries of one run would show
// in the next run's listing.
func (ns *netns) noTimeWait(t *testing.T) {
	t.Helper()
	err := ns.inside(func() error {
		// /proc/sys/net shows the namespace of the thread that opens it.
		return os.WriteFile("/proc/sys/net/ipv4/tcp_max_tw_buckets", []byte("0"), 0)
	})
	if err != nil {
		t.Fatalf("no TIME_WAIT: %v", err)
	}
}

// buildNetwork makes the lab's interfaces, addresses and routes in ns.
func buildNetwork(t *testing.T, ns *netns) {
	t.Helper()
	ns.noTimeWait(t)
	lines := []string{
		"link add dns0 type veth peer name dns1",
		"link set dns0 up",
		"link set dns1 up",
		"addr add " + server4.String() + "/24 dev dns0",
		"addr add " + silent4.String() + "/24 dev dns0",
		"addr add " + server6.String() + "/64 dev dns0 nodad",
	}
	for i, h := range gateways4() {
		lines = append(lines,
			"addr add "+h.addr.String()+"/24 dev dns0",
			"route add "+routeDest(i).String()+"/32 via "+h.addr.String()+" dev dns0")
	}
	lines = append(lines, "route add "+routeNetwork+" via "+peers4[0].addr.String()+" dev dns0")
	for _, h := range peers6 {
		lines = append(lines, "addr add "+h.addr.String()+"/64 dev dns0 nodad")
	}
	for i, g := range gateways6 {
		dest := netip.PrefixFrom(routeDest6(i), 64).Masked()
		if i == 0 {
			dest = netip.PrefixFrom(routeDest6(i), 128)
		}
		lines = append(lines, "route add "+dest.String()+" via "+g.addr.String()+" dev dns0")
	}
	ns.ipBatch(t, lines)
}

// sockets holds the lab's socket descriptors until the test ends.
type sockets struct {
	ns  *netns
	fds []int
}

// newSockets returns an empty set whose descriptors t.Cleanup closes.
func newSockets(t *testing.T, ns *netns) *sockets {
	s := &sockets{ns: ns}
	t.Cleanup(func() {
		for _, fd := range s.fds {
			unix.Close(fd)
		}
	})
	return s
}

// socket opens a socket and keeps it; called on a thread inside the
// namespace (see netns.inside), it belongs to the namespace.
func (s *sockets) socket(family, typ int) (int, error) {
	fd, err := unix.Socket(family, typ|unix.SOCK_CLOEXEC, 0)
	if err == nil {
		s.fds = append(s.fds, fd)
	}
	return fd, err
}

// sockaddr is a's socket address with port, in a's family.
func sockaddr(a netip.Addr, port int) unix.Sockaddr {
	if a.Is4() {
		return &unix.SockaddrInet4{Addr: a.As4(), Port: port}
	}
	return &unix.SockaddrInet6{Addr: a.As16(), Port: port}
}

// listen opens a TCP listener on a:port; v6only 0 makes an IPv6 one
// dual-stack.
func (s *sockets) listen(a netip.Addr, port int, v6only int) error {
	family := unix.AF_INET
	if a.Is6() {
		family = unix.AF_INET6
	}
	fd, err := s.socket(family, unix.SOCK_STREAM)
	if err != nil {
		return err
	}
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if family == unix.AF_INET6 {
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, v6only); err != nil {
			return err
		}
	}
	if err := unix.Bind(fd, sockaddr(a, port)); err != nil {
		return fmt.Errorf("bind %v: %w", a, err)
	}
	return unix.Listen(fd, 64)
}

// connect makes an established connection from `from` to `to` (an IPv6
// socket when from is IPv6 or v4-mapped). The listener never accepts it:
// the kernel completes the handshake and both ends show ESTABLISHED.
func (s *sockets) connect(from, to netip.Addr, port int) error {
	family := unix.AF_INET
	if from.Is6() {
		family = unix.AF_INET6
	}
	fd, err := s.socket(family, unix.SOCK_STREAM)
	if err != nil {
		return err
	}
	if err := unix.Bind(fd, sockaddr(from, 0)); err != nil {
		return fmt.Errorf("bind %v: %w", from, err)
	}
	if err := unix.Connect(fd, sockaddr(to, port)); err != nil {
		return fmt.Errorf("connect %v → %v: %w", from, to, err)
	}
	return nil
}

// join makes a UDP socket that joins group on dns0.
func (s *sockets) join(group netip.Addr) error {
	dns0, err := net.InterfaceByName("dns0") // the thread is in the namespace
	if err != nil {
		return err
	}
	ifi := dns0.Index
	if group.Is4() {
		fd, err := s.socket(unix.AF_INET, unix.SOCK_DGRAM)
		if err != nil {
			return err
		}
		return unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP,
			&unix.IPMreqn{Multiaddr: group.As4(), Ifindex: int32(ifi)})
	}
	fd, err := s.socket(unix.AF_INET6, unix.SOCK_DGRAM)
	if err != nil {
		return err
	}
	return unix.SetsockoptIPv6Mreq(fd, unix.IPPROTO_IPV6, unix.IPV6_JOIN_GROUP,
		&unix.IPv6Mreq{Multiaddr: group.As16(), Interface: uint32(ifi)})
}

// buildSockets opens the lab's listeners, connections and group
// memberships, all but the connection from the silent address.
func buildSockets(t *testing.T, s *sockets) {
	t.Helper()
	err := s.ns.inside(func() error {
		mapped := func(a netip.Addr) netip.Addr { return netip.AddrFrom16(a.As16()) }
		steps := []func() error{
			func() error { return s.listen(server4, port4, 1) },
			func() error { return s.listen(server6, port4, 1) },
			func() error { return s.listen(netip.IPv6Unspecified(), portDual, 0) },
			func() error { return s.join(group4) },
			func() error { return s.join(group6) },
		}
		for _, h := range peers4 {
			steps = append(steps, func() error { return s.connect(h.addr, server4, port4) })
		}
		for _, h := range peers6 {
			steps = append(steps, func() error { return s.connect(h.addr, server6, port4) })
		}
		for _, a := range mappedPeers {
			steps = append(steps, func() error { return s.connect(mapped(a), mapped(server4), portDual) })
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("lab sockets: %v", err)
	}
}

// connectSilent adds the connection from the address DNS never answers.
func connectSilent(t *testing.T, s *sockets) {
	t.Helper()
	if err := s.ns.inside(func() error { return s.connect(silent4, server4, port4) }); err != nil {
		t.Fatalf("lab sockets: %v", err)
	}
}
