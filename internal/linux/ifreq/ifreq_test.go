//go:build linux

package ifreq

import (
	"errors"
	"github.com/gonetstat/netstat/internal/testenv"
	"testing"

	"golang.org/x/sys/unix"
)

// TestLoopback queries lo, which every network namespace has.
func TestLoopback(t *testing.T) {
	s, err := Open()
	if err != nil {
		testenv.Skip(t, err)
	}
	defer s.Close()
	flags, err := s.Flags("lo")
	if err != nil {
		t.Fatal(err)
	}
	if flags&unix.IFF_LOOPBACK == 0 {
		t.Errorf("lo flags %#x", flags)
	}
	typ, addr, err := s.HWAddr("lo")
	if err != nil || typ != unix.ARPHRD_LOOPBACK || len(addr) != 14 {
		t.Errorf("hwaddr %d %x %v", typ, addr, err)
	}
	if mtu, err := s.MTU("lo"); err != nil || mtu <= 0 {
		t.Errorf("mtu %d %v", mtu, err)
	}
	if _, err := s.TxQueueLen("lo"); err != nil {
		t.Error(err)
	}
	if _, err := s.Map("lo"); err != nil {
		t.Error(err)
	}
	if flags&unix.IFF_UP != 0 {
		if a, err := s.Addr("lo"); err != nil || !a.Is4() {
			t.Errorf("addr %v %v", a, err)
		}
		names, err := s.Conf()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, n := range names {
			found = found || n == "lo"
		}
		if !found {
			t.Errorf("SIOCGIFCONF %q has no lo", names)
		}
	}
	if _, err := s.Flags("nosuchdev0"); !errors.Is(err, unix.ENODEV) {
		t.Errorf("missing device: %v", err)
	}
}

func TestSize(t *testing.T) {
	if Size != 40 && Size != 32 {
		t.Errorf("sizeof(struct ifreq) = %d", Size)
	}
}
