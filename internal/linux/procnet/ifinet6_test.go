package procnet

import (
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/links"
)

func inet6Rows(t testing.TB, text string) []links.IPv6Address {
	var out []links.IPv6Address
	if err := ParseIfInet6(strings.NewReader(text), func(a *links.IPv6Address) { out = append(out, *a) }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseIfInet6Real(t *testing.T) {
	rows := inet6Rows(t, readFixture(t, "real_if_inet6"))
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	r := rows[2]
	if r.Device != "eth0" || r.Addr.String() != "fe80::fc:ff:fe00:1" || r.PrefixLen != 64 || r.Scope != 0x20 || r.IfIndex != 4 || r.Flags != 0x80 {
		t.Errorf("%+v", r)
	}
	if lo := rows[1]; lo.Device != "lo" || lo.Addr.String() != "::1" || lo.PrefixLen != 128 || lo.Scope != 0x10 {
		t.Errorf("%+v", lo)
	}
}

func TestParseIfInet6Empty(t *testing.T) {
	if rows := inet6Rows(t, ""); len(rows) != 0 {
		t.Errorf("%+v", rows)
	}
	if rows := inet6Rows(t, " \n\n"); len(rows) != 0 {
		t.Errorf("%+v", rows)
	}
}

func TestParseIfInet6Malformed(t *testing.T) {
	rows := inet6Rows(t, readFixture(t, "malformed_if_inet6"))
	if len(rows) != 5 {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	if bad := rows[2]; bad.Device != "lo" || bad.Addr.IsValid() || bad.PrefixLen != 0x70 {
		t.Errorf("bad address row %+v", bad)
	}
	if m := rows[3]; m.Addr.String() != "::ffff:192.0.2.1" || m.PrefixLen != 0x60 {
		t.Errorf("mapped row %+v", m)
	}
}

// TestParseIfInet6Stream checks fscanf's stream behaviour: a field that
// does not convert ends the call, keeps the variables of the call before,
// and the next call starts at the offending byte.
func TestParseIfInet6Stream(t *testing.T) {
	rows := inet6Rows(t, "00000000000000000000000000000001 01 80 10 80 lo\n"+
		"fe800000000000000000000000000001 zz\n")
	// Call 2 reads the address, fails at "zz" (Device etc. kept); call 3
	// takes "zz" as the first 4-byte piece and hits the end.
	if len(rows) != 3 {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	if r := rows[1]; r.Device != "lo" || r.Addr.String() != "fe80::1" || r.PrefixLen != 0x80 {
		t.Errorf("%+v", r)
	}
	if r := rows[2]; r.Addr.IsValid() {
		t.Errorf("%+v", r)
	}
}

func TestStreamHex(t *testing.T) {
	cases := []struct {
		in    string
		width int
		v     uint64
		ok    bool
		used  int
	}{
		{"  1f rest", 2, 0x1f, true, 4},
		{"0x1f", 8, 0x1f, true, 4},
		{"123456789", 8, 0x12345678, true, 8},
		{"-1", 2, 1<<64 - 1, true, 2},
		{"g", 2, 0, false, 0},
		{"+", 2, 0, false, 1},
	}
	for _, c := range cases {
		s := streamScanner{b: []byte(c.in)}
		v, ok := s.hex(c.width)
		if v != c.v || ok != c.ok || s.i != c.used {
			t.Errorf("hex(%q, %d) = %#x, %v, used %d", c.in, c.width, v, ok, s.i)
		}
	}
}

func FuzzParseIfInet6(f *testing.F) {
	f.Add(readFixture(f, "real_if_inet6"))
	f.Add(readFixture(f, "malformed_if_inet6"))
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		n := 0
		err := ParseIfInet6(strings.NewReader(text), func(a *links.IPv6Address) {
			n++
			if len(a.Device) > 20 {
				t.Fatalf("device %q", a.Device)
			}
			if a.Addr.IsValid() && !a.Addr.Is6() {
				t.Fatalf("addr %v", a.Addr)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if n > len(text) {
			t.Fatalf("%d rows from %d bytes", n, len(text))
		}
	})
}
