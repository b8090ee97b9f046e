package sockets

import (
	"net/netip"
	"reflect"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/owners"
)

// prefetchNames is fakeNames with a Prefetch that records each batch, and
// a Host that records the addresses asked outside the latest batch.
type prefetchNames struct {
	fakeNames
	batches [][]netip.Addr
	strays  []netip.Addr
}

func (p *prefetchNames) Prefetch(addrs []netip.Addr) {
	p.batches = append(p.batches, append([]netip.Addr(nil), addrs...))
}

func (p *prefetchNames) Host(a netip.Addr) (string, bool) {
	var last []netip.Addr
	if len(p.batches) > 0 {
		last = p.batches[len(p.batches)-1]
	}
	found := false
	for _, b := range last {
		found = found || b == a
	}
	if !found {
		p.strays = append(p.strays, a)
	}
	return p.fakeNames.Host(a)
}

// reusingSource hands every row of its tables through one record that it
// overwrites, as the kernel readers do.
type reusingSource struct {
	*fakeSource
}

func (r reusingSource) Inet(p Protocol, ipv6 bool, visit func(*Socket), bad func()) error {
	var rec Socket
	err := r.fakeSource.Inet(p, ipv6, func(s *Socket) {
		rec = *s
		visit(&rec)
		rec = Socket{Local: ap("203.0.113.66:1"), Remote: ap("203.0.113.66:2")}
	}, bad)
	return err
}

// prefetchDemo is demo() plus rows whose addresses get no host lookup
// (0.x.y.z gets a networks lookup) and duplicates across tables.
func prefetchDemo() *fakeSource {
	f := demo()
	f.inet["tcp"] = append(f.inet["tcp"],
		Socket{Local: ap("0.0.0.5:22"), Remote: ap("192.0.2.99:4000"), State: Established, Inode: 1},
		Socket{Local: ap("10.0.0.1:22"), Remote: ap("192.0.2.7:4001"), State: SynRecv, Inode: 2})
	f.inet["tcp6"] = append(f.inet["tcp6"],
		Socket{Local: ap("[::ffff:127.0.0.1]:22"), Remote: ap("[::ffff:192.0.2.99]:4002"), State: Established, Inode: 3},
		Socket{Local: ap("[fe80::1%eth0]:22"), Remote: ap("[2001:db8::1]:4003"), State: Established, Inode: 4})
	return f
}

// runNames is run with a chosen Namer.
func runNames(src Source, opts cli.Options, names Namer) (string, string, int) {
	var out, errOut strings.Builder
	l := &Listing{
		Out: &out, Err: &errOut, Opts: &opts, Src: src, Names: names,
		Owners: func() *owners.Index { return nil }, EUID: 0,
	}
	rc := l.Pass()
	return out.String(), errOut.String(), rc
}

// TestPrefetchKeepsOutput checks that a Namer with Prefetch gets one batch
// per table holding exactly the addresses the rows of that table look up,
// before any of them is looked up, and that the output is what the same
// names give without Prefetch: same rows, same order.
func TestPrefetchKeepsOutput(t *testing.T) {
	for _, opts := range []cli.Options{
		{All: true}, {}, {Listening: true}, {All: true, Wide: true, Extend: 2},
		{TCP: true, Inet6: true, SocketKinds: 1, All: true},
		{All: true, NumericPorts: true, NumericUsers: true},
	} {
		wantOut, wantErr, wantRC := runNames(prefetchDemo(), opts, fakeNames{})
		p := &prefetchNames{}
		out, errOut, rc := runNames(reusingSource{prefetchDemo()}, opts, p)
		if out != wantOut || errOut != wantErr || rc != wantRC {
			t.Errorf("%+v: with Prefetch\n%s%s%d\nwithout\n%s%s%d", opts, out, errOut, rc, wantOut, wantErr, wantRC)
		}
		if len(p.strays) > 0 {
			t.Errorf("%+v: Host asked about %v outside the table's batch", opts, p.strays)
		}
		// One batch per table read (tables with no shown rows included).
		tables := 8
		if opts.SocketKinds > 0 {
			tables = 1
		}
		if len(p.batches) != tables {
			t.Errorf("%+v: %d batches, want %d", opts, len(p.batches), tables)
		}
	}

	p := &prefetchNames{}
	runNames(reusingSource{prefetchDemo()}, cli.Options{All: true}, p)
	var tcp []string
	for _, a := range p.batches[0] {
		tcp = append(tcp, a.String())
	}
	want := []string{"127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1",
		"192.0.2.99", "10.0.0.1", "192.0.2.7"}
	if !reflect.DeepEqual(tcp, want) {
		t.Errorf("tcp batch %v, want %v (no 0.0.0.0, no 0.0.0.5)", tcp, want)
	}
}

// TestNumericHostsStream checks that numeric hosts never prefetch.
func TestNumericHostsStream(t *testing.T) {
	for _, opts := range []cli.Options{numeric(cli.Options{All: true}), {All: true, NumericHosts: true}} {
		p := &prefetchNames{}
		runNames(reusingSource{prefetchDemo()}, opts, p)
		if len(p.batches) != 0 {
			t.Errorf("%+v: %d Prefetch calls", opts, len(p.batches))
		}
	}
}
