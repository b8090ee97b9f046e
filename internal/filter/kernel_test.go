package filter

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
)

func TestKernelAccessors(t *testing.T) {
	s, err := ParseWith(cli.Filters{
		Port:  "80,8000-8080",
		SPort: "0",
		DPort: "443, 1-1023",
		Addr:  "10.0.0.1,fd00::/8,::ffff:192.168.0.0/112,::ffff:0:0/95",
	}, testUsers)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Ports(), []PortRange{{80, 80}, {8000, 8080}}; !slices.Equal(got, want) {
		t.Errorf("Ports() = %v, want %v", got, want)
	}
	if got, want := s.LocalPorts(), []PortRange{{0, 0}}; !slices.Equal(got, want) {
		t.Errorf("LocalPorts() = %v, want %v", got, want)
	}
	if got, want := s.RemotePorts(), []PortRange{{443, 443}, {1, 1023}}; !slices.Equal(got, want) {
		t.Errorf("RemotePorts() = %v, want %v", got, want)
	}
	want := []netip.Prefix{
		netip.MustParsePrefix("10.0.0.1/32"),
		netip.MustParsePrefix("fd00::/8"),
		netip.MustParsePrefix("192.168.0.0/16"), // mapped, 96 bits or more: IPv4
		netip.MustParsePrefix("::fffe:0:0/95"),  // shorter: stays IPv6, masked
	}
	if got := s.Prefixes(); !slices.Equal(got, want) {
		t.Errorf("Prefixes() = %v, want %v", got, want)
	}

	// The slices are copies.
	s.Ports()[0] = PortRange{1, 1}
	s.Prefixes()[0] = netip.Prefix{}
	if s.Ports()[0] != (PortRange{80, 80}) || s.Prefixes()[0] != want[0] {
		t.Error("accessors return the Spec's own slices")
	}
}

func TestKernelAccessorsAbsent(t *testing.T) {
	var nilSpec *Spec
	s, err := ParseWith(cli.Filters{State: "LISTEN"}, testUsers)
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range []*Spec{nilSpec, s} {
		if sp.Ports() != nil || sp.LocalPorts() != nil || sp.RemotePorts() != nil || sp.Prefixes() != nil {
			t.Errorf("%v: lists of options not given are not nil", sp)
		}
	}
}
