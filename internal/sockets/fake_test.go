package sockets

import (
	"fmt"
	"io/fs"
	"net/netip"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/owners"
)

// fakeSource serves records from memory. A table absent from the maps is
// missing (fs.ErrNotExist).
type fakeSource struct {
	inet   map[string][]Socket // key: label such as "tcp", "udp6"
	unix   []UnixSocket
	noUnix bool
	eps    []SCTPEndpoint
	assocs []SCTPAssoc
	bad    map[string]int // bogus lines per table label
}

func (f *fakeSource) Inet(p Protocol, ipv6 bool, visit func(*Socket), bad func()) error {
	key := (&Socket{Protocol: p, IPv6Table: ipv6}).label()
	rows, ok := f.inet[key]
	if !ok {
		return &fs.PathError{Op: "open", Path: "/proc/net/" + key, Err: fs.ErrNotExist}
	}
	for i := range rows {
		s := rows[i]
		s.Protocol, s.IPv6Table = p, ipv6
		visit(&s)
	}
	for range f.bad[key] {
		bad()
	}
	return nil
}

func (f *fakeSource) Unix(visit func(*UnixSocket), bad func()) error {
	if f.noUnix {
		return fs.ErrNotExist
	}
	for i := range f.unix {
		visit(&f.unix[i])
	}
	return nil
}

func (f *fakeSource) SCTPEndpoints(ipv6 bool, visit func(*SCTPEndpoint), bad func()) error {
	if f.eps == nil || ipv6 {
		return fs.ErrNotExist
	}
	for i := range f.eps {
		visit(&f.eps[i])
	}
	return nil
}

func (f *fakeSource) SCTPAssocs(ipv6 bool, visit func(*SCTPAssoc), bad func()) error {
	if f.assocs == nil || ipv6 {
		return fs.ErrNotExist
	}
	for i := range f.assocs {
		visit(&f.assocs[i])
	}
	return nil
}

func (f *fakeSource) Legacy(LegacyFamily) error { return fs.ErrNotExist }

// fakeNames knows a few names, like the spec's example namespace.
type fakeNames struct{}

func (fakeNames) Host(a netip.Addr) (string, bool) {
	switch a.String() {
	case "127.0.0.1":
		return "localhost", true
	case "192.0.2.99":
		return "a-very-long-hostname-for-testing.example.com", true
	}
	return "", false
}

func (fakeNames) Network(a netip.Addr) (string, bool) {
	if a.String() == "0.0.0.5" {
		return "fivenet", true
	}
	return "", false
}

func (fakeNames) Service(port uint16, proto string) (string, bool) {
	m := map[string]string{"tcp/22": "ssh", "tcp/8080": "http-alt", "tcp/443": "https", "udp/53": "domain", "raw/1": "icmp",
		"tcp/1234": "averyveryverylongservicename"}
	s, ok := m[fmt.Sprintf("%s/%d", proto, port)]
	return s, ok
}

func (fakeNames) User(uid uint32) (string, bool) {
	switch uid {
	case 0:
		return "root", true
	case 1001:
		return "systemd-network", true
	}
	return "", false
}

func ap(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

// run prints one pass with opts built by hand and returns stdout, stderr
// and the status.
func run(t *testing.T, src Source, opts cli.Options, ix *owners.Index) (string, string, int) {
	t.Helper()
	var out, errOut strings.Builder
	l := &Listing{
		Out: &out, Err: &errOut, Opts: &opts, Src: src, Names: fakeNames{},
		Owners: func() *owners.Index { return ix }, EUID: 65534,
	}
	rc := l.Pass()
	return out.String(), errOut.String(), rc
}

func demoAll() cli.Options { return cli.Options{All: true} }

func cli4TCP() cli.Options {
	return cli.Options{TCP: true, Inet: true, SocketKinds: 1}
}
