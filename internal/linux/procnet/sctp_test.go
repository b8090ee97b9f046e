package procnet

import (
	"net/netip"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

func TestParseSCTPEndpointsGolden(t *testing.T) {
	var got []string
	if err := ParseSCTPEndpoints(openSocketFixture(t, "sctp_eps"),
		func(e *sockets.SCTPEndpoint) { got = append(got, sctpEndpointLine(e)) },
		func() { got = append(got, "bad") }); err != nil {
		t.Fatal(err)
	}
	checkSocketGolden(t, "sctp_eps", got)
}

func TestParseSCTPAssocsGolden(t *testing.T) {
	var got []string
	if err := ParseSCTPAssocs(openSocketFixture(t, "sctp_assocs"),
		func(a *sockets.SCTPAssoc) { got = append(got, sctpAssocLine(a)) },
		func() { got = append(got, "bad") }); err != nil {
		t.Fatal(err)
	}
	checkSocketGolden(t, "sctp_assocs", got)
}

func TestParseSCTPAssocFields(t *testing.T) {
	var as []sockets.SCTPAssoc
	bad := 0
	ParseSCTPAssocs(openSocketFixture(t, "sctp_assocs"), func(a *sockets.SCTPAssoc) {
		c := *a
		c.Local = append([]netip.Addr(nil), a.Local...)
		c.Remote = append([]netip.Addr(nil), a.Remote...)
		as = append(as, c)
	}, func() { bad++ })
	if len(as) != 2 || bad != 1 {
		t.Fatalf("rows=%d bad=%d", len(as), bad)
	}
	a := as[0]
	if a.State != 1 || a.SendQ != 7 || a.RecvQ != 3 || a.Inode != 22222 || a.LocalPort != 5001 || a.RemotePort != 36412 {
		t.Errorf("assoc 0 = %+v", a)
	}
	wantL := []string{"192.168.1.1", "10.0.0.1"}
	wantR := []string{"192.168.1.2", "10.0.0.2", "10.0.0.3"}
	if len(a.Local) != 2 || len(a.Remote) != 3 {
		t.Fatalf("addresses %v <-> %v", a.Local, a.Remote)
	}
	for i, w := range wantL {
		if a.Local[i].String() != w {
			t.Errorf("local %d = %v", i, a.Local[i])
		}
	}
	for i, w := range wantR {
		if a.Remote[i].String() != w {
			t.Errorf("remote %d = %v", i, a.Remote[i])
		}
	}
	if r := as[1].Remote; len(r) != 2 || r[0].String() != "::ffff:192.0.2.2" || r[1].String() != "fe80::2" {
		t.Errorf("assoc 1 remote = %v", r)
	}
}

func TestSCTPAddr(t *testing.T) {
	for in, want := range map[string]string{
		"192.168.1.1": "192.168.1.1",
		"10.1":        "10.0.0.1",
		"0x0a000001":  "10.0.0.1",
		"010.0.0.1":   "8.0.0.1",
		"1.2.3.4.5":   "255.255.255.255",
		"*1.2.3.4":    "255.255.255.255",
		"bogus":       "255.255.255.255",
		"256.1.1.1":   "255.255.255.255",
		"1.2.65535":   "1.2.255.255",
		"1.2.65536":   "255.255.255.255",
		"2001:0db8:0000:0000:0000:0000:0000:0001": "2001:db8::1",
		"0000:0000:0000:0000:0000:ffff:7f00:0001": "::ffff:127.0.0.1",
		"fe80:1": "fe80:1::",
	} {
		if got := sctpAddr([]byte(in)).String(); got != want {
			t.Errorf("sctpAddr(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestCTokenizer(t *testing.T) {
	tk := cTokenizer{b: []byte("  a b\t<-> c d \tx")}
	if got := string(tk.next(cBlanks)); got != "a" {
		t.Fatal(got)
	}
	if got := string(tk.next("<->\t\n")); got != "b" {
		t.Fatal(got)
	}
	if got := string(tk.next("<->\t\n")); got != " c d " {
		t.Fatalf("%q", got)
	}
	if got := string(tk.next("<->\t\n")); got != "x" {
		t.Fatalf("%q", got)
	}
	if got := tk.next(cBlanks); got != nil {
		t.Fatalf("%q", got)
	}
}
