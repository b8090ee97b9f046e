// Package snapshottest builds large samples for the benchmarks of the
// packages that read snapshot.Host.
package snapshottest

import (
	"fmt"
	"net/netip"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// TCPFarm returns n IPv4 TCP sockets (1 % LISTEN, 10 % CLOSE_WAIT, the
// rest ESTABLISHED, inodes 1 to n) and their owners, spread over 50
// programs "prog0" to "prog49".
func TCPFarm(n int) ([]sockets.Socket, *owners.Index) {
	socks := make([]sockets.Socket, n)
	ix := owners.NewIndexSize(n)
	for i := range socks {
		st := sockets.Established
		switch {
		case i%100 == 0:
			st = sockets.Listen
		case i%10 == 1:
			st = sockets.CloseWait
		}
		socks[i] = sockets.Socket{
			Protocol: sockets.TCP,
			Local:    netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 0, byte(i >> 16), byte(i >> 8)}), uint16(i)),
			Remote:   netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), uint16(i%1000)),
			State:    st,
			Inode:    uint64(i + 1),
		}
		ix.Add(uint64(i+1), owners.Owner{PID: i % 50, Program: fmt.Sprintf("prog%d", i%50)})
	}
	return socks, ix
}
