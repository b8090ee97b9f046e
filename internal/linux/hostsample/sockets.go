package hostsample

import (
	"errors"
	"io/fs"
	"os"

	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/linux/sockdiag"
	"github.com/gonetstat/netstat/internal/sockets"
)

// counterSection is a section of the protocol counters.
type counterSection = counters.Section

// socketTables are the Internet socket tables a sample reads, in the order
// netstat lists them.
var socketTables = []sockets.Protocol{sockets.TCP, sockets.UDP, sockets.UDPLite, sockets.Raw}

// readSockets returns copies of every Internet socket, IPv4 then IPv6 per
// protocol. sock_diag is asked first (one netlink socket per sample, so
// that samples share nothing); /proc/net serves what it cannot. A table
// the kernel lacks (IPv6 disabled, no UDP-Lite) is skipped.
func (s *Sampler) readSockets() ([]sockets.Socket, error) {
	var src sockets.Source = procnet.FS{Root: s.root}
	if s.netlink && os.Getenv("NETSTAT_READER") != "proc" {
		if nl, err := sockdiag.Open(); err == nil {
			defer nl.Close()
			nl.BothFamilies = true // one TCP dump for IPv4 and IPv6
			src = sockets.Fallback{Primary: nl, Secondary: src}
		}
	}
	out := make([]sockets.Socket, 0, s.lastSockets+s.lastSockets/8)
	defer func() { s.lastSockets = len(out) }()
	var errs []error
	for _, p := range socketTables {
		for _, ipv6 := range []bool{false, true} {
			err := src.Inet(p, ipv6, func(sk *sockets.Socket) {
				c := *sk
				c.Info = nil
				out = append(out, c)
			}, func() {})
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return out, errors.Join(errs...)
}
