package compat

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// SocketSpec describes one socket, or one small group of related sockets, for
// a holder to create. Kind selects the recipe:
//
//	tcp-listen     listener on Addr
//	tcp-pair       listener on Addr, a client connected to Peer and the
//	               accepted socket; the client sends Unread bytes that are
//	               never read; KeepAlive sets SO_KEEPALIVE on the client
//	tcp-queued     listener on Addr with one connection from a client to Peer
//	               that is never accepted (Recv-Q on the LISTEN row)
//	tcp-halfclosed like tcp-pair, then the client shuts down its write side:
//	               the client sits in FIN_WAIT2, the accepted socket in
//	               CLOSE_WAIT with Unread bytes queued
//	tcp-timewait   like tcp-pair, then the client closes first and the
//	               server second: the client ends up in TIME_WAIT
//	udp, udplite   socket bound to Addr, connected to Peer if set
//	raw            raw socket of family Addr ("0.0.0.0" or "::") for
//	               protocol Proto, connected to host Peer if set; SendSelf
//	               (IPv4 only) sends it one datagram first (see rawSocket)
//	unix-listen    Type stream or seqpacket listener on path Addr; with
//	               Peer == "connect" also a client and the accepted socket
//	unix-dgram     datagram socket bound to path Addr
//	unix-pair      unbound socketpair of Type
//
// Addresses are host:port (IPv6 in brackets). A UNIX path starting with "@"
// is abstract. Mode "dual" clears IPV6_V6ONLY; IPv6 sockets are v6only
// otherwise.
type SocketSpec struct {
	Kind      string `json:"kind"`
	Addr      string `json:"addr,omitempty"`
	Peer      string `json:"peer,omitempty"`
	Type      string `json:"type,omitempty"`
	Mode      string `json:"mode,omitempty"`
	Proto     int    `json:"proto,omitempty"`
	Unread    int    `json:"unread,omitempty"`
	KeepAlive bool   `json:"keepalive,omitempty"`
	SendSelf  bool   `json:"sendself,omitempty"`
}

// held keeps every descriptor a holder creates; they are never closed.
var held []int

// keep records fds as held and returns them.
func keep(fds ...int) {
	held = append(held, fds...)
}

// holderMain implements the holder role: create the sockets listed in
// GNST_HOLDER_SPEC (JSON), print "ready", then block until killed or until
// stdin reaches end of file (the harness died).
func holderMain() int {
	var specs []SocketSpec
	if err := json.Unmarshal([]byte(os.Getenv(envHolderSpec)), &specs); err != nil {
		fmt.Fprintln(os.Stderr, "holder: bad spec:", err)
		return 1
	}
	for _, s := range specs {
		err := createSocket(s)
		if errors.Is(err, unix.EPROTONOSUPPORT) && s.Kind == "udplite" {
			fmt.Printf("note: UDP-Lite socket %s skipped: %v\n", s.Addr, err)
			continue
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "holder: %s %s: %v\n", s.Kind, s.Addr, err)
			return 1
		}
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// createSocket dispatches one spec to its recipe.
func createSocket(s SocketSpec) error {
	switch s.Kind {
	case "tcp-listen":
		fd, err := tcpListen(s.Addr, s.Mode)
		keep(fd)
		return err
	case "tcp-pair":
		_, _, err := tcpPair(s)
		return err
	case "tcp-queued":
		return tcpQueued(s)
	case "tcp-halfclosed":
		client, _, err := tcpPair(s)
		if err != nil {
			return err
		}
		return unix.Shutdown(client, unix.SHUT_WR)
	case "tcp-timewait":
		return tcpTimeWait(s)
	case "udp":
		return udpSocket(s, 0)
	case "udplite":
		return udpSocket(s, unix.IPPROTO_UDPLITE)
	case "raw":
		return rawSocket(s)
	case "unix-listen":
		return unixListen(s)
	case "unix-dgram":
		return unixDgram(s)
	case "unix-pair":
		return unixPair(s)
	}
	return fmt.Errorf("unknown socket kind %q", s.Kind)
}
