package procnet

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

// genSocketTCPTable returns a /proc/net/tcp image with n rows in kernel format.
func genSocketTCPTable(n int) []byte {
	var b bytes.Buffer
	b.WriteString("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d 1 0000000000000000 20 4 30 10 -1\n",
			i, 0x0100007F, i&0xFFFF, 0x0A0200C0+i, (i*7)&0xFFFF, 1+i%11, i%5000, i%3000, i%5, i*13, i%4, 1000+i%7, i%3, 100000+i)
	}
	return b.Bytes()
}

func BenchmarkParseInet(b *testing.B) {
	const rows = 100_000
	data := genSocketTCPTable(rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	var sum uint64
	for b.Loop() {
		r.Reset(data)
		n := 0
		if err := ParseInet(r, sockets.TCP, false, func(s *sockets.Socket) { n++; sum += s.Inode }, func() { b.Fatal("bad line") }); err != nil {
			b.Fatal(err)
		}
		if n != rows {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/rows, "ns/row")
}
