package watch

import (
	"net/netip"
	"testing"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

func TestFromInet(t *testing.T) {
	for _, tc := range []struct {
		in    sockets.Socket
		owned bool
		want  Socket
	}{
		{
			in: sockets.Socket{Protocol: sockets.TCP, Local: netip.MustParseAddrPort("127.0.0.1:22"),
				Remote: netip.MustParseAddrPort("0.0.0.0:0"), State: sockets.Listen, Inode: 5, RecvQ: 1, SendQ: 2},
			want: Socket{Proto: "tcp", Local: "127.0.0.1:22", Remote: "0.0.0.0:*", State: "LISTEN", Inode: 5, RecvQ: 1, SendQ: 2},
		},
		{
			in: sockets.Socket{Protocol: sockets.TCP, IPv6Table: true, Local: netip.MustParseAddrPort("[fe80::1%2]:443"),
				Remote: netip.MustParseAddrPort("[::ffff:10.0.0.1]:5000"), State: sockets.TimeWait},
			owned: true,
			want:  Socket{Proto: "tcp6", Local: "fe80::1:443", Remote: "::ffff:10.0.0.1:5000", State: "TIME_WAIT", PID: 42, Program: "sshd"},
		},
		{
			in:   sockets.Socket{Protocol: sockets.UDP, Local: netip.MustParseAddrPort("0.0.0.0:53"), State: sockets.Close},
			want: Socket{Proto: "udp", Local: "0.0.0.0:53", Remote: "*:*", State: ""},
		},
		{
			in: sockets.Socket{Protocol: sockets.UDPLite, IPv6Table: true, Local: netip.MustParseAddrPort("[::]:9"),
				Remote: netip.MustParseAddrPort("[::1]:9"), State: sockets.Established},
			want: Socket{Proto: "udpl6", Local: ":::9", Remote: "::1:9", State: "ESTABLISHED"},
		},
		{
			in:   sockets.Socket{Protocol: sockets.Raw, Local: netip.MustParseAddrPort("0.0.0.0:1"), Remote: netip.MustParseAddrPort("0.0.0.0:0"), State: 7},
			want: Socket{Proto: "raw", Local: "0.0.0.0:1", Remote: "0.0.0.0:*", State: "7"},
		},
		{
			// A TCP state net-tools has no name for: blank, as the listing shows it.
			in:   sockets.Socket{Protocol: sockets.TCP, State: 99},
			want: Socket{Proto: "tcp", Local: "*:*", Remote: "*:*", State: ""},
		},
	} {
		got := FromInet(&tc.in, owners.Owner{PID: 42, Program: "sshd"}, tc.owned)
		if got != tc.want {
			t.Errorf("FromInet(%+v) =\n %+v, want\n %+v", tc.in, got, tc.want)
		}
	}
}

func TestFromUnix(t *testing.T) {
	for _, tc := range []struct {
		in   sockets.UnixSocket
		want Socket
	}{
		{sockets.UnixSocket{Type: 1, State: 1, Flags: sockets.UnixAccept, Inode: 9, Path: "/run/x"},
			Socket{Proto: "unix", Type: "STREAM", State: "LISTENING", Inode: 9, Local: "/run/x", PID: 3, Program: "x"}},
		{sockets.UnixSocket{Type: 2, State: 1, Inode: 10},
			Socket{Proto: "unix", Type: "DGRAM", State: "", Inode: 10, PID: 3, Program: "x"}},
		{sockets.UnixSocket{Type: 5, State: 3, Inode: 11, Path: "@abstract"},
			Socket{Proto: "unix", Type: "SEQPACKET", State: "CONNECTED", Inode: 11, Local: "@abstract", PID: 3, Program: "x"}},
		{sockets.UnixSocket{Type: 9, State: 8},
			Socket{Proto: "unix", Type: "UNKNOWN", State: "UNKNOWN", PID: 3, Program: "x"}},
	} {
		if got := FromUnix(&tc.in, owners.Owner{PID: 3, Program: "x"}, true); got != tc.want {
			t.Errorf("FromUnix(%+v) =\n %+v, want\n %+v", tc.in, got, tc.want)
		}
	}
}
