// Command kdump is the benchmark's kernel lower bound for "netstat -tan":
// one NETLINK_SOCK_DIAG dump of every TCP socket (IPv4, then IPv6) whose
// replies are received and thrown away, with nothing decoded or printed.
// With -owners it also runs procfd.Scan, the /proc walk behind -p, so the
// two together bound "netstat -tanp". With -v it prints what it counted.
package main

import (
	"encoding/binary"
	"flag"
	"fmt"
	"os"

	"golang.org/x/sys/unix"

	"github.com/gonetstat/netstat/internal/linux/procfd"
)

func main() {
	withOwners := flag.Bool("owners", false, "also scan /proc/*/fd for socket owners")
	verbose := flag.Bool("v", false, "print the number of sockets (and owners)")
	flag.Parse()
	n, err := dumpTCP()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kdump:", err)
		os.Exit(1)
	}
	owned := -1
	if *withOwners {
		owned = procfd.Scan("/proc").Len()
	}
	if *verbose {
		fmt.Printf("sockets %d owners %d\n", n, owned)
	}
}

// dumpTCP dumps both TCP tables and returns the number of sockets seen.
func dumpTCP() (int, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.NETLINK_SOCK_DIAG)
	if err != nil {
		return 0, err
	}
	defer unix.Close(fd)
	buf := make([]byte, 64<<10)
	total := 0
	for _, family := range []uint8{unix.AF_INET, unix.AF_INET6} {
		n, err := dumpFamily(fd, family, buf)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// dumpFamily sends one inet_diag_req_v2 dump request for every TCP state
// and reads the replies into buf until NLMSG_DONE.
func dumpFamily(fd int, family uint8, buf []byte) (int, error) {
	const hdr, reqLen = unix.SizeofNlMsghdr, 56
	req := make([]byte, hdr+reqLen)
	ne := binary.NativeEndian
	ne.PutUint32(req[0:], uint32(len(req)))
	ne.PutUint16(req[4:], unix.SOCK_DIAG_BY_FAMILY)
	ne.PutUint16(req[6:], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
	req[hdr] = family
	req[hdr+1] = unix.IPPROTO_TCP
	ne.PutUint32(req[hdr+4:], 1<<13-1) // states 0..12, as /proc lists
	if err := unix.Sendto(fd, req, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return 0, err
	}
	count := 0
	for {
		n, _, err := unix.Recvfrom(fd, buf, 0)
		if err != nil {
			return count, err
		}
		for off := 0; off+hdr <= n; {
			l := int(ne.Uint32(buf[off:]))
			switch ne.Uint16(buf[off+4:]) {
			case unix.NLMSG_DONE:
				return count, nil
			case unix.NLMSG_ERROR:
				return count, fmt.Errorf("netlink error reply")
			}
			count++
			if l < hdr {
				return count, fmt.Errorf("bad netlink message length %d", l)
			}
			off += (l + 3) &^ 3
		}
	}
}
