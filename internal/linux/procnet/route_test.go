package procnet

import (
	"bytes"
	"errors"
	"net/netip"
	"os"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/routes"
)

func rtFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseRouteReal(t *testing.T) {
	rows, err := ParseRoute(bytes.NewReader(rtFixture(t, "route_real")))
	if err != nil {
		t.Fatal(err)
	}
	want := []routes.Route{
		{Iface: "eth0", Dest: netip.MustParseAddr("0.0.0.0"), Gateway: netip.MustParseAddr("192.0.2.1"), Mask: netip.MustParseAddr("0.0.0.0"), Flags: 3},
		{Iface: "eth0", Dest: netip.MustParseAddr("192.0.2.0"), Gateway: netip.MustParseAddr("0.0.0.0"), Mask: netip.MustParseAddr("255.255.255.0"), Flags: 1},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows: %+v", len(rows), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, rows[i], want[i])
		}
	}
}

func TestParseRouteOdd(t *testing.T) {
	rows, err := ParseRoute(bytes.NewReader(rtFixture(t, "route_odd")))
	if err != nil {
		t.Fatal(err)
	}
	// Skipped: the row without RTF_UP, the short row, the row whose long
	// interface name shifts the columns. A bad hex destination keeps the
	// previous destination.
	if len(rows) != 4 {
		t.Fatalf("got %d rows: %+v", len(rows), rows)
	}
	if rows[1].Dest != rows[0].Dest || rows[1].Flags != 7 || rows[1].MTU != 1500 || rows[1].IRTT != 7 {
		t.Errorf("row 1: %+v", rows[1])
	}
	if rows[3].Flags != 0x205 {
		t.Errorf("row 3 flags %#x (0x prefix)", rows[3].Flags)
	}
}

func TestParseRouteHeaders(t *testing.T) {
	if _, err := ParseRoute(strings.NewReader("")); !errors.Is(err, routes.ErrNoHeader) {
		t.Errorf("empty: %v", err)
	}
	var m *routes.MissingFieldError
	if _, err := ParseRoute(bytes.NewReader(rtFixture(t, "route_old"))); !errors.As(err, &m) || m.Field != "Mask" {
		t.Errorf("old layout: %v", err)
	}
	if _, err := ParseRoute(bytes.NewReader(rtFixture(t, "route_nomask"))); !errors.As(err, &m) || m.Field != "Destination" {
		t.Errorf("nomask: %v", err)
	}
	// IRTT missing from a row: ten fields are enough, IRTT keeps the
	// previous row's value.
	in := "Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT\n" +
		"a 00000000 00000000 1 0 0 0 00000000 0 0 9\n" +
		"b 00000000 00000000 1 0 0 0 00000000 0 0\n"
	rows, err := ParseRoute(strings.NewReader(in))
	if err != nil || len(rows) != 2 || rows[1].IRTT != 9 {
		t.Errorf("stale IRTT: %v %+v", err, rows)
	}
}

func TestParseRouteCache(t *testing.T) {
	c, err := ParseRouteCache(bytes.NewReader(rtFixture(t, "rt_cache_real")))
	if err != nil || c.Layout != routes.CacheLayout22 || len(c.Rows) != 0 {
		t.Errorf("real: %v %+v", err, c)
	}
	c, err = ParseRouteCache(bytes.NewReader(rtFixture(t, "rt_cache_odd")))
	if err != nil || len(c.Rows) != 1 || c.Rows[0].HHRef != -1 || c.Rows[0].SpecDst != netip.MustParseAddr("192.0.2.10") {
		t.Errorf("odd: %v %+v", err, c)
	}
	c, err = ParseRouteCache(bytes.NewReader(rtFixture(t, "rt_cache_old")))
	if err != nil || c.Layout != routes.CacheLayout20 || len(c.Rows) != 1 || c.Rows[0].ARP != 1 {
		t.Errorf("old: %v %+v", err, c)
	}
	if c, err := ParseRouteCache(strings.NewReader("")); !errors.Is(err, routes.ErrNoHeader) || c.Layout != -1 {
		t.Errorf("empty: %v %+v", err, c)
	}
	if c, err := ParseRouteCache(strings.NewReader("Iface Destination\nx y\n")); err != nil || c.Layout != 0 || c.Rows != nil {
		t.Errorf("unknown layout: %v %+v", err, c)
	}
}

func TestParseIPv6Route(t *testing.T) {
	rows, err := ParseIPv6Route(bytes.NewReader(rtFixture(t, "ipv6_route_real")))
	if err != nil || len(rows) != 8 {
		t.Fatalf("real: %v, %d rows", err, len(rows))
	}
	last := rows[7]
	if last.Metric != -1 || last.Flags != 0x00200200 || last.Iface != "lo" || last.Dest != netip.IPv6Unspecified() {
		t.Errorf("unreachable default: %+v", last)
	}
	if rows[2].NextHop != netip.MustParseAddr("fd00::1") || rows[2].Metric != 1024 {
		t.Errorf("default route: %+v", rows[2])
	}
	rows, err = ParseIPv6Route(bytes.NewReader(rtFixture(t, "ipv6_route_odd")))
	if err != nil || len(rows) != 7 {
		t.Fatalf("odd: %v, %d rows", err, len(rows))
	}
	if rows[3] != rows[2] {
		t.Errorf("blank line should repeat the row before: %+v / %+v", rows[3], rows[2])
	}
	if rows[5].Dest != rows[4].Dest || rows[5].NextHop != netip.MustParseAddr("2001:db8::1") || rows[5].Iface != rows[4].Iface {
		t.Errorf("bad address keeps the previous one: %+v", rows[5])
	}
	if !rows[6].Dest.Is4In6() {
		t.Errorf("mapped: %+v", rows[6])
	}
	// A signed prefix length scans as C's %02x does (net-tools prints /-1).
	rows, _ = ParseIPv6Route(strings.NewReader(strings.Repeat("0", 32) + " -1 " + strings.Repeat("0", 32) + " 00 " + strings.Repeat("0", 32) + " 00000400 00000001 00000000 00000001 lo\n"))
	if len(rows) != 1 || rows[0].PrefixLen != -1 || rows[0].Iface != "lo" {
		t.Errorf("signed prefix: %+v", rows)
	}
}

func TestRoutesTable(t *testing.T) {
	r := Routes{Root: "testdata/none"}
	if err := r.Table("route"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Table: %v", err)
	}
	if _, err := r.FIB4(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("FIB4: %v", err)
	}
}

func FuzzParseRoute(f *testing.F) {
	for _, n := range []string{"route_real", "route_odd", "route_old", "rt_cache_odd", "rt_cache_old"} {
		f.Add(rtFixture(f, n))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := ParseRoute(bytes.NewReader(b))
		for _, r := range rows {
			if !r.Dest.Is4() || !r.Gateway.Is4() || !r.Mask.Is4() || r.Flags&routes.FlagUp == 0 || len(r.Iface) > 15 {
				t.Fatalf("bad row %+v", r)
			}
		}
		if err != nil && rows != nil {
			t.Fatal("rows with an error")
		}
		ParseRouteCache(bytes.NewReader(b))
	})
}

func FuzzParseIPv6Route(f *testing.F) {
	for _, n := range []string{"ipv6_route_real", "ipv6_route_odd"} {
		f.Add(rtFixture(f, n))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, _ := ParseIPv6Route(bytes.NewReader(b))
		for _, r := range rows {
			// %02x takes a sign, so "-f" scans as -15: net-tools then
			// prints "::/-15", and so do we.
			if !r.Dest.Is6() || !r.NextHop.Is6() || len(r.Iface) > 15 || r.PrefixLen > 255 || r.PrefixLen < -15 {
				t.Fatalf("bad row %+v", r)
			}
		}
	})
}
