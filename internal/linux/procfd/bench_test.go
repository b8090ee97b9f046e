package procfd

import (
	"strconv"
	"testing"
)

// BenchmarkScanProc scans the real /proc as "netstat -p" does, with one
// worker and with two, and reports the sockets found per scan. It measures
// whatever the host holds; for the 200,000-socket farm run it through
// bench/run:
//
//	bench/run -n 100000 -then 'go test -run XXX -bench ScanProc ./internal/linux/procfd'
func BenchmarkScanProc(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			defer func(old int) { scanWorkers = old }(scanWorkers)
			scanWorkers = w
			owned := 0
			b.ReportAllocs()
			for b.Loop() {
				owned = Scan("/proc").Len()
			}
			b.ReportMetric(float64(owned), "sockets")
		})
	}
}
