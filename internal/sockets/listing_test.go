package sockets

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/owners"
)

// demo is the spec's example namespace (§13): the same sockets, as records.
func demo() *fakeSource {
	return &fakeSource{
		inet: map[string][]Socket{
			"tcp": {
				{Local: ap("0.0.0.0:22"), Remote: ap("0.0.0.0:0"), State: Listen, Inode: 888061},
				{Local: ap("127.0.0.1:8080"), Remote: ap("0.0.0.0:0"), State: Listen, Inode: 888060},
				{Local: ap("127.0.0.1:8080"), Remote: ap("127.0.0.1:36836"), State: Established, RecvQ: 5, Inode: 888064},
				{Local: ap("127.0.0.1:36836"), Remote: ap("127.0.0.1:8080"), State: Established, Inode: 888063},
			},
			"tcp6": {
				{Local: ap("[::]:443"), Remote: ap("[::]:0"), State: Listen, Inode: 888062},
				{Local: ap("[::1]:47384"), Remote: ap("[::1]:443"), State: Established, Inode: 888065},
				{Local: ap("[::1]:443"), Remote: ap("[::1]:47384"), State: Established, Inode: 888066},
			},
			"udp":   {{Local: ap("0.0.0.0:53"), Remote: ap("0.0.0.0:0"), State: Close, Inode: 888067}, {Local: ap("127.0.0.1:51704"), Remote: ap("127.0.0.1:53"), State: Established, Inode: 888068}},
			"udp6":  {},
			"udpl":  {},
			"udpl6": {},
			"raw":   {{Local: ap("0.0.0.0:1"), Remote: ap("0.0.0.0:0"), State: 7, Inode: 888069}},
			"raw6":  {},
		},
		unix: []UnixSocket{
			{RefCount: 3, Type: 1, State: 3, Inode: 888071},
			{RefCount: 2, Flags: UnixAccept, Type: 1, State: 1, Inode: 888070, Path: "/tmp/nsw/demo.sock"},
			{RefCount: 3, Type: 1, State: 3, Inode: 888072, Path: "/tmp/nsw/demo.sock"},
			{RefCount: 2, Type: 2, State: 1, Inode: 888073, Path: "@demo-abstract"},
		},
	}
}

func numeric(o cli.Options) cli.Options {
	o.NumericHosts, o.NumericPorts, o.NumericUsers = true, true, true
	return o
}

func TestExampleAn(t *testing.T) {
	out, errOut, rc := run(t, demo(), numeric(cli.Options{All: true}), nil)
	want := `Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State      
tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN     
tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN     
tcp        5      0 127.0.0.1:8080          127.0.0.1:36836         ESTABLISHED
tcp        0      0 127.0.0.1:36836         127.0.0.1:8080          ESTABLISHED
tcp6       0      0 :::443                  :::*                    LISTEN     
tcp6       0      0 ::1:47384               ::1:443                 ESTABLISHED
tcp6       0      0 ::1:443                 ::1:47384               ESTABLISHED
udp        0      0 0.0.0.0:53              0.0.0.0:*                          
udp        0      0 127.0.0.1:51704         127.0.0.1:53            ESTABLISHED
raw        0      0 0.0.0.0:1               0.0.0.0:*               7          
Active UNIX domain sockets (servers and established)
Proto RefCnt Flags       Type       State         I-Node   Path
unix  3      [ ]         STREAM     CONNECTED     888071   
unix  2      [ ACC ]     STREAM     LISTENING     888070   /tmp/nsw/demo.sock
unix  3      [ ]         STREAM     CONNECTED     888072   /tmp/nsw/demo.sock
unix  2      [ ]         DGRAM                    888073   @demo-abstract
`
	if out != want || errOut != "" || rc != 0 {
		t.Errorf("rc=%d stderr=%q\n%s", rc, errOut, diff(want, out))
	}
}

func TestExampleAtupe(t *testing.T) {
	ix := owners.NewIndex()
	for _, ino := range []uint64{888060, 888061, 888062, 888063, 888064, 888065, 888066, 888067, 888068} {
		ix.Add(ino, owners.Owner{PID: 30638, Program: "python3"})
	}
	o := cli.Options{All: true, TCP: true, UDP: true, Inet: true, Inet6: true, SocketKinds: 2, Programs: true, Extend: 1}
	out, _, rc := run(t, demo(), o, ix)
	want := `Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name    
tcp        0      0 0.0.0.0:ssh             0.0.0.0:*               LISTEN      root       888061     30638/python3       
tcp        0      0 localhost:http-alt      0.0.0.0:*               LISTEN      root       888060     30638/python3       
tcp        5      0 localhost:http-alt      localhost:36836         ESTABLISHED root       888064     30638/python3       
tcp        0      0 localhost:36836         localhost:http-alt      ESTABLISHED root       888063     30638/python3       
tcp6       0      0 [::]:https              [::]:*                  LISTEN      root       888062     30638/python3       
tcp6       0      0 ::1:47384               ::1:https               ESTABLISHED root       888065     30638/python3       
tcp6       0      0 ::1:https               ::1:47384               ESTABLISHED root       888066     30638/python3       
udp        0      0 0.0.0.0:domain          0.0.0.0:*                           root       888067     30638/python3       
udp        0      0 localhost:51704         localhost:domain        ESTABLISHED root       888068     30638/python3       
`
	if out != want || rc != 0 {
		t.Errorf("rc=%d\n%s", rc, diff(want, out))
	}
}

func TestExampleTlnpo(t *testing.T) {
	ix := owners.NewIndex()
	for _, ino := range []uint64{888060, 888061, 888062} {
		ix.Add(ino, owners.Owner{PID: 30638, Program: "python3"})
	}
	o := numeric(cli.Options{Listening: true, TCP: true, Inet: true, Inet6: true, SocketKinds: 1, Programs: true, Timers: true})
	out, _, _ := run(t, demo(), o, ix)
	want := `Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name     Timer
tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      30638/python3        off (0.00/0/0)
tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN      30638/python3        off (0.00/0/0)
tcp6       0      0 :::443                  :::*                    LISTEN      30638/python3        off (0.00/0/0)
`
	if out != want {
		t.Errorf("\n%s", diff(want, out))
	}
}

func TestDefaultHidesServers(t *testing.T) {
	out, _, _ := run(t, demo(), numeric(cli.Options{}), nil)
	for _, hidden := range []string{"LISTEN", "0.0.0.0:53", "LISTENING", "888070"} {
		if strings.Contains(out, hidden) {
			t.Errorf("default listing shows %q:\n%s", hidden, out)
		}
	}
	if !strings.Contains(out, "(w/o servers)") || !strings.Contains(out, "127.0.0.1:51704") {
		t.Errorf("default listing lacks connected sockets:\n%s", out)
	}
}

func TestEndpointShortening(t *testing.T) {
	cases := []struct{ host, port, want string }{
		{"a-very-long-hostname-for-testing.example.com", "http-alt", "a-very-long-ho:http-alt"},
		{"2001:db8:1234:5678:9abc:def0:1234:5678", "https", "2001:db8:1234:567:https"},
		{"2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", "65535", "2001:db8:aaaa:bbb:65535"},
		{"127.0.0.1", "averyveryverylongservicename", "127.:averyveryverylongs"},
		{"::1", "averyveryverylongservicename", "::1:averyveryverylongs"},
		{"127.0.0.1", "8080", "127.0.0.1:8080"},
	}
	for _, c := range cases {
		if got := joinEndpoint(c.host, c.port, false); got != c.want {
			t.Errorf("joinEndpoint(%q, %q) = %q, want %q", c.host, c.port, got, c.want)
		}
		if got := joinEndpoint(c.host, c.port, true); got != c.host+":"+c.port {
			t.Errorf("wide joinEndpoint(%q, %q) = %q", c.host, c.port, got)
		}
	}
}

func TestHostText(t *testing.T) {
	cases := []struct {
		addr    string
		numeric bool
		want    string
	}{
		{"0.0.0.0", false, "0.0.0.0"},
		{"0.0.0.5", false, "fivenet"},
		{"0.0.0.6", false, "0.0.0.6"},
		{"127.0.0.1", false, "localhost"},
		{"127.0.0.1", true, "127.0.0.1"},
		{"::", false, "[::]"},
		{"::", true, "::"},
		{"::ffff:127.0.0.1", false, "127.0.0.1"},
		{"::ffff:127.0.0.1", true, "127.0.0.1"},
		{"::1.2.3.4", true, "::1.2.3.4"},
		{"2001:db8::1", false, "2001:db8::1"},
	}
	for _, c := range cases {
		if got := hostText(netip.MustParseAddr(c.addr), c.numeric, fakeNames{}); got != c.want {
			t.Errorf("hostText(%s, %v) = %q, want %q", c.addr, c.numeric, got, c.want)
		}
	}
}

func TestTimers(t *testing.T) {
	cases := []struct {
		s    Socket
		want string
	}{
		{Socket{Protocol: TCP, TimerKind: 0, TimerTicks: 123, Retransmits: 1}, "off (0.00/1/0)"},
		{Socket{Protocol: TCP, TimerKind: 1, TimerTicks: 5, Retransmits: 2}, "on (0.05/2/0)"},
		{Socket{Protocol: TCP, TimerKind: 2, TimerTicks: 719701}, "keepalive (7197.01/0/0)"},
		{Socket{Protocol: TCP, TimerKind: 3, TimerTicks: 3964}, "timewait (39.64/0/0)"},
		{Socket{Protocol: TCP, TimerKind: 4, TimerTicks: 24, Timeout: 3}, "probe (0.24/0/3)"},
		{Socket{Protocol: TCP, TimerKind: 9, TimerTicks: 100}, "unkn-9 (1.00/0/0)"},
		{Socket{Protocol: UDP, TimerKind: 1, TimerTicks: 150, Retransmits: 4}, "on1 (1.50/0/0)"},
		{Socket{Protocol: UDP, TimerKind: 0, Retransmits: 4}, "off (0.00/0/0)"},
		{Socket{Protocol: UDP, TimerKind: 5, TimerTicks: 1}, "unkn-5 (0.01/0/0)"},
		{Socket{Protocol: Raw, TimerKind: 2, TimerTicks: 1, Retransmits: 4}, "on2 (0.01/4/0)"},
	}
	for _, c := range cases {
		if got := timerText(&c.s); got != c.want {
			t.Errorf("timerText(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestSCTPRows(t *testing.T) {
	src := &fakeSource{
		inet: map[string][]Socket{},
		eps: []SCTPEndpoint{{State: 10, LocalPort: 5001, UID: 0, Inode: 12345,
			Local: []netip.Addr{netip.MustParseAddr("192.168.1.1"), netip.MustParseAddr("10.0.0.1")}}},
		assocs: []SCTPAssoc{{State: 1, RecvQ: 3, SendQ: 7, Inode: 22222, LocalPort: 5001, RemotePort: 36412,
			Local:  []netip.Addr{netip.MustParseAddr("192.168.1.1"), netip.MustParseAddr("10.0.0.1")},
			Remote: []netip.Addr{netip.MustParseAddr("192.168.1.2"), netip.MustParseAddr("10.0.0.2"), netip.MustParseAddr("10.0.0.3")}}},
	}
	o := cli.Options{All: true, SCTP: true, Inet: true, Inet6: true, SocketKinds: 1, Extend: 1}
	out, errOut, rc := run(t, src, o, nil)
	want := `Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode     
sctp                192.168.1.1:5001                                LISTEN     
                    10.0.0.1:5001                                               root       12345     
sctp       3      7 192.168.1.1:5001        192.168.1.2:36412       ESTABLISHED
                    10.0.0.1                10.0.0.2                           
                                            10.0.0.3                            root       22222     
`
	if out != want || errOut != "" || rc != 0 {
		t.Errorf("rc=%d stderr=%q\n%s", rc, errOut, diff(want, out))
	}
}

func TestMissingTables(t *testing.T) {
	// -tS on a kernel without SCTP: TCP rows, then the message, exit 1,
	// and nothing after.
	src := demo()
	o := numeric(cli.Options{TCP: true, SCTP: true, UDP: true, Inet: true, Inet6: true, SocketKinds: 3})
	out, errOut, rc := run(t, src, o, nil)
	if rc != 1 || errOut != "netstat: no support for `AF INET (sctp)' on this system.\n" {
		t.Errorf("-tS: rc=%d stderr=%q", rc, errOut)
	}
	if strings.Contains(out, "udp") || !strings.Contains(out, "127.0.0.1:36836") {
		t.Errorf("-tS printed the wrong rows:\n%s", out)
	}

	// The default listing is silent about SCTP, unless -v.
	_, errOut, rc = run(t, src, numeric(cli.Options{}), nil)
	if rc != 0 || errOut != "" {
		t.Errorf("default: rc=%d stderr=%q", rc, errOut)
	}
	_, errOut, rc = run(t, src, numeric(cli.Options{Verbose: true}), nil)
	if rc != 0 || !strings.HasPrefix(errOut, "netstat: no support for `AF INET (sctp)' on this system.\nnetstat: no support for `AF IPX' on this system.\n") ||
		!strings.HasSuffix(errOut, "`AF ROSE' on this system.\n") {
		t.Errorf("-v: rc=%d stderr=%q", rc, errOut)
	}

	// A family alone turns every protocol on and silences the message.
	o = numeric(cli.Options{Inet: true, TCP: true, SCTP: true, UDP: true, UDPLite: true, Raw: true, NoProt: true, SocketKinds: 5})
	_, errOut, rc = run(t, src, o, nil)
	if rc != 0 || errOut != "" {
		t.Errorf("-4: rc=%d stderr=%q", rc, errOut)
	}

	// A missing IPv4 table still lets the IPv6 one print, then fails.
	delete(src.inet, "tcp")
	o = numeric(cli.Options{All: true, TCP: true, Inet: true, Inet6: true, SocketKinds: 1})
	out, errOut, rc = run(t, src, o, nil)
	if rc != 1 || !strings.Contains(out, ":::443") || errOut != "netstat: no support for `AF INET (tcp)' on this system.\n" {
		t.Errorf("missing tcp: rc=%d stderr=%q\n%s", rc, errOut, out)
	}
}

func TestBluetooth(t *testing.T) {
	o := numeric(cli.Options{Unix: true, L2CAP: true, SocketKinds: 2})
	out, errOut, rc := run(t, demo(), o, nil)
	if rc != 1 || !strings.HasPrefix(out, "Active UNIX") ||
		errOut != "netstat: feature `AF BLUETOOTH' not supported.\nPlease recompile `net-tools' with newer kernel source or full configuration.\n" {
		t.Errorf("rc=%d stderr=%q\n%s", rc, errOut, out)
	}
}

func TestOwnerWarnings(t *testing.T) {
	o := numeric(cli.Options{TCP: true, Inet: true, SocketKinds: 1, Programs: true})
	denied := owners.NewIndex()
	denied.Denied = true
	_, errOut, _ := run(t, demo(), o, denied)
	if errOut != "(No info could be read for \"-p\": geteuid()=65534 but you should be root.)\n" {
		t.Errorf("denied, nothing found: %q", errOut)
	}
	denied.Add(888064, owners.Owner{PID: 7, Program: "a-program-with-a-long-name"})
	out, errOut, _ := run(t, demo(), o, denied)
	if errOut != "(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n" {
		t.Errorf("denied, some found: %q", errOut)
	}
	if !strings.Contains(out, "ESTABLISHED 7/a-program-with-a- \n") || !strings.Contains(out, "ESTABLISHED -                   \n") {
		t.Errorf("program column:\n%s", out)
	}
}

func TestUnixRows(t *testing.T) {
	src := &fakeSource{unix: []UnixSocket{
		{RefCount: 12345678, Type: 5, State: 3, Inode: 123456789, Path: "/very/long/path"},
		{RefCount: 2, Flags: UnixAccept | UnixWaitData | UnixNoSpace, Type: 9, State: 7, Protocol: 1, Inode: 1},
	}}
	out, _, _ := run(t, src, cli.Options{Unix: true, SocketKinds: 1, All: true, Programs: true}, owners.NewIndex())
	want := `Active UNIX domain sockets (servers and established)
Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path
unix  12345678 [ ]         SEQPACKET  CONNECTED     123456789 -                    /very/long/path
??    2      [ ACC W N ] UNKNOWN    UNKNOWN       1        -                    
`
	if out != want {
		t.Errorf("\n%s", diff(want, out))
	}
}

// diff shows two texts line by line with visible line ends.
func diff(want, got string) string {
	var b strings.Builder
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		mark := " "
		if wl != gl {
			mark = "!"
		}
		b.WriteString(mark + " want " + wl + "$\n" + mark + " got  " + gl + "$\n")
	}
	return b.String()
}
