package compat

import (
	"bytes"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// inetSockaddr parses "host:port" (or a bare host when bare is true) into a
// socket address and its family.
func inetSockaddr(s string, bare bool) (unix.Sockaddr, int, error) {
	host, port := s, 0
	if !bare {
		h, p, err := net.SplitHostPort(s)
		if err != nil {
			return nil, 0, err
		}
		if port, err = strconv.Atoi(p); err != nil {
			return nil, 0, err
		}
		host = h
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return nil, 0, err
	}
	if a.Is4() {
		return &unix.SockaddrInet4{Port: port, Addr: a.As4()}, unix.AF_INET, nil
	}
	return &unix.SockaddrInet6{Port: port, Addr: a.As16()}, unix.AF_INET6, nil
}

// inetSocket creates a socket of typ/proto bound to addr ("" = unbound) and
// of the family of addr, or of family fam when addr is empty.
func inetSocket(addr string, fam, typ, proto int, mode string) (int, error) {
	var sa unix.Sockaddr
	if addr != "" {
		var err error
		if sa, fam, err = inetSockaddr(addr, false); err != nil {
			return -1, err
		}
	}
	fd, err := unix.Socket(fam, typ|unix.SOCK_CLOEXEC, proto)
	if err != nil {
		return -1, err
	}
	keep(fd)
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); err != nil {
		return fd, err
	}
	if fam == unix.AF_INET6 {
		v6only := 1
		if mode == "dual" {
			v6only = 0
		}
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, v6only); err != nil {
			return fd, err
		}
	}
	if sa != nil {
		if err := unix.Bind(fd, sa); err != nil {
			return fd, err
		}
	}
	return fd, nil
}

// tcpListen returns a listening TCP socket on addr.
func tcpListen(addr, mode string) (int, error) {
	fd, err := inetSocket(addr, 0, unix.SOCK_STREAM, 0, mode)
	if err != nil {
		return fd, err
	}
	return fd, unix.Listen(fd, 16)
}

// tcpConnect returns a TCP socket connected to peer.
func tcpConnect(peer string, keepAlive bool) (int, error) {
	sa, fam, err := inetSockaddr(peer, false)
	if err != nil {
		return -1, err
	}
	fd, err := unix.Socket(fam, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	keep(fd)
	if keepAlive {
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_KEEPALIVE, 1); err != nil {
			return fd, err
		}
	}
	return fd, unix.Connect(fd, sa)
}

// tcpPair creates a listener on s.Addr, connects a client to s.Peer, accepts
// it and sends s.Unread bytes from the client. It returns the client and the
// accepted socket.
func tcpPair(s SocketSpec) (client, server int, err error) {
	l, err := tcpListen(s.Addr, s.Mode)
	if err != nil {
		return -1, -1, err
	}
	if client, err = tcpConnect(s.Peer, s.KeepAlive); err != nil {
		return -1, -1, err
	}
	if server, _, err = unix.Accept4(l, unix.SOCK_CLOEXEC); err != nil {
		return -1, -1, err
	}
	keep(server)
	if s.Unread > 0 {
		if _, err := unix.Write(client, bytes.Repeat([]byte("x"), s.Unread)); err != nil {
			return -1, -1, err
		}
	}
	return client, server, nil
}

// tcpQueued creates a listener with one connection that is never accepted.
func tcpQueued(s SocketSpec) error {
	if _, err := tcpListen(s.Addr, s.Mode); err != nil {
		return err
	}
	_, err := tcpConnect(s.Peer, false)
	return err
}

// tcpTimeWait leaves a client socket in TIME_WAIT: the client closes first,
// the server answers with its own FIN.
func tcpTimeWait(s SocketSpec) error {
	client, server, err := tcpPair(s)
	if err != nil {
		return err
	}
	if err := unix.Close(client); err != nil {
		return err
	}
	// Let the server see the FIN before it closes, so the client is the
	// active closer and the server does not reset.
	time.Sleep(20 * time.Millisecond)
	return unix.Close(server)
}

// udpSocket creates a UDP (proto 0) or UDP-Lite socket bound to s.Addr and
// connected to s.Peer when set.
func udpSocket(s SocketSpec, proto int) error {
	fd, err := inetSocket(s.Addr, 0, unix.SOCK_DGRAM, proto, s.Mode)
	if err != nil || s.Peer == "" {
		return err
	}
	sa, _, err := inetSockaddr(s.Peer, false)
	if err != nil {
		return err
	}
	return unix.Connect(fd, sa)
}

// rawSocket creates a raw socket for s.Proto in the family of s.Addr and
// connects it to host s.Peer when set. With SendSelf it first sends one
// datagram to 127.0.0.1, which every raw socket of that protocol receives,
// so its Recv-Q is non-zero. Then a drop-all socket filter is attached:
// raw sockets otherwise see the traffic netstat's own name lookups cause
// (ICMP port unreachable, UDP to port 53), and their Recv-Q would change
// from one run to the next.
func rawSocket(s SocketSpec) error {
	_, fam, err := inetSockaddr(s.Addr, true)
	if err != nil {
		return err
	}
	fd, err := unix.Socket(fam, unix.SOCK_RAW|unix.SOCK_CLOEXEC, s.Proto)
	if err != nil {
		return err
	}
	keep(fd)
	if s.SendSelf {
		to := &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
		if err := unix.Sendto(fd, []byte("gnst"), 0, to); err != nil {
			return fmt.Errorf("sendto raw: %w", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := dropAll(fd); err != nil {
		return fmt.Errorf("attach filter: %w", err)
	}
	if s.Peer == "" {
		return nil
	}
	sa, _, err := inetSockaddr(s.Peer, true)
	if err != nil {
		return err
	}
	if err := unix.Connect(fd, sa); err != nil {
		return fmt.Errorf("connect raw: %w", err)
	}
	return nil
}

// dropAll attaches the classic BPF program "ret #0" to fd, so the socket
// queues nothing more.
func dropAll(fd int) error {
	prog := []unix.SockFilter{{Code: unix.BPF_RET | unix.BPF_K, K: 0}}
	return unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER,
		&unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]})
}
