package sockdiag

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unsafe"

	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/gonetstat/netstat/internal/testenv"
	"golang.org/x/sys/unix"
)

// Offsets of struct tcp_info fields, read from include/uapi/linux/tcp.h,
// to check unix.TCPInfo's layout independently.
var tcpInfoOffsets = []struct {
	name string
	got  uintptr
	want uintptr
}{
	{"tcpi_retransmits", unsafe.Offsetof(unix.TCPInfo{}.Retransmits), 2},
	{"tcpi_rto", unsafe.Offsetof(unix.TCPInfo{}.Rto), 8},
	{"tcpi_snd_mss", unsafe.Offsetof(unix.TCPInfo{}.Snd_mss), 16},
	{"tcpi_lost", unsafe.Offsetof(unix.TCPInfo{}.Lost), 32},
	{"tcpi_last_data_sent", unsafe.Offsetof(unix.TCPInfo{}.Last_data_sent), 44},
	{"tcpi_last_data_recv", unsafe.Offsetof(unix.TCPInfo{}.Last_data_recv), 52},
	{"tcpi_rtt", unsafe.Offsetof(unix.TCPInfo{}.Rtt), 68},
	{"tcpi_rttvar", unsafe.Offsetof(unix.TCPInfo{}.Rttvar), 72},
	{"tcpi_snd_ssthresh", unsafe.Offsetof(unix.TCPInfo{}.Snd_ssthresh), 76},
	{"tcpi_snd_cwnd", unsafe.Offsetof(unix.TCPInfo{}.Snd_cwnd), 80},
	{"tcpi_total_retrans", unsafe.Offsetof(unix.TCPInfo{}.Total_retrans), 100},
	{"tcpi_pacing_rate", unsafe.Offsetof(unix.TCPInfo{}.Pacing_rate), 104},
	{"tcpi_bytes_acked", unsafe.Offsetof(unix.TCPInfo{}.Bytes_acked), 120},
	{"tcpi_bytes_received", unsafe.Offsetof(unix.TCPInfo{}.Bytes_received), 128},
	{"tcpi_delivery_rate", unsafe.Offsetof(unix.TCPInfo{}.Delivery_rate), 160},
}

func TestTCPInfoLayout(t *testing.T) {
	for _, f := range tcpInfoOffsets {
		if f.got != f.want {
			t.Errorf("%s at offset %d, kernel has it at %d", f.name, f.got, f.want)
		}
	}
}

// constructedInfo is a struct tcp_info of size n written field by field at
// the kernel's offsets, with the values wantInfo expects.
func constructedInfo(n int) []byte {
	b := make([]byte, n)
	ne := binary.NativeEndian
	b[2] = 3                    // retransmits
	ne.PutUint32(b[8:], 204000) // rto, us
	ne.PutUint32(b[16:], 1448)  // snd_mss
	ne.PutUint32(b[32:], 4)     // lost
	ne.PutUint32(b[44:], 12)    // last_data_sent, ms
	ne.PutUint32(b[52:], 8)     // last_data_recv, ms
	ne.PutUint32(b[68:], 40210) // rtt, us
	ne.PutUint32(b[72:], 1500)  // rttvar, us
	ne.PutUint32(b[76:], 0x7fffffff)
	ne.PutUint32(b[80:], 10)      // snd_cwnd
	ne.PutUint32(b[100:], 7)      // total_retrans
	ne.PutUint64(b[104:], 300000) // pacing_rate, B/s
	ne.PutUint64(b[120:], 1048577)
	ne.PutUint64(b[128:], 300)
	ne.PutUint64(b[160:], 150000) // delivery_rate, B/s
	return b
}

var wantInfo = sockets.TCPInfo{
	RTT: 40210 * time.Microsecond, RTTVar: 1500 * time.Microsecond, RTO: 204 * time.Millisecond,
	SndCwnd: 10, SndSsthresh: 0x7fffffff, SndMSS: 1448, Retransmits: 3, Lost: 4, TotalRetrans: 7,
	BytesAcked: 1048577, BytesRecv: 300, DeliveryRate: 150000, PacingRate: 300000,
	Congestion: "cubic", LastSend: 12 * time.Millisecond, LastRecv: 8 * time.Millisecond,
}

func TestDecodeTCPInfoLengths(t *testing.T) {
	cong := []byte("cubic\x00")
	cases := []struct {
		name string
		n    int
		want func(*sockets.TCPInfo)
	}{
		{"this kernel's size", unix.SizeofTCPInfo, func(*sockets.TCPInfo) {}},
		{"a newer kernel's longer struct", unix.SizeofTCPInfo + 64, func(*sockets.TCPInfo) {}},
		{"before delivery_rate (4.1..4.8: 160 bytes)", 160, func(w *sockets.TCPInfo) { w.DeliveryRate = 0 }},
		{"before bytes_acked (3.15..4.0: 120 bytes)", 120, func(w *sockets.TCPInfo) {
			w.DeliveryRate, w.BytesAcked, w.BytesRecv = 0, 0, 0
		}},
		{"before pacing_rate (104 bytes)", 104, func(w *sockets.TCPInfo) {
			w.DeliveryRate, w.BytesAcked, w.BytesRecv, w.PacingRate = 0, 0, 0, 0
		}},
		{"only the first bytes", 4, func(w *sockets.TCPInfo) {
			*w = sockets.TCPInfo{Retransmits: 3, Congestion: "cubic"}
		}},
	}
	var raw unix.TCPInfo
	var got sockets.TCPInfo
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A previous row's values must not leak into a shorter one.
			if !decodeTCPInfo(constructedInfo(unix.SizeofTCPInfo), []byte("bbr\x00"), &raw, &got) {
				t.Fatal("full struct rejected")
			}
			full := constructedInfo(max(c.n, 168))[:c.n]
			if !decodeTCPInfo(full, cong, &raw, &got) {
				t.Fatal("not decoded")
			}
			want := wantInfo
			c.want(&want)
			if got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
	if decodeTCPInfo(nil, cong, &raw, &got) {
		t.Error("empty tcp_info accepted")
	}
}

func TestDecodeTCPInfoCongestion(t *testing.T) {
	var raw unix.TCPInfo
	var got sockets.TCPInfo
	info := constructedInfo(unix.SizeofTCPInfo)
	for _, c := range []struct{ cong, want string }{
		{"cubic\x00", "cubic"},
		{"bbr\x00\x00\x00", "bbr"}, // padded
		{"reno", "reno"},           // no NUL
		{"", ""},                   // absent
	} {
		var cong []byte
		if c.cong != "" {
			cong = []byte(c.cong)
		}
		decodeTCPInfo(info, cong, &raw, &got)
		if got.Congestion != c.want {
			t.Errorf("INET_DIAG_CONG %q: got %q, want %q", c.cong, got.Congestion, c.want)
		}
	}
	// The same name as the last row's allocates nothing.
	cong := []byte("cubic\x00")
	decodeTCPInfo(info, cong, &raw, &got)
	if n := testing.AllocsPerRun(100, func() { decodeTCPInfo(info, cong, &raw, &got) }); n != 0 {
		t.Errorf("%v allocations per row", n)
	}
}

// tcpInfoFixture is a dump captured with INET_DIAG_INFO and INET_DIAG_CONG
// (TestCaptureTCPInfoFixture): a listener, a client that sent
// fixtureSent bytes and got fixtureReply back, its server side, and a
// TIME_WAIT socket.
const tcpInfoFixture = "tcp4-tcpinfo.nl"

const (
	fixtureSent  = 5000
	fixtureReply = 300
)

func TestDecodeTCPInfoFixture(t *testing.T) {
	msgs := splitMessages(t, readFixture(t, tcpInfoFixture))
	var d tcpInfoDecoder
	var s sockets.Socket
	var listenPort uint16
	states := map[uint8]int{}
	var client, server *sockets.TCPInfo
	for i, m := range msgs {
		if !decodeInetDiag(m, sockets.TCP, false, &s) {
			t.Fatalf("message %d not decoded", i)
		}
		d.attach(&s, m[msgLen:])
		states[s.State]++
		switch s.State {
		case sockets.Listen:
			listenPort = s.Local.Port()
			if s.Info != nil {
				t.Errorf("listener with tcp-info %+v", *s.Info)
			}
		case sockets.TimeWait:
			if s.Info != nil {
				t.Errorf("TIME_WAIT with tcp-info %+v", *s.Info)
			}
		case sockets.Established:
			if s.Info == nil {
				t.Fatalf("established row %d without tcp-info", i)
			}
			c := *s.Info
			if s.Remote.Port() == listenPort {
				client = &c
			} else {
				server = &c
			}
		}
	}
	if states[sockets.Listen] != 1 || states[sockets.Established] != 2 || states[sockets.TimeWait] != 1 {
		t.Fatalf("fixture states %v", states)
	}
	if client == nil || server == nil {
		t.Fatal("fixture lacks the client or the server side")
	}
	// The client's SYN counts in its bytes_acked (the SYN-ACK moves
	// snd_una past it); the server's child socket starts past its SYN-ACK.
	// Neither counts in bytes_received.
	if client.BytesAcked != fixtureSent+1 || client.BytesRecv != fixtureReply {
		t.Errorf("client acked %d received %d, want %d and %d", client.BytesAcked, client.BytesRecv, fixtureSent+1, fixtureReply)
	}
	if server.BytesRecv != fixtureSent || server.BytesAcked != fixtureReply {
		t.Errorf("server acked %d received %d, want %d and %d", server.BytesAcked, server.BytesRecv, fixtureReply, fixtureSent)
	}
	for _, in := range []*sockets.TCPInfo{client, server} {
		if in.Congestion == "" || in.SndCwnd == 0 || in.RTT <= 0 || in.SndMSS == 0 {
			t.Errorf("implausible tcp-info %+v", *in)
		}
	}
}

// TestCaptureTCPInfoFixture rewrites testdata/tcp4-tcpinfo.nl from a live
// namespace. Run with SOCKDIAG_CAPTURE=1.
func TestCaptureTCPInfoFixture(t *testing.T) {
	if os.Getenv("SOCKDIAG_CAPTURE") == "" {
		t.Skip("set SOCKDIAG_CAPTURE=1 to rewrite the fixtures")
	}
	err := inFreshNetNS(func() error {
		var s scenario
		defer s.closeAll()
		l := s.listen4(8)
		c := s.connect4(port(l))
		srv := s.accept(l)
		write(c, fixtureSent)
		readN(srv, fixtureSent)
		write(srv, fixtureReply)
		readN(c, fixtureReply)
		tc := s.connect4(port(l))
		ts := s.accept(l)
		s.close(tc)
		time.Sleep(20 * time.Millisecond)
		s.close(ts)
		time.Sleep(50 * time.Millisecond)
		r, err := Open()
		if err != nil {
			return err
		}
		defer r.Close()
		raw, err := captureDump(r, sockets.TCP, false, extInfo|extCong)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join("testdata", tcpInfoFixture), raw, 0o644)
	})
	if errors.Is(err, errSkip) {
		testenv.Skip(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// readN reads exactly n bytes from fd.
func readN(fd, n int) {
	b := make([]byte, n)
	for len(b) > 0 {
		r, err := unix.Read(fd, b)
		check(err, "read")
		if r == 0 {
			check(errors.New("early EOF"), "read")
		}
		b = b[r:]
	}
}

// TestReaderTCPInfo checks the Reader end to end in a fresh namespace:
// Info on established rows only, and none without TCPInfo.
func TestReaderTCPInfo(t *testing.T) {
	err := inFreshNetNS(func() error {
		var s scenario
		defer s.closeAll()
		s.build()
		r, err := Open()
		if err != nil {
			return err
		}
		defer r.Close()
		r.BothFamilies = true
		for _, withInfo := range []bool{false, true} {
			r.TCPInfo = withInfo
			for _, v6 := range []bool{false, true} {
				established, infos := 0, 0
				err := r.Inet(sockets.TCP, v6, func(s *sockets.Socket) {
					if s.State == sockets.Established {
						established++
					}
					if s.Info == nil {
						return
					}
					infos++
					switch {
					case s.State == sockets.Listen || s.State == sockets.TimeWait || isRequestSock(s):
						t.Errorf("tcp-info on %s", rowString(s))
					case s.Info.SndCwnd == 0 || s.Info.Congestion == "":
						t.Errorf("implausible tcp-info %+v on %s", *s.Info, rowString(s))
					}
				}, func() { t.Error("bad row") })
				if err != nil {
					return err
				}
				if !withInfo && infos != 0 {
					t.Errorf("ipv6=%v: %d rows with tcp-info without TCPInfo", v6, infos)
				}
				if withInfo && (established == 0 || infos < established) {
					t.Errorf("ipv6=%v: %d established rows, %d with tcp-info", v6, established, infos)
				}
			}
		}
		return nil
	})
	if errors.Is(err, errSkip) {
		testenv.Skip(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
}
