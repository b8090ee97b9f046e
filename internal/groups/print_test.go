package groups

import (
	"bytes"
	"io/fs"
	"net/netip"
	"syscall"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
)

type fakeSource struct {
	v4, v6     []Membership
	err4, err6 error
	bad4       []int
}

func (s *fakeSource) IPv4(visit func(*Membership), bad func(bool, int)) error {
	for _, n := range s.bad4 {
		bad(false, n)
	}
	for i := range s.v4 {
		visit(&s.v4[i])
	}
	return s.err4
}

func (s *fakeSource) IPv6(visit func(*Membership), bad func(bool, int)) error {
	for i := range s.v6 {
		visit(&s.v6[i])
	}
	return s.err6
}

type fakeNames map[netip.Addr]string

func (f fakeNames) Host(a netip.Addr) (string, bool)    { n, ok := f[a]; return n, ok }
func (f fakeNames) Network(a netip.Addr) (string, bool) { return "", false }

func TestPrint(t *testing.T) {
	src := &fakeSource{
		v4:   []Membership{{"lo        ", 1, netip.MustParseAddr("224.0.0.1")}},
		v6:   []Membership{{"eth0", 2, netip.MustParseAddr("ff02::1")}, {"averylongifname", 1, netip.MustParseAddr("::ffff:127.0.0.1")}},
		bad4: []int{3},
	}
	names := fakeNames{netip.MustParseAddr("224.0.0.1"): "all-systems.mcast.net", netip.MustParseAddr("ff02::1"): "ip6-allnodes"}
	opts := &cli.Options{Groups: true, Inet: true, Inet6: true, SocketKinds: 1}
	var out, errOut bytes.Buffer
	rc := Print(&out, &errOut, opts, src, names)
	want := Header +
		"lo              1      all-systems.mcast.net\n" +
		"eth0            2      ip6-allnodes\n" +
		"averylongifname 1      127.0.0.1\n"
	if out.String() != want || errOut.String() != "warning, got bogus igmp line 3.\n" || rc != 0 {
		t.Errorf("rc %d stderr %q stdout:\n%s", rc, errOut.String(), out.String())
	}
	out.Reset()
	opts.NumericHosts, opts.Inet = true, false
	Print(&out, &errOut, opts, src, names)
	if out.String() != Header+"eth0            2      ff02::1\naverylongifname 1      127.0.0.1\n" {
		t.Errorf("-gn -6:\n%s", out.String())
	}
}

func TestPrintMissing(t *testing.T) {
	enoent := &fs.PathError{Op: "open", Path: "/proc/net/igmp", Err: syscall.ENOENT}
	eio := &fs.PathError{Op: "open", Path: "/proc/net/igmp", Err: syscall.EIO}
	cases := []struct {
		opts   cli.Options
		err    error
		errOut string
		rc     int
	}{
		{cli.Options{Inet: true, Inet6: true, SocketKinds: 1}, enoent, "netstat: no support for `AF INET (igmp)' on this system.\n", 1},
		{cli.Options{Inet: true, NoProt: true, SocketKinds: 6}, enoent, "", 0},
		{cli.Options{Inet: true, SocketKinds: 1}, eio, "/proc/net/igmp: Input/output error\n", 255},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		rc := Print(&out, &errOut, &c.opts, &fakeSource{err4: c.err, err6: enoent}, fakeNames{})
		if out.String() != Header || errOut.String() != c.errOut || rc != c.rc {
			t.Errorf("%+v: %q %q %d", c.opts, out.String(), errOut.String(), rc)
		}
	}
}
