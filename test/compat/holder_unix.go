package compat

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// unixType maps a spec type name to a socket type.
func unixType(name string) (int, error) {
	switch name {
	case "stream":
		return unix.SOCK_STREAM, nil
	case "dgram":
		return unix.SOCK_DGRAM, nil
	case "seqpacket":
		return unix.SOCK_SEQPACKET, nil
	}
	return 0, fmt.Errorf("unknown unix socket type %q", name)
}

// unixSocket creates a UNIX socket of the named type, bound to path when it
// is not empty.
func unixSocket(typeName, path string) (int, error) {
	typ, err := unixType(typeName)
	if err != nil {
		return -1, err
	}
	fd, err := unix.Socket(unix.AF_UNIX, typ|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	keep(fd)
	if path != "" {
		if err := unix.Bind(fd, &unix.SockaddrUnix{Name: path}); err != nil {
			return fd, err
		}
	}
	return fd, nil
}

// unixListen creates a listener and, when s.Peer is "connect", a connected
// client and the accepted server end.
func unixListen(s SocketSpec) error {
	l, err := unixSocket(s.Type, s.Addr)
	if err != nil {
		return err
	}
	if err := unix.Listen(l, 8); err != nil {
		return err
	}
	if s.Peer != "connect" {
		return nil
	}
	c, err := unixSocket(s.Type, "")
	if err != nil {
		return err
	}
	if err := unix.Connect(c, &unix.SockaddrUnix{Name: s.Addr}); err != nil {
		return err
	}
	a, _, err := unix.Accept4(l, unix.SOCK_CLOEXEC)
	keep(a)
	return err
}

// unixDgram creates a datagram socket bound to s.Addr.
func unixDgram(s SocketSpec) error {
	_, err := unixSocket("dgram", s.Addr)
	return err
}

// unixPair creates an unbound socketpair of s.Type.
func unixPair(s SocketSpec) error {
	typ, err := unixType(s.Type)
	if err != nil {
		return err
	}
	fds, err := unix.Socketpair(unix.AF_UNIX, typ|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	keep(fds[0], fds[1])
	return nil
}
