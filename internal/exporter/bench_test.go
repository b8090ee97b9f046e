package exporter

import (
	"testing"

	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/snapshot/snapshottest"
)

// bigHost is sampleHost with n TCP sockets over 50 programs
// (snapshottest.TCPFarm).
func bigHost(n int) *snapshot.Host {
	h := sampleHost()
	h.Sockets, h.Owners = snapshottest.TCPFarm(n)
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
