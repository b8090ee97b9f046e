package links

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"net/netip"
	"os"
	"syscall"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func mustAddr(s string) netip.Addr { return netip.MustParseAddr(s) }

// fakeSource serves fixed records.
type fakeSource struct {
	devs    []Device
	devErr  error
	names   []string
	confErr error
	ifaces  map[string]Interface
	ipv6    []IPv6Address
	fetched []string
}

func (f *fakeSource) Devices() ([]Device, error)      { return f.devs, f.devErr }
func (f *fakeSource) AddressNames() ([]string, error) { return f.names, f.confErr }
func (f *fakeSource) IPv6Addresses() []IPv6Address    { return f.ipv6 }

func (f *fakeSource) Fetch(ifc *Interface) error {
	f.fetched = append(f.fetched, ifc.Name)
	c, ok := f.ifaces[ifc.Name]
	if !ok {
		return fakeErrno{syscall.ENODEV, true}
	}
	c.Name, c.HasStats, c.Stats = ifc.Name, ifc.HasStats, ifc.Stats
	*ifc = c
	return nil
}

// fakeErrno mimics the Linux source's errors.
type fakeErrno struct {
	errno    syscall.Errno
	noDevice bool
}

func (e fakeErrno) Error() string        { return e.errno.Error() }
func (e fakeErrno) Unwrap() error        { return e.errno }
func (e fakeErrno) Is(target error) bool { return e.noDevice && target == ErrNoDevice }

// demoSource is the namespace of the spec's Example 4 (captured with the
// real netstat): demo0/demo1 and lo.
func demoSource() *fakeSource {
	return &fakeSource{
		devs: []Device{
			{"lo", Stats{RxBytes: 1873, RxPackets: 18, TxBytes: 1873, TxPackets: 18}},
			{"demo1", Stats{RxBytes: 2066, RxPackets: 39, TxBytes: 726, TxPackets: 9}},
			{"demo0", Stats{RxBytes: 726, RxPackets: 9, TxBytes: 2066, TxPackets: 39}},
		},
		names: []string{"lo", "demo0"},
		ifaces: map[string]Interface{
			"lo": {Flags: 73, Type: 772, MTU: 65536, TxQueueLen: 1000, HasIPv4: true,
				Addr: mustAddr("127.0.0.1"), Netmask: mustAddr("255.0.0.0"),
				Broadcast: mustAddr("0.0.0.0"), Destination: mustAddr("127.0.0.1")},
			"demo0": {Flags: 4163, Type: 1, MTU: 1500, TxQueueLen: 1000,
				HWAddr: []byte{0xa2, 0xc9, 0x0e, 0xcd, 0x1f, 0xd3}, HasIPv4: true,
				Addr: mustAddr("192.0.2.10"), Netmask: mustAddr("255.255.255.0"),
				Broadcast: mustAddr("0.0.0.0"), Destination: mustAddr("192.0.2.10")},
			"demo1": {Flags: 4163, Type: 1, MTU: 1500, TxQueueLen: 1000,
				HWAddr: []byte{0xbe, 0x6c, 0xd5, 0x24, 0x6c, 0x93}},
		},
		ipv6: []IPv6Address{
			{Device: "demo0", Addr: mustAddr("2001:db8:10::10"), PrefixLen: 64, Scope: 0},
			{Device: "demo1", Addr: mustAddr("fe80::bc6c:d5ff:fe24:6c93"), PrefixLen: 64, Scope: 0x20},
			{Device: "demo0", Addr: mustAddr("fe80::a0c9:eff:fecd:1fd3"), PrefixLen: 64, Scope: 0x20},
			{Device: "lo", Addr: mustAddr("::1"), PrefixLen: 128, Scope: 0x10},
		},
	}
}

// oddSource has the less common shapes: an alias without counters, a tun
// device that is down, a 15-byte name, a SLIP device, a device map, PORTSEL.
func oddSource() *fakeSource {
	return &fakeSource{
		devs: []Device{
			{"lo", Stats{}},
			{"eth0", Stats{RxBytes: 1 << 40, RxPackets: 123456789, RxFIFO: 12, TxBytes: 5 << 30, TxPackets: 99}},
			{"tun0", Stats{}},
			{"averylongname01", Stats{}},
			{"sl0", Stats{RxCompressed: 3, TxCompressed: 4}},
		},
		names: []string{"lo", "eth0", "eth0:1"},
		ifaces: map[string]Interface{
			"lo": {Flags: 73, Type: 772, MTU: 65536, TxQueueLen: 1000, HasIPv4: true,
				Addr: mustAddr("127.0.0.1"), Netmask: mustAddr("255.0.0.0")},
			"eth0": {Flags: 0x1043 | FlagPortSel | FlagAutoMedia, Type: 1, MTU: 9000, TxQueueLen: -1,
				HWAddr: []byte{2, 0, 0, 0, 0, 1}, Map: Map{IRQ: 11, BaseAddr: 0x300, MemStart: 0xd0000, MemEnd: 0xdffff, DMA: 3, Port: 2}},
			"eth0:1": {Flags: 0x1043, Type: 1, MTU: 9000, TxQueueLen: 1000, HWAddr: []byte{2, 0, 0, 0, 0, 1},
				HasIPv4: true, Addr: mustAddr("192.0.2.20"), Netmask: mustAddr("255.255.255.0")},
			"tun0": {Flags: 0x1090, Type: 65534, MTU: 1500, TxQueueLen: 500, HasIPv4: true,
				Addr: mustAddr("10.0.0.1"), Netmask: mustAddr("255.255.255.255"), Destination: mustAddr("10.0.0.2")},
			"averylongname01": {Flags: 0, Type: 768, MTU: 1480, TxQueueLen: 1000},
			"sl0":             {Flags: 0x11, Type: 257, MTU: 296, TxQueueLen: 10, Outfill: 5, Keepalive: 7},
		},
		ipv6: []IPv6Address{
			{Device: "eth0", Addr: mustAddr("::ffff:192.0.2.1"), PrefixLen: 96, Scope: 0},
			{Device: "eth0", PrefixLen: 64, Scope: 0x20},
			{Device: "eth0:1", Addr: mustAddr("fe80::1"), PrefixLen: 64, Scope: 0x20},
			{Device: "tun0", Addr: mustAddr("::1.2.3.4"), PrefixLen: 96, Scope: 0x80},
		},
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs\n--- want\n%s--- got\n%s", name, want, got)
	}
}

func TestPrintGolden(t *testing.T) {
	cases := []struct {
		golden string
		src    func() *fakeSource
		opts   cli.Options
	}{
		// example4_*.golden are the spec's Example 4, from the real binary.
		{"example4_short.golden", demoSource, cli.Options{Mode: cli.ModeInterfaces}},
		{"example4_long.golden", demoSource, cli.Options{Mode: cli.ModeInterfaces, Extend: 1}},
		{"odd_short.golden", oddSource, cli.Options{Mode: cli.ModeInterfaces}},
		{"odd_short_all.golden", oddSource, cli.Options{Mode: cli.ModeInterfaces, All: true}},
		{"odd_long_all.golden", oddSource, cli.Options{Mode: cli.ModeInterfaces, All: true, Extend: 2}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			var out, errOut bytes.Buffer
			PrintTitle(&out)
			if code := Print(&out, &errOut, &c.opts, c.src()); code != 0 {
				t.Errorf("exit %d", code)
			}
			if errOut.Len() != 0 {
				t.Errorf("stderr %q", errOut.String())
			}
			checkGolden(t, c.golden, out.Bytes())
		})
	}
}

func TestPrintFetchError(t *testing.T) {
	src := demoSource()
	delete(src.ifaces, "demo1")
	var out, errOut bytes.Buffer
	code := Print(&out, &errOut, &cli.Options{Mode: cli.ModeInterfaces}, src)
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	wantOut := shortHeader + "demo0            1500        9      0      0 0            39      0      0      0 BMRU\n"
	if out.String() != wantOut {
		t.Errorf("stdout %q", out.String())
	}
	wantErr := "demo1: error fetching interface information: Device not found\n" +
		"missing interface information: No such device\n"
	if errOut.String() != wantErr {
		t.Errorf("stderr %q", errOut.String())
	}
	if len(src.fetched) != 2 {
		t.Errorf("fetched %q after the failure", src.fetched)
	}
}

func TestPrintNoProcNetDev(t *testing.T) {
	src := demoSource()
	src.devs = nil
	src.devErr = &fs.PathError{Op: "open", Path: "/proc/net/dev", Err: fakeErrno{syscall.ENOENT, false}}
	var out, errOut bytes.Buffer
	if code := Print(&out, &errOut, &cli.Options{Mode: cli.ModeInterfaces}, src); code != 0 {
		t.Errorf("exit %d", code)
	}
	if want := "Warning: cannot open /proc/net/dev (No such file or directory). Limited output.\n"; errOut.String() != want {
		t.Errorf("stderr %q", errOut.String())
	}
	wantOut := shortHeader +
		"demo0            1500      - no statistics available -                        BMRU\n" +
		"lo              65536      - no statistics available -                        LRU\n"
	if out.String() != wantOut {
		t.Errorf("stdout %q", out.String())
	}

	src.confErr = fakeErrno{syscall.EACCES, false}
	out.Reset()
	errOut.Reset()
	if code := Print(&out, &errOut, &cli.Options{Mode: cli.ModeInterfaces}, src); code != 1 {
		t.Errorf("exit %d", code)
	}
	wantErr := "Warning: cannot open /proc/net/dev (No such file or directory). Limited output.\n" +
		"SIOCGIFCONF: Permission denied\nmissing interface information: Permission denied\n"
	if errOut.String() != wantErr || out.String() != shortHeader {
		t.Errorf("stdout %q stderr %q", out.String(), errOut.String())
	}
	if !errors.Is(fakeErrno{syscall.ENODEV, true}, ErrNoDevice) {
		t.Error("fake errno")
	}
}
