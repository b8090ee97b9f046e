//go:build linux

// Package linkinfo gives the interface table its data on Linux:
// /proc/net/dev, /proc/net/if_inet6 and the interface ioctls.
package linkinfo

import (
	"errors"
	"io/fs"
	"os"

	"github.com/gonetstat/netstat/internal/links"
	"github.com/gonetstat/netstat/internal/linux/ifreq"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"golang.org/x/sys/unix"
)

// The files net-tools reads.
const (
	DevPath     = "/proc/net/dev"
	IfInet6Path = "/proc/net/if_inet6"
)

// SLIP's private ioctls for its timers (linux/if_slip.h).
const (
	siocgKeepalive = unix.SIOCDEVPRIVATE + 1
	siocgOutfill   = unix.SIOCDEVPRIVATE + 3
)

// Source implements links.Source for the running kernel (in the network
// namespace of the calling thread).
type Source struct {
	// DevPath and IfInet6Path name the files to read; New sets the
	// kernel's. Tests point them at fixtures.
	DevPath, IfInet6Path string

	sock *ifreq.Socket
}

// New opens the AF_INET socket the ioctls are made on.
func New() (*Source, error) {
	s, err := ifreq.Open()
	if err != nil {
		return nil, errnoError(err)
	}
	return &Source{DevPath: DevPath, IfInet6Path: IfInet6Path, sock: s}, nil
}

// Close closes the socket.
func (s *Source) Close() error {
	return s.sock.Close()
}

// Devices reads /proc/net/dev. A name that comes twice has the counters of
// its later line applied over those of the first, as net-tools does.
func (s *Source) Devices() ([]links.Device, error) {
	f, err := os.Open(s.DevPath)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: s.DevPath, Err: errnoError(unwrapPath(err))}
	}
	defer f.Close()
	var devs []links.Device
	index := map[string]int{}
	err = procnet.ParseDev(f, func(l *procnet.DevLine) {
		i, ok := index[l.Name]
		if !ok {
			i = len(devs)
			index[l.Name] = i
			devs = append(devs, links.Device{Name: l.Name})
		}
		l.Apply(&devs[i].Stats)
	})
	if err != nil {
		return devs, &fs.PathError{Op: "read", Path: s.DevPath, Err: errnoError(unwrapPath(err))}
	}
	return devs, nil
}

// AddressNames asks SIOCGIFCONF.
func (s *Source) AddressNames() ([]string, error) {
	names, err := s.sock.Conf()
	if err != nil {
		return nil, errnoError(err)
	}
	return names, nil
}

// IPv6Addresses reads /proc/net/if_inet6; without the file there are none.
func (s *Source) IPv6Addresses() []links.IPv6Address {
	f, err := os.Open(s.IfInet6Path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []links.IPv6Address
	procnet.ParseIfInet6(f, func(a *links.IPv6Address) { out = append(out, *a) })
	return out
}

// Fetch makes net-tools' if_fetch ioctls for ifc.Name. Only a failing
// SIOCGIFFLAGS is an error; every other failure leaves its documented
// default (MTU 0, no hardware address, TxQueueLen -1, no IPv4 address).
func (s *Source) Fetch(ifc *links.Interface) error {
	name := ifc.Name
	flags, err := s.sock.Flags(name)
	if err != nil {
		return errnoError(err)
	}
	ifc.Flags = flags

	if t, addr, err := s.sock.HWAddr(name); err == nil {
		ifc.Type, ifc.HWAddr = t, addr
	} else {
		// net-tools reads the type from the ifreq the failed ioctl left
		// alone, where the flags still are.
		ifc.Type, ifc.HWAddr = flags, nil
	}
	ifc.MTU, _ = s.sock.MTU(name)
	ifc.Metric, _ = s.sock.Metric(name)
	switch ifc.Type {
	case 256, 257, 258, 259, 264: // SLIP, CSLIP, SLIP6, CSLIP6, adaptive
		o, _ := s.sock.Pointer(name, siocgOutfill)
		k, _ := s.sock.Pointer(name, siocgKeepalive)
		ifc.Outfill, ifc.Keepalive = int32(o), int32(k)
	}
	if m, err := s.sock.Map(name); err == nil {
		ifc.Map = links.Map(m)
	} else {
		ifc.Map = links.Map{}
	}
	if q, err := s.sock.TxQueueLen(name); err == nil {
		ifc.TxQueueLen = q
	} else {
		ifc.TxQueueLen = -1
	}

	ifc.HasIPv4 = false
	if a, err := s.sock.Addr(name); err == nil {
		ifc.HasIPv4 = true
		ifc.Addr = a
		ifc.Destination, _ = s.sock.DstAddr(name)
		ifc.Broadcast, _ = s.sock.BrdAddr(name)
		ifc.Netmask, _ = s.sock.Netmask(name)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
