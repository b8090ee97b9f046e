package exporter

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/sockets"
)

// bigHost is a host with n TCP sockets spread over 50 programs, 1 %
// listeners, 10 % CLOSE_WAIT, the rest established.
func bigHost(n int) *snapshot.Host {
	h := sampleHost()
	h.Owners = owners.NewIndexSize(n)
	h.Sockets = make([]sockets.Socket, n)
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
			Local:    netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 0, byte(i >> 16), byte(i >> 8)}), uint16(i)),
			State:    st,
			Inode:    uint64(i + 1),
		}
		h.Owners.Add(uint64(i+1), owners.Owner{PID: i % 50, Program: fmt.Sprintf("prog%d", i%50)})
	}
	return h
}

// BenchmarkScrape100k measures the metrics made from a sample of 100,000
// sockets (the sampling itself is the kernel readers' cost, not here).
func BenchmarkScrape100k(b *testing.B) {
	f := &fakeSampler{hosts: []*snapshot.Host{bigHost(100_000)}}
	c := New(single(f))
	b.ResetTimer()
	for range b.N {
		n := 0
		for range c.shared() {
			n++
		}
		if n == 0 {
			b.Fatal("no metrics")
		}
	}
}
