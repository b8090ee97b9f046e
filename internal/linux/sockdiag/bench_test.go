package sockdiag

import (
	"testing"

	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/sockets"
)

// BenchmarkInetTCP dumps the host namespace's TCP tables (IPv4 then IPv6)
// as netstat -t does.
func BenchmarkInetTCP(b *testing.B) {
	benchmarkTCP(b, false)
}

// BenchmarkInetTCPTimers is BenchmarkInetTCP with tcp_info (netstat -o).
func BenchmarkInetTCPTimers(b *testing.B) {
	benchmarkTCP(b, true)
}

// BenchmarkInetTCPBoth is BenchmarkInetTCP with BothFamilies: one
// legacy dump, IPv6 rows held until the second call.
func BenchmarkInetTCPBoth(b *testing.B) {
	benchmarkTCPFamilies(b, false, true)
}

// BenchmarkInetTCPInfo is BenchmarkInetTCPBoth with TCPInfo
// (--tcp-info): tcp_info and the congestion name decoded for every row.
func BenchmarkInetTCPInfo(b *testing.B) {
	benchmarkTCPWith(b, false, true, true)
}

func benchmarkTCP(b *testing.B, timers bool) {
	benchmarkTCPFamilies(b, timers, false)
}

func benchmarkTCPFamilies(b *testing.B, timers, both bool) {
	benchmarkTCPWith(b, timers, both, false)
}

func benchmarkTCPWith(b *testing.B, timers, both, info bool) {
	r, err := Open()
	if err != nil {
		b.Skip(err)
	}
	defer r.Close()
	r.Timers = timers
	r.BothFamilies = both
	r.TCPInfo = info
	rows := 0
	visit := func(*sockets.Socket) { rows++ }
	b.ReportAllocs()
	for b.Loop() {
		for _, v6 := range []bool{false, true} {
			if err := r.Inet(sockets.TCP, v6, visit, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(rows)/float64(b.N), "sockets/op")
}

// BenchmarkProcTCP reads the same tables through /proc, for comparison.
func BenchmarkProcTCP(b *testing.B) {
	fs := procnet.FS{Root: "/proc"}
	rows := 0
	visit := func(*sockets.Socket) { rows++ }
	b.ReportAllocs()
	for b.Loop() {
		for _, v6 := range []bool{false, true} {
			if err := fs.Inet(sockets.TCP, v6, visit, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(rows)/float64(b.N), "sockets/op")
}

// BenchmarkInetTCPNetNS dumps a fresh namespace holding one listener and
// 300 established pairs (601 sockets), to show the cost per socket.
func BenchmarkInetTCPNetNS(b *testing.B) {
	err := inFreshNetNS(func() error {
		var s scenario
		defer s.closeAll()
		l := s.listen4(512)
		for i := 0; i < 300; i++ {
			s.connect4(port(l))
			s.accept(l)
		}
		r, err := Open()
		if err != nil {
			return err
		}
		defer r.Close()
		rows := 0
		visit := func(*sockets.Socket) { rows++ }
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := r.Inet(sockets.TCP, false, visit, nil); err != nil {
				return err
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(rows)/float64(b.N), "sockets/op")
		return nil
	})
	if err != nil {
		b.Skip(err)
	}
}
