package sockdiag

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// inFreshNetNS runs fn on a locked OS thread that has its own, new network
// namespace with loopback up. The thread is never unlocked, so the runtime
// ends it when fn returns and the namespace goes away with the last socket
// (fn must close its sockets). /proc/thread-self/net shows that namespace
// to fn; /proc/self/net would show the main thread's.
//
// It returns errSkip (wrapped) when the namespace cannot be made.
func inFreshNetNS(fn func() error) error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Errorf("panic: %v", v)
			}
		}()
		if os.Geteuid() != 0 {
			done <- fmt.Errorf("%w: not root", errSkip)
			return
		}
		if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
			done <- fmt.Errorf("%w: unshare(CLONE_NEWNET): %v", errSkip, err)
			return
		}
		if err := loopbackUp(); err != nil {
			done <- fmt.Errorf("%w: lo up: %v", errSkip, err)
			return
		}
		done <- fn()
	}()
	return <-done
}

var errSkip = errors.New("skip")

// loopbackUp sets IFF_UP on lo in the calling thread's namespace.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return err
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return err
	}
	// ::1 appears on lo a moment after it goes up.
	for i := 0; i < 100; i++ {
		s, err := unix.Socket(unix.AF_INET6, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return nil // no IPv6
		}
		err = unix.Bind(s, &unix.SockaddrInet6{Addr: [16]byte{15: 1}})
		unix.Close(s)
		if err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

// scenario builds sockets with raw system calls on the calling thread, so
// that they are made in its namespace. Any failure panics; inFreshNetNS
// turns the panic into an error.
type scenario struct {
	fds []int
}

var (
	lo4 = [4]byte{127, 0, 0, 1}
	lo6 = [16]byte{15: 1}
)

func check(err error, what string) {
	if err != nil {
		panic(fmt.Sprintf("%s: %v", what, err))
	}
}

func (s *scenario) socket(domain, typ, proto int) int {
	fd, err := unix.Socket(domain, typ|unix.SOCK_CLOEXEC, proto)
	check(err, "socket")
	s.fds = append(s.fds, fd)
	return fd
}

// close closes fd now and forgets it.
func (s *scenario) close(fd int) {
	for i, f := range s.fds {
		if f == fd {
			s.fds = append(s.fds[:i], s.fds[i+1:]...)
			break
		}
	}
	check(unix.Close(fd), "close")
}

func (s *scenario) closeAll() {
	for _, fd := range s.fds {
		unix.Close(fd)
	}
	s.fds = nil
}

func port(fd int) int {
	sa, err := unix.Getsockname(fd)
	check(err, "getsockname")
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return a.Port
	case *unix.SockaddrInet6:
		return a.Port
	}
	panic("getsockname: not inet")
}

func (s *scenario) listen4(backlog int) int {
	fd := s.socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	check(unix.Bind(fd, &unix.SockaddrInet4{Addr: lo4}), "bind")
	check(unix.Listen(fd, backlog), "listen")
	return fd
}

// listen6 listens on [::] (dual stack unless v6only) or [::1].
func (s *scenario) listen6(loopback, v6only bool, backlog int) int {
	fd := s.socket(unix.AF_INET6, unix.SOCK_STREAM, 0)
	check(unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, b2i(v6only)), "v6only")
	var a [16]byte
	if loopback {
		a = lo6
	}
	check(unix.Bind(fd, &unix.SockaddrInet6{Addr: a}), "bind6")
	check(unix.Listen(fd, backlog), "listen6")
	return fd
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *scenario) connect4(p int) int {
	fd := s.socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	check(unix.Connect(fd, &unix.SockaddrInet4{Addr: lo4, Port: p}), "connect")
	return fd
}

func (s *scenario) connect6(p int) int {
	fd := s.socket(unix.AF_INET6, unix.SOCK_STREAM, 0)
	check(unix.Connect(fd, &unix.SockaddrInet6{Addr: lo6, Port: p}), "connect6")
	return fd
}

func (s *scenario) accept(l int) int {
	fd, _, err := unix.Accept4(l, unix.SOCK_CLOEXEC)
	check(err, "accept")
	s.fds = append(s.fds, fd)
	return fd
}

func write(fd int, n int) {
	b := make([]byte, n)
	for len(b) > 0 {
		w, err := unix.Write(fd, b)
		check(err, "write")
		b = b[w:]
	}
}

// deferListener listens on the wildcard address of family (dual stack for
// AF_INET6) with TCP_DEFER_ACCEPT, as a socket of uid listenerUID.
func (s *scenario) deferListener(family int) int {
	_, err := unix.SetfsuidRetUid(listenerUID)
	check(err, "setfsuid")
	fd := s.socket(family, unix.SOCK_STREAM, 0)
	_, err = unix.SetfsuidRetUid(0)
	check(err, "setfsuid back")
	if family == unix.AF_INET6 {
		check(unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, 0), "v6only")
		check(unix.Bind(fd, &unix.SockaddrInet6{}), "bind")
	} else {
		check(unix.Bind(fd, &unix.SockaddrInet4{}), "bind")
	}
	check(unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_DEFER_ACCEPT, 30), "defer accept")
	check(unix.Listen(fd, 8), "listen")
	return fd
}

// listenerUID is the uid the request-socket listener is made with, to
// check that request sockets get their listener's uid.
const listenerUID = 4321

// build makes the sockets of the live test: TCP listeners (v4, dual stack,
// v6 only), established pairs (v4, v6, v4-mapped) with queued data, a
// keepalive timer, TIME_WAIT and FIN_WAIT2 (orphan) sockets, CLOSE_WAIT
// with unread data, a listener with an unaccepted connection, a request
// socket (TCP_DEFER_ACCEPT) under a non-root listener, a SYN_SENT socket
// retransmitting to a full listener, UDP bound/connected/with a queued
// datagram, UDP-Lite, and raw ICMP sockets.
func (s *scenario) build() {
	// Listeners.
	l4 := s.listen4(16)
	ldual := s.listen6(false, false, 16)
	l6 := s.listen6(true, true, 16)

	// Established v4 with unread data on the server side and a keepalive
	// timer on the client.
	c := s.connect4(port(l4))
	s.accept(l4)
	write(c, 1000)
	check(unix.SetsockoptInt(c, unix.SOL_SOCKET, unix.SO_KEEPALIVE, 1), "keepalive")

	// Established v6.
	c6 := s.connect6(port(l6))
	s.accept(l6)
	write(c6, 10)

	// v4-mapped: a v4 client on the dual-stack listener.
	s.connect4(port(ldual))
	s.accept(ldual)

	// TIME_WAIT: the client closes first, then the server.
	tc := s.connect4(port(l4))
	ts := s.accept(l4)
	s.close(tc)
	time.Sleep(20 * time.Millisecond)
	s.close(ts)

	// CLOSE_WAIT with unread data; the client becomes an orphan FIN_WAIT2.
	cc := s.connect4(port(l4))
	s.accept(l4)
	write(cc, 300)
	s.close(cc)

	// A listener with a connection it has not accepted.
	lq := s.listen4(8)
	s.connect4(port(lq))

	// Request sockets: with TCP_DEFER_ACCEPT the final ACK without data
	// leaves them in SYN_RECV. The listeners are made with another fsuid.
	ld4 := s.deferListener(unix.AF_INET)
	s.connect4(port(ld4))
	ld := s.deferListener(unix.AF_INET6)
	s.connect4(port(ld)) // v4-mapped, listed in tcp6
	s.connect6(port(ld))

	// SYN_SENT with a retransmit timer: the listener's accept queue is full
	// (backlog 0 holds one), so the second SYN is dropped.
	lf := s.listen4(0)
	s.connect4(port(lf))
	time.Sleep(20 * time.Millisecond)
	ss := s.socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_NONBLOCK, 0)
	if err := unix.Connect(ss, &unix.SockaddrInet4{Addr: lo4, Port: port(lf)}); err != unix.EINPROGRESS {
		check(err, "connect nonblock")
	}

	// UDP: bound, connected, a datagram waiting on the bound one.
	u := s.socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	check(unix.Bind(u, &unix.SockaddrInet4{Addr: lo4}), "bind udp")
	uc := s.socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	check(unix.Connect(uc, &unix.SockaddrInet4{Addr: lo4, Port: port(u)}), "connect udp")
	_, err := unix.Write(uc, []byte("hello"))
	check(err, "send udp")
	u6 := s.socket(unix.AF_INET6, unix.SOCK_DGRAM, 0)
	check(unix.Bind(u6, &unix.SockaddrInet6{}), "bind udp6")
	u6c := s.socket(unix.AF_INET6, unix.SOCK_DGRAM, 0)
	check(unix.Connect(u6c, &unix.SockaddrInet6{Addr: lo6, Port: port(u6)}), "connect udp6")

	// UDP-Lite, if the kernel still has it.
	if fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.IPPROTO_UDPLITE); err == nil {
		s.fds = append(s.fds, fd)
		check(unix.Bind(fd, &unix.SockaddrInet4{Addr: lo4}), "bind udplite")
	}
	if fd, err := unix.Socket(unix.AF_INET6, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.IPPROTO_UDPLITE); err == nil {
		s.fds = append(s.fds, fd)
		check(unix.Connect(fd, &unix.SockaddrInet6{Addr: lo6, Port: 9}), "connect udplite6")
	}

	// Raw ICMP, one connected.
	s.socket(unix.AF_INET, unix.SOCK_RAW, unix.IPPROTO_ICMP)
	rc := s.socket(unix.AF_INET, unix.SOCK_RAW, unix.IPPROTO_ICMP)
	check(unix.Connect(rc, &unix.SockaddrInet4{Addr: lo4}), "connect raw")
	s.socket(unix.AF_INET6, unix.SOCK_RAW, unix.IPPROTO_ICMPV6)

	// Let the handshakes and FINs settle.
	time.Sleep(50 * time.Millisecond)
}
