//go:build linux

// Package ifreq makes the interface ioctls net-tools uses (SIOCGIFCONF,
// SIOCGIFFLAGS, SIOCGIFHWADDR, ...) on a datagram socket, with the struct
// ifreq layout of the running architecture.
package ifreq

import (
	"encoding/binary"
	"net/netip"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// nameSize is IFNAMSIZ.
const nameSize = unix.IFNAMSIZ

// unionSize is the size of ifreq's union: the largest of struct sockaddr
// (16), struct ifmap (two unsigned longs, a short and three chars, padded)
// and a pointer.
const unionSize = max(16, 2*int(unsafe.Sizeof(uintptr(0)))+8)

// Size is sizeof(struct ifreq), the stride of SIOCGIFCONF's array.
const Size = nameSize + unionSize

// request is a struct ifreq.
type request struct {
	name [nameSize]byte
	data [unionSize]byte
	_    [0]uint64 // align like the C union (it holds unsigned longs)
}

// Socket is an AF_INET datagram socket to make the ioctls on.
type Socket struct {
	fd int
}

// Open opens the socket.
func Open() (*Socket, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	return &Socket{fd: fd}, nil
}

// Close closes the socket.
func (s *Socket) Close() error {
	return unix.Close(s.fd)
}

func (s *Socket) ioctl(req uint, arg unsafe.Pointer) error {
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(s.fd), uintptr(req), uintptr(arg))
	if e != 0 {
		return e
	}
	return nil
}

// get makes ioctl req on a fresh ifreq for name and returns the union.
// Like net-tools' safe_strncpy, a name is cut to IFNAMSIZ-1 bytes.
func (s *Socket) get(name string, req uint, family uint16) (*request, error) {
	var r request
	copy(r.name[:nameSize-1], name)
	binary.NativeEndian.PutUint16(r.data[:2], family)
	if err := s.ioctl(req, unsafe.Pointer(&r)); err != nil {
		return nil, err
	}
	return &r, nil
}

// Flags returns ifr_flags (SIOCGIFFLAGS).
func (s *Socket) Flags(name string) (uint16, error) {
	r, err := s.get(name, unix.SIOCGIFFLAGS, 0)
	if err != nil {
		return 0, err
	}
	return binary.NativeEndian.Uint16(r.data[:2]), nil
}

// HWAddr returns the hardware type (sa_family, an ARPHRD_* value) and the
// 14 bytes of sa_data (SIOCGIFHWADDR).
func (s *Socket) HWAddr(name string) (uint16, []byte, error) {
	r, err := s.get(name, unix.SIOCGIFHWADDR, 0)
	if err != nil {
		return 0, nil, err
	}
	addr := make([]byte, 14)
	copy(addr, r.data[2:16])
	return binary.NativeEndian.Uint16(r.data[:2]), addr, nil
}

// int32Value makes an ioctl whose answer is the int at the union's start.
func (s *Socket) int32Value(name string, req uint) (int32, error) {
	r, err := s.get(name, req, 0)
	if err != nil {
		return 0, err
	}
	return int32(binary.NativeEndian.Uint32(r.data[:4])), nil
}

// MTU returns ifr_mtu (SIOCGIFMTU).
func (s *Socket) MTU(name string) (int32, error) { return s.int32Value(name, unix.SIOCGIFMTU) }

// Metric returns ifr_metric (SIOCGIFMETRIC).
func (s *Socket) Metric(name string) (int32, error) { return s.int32Value(name, unix.SIOCGIFMETRIC) }

// TxQueueLen returns ifr_qlen (SIOCGIFTXQLEN).
func (s *Socket) TxQueueLen(name string) (int32, error) {
	return s.int32Value(name, unix.SIOCGIFTXQLEN)
}

// Map is struct ifmap.
type Map struct {
	MemStart, MemEnd uint64
	BaseAddr         uint16
	IRQ, DMA, Port   uint8
}

// Map returns the device map (SIOCGIFMAP).
func (s *Socket) Map(name string) (Map, error) {
	r, err := s.get(name, unix.SIOCGIFMAP, 0)
	if err != nil {
		return Map{}, err
	}
	w := int(unsafe.Sizeof(uintptr(0)))
	word := func(b []byte) uint64 {
		if w == 8 {
			return binary.NativeEndian.Uint64(b)
		}
		return uint64(binary.NativeEndian.Uint32(b))
	}
	d := r.data[:]
	return Map{
		MemStart: word(d[0:w]),
		MemEnd:   word(d[w : 2*w]),
		BaseAddr: binary.NativeEndian.Uint16(d[2*w : 2*w+2]),
		IRQ:      d[2*w+2],
		DMA:      d[2*w+3],
		Port:     d[2*w+4],
	}, nil
}

// Pointer returns the pointer-sized ifr_data that a private ioctl (such as
// SLIP's SIOCGOUTFILL) stores a number in.
func (s *Socket) Pointer(name string, req uint) (uint64, error) {
	r, err := s.get(name, req, 0)
	if err != nil {
		return 0, err
	}
	if unsafe.Sizeof(uintptr(0)) == 8 {
		return binary.NativeEndian.Uint64(r.data[:8]), nil
	}
	return uint64(binary.NativeEndian.Uint32(r.data[:4])), nil
}

// inet4 makes an AF_INET address ioctl and returns the address.
func (s *Socket) inet4(name string, req uint) (netip.Addr, error) {
	r, err := s.get(name, req, unix.AF_INET)
	if err != nil {
		return netip.Addr{}, err
	}
	if binary.NativeEndian.Uint16(r.data[:2]) != unix.AF_INET {
		return netip.Addr{}, unix.EAFNOSUPPORT
	}
	return netip.AddrFrom4([4]byte(r.data[4:8])), nil
}

// Addr returns the IPv4 address (SIOCGIFADDR).
func (s *Socket) Addr(name string) (netip.Addr, error) { return s.inet4(name, unix.SIOCGIFADDR) }

// DstAddr returns the point-to-point peer (SIOCGIFDSTADDR).
func (s *Socket) DstAddr(name string) (netip.Addr, error) { return s.inet4(name, unix.SIOCGIFDSTADDR) }

// BrdAddr returns the broadcast address (SIOCGIFBRDADDR).
func (s *Socket) BrdAddr(name string) (netip.Addr, error) { return s.inet4(name, unix.SIOCGIFBRDADDR) }

// Netmask returns the netmask (SIOCGIFNETMASK).
func (s *Socket) Netmask(name string) (netip.Addr, error) { return s.inet4(name, unix.SIOCGIFNETMASK) }

// ifconf is struct ifconf: a length and a pointer to the ifreq array.
// Go pads it like C does: the pointer is aligned to its size.
type ifconf struct {
	len int32
	buf unsafe.Pointer
}

// Conf returns the names SIOCGIFCONF lists, in kernel order (one per IPv4
// address, with its label). Like net-tools it starts with room for 30 and
// doubles the buffer while the kernel fills it completely.
func (s *Socket) Conf() ([]string, error) {
	for n := 30; ; n *= 2 {
		buf := make([]byte, n*Size)
		c := ifconf{len: int32(len(buf)), buf: unsafe.Pointer(&buf[0])}
		err := s.ioctl(unix.SIOCGIFCONF, unsafe.Pointer(&c))
		runtime.KeepAlive(buf)
		if err != nil {
			return nil, err
		}
		if int(c.len) == len(buf) {
			continue
		}
		var names []string
		for off := 0; off+Size <= int(c.len); off += Size {
			names = append(names, unix.ByteSliceToString(buf[off:off+nameSize]))
		}
		return names, nil
	}
}
