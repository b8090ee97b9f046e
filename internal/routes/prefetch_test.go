package routes

import (
	"bytes"
	"net/netip"
	"reflect"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
)

// prefetchNames is fakeNames with a Prefetch that records its batches.
type prefetchNames struct {
	fakeNames
	batches [][]string
}

func (p *prefetchNames) Prefetch(addrs []netip.Addr) {
	var b []string
	for _, a := range addrs {
		b = append(b, a.String())
	}
	p.batches = append(p.batches, b)
}

func prefetchSource() *fakeSource {
	return &fakeSource{
		fib4: []Route{
			{Iface: "eth0", Dest: ip("0.0.0.0"), Gateway: ip("192.0.2.1"), Mask: ip("0.0.0.0"), Flags: FlagUp | FlagGateway},
			{Iface: "eth0", Dest: ip("192.0.2.0"), Gateway: ip("0.0.0.0"), Mask: ip("255.255.255.0"), Flags: FlagUp},
			{Iface: "eth0", Dest: ip("198.51.100.7"), Gateway: ip("192.0.2.1"), Mask: ip("255.255.255.255"), Flags: FlagUp | FlagHost},
		},
		cache: Cache{Layout: CacheLayout22, Rows: []CacheRoute{
			{Iface: "eth0", Source: ip("192.0.2.5"), Dest: ip("198.51.100.8"), Gateway: ip("192.0.2.1"), SpecDst: ip("192.0.2.5")},
		}},
		fib6: []Route6{
			{Dest: ip("2001:db8::"), PrefixLen: 64, NextHop: ip("::"), Flags: FlagUp, Iface: "eth0"},
			{Dest: ip("::"), NextHop: ip("fe80::1"), Flags: FlagUp | FlagGateway, Iface: "eth0"},
			{Dest: ip("2001:db8::9"), PrefixLen: 128, NextHop: ip("::"), Flags: FlagUp | FlagCache, Iface: "eth0"},
		},
		tables: map[string]error{"ndisc": enoent},
	}
}

// TestPrefetchRoutes checks that each table is prefetched in one batch of
// exactly the addresses its rows look up as hosts, and that the text is
// what the same names give without Prefetch.
func TestPrefetchRoutes(t *testing.T) {
	names := func() fakeNames {
		return fakeNames{
			hosts: map[netip.Addr]string{ip("192.0.2.1"): "gw", ip("fe80::1"): "router6"},
			nets:  map[netip.Addr]string{ip("192.0.2.0"): "lan"},
		}
	}
	for _, c := range []struct {
		opts    cli.Options
		batches [][]string
	}{
		{cli.Options{}, [][]string{{"192.0.2.1", "198.51.100.7", "192.0.2.1"}}},
		{cli.Options{Families: []string{"inet6"}}, [][]string{{"2001:db8::", "fe80::1"}}},
		{cli.Options{Cache: true, Families: []string{"inet", "inet6"}},
			[][]string{{"192.0.2.5", "198.51.100.8", "192.0.2.1", "192.0.2.5"}, {"2001:db8::9"}}},
		{cli.Options{NumericHosts: true, Families: []string{"inet", "inet6"}}, nil},
	} {
		var wantOut, wantErr bytes.Buffer
		plain := names()
		wantRC := Print(&wantOut, &wantErr, &c.opts, prefetchSource(), &plain)
		var out, errOut bytes.Buffer
		p := &prefetchNames{fakeNames: names()}
		rc := Print(&out, &errOut, &c.opts, prefetchSource(), p)
		if out.String() != wantOut.String() || errOut.String() != wantErr.String() || rc != wantRC {
			t.Errorf("%+v: with Prefetch\n%s%s%d\nwithout\n%s%s%d", c.opts, &out, &errOut, rc, &wantOut, &wantErr, wantRC)
		}
		if !reflect.DeepEqual(p.batches, c.batches) {
			t.Errorf("%+v: batches %q, want %q", c.opts, p.batches, c.batches)
		}
	}
}
