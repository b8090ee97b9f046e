package sockets

import (
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/owners"
)

func TestAppendTCPInfo(t *testing.T) {
	cases := []struct {
		in   TCPInfo
		want string
	}{{
		in: TCPInfo{RTT: 40210 * time.Microsecond, RTTVar: 1500 * time.Microsecond, SndCwnd: 10,
			SndSsthresh: 0x7fffffff, Retransmits: 0, TotalRetrans: 2, BytesAcked: 1048577, BytesRecv: 300,
			DeliveryRate: 150000, PacingRate: 300000, Congestion: "cubic",
			LastSend: 12 * time.Millisecond, LastRecv: 8 * time.Millisecond},
		want: " rtt=40.21/1.5ms cwnd=10 ssthr=- retr=0/2 acked=1048577 rcvd=300 dlv=1.2Mbps pace=2.4Mbps cc=cubic snd=12ms rcv=8ms",
	}, {
		in: TCPInfo{RTT: 50 * time.Microsecond, RTTVar: 25 * time.Microsecond, SndCwnd: 7, SndSsthresh: 5,
			Retransmits: 1, TotalRetrans: 9, DeliveryRate: 100, PacingRate: ^uint64(0),
			LastSend: 3600 * time.Second},
		want: " rtt=0.05/0.025ms cwnd=7 ssthr=5 retr=1/9 acked=0 rcvd=0 dlv=800bps pace=- cc=- snd=3600000ms rcv=0ms",
	}, {
		// A short struct from an old kernel: the later fields are zero.
		in:   TCPInfo{RTT: 40 * time.Millisecond, SndCwnd: 10, SndSsthresh: 20, Congestion: "bbr"},
		want: " rtt=40/0ms cwnd=10 ssthr=20 retr=0/0 acked=0 rcvd=0 dlv=0bps pace=0bps cc=bbr snd=0ms rcv=0ms",
	}}
	for _, c := range cases {
		if got := string(appendTCPInfo(nil, &c.in)); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

func TestAppendBitRate(t *testing.T) {
	cases := []struct {
		bytesPerSec uint64
		want        string
	}{
		{0, "0bps"},
		{124, "992bps"},
		{125, "1.0kbps"},
		{1249, "10kbps"}, // 9.992 kbit/s rounds to 10
		{12_500, "100kbps"},
		{125_000_000, "1.0Gbps"},
		{1_250_000_000, "10Gbps"},
		{^uint64(0) / 8, "18Ebps"},
	}
	for _, c := range cases {
		if got := string(appendBitRate(nil, c.bytesPerSec)); got != c.want {
			t.Errorf("%d B/s: got %q, want %q", c.bytesPerSec, got, c.want)
		}
	}
}

func TestAppendMillis(t *testing.T) {
	cases := map[time.Duration]string{
		0:                          "0",
		1 * time.Microsecond:       "0.001",
		40 * time.Millisecond:      "40",
		40100 * time.Microsecond:   "40.1",
		1234567 * time.Microsecond: "1234.567",
	}
	for d, want := range cases {
		if got := string(appendMillis(nil, d)); got != want {
			t.Errorf("%v: got %q, want %q", d, got, want)
		}
	}
}

// infoFor gives each row of demo() its own tcp_info, told apart by cwnd.
func infoFor(cwnd uint32) *TCPInfo {
	return &TCPInfo{RTT: time.Millisecond, SndCwnd: cwnd, SndSsthresh: 0x7fffffff, Congestion: "cubic"}
}

func TestTCPInfoColumns(t *testing.T) {
	plainSrc, infoSrc := demo(), demo()
	for i := range infoSrc.inet["tcp"] {
		if infoSrc.inet["tcp"][i].State == Established {
			infoSrc.inet["tcp"][i].Info = infoFor(uint32(10 + i))
		}
	}
	for _, opts := range []cli.Options{
		numeric(cli.Options{All: true}),
		numeric(cli.Options{All: true, Extend: 1, Programs: true, Timers: true}),
	} {
		plain, _, _ := run(t, plainSrc, opts, owners.NewIndex())
		opts.TCPInfo = true
		out, errOut, rc := run(t, infoSrc, opts, owners.NewIndex())
		if rc != 0 || errOut != "" {
			t.Fatalf("rc=%d stderr=%q", rc, errOut)
		}
		plainLines, lines := strings.Split(plain, "\n"), strings.Split(out, "\n")
		if len(plainLines) != len(lines) {
			t.Fatalf("%d lines with --tcp-info, %d without", len(lines), len(plainLines))
		}
		if lines[1] != plainLines[1]+tcpInfoHeader {
			t.Errorf("header %q, want %q", lines[1], plainLines[1]+tcpInfoHeader)
		}
		withInfo := 0
		for i := 2; i < len(lines); i++ {
			rest, ok := strings.CutPrefix(lines[i], plainLines[i])
			if !ok {
				t.Errorf("line %d changed:\n%q\n%q", i, lines[i], plainLines[i])
				continue
			}
			if rest == "" {
				if strings.HasPrefix(lines[i], "tcp ") && strings.Contains(lines[i], "ESTABLISHED") {
					t.Errorf("established row without tcp-info: %q", lines[i])
				}
				continue
			}
			withInfo++
			if !strings.HasPrefix(lines[i], "tcp ") || !strings.Contains(lines[i], "ESTABLISHED") {
				t.Errorf("tcp-info on a row without it: %q", lines[i])
			}
			if !strings.HasPrefix(rest, " rtt=1/0ms cwnd=1") || !strings.HasSuffix(rest, "ms") {
				t.Errorf("columns %q", rest)
			}
		}
		if withInfo != 2 {
			t.Errorf("%d rows with tcp-info, want 2:\n%s", withInfo, out)
		}
	}
}

// infoReusingSource hands every TCP row over in one record with one TCPInfo,
// overwritten from row to row, as the netlink reader does.
type infoReusingSource struct {
	fakeSource
	rec  Socket
	info TCPInfo
}

func (r *infoReusingSource) Inet(p Protocol, ipv6 bool, visit func(*Socket), bad func()) error {
	return r.fakeSource.Inet(p, ipv6, func(s *Socket) {
		r.rec = *s
		if s.Info != nil {
			r.info = *s.Info
			r.rec.Info = &r.info
		}
		visit(&r.rec)
	}, bad)
}

// With host names the listing keeps a table's rows before printing them:
// each must keep its own tcp_info.
func TestTCPInfoKeptRows(t *testing.T) {
	src := &infoReusingSource{fakeSource: *demo()}
	tcp := src.inet["tcp"]
	tcp[2].Info, tcp[3].Info = infoFor(21), infoFor(32)
	out, _, _ := run(t, src, cli.Options{TCP: true, Inet: true, SocketKinds: 1, Extensions: cli.Extensions{TCPInfo: true}}, nil)
	for _, want := range []string{"localhost:http-alt      localhost:36836         ESTABLISHED rtt=1/0ms cwnd=21 ",
		"localhost:36836         localhost:http-alt      ESTABLISHED rtt=1/0ms cwnd=32 "} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

func TestClone(t *testing.T) {
	s := Socket{State: Established, Info: infoFor(5)}
	c := s.Clone()
	s.Info.SndCwnd = 6
	if c.Info == s.Info || c.Info.SndCwnd != 5 {
		t.Errorf("clone shares Info: %+v", c.Info)
	}
	s.Info = nil
	if c := s.Clone(); c.Info != nil {
		t.Error("nil Info cloned into a record")
	}
}

func TestWarnNoTCPInfo(t *testing.T) {
	var b strings.Builder
	WarnNoTCPInfo(&b, "NETSTAT_READER=proc")
	if got := b.String(); !strings.HasPrefix(got, "netstat: --tcp-info needs netlink sock_diag; NETSTAT_READER=proc") ||
		strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "\n") {
		t.Errorf("warning %q", got)
	}
}
