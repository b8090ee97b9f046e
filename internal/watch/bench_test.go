package watch

import (
	"strconv"
	"testing"
)

// BenchmarkDiff compares two readings of 10,000 sockets of which 100
// changed.
func BenchmarkDiff(b *testing.B) {
	const n = 10000
	prev := make([]Socket, n)
	for i := range prev {
		prev[i] = Socket{Proto: "tcp", Local: "10.0.0.1:" + strconv.Itoa(i), Remote: "10.0.0.2:443", State: "ESTABLISHED", Inode: uint64(i + 1)}
	}
	cur := append([]Socket(nil), prev...)
	for i := 0; i < 100; i++ {
		cur[i*50].State = "CLOSE_WAIT"
	}
	b.ReportAllocs()
	for b.Loop() {
		if len(Diff(prev, cur)) != 100 {
			b.Fatal("wrong diff")
		}
	}
}
