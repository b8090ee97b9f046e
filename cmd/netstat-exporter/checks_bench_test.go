package main

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/gonetstat/netstat/internal/diagnose"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/sockets"
)

// BenchmarkChecks100k measures the diagnoses one scrape runs on a sample
// of 100,000 TCP sockets over 50 programs.
func BenchmarkChecks100k(b *testing.B) {
	const n = 100_000
	h := &snapshot.Host{Owners: owners.NewIndexSize(n), Sockets: make([]sockets.Socket, n)}
	for i := range h.Sockets {
		st := sockets.Established
		switch {
		case i%100 == 0:
			st = sockets.Listen
		case i%10 == 1:
			st = sockets.CloseWait
		}
		h.Sockets[i] = sockets.Socket{
			Protocol: sockets.TCP,
			Local:    netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, byte(i >> 16), byte(i >> 8)}), uint16(i)),
			Remote:   netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), uint16(i%1000)),
			State:    st,
			Inode:    uint64(i + 1),
		}
		h.Owners.Add(uint64(i+1), owners.Owner{PID: i % 50, Program: fmt.Sprintf("prog%d", i%50)})
	}
	run := verdicts(diagnose.DefaultThresholds())
	b.ResetTimer()
	for range b.N {
		if len(run(h, h)) == 0 {
			b.Fatal("no verdicts")
		}
	}
}
