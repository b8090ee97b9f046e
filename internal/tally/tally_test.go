package tally

import (
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

type fakeUsers map[uint32]string

func (f fakeUsers) User(uid uint32) (string, bool) { n, ok := f[uid]; return n, ok }

func inet(p sockets.Protocol, v6 bool, local, remote string, state uint8, uid uint32) *sockets.Socket {
	return &sockets.Socket{Protocol: p, IPv6Table: v6, Local: netip.MustParseAddrPort(local),
		Remote: netip.MustParseAddrPort(remote), State: state, UID: uid}
}

// host is a small set of rows with their owners.
func host() (rows []*sockets.Socket, own []owners.Owner, unix []*sockets.UnixSocket) {
	rows = []*sockets.Socket{
		inet(sockets.TCP, false, "0.0.0.0:22", "0.0.0.0:0", sockets.Listen, 0),
		inet(sockets.TCP, false, "10.0.0.1:22", "192.0.2.1:5000", sockets.Established, 0),
		inet(sockets.TCP, false, "10.0.0.1:22", "192.0.2.2:5001", sockets.Established, 0),
		inet(sockets.TCP, false, "10.0.0.1:40000", "192.0.2.1:443", sockets.TimeWait, 0),
		inet(sockets.TCP, true, "[::ffff:10.0.0.1]:80", "[::ffff:192.0.2.1]:6000", sockets.Established, 33),
		inet(sockets.TCP, true, "[::]:80", "[::]:0", sockets.Listen, 33),
		inet(sockets.UDP, false, "0.0.0.0:53", "0.0.0.0:0", sockets.Close, 101),
		inet(sockets.Raw, true, "[::]:58", "[::]:0", sockets.Close, 0),
	}
	own = []owners.Owner{{PID: 1, Program: "sshd"}, {PID: 2, Program: "sshd"}, {PID: 3, Program: "sshd"}, {}, {PID: 4, Program: "nginx"}, {PID: 4, Program: "nginx"}, {PID: 5, Program: "dnsmasq"}, {}}
	unix = []*sockets.UnixSocket{
		{State: 1, Flags: sockets.UnixAccept, Inode: 7},
		{State: 3, Inode: 8},
		{State: 3, Inode: 9},
	}
	return
}

// feed runs the rows through a Collector as a Listing would.
func feed(c *Collector) {
	rows, own, unix := host()
	for i, r := range rows {
		if c.Inet(r, own[i], own[i].PID != 0) {
			panic("a Collector must drop every row")
		}
	}
	for _, u := range unix {
		c.Unix(u, owners.Owner{PID: 1, Program: "sshd"}, u.Inode == 7)
	}
}

func TestCountsOrderAndTop(t *testing.T) {
	cases := []struct {
		key  string
		top  int
		want string // key=count ...
	}{
		{"state", 0, "ESTABLISHED=3 LISTEN=3 CLOSE=2 CONNECTED=2 TIME_WAIT=1"},
		{"lport", 0, "22/tcp=3 80/tcp=2 40000/tcp=1 53/udp=1 58/raw=1"},
		{"lport", 2, "22/tcp=3 80/tcp=2"},
		{"raddr", 0, "*=4 192.0.2.1=3 192.0.2.2=1"},
		{"program", 0, "-=4 sshd=4 nginx=2 dnsmasq=1"},
		{"program", 1, "-=4"},
		{"user", 0, "root=5 www-data=2 101=1"},
	}
	for _, c := range cases {
		counts, err := NewCounts(c.key, fakeUsers{0: "root", 33: "www-data"}, false)
		if err != nil {
			t.Fatal(err)
		}
		feed(&Collector{Counts: counts})
		var got []string
		for _, e := range counts.Top(c.top) {
			got = append(got, e.Key+"="+strconv.Itoa(e.Count))
		}
		// Largest first; equal counts in key text order.
		if want := strings.Fields(c.want); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("--count=%s --top=%d: %v, want %v", c.key, c.top, got, want)
		}
	}
}

func TestCountsNumericUsers(t *testing.T) {
	counts, _ := NewCounts("user", fakeUsers{0: "root"}, true)
	feed(&Collector{Counts: counts})
	if got := counts.Top(1); got[0] != (Entry{"0", 5}) {
		t.Errorf("numeric users: %v", got)
	}
}

func TestUnknownKey(t *testing.T) {
	if _, err := NewCounts("color", nil, false); err == nil {
		t.Error("an unknown key must be refused")
	}
}

func TestCountsText(t *testing.T) {
	counts, _ := NewCounts("lport", nil, false)
	feed(&Collector{Counts: counts})
	var b strings.Builder
	if err := counts.WriteText(&b, "tcp sockets", 3); err != nil {
		t.Fatal(err)
	}
	want := "Sockets by local port: 8 counted, 5 distinct (tcp sockets), the top 3 shown\n" +
		"Count  Local port\n" +
		"    3  22/tcp\n" +
		"    2  80/tcp\n" +
		"    1  40000/tcp\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestSummary(t *testing.T) {
	s := NewSummary()
	c := &Collector{Summary: s}
	feed(c)
	if c.NeedsOwners() {
		t.Error("a summary needs no owners")
	}
	var b strings.Builder
	if err := s.WriteText(&b, "everything"); err != nil {
		t.Fatal(err)
	}
	want := "Sockets by protocol, family and state: 11 counted (everything)\n" +
		"Proto  Family  State        Count\n" +
		"tcp    inet    ESTABLISHED      2\n" +
		"tcp    inet    LISTEN           1\n" +
		"tcp    inet    TIME_WAIT        1\n" +
		"tcp    inet    total            4\n" +
		"tcp    inet6   ESTABLISHED      1\n" +
		"tcp    inet6   LISTEN           1\n" +
		"tcp    inet6   total            2\n" +
		"udp    inet    CLOSE            1\n" +
		"udp    inet    total            1\n" +
		"raw    inet6   CLOSE            1\n" +
		"raw    inet6   total            1\n" +
		"unix   unix    CONNECTED        2\n" +
		"unix   unix    LISTEN           1\n" +
		"unix   unix    total            3\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := s.WriteJSON(&b, "everything"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version   int
		Total     int
		Protocols []struct {
			Protocol, Family string
			Total            int
			States           map[string]int
		}
	}
	if err := json.Unmarshal([]byte(b.String()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != Version || doc.Total != 11 || len(doc.Protocols) != 5 ||
		doc.Protocols[1].Family != "inet6" || doc.Protocols[4].States["CONNECTED"] != 2 {
		t.Errorf("JSON summary %s", b.String())
	}
}

// keepTCP keeps TCP rows and the UNIX rows of nobody, and wants owners.
type keepTCP struct{}

func (keepTCP) Inet(s *sockets.Socket, _ owners.Owner, _ bool) bool { return s.Protocol == sockets.TCP }
func (keepTCP) Unix(*sockets.UnixSocket, owners.Owner, bool) bool   { return false }
func (keepTCP) NeedsOwners() bool                                   { return true }

func TestCollectorKeep(t *testing.T) {
	counts, _ := NewCounts("state", nil, false)
	c := &Collector{Keep: keepTCP{}, Counts: counts}
	feed(c)
	if counts.Total() != 6 {
		t.Errorf("counted %d rows, want the 6 TCP rows", counts.Total())
	}
	if !c.NeedsOwners() {
		t.Error("the Keep filter needs owners, so does the Collector")
	}
	byProgram, _ := NewCounts("program", nil, false)
	if !(&Collector{Counts: byProgram}).NeedsOwners() {
		t.Error("--count=program needs owners")
	}
}

func TestCountsJSON(t *testing.T) {
	counts, _ := NewCounts("raddr", nil, false)
	feed(&Collector{Counts: counts})
	var b strings.Builder
	counts.WriteJSON(&b, "x", 2)
	var doc struct {
		Version, Total, Values, Top int
		Key                         string
		Counts                      []Entry
	}
	if err := json.Unmarshal([]byte(b.String()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || doc.Key != "raddr" || doc.Total != 8 || doc.Values != 3 || doc.Top != 2 ||
		len(doc.Counts) != 2 || doc.Counts[0] != (Entry{"*", 4}) {
		t.Errorf("JSON counts %s", b.String())
	}
}
