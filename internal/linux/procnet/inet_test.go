package procnet

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

// inetSocketFixtures are the Internet tables under testdata with their protocol
// and table family.
var inetSocketFixtures = []struct {
	file string
	p    sockets.Protocol
	v6   bool
}{
	{"real_tcp", sockets.TCP, false},
	{"real_tcp6", sockets.TCP, true},
	{"real_udp", sockets.UDP, false},
	{"real_udp6", sockets.UDP, true},
	{"real_udplite", sockets.UDPLite, false},
	{"real_udplite6", sockets.UDPLite, true},
	{"real_raw", sockets.Raw, false},
	{"real_raw6", sockets.Raw, true},
	{"states_tcp", sockets.TCP, false},
	{"hand_tcp6", sockets.TCP, true},
	{"malformed_tcp", sockets.TCP, false},
	{"malformed_udp", sockets.UDP, false},
}

// parseInetEvents runs ParseInet and lists the rows and "bad" markers in
// order.
func parseInetEvents(t *testing.T, file string, p sockets.Protocol, v6 bool) []string {
	t.Helper()
	var got []string
	err := ParseInet(openSocketFixture(t, file), p, v6,
		func(s *sockets.Socket) { got = append(got, inetRecordLine(s)) },
		func() { got = append(got, "bad") })
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestParseInetGolden(t *testing.T) {
	for _, fx := range inetSocketFixtures {
		t.Run(fx.file, func(t *testing.T) {
			checkSocketGolden(t, fx.file, parseInetEvents(t, fx.file, fx.p, fx.v6))
		})
	}
}

func TestParseInetFields(t *testing.T) {
	var rows []sockets.Socket
	bad := 0
	err := ParseInet(openSocketFixture(t, "real_tcp"), sockets.TCP, false,
		func(s *sockets.Socket) { rows = append(rows, *s) }, func() { bad++ })
	if err != nil || bad != 0 || len(rows) != 10 {
		t.Fatalf("err=%v bad=%d rows=%d", err, bad, len(rows))
	}
	lo := netip.MustParseAddr("127.0.0.1")
	want := sockets.Socket{Protocol: sockets.TCP, Local: netip.AddrPortFrom(lo, 8080),
		Remote: netip.AddrPortFrom(netip.IPv4Unspecified(), 0), State: sockets.Listen, Inode: 13587}
	if rows[0] != want {
		t.Errorf("row 0 = %+v, want %+v", rows[0], want)
	}
	// Keepalive timer and unread data on an established socket.
	if r := rows[3]; r.TimerKind != 2 || r.TimerTicks != 0xAFC61 || r.State != sockets.Established {
		t.Errorf("row 3 = %+v", r)
	}
	// A large send queue.
	if r := rows[4]; r.SendQ != 0x3AF38E || r.TimerKind != 1 {
		t.Errorf("row 4 = %+v", r)
	}
	// TIME_WAIT: inode 0, short line (no extra columns).
	if r := rows[6]; r.State != sockets.TimeWait || r.Inode != 0 || r.TimerKind != 3 {
		t.Errorf("row 6 = %+v", r)
	}
}

func TestParseInetIPv6(t *testing.T) {
	var rows []sockets.Socket
	err := ParseInet(openSocketFixture(t, "hand_tcp6"), sockets.TCP, true,
		func(s *sockets.Socket) { rows = append(rows, *s) }, func() { t.Error("bad line") })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"[::]:443", "[::ffff:127.0.0.1]:443", "[2001:db8:10::10]:8443", "[fe80::ff:5e00:1]:546", "127.0.0.1:80"}
	for i, w := range want {
		if got := rows[i].Local.String(); got != w {
			t.Errorf("row %d local = %s, want %s", i, got, w)
		}
		if !rows[i].IPv6Table {
			t.Errorf("row %d: IPv6Table not set", i)
		}
	}
	if !rows[1].Remote.Addr().Is4In6() {
		t.Errorf("v4-mapped remote was unmapped: %v", rows[1].Remote)
	}
}

func TestParseInetMalformed(t *testing.T) {
	got := parseInetEvents(t, "malformed_tcp", sockets.TCP, false)
	// Expected outcome per data line of the fixture (see testdata).
	want := []string{
		"inode=1",                 // good
		"bad",                     // short
		"bad",                     // ZZ state
		"bad",                     // empty line
		"inode=5",                 // extra columns
		"uid=0 timeout=0 inode=0", // ends after retrnsmt: 11 fields are enough
		"bad",                     // 65 hex digits
		"inode=8",                 // IPv4 local, 32-digit remote: strtoul
		"bad",                     // 12-digit address
		"bad",                     // port over 0xFFFF
		"uid=0 timeout=0 inode=0", // uid "abc": sscanf stops after 11
		"timeout=-3 inode=12",     // "12abc": %lu stops at the letters
		"bad",                     // no colon after sl
		"bad",                     // truncated last line
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if want[i] == "bad" && got[i] != "bad" || want[i] != "bad" && !strings.HasSuffix(got[i], want[i]) {
			t.Errorf("line %d: got %q, want …%q", i+1, got[i], want[i])
		}
	}
	udp := parseInetEvents(t, "malformed_udp", sockets.UDP, false)
	if len(udp) != 4 || udp[0] == "bad" || udp[1] == "bad" || udp[2] != "bad" || udp[3] == "bad" {
		t.Fatalf("udp events:\n%s", strings.Join(udp, "\n"))
	}
	if !strings.Contains(udp[3], "uid=4294967294") || !strings.Contains(udp[3], "retr=3") {
		t.Errorf("udp last row: %s", udp[3])
	}
	// The same TCP-length rule does not hold for UDP: 10 fields suffice.
	tcp := parseInetEvents(t, "malformed_udp", sockets.TCP, false)
	if tcp[1] != "bad" {
		t.Errorf("a 10-field line must be bad for TCP: %s", tcp[1])
	}
}

// TestParseInetLongLine checks the fgets(8192) piecing: a line longer than
// 8191 bytes is read as several lines.
func TestParseInetLongLine(t *testing.T) {
	row := "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1"
	long := row + strings.Repeat(" x", 5000) + "\n"
	in := "header\n" + long + row + "\n"
	var rows, bad int
	if err := ParseInet(strings.NewReader(in), sockets.TCP, false,
		func(*sockets.Socket) { rows++ }, func() { bad++ }); err != nil {
		t.Fatal(err)
	}
	// The long line's first piece is a row; its second piece, " x x …",
	// is bogus.
	if rows != 2 || bad != 1 {
		t.Errorf("rows=%d bad=%d, want 2 and 1", rows, bad)
	}
}

func TestParseInetNUL(t *testing.T) {
	in := "h\n   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:\x0000000000 00000000 0 0 1\n"
	bad := 0
	ParseInet(strings.NewReader(in), sockets.TCP, false, func(*sockets.Socket) { t.Error("row") }, func() { bad++ })
	if bad != 1 {
		t.Errorf("bad=%d", bad)
	}
}

func TestProcIPv4(t *testing.T) {
	for in, want := range map[string]string{"0100007F": "127.0.0.1", "0": "0.0.0.0", "100007F": "127.0.0.1", "FFFFFFFF": "255.255.255.255", "0A0200C0": "192.0.2.10"} {
		if got := procIPv4(hexWord([]byte(in))).String(); got != want {
			t.Errorf("%s: got %s want %s", in, got, want)
		}
	}
}
