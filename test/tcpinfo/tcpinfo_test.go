package tcpinfo

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// sent is the size of the transfer over the delayed link.
const sent = 1 << 20

// transfer connects from this namespace to l (in the peer), sends sent
// bytes, and waits until the peer has read them and answered one byte,
// whose ACK covers the whole transfer. Both ends stay open until t ends.
func transfer(t *testing.T, l net.Listener) (client, server net.Conn) {
	t.Helper()
	accepted := make(chan net.Conn, 1)
	errs := make(chan error, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			errs <- err
			return
		}
		accepted <- c
		if _, err := io.CopyN(io.Discard, c, sent); err != nil {
			errs <- err
			return
		}
		_, err = c.Write([]byte{'k'})
		errs <- err
	}()
	client, err := net.DialTimeout("tcp4", l.Addr().String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	server = <-accepted
	t.Cleanup(func() { server.Close() })
	client.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := client.Write(make([]byte, sent)); err != nil {
		t.Fatal(err)
	}
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(client, make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	return client, server
}

// TestDelayedTransfer checks the tcp-info columns of both ends of a
// connection over a link with oneWayMS of delay each way.
func TestDelayedTransfer(t *testing.T) {
	nstest.Require(t)
	p := newPeer(t)
	l := p.listen(t)
	client, server := transfer(t, l)
	clientAddr, serverAddr := client.LocalAddr().String(), server.LocalAddr().String()

	nearOut, _ := netstat(t, nil, nil, "-tan", "--tcp-info")
	farOut, _ := netstat(t, p, nil, "-tan", "--tcp-info")
	near := find(t, parseRows(t, nearOut), clientAddr, serverAddr)
	far := find(t, parseRows(t, farOut), serverAddr, clientAddr)
	t.Logf("client: %s\nserver: %s", near.line, far.line)
	for _, end := range []struct {
		name string
		r    row
		cc   string
	}{{"client", near, congestionControl(t, nil)}, {"server", far, congestionControl(t, p)}} {
		t.Run(end.name, func(t *testing.T) {
			r := end.r
			if r.info == nil {
				t.Fatalf("no tcp-info columns: %q", r.line)
			}
			rtt := end.r.rttMillis(t)
			if lo, hi := 2.0*oneWayMS*0.9, 2.0*oneWayMS*2; rtt < lo || rtt > hi {
				t.Errorf("rtt %.3fms, want about %dms: %q", rtt, 2*oneWayMS, r.line)
			}
			if cwnd := r.number(t, "cwnd", ""); cwnd == 0 {
				t.Errorf("cwnd 0: %q", r.line)
			}
			if r.info["cc"] != end.cc {
				t.Errorf("cc=%s, the namespace's tcp_congestion_control is %s", r.info["cc"], end.cc)
			}
			for _, key := range []string{"ssthr", "retr", "dlv", "pace", "snd", "rcv"} {
				if r.info[key] == "" {
					t.Errorf("no %s= in %q", key, r.line)
				}
			}
		})
	}
	if acked := near.number(t, "acked", ""); acked < sent {
		t.Errorf("client acked=%d, sent %d: %q", acked, sent, near.line)
	}
	if rcvd := far.number(t, "rcvd", ""); rcvd < sent {
		t.Errorf("server rcvd=%d, sent %d: %q", rcvd, sent, far.line)
	}
	if rcvd := near.number(t, "rcvd", ""); rcvd != 1 {
		t.Errorf("client rcvd=%d, the server answered 1 byte: %q", rcvd, near.line)
	}
	// The delivery rate of a 1 MiB transfer at 40 ms is well above zero.
	if near.info["dlv"] == "0bps" {
		t.Errorf("client delivery rate 0: %q", near.line)
	}
}

// loopbackTimeWait leaves a TIME_WAIT socket on loopback and returns its
// address and the listener's.
func loopbackTimeWait(t *testing.T) (tw, listener string) {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	c, err := net.Dial("tcp4", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	tw = c.LocalAddr().String()
	c.Close() // the active closer ends in TIME_WAIT
	time.Sleep(20 * time.Millisecond)
	s.Close()
	time.Sleep(50 * time.Millisecond)
	return tw, l.Addr().String()
}

// TestNetToolsColumnsKept compares -tan --tcp-info with -tan: the same
// rows with the same net-tools columns; tcp-info columns only on
// connections, none on the listener and the TIME_WAIT socket.
func TestNetToolsColumnsKept(t *testing.T) {
	nstest.Require(t)
	p := newPeer(t)
	transfer(t, p.listen(t))
	tw, listener := loopbackTimeWait(t)

	plainOut, _ := netstat(t, nil, nil, "-tan")
	infoOut, stderr := netstat(t, nil, nil, "-tan", "--tcp-info")
	if stderr != "" {
		t.Errorf("stderr %q", stderr)
	}
	plainHeader, infoHeader := line(plainOut, 1), line(infoOut, 1)
	if !strings.HasPrefix(infoHeader, plainHeader) || !strings.Contains(infoHeader[len(plainHeader):], "TCP-Info") {
		t.Errorf("header %q, -tan's %q", infoHeader, plainHeader)
	}
	plain, info := parseRows(t, plainOut), parseRows(t, infoOut)
	if len(plain) != len(info) {
		t.Fatalf("%d rows with --tcp-info, %d without:\n%s\n%s", len(info), len(plain), infoOut, plainOut)
	}
	connections := 0
	for i := range plain {
		if plain[i].info != nil {
			t.Errorf("-tan row with extra columns: %q", plain[i].line)
		}
		if info[i].netTool != plain[i].line {
			t.Errorf("row %d:\n--tcp-info %q\n-tan       %q", i, info[i].netTool, plain[i].line)
		}
		switch info[i].state {
		case "ESTABLISHED":
			connections++
			if info[i].info == nil {
				t.Errorf("connection without tcp-info: %q", info[i].line)
			}
		case "LISTEN", "TIME_WAIT":
			if info[i].info != nil {
				t.Errorf("tcp-info on a %s row: %q", info[i].state, info[i].line)
			}
		}
	}
	if connections != 1 {
		t.Errorf("%d established rows, want the client's", connections)
	}
	find(t, info, tw, listener)
	find(t, info, listener, "0.0.0.0:*")
}

// TestProcReader checks that with the /proc reader, which has no
// tcp_info, --tcp-info warns once and prints the plain listing.
func TestProcReader(t *testing.T) {
	nstest.Require(t)
	p := newPeer(t)
	transfer(t, p.listen(t))
	env := []string{"NETSTAT_READER=proc"}
	plainOut, _ := netstat(t, nil, env, "-tan")
	infoOut, stderr := netstat(t, nil, env, "-tan", "--tcp-info")
	for _, r := range parseRows(t, infoOut) {
		if r.info != nil {
			t.Errorf("tcp-info columns from /proc: %q", r.line)
		}
	}
	if infoOut != plainOut {
		t.Errorf("not the plain -tan listing:\n%s\n%s", infoOut, plainOut)
	}
	if !strings.HasPrefix(stderr, "netstat: --tcp-info needs netlink sock_diag; ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr %q, want one --tcp-info warning", stderr)
	}
}

// line returns line i (from 0) of s.
func line(s string, i int) string {
	for l := range strings.Lines(s) {
		if i == 0 {
			return strings.TrimSuffix(l, "\n")
		}
		i--
	}
	return ""
}
