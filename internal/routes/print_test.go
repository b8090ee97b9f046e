package routes

import (
	"bytes"
	"errors"
	"github.com/gonetstat/netstat/internal/addrtext"
	"io/fs"
	"net/netip"
	"strings"
	"syscall"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
)

// fakeNames answers from two maps and records what was asked.
type fakeNames struct {
	hosts, nets map[netip.Addr]string
	asked       []string
}

func (f *fakeNames) Host(a netip.Addr) (string, bool) {
	f.asked = append(f.asked, "host "+a.String())
	n, ok := f.hosts[a]
	return n, ok
}

func (f *fakeNames) Network(a netip.Addr) (string, bool) {
	f.asked = append(f.asked, "net "+a.String())
	n, ok := f.nets[a]
	return n, ok
}

// fakeSource serves fixed tables.
type fakeSource struct {
	fib4   []Route
	fib4E  error
	cache  Cache
	cacheE error
	fib6   []Route6
	fib6E  error
	tables map[string]error
}

func (s *fakeSource) FIB4() ([]Route, error)  { return s.fib4, s.fib4E }
func (s *fakeSource) Cache4() (Cache, error)  { return s.cache, s.cacheE }
func (s *fakeSource) FIB6() ([]Route6, error) { return s.fib6, s.fib6E }
func (s *fakeSource) Table(name string) error { return s.tables[name] }

var (
	ip     = netip.MustParseAddr
	enoent = &fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOENT}
)

func TestRouteExt(t *testing.T) {
	want := []int{2, 1, 3, 0, 1, 2, 3, 0}
	for e, w := range want {
		if got := routeExt(e); got != w {
			t.Errorf("routeExt(%d) = %d, want %d", e, got, w)
		}
	}
}

func TestFlags(t *testing.T) {
	cases := []struct {
		f    uint32
		want string
	}{
		{0x1, "U"}, {0x3, "UG"}, {0x7, "UGH"}, {0x201, "!"}, {0x205, "!H"},
		{0xffffffff, "!HRDMdacoecfplnwin"[:0] + "!HRDMdacoecfpluwin"},
	}
	for _, c := range cases {
		if got := fib4Flags(c.f); got != c.want {
			t.Errorf("fib4Flags(%#x) = %q, want %q", c.f, got, c.want)
		}
	}
	if got := fib6Flags(0xffffffff); got != "U!GHDACaemnf" {
		t.Errorf("fib6Flags(all) = %q", got)
	}
	if got := fib6Flags(0x00200200); got != "!n" {
		t.Errorf("fib6Flags(reject) = %q", got)
	}
	if got := cacheFlags(0xffffffff, 2); got != "!RDM-ondtfqNsriNdbm#l" {
		t.Errorf("cacheFlags(all, 2.2) = %q", got)
	}
	if got := cacheFlags(0x7, 1); got != "UHG" {
		t.Errorf("cacheFlags(UGH, 2.0) = %q", got)
	}
}

func TestInetText(t *testing.T) {
	names := &fakeNames{
		hosts: map[netip.Addr]string{ip("192.0.2.1"): "gw", ip("10.0.0.1"): strings.Repeat("h", 200)},
		nets:  map[netip.Addr]string{ip("10.1.0.0"): "testnet"},
	}
	zero, any := ip("0.0.0.0"), ip("0.0.0.0")
	cases := []struct {
		a, mask      netip.Addr
		num, def, hf bool
		want         string
	}{
		{zero, any, false, true, false, "default"},
		{zero, any, false, false, false, "*"},
		{zero, any, true, true, false, "0.0.0.0"},
		{zero, ip("128.0.0.0"), false, true, false, "0.0.0.0"},
		{ip("10.1.0.0"), ip("255.255.0.0"), false, true, false, "testnet"},
		{ip("10.1.0.0"), ip("255.255.0.0"), false, true, true, "10.1.0.0"},
		{ip("10.1.0.0"), ip("255.0.0.0"), false, true, false, "10.1.0.0"},
		// No bits outside a /32 mask and no RTF_HOST: a networks lookup.
		{ip("192.0.2.1"), ip("255.255.255.255"), false, true, false, "192.0.2.1"},
		{ip("192.0.2.1"), ip("255.255.255.0"), false, true, false, "gw"},
		{ip("10.0.0.1"), addrtext.DefaultMask, false, false, true, strings.Repeat("h", 127)},
	}
	for _, c := range cases {
		if got := addrtext.IPv4Masked(c.a, c.mask, c.num, c.def, c.hf, names); got != c.want {
			t.Errorf("addrtext.IPv4Masked(%v, %v, %v, %v, %v) = %q, want %q", c.a, c.mask, c.num, c.def, c.hf, got, c.want)
		}
	}
	if got := addrtext.IPv4(ip("0.0.0.5"), false, names); got != "0.0.0.5" || names.asked[len(names.asked)-1] != "net 0.0.0.5" {
		t.Errorf("addrtext.IPv4(0.0.0.5) = %q after %v", got, names.asked)
	}
}

func TestInet6HostText(t *testing.T) {
	names := &fakeNames{hosts: map[netip.Addr]string{
		ip("2001:db8::1"):      "six",
		ip("2001:db8::2"):      strings.Repeat("x", 128),
		ip("::ffff:192.0.2.1"): "mapped.example",
	}}
	cases := []struct {
		a    netip.Addr
		num  bool
		want string
	}{
		{ip("::"), false, "[::]"},
		{ip("::"), true, "::"},
		{ip("2001:db8::1"), false, "six"},
		{ip("2001:db8::1"), true, "2001:db8::1"},
		{ip("2001:db8::2"), false, "2001:db8::2"},
		{ip("2001:db8::3"), false, "2001:db8::3"},
		{ip("::ffff:192.0.2.1"), false, "mapped.example"},
		{ip("::ffff:192.0.2.2"), false, "192.0.2.2"},
		{ip("::ffff:192.0.2.2"), true, "192.0.2.2"},
		{ip("::1.2.3.4"), true, "::1.2.3.4"},
		{netip.Addr{}, true, "[NONE SET]"},
	}
	for _, c := range cases {
		if got := addrtext.IPv6(c.a, c.num, names); got != c.want {
			t.Errorf("addrtext.IPv6(%v, %v) = %q, want %q", c.a, c.num, got, c.want)
		}
	}
}

// printWith runs Print with families and flags on src.
func printWith(src Source, names Namer, opts cli.Options) (string, string, int) {
	var out, errOut bytes.Buffer
	rc := Print(&out, &errOut, &opts, src, names)
	return out.String(), errOut.String(), rc
}

func TestPrintFIB4(t *testing.T) {
	names := &fakeNames{
		hosts: map[netip.Addr]string{ip("192.0.2.1"): "gateway-with-a-long-name", ip("203.0.113.7"): "web"},
		nets:  map[netip.Addr]string{ip("192.0.2.0"): "docnet"},
	}
	src := &fakeSource{fib4: []Route{
		{Iface: "eth0", Dest: ip("0.0.0.0"), Gateway: ip("192.0.2.1"), Mask: ip("0.0.0.0"), Flags: 3},
		{Iface: "eth0", Dest: ip("192.0.2.0"), Gateway: ip("0.0.0.0"), Mask: ip("255.255.255.0"), Flags: 1, MTU: 1440, Window: 9, IRTT: 12},
		{Iface: "averylongname", Dest: ip("203.0.113.7"), Gateway: ip("0.0.0.0"), Mask: ip("255.255.255.255"), Flags: 5, Metric: 100, Use: 7},
		{Iface: "lo", Dest: ip("10.3.0.0"), Mask: ip("255.255.0.0"), Flags: 0x201, Metric: 5},
	}}
	want2 := "Kernel IP routing table\n" + fibHeader2 +
		"default         gateway-with-a- 0.0.0.0         UG        0 0          0 eth0\n" +
		"docnet          0.0.0.0         255.255.255.0   U      1440 9         12 eth0\n" +
		"web             0.0.0.0         255.255.255.255 UH        0 0          0 averylongname\n" +
		"10.3.0.0        -               255.255.0.0     !         - -          - -\n"
	if out, errOut, rc := printWith(src, names, cli.Options{Mode: cli.ModeRoutes}); out != want2 || errOut != "" || rc != 0 {
		t.Errorf("-r: rc %d, stderr %q, stdout:\n%s", rc, errOut, out)
	}
	want3 := "Kernel IP routing table\n" + fibHeader3 +
		"0.0.0.0         192.0.2.1       0.0.0.0         UG    0      0        0 eth0     0     0      0\n" +
		"192.0.2.0       0.0.0.0         255.255.255.0   U     0      0        0 eth0     1440  9      12\n" +
		"203.0.113.7     0.0.0.0         255.255.255.255 UH    100    0        7 averyl   0     0      0\n" +
		"10.3.0.0        -               255.255.0.0     !     5      -        0 -        -     -      -\n"
	if out, _, _ := printWith(src, names, cli.Options{Mode: cli.ModeRoutes, Extend: 2, Symbolic: true}); out != want3 {
		t.Errorf("-rNee:\n%s\nwant:\n%s", out, want3)
	}
	if out, _, _ := printWith(src, names, cli.Options{Mode: cli.ModeRoutes, Extend: 3}); out != "Kernel IP routing table\n" {
		t.Errorf("-reee: %q", out)
	}
}

func TestPrintErrors(t *testing.T) {
	src := &fakeSource{fib4E: enoent, fib6E: enoent, cacheE: enoent, tables: map[string]error{}}
	cases := []struct {
		opts        cli.Options
		out, errOut string
		rc          int
	}{
		{cli.Options{}, inetNotConfigured, "/proc/net/route: No such file or directory\n", 1},
		{cli.Options{Families: []string{"inet6"}}, inet6NotConfigured, "/proc/net/ipv6_route: No such file or directory\n", 1},
		{cli.Options{Families: []string{"unix"}}, "", "No routing for address family `unix'.\n", 3},
		{cli.Options{Families: []string{"bluetooth"}}, "", "Address family `bluetooth' not supported.\n", 3},
		{cli.Options{Families: []string{"x25"}}, "", "netstat: the x25 routing table is not supported.\n", 1},
	}
	for _, c := range cases {
		out, errOut, rc := printWith(src, nil, c.opts)
		if out != c.out || errOut != c.errOut || rc != c.rc {
			t.Errorf("%v: got %q %q %d, want %q %q %d", c.opts.Families, out, errOut, rc, c.out, c.errOut, c.rc)
		}
	}
	src = &fakeSource{fib4E: &MissingFieldError{Field: "Mask"}}
	out, errOut, rc := printWith(src, nil, cli.Options{Extend: 1})
	if out != fibTitle+fibHeader1 || errOut != "warning: /proc/net/route does not contain required field Mask\n" || rc != 1 {
		t.Errorf("missing field: %q %q %d", out, errOut, rc)
	}
	if !errors.Is(ErrNoHeader, ErrNoHeader) {
		t.Fatal("unreachable")
	}
}

func TestPrintFIB6Cache(t *testing.T) {
	src := &fakeSource{fib6: []Route6{
		{Dest: ip("::"), NextHop: ip("2001:db8::1"), Flags: 3, Metric: 1024, RefCnt: 1, Iface: "eth0"},
		{Dest: ip("2001:db8::5"), PrefixLen: 128, NextHop: ip("::"), Flags: FlagCache | 1, Metric: -1, Iface: "eth0"},
	}, tables: map[string]error{"ndisc": enoent}}
	want := cache6Title + fib6Header +
		"2001:db8::5/128                ::                         UC   -1  0      0 eth0\n"
	if out, _, rc := printWith(src, nil, cli.Options{Families: []string{"inet6"}, Cache: true, NumericHosts: true}); out != want || rc != 0 {
		t.Errorf("-rCn6:\n%s\nwant:\n%s", out, want)
	}
}
