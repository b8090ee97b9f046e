package compat

import (
	"path/filepath"
	"testing"
)

// Owners of the holders besides root.
const (
	uidNobody   = 65534
	uidNoPasswd = 4242 // deliberately absent from /etc/passwd
)

// Populate starts the standard set of holders:
//
//   - root, argv[0] the absolute path of the long-named helper copy: every
//     kind of TCP, UDP, UDP-Lite, RAW and UNIX socket;
//   - nobody, argv[0] "daemon: worker/1";
//   - uid 4242 (no passwd entry), started via a relative path.
func (w *World) Populate(t *testing.T) {
	t.Helper()
	w.StartHolder(t, HolderConfig{Argv0: env.helper, Sockets: w.rootSockets()})
	w.StartHolder(t, HolderConfig{
		UID: uidNobody, GID: uidNobody, Argv0: "daemon: worker/1",
		Sockets: []SocketSpec{
			{Kind: "tcp-listen", Addr: "0.0.0.0:8081"},
			{Kind: "tcp-pair", Addr: "127.0.0.1:9000", Peer: "127.0.0.1:9000"},
			{Kind: "udp", Addr: "[::]:5000"},
			{Kind: "unix-listen", Type: "stream", Addr: filepath.Join(w.Shared, "nobody.sock"), Peer: "connect"},
		},
	})
	w.StartHolder(t, HolderConfig{
		UID: uidNoPasswd, GID: uidNoPasswd, Argv0: "./bin/" + helperName, Relative: true,
		Sockets: []SocketSpec{
			{Kind: "tcp-listen", Addr: "[::]:9090", Mode: "dual"},
			{Kind: "tcp-pair", Addr: addrA4 + ":9100", Peer: addrA4 + ":9100"},
			{Kind: "udp", Addr: "127.0.0.1:9999"},
			{Kind: "unix-dgram", Addr: filepath.Join(w.Shared, "uid4242.sock")},
		},
	})
	for _, h := range w.Holders {
		t.Logf("holder %v", h)
	}
}

// rootSockets is the socket list of the root holder.
func (w *World) rootSockets() []SocketSpec {
	return []SocketSpec{
		// TCP listeners.
		{Kind: "tcp-listen", Addr: "0.0.0.0:22"},
		{Kind: "tcp-listen", Addr: "127.0.0.1:8080"},
		{Kind: "tcp-listen", Addr: addrA4 + ":80"},
		{Kind: "tcp-listen", Addr: "[::]:443"},
		{Kind: "tcp-listen", Addr: "[::1]:631"},
		{Kind: "tcp-listen", Addr: "[" + addrB6 + "]:8888"},
		// Established pairs: IPv4 with unread data, IPv6 with keepalive,
		// v4-mapped through a dual-stack listener, long host names.
		{Kind: "tcp-pair", Addr: "127.0.0.1:5432", Peer: "127.0.0.1:5432", Unread: 5},
		{Kind: "tcp-pair", Addr: "[::1]:3306", Peer: "[::1]:3306", KeepAlive: true},
		{Kind: "tcp-pair", Addr: "[::]:8443", Mode: "dual", Peer: "127.0.0.1:8443"},
		{Kind: "tcp-pair", Addr: "[" + addrA6 + "]:25", Peer: "[" + addrA6 + "]:25"},
		{Kind: "tcp-pair", Addr: "[" + addrB6 + "]:993", Peer: "[" + addrB6 + "]:993"},
		{Kind: "tcp-pair", Addr: addrB4 + ":8000", Peer: addrB4 + ":8000"},
		// Odd states.
		{Kind: "tcp-queued", Addr: "0.0.0.0:7000", Peer: "127.0.0.1:7000"},
		{Kind: "tcp-halfclosed", Addr: "127.0.0.1:7001", Peer: "127.0.0.1:7001", Unread: 3},
		{Kind: "tcp-timewait", Addr: "127.0.0.1:7002", Peer: "127.0.0.1:7002"},
		// UDP bound and connected; 0.0.0.5 resolves through /etc/networks.
		{Kind: "udp", Addr: "0.0.0.0:5353"},
		{Kind: "udp", Addr: "[::]:514"},
		{Kind: "udp", Addr: "127.0.0.1:0", Peer: "127.0.0.1:123"},
		{Kind: "udp", Addr: "[::]:0", Peer: "[" + addrB6 + "]:161"},
		{Kind: "udp", Addr: "0.0.0.0:0", Peer: addrNet0 + ":9"},
		// UDP-Lite (skipped by the holder if the kernel lacks it).
		{Kind: "udplite", Addr: "0.0.0.0:6000"},
		{Kind: "udplite", Addr: "[::]:6001"},
		// RAW: ICMP, ICMPv6, protocol 6, a connected one, one with Recv-Q.
		{Kind: "raw", Addr: "0.0.0.0", Proto: 1},
		{Kind: "raw", Addr: "::", Proto: 58},
		{Kind: "raw", Addr: "0.0.0.0", Proto: 6},
		{Kind: "raw", Addr: "0.0.0.0", Proto: 17, Peer: "127.0.0.1"},
		{Kind: "raw", Addr: "0.0.0.0", Proto: 253, SendSelf: true},
		// UNIX.
		{Kind: "unix-listen", Type: "stream", Addr: w.Path("stream.sock"), Peer: "connect"},
		{Kind: "unix-listen", Type: "seqpacket", Addr: w.Path("seqpacket.sock"), Peer: "connect"},
		{Kind: "unix-listen", Type: "stream", Addr: "@gnst-abstract-stream"},
		{Kind: "unix-dgram", Addr: w.Path("with space.sock")},
		{Kind: "unix-dgram", Addr: "@gnst-abstract\x00with-nul"},
		{Kind: "unix-pair", Type: "stream"},
		{Kind: "unix-pair", Type: "dgram"},
		{Kind: "unix-pair", Type: "seqpacket"},
	}
}
