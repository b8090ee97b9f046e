package check

import (
	"encoding/binary"
	"net/netip"
	"time"

	"golang.org/x/sys/unix"
)

// synFlood: a listener (backlog 16, syncookies on) flooded with SYNs from
// spoofed sources on a veth network whose hosts never answer, so the
// SYN-ACKs go unanswered: the request queue fills, and the kernel sends
// SYN cookies.
func synFlood() error {
	if err := sysctl("net/ipv4/tcp_syncookies", "1"); err != nil {
		return err
	}
	if err := sh("ip", "link", "add", "gnst0", "type", "veth", "peer", "name", "gnst1"); err != nil {
		return err
	}
	if err := sh("ip", "addr", "add", "10.77.0.1/16", "dev", "gnst0"); err != nil {
		return err
	}
	for _, dev := range []string{"gnst0", "gnst1"} {
		if err := sh("ip", "link", "set", dev, "up"); err != nil {
			return err
		}
	}
	server := netip.MustParseAddrPort("10.77.0.1:7002")
	if _, err := listenBacklog(server, 16); err != nil {
		return err
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.IPPROTO_RAW)
	if err != nil {
		return err
	}
	to := &unix.SockaddrInet4{Addr: server.Addr().As4()}
	go func() {
		for i := 0; ; i++ {
			src := netip.AddrFrom4([4]byte{10, 77, byte(1 + i/250%250), byte(2 + i%250)})
			unix.Sendto(fd, synPacket(src, server, uint16(1024+i%60000), uint32(i)*7919), 0, to)
			if i%20 == 0 {
				time.Sleep(10 * time.Millisecond)
			}
		}
	}()
	time.Sleep(500 * time.Millisecond)
	return nil
}

// synPacket builds an IPv4 packet holding a TCP SYN from src:sport to dst.
func synPacket(src netip.Addr, dst netip.AddrPort, sport uint16, seq uint32) []byte {
	p := make([]byte, 40)
	ip, tcp := p[:20], p[20:]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], 40)
	ip[8] = 64
	ip[9] = unix.IPPROTO_TCP
	s, d := src.As4(), dst.Addr().As4()
	copy(ip[12:], s[:])
	copy(ip[16:], d[:])
	binary.BigEndian.PutUint16(ip[10:], checksum(ip, 0))
	binary.BigEndian.PutUint16(tcp[0:], sport)
	binary.BigEndian.PutUint16(tcp[2:], dst.Port())
	binary.BigEndian.PutUint32(tcp[4:], seq)
	tcp[12] = 5 << 4
	tcp[13] = 0x02 // SYN
	binary.BigEndian.PutUint16(tcp[14:], 64240)
	// The pseudo-header: addresses, protocol, TCP length.
	var pseudo uint32
	for i := 0; i < 8; i += 2 {
		pseudo += uint32(binary.BigEndian.Uint16(ip[12+i:]))
	}
	pseudo += unix.IPPROTO_TCP + 20
	binary.BigEndian.PutUint16(tcp[16:], checksum(tcp, pseudo))
	return p
}

// checksum is the Internet checksum of b, starting from sum.
func checksum(b []byte, sum uint32) uint16 {
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	return ^uint16(sum)
}
