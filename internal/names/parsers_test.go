package names

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The expectations below were observed with /usr/bin/netstat or getent
// (glibc 2.36) reading the same file contents.

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "etc", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseHosts(t *testing.T) {
	h := parseHosts(strings.NewReader(readFixture(t, "hosts")))
	long := strings.Repeat("n", 100) + "." + strings.Repeat("m", 99)
	v4 := map[string]string{
		"10.0.0.1":  "first",     // first line wins, canonical name
		"10.0.0.2":  "",          // address without a name
		"10.0.0.3":  "UpperCase", // case kept, comment dropped
		"10.0.0.4":  "",          // '#' cuts "10.0.0.4#x nohash"
		"10.0.0.5":  "lead",      // leading blanks
		"10.0.0.6":  "mapped6",   // ::ffff:10.0.0.6 line serves IPv4
		"127.0.0.1": "sixlocal",  // ::1 line serves 127.0.0.1, before the real one
		"10.0.0.7":  "TabName",   // tab and CR are blanks
		"10.0.0.8":  "eight",     // 010.0.0.8 is invalid
		"10.0.0.9":  "v6mapped9",
		"10.0.0.10": long,
		"10.0.0.12": "lastst", // glibc memmove quirk on the unterminated last line
	}
	for a, want := range v4 {
		got, ok := h.v4[netip.MustParseAddr(a).As4()]
		if !ok || got != want {
			t.Errorf("v4 %s = %q, %v; want %q", a, got, ok, want)
		}
	}
	v6 := map[string]string{
		"2001:db8::1":     "six1",
		"::ffff:10.0.0.9": "v6mapped9",
		"::ffff:10.0.0.6": "mapped6",
		"::1":             "sixlocal",
		"2001:db8::2":     long,
	}
	for a, want := range v6 {
		got, ok := h.v6[netip.MustParseAddr(a).As16()]
		if !ok || got != want {
			t.Errorf("v6 %s = %q, %v; want %q", a, got, ok, want)
		}
	}
	for _, a := range []string{"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:10.0.0.12", "2001:db8::3"} {
		if got, ok := h.v6[netip.MustParseAddr(a).As16()]; ok {
			t.Errorf("v6 %s = %q, want no entry", a, got)
		}
	}
}

func TestForEachLineQuirks(t *testing.T) {
	var got []string
	forEachLine(strings.NewReader("  a b\n\t# c\n\n \x00x\n  ab\x00cd\n  xyz"), func(l []byte) {
		got = append(got, string(l))
	})
	want := []string{"a b\nb\n", "abab", "xyzyz"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

func TestParseNetworks(t *testing.T) {
	n := parseNetworks(strings.NewReader(readFixture(t, "networks")))
	want := map[string]string{
		"0.0.0.5":         "b5", // "a5 5" means 5.0.0.0; "0.0.0.05" is octal 5
		"5.0.0.0":         "a5",
		"0.0.0.6":         "c6", // "x6" is hex
		"0.0.0.8":         "e8", // "08" is invalid octal
		"0.1.0.0":         "f",  // "0.1" padded to 0.1.0.0
		"0.0.1.0":         "g",
		"0.0.0.9":         "h",
		"0.0.0.10":        "j", // 4294967306 wraps to 10
		"0.0.0.11":        "Up",
		"172.16.0.0":      "net172",
		"10.0.0.0":        "ten",
		"255.255.255.255": "d8", // first invalid number is INADDR_NONE
	}
	for a, w := range want {
		b := netip.MustParseAddr(a).As4()
		key := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		if got, ok := n.byNet[key]; !ok || got != w {
			t.Errorf("%s = %q, %v; want %q", a, got, ok, w)
		}
	}
	for _, a := range []uint32{12, 13} {
		if got, ok := n.byNet[a]; ok {
			t.Errorf("%d = %q, want none", a, got)
		}
	}
}

func TestInetNetwork(t *testing.T) {
	for in, want := range map[string]uint32{
		"1.2.3.4": 0x01020304, "1.2": 0x0102, "0x7f.1": 0x7f01, "X10": 16,
		"010": 8, "0": 0, "08": 0xffffffff, "0x": 0xffffffff, "256": 0xffffffff,
		"1.2.3.4.5": 0xffffffff, "1.": 0xffffffff, "1 ": 1, "1 x": 0xffffffff, "": 0xffffffff,
	} {
		if got := inetNetwork([]byte(in)); got != want {
			t.Errorf("inetNetwork(%q) = %#x, want %#x", in, got, want)
		}
	}
}

func TestPton(t *testing.T) {
	for in, ok := range map[string]bool{
		"1.2.3.4": true, "01.2.3.4": false, "1.2.3": false, "1.2.3.256": false,
		"1.2.3.4.": false, " 1.2.3.4": false, "0.0.0.0": true,
	} {
		if _, got := pton4([]byte(in)); got != ok {
			t.Errorf("pton4(%q) ok = %v", in, got)
		}
	}
	for in, ok := range map[string]bool{
		"::": true, "::1": true, "1::": true, "::ffff:1.2.3.4": true, "1:2:3:4:5:6:7:8": true,
		"1:2:3:4:5:6:7::": true, "1:2:3:4:5:6:7:8::": false, "::1:2:3:4:5:6:7:8": false,
		":1::": false, "1::2:": false, "fe80::1%eth0": false, "12345::": false,
		"::ffff:01.2.3.4": false, "1.2.3.4": false, "1:::2": false, "": false, "ABCD::ef": true,
	} {
		a, got := pton6([]byte(in))
		if got != ok {
			t.Errorf("pton6(%q) ok = %v", in, got)
		}
		if got {
			if want, err := netip.ParseAddr(in); err == nil && want.As16() != a {
				t.Errorf("pton6(%q) = %v, want %v", in, a, want)
			}
		}
	}
}

func TestParseServices(t *testing.T) {
	s := newServiceTables()
	parseServices(strings.NewReader(readFixture(t, "services")), s)
	parseProtocols(strings.NewReader(readFixture(t, "protocols")), s)
	check := func(m map[uint16]string, port uint16, want string) {
		t.Helper()
		if got := m[port]; got != want {
			t.Errorf("port %d = %q, want %q", port, got, want)
		}
	}
	check(s.tcp, 1000, "svc1b") // last duplicate wins
	check(s.tcp, 1001, strings.Repeat("s", 70))
	check(s.tcp, 1002, "wrap") // 66538 cut to 16 bits
	check(s.tcp, 65535, "")    // "-1" is invalid
	check(s.tcp, 1004, "ws")
	check(s.tcp, 1005, "plus")
	check(s.tcp, 1006, "") // "1006 /tcp" invalid
	check(s.tcp, 1007, "") // no proto
	check(s.tcp, 1008, "")
	check(s.udp, 1008, "udponly")
	check(s.tcp, 1009, "") // "TCP" is not "tcp"
	check(s.tcp, 1010, "hash")
	check(s.tcp, 1011, "tab")
	check(s.raw, 6, "tcp")   // protocols beat raw services
	check(s.raw, 201, "big") // 65737 cut to 201, last wins
	check(s.raw, 202, "rawonly2")

	s = newServiceTables()
	parseServices(strings.NewReader("a +5/tcp\nb -0/tcp\nc -1/tcp\nd 00022/tcp\ne 4294967295/tcp\n"+
		"f 4294967296/tcp\nh 65536/tcp\ni 65537/tcp\nm -18446744073709551615/tcp\nx 0x16//tcp\n"), s)
	for port, want := range map[uint16]string{5: "a", 0: "h", 18: "d", 65535: "e", 1: "m", 22: "x"} {
		check(s.tcp, port, want)
	}
	s = newServiceTables()
	parseProtocols(strings.NewReader("a +5\nb 4294967295\nc 65537\nd 4294967297\ne 0x5\n"), s)
	for port, want := range map[uint16]string{5: "a", 65535: "b", 1: "c", 0: ""} {
		check(s.raw, port, want)
	}
}

func TestParsePasswd(t *testing.T) {
	p := parsePasswd(strings.NewReader(readFixture(t, "passwd")))
	want := map[uint32]string{1000: "alice", 1001: "bob", 1002: "sp", 1003: "c2", 1004: "sign",
		1007: "", 1008: "hash#", 1009: "sp2"}
	for uid, w := range want {
		if got, ok := p[uid]; !ok || got != w {
			t.Errorf("uid %d = %q, %v; want %q", uid, got, ok, w)
		}
	}
	for _, uid := range []uint32{1005, 1006, 0xffffffff, 0} {
		if got, ok := p[uid]; ok {
			t.Errorf("uid %d = %q, want none", uid, got)
		}
	}
	p = parsePasswd(strings.NewReader("e:x:4294967295:0::\nb:x:-0:0::\nc:x:-1:0::\nf:x:4294967296:0::\ng:x:7:0"))
	if p[0xffffffff] != "e" || p[0] != "b" || p[7] != "g" || len(p) != 3 {
		t.Errorf("passwd = %v", p)
	}
}

func TestParseNsswitch(t *testing.T) {
	n := parseNsswitch(strings.NewReader(readFixture(t, "nsswitch.conf")))
	if n.broken || len(n.dbs["services"]) != 2 || n.dbs["services"][1].name != "files" {
		t.Fatalf("parsed %+v", n)
	}
	for line, broken := range map[string]bool{
		"hosts: files [NOTFOUND=bogus]": true, "hosts: files[": true, "hosts: files [NOTFOUND=return": true,
		"hosts: files # comment [": true, "sudoers: files [BOGUS]": false, "hosts:": false,
		"hosts: files [ notfound = RETURN ] dns": false, "#hosts: [": false,
	} {
		if got := parseNsswitch(strings.NewReader(line + "\n")).broken; got != broken {
			t.Errorf("%q broken = %v", line, got)
		}
	}
	n = parseNsswitch(strings.NewReader("hosts: a [!SUCCESS=return] b [SUCCESS=continue UNAVAIL=return]\nPASSWD: x\n"))
	a, b := n.dbs["hosts"][0], n.dbs["hosts"][1]
	if a.ret != [numStatus]bool{true, true, true, true} || b.ret != [numStatus]bool{false, false, true, false} {
		t.Errorf("actions a=%v b=%v", a.ret, b.ret)
	}
	if got := n.dbs["passwd"]; len(got) != 1 || got[0].name != "files" {
		t.Errorf("default passwd = %+v", got)
	}
	d := parseNsswitch(nil)
	if len(d.dbs["hosts"]) != 2 || d.dbs["hosts"][1].name != "dns" {
		t.Errorf("default hosts = %+v", d.dbs["hosts"])
	}
}

func TestNsswitchLookup(t *testing.T) {
	results := map[string]status{"files": statusSuccess, "dns": statusNotFound, "x": statusUnavail}
	try := func(src string) (string, status) {
		st, ok := results[src]
		if !ok {
			return "", statusUnavail
		}
		if st == statusSuccess {
			return src, st
		}
		return "", st
	}
	for line, want := range map[string]string{
		"hosts: files dns":                    "files",
		"hosts: dns files":                    "files",
		"hosts: files [SUCCESS=continue] dns": "",
		"hosts: dns [NOTFOUND=return] files":  "",
		"hosts: x [UNAVAIL=return] files":     "",
		"hosts: x files":                      "files",
		"hosts:":                              "",
	} {
		got, _ := parseNsswitch(strings.NewReader(line)).lookup("hosts", try)
		if got != want {
			t.Errorf("%q: %q, want %q", line, got, want)
		}
	}
}
