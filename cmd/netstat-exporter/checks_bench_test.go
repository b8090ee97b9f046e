package main

import (
	"testing"

	"github.com/gonetstat/netstat/internal/diagnose"
	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/snapshot/snapshottest"
)

// BenchmarkChecks100k measures the diagnoses one scrape runs on a sample
// of 100,000 TCP sockets over 50 programs.
func BenchmarkChecks100k(b *testing.B) {
	h := &snapshot.Host{}
	h.Sockets, h.Owners = snapshottest.TCPFarm(100_000)
	run := verdicts(diagnose.DefaultThresholds())
	b.ResetTimer()
	for range b.N {
		if len(run(h, h)) == 0 {
			b.Fatal("no verdicts")
		}
	}
}
